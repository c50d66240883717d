"""List endpoints filter with the same django-filter FilterSet as the list page.

The query parameters arrive as a ninja `Schema`; `filter_or_422` hands the values given to the
FilterSet and answers 422 naming each bad parameter ("query.status"), never an empty list.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from ninja import Schema


def query_params(query: Schema) -> dict[str, Any]:
    """The parameters the caller gave (None means not given)."""
    return {name: value for name, value in query.dict().items() if value is not None}


def filter_or_422(filterset: django_filters.FilterSet) -> QuerySet:
    """The filtered queryset; ValidationError (422) naming each invalid parameter."""
    if not filterset.is_valid():
        raise ValidationError({f"query.{name}": errors for name, errors in filterset.errors.items()})
    return filterset.qs


def filtered(
    filterset_class: type[django_filters.FilterSet], query: Schema | dict[str, Any], queryset: QuerySet, **kwargs: Any
) -> QuerySet:
    """`queryset` filtered by the query's parameters through `filterset_class`, or 422."""
    params = query if isinstance(query, dict) else query_params(query)
    return filter_or_422(filterset_class(params, queryset=queryset, **kwargs))
