"""A rate limit that holds across app servers: "at most N attempts in any period" per client address,
kept in the shared cache so that every server counts the same attempts.

django-ninja's own throttles keep a list of timestamps that each request reads, extends and writes back:
correct in one process, but two servers racing each write their own list and the limit leaks. Here, on
Redis (the production cache), the log is a sorted set updated by one Lua script, which Redis runs
atomically: trim what left the period, count, refuse or record. Other caches (the per-process memory
cache of development and tests) do the same under a process lock, which is exact for them because
nothing outside the process shares them.

Refused attempts are not recorded: a client that waits gets its tries back as its old ones age out.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# KEYS[1] the log; ARGV: now, period, limit, a unique member. Returns {allowed, oldest timestamp kept}.
_SLIDING_LOG = """
local now, period, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, oldest[2]}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil(period * 1000))
return {1, '0'}
"""

_local_lock = threading.Lock()


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

    def allow_request(self, request: HttpRequest) -> bool:
        ident = self.get_ident(request)
        if not ident:
            return True
        return self.attempt(ident)

    def attempt(self, ident: str) -> bool:
        """Count one attempt by `ident`; True when it is within the limit (and then recorded)."""
        cache = caches[self.cache_alias]
        key = f"ratelimit:{self.scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"
        now = self.timer()
        if isinstance(cache, RedisCache):
            allowed, oldest = self._attempt_on_redis(cache, key, now)
        else:
            allowed, oldest = self._attempt_in_process(cache, key, now)
        self._wait = None if allowed else max(0.0, oldest + self.period - now)
        return allowed

    def _attempt_on_redis(self, cache: RedisCache, key: str, now: float) -> tuple[bool, float]:
        full_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(full_key, write=True)
        allowed, oldest = client.eval(_SLIDING_LOG, 1, full_key, now, self.period, self.limit, uuid.uuid4().hex)
        return bool(int(allowed)), float(oldest)

    def _attempt_in_process(self, cache, key: str, now: float) -> tuple[bool, float]:
        with _local_lock:
            log = [t for t in cache.get(key, []) if t > now - self.period]
            if len(log) >= self.limit:
                return False, min(log)
            log.append(now)
            cache.set(key, log, self.period)
            return True, 0.0

    def wait(self) -> float | None:
        return self._wait


# ------------------------------------------------------------------------------------------- sign-in


def sign_in_wait(request: HttpRequest | None, username: str) -> float | None:
    """Count one sign-in attempt (web form, admin form, token endpoint) by the client's address and by
    the account named; None when both are within their limits, else the seconds to wait.

    Both limits are counted in the shared cache (`TCDESK_SIGN_IN_RATE_PER_ADDRESS`, default 100 an
    hour; `TCDESK_SIGN_IN_RATE_PER_ACCOUNT`, default 20 an hour), so that guessing is slow whichever
    server answers, and a guesser spreading over many addresses still meets the account's limit.
    """
    from django.conf import settings

    per_address = SharedRateThrottle(
        getattr(settings, "TCDESK_SIGN_IN_RATE_PER_ADDRESS", "100/h"), scope="sign-in-address"
    )
    per_account = SharedRateThrottle(
        getattr(settings, "TCDESK_SIGN_IN_RATE_PER_ACCOUNT", "20/h"), scope="sign-in-account"
    )
    address = per_address.get_ident(request) if request is not None else None
    if address and not per_address.attempt(address):
        return per_address.wait()
    account = (username or "").strip().lower()
    if account and not per_account.attempt(account):
        return per_account.wait()
    return None
