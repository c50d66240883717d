"""A rate limit that holds across app servers: attempts are counted in the shared cache (Redis in
production) with atomic increments, so two servers, or two requests racing on one, never both read
the same count and both let a try through.

django-ninja's own throttles keep a list of timestamps that each request reads, extends and writes
back: correct in one process, but two servers racing each write their own list and the limit leaks.
Here the count is a sliding-window estimate: this minute's attempts plus last minute's, weighted by how
much of last minute is still inside the window (the approach of Cloudflare's and nginx's limiters).
For a client with no history the (N+1)-th attempt within the period is refused exactly.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import caches
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class SharedRateThrottle(BaseThrottle):
    """At most `rate` ("20/m") attempts per client address and scope, counted in the cache `cache_alias`."""

    def __init__(self, rate: str, *, scope: str, cache_alias: str = "default", timer=time.time) -> None:
        count, _slash, unit = rate.partition("/")
        self.limit = int(count)
        self.period = _PERIODS[unit[:1]]
        self.scope = scope
        self.cache_alias = cache_alias
        self.timer = timer
        self._wait: float | None = None

    def _key(self, ident: str, window: int) -> str:
        client = hashlib.sha256(ident.encode()).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{client}:{window}"

    def allow_request(self, request: HttpRequest) -> bool:
        ident = self.get_ident(request)
        if not ident:
            return True
        return self.attempt(ident)

    def attempt(self, ident: str) -> bool:
        """Count one attempt by `ident`; True when it is within the limit."""
        cache = caches[self.cache_alias]
        now = self.timer()
        window, offset = divmod(now, self.period)
        window = int(window)
        key = self._key(ident, window)
        # Kept two periods: the next window still reads this one as its "previous".
        cache.add(key, 0, timeout=2 * self.period)
        try:
            current = cache.incr(key)
        except ValueError:  # expired between add and incr (a very slow call): start again
            cache.add(key, 1, timeout=2 * self.period)
            current = 1
        previous = cache.get(self._key(ident, window - 1), 0)
        weight = 1 - offset / self.period
        estimate = previous * weight + current
        if estimate <= self.limit:
            self._wait = None
            return True
        self._wait = self.period - offset
        return False

    def wait(self) -> float | None:
        return self._wait
