"""Pages of the core app: the dashboard, reference data, background jobs, the user's notifications."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from tcdesk.accounts.rules import holds, require

from . import selectors, services, tasks
from .access import load_for_user, requires
from .csvdata import read_data_file
from .dates import as_of_param
from .extensions import country_panels, home_sections
from .filters import CountryFilter, OrganisationFilter, ThemeFilter
from .form_errors import add_service_errors
from .forms import GroupMembershipForm, OrganisationForm
from .history import history_entries, merged_history
from .listing import SortableColumn, list_page
from .models import Country, CountryGroup, Notification, Organisation, Region, Theme
from .permissions import (
    MANAGE_REFERENCE_DATA,
    MARK_NOTIFICATIONS_READ,
    READ_HISTORY,
    VIEW_DASHBOARD,
    VIEW_JOB,
    VIEW_NOTIFICATIONS,
    VIEW_REFERENCE_DATA,
)
from .search import MIN_QUERY_LENGTH, search

PANEL_ITEMS_SHOWN = 10  # items listed in each panel other apps add to a country's page


def _tab(request: HttpRequest) -> str:
    tab = request.GET.get("tab", "overview")
    if tab == "history":
        require(request.user, READ_HISTORY)
    return tab if tab in {"overview", "history"} else "overview"


HOME_ITEMS_SHOWN = 8  # items listed in each section of the home page


@requires(VIEW_DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The home page: what this user has to do or follow, in sections the apps contribute by role
    (`core.extensions.home_sections`), then the way to every part of tcdesk."""
    sections = home_sections.for_subject(request.user, request.user, limit=HOME_ITEMS_SHOWN)
    return render(request, "core/dashboard.html", {"sections": sections})


def _with_unconfirmed(counts, as_of: dt.date) -> list[tuple]:
    """(group, count, unconfirmed changes behind the count) for pages that must say a count is unverified."""
    unconfirmed = selectors.unconfirmed_changes(as_of)
    return [(group, count, unconfirmed.get(group.code, [])) for group, count in counts]


REFERENCE_FILES = {
    "countries.csv": gettext_lazy("Countries"),
    "m49_regions.csv": gettext_lazy("Regions"),
    "country_group_memberships.csv": gettext_lazy("Country groups"),
    "organisations.csv": gettext_lazy("Organisations"),
    "themes.csv": gettext_lazy("Themes"),
}


def _maintainer_note(line: str) -> bool:
    return ".md" in line or ".csv" in line or "column" in line


@requires(VIEW_DASHBOARD)
def global_search(request: HttpRequest) -> HttpResponse:
    """One box for requests, mandates, instruments, States and organisations, within what the user may see."""
    query = request.GET.get("q", "")[:200]
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "results": search(query, request.user),
            "too_short": 0 < len(query.strip()) < MIN_QUERY_LENGTH,
        },
    )


@requires(VIEW_REFERENCE_DATA)
def reference_home(request: HttpRequest) -> HttpResponse:
    # Each data set by its name, with its public sources; lines written for maintainers (pointers to
    # files and columns of the repository) are left out.
    sources = {
        label: [line for line in read_data_file(services.DATA_DIR / name).sources if not _maintainer_note(line)]
        for name, label in REFERENCE_FILES.items()
        if (services.DATA_DIR / name).exists()
    }
    return render(
        request,
        "core/reference_home.html",
        {"sources": sources, "can_manage": holds(request.user, MANAGE_REFERENCE_DATA)},
    )


COUNTRY_COLUMNS = [
    SortableColumn("iso3", gettext_lazy("ISO3"), "iso3"),
    SortableColumn("m49", "M49", "m49"),
    SortableColumn("name", gettext_lazy("Name"), "name_en"),
    SortableColumn("region", gettext_lazy("Region"), "region__name_en"),
    SortableColumn("status", gettext_lazy("UN status"), "un_status"),
    SortableColumn("groups", gettext_lazy("Groups"), None),
]


