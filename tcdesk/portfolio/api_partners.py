"""API of partners' activities imported from IATI: the list (filters by State, DAC sector, publisher,
text) and one activity with its budgets, transactions and our projects it may duplicate (op. 15).
Its endpoints go on the portfolio router (`/api/portfolio/iati/imported…`); `api.py` imports this module."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from tcdesk.core.access import requires

from . import selectors
from .api import router
from .permissions import VIEW_IATI_IMPORTS


class ImportedOut(Schema):
    id: int
    iati_identifier: str
    reporting_org_ref: str
    reporting_org_name: str
    title: str
    status: int
    start: dt.date | None
    end: dt.date | None
    countries: list
    sectors: list
    warnings: list


class ImportedQuery(Schema):
    country: str | None = Field(None, description="ISO3 code among the recipient countries", max_length=3)
    sector: str | None = Field(None, description="DAC 5-digit sector or 3-digit category", max_length=5)
    publisher: str | None = Field(None, description="publisher identifier or name (part of it)", max_length=100)
    q: str | None = Field(None, description="part of the title or IATI identifier", max_length=100)


class DuplicationOut(Schema):
    project_id: int
    iati_identifier: str
    title: str
    score: float
    reasons: list[str] = Field(description="same_country, same_sector or same_category, overlapping_period, …")
    countries: list[str]
    sectors: list[str]
    categories: list[str]
    period_overlap_days: int
    text_similarity: float


class ImportedBudgetOut(Schema):
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    currency: str
    type: int


class ImportedTransactionOut(Schema):
    type: int
    date: dt.date
    amount: Decimal
    currency: str
    ref: str


class ImportedDetailOut(ImportedOut):
    regions: list
    budgets: list[ImportedBudgetOut]
    transactions: list[ImportedTransactionOut]
    possible_duplicates: list[DuplicationOut]


@router.get("/iati/imported", response=list[ImportedOut], summary="Partners' imported IATI activities")
@paginate(PageNumberPagination)
@requires(VIEW_IATI_IMPORTS)
def list_imported(request: HttpRequest, filters: Query[ImportedQuery]):
    return selectors.imported_activities(
        request.user,
        country=filters.country or "",
        sector=filters.sector or "",
        publisher=filters.publisher or "",
        text=filters.q or "",
    )


@router.get(
    "/iati/imported/{imported_id}",
    response=ImportedDetailOut,
    summary="A partner's imported IATI activity, with our projects it may duplicate",
)
@requires(VIEW_IATI_IMPORTS, per_object=True)
def get_imported(request: HttpRequest, imported_id: int):
    activity = selectors.get_imported_activity_for_user(request.user, imported_id)
    duplicates = [
        {
            **{k: v for k, v in match.items() if k not in ("project", "key", "label")},
            "project_id": match["project"].pk,
            "iati_identifier": match["project"].iati_identifier,
            "title": match["project"].title_en,
        }
        for match in selectors.possible_duplicates(activity, request.user)
    ]
    return {
        **{f: getattr(activity, f) for f in ImportedOut.model_fields},
        "regions": activity.regions,
        "budgets": list(activity.budgets.order_by("period_start")),
        "transactions": list(activity.transactions.order_by("date", "pk")),
        "possible_duplicates": duplicates,
    }
