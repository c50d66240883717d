"""What a project delivers: activities of several kinds, and training events with their participants."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet
from tcdesk.core.limits import bounded
from tcdesk.core.models import Country, TimeStampedModel

from .. import permissions
from ..choices import ActivityKind, TargetGroup
from .projects import DESCRIPTION_MAX_CHARS, DonorFundedMixin, Project


class ActivityQuerySet(DonorFundedMixin, ScopedQuerySet):
    """An activity is read by whoever reads its project."""

    funded_lookup = "project_id"
    view_action = permissions.VIEW_PROJECT
    scope_fields = {"country": "project__countries__country"}


class Activity(TimeStampedModel):
    """One piece of delivery of a project: a training, legislative drafting assistance, an advisory
    mission, a conference, a publication or equipment, in a State (or regional when none)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities", verbose_name=_("project"))
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, **bounded(DESCRIPTION_MAX_CHARS))
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    history = HistoricalRecords()

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="activity_ends_after_start"),
            models.CheckConstraint(condition=Q(kind__in=ActivityKind.values), name="activity_kind_known"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:activity_detail", args=[self.pk])


class TrainingEventQuerySet(DonorFundedMixin, ScopedQuerySet):
    funded_lookup = "activity__project_id"
    view_action = permissions.VIEW_PROJECT
    scope_fields = {"country": "activity__project__countries__country"}


class TrainingEvent(models.Model):
    """The training side of a training activity: place, target group and participants counted by sex.

    `women + men + other_sex` is always `participants`: the totals roll up by sex everywhere.
    `other_sex` counts those of another sex or who did not say.
    """

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="training", verbose_name=_("activity")
    )
    place = models.CharField(_("place"), max_length=200)
    target_group = models.CharField(_("target group"), max_length=24, choices=TargetGroup.choices)
    participants = models.PositiveIntegerField(_("participants"))
    women = models.PositiveIntegerField(_("women"))
    men = models.PositiveIntegerField(_("men"))
    other_sex = models.PositiveIntegerField(_("other or not disclosed"))
    pre_score = models.DecimalField(_("average pre-test score"), max_digits=5, decimal_places=2, null=True, blank=True)
    post_score = models.DecimalField(
        _("average post-test score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        constraints = [
            models.CheckConstraint(
                condition=Q(participants=models.F("women") + models.F("men") + models.F("other_sex")),
                name="training_participants_by_sex",
            ),
        ]

    def __str__(self) -> str:
        return str(self.activity)


class TrainingRole(models.Model):
    """Participants of a training in one professional role, by sex."""

    training = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=24, choices=TargetGroup.choices)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    other_sex = models.PositiveIntegerField(_("other or not disclosed"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role"]
        verbose_name = _("participants by role")
        verbose_name_plural = _("participants by role")
        constraints = [models.UniqueConstraint(fields=["training", "role"], name="training_role_once")]

    def __str__(self) -> str:
        return f"{self.role}: {self.total}"

    @property
    def total(self) -> int:
        return self.women + self.men + self.other_sex
