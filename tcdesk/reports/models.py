"""Reports: a definition (which resolution, which period), its generated versions and its conclusions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet
from tcdesk.core.limits import bounded

from . import permissions
from .choices import ReportKind, ReportLanguage, VersionStatus

# Text budget (tcdesk.core.limits) of a report's conclusions and recommendations (a few pages), read by the
# model, the form, the API schema and the service; below the edge's limit, so the form names the rule.
CONCLUSIONS_MAX_CHARS = 15_000


class ReportQuerySet(ScopedQuerySet):
    """Staff read every report; a donor reads the reports made for it (its State or organisation)."""

    view_action = permissions.VIEW_REPORT
    scope_fields = {"country": "donor__country", "organisation": "donor__organisation"}


class Report(models.Model):
    """What a report answers: the resolution whose reporting request it fulfils and the period it covers.

    The document itself is generated from the records as often as needed (`ReportVersion`), in each
    language; the definition stays the same.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices, default=ReportKind.SECRETARY_GENERAL)
    resolution = models.ForeignKey(
        "mandates.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolution"),
    )
    donor = models.ForeignKey(
        "funds.Donor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("donor"),
        help_text=_("For a report to a donor on its contributions."),
    )
    instrument = models.ForeignKey(
        "treaties.Instrument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("convention"),
        help_text=_("For a report to the Conference of the Parties to a convention."),
    )
    reporting_request = models.ForeignKey(
        "mandates.ReportingRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reporting request"),
        help_text=_("The operative paragraph that asks for the report."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"))
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="report_period_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=(Q(kind="sg") & Q(resolution__isnull=False) & Q(donor__isnull=True))
                | (Q(kind="donor") & Q(donor__isnull=False))
                | (Q(kind="cop") & Q(instrument__isnull=False) & Q(donor__isnull=True) & Q(resolution__isnull=True)),
                name="report_answers_a_resolution_or_a_donor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def subject(self) -> str:
        """What the report is on: the resolution's symbol, the donor's code or the convention's code."""
        if self.donor_id:
            return self.donor.code
        if self.instrument_id:
            return self.instrument_id
        return self.resolution.symbol if self.resolution_id else "—"


def _version_path(instance: ReportVersion, filename: str) -> str:
    return f"reports/{instance.report_id}/{filename}"


class ReportVersionQuerySet(ScopedQuerySet):
    view_action = permissions.VIEW_REPORT
    scope_fields = {"country": "report__donor__country", "organisation": "report__donor__organisation"}


class ReportVersion(models.Model):
    """One generation of a report in one language: the DOCX and the PDF, the figures they state, and
    the fingerprint of the data they were computed from (same data, same fingerprint)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions", verbose_name=_("report"))
    number = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=5, choices=ReportLanguage.choices)
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.QUEUED)
    job = models.ForeignKey(
        "core.BackgroundJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("job")
    )
    docx = models.FileField(_("DOCX"), upload_to=_version_path, max_length=300, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=_version_path, max_length=300, blank=True)
    docx_size = models.PositiveIntegerField(_("DOCX size (bytes)"), null=True, blank=True)
    pdf_size = models.PositiveIntegerField(_("PDF size (bytes)"), null=True, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    paragraphs = models.PositiveIntegerField(_("numbered paragraphs"), null=True, blank=True)
    annex_rows = models.PositiveIntegerField(_("annex rows"), null=True, blank=True)
    data_version = models.CharField(
        _("data version"), max_length=64, blank=True, help_text=_("SHA-256 of the figures and text computed.")
    )
    seconds = models.FloatField(_("generation time (s)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("generated by")
    )
    created_at = models.DateTimeField(_("requested at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number} ({self.language})"

    @property
    def is_ready(self) -> bool:
        return self.status == VersionStatus.READY


class ReportConclusions(models.Model):
    """The conclusions and recommendations the secretariat writes for a report, in one language.

    Each save is a new row (the newest is used), so earlier wordings and their authors are kept."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="conclusions", verbose_name=_("report"))
    language = models.CharField(_("language"), max_length=5, choices=ReportLanguage.choices)
    text = models.TextField(_("text"), help_text=_("One paragraph per line."), **bounded(CONCLUSIONS_MAX_CHARS))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    written_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["report", "language", "-written_at", "-pk"]
        verbose_name = _("conclusions")
        verbose_name_plural = _("conclusions")

    def __str__(self) -> str:
        return f"{self.report} ({self.language}, {self.written_at:%Y-%m-%d})"
