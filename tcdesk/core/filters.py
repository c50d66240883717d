"""Filters shared by the reference-data pages and the API (one definition for both)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OrganisationRoleKind, UNStatus
from .models import Country, CountryGroup, Organisation, Region, Theme


class YesNoAnyFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice reads "Any" (django-filter's default says "Unknown")."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]))
        super().__init__(*args, **kwargs)


class CountryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.exclude(level="world"), method="filter_region", label=_("Region")
    )
    group = django_filters.ModelChoiceFilter(
        queryset=CountryGroup.objects.all(), method="filter_group", label=_("Country group")
    )
    as_of = django_filters.DateFilter(method="filter_noop", label=_("Group membership as of"))
    un_status = django_filters.ChoiceFilter(choices=UNStatus.choices, label=_("UN status"))

    class Meta:
        model = Country
        fields = ["q", "region", "group", "as_of", "un_status"]

    def filter_text(self, queryset: QuerySet[Country], name: str, value: str) -> QuerySet[Country]:
        return queryset.filter(
            Q(name_en__icontains=value)
            | Q(name_fr__icontains=value)
            | Q(name_es__icontains=value)
            | Q(iso3__iexact=value)
            | Q(iso2__iexact=value)
            | Q(m49=value)
        )

    def filter_region(self, queryset: QuerySet[Country], name: str, value: Region) -> QuerySet[Country]:
        return queryset.filter(Q(region=value) | Q(subregion=value) | Q(intermediate_region=value))

    def filter_group(self, queryset: QuerySet[Country], name: str, value: CountryGroup) -> QuerySet[Country]:
        return queryset.in_group(value.code, self.as_of_date)

    def filter_noop(self, queryset: QuerySet[Country], name: str, value: dt.date) -> QuerySet[Country]:
        # as_of only qualifies the group filter.
        return queryset

    @property
    def as_of_date(self) -> dt.date:
        value = self.form.cleaned_data.get("as_of") if self.form.is_valid() else None
        return value or timezone.localdate()


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    role = django_filters.ChoiceFilter(choices=OrganisationRoleKind.choices, method="filter_role", label=_("Role"))
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("Seat"))

    class Meta:
        model = Organisation
        fields = ["q", "role", "country"]

    def filter_text(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        return queryset.filter(
            Q(name_en__icontains=value)
            | Q(name_fr__icontains=value)
            | Q(name_es__icontains=value)
            | Q(acronym__icontains=value)
            | Q(code=value)
        )

    def filter_role(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        return queryset.with_role(value)


class ThemeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))

    class Meta:
        model = Theme
        fields = ["q"]

    def filter_text(self, queryset: QuerySet[Theme], name: str, value: str) -> QuerySet[Theme]:
        return queryset.filter(
            Q(name_en__icontains=value) | Q(name_fr__icontains=value) | Q(name_es__icontains=value) | Q(code=value)
        )
