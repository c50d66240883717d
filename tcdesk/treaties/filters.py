"""Filters of the matrix page and the matrix API (one definition for both)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tcdesk.core.filters import CountryFilter
from tcdesk.core.models import Country

from .choices import Family
from .forms import DateInput
from .models import Instrument


class MatrixFilter(CountryFilter):
    """States (rows) by text, region and country group as at the date; instruments (columns) by family."""

    as_of = django_filters.DateFilter(method="filter_noop", label=_("As at"), widget=DateInput())
    family = django_filters.ChoiceFilter(choices=Family.choices, method="filter_noop", label=_("Instruments"))

    class Meta:
        model = Country
        fields = ["q", "region", "group", "as_of", "family"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("un_status", None)
        self.form.fields.pop("un_status", None)

    def instruments(self) -> QuerySet[Instrument]:
        family = self.form.cleaned_data.get("family") if self.form.is_valid() else None
        queryset = Instrument.objects.all()
        return queryset.filter(family=family) if family else queryset

    def countries(self) -> QuerySet[Country]:
        return self.qs.select_related(None).order_by("name_en") if self.is_valid() else Country.objects.none()