@requires(VIEW_REFERENCE_DATA)
def country_list(request: HttpRequest) -> HttpResponse:
    countries = selectors.countries_with_memberships().filter(
        pk__in=Country.objects.for_user(request.user).values("pk")
    )
    filterset = CountryFilter(request.GET, queryset=countries)
    listing = list_page(request, filterset.qs, columns=COUNTRY_COLUMNS, default_sort="name")
    as_of = filterset.as_of_date
    rows = [
        (country, [m.group_id for m in country.group_memberships.all() if m.covers(as_of)]) for country in listing.page
    ]
    template = "core/country_list.html#results" if request.htmx else "core/country_list.html"
    return render(request, template, {"filter": filterset, "listing": listing, "rows": rows, "as_of": as_of})


def _country_context(request: HttpRequest, country: Country, tab: str, form: GroupMembershipForm) -> dict:
    memberships = country.group_memberships.select_related("group").order_by("group_id", "valid_from")
    return {
        "country": country,
        "tab": tab,
        "memberships": memberships,
        "groups_today": country.groups_on(timezone.localdate()),
        "history": merged_history((country, ""), *((m, f"{m.group_id} {m.valid_from:%Y-%m-%d}") for m in memberships))
        if tab == "history"
        else None,
        # What other apps know about the country (treaty status, requests…), as far as the user may see.
        "panels": country_panels.for_subject(country, request.user, limit=PANEL_ITEMS_SHOWN)
        if tab == "overview"
        else [],
        "can_manage": holds(request.user, MANAGE_REFERENCE_DATA),
        "membership_form": form,
    }


@requires(VIEW_REFERENCE_DATA, per_object=True)
def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = selectors.get_country_for_user(request.user, iso3)
    context = _country_context(request, country, _tab(request), GroupMembershipForm())
    return render(request, "core/country_detail.html", context)


@require_POST
@requires(MANAGE_REFERENCE_DATA, per_object=True)
def country_membership_add(request: HttpRequest, iso3: str) -> HttpResponse:
    country = selectors.get_country_for_user(request.user, iso3, MANAGE_REFERENCE_DATA)
    form = GroupMembershipForm(request.POST)
    if form.is_valid():
        try:
            services.group_membership_create(
                group_code=form.cleaned_data["group"].code,
                country_iso3=country.iso3,
                valid_from=form.cleaned_data["valid_from"],
                valid_to=form.cleaned_data["valid_to"],
                source=form.cleaned_data["source"],
                verified=form.cleaned_data["verified"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Membership recorded."))
            return redirect("core:country_detail", iso3=country.iso3)
    return render(request, "core/country_detail.html", _country_context(request, country, "overview", form), status=422)


@requires(VIEW_REFERENCE_DATA)
def region_list(request: HttpRequest) -> HttpResponse:
    regions = list(Region.objects.all())
    children: dict[str | None, list[Region]] = {}
    for region in regions:
        children.setdefault(region.parent_id, []).append(region)

    def walk(parent: str | None, depth: int) -> list[tuple[Region, int]]:
        out = []
        for region in sorted(children.get(parent, []), key=lambda r: r.code):
            out.append((region, depth))
            out.extend(walk(region.code, depth + 1))
        return out

    return render(request, "core/region_list.html", {"tree": walk(None, 0)})


@requires(VIEW_REFERENCE_DATA)
def group_list(request: HttpRequest) -> HttpResponse:
    as_of = as_of_param(request)
    return render(
        request,
        "core/group_list.html",
        {"groups": _with_unconfirmed(selectors.group_member_counts(as_of), as_of), "as_of": as_of},
    )


@requires(VIEW_REFERENCE_DATA, per_object=True)
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    group = load_for_user(request.user, CountryGroup, code=code)
    as_of = as_of_param(request)
    members = Country.objects.for_user(request.user).in_group(group.code, as_of).select_related("region")
    memberships = group.memberships.select_related("country").order_by("country__name_en", "valid_from")
    return render(
        request,
        "core/group_detail.html",
        {
            "group": group,
            "as_of": as_of,
            "members": members,
            "memberships": memberships,
            "unconfirmed": selectors.unconfirmed_changes(as_of, group.code).get(group.code, []),
        },
    )


ORGANISATION_COLUMNS = [
    SortableColumn("acronym", gettext_lazy("Acronym"), "acronym"),
    SortableColumn("name", gettext_lazy("Name"), "name_en"),
    SortableColumn("roles", gettext_lazy("Roles"), None),
    SortableColumn("country", gettext_lazy("Seat"), "country__name_en"),
]


@requires(VIEW_REFERENCE_DATA)
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.for_user(request.user).select_related("country").prefetch_related("roles")
    filterset = OrganisationFilter(request.GET, queryset=organisations)
    listing = list_page(request, filterset.qs, columns=ORGANISATION_COLUMNS, default_sort="name")
    template = "core/organisation_list.html#results" if request.htmx else "core/organisation_list.html"
    return render(
        request,
        template,
        {"filter": filterset, "listing": listing, "can_manage": holds(request.user, MANAGE_REFERENCE_DATA)},
    )


@requires(VIEW_REFERENCE_DATA, per_object=True)
def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, code)
    tab = _tab(request)
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "tab": tab,
            "history": history_entries(organisation) if tab == "history" else None,
            "can_manage": holds(request.user, MANAGE_REFERENCE_DATA),
        },
    )


