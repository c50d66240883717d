"""The home page's own sections (`core.extensions.home_sections`): the administrator's background jobs
and the health of the reference data. Higher apps add theirs (requests, mandates, treaties, money)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import roles_of

from .choices import JobStatus
from .models import BackgroundJob, Country, CountryGroupMembership, Organisation, Theme
from .panels import PanelProvider


@dataclass(frozen=True)
class Fact:
    """One line of a home section that is a figure rather than an object: a label, a value, a link."""

    label: Any
    value: Any
    url: str = ""
    warning: bool = False


def has_role(user: Any, *roles: str) -> bool:
    """Whether the user holds one of the roles (home sections are chosen by role, not by permission:
    the auditor reads everything but has no officer's queue to work through)."""
    return bool(roles_of(user) & set(roles))


def _jobs(user: Any, _subject: Any) -> Any:
    jobs = BackgroundJob.objects.for_user(user).select_related("owner")
    if has_role(user, Role.ADMINISTRATOR):
        # Failed and unfinished work first: that is what needs an administrator.
        failed = ExpressionWrapper(Q(status=JobStatus.FAILED), output_field=BooleanField())
        unfinished = ExpressionWrapper(Q(finished_at__isnull=True), output_field=BooleanField())
        return jobs.order_by(failed.desc(), unfinished.desc(), "-created_at")
    return jobs if jobs.exists() else None


def _reference_health(user: Any, _subject: Any) -> list[Fact] | None:
    if not has_role(user, Role.ADMINISTRATOR):
        return None
    today = timezone.localdate()
    memberships = CountryGroupMembership.objects.all()
    unverified = memberships.filter(verified=False).count()
    unconfirmed = memberships.filter(unconfirmed_change_on__lte=today).count()
    return [
        Fact(_("States"), Country.objects.count(), reverse("core:country_list")),
        Fact(_("Organisations"), Organisation.objects.count(), reverse("core:organisation_list")),
        Fact(_("Themes"), Theme.objects.count(), reverse("core:theme_list")),
        Fact(
            _("Group memberships not verified against a source"), unverified, reverse("core:group_list"), unverified > 0
        ),
        Fact(
            _("Scheduled group changes no source confirms yet"),
            unconfirmed,
            reverse("core:group_list"),
            unconfirmed > 0,
        ),
    ]


JOBS = PanelProvider(
    key="jobs",
    title=_("Background jobs"),
    template="core/home/jobs.html",
    items=_jobs,
    as_api=lambda job: {"id": job.pk, "name": job.name, "status": job.status},
)
REFERENCE_HEALTH = PanelProvider(
    key="reference-health",
    title=_("Reference data"),
    template="core/home/facts.html",
    items=_reference_health,
    as_api=lambda fact: {"label": str(fact.label), "value": fact.value},
    link=lambda _user: reverse("core:reference_home"),
)


def register() -> None:
    from .extensions import home_sections

    home_sections.register(JOBS, order=900)
    home_sections.register(REFERENCE_HEALTH, order=910)
