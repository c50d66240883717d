"""Resolutions of the governing bodies, their paragraphs, footnotes and citations, and the mandates
they give the programme, tracked from open to delivered.

A resolution is loaded from its text (or PDF) by `services.resolution_load`, which parses it with the
plain `parsing` module and stores the parts below. Re-loading the same symbol updates the parts in
place and keeps the tracking of every mandate whose paragraph still exists.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet
from tcdesk.core.models import Theme, TimeStampedModel, TranslatedNameMixin

from . import permissions
from .choices import (
    PENDING_STATUSES,
    Action,
    Body,
    CitationKind,
    DraftStatus,
    EventKind,
    Language,
    MandateStatus,
    ParagraphKind,
    ReportingKind,
    SourceFormat,
)

# The General Assembly's Nth regular session opens in September of 1945 + N (the 61st in 2006).
GA_FIRST_SESSION_YEAR = 1945
# Text budgets (tcdesk.core.limits) of what people write about mandates (not of resolutions, which are
# whole documents): read by the forms, the API schemas and the services.
COMMENT_MAX_CHARS = 2_000  # a status change's, a supersession's or a renewal's comment
EVIDENCE_TEXT_MAX_CHARS = 10_000  # the description of what was done
CORRECTION_TEXT_MAX_CHARS = 2_000  # the words a reviewer moves or splits at


def ga_session_year(session: int | None) -> int | None:
    """Year in which the General Assembly's given regular session opens."""
    return GA_FIRST_SESSION_YEAR + session if session else None


class ResolutionQuerySet(ScopedQuerySet):
    """Resolutions are public documents (`permissions.VIEW`); loading them is `LOAD_RESOLUTION`."""

    view_action = permissions.VIEW

    def with_counts(self) -> ResolutionQuerySet:
        return self.annotate(
            mandate_count=Count("mandates", distinct=True),
            open_mandate_count=Count("mandates", filter=Q(mandates__status__in=PENDING_STATUSES), distinct=True),
        )


