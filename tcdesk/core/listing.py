"""List-page mechanics every app reuses: sorting by whitelisted columns and page-number pagination."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE_CHOICES = (25, 50, 100)


@dataclass
class SortableColumn:
    key: str
    label: str
    ordering: str | None  # None: not sortable


@dataclass
class ListPage:
    page: Page
    columns: list[SortableColumn]
    sort: str
    query_string: str  # the current filters, without page and sort, for building links


def sorted_by(
    queryset: QuerySet, *, columns: list[SortableColumn], sort: str | None, default_sort: str
) -> tuple[QuerySet, str]:
    """The queryset in the order a `sort` parameter names (a column key, `-` for descending; the default
    when unknown), with the primary key as tie-breaker so that the order is stable; and the sort used."""
    orderings = {c.key: c.ordering for c in columns if c.ordering}
    sort = sort or default_sort
    key = sort.lstrip("-")
    if key not in orderings:
        sort, key = default_sort, default_sort.lstrip("-")
    ordering = orderings[key]
    descending = sort.startswith("-")
    return queryset.order_by(f"-{ordering}" if descending else ordering, "pk"), sort


def list_page(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    columns: list[SortableColumn],
    default_sort: str,
    page_size: int = 50,
) -> ListPage:
    """Sort a queryset by the `sort` parameter (a column key, `-` for descending) and paginate it."""
    queryset, sort = sorted_by(queryset, columns=columns, sort=request.GET.get("sort"), default_sort=default_sort)
    try:
        size = int(request.GET.get("per_page", page_size))
    except ValueError:
        size = page_size
    size = size if size in PAGE_SIZE_CHOICES else page_size
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    params = request.GET.copy()
    for name in ("page", "sort"):
        params.pop(name, None)
    return ListPage(page=page, columns=columns, sort=sort, query_string=params.urlencode())
