"""Requests as the API answers them: in a list (`RequestOut`) and one by one (`RequestDetailOut`)."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from tcdesk.accounts.rules import allows

from .. import services, workflow
from ..models import AssistanceRequest
from ..permissions import CHANGE_REQUEST


class RequestOut(Schema):
    id: int
    reference: str
    country: str = Field(alias="country_id")
    title: str
    status: str
    decision: str
    priority_score: int
    post_conflict: bool
    themes: list[str]
    assistance_types: list[str] = Field(alias="assistance_type_list")
    country_groups_at_submission: list[str] = Field(alias="group_list")
    submitted_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    decided_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_themes(obj: AssistanceRequest) -> list[str]:
        return sorted(t.code for t in obj.themes.all())


class RelatedMandateOut(Schema):
    citation: str = Field(description="As written, e.g. 'A/RES/60/175 op. 5'")
    symbol: str
    paragraph: str
    mandate_id: int | None = Field(description="The mandates registry's mandate; null while it does not hold it")
    url: str | None = Field(description="The mandate's page (or a search of the registry)")


class RequestDetailOut(RequestOut):
    requesting_authority: str
    description: str
    beneficiary_institutions: str
    desired_start: dt.date | None
    desired_end: dt.date | None
    project_reference: str
    instruments: list[str]
    mandates: list[str]
    related_mandates: list[RelatedMandateOut]
    available_actions: list[str]

    @staticmethod
    def resolve_instruments(obj: AssistanceRequest) -> list[str]:
        return [i.instrument_code for i in obj.instruments.all()]

    @staticmethod
    def resolve_mandates(obj: AssistanceRequest) -> list[str]:
        return [str(m) for m in obj.mandate_links.all()]

    @staticmethod
    def resolve_related_mandates(obj: AssistanceRequest) -> list[dict]:
        return [
            {
                "citation": str(link),
                "symbol": link.symbol,
                "paragraph": link.paragraph,
                "mandate_id": link.mandate_id,
                "url": link.mandate.get_absolute_url() if link.mandate else None,
            }
            for link in obj.mandate_links.select_related("mandate")
        ]

    @staticmethod
    def resolve_available_actions(obj: AssistanceRequest, context) -> list[str]:
        user = context["request"].user
        if not allows(user, CHANGE_REQUEST, country=obj.country_id):
            return []
        return workflow.available_actions(obj.status, services.actor_kinds(user, obj))
