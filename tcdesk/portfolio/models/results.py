"""The results framework of a project: outcomes, outputs and indicators with targets and actuals per period."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.core.limits import bounded

from ..choices import IndicatorMeasure
from .projects import DESCRIPTION_MAX_CHARS, Project


class Outcome(models.Model):
    """A change the project seeks (IATI result of type outcome)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, **bounded(DESCRIPTION_MAX_CHARS))
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.title


class Output(models.Model):
    """What the project produces towards an outcome (IATI result of type output)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, **bounded(DESCRIPTION_MAX_CHARS))
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """How an outcome or an output is measured, from a baseline. `counts_people`: targets and actuals
    are numbers of people, given by sex too."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    output = models.ForeignKey(Output, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    title = models.CharField(_("title"), max_length=250)
    measure = models.PositiveSmallIntegerField(_("measure"), choices=IndicatorMeasure.choices, default=1)
    ascending = models.BooleanField(_("higher is better"), default=True)
    counts_people = models.BooleanField(_("counts people (by sex)"), default=False)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome__isnull=False) & Q(output__isnull=True))
                | (Q(outcome__isnull=True) & Q(output__isnull=False)),
                name="indicator_of_outcome_or_output",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IndicatorPeriod(models.Model):
    """Target and actual of an indicator over a period; by sex when the indicator counts people
    (women + men + other = the total)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_women = models.PositiveIntegerField(_("target: women"), null=True, blank=True)
    target_men = models.PositiveIntegerField(_("target: men"), null=True, blank=True)
    target_other = models.PositiveIntegerField(_("target: other or not disclosed"), null=True, blank=True)
    actual_women = models.PositiveIntegerField(_("actual: women"), null=True, blank=True)
    actual_men = models.PositiveIntegerField(_("actual: men"), null=True, blank=True)
    actual_other = models.PositiveIntegerField(_("actual: other or not disclosed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start"]
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="indicator_period_order"),
            models.UniqueConstraint(fields=["indicator", "start"], name="indicator_period_once"),
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"
