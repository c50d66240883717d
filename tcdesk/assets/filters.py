"""Filters of the agreement and case lists, shared by the pages and the API list endpoints."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import AgreementRule, AgreementStatus, LegalBasis
from .models import ConfiscationCase, SharingAgreement


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    state = django_filters.CharFilter(method="filter_state", label=_("State (ISO3)"))
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices, label=_("Status"))
    rule = django_filters.ChoiceFilter(choices=AgreementRule.choices, label=_("Rule"))
    legal_basis = django_filters.ChoiceFilter(choices=LegalBasis.choices, label=_("Legal basis"))

    class Meta:
        model = SharingAgreement
        fields = ["q", "state", "status", "rule", "legal_basis"]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value))

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        code = value.strip().upper()
        return queryset.filter(Q(state_id=code) | Q(counterpart_state_id=code))


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    state = django_filters.CharFilter(method="filter_state", label=_("State (ISO3)"))
    legal_basis = django_filters.ChoiceFilter(choices=LegalBasis.choices, label=_("Legal basis"))
    decided = django_filters.BooleanFilter(method="filter_decided", label=_("Sharing decided"))

    class Meta:
        model = ConfiscationCase
        fields = ["q", "state", "legal_basis", "decided"]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value))

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(parties__state_id=value.strip().upper()).distinct()

    def filter_decided(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(decision__isnull=not value)
