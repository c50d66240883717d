"""What the portfolio adds to the extension points of the apps below it (called from `AppConfig.ready`).

- the mandate page and API: projects serving a mandate, and their trainings (`mandate_panels`);
- the country page: projects in the State, training totals by sex, partners' activities
  (`core.extensions.country_panels`);
- the request page: the projects answering the request and what they delivered
  (`assistance.extensions.request_panels`).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tcdesk.assistance.extensions import request_panels
from tcdesk.core.extensions import country_panels
from tcdesk.core.panels import PanelProvider
from tcdesk.funds.extensions import FundableKind, fundables
from tcdesk.mandates.extensions import mandate_panels

from . import selectors


def _project_as_api(project: Any) -> dict[str, Any]:
    return {
        "id": project.pk,
        "iati_identifier": project.iati_identifier,
        "title": project.title_en,
        "programme": project.programme.code,
        "status": project.status,
        "planned_start": project.planned_start.isoformat(),
        "planned_end": project.planned_end.isoformat(),
    }


def _training_as_api(training: Any) -> dict[str, Any]:
    return {
        "activity_id": training.activity_id,
        "title": training.activity.title,
        "project": training.activity.project.iati_identifier,
        "country": training.activity.country_id,
        "start": training.activity.start.isoformat(),
        "participants": training.participants,
        "women": training.women,
        "men": training.men,
        "other": training.other_sex,
    }


def _activity_as_api(activity: Any) -> dict[str, Any]:
    training = getattr(activity, "training", None) if activity.kind == "training" else None
    return {
        "id": activity.pk,
        "kind": activity.kind,
        "title": activity.title,
        "project": activity.project.iati_identifier,
        "country": activity.country_id,
        "start": activity.start.isoformat(),
        "end": activity.end.isoformat(),
        "participants_by_sex": (
            {"women": training.women, "men": training.men, "other": training.other_sex} if training else None
        ),
    }


def _partner_as_api(activity: Any) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "partner": activity.organisation.code,
        "title": activity.title,
        "start": activity.start.isoformat() if activity.start else None,
        "end": activity.end.isoformat() if activity.end else None,
        "source": activity.source,
        "iati_identifier": activity.iati_identifier,
    }


PROJECTS_UNDER_MANDATE = PanelProvider(
    key="projects",
    title=_("Projects serving this mandate"),
    template="portfolio/panels/projects.html",
    items=selectors.projects_under_mandate,
    as_api=_project_as_api,
)
TRAININGS_UNDER_MANDATE = PanelProvider(
    key="trainings",
    title=_("Trainings under this mandate"),
    template="portfolio/panels/trainings.html",
    items=selectors.trainings_under_mandate,
    as_api=_training_as_api,
)
PROJECTS_OF_COUNTRY = PanelProvider(
    key="projects",
    title=_("Projects in this State"),
    template="portfolio/panels/projects.html",
    items=selectors.projects_of_country,
    as_api=_project_as_api,
    link=lambda country: reverse("portfolio:project_list") + f"?country={country.iso3}",
)
TRAININGS_OF_COUNTRY = PanelProvider(
    key="training_totals",
    title=_("Training participants in this State, by sex"),
    template="portfolio/panels/training_totals.html",
    items=selectors.trainings_panel_of_country,
    as_api=lambda totals: totals.as_dict(),
)
PARTNERS_OF_COUNTRY = PanelProvider(
    key="partner_activities",
    title=_("Development partners' activities in this State"),
    template="portfolio/panels/partner_activities.html",
    items=selectors.partner_activities_of_country,
    as_api=_partner_as_api,
)
PROJECTS_FOR_REQUEST = PanelProvider(
    key="projects",
    title=_("Projects answering this request"),
    template="portfolio/panels/projects.html",
    items=selectors.projects_answering_request,
    as_api=_project_as_api,
)
DELIVERY_FOR_REQUEST = PanelProvider(
    key="delivery",
    title=_("Delivered for this request"),
    template="portfolio/panels/delivery.html",
    items=selectors.delivery_for_request,
    as_api=_activity_as_api,
)


MONEY_OF_COUNTRY = PanelProvider(
    key="money_by_donor",
    title=_("Money for projects in this State, by donor (USD)"),
    template="portfolio/panels/money.html",
    items=selectors.money_panel_of_country,
    as_api=lambda row: row.as_dict(),
)
PROJECT_FUNDABLE = FundableKind(kind="project", label=_("Project"), resolve=selectors.fundable_project)


def register() -> None:
    fundables.register(PROJECT_FUNDABLE)
    country_panels.register(MONEY_OF_COUNTRY, order=43)
    mandate_panels.register(PROJECTS_UNDER_MANDATE, order=20)
    mandate_panels.register(TRAININGS_UNDER_MANDATE, order=30)
    country_panels.register(PROJECTS_OF_COUNTRY, order=40)
    country_panels.register(TRAININGS_OF_COUNTRY, order=41)
    country_panels.register(PARTNERS_OF_COUNTRY, order=42)
    request_panels.register(PROJECTS_FOR_REQUEST, order=10)
    request_panels.register(DELIVERY_FOR_REQUEST, order=20)
