"""Funding scenarios: which accepted requests to fund from which money, under which policy rules.

A ``Scenario`` holds snapshots, so that a solve is reproducible and a later change of a request or a
balance shows as a difference rather than silently changing the plan: ``ScenarioRequest`` (an accepted
request not yet fully funded, with its cost estimate by year and its priority at the time) and
``ScenarioSource`` (a spendable pot: a fund or an earmark from the ledger, or an amount entered by
hand, "what if a donor gives X"). ``SolveRun`` records each solve: status, objective, bounds, gap, the
greedy plan's objective, the plan and its explanations as JSON.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet
from tcdesk.core.limits import bounded
from tcdesk.core.models import TimeStampedModel

from . import permissions
from .choices import FINISHED_SOLVES, ScenarioStatus, SolveStatus, SourceOrigin

# Text budgets (tcdesk.core.limits): read by the models, the forms, the API schemas and the services.
NOTE_MAX_CHARS = 2_000  # a scenario's note
RULES_MAX_CHARS = 5_000  # rules or estimates typed one a line (policy shares, cost by year)
CODE_LIST_MAX_CHARS = 2_000  # codes separated by commas (a source's themes, regions, countries, requests)

MONEY = {"max_digits": 16, "decimal_places": 2}


class ScenarioQuerySet(ScopedQuerySet):
    """Planners and the programme's staff read every scenario (`VIEW_SCENARIO`); others none."""

    view_action = permissions.VIEW_SCENARIO


class Scenario(TimeStampedModel):
    """A funding scenario: requests, money and policy rules to solve (and, once accepted, the plan)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    status = models.CharField(
        _("status"), max_length=12, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    note = models.TextField(_("note"), blank=True, **bounded(NOTE_MAX_CHARS))
    # Policy rules (issue 12): {group code: share as text}, {theme code: share as text}, one cap per country.
    min_share = models.JSONField(_("minimum share per country group"), default=dict, blank=True)
    max_share_theme = models.JSONField(_("maximum share per theme"), default=dict, blank=True)
    country_cap = models.DecimalField(_("cap per country"), null=True, blank=True, **MONEY)
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=60)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    objects = ScenarioQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("funding scenario")
        verbose_name_plural = _("funding scenarios")
        constraints = [
            models.CheckConstraint(
                condition=Q(country_cap__isnull=True) | Q(country_cap__gt=0), name="planning_scenario_cap_positive"
            ),
            models.CheckConstraint(condition=Q(time_limit__gte=1), name="planning_scenario_time_limit_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("planning:scenario_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (ScenarioStatus.DRAFT, ScenarioStatus.SOLVED)

    def latest_run(self) -> SolveRun | None:
        return self.runs.order_by("-created_at", "-pk").first()


class ScenarioRequest(models.Model):
    """An accepted request as the scenario sees it: cost estimate by year, priority, where, what."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="requests")
    request = models.ForeignKey(
        "assistance.AssistanceRequest", on_delete=models.CASCADE, related_name="+", verbose_name=_("request")
    )
    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    country = models.CharField(_("country"), max_length=3)
    region = models.CharField(_("region"), max_length=3, blank=True, help_text=_("M49 code"))
    groups = models.JSONField(_("country groups"), default=list, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    cost_by_year = models.JSONField(_("cost estimate by year"), default=dict, blank=True)
    cost = models.DecimalField(_("cost still to fund"), **MONEY)
    estimated = models.BooleanField(
        _("default estimate"), default=False, help_text=_("The cost is the scenario's default, not an estimate.")
    )
    priority = models.IntegerField(_("priority"))
    divisible = models.BooleanField(_("divisible"), default=True)
    must_fund = models.BooleanField(_("must be funded"), default=False)
    must_not_fund = models.BooleanField(_("must not be funded"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-priority", "reference"]
        verbose_name = _("scenario request")
        verbose_name_plural = _("scenario requests")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "request"], name="planning_request_once_per_scenario"),
            models.CheckConstraint(condition=Q(cost__gt=0), name="planning_request_cost_positive"),
            models.CheckConstraint(
                condition=~(Q(must_fund=True) & Q(must_not_fund=True)), name="planning_request_must_consistent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.scenario})"


class ScenarioSource(models.Model):
    """A spendable pot as the scenario sees it: free amount, earmarks (empty list: no restriction), validity."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="sources")
    key = models.CharField(_("key"), max_length=60, help_text=_("e.g. fund:CPCJF, earmark:12, manual:1"))
    label = models.CharField(_("label"), max_length=200)
    origin = models.CharField(_("origin"), max_length=8, choices=SourceOrigin.choices, default=SourceOrigin.MANUAL)
    fund = models.CharField(_("fund"), max_length=30, blank=True)
    earmark = models.PositiveIntegerField(_("earmark"), null=True, blank=True)
    amount = models.DecimalField(_("free amount"), **MONEY)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    regions = models.JSONField(_("regions"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    request_ids = models.JSONField(_("requests"), default=list, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("scenario source")
        verbose_name_plural = _("scenario sources")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "key"], name="planning_source_key_once_per_scenario"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="planning_source_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.key})"

    @property
    def is_manual(self) -> bool:
        return self.origin == SourceOrigin.MANUAL


class SolveRun(models.Model):
    """One solve of a scenario, run in the background: progress, outcome, the plan and its explanations."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(
        _("status"), max_length=12, choices=SolveStatus.choices, default=SolveStatus.QUEUED, db_index=True
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    job = models.ForeignKey(
        "core.BackgroundJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("job")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=60)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    phase = models.CharField(_("phase"), max_length=20, blank=True)
    objective = models.DecimalField(_("objective"), max_digits=24, decimal_places=6, null=True, blank=True)
    bound = models.DecimalField(_("bound"), max_digits=24, decimal_places=6, null=True, blank=True)
    lp_bound = models.DecimalField(_("LP bound"), max_digits=24, decimal_places=6, null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    greedy_objective = models.DecimalField(
        _("greedy objective"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    # The plan_allocation document (funded, unfunded, draws…), the conflict when infeasible, the greedy plan.
    result = models.JSONField(_("result"), default=dict, blank=True)
    explanations = models.JSONField(_("explanations"), default=dict, blank=True)
    # The free amount of each source the solve used, to tell at acceptance whether money moved since.
    source_amounts = models.JSONField(_("source amounts at solve time"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("solve")
        verbose_name_plural = _("solves")

    def __str__(self) -> str:
        return f"{self.scenario} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_SOLVES

    @property
    def has_plan(self) -> bool:
        return bool(self.result.get("funded") is not None and self.status != SolveStatus.INFEASIBLE)

    def funded_total(self) -> Decimal:
        return sum((Decimal(item["amount"]) for item in self.result.get("funded", [])), Decimal(0))
