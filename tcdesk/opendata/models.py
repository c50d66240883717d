"""What the administrator keeps out of publication: a project or a donor (`Exclusion`).

An excluded project is left out of every public page, file, feed and API answer (its activities,
trainings and results with it); an excluded donor is left out of the funding tables and flows and is
not named in the IATI feed. Each exclusion says why, who made it and when, and its history (django-
simple-history) keeps its removal too: the log of what was withheld.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet
from tcdesk.core.limits import bounded

from .choices import ExclusionKind
from .permissions import MANAGE_EXCLUSIONS

# Text budget (tcdesk.core.limits) of the reason for keeping a record out of publication.
REASON_MAX_CHARS = 2_000


class ExclusionQuerySet(ScopedQuerySet):
    view_action = MANAGE_EXCLUSIONS


class Exclusion(models.Model):
    """One project or one donor kept out of publication."""

    kind = models.CharField(_("kind"), max_length=10, choices=ExclusionKind.choices)
    project = models.OneToOneField(
        "portfolio.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    donor = models.OneToOneField(
        "funds.Donor", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("donor")
    )
    reason = models.TextField(
        _("reason"), help_text=_("Why it is not published (kept in the log)."), **bounded(REASON_MAX_CHARS)
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ExclusionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("exclusion from publication")
        verbose_name_plural = _("exclusions from publication")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="project") & Q(project__isnull=False) & Q(donor__isnull=True))
                | (Q(kind="donor") & Q(donor__isnull=False) & Q(project__isnull=True)),
                name="exclusion_names_one_project_or_one_donor",
            )
        ]

    def __str__(self) -> str:
        return str(self.project if self.kind == ExclusionKind.PROJECT else self.donor)