@requires(MANAGE_REFERENCE_DATA)
def organisation_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, code, MANAGE_REFERENCE_DATA) if code else None
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                organisation = services.organisation_save(
                    organisation=organisation,
                    code=data["code"],
                    name_en=data["name_en"],
                    name_fr=data["name_fr"],
                    acronym=data["acronym"],
                    country_iso3=data["country"].iso3 if data["country"] else None,
                    roles=data["roles"],
                    website=data["website"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Organisation saved."))
                return redirect(organisation)
        status = 422
    else:
        initial = {}
        if organisation:
            initial = {
                "code": organisation.code,
                "acronym": organisation.acronym,
                "name_en": organisation.name_en,
                "name_fr": organisation.name_fr,
                "country": organisation.country,
                "roles": organisation.role_codes,
                "website": organisation.website,
            }
        form = OrganisationForm(initial=initial)
        status = 200
    return render(request, "core/organisation_form.html", {"form": form, "organisation": organisation}, status=status)


@requires(VIEW_REFERENCE_DATA)
def theme_list(request: HttpRequest) -> HttpResponse:
    filterset = ThemeFilter(request.GET, queryset=Theme.objects.select_related("parent"))
    return render(request, "core/theme_list.html", {"filter": filterset, "themes": filterset.qs})


@requires(VIEW_REFERENCE_DATA, per_object=True)
def theme_detail(request: HttpRequest, code: str) -> HttpResponse:
    theme = load_for_user(request.user, Theme, code=code)
    tab = _tab(request)
    return render(
        request,
        "core/theme_detail.html",
        {"theme": theme, "tab": tab, "history": history_entries(theme) if tab == "history" else None},
    )


@require_POST
@requires(MANAGE_REFERENCE_DATA)
def reference_reload(request: HttpRequest) -> HttpResponse:
    job = services.background_job_start(
        name=_("Reload reference data"), owner=request.user, task=tasks.reload_reference_data
    )
    return redirect("core:job_detail", job_id=job.pk)


@requires(VIEW_JOB, per_object=True)
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = selectors.get_job_for_user(request.user, job_id)
    template = "core/job_detail.html#progress" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


NOTIFICATION_COLUMNS = [SortableColumn("created", gettext_lazy("When"), "created_at")]


@requires(VIEW_NOTIFICATIONS, post=MARK_NOTIFICATIONS_READ)
def notification_list(request: HttpRequest) -> HttpResponse:
    """The signed-in user's recent events and reminders, newest first; POST marks them all read."""
    if request.method == "POST":
        count = services.notifications_mark_read(user=request.user)
        marked = ngettext("%(count)s notification marked read.", "%(count)s notifications marked read.", count)
        messages.success(request, marked % {"count": count})
        return redirect("core:notification_list")
    mine = selectors.notifications_of(request.user)
    listing = list_page(request, mine, columns=NOTIFICATION_COLUMNS, default_sort="-created")
    return render(
        request,
        "core/notification_list.html",
        {"listing": listing, "unread": mine.unread().exists(), "keep_days": settings.TCDESK_NOTIFICATION_KEEP_DAYS},
    )


@requires(MARK_NOTIFICATIONS_READ, per_object=True)
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Follow a notification's link, marking it read. Another user's notification is not found (404);
    the auditor, who reads everything, is refused (403): nobody marks another person's notifications."""
    notification = load_for_user(request.user, Notification, MARK_NOTIFICATIONS_READ, pk=notification_id)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    target = notification.link
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/notifications/"
    return redirect(target)