class Resolution(TimeStampedModel):
    """A resolution of the General Assembly, the Economic and Social Council or the Security Council,
    as loaded from its official text."""

    symbol = models.CharField(_("symbol"), max_length=60, unique=True, help_text=_("For example A/RES/60/175."))
    body = models.CharField(_("body"), max_length=10, choices=Body.choices, default=Body.GA)
    session = models.PositiveIntegerField(_("session"), null=True, blank=True)
    adoption_date = models.DateField(_("adoption date"), null=True, blank=True)
    title = models.TextField(_("title"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    agenda_item = models.CharField(_("agenda item"), max_length=60, blank=True)
    plenary_meeting = models.PositiveIntegerField(_("plenary meeting"), null=True, blank=True)
    source_text = models.TextField(_("source text"), help_text=_("The text as loaded (extracted from the PDF)."))
    source_sha256 = models.CharField(_("source SHA-256"), max_length=64)
    source_filename = models.CharField(_("source file name"), max_length=255, blank=True)
    source_format = models.CharField(_("source format"), max_length=3, choices=SourceFormat.choices)
    parsed = models.JSONField(
        _("parsed structure"), default=dict, help_text=_("The parser's JSON document, with the corrections applied.")
    )
    corrections = models.JSONField(
        _("corrections"),
        default=list,
        blank=True,
        help_text=_("The reviewer's corrections of the parse, replayed whenever the same text is loaded again."),
    )
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loaded by"),
    )
    loaded_at = models.DateTimeField(_("loaded at"))
    history = HistoricalRecords(excluded_fields=["source_text", "parsed"])

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["-session", "symbol"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.CheckConstraint(condition=~Q(symbol=""), name="resolution_symbol_not_empty"),
        ]

    def __str__(self) -> str:
        return self.symbol

    def get_absolute_url(self) -> str:
        return reverse("mandates:resolution_detail", args=[self.symbol])

    @property
    def number(self) -> str:
        """The short number users quote: "60/175" for A/RES/60/175."""
        for prefix in ("A/RES/", "E/RES/", "S/RES/"):
            if self.symbol.startswith(prefix):
                return self.symbol[len(prefix) :]
        return self.symbol


class Paragraph(models.Model):
    """A preambular, operative or annex paragraph of a resolution, in document order."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("resolution")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ParagraphKind.choices)
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("Operative number, preambular index or annex number.")
    )
    order = models.PositiveIntegerField(_("order"))
    lead = models.CharField(_("lead words"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    annex_section = models.PositiveIntegerField(_("annex section"), null=True, blank=True)
    footnote_markers = models.JSONField(
        _("footnote markers"),
        default=list,
        blank=True,
        help_text=_("[{number, at}]: where each marker sits in the text."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "order"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "kind", "order"], name="paragraph_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.resolution_id} {self.get_kind_display()} {self.label}"

    @property
    def label(self) -> str:
        return str(self.number) if self.number is not None else f"#{self.order}"

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.order}"


class SubParagraph(models.Model):
    """A lettered sub-paragraph ("(a)", "a)") of a paragraph."""

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="subparagraphs", verbose_name=_("paragraph")
    )
    label = models.CharField(_("label"), max_length=10)
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["paragraph", "order"]
        verbose_name = _("sub-paragraph")
        verbose_name_plural = _("sub-paragraphs")
        constraints = [models.UniqueConstraint(fields=["paragraph", "order"], name="subparagraph_unique_order")]

    def __str__(self) -> str:
        return f"({self.label})"


class Footnote(models.Model):
    """A footnote of a resolution, kept apart from the body and linked from its markers."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="footnotes", verbose_name=_("resolution")
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    called_from = models.JSONField(_("called from"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "number"]
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")
        constraints = [models.UniqueConstraint(fields=["resolution", "number"], name="footnote_unique_number")]

    def __str__(self) -> str:
        return f"{self.resolution_id} n. {self.number}"


class Citation(models.Model):
    """A resolution, decision or document a resolution cites, as written, linked to the cited
    resolution when tcdesk holds it."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="citations", verbose_name=_("citing resolution")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CitationKind.choices)
    body = models.CharField(_("body"), max_length=10, choices=Body.choices, blank=True)
    ref = models.CharField(_("reference as written"), max_length=80)
    target_symbol = models.CharField(
        _("cited symbol"), max_length=80, blank=True, db_index=True, help_text=_("For example A/RES/55/25.")
    )
    occurrences = models.JSONField(_("occurrences"), default=list, blank=True)
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("first paragraph citing it"),
    )
    cited_resolution = models.ForeignKey(
        Resolution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        verbose_name=_("cited resolution"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "kind", "body", "ref"], name="citation_unique_ref"),
        ]

    def __str__(self) -> str:
        return self.target_symbol or self.ref

    @property
    def is_resolved(self) -> bool:
        return self.cited_resolution_id is not None


class Addressee(TranslatedNameMixin, models.Model):
    """Who a mandate is addressed to, under a canonical English code (the Secretary-General, the
    Office, Member States, the Commission, donors, civil society…)."""

    code = models.SlugField(_("code"), max_length=60, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=200, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")

    def __str__(self) -> str:
        return self.name


class MandateQuerySet(ScopedQuerySet):
    """Anyone reads mandates (`permissions.VIEW`); tracking them is `TRACK_MANDATE`."""

    view_action = permissions.VIEW

    def pending(self) -> MandateQuerySet:
        return self.filter(status__in=PENDING_STATUSES)


class Mandate(models.Model):
    """What an operative paragraph (or one of its lettered sub-paragraphs) asks or decides: its
    action, addressees, themes and deadline, tracked from open to delivered."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("resolution")
    )
    key = models.CharField(
        _("paragraph reference"), max_length=20, help_text=_("Operative number and sub-paragraph: 26, 2(a).")
    )
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("paragraph"),
    )
    subparagraph = models.ForeignKey(
        SubParagraph,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("sub-paragraph"),
    )
    paragraph_number = models.PositiveIntegerField(_("operative paragraph"))
    subparagraph_label = models.CharField(_("sub-paragraph"), max_length=10, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    other_actions = models.CharField(
        _("further actions"), max_length=200, blank=True, help_text=_("Further action clauses, comma-separated.")
    )
    lead = models.CharField(_("lead words"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    addressees = models.ManyToManyField(Addressee, blank=True, related_name="mandates", verbose_name=_("addressees"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="mandates", verbose_name=_("themes"))
    status = models.CharField(_("status"), max_length=12, choices=MandateStatus.choices, default=MandateStatus.OPEN)
    due_session = models.PositiveIntegerField(_("due at session"), null=True, blank=True)
    due_year = models.PositiveIntegerField(_("due in year"), null=True, blank=True)
    in_text = models.BooleanField(
        _("in the current text"),
        default=True,
        help_text=_("False when a re-loaded text no longer has this paragraph; its tracking is kept."),
    )
    superseded_by = models.ForeignKey(
        Resolution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    renewed_by = models.ForeignKey(
        Resolution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renews",
        verbose_name=_("renewed by"),
    )
    history = HistoricalRecords()

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["resolution", "order"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "key"], name="mandate_unique_key"),
            models.CheckConstraint(
                condition=Q(due_year__isnull=True) | Q(due_session__isnull=False), name="mandate_year_needs_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resolution_id} op. {self.key}"

    def get_absolute_url(self) -> str:
        return reverse("mandates:mandate_detail", args=[self.pk])

    @property
    def other_action_list(self) -> list[str]:
        return [a for a in self.other_actions.strip(",").split(",") if a]

    @property
    def other_action_labels(self) -> list[str]:
        labels = dict(Action.choices)
        return [str(labels.get(a, a)) for a in self.other_action_list]


class MandateEvidence(models.Model):
    """A link or a note showing what was done about a mandate."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("mandate"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    text = models.TextField(_("description"), blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["mandate", "-added_at", "-pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(text=""), name="evidence_has_link_or_text"),
        ]

    def __str__(self) -> str:
        return self.url or self.text[:60]


class MandateEvent(models.Model):
    """One step of a mandate's tracking, shown as its timeline: status changes, evidence,
    supersession and renewal, re-loads of the text."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="events", verbose_name=_("mandate"))
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=MandateStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=MandateStatus.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["mandate", "-at", "-pk"]
        verbose_name = _("mandate event")
        verbose_name_plural = _("mandate events")

    def __str__(self) -> str:
        return f"{self.mandate} {self.kind} {self.at:%Y-%m-%d}"


class ReportingRequestQuerySet(ScopedQuerySet):
    view_action = permissions.VIEW


class ReportingRequest(models.Model):
    """A report a resolution asks for (a deliverable due at a session), or a standing request to
    transmit another body's reports; linked to the mandate of its paragraph."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="reporting_requests", verbose_name=_("resolution")
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporting_requests",
        verbose_name=_("mandate"),
    )
    paragraph_number = models.PositiveIntegerField(_("operative paragraph"))
    kind = models.CharField(_("kind"), max_length=12, choices=ReportingKind.choices, default=ReportingKind.REPORT)
    addressee = models.ForeignKey(
        Addressee, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("addressee")
    )
    to_session = models.PositiveIntegerField(_("to session"), null=True, blank=True)
    due_year = models.PositiveIntegerField(_("due in year"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ReportingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["to_session", "resolution", "paragraph_number"]
        verbose_name = _("reporting request")
        verbose_name_plural = _("reporting requests")

    def __str__(self) -> str:
        return f"{self.resolution_id} op. {self.paragraph_number} → {self.to_session or '—'}"


class ResolutionDraftQuerySet(ScopedQuerySet):
    """Loads waiting for review are seen by those who load resolutions (`permissions.VIEW_DRAFT`)."""

    view_action = permissions.VIEW_DRAFT


class ResolutionDraft(models.Model):
    """A load at its review step: the file as read, the parser's structure and its warnings, and the
    reviewer's corrections. Nothing of it is a resolution until it is confirmed."""

    source_text = models.TextField(_("source text"))
    source_sha256 = models.CharField(_("source SHA-256"), max_length=64, db_index=True)
    source_filename = models.CharField(_("source file name"), max_length=255, blank=True)
    source_format = models.CharField(_("source format"), max_length=3, choices=SourceFormat.choices)
    source_data = models.BinaryField(_("file as uploaded"), help_text=_("Kept until the load is confirmed."))
    lang = models.CharField(_("language asked"), max_length=5, default="auto")
    symbol_given = models.CharField(_("symbol given"), max_length=60, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True, help_text=_("As read from the text."))
    parsed = models.JSONField(_("parsed structure"), default=dict, help_text=_("The parser's JSON document."))
    corrections = models.JSONField(_("corrections"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DraftStatus.choices, default=DraftStatus.OPEN)
    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("resolution"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("loaded by")
    )
    created_at = models.DateTimeField(_("loaded at"))
    closed_at = models.DateTimeField(_("confirmed or discarded at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["source_text", "source_data", "parsed"])

    objects = ResolutionDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("resolution under review")
        verbose_name_plural = _("resolutions under review")

    def __str__(self) -> str:
        return f"{self.symbol or self.source_filename or self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("mandates:resolution_review", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == DraftStatus.OPEN
