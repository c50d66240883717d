"""Filters of the resolution list, the mandate registry and the reporting requests, shared by the
pages and the API (one definition for both)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tcdesk.core.filters import YesNoAnyFilter
from tcdesk.core.models import Theme

from .choices import Action, Body, Language, MandateStatus, ReportingKind
from .models import Addressee, Mandate, ReportingRequest, Resolution


class ResolutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    body = django_filters.ChoiceFilter(choices=Body.choices, label=_("Body"))
    session = django_filters.NumberFilter(label=_("Session"), min_value=1)
    language = django_filters.ChoiceFilter(choices=Language.choices, label=_("Language"))

    class Meta:
        model = Resolution
        fields = ["q", "body", "session", "language"]

    def filter_text(self, queryset: QuerySet[Resolution], name: str, value: str) -> QuerySet[Resolution]:
        return queryset.filter(Q(symbol__icontains=value.strip()) | Q(title__icontains=value.strip()))


class MandateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    addressee = django_filters.ModelChoiceFilter(
        queryset=Addressee.objects.all(), field_name="addressees", to_field_name="code", label=_("Addressee")
    )
    action = django_filters.ChoiceFilter(choices=Action.choices, method="filter_action", label=_("Action"))
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), field_name="themes", to_field_name="code", label=_("Theme")
    )
    body = django_filters.ChoiceFilter(choices=Body.choices, field_name="resolution__body", label=_("Body"))
    session = django_filters.NumberFilter(field_name="resolution__session", label=_("Session"), min_value=1)
    resolution = django_filters.CharFilter(field_name="resolution__symbol", lookup_expr="iexact", label=_("Resolution"))
    status = django_filters.ChoiceFilter(choices=MandateStatus.choices, label=_("Status"))
    pending = YesNoAnyFilter(method="filter_pending", label=_("Still open"))
    due_session = django_filters.NumberFilter(label=_("Due at session"), min_value=1)
    evidence = YesNoAnyFilter(method="filter_evidence", label=_("Has evidence"))

    class Meta:
        model = Mandate
        fields = [
            "q",
            "addressee",
            "action",
            "theme",
            "body",
            "session",
            "resolution",
            "status",
            "pending",
            "due_session",
            "evidence",
        ]

    def filter_text(self, queryset: QuerySet[Mandate], name: str, value: str) -> QuerySet[Mandate]:
        return queryset.filter(Q(text__icontains=value) | Q(resolution__symbol__icontains=value))

    def filter_action(self, queryset: QuerySet[Mandate], name: str, value: str) -> QuerySet[Mandate]:
        """The paragraph's action, or a further action clause in it (", and requests …")."""
        return queryset.filter(Q(action=value) | Q(other_actions__contains=f",{value},"))

    def filter_pending(self, queryset: QuerySet[Mandate], name: str, value: bool | None) -> QuerySet[Mandate]:
        if value is None:
            return queryset
        return queryset.pending() if value else queryset.exclude(pk__in=queryset.pending().values("pk"))

    def filter_evidence(self, queryset: QuerySet[Mandate], name: str, value: bool | None) -> QuerySet[Mandate]:
        if value is None:
            return queryset
        return queryset.filter(evidence__isnull=not value)

    @property
    def qs(self):
        return super().qs.distinct()


class ReportingRequestFilter(django_filters.FilterSet):
    to_session = django_filters.NumberFilter(label=_("Session"), min_value=1)
    due_year = django_filters.NumberFilter(label=_("Year"), min_value=1946)
    addressee = django_filters.ModelChoiceFilter(
        queryset=Addressee.objects.all(), to_field_name="code", label=_("Addressee")
    )
    kind = django_filters.ChoiceFilter(choices=ReportingKind.choices, label=_("Kind"))
    body = django_filters.ChoiceFilter(choices=Body.choices, field_name="resolution__body", label=_("Body"))

    class Meta:
        model = ReportingRequest
        fields = ["to_session", "due_year", "addressee", "kind", "body"]
