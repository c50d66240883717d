"""Filters of the request queue, shared by the list page, the exports and the API list endpoint."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tcdesk.core.filters import YesNoAnyFilter
from tcdesk.core.models import CountryGroup, Region, Theme

from . import workflow
from .choices import AssistanceType, RequestStatus
from .extensions import queue_status_filters
from .models import AssistanceRequest
from .selectors import overdue

OPEN = "open"
AWAITING = "awaiting"
OVERDUE = "overdue"
ALL = "all"  # the page's default is OPEN; "all" shows closed work too
MINE = "me"
UNASSIGNED = "none"


class RequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    status = django_filters.ChoiceFilter(
        choices=[
            (OPEN, _("All open")),
            (AWAITING, _("Awaiting decision")),
            (OVERDUE, _("Overdue (awaiting decision for over 60 days)")),
            (ALL, _("All, closed ones included")),
            *RequestStatus.choices,
        ],
        method="filter_status",
        label=_("Status"),
    )
    assignee = django_filters.CharFilter(method="filter_assignee", label=_("Assigned to"), widget=forms.Select)
    country = django_filters.CharFilter(method="filter_country", label=_("State"), widget=forms.Select)
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.exclude(level="world"), method="filter_region", label=_("Region")
    )
    group = django_filters.ModelChoiceFilter(
        queryset=CountryGroup.objects.all(), method="filter_group", label=_("Country group at submission")
    )
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), method="filter_theme", label=_("Theme"))
    assistance_type = django_filters.ChoiceFilter(
        choices=AssistanceType.choices, method="filter_type", label=_("Type of assistance")
    )
    post_conflict = YesNoAnyFilter(label=_("Post-conflict reconstruction"))
    submitted_from = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__gte", label=_("Submitted from")
    )
    submitted_to = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__lte", label=_("Submitted until")
    )

    class Meta:
        model = AssistanceRequest
        fields = ["q", "status", "assignee", "country", "region", "group", "theme", "assistance_type", "post_conflict"]

    def __init__(self, *args, country_choices=None, assignee_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        contributed = [(extra.code, extra.label) for extra in queue_status_filters]
        if contributed:
            self.filters["status"].extra["choices"] = [*self.filters["status"].extra["choices"], *contributed]
        self.filters["assignee"].extra["widget"] = forms.Select(
            choices=[
                ("", "---------"),
                (MINE, _("Me")),
                (UNASSIGNED, _("Nobody yet")),
                *((str(u.pk), u.get_full_name() or u.get_username()) for u in assignee_choices or ()),
            ]
        )
        # Pages offer only the States that have requests the user may see (a short list); the API takes any ISO3.
        if country_choices is not None:
            self.filters["country"].extra["widget"] = forms.Select(
                choices=[("", "---------"), *((c.iso3, c.name) for c in country_choices)]
            )

    def filter_assignee(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if value == MINE:
            user = getattr(self.request, "user", None)
            return queryset.filter(assigned_to_id=getattr(user, "pk", None)) if user else queryset.none()
        if value == UNASSIGNED:
            return queryset.filter(assigned_to__isnull=True)
        if value.isdigit():
            return queryset.filter(assigned_to_id=int(value))
        return queryset.none()

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country_id=value.strip().upper())

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(reference__iexact=value) | Q(title__icontains=value) | Q(requesting_authority__icontains=value)
        )

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for extra in queue_status_filters:
            if value == extra.code:
                return extra.apply(queryset)
        if value == OPEN:
            return queryset.filter(status__in=workflow.OPEN_STATUSES)
        if value == AWAITING:
            return queryset.filter(status__in=workflow.AWAITING_DECISION)
        if value == OVERDUE:
            return overdue(queryset)
        if value == ALL:
            return queryset
        return queryset.filter(status=value)

    def filter_region(self, queryset: QuerySet, name: str, value: Region) -> QuerySet:
        return queryset.filter(
            Q(country__region=value) | Q(country__subregion=value) | Q(country__intermediate_region=value)
        )

    def filter_group(self, queryset: QuerySet, name: str, value: CountryGroup) -> QuerySet:
        # Membership as at the submission date, recorded on the request when it was submitted.
        return queryset.filter(country_groups__contains=f",{value.code},")

    def filter_theme(self, queryset: QuerySet, name: str, value: Theme) -> QuerySet:
        through = AssistanceRequest.themes.through
        codes = [value.code, *value.children.values_list("code", flat=True)]
        return queryset.filter(Exists(through.objects.filter(assistancerequest_id=OuterRef("pk"), theme_id__in=codes)))

    def filter_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(assistance_types__contains=f",{value},")
