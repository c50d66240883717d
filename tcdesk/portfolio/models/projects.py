"""Programmes and projects, with what IATI publishes about a project (sectors, places, money, partners)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import Action, ScopedQuerySet, roles_of
from tcdesk.core.limits import bounded
from tcdesk.core.models import Country, Organisation, Region, Theme, TimeStampedModel, TranslatedNameMixin

from .. import permissions
from ..choices import GenderMarker, OrgRole, ProgrammeScope, ProjectStatus

# Text budget (tcdesk.core.limits) of every description of the portfolio (programmes, projects, activities,
# trainings, outcomes, outputs): read by the models, the forms, the API schemas and the services.
DESCRIPTION_MAX_CHARS = 10_000


class ProgrammeQuerySet(ScopedQuerySet):
    """Every signed-in user reads programmes (`VIEW_PROGRAMME`); their projects are scoped on their own."""

    view_action = permissions.VIEW_PROGRAMME


class Programme(TranslatedNameMixin, TimeStampedModel):
    """A global, regional or country programme: the frame projects are delivered under (op. 8, 9, 13, 17)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=ProgrammeScope.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="programmes", verbose_name=_("themes"))
    description = models.TextField(_("description"), blank=True, **bounded(DESCRIPTION_MAX_CHARS))
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=ProgrammeScope.values), name="programme_scope_known"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("portfolio:programme_detail", args=[self.pk])


def funded_project_ids(user: Any) -> models.QuerySet:
    """Ids of the projects money of the user's donor funds: allocations drawn on its earmarks (funds' rule)."""
    from tcdesk.funds.models import Allocation

    return Allocation.objects.for_user(user).filter(fundable_kind="project").values("fundable_id")


class DonorFundedMixin:
    """A donor's scope (its State or organisation) does not mean projects *in* that State: it reaches the
    projects its money funds. `funded_lookup` is the path from the row to its project's id."""

    funded_lookup = "pk"

    def for_user(self, user: Any, action: Action | None = None):  # type: ignore[no-untyped-def]
        action = action or self.view_action  # type: ignore[attr-defined]
        if roles_of(user) == {Role.DONOR}:
            if action.scope_of(Role.DONOR) is None:
                return self.none()  # type: ignore[attr-defined]
            return self.filter(**{f"{self.funded_lookup}__in": funded_project_ids(user)})  # type: ignore[attr-defined]
        return super().for_user(user, action)  # type: ignore[misc]


class ProjectQuerySet(DonorFundedMixin, ScopedQuerySet):
    """Staff read every project; a focal point the projects with its State among the recipient countries;
    a donor the projects its earmarked money funds."""

    view_action = permissions.VIEW_PROJECT
    scope_fields = {"country": "countries__country"}


class Project(TimeStampedModel):
    """A project: what IATI calls an activity. Delivers activities and trainings, answers requests and
    mandates, and is measured by its results framework."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("programme")
    )
    iati_identifier = models.CharField(_("IATI identifier"), max_length=150, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    description = models.TextField(_("description"), **bounded(DESCRIPTION_MAX_CHARS))
    status = models.PositiveSmallIntegerField(
        _("status"), choices=ProjectStatus.choices, default=ProjectStatus.PIPELINE
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    gender_marker = models.PositiveSmallIntegerField(_("gender equality marker"), choices=GenderMarker.choices)
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects", verbose_name=_("themes"))
    requests = models.ManyToManyField(
        "assistance.AssistanceRequest",
        through="ProjectRequest",
        blank=True,
        related_name="projects",
        verbose_name=_("requests answered"),
    )
    mandates = models.ManyToManyField(
        "mandates.Mandate",
        through="ProjectMandate",
        blank=True,
        related_name="projects",
        verbose_name=_("mandates served"),
    )
    history = HistoricalRecords()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["iati_identifier"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")), name="project_planned_order"
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=models.F("actual_start")),
                name="project_actual_order",
            ),
            models.CheckConstraint(condition=Q(gender_marker__in=[0, 1, 2]), name="project_gender_marker_known"),
            models.CheckConstraint(condition=Q(status__in=ProjectStatus.values), name="project_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.iati_identifier} {self.title}"

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        return (self.title_fr if (get_language() or "en").startswith("fr") else "") or self.title_en

    def get_absolute_url(self) -> str:
        return reverse("portfolio:project_detail", args=[self.pk])


class ProjectBudget(models.Model):
    """The project's budget for one calendar year (IATI: one budget per year)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="project_budget_year_once")]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class ProjectSector(models.Model):
    """A DAC 5-digit sector of the project with its share (the shares add up to 100)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sectors")
    code = models.CharField(_("DAC sector"), max_length=5)
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-percentage", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="project_sector_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.percentage}%"


class ProjectCountry(models.Model):
    """A recipient country of the project with its share."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="countries")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country"))
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-percentage", "country"]
        verbose_name = _("recipient country")
        verbose_name_plural = _("recipient countries")
        constraints = [models.UniqueConstraint(fields=["project", "country"], name="project_country_once")]

    def __str__(self) -> str:
        return f"{self.country_id} {self.percentage}%"


class ProjectRegion(models.Model):
    """A recipient region (UN M49) of the project with its share."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="regions")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-percentage", "region"]
        verbose_name = _("recipient region")
        verbose_name_plural = _("recipient regions")
        constraints = [models.UniqueConstraint(fields=["project", "region"], name="project_region_once")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.percentage}%"


class ProjectOrganisation(models.Model):
    """An organisation taking part in the project in an IATI role (funding, accountable, extending,
    implementing)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="organisations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=255, blank=True, help_text=_("When not a known organisation."))
    iati_ref = models.CharField(_("IATI organisation identifier"), max_length=100, blank=True)
    role = models.PositiveSmallIntegerField(_("role"), choices=OrgRole.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=OrgRole.values), name="project_org_role_known"),
            models.CheckConstraint(condition=Q(organisation__isnull=False) | ~Q(name=""), name="project_org_named"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_role_display()})"

    @property
    def label(self) -> str:
        return str(self.organisation) if self.organisation_id else self.name


class ProjectRequest(models.Model):
    """A State's request the project answers (the request is moved to "planned" when linked)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="request_links")
    # A link row: it goes with the request (the request's own history keeps that it was planned).
    request = models.ForeignKey("assistance.AssistanceRequest", on_delete=models.CASCADE, related_name="project_links")
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request answered")
        verbose_name_plural = _("requests answered")
        constraints = [models.UniqueConstraint(fields=["project", "request"], name="project_request_once")]

    def __str__(self) -> str:
        return f"{self.project_id} → {self.request_id}"


class ProjectMandate(models.Model):
    """A mandate (operative paragraph) the project serves."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="mandate_links")
    mandate = models.ForeignKey("mandates.Mandate", on_delete=models.CASCADE, related_name="project_links")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate served")
        verbose_name_plural = _("mandates served")
        constraints = [models.UniqueConstraint(fields=["project", "mandate"], name="project_mandate_once")]

    def __str__(self) -> str:
        return f"{self.project_id} → {self.mandate_id}"
