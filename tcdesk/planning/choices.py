"""Closed vocabularies of the planning app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SOLVED = "solved", _("Solved")
    ACCEPTED = "accepted", _("Accepted")
    SUPERSEDED = "superseded", _("Superseded")


class SolveStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    OPTIMAL = "optimal", _("Optimal")
    INFEASIBLE = "infeasible", _("Infeasible")
    TIME_LIMIT = "time_limit", _("Time limit reached")
    CANCELLED = "cancelled", _("Cancelled")
    FAILED = "failed", _("Failed")


FINISHED_SOLVES = frozenset(
    {SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE, SolveStatus.TIME_LIMIT, SolveStatus.CANCELLED, SolveStatus.FAILED}
)


class SourceOrigin(models.TextChoices):
    FUNDS = "funds", _("Funds ledger")
    MANUAL = "manual", _("Entered by hand")
