"""The generation of the published data: a counter in the shared cache that changes whenever data the
public pages show changes, so that cached public answers are keyed by it and a change invalidates them
all at once (no key to hunt down).

`bump()` is called after a commit that changed published data (the open-data app connects it to the
save and delete signals of the apps it publishes); `generation()` is read by the public page cache
(`tcdesk.operations.middleware.PublicPageCacheMiddleware`) and by the open-data views. With Redis the
counter is shared by every app server; with the per-process memory cache of a laptop it is exact for
that one process. Answers are cached for at most `TCDESK_PUBLIC_CACHE_SECONDS` anyway, which bounds
what a change made behind the signals' back (a bulk update) can leave stale.
"""

from __future__ import annotations

from django.core.cache import cache

KEY = "public-data:generation"


def generation() -> int:
    """The current generation (0 until the first change is recorded)."""
    value = cache.get(KEY)
    return int(value) if value is not None else 0


def bump() -> int:
    """Record that published data changed; returns the new generation."""
    try:
        return int(cache.incr(KEY))
    except ValueError:  # the key is not there yet (or was evicted)
        if cache.add(KEY, 1, timeout=None):
            return 1
        return int(cache.incr(KEY))
