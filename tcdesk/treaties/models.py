"""Treaty instruments, the participation actions of States and organisations, and status imports.

Status at a date is never stored: it is computed from the actions by the pure rules of
`tcdesk.treaties.participation` (see `selectors.status_for_instrument`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet
from tcdesk.core.models import Country, Organisation, Theme, TranslatedNameMixin

from . import permissions
from .choices import ActionKind, Depositary, FactsVerified, Family, ImportFormat, ImportOutcome
from .status_formats.parsed import CONSENT_ACTIONS, EXIT_ACTIONS, SIGNATURE_ACTIONS

# Text budgets (tcdesk.core.limits) of an action entered by hand, read by the form, the API schema and the
# service (imports keep what the depositary's table says).
FOOTNOTES_MAX_CHARS = 2_000
DECLARATIONS_MAX_CHARS = 20_000  # a State's declarations and reservations run to a few pages
SOURCE_MAX_CHARS = 2_000  # where an imported file came from


class InstrumentQuerySet(ScopedQuerySet):
    """Treaty facts and status are public (`VIEW`); the secretariat and administrators change them
    (`RECORD_ACTIONS`)."""

    view_action = permissions.VIEW


class Instrument(TranslatedNameMixin, models.Model):
    """A treaty (convention, protocol or amendment) whose participation the programme follows."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    untc_ref = models.CharField(
        _("treaty collection reference"), max_length=20, unique=True, null=True, blank=True, help_text="XVIII-15"
    )
    family = models.CharField(_("family"), max_length=12, choices=Family.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    short_name_en = models.CharField(_("short name (English)"), max_length=120)
    short_name_fr = models.CharField(_("short name (French)"), max_length=120, blank=True)
    short_name_es = models.CharField(_("short name (Spanish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=400)
    name_fr = models.CharField(_("name (French)"), max_length=400, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=400, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent instrument"),
    )
    requires_party_to_parent = models.BooleanField(
        _("requires being party to the parent"),
        default=False,
        help_text=_("A State must be party to the parent Convention before it can join."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_place = models.CharField(_("place of adoption"), max_length=80, blank=True)
    opened_for_signature_on = models.DateField(_("opened for signature on"), null=True, blank=True)
    signature_closed_on = models.DateField(_("closed for signature on"), null=True, blank=True)
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    depositary = models.CharField(_("depositary"), max_length=20, choices=Depositary.choices)
    eif_days_after_deposit = models.PositiveSmallIntegerField(
        _("days from deposit to effect"),
        null=True,
        blank=True,
        help_text=_("For a new party, the consent takes effect on the Nth day after deposit (or at entry into force)."),
    )
    denunciation_effect_days = models.PositiveSmallIntegerField(
        _("days from denunciation to effect"), null=True, blank=True
    )
    counts_regional_organisations = models.BooleanField(
        _("open to regional economic integration organisations"), default=False
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="instruments", verbose_name=_("themes"))
    facts_verified = models.CharField(_("facts verified"), max_length=8, choices=FactsVerified.choices)
    notes = models.TextField(_("notes on the facts"), blank=True)
    source = models.TextField(_("sources"), blank=True)
    history = HistoricalRecords()

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("treaties:instrument_detail", args=[self.code])

    @property
    def short_name(self) -> str:
        return self.translated("short_name")

    @property
    def untc_url(self) -> str:
        if not self.untc_ref or self.depositary != Depositary.UN_SG:
            return ""
        chapter = 18 if self.untc_ref.startswith("XVIII") else 6 if self.untc_ref.startswith("VI-") else ""
        return (
            "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY"
            f"&mtdsg_no={self.untc_ref}&chapter={chapter}&lang=en"
        )

    def rules(self):
        """The pure-logic view of this instrument (`participation.InstrumentRules`)."""
        from .participation import InstrumentRules

        return InstrumentRules(
            code=self.code,
            entry_into_force_on=self.entry_into_force_on,
            eif_days_after_deposit=self.eif_days_after_deposit,
            denunciation_effect_days=self.denunciation_effect_days,
            parent_code=self.parent_id,
            requires_party_to_parent=self.requires_party_to_parent,
            adopted_on=self.adopted_on,
            opened_for_signature_on=self.opened_for_signature_on,
            signature_closed_on=self.signature_closed_on,
        )


class StatusImportQuerySet(ScopedQuerySet):
    """Every signed-in user reads the import log (`VIEW_IMPORTS`)."""

    view_action = permissions.VIEW_IMPORTS


class StatusImport(models.Model):
    """One run (dry or real) of a status-table import, with its counts, errors and new parties.

    `source` and `data_as_of` say where the file came from and the date up to which it is complete:
    the newest applied import of an instrument sets the date its status is known to (see
    `selectors.data_coverage`). `differences` lists the rows that disagree with a recorded action,
    each with both values and both sources, and whether it was applied as a correction.
    """

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="imports", verbose_name=_("instrument")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    format = models.CharField(_("format"), max_length=10, choices=ImportFormat.choices, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    outcome = models.CharField(_("outcome"), max_length=12, choices=ImportOutcome.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("uploaded by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    counts = models.JSONField(_("counts"), default=dict)
    errors = models.JSONField(_("errors"), default=list)
    new_parties = models.JSONField(_("new parties"), default=list, help_text=_("Participant keys that became parties."))
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the file came from: a web address, or a repository and commit.")
    )
    data_as_of = models.DateField(
        _("data as of"),
        null=True,
        blank=True,
        help_text=_("The date up to which the file is complete; status at a later date may miss actions."),
    )
    partial = models.BooleanField(
        _("partial"), default=False, help_text=_("The file is known to miss participants even at its own date.")
    )
    partial_note = models.CharField(_("what is missing"), max_length=300, blank=True)
    warnings = models.JSONField(_("warnings"), default=list)
    differences = models.JSONField(
        _("differences from recorded actions"),
        default=list,
        help_text=_("Rows that disagree with a recorded action, with both values and both sources."),
    )

    objects = StatusImportQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("status import")
        verbose_name_plural = _("status imports")

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.file_name} ({self.outcome})"

    def get_absolute_url(self) -> str:
        return reverse("treaties:import_detail", args=[self.pk])


class ParticipationActionQuerySet(ScopedQuerySet):
    view_action = permissions.VIEW


class ParticipationAction(models.Model):
    """One treaty action of a State (or of an organisation such as the European Union) on a date.

    A State's status at any date is derived from these rows; an organisation takes part but is
    never counted as a State.
    """

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="actions", verbose_name=_("instrument")
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="treaty_actions",
        verbose_name=_("State"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="treaty_actions",
        verbose_name=_("organisation"),
    )
    action = models.CharField(_("action"), max_length=24, choices=ActionKind.choices)
    date = models.DateField(_("date"))
    effective_from = models.DateField(
        _("effective from"),
        null=True,
        blank=True,
        help_text=_("For a succession: the date from which the successor State considers itself bound."),
    )
    participant_as_written = models.CharField(_("participant as written"), max_length=200, blank=True)
    footnotes = models.TextField(_("footnotes"), blank=True)
    declarations = models.TextField(_("declarations and reservations"), blank=True)
    source_import = models.ForeignKey(
        StatusImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_actions",
        verbose_name=_("imported by"),
    )
    corrected_by = models.ForeignKey(
        StatusImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrected_actions",
        verbose_name=_("corrected by import"),
        help_text=_("The import whose correction last changed this action (the change is in its history)."),
    )
    synthetic = models.BooleanField(_("synthetic (demo data)"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ParticipationActionQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "date", "pk"]
        verbose_name = _("participation action")
        verbose_name_plural = _("participation actions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(country__isnull=False) & Q(organisation__isnull=True))
                | (Q(country__isnull=True) & Q(organisation__isnull=False)),
                name="action_has_one_participant",
            ),
            models.UniqueConstraint(
                fields=["instrument", "country", "action", "date"],
                condition=Q(country__isnull=False),
                name="action_unique_per_state",
            ),
            models.UniqueConstraint(
                fields=["instrument", "organisation", "action", "date"],
                condition=Q(organisation__isnull=False),
                name="action_unique_per_organisation",
            ),
        ]
        indexes = [models.Index(fields=["country", "instrument"])]

    def __str__(self) -> str:
        return f"{self.participant_key} {self.action} {self.instrument_id} {self.date.isoformat()}"

    @property
    def participant_key(self) -> str:
        return self.country_id or (self.organisation.code if self.organisation_id else "")

    @property
    def participant(self):
        return self.country or self.organisation

    @property
    def kind(self) -> str:
        if self.action in SIGNATURE_ACTIONS:
            return "signature"
        if self.action in CONSENT_ACTIONS:
            return "consent"
        if self.action in EXIT_ACTIONS:
            return "exit"
        return ""
