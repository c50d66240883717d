"""Numbers handed out one at a time under concurrency (reference numbers such as TAR-2026-0042).

`next_value(name)` increments a `Counter` row that stays locked until the caller's transaction ends:
two transactions asking at once get consecutive numbers, never the same one, on SQLite (whose
IMMEDIATE transactions already serialise writers) and PostgreSQL (the UPDATE's row lock). A counter
that does not exist yet is created (a concurrent creation is ignored: the insert does nothing on a
conflict, and both callers then queue on the same row). `at_least` guards against writers that number
without the counter (bulk imports, demo data, data restored from elsewhere): it is read under the lock
and the counter jumps to it when it is behind.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import F

from .models import Counter


def next_value(name: str, *, at_least: Callable[[], int] | None = None) -> int:
    """The next number of counter `name` (1 for a new counter, or `at_least()` when that is higher);
    call it inside the transaction that stores the number, so that a rollback gives it back."""
    with transaction.atomic():
        if not Counter.objects.filter(name=name).exists():
            Counter.objects.bulk_create([Counter(name=name, value=0)], ignore_conflicts=True)
        # The UPDATE takes the row lock, held until the outermost transaction ends.
        Counter.objects.filter(name=name).update(value=F("value") + 1)
        value = Counter.objects.values_list("value", flat=True).get(name=name)
        if at_least is not None:
            floor = at_least()
            if value < floor:
                Counter.objects.filter(name=name).update(value=floor)
                value = floor
        return value
