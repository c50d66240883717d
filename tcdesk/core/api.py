"""API for reference data: countries, regions, country groups, organisations, themes, jobs; the signed-in
user's notifications.

Reference data is open data: anonymous callers may read it. Writes need an administrator.
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from tcdesk.accounts.auth import public_auth

from . import selectors, services
from .access import load_for_user, requires
from .api_errors import ErrorOut
from .api_filters import filtered
from .dates import or_today
from .filters import CountryFilter, OrganisationFilter
from .models import Country, CountryGroup, Organisation, Region, Theme
from .permissions import (
    MANAGE_REFERENCE_DATA,
    MARK_NOTIFICATIONS_READ,
    VIEW_JOB,
    VIEW_NOTIFICATIONS,
    VIEW_REFERENCE_DATA,
)

router = Router(tags=["reference data"])


class RegionOut(Schema):
    code: str
    name: str
    name_en: str
    name_fr: str
    parent: str | None = Field(None, alias="parent_id")
    level: str


class CountryOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str
    name_en: str
    name_fr: str
    un_status: str
    un_member_since: dt.date | None
    region: str | None = Field(None, alias="region_id")
    subregion: str | None = Field(None, alias="subregion_id")
    intermediate_region: str | None = Field(None, alias="intermediate_region_id")
    groups: list[str]

    @staticmethod
    def resolve_groups(obj: Country, context) -> list[str]:
        # Membership is taken as of the request's `as_of` date (default today).
        as_of = or_today(getattr(context["request"], "tcdesk_as_of", None))
        return [m.group_id for m in obj.group_memberships.all() if m.covers(as_of)]


class MembershipOut(Schema):
    id: int
    group: str = Field(alias="group_id")
    country: str = Field(alias="country_id")
    valid_from: dt.date
    valid_to: dt.date | None
    verified: bool
    source: str


class MembershipIn(Schema):
    group: str = Field(min_length=1, max_length=10, description="Country group code (LDC, EIT, SIDS, LLDC)")
    country: str = Field(min_length=3, max_length=3, description="ISO 3166-1 alpha-3 code")
    valid_from: dt.date
    valid_to: dt.date | None = None
    source: str = Field("", max_length=500)
    verified: bool = False


class UnconfirmedChangeOut(Schema):
    iso3: str
    on: dt.date = Field(description="Date of the scheduled change that no source confirms")
    counted_as_member: bool = Field(description="What the count assumes on the date asked about")


class GroupOut(Schema):
    code: str
    name: str
    name_en: str
    name_fr: str
    members: int
    verified: bool = Field(True, description="False when the count rests on a change no source confirms")
    unconfirmed_changes: list[UnconfirmedChangeOut] = Field(default_factory=list)


class OrganisationOut(Schema):
    code: str
    acronym: str
    name: str
    name_en: str
    name_fr: str
    roles: list[str] = Field(alias="role_codes")
    country: str | None = Field(None, alias="country_id")
    parent: str | None = None
    website: str

    @staticmethod
    def resolve_parent(obj: Organisation) -> str | None:
        return obj.parent.code if obj.parent else None


class ThemeOut(Schema):
    code: str
    name: str
    name_en: str
    name_fr: str
    name_es: str
    parent: str | None = Field(None, alias="parent_id")


class CountryQuery(Schema):
    q: str | None = Field(None, description="Text in the English or French name, or an ISO/M49 code")
    region: str | None = Field(None, description="M49 code of a region, sub-region or intermediate region")
    group: str | None = Field(None, description="Country group code (LDC, EIT, SIDS, LLDC)")
    as_of: dt.date | None = Field(None, description="Date at which group membership is taken (default today)")
    un_status: str | None = Field(None, description="member or observer")


class OrganisationQuery(Schema):
    q: str | None = None
    role: str | None = Field(None, description="programme_office, institute, governing_body, donor, …")
    country: str | None = Field(None, description="ISO3 of the seat")


@router.get("/countries", response=list[CountryOut], auth=public_auth, summary="List countries")
@paginate(PageNumberPagination)
@requires(VIEW_REFERENCE_DATA)
def list_countries(request: HttpRequest, filters: Query[CountryQuery]):
    """UN Member and observer States, filtered by text, region, group (as of a date) and UN status."""
    queryset = selectors.countries_with_memberships().filter(pk__in=Country.objects.for_user(request.user).values("pk"))
    request.tcdesk_as_of = filters.as_of
    return filtered(CountryFilter, filters, queryset).order_by("name_en")


@router.get("/countries/{iso3}", response={200: CountryOut, 404: ErrorOut}, auth=public_auth, summary="One country")
@requires(VIEW_REFERENCE_DATA, per_object=True)
def get_country(request: HttpRequest, iso3: str, as_of: dt.date | None = None):
    request.tcdesk_as_of = as_of
    return selectors.get_country_for_user(request.user, iso3)


@router.get(
    "/countries/{iso3}/memberships",
    response=list[MembershipOut],
    auth=public_auth,
    summary="A country's groups",
)
@requires(VIEW_REFERENCE_DATA, per_object=True)
def country_memberships(request: HttpRequest, iso3: str):
    country = selectors.get_country_for_user(request.user, iso3)
    return country.group_memberships.order_by("group_id", "valid_from")


@router.get("/regions", response=list[RegionOut], auth=public_auth, summary="The M49 region tree")
@requires(VIEW_REFERENCE_DATA)
def list_regions(request: HttpRequest, level: str | None = None):
    regions = Region.objects.for_user(request.user)
    return regions.filter(level=level) if level else regions


@router.get("/groups", response=list[GroupOut], auth=public_auth, summary="Country groups with member counts")
@requires(VIEW_REFERENCE_DATA)
def list_groups(request: HttpRequest, as_of: dt.date | None = None):
    day = or_today(as_of)
    unconfirmed = selectors.unconfirmed_changes(day)
    return [
        {
            "code": g.code,
            "name": g.name,
            "name_en": g.name_en,
            "name_fr": g.name_fr,
            "members": n,
            "verified": g.code not in unconfirmed,
            "unconfirmed_changes": [
                {"iso3": c.country.iso3, "on": c.on, "counted_as_member": c.counted_as_member}
                for c in unconfirmed.get(g.code, [])
            ],
        }
        for g, n in selectors.group_member_counts(day)
    ]


@router.get("/groups/{code}/members", response=list[str], auth=public_auth, summary="ISO3 codes of a group's members")
@requires(VIEW_REFERENCE_DATA, per_object=True)
def group_members(request: HttpRequest, code: str, as_of: dt.date | None = None):
    group = load_for_user(request.user, CountryGroup, code=code)
    day = or_today(as_of)
    return list(Country.objects.in_group(group.code, day).order_by("iso3").values_list("iso3", flat=True))


@router.post(
    "/memberships",
    response={201: MembershipOut, 403: ErrorOut, 422: ErrorOut},
    summary="Record a country group membership",
)
@requires(MANAGE_REFERENCE_DATA)
def create_membership(request: HttpRequest, payload: MembershipIn):
    """Administrators only. Refuses unknown codes, an end before the start, and overlapping periods."""
    membership = services.group_membership_create(
        group_code=payload.group.upper(),
        country_iso3=payload.country.upper(),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        source=payload.source,
        verified=payload.verified,
    )
    return 201, membership


@router.get("/organisations", response=list[OrganisationOut], auth=public_auth, summary="List organisations")
@paginate(PageNumberPagination)
@requires(VIEW_REFERENCE_DATA)
def list_organisations(request: HttpRequest, filters: Query[OrganisationQuery]):
    queryset = Organisation.objects.for_user(request.user).select_related("parent").prefetch_related("roles")
    return filtered(OrganisationFilter, filters, queryset).order_by("name_en")


@router.get(
    "/organisations/{code}",
    response={200: OrganisationOut, 404: ErrorOut},
    auth=public_auth,
    summary="One organisation",
)
@requires(VIEW_REFERENCE_DATA, per_object=True)
def get_organisation(request: HttpRequest, code: str):
    return selectors.get_organisation_for_user(request.user, code)


@router.get("/themes", response=list[ThemeOut], auth=public_auth, summary="The themes taxonomy")
@requires(VIEW_REFERENCE_DATA)
def list_themes(request: HttpRequest):
    return Theme.objects.for_user(request.user)


class JobOut(Schema):
    id: int
    name: str
    status: str
    progress_done: int
    progress_total: int
    percent: int
    message: str


@router.get("/jobs/{job_id}", response={200: JobOut, 404: ErrorOut}, summary="Progress of a background job")
@requires(VIEW_JOB, per_object=True)
def get_job(request: HttpRequest, job_id: int):
    return selectors.get_job_for_user(request.user, job_id)


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    summary: str = Field(alias="body")
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationQuery(Schema):
    unread: bool | None = Field(None, description="true: only unread notifications")


class NotificationsReadIn(Schema):
    ids: list[int] | None = Field(None, description="The notifications to mark read; none given: all of yours")


class NotificationsReadOut(Schema):
    marked: int


@router.get("/notifications", response=list[NotificationOut], summary="Your notifications, newest first")
@paginate(PageNumberPagination)
@requires(VIEW_NOTIFICATIONS)
def list_notifications(request: HttpRequest, filters: Query[NotificationQuery]):
    """The signed-in user's own notifications (recent events on their requests, deadline reminders);
    `link` is the object's path on the site. Nobody sees another user's."""
    mine = selectors.notifications_of(request.user)
    return mine.unread() if filters.unread else mine


@router.post("/notifications/read", response=NotificationsReadOut, summary="Mark your notifications read")
@requires(MARK_NOTIFICATIONS_READ)
def mark_notifications_read(request: HttpRequest, payload: NotificationsReadIn):
    """Mark read the listed notifications of yours (another user's ids are ignored), or all of them."""
    return {"marked": services.notifications_mark_read(user=request.user, ids=payload.ids)}
