"""Technical-assistance requests from States, their workflow events, priority weights and partners' activities."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet, holds
from tcdesk.core.models import Country, Organisation, Theme, TimeStampedModel

from . import permissions, workflow
from .choices import ActivitySource, AssistanceType, Decision, EventKind, Rating, RequestAction, RequestStatus
from .codes import split_codes

# Text budgets (tcdesk.core.limits): read by the forms, the API schemas and the services.
DESCRIPTION_MAX_CHARS = 20_000  # a request's description (services.requests.MAX_DESCRIPTION)
COMMENT_MAX_CHARS = 10_000  # a comment, a transition's reason, an assessment note
CITATIONS_MAX_CHARS = 2_000  # mandates cited by hand, one per line
PARTNER_DESCRIPTION_MAX_CHARS = 10_000  # a partner's activity entered by hand
CODES_PER_LIST = 200  # assistance types, themes, instruments or mandates of one request


class AssistanceRequestQuerySet(ScopedQuerySet):
    """Who sees and acts on which requests (`permissions`): staff read all, a State focal point its own
    State's (`VIEW_REQUEST`); officers change all, a focal point its own State's (`CHANGE_REQUEST`)."""

    view_action = permissions.VIEW_REQUEST
    scope_fields = {"country": "country"}

    def open(self) -> AssistanceRequestQuerySet:
        return self.filter(status__in=workflow.OPEN_STATUSES)


class AssistanceRequest(TimeStampedModel):
    """A State's request for technical assistance, from its submission to a decision and delivery."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="assistance_requests", verbose_name=_("requesting State")
    )
    title = models.CharField(_("title"), max_length=200)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    requesting_authority = models.CharField(_("requesting authority"), max_length=255)
    assistance_types = models.CharField(
        _("types of assistance"), max_length=300, blank=True, help_text=_("Codes stored as ,a,b,.")
    )
    themes = models.ManyToManyField(Theme, related_name="assistance_requests", blank=True, verbose_name=_("themes"))
    beneficiary_institutions = models.TextField(_("beneficiary institutions"), blank=True)
    description = models.TextField(_("description"))
    desired_start = models.DateField(_("desired start"), null=True, blank=True)
    desired_end = models.DateField(_("desired end"), null=True, blank=True)
    post_conflict = models.BooleanField(_("part of post-conflict reconstruction"), default=False)
    status = models.CharField(
        _("status"), max_length=24, choices=RequestStatus.choices, default=RequestStatus.DRAFT, db_index=True
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    country_groups = models.CharField(
        _("country groups at submission"), max_length=60, blank=True, help_text=_("Codes stored as ,LDC,LLDC,.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    project_reference = models.CharField(_("project"), max_length=60, blank=True)
    # Who in the programme looks after the request (the queue's "assigned to" and "mine").
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    # The officer's assessment (recorded with the "assess" step); the planning app reads the cost estimate.
    relevance = models.CharField(_("relevance"), max_length=8, choices=Rating.choices, blank=True)
    feasibility = models.CharField(_("feasibility"), max_length=8, choices=Rating.choices, blank=True)
    cost_estimate = models.DecimalField(_("cost estimate"), max_digits=14, decimal_places=2, null=True, blank=True)
    cost_currency = models.CharField(_("currency of the cost estimate"), max_length=3, blank=True)
    recommended_decision = models.CharField(
        _("recommended decision"), max_length=10, choices=Decision.choices, blank=True
    )
    priority_score = models.IntegerField(_("priority"), default=0, db_index=True)
    priority_explanation = models.JSONField(_("priority explanation"), default=list, blank=True)
    priority_computed_at = models.DateTimeField(_("priority computed"), null=True, blank=True)
    weights_version = models.ForeignKey(
        "PriorityWeights",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("weights version"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["priority_explanation", "priority_computed_at"])

    objects = AssistanceRequestQuerySet.as_manager()

    # The History tab in words: the workflow's step names, without the internal bookkeeping.
    history_hidden_fields = ("weights_version", "country_groups")
    history_reasons = {
        **dict(RequestAction.choices),
        "assign": _("Assigned"),
        "import": _("Imported"),
    }

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        indexes = [
            models.Index(fields=["country", "status"], name="request_country_status"),
            models.Index(fields=["status", "-priority_score"], name="request_status_priority"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_end__isnull=True)
                | Q(desired_start__isnull=True)
                | Q(desired_end__gte=models.F("desired_start")),
                name="request_period_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="request_status_known"),
            models.CheckConstraint(
                condition=Q(cost_estimate__isnull=True) | (Q(cost_estimate__gte=0) & ~Q(cost_currency="")),
                name="request_cost_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:request_detail", args=[self.pk])

    @property
    def assistance_type_list(self) -> list[str]:
        return split_codes(self.assistance_types)

    @property
    def assistance_type_labels(self) -> list[str]:
        labels = dict(AssistanceType.choices)
        return [str(labels.get(code, code)) for code in self.assistance_type_list]

    @property
    def group_list(self) -> list[str]:
        return split_codes(self.country_groups)

    def days_waiting(self, now=None) -> int | None:
        """Days from submission to decision (or to now while undecided); a request withdrawn or closed
        without a decision stops counting at its last change."""
        if not self.submitted_at:
            return None
        end = self.decided_at or (self.updated_at if self.status in workflow.FINAL_STATUSES else None)
        end = end or now or timezone.now()
        return max(0, (end - self.submitted_at).days)

    @property
    def is_waiting(self) -> bool:
        """Still waiting for the programme's decision (the waiting days still run)."""
        return self.status in workflow.AWAITING_DECISION


class RequestInstrument(models.Model):
    """An instrument a request concerns (soft link by the treaties app's code, e.g. ICSANT, UNTOC)."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="instruments", verbose_name=_("request")
    )
    instrument_code = models.CharField(_("instrument"), max_length=40)
    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument_code"]
        verbose_name = _("instrument concerned")
        verbose_name_plural = _("instruments concerned")
        constraints = [models.UniqueConstraint(fields=["request", "instrument_code"], name="request_instrument_once")]

    def __str__(self) -> str:
        return self.instrument_code


class RequestMandateLink(models.Model):
    """A mandate the request relates to: the citation as written (a resolution symbol and paragraph, e.g.
    A/RES/60/175 op. 5) and, once the mandates registry holds that paragraph, the registry's mandate.

    The text is always kept, so a reference to a resolution not (yet) loaded stays; `mandate` is filled
    when the request is written and, for links written earlier, when the mandate appears in the registry
    (see `services.mandate_links`).
    """

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="mandate_links", verbose_name=_("request")
    )
    symbol = models.CharField(_("resolution symbol"), max_length=40)
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    mandate = models.ForeignKey(
        "mandates.Mandate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request_links",
        verbose_name=_("mandate in the registry"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["symbol", "paragraph"]
        verbose_name = _("related mandate")
        verbose_name_plural = _("related mandates")
        constraints = [models.UniqueConstraint(fields=["request", "symbol", "paragraph"], name="request_mandate_once")]
        indexes = [models.Index(fields=["symbol", "paragraph"], name="request_mandate_citation")]

    def __str__(self) -> str:
        return f"{self.symbol} op. {self.paragraph}" if self.paragraph else self.symbol

    @property
    def is_resolved(self) -> bool:
        return self.mandate_id is not None


def _attachment_path(instance: RequestAttachment, filename: str) -> str:
    return f"assistance/{instance.request_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class RequestAttachmentQuerySet(ScopedQuerySet):
    """An attachment is read by whoever reads its request."""

    view_action = permissions.VIEW_REQUEST
    scope_fields = {"country": "request__country"}


class RequestAttachment(models.Model):
    """A file attached to a request (PDF, DOCX or image), type checked from its content."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("request")
    )
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = HistoricalRecords()

    objects = RequestAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("assistance:attachment_download", args=[self.request_id, self.pk])


class RequestEventQuerySet(models.QuerySet["RequestEvent"]):
    def visible_to(self, user) -> RequestEventQuerySet:
        """Focal points see the events shared with the State; staff see internal notes too (`VIEW_INTERNAL`)."""
        return self if holds(user, permissions.VIEW_INTERNAL) else self.filter(visible_to_state=True)


class RequestEvent(models.Model):
    """One thing that happened to a request: a status change or a comment, with actor, time and text."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    action = models.CharField(_("action"), max_length=24, blank=True)
    from_status = models.CharField(_("from"), max_length=24, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=24, choices=RequestStatus.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    visible_to_state = models.BooleanField(_("visible to the State"), default=True)

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        indexes = [models.Index(fields=["request", "at"], name="request_event_request_at")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.to_status} {self.at:%Y-%m-%d}"


class PriorityWeights(models.Model):
    """One version of the priority weights; the latest version is the one in force."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    weights = models.JSONField(_("weights"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("priority weights")
        verbose_name_plural = _("priority weights")

    def __str__(self) -> str:
        return f"v{self.version}"


class PartnerActivityQuerySet(ScopedQuerySet):
    """Partners' activities are read by programme staff (`VIEW_PARTNER_ACTIVITIES`); officers and
    administrators record them (`RECORD_PARTNER_ACTIVITY`)."""

    view_action = permissions.VIEW_PARTNER_ACTIVITIES


class PartnerActivity(TimeStampedModel):
    """An activity of a development partner (UNDP, World Bank…) in a State, recorded by hand or from IATI."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assistance_activities", verbose_name=_("partner")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="partner_activities", verbose_name=_("country")
    )
    themes = models.ManyToManyField(Theme, related_name="partner_activities", blank=True, verbose_name=_("themes"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=ActivitySource.choices, default=ActivitySource.MANUAL)
    iati_identifier = models.CharField(_("IATI identifier"), max_length=150, null=True, blank=True, unique=True)
    history = HistoricalRecords()

    objects = PartnerActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("partner activity")
        verbose_name_plural = _("partner activities")
        indexes = [models.Index(fields=["country", "end"], name="partner_activity_country_end")]

    def __str__(self) -> str:
        return self.title


class SavedQueueFilterQuerySet(ScopedQuerySet):
    """A user sees and deletes only their own saved filters."""

    view_action = permissions.SAVE_QUEUE_FILTER
    scope_fields = {"owner": "user"}


class SavedQueueFilter(models.Model):
    """A named set of the queue's filters (its query string), kept for the user who saved it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = SavedQueueFilterQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved queue filter")
        verbose_name_plural = _("saved queue filters")
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_filter_name_once")]

    def __str__(self) -> str:
        return self.name
