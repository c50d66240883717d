"""Partners' IATI activities as imported: the IATI facts beside the assistance app's partner activity.

The assistance app's `PartnerActivity` (one State, themes, dates) is what overlap detection and the
country page use; an import fills it through the assistance service and keeps here what IATI says
beyond it (publisher, status, all recipient countries and sectors with shares, budgets, transactions).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet

from .. import permissions


class IatiImportQuerySet(ScopedQuerySet):
    view_action = permissions.VIEW_IATI_IMPORTS


class IatiImport(models.Model):
    """One import run of a partner's IATI file (dry runs are recorded too): its counts and problems."""

    file_name = models.CharField(_("file"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("imported"), default=timezone.now)
    dry_run = models.BooleanField(_("dry run"), default=False)
    ok = models.BooleanField(_("stored"), default=False)
    summary = models.JSONField(_("summary"), default=dict)

    objects = IatiImportQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("IATI import")
        verbose_name_plural = _("IATI imports")

    def __str__(self) -> str:
        return f"{self.file_name} {self.at:%Y-%m-%d %H:%M}"


class ImportedActivityQuerySet(ScopedQuerySet):
    view_action = permissions.VIEW_IATI_IMPORTS


class ImportedActivity(models.Model):
    """A partner's IATI activity, keyed by its IATI identifier (a re-import updates it)."""

    iati_identifier = models.CharField(_("IATI identifier"), max_length=150, unique=True)
    partner_activity = models.OneToOneField(
        "assistance.PartnerActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="iati",
        verbose_name=_("partner activity"),
    )
    reporting_org_ref = models.CharField(_("publisher identifier"), max_length=100)
    reporting_org_name = models.CharField(_("publisher"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=500)
    status = models.PositiveSmallIntegerField(_("status"))
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    countries = models.JSONField(_("recipient countries"), default=list, help_text=_("[[ISO3 or alpha-2, %], …]"))
    regions = models.JSONField(_("recipient regions"), default=list)
    sectors = models.JSONField(_("sectors"), default=list)
    currency = models.CharField(_("default currency"), max_length=3, blank=True)
    # Search keys for filters that work alike on SQLite and PostgreSQL (no JSON containment there):
    # " MLI NER " and " 15130 151 15190 " (DAC 5-digit codes with their 3-digit categories).
    country_codes = models.TextField(_("country codes"), blank=True, default="", editable=False)
    sector_codes = models.TextField(_("sector codes"), blank=True, default="", editable=False)
    warnings = models.JSONField(_("warnings"), default=list)
    last_import = models.ForeignKey(IatiImport, on_delete=models.SET_NULL, null=True, related_name="activities")
    history = HistoricalRecords(excluded_fields=["warnings", "country_codes", "sector_codes"])

    objects = ImportedActivityQuerySet.as_manager()

    class Meta:
        ordering = ["iati_identifier"]
        verbose_name = _("imported IATI activity")
        verbose_name_plural = _("imported IATI activities")

    def __str__(self) -> str:
        return f"{self.iati_identifier} {self.title}"


class ImportedBudget(models.Model):
    """A budget of an imported activity, as published (replaced on re-import)."""

    activity = models.ForeignKey(ImportedActivity, on_delete=models.CASCADE, related_name="budgets")
    period_start = models.DateField()
    period_end = models.DateField()
    amount = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(max_length=3, blank=True)
    type = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end} {self.amount} {self.currency}"


class ImportedTransaction(models.Model):
    """A transaction of an imported activity, as published (replaced on re-import)."""

    activity = models.ForeignKey(ImportedActivity, on_delete=models.CASCADE, related_name="transactions")
    type = models.PositiveSmallIntegerField()
    date = models.DateField()
    amount = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(max_length=3, blank=True)
    ref = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"{self.type} {self.date} {self.amount} {self.currency}"
