"""A rate limit that holds across app servers: "at most N attempts in any period" per client address,
kept in the shared cache so that every server counts the same attempts.

django-ninja's own throttles keep a list of timestamps that each request reads, extends and writes back:
correct in one process, but two servers racing each write their own list and the limit leaks. Here, on
Redis (the production cache), the log is a sorted set updated by one Lua script, which Redis runs
atomically: trim what left the period, count, refuse or record. Other caches (the per-process memory
cache of development and tests) do the same under a process lock, which is exact for them because
nothing outside the process shares them.

Refused attempts are not recorded: a client that waits gets its tries back as its old ones age out.
An attempt that turns out not to count (a sign-in with the right password, for the per-account limit)
is given back with `release`, which removes exactly the entry that attempt recorded.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections.abc import Callable

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

# KEYS[1] the log; ARGV[1] the member an attempt recorded.
_RELEASE = "return redis.call('ZREM', KEYS[1], ARGV[1])"

_local_lock = threading.Lock()


def _now() -> float:
    """The clock the limits read (one place, so that a test can move time past a window)."""
    return time.time()


class SharedRateThrottle(BaseThrottle):
    """At most `rate` ("20/m") attempts per client address and scope, counted in the cache `cache_alias`."""

    def __init__(
        self, rate: str, *, scope: str, cache_alias: str = "default", timer: Callable[[], float] | None = None
    ) -> None:
        count, _slash, unit = rate.partition("/")
        self.limit = int(count)
        self.period = _PERIODS[unit[:1]]
        self.scope = scope
        self.cache_alias = cache_alias
        self.timer = timer or _now
        self._wait: float | None = None
        self._member: str | None = None

    def allow_request(self, request: HttpRequest) -> bool:
        ident = self.get_ident(request)
        if not ident:
            return True
        return self.attempt(ident)

    def _key(self, ident: str) -> str:
        return f"ratelimit:{self.scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"

    def attempt(self, ident: str) -> bool:
        """Count one attempt by `ident`; True when it is within the limit (and then recorded)."""
        cache = caches[self.cache_alias]
        key = self._key(ident)
        now = self.timer()
        member = uuid.uuid4().hex
        if isinstance(cache, RedisCache):
            allowed, oldest = self._attempt_on_redis(cache, key, now, member)
        else:
            allowed, oldest = self._attempt_in_process(cache, key, now, member)
        self._wait = None if allowed else max(0.0, oldest + self.period - now)
        self._member = member if allowed else None
        return allowed

    def release(self, ident: str) -> None:
        """Give back the attempt this throttle last recorded for `ident` (nothing if it was refused)."""
        member, self._member = self._member, None
        if member is None:
            return
        cache = caches[self.cache_alias]
        key = self._key(ident)
        if isinstance(cache, RedisCache):
            full_key = cache.make_and_validate_key(key)
            cache._cache.get_client(full_key, write=True).eval(_RELEASE, 1, full_key, member)
            return
        with _local_lock:
            log = [entry for entry in cache.get(key, []) if entry[1] != member]
            cache.set(key, log, self.period)

    def _attempt_on_redis(self, cache: RedisCache, key: str, now: float, member: str) -> tuple[bool, float]:
        full_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(full_key, write=True)
        allowed, oldest = client.eval(_SLIDING_LOG, 1, full_key, now, self.period, self.limit, member)
        return bool(int(allowed)), float(oldest)

    def _attempt_in_process(self, cache, key: str, now: float, member: str) -> tuple[bool, float]:
        with _local_lock:
            log = [entry for entry in cache.get(key, []) if entry[0] > now - self.period]
            if len(log) >= self.limit:
                return False, min(entry[0] for entry in log)
            log.append((now, member))
            cache.set(key, log, self.period)
            return True, 0.0

    def wait(self) -> float | None:
        return self._wait


# ------------------------------------------------------------------------------------------- sign-in


class SignInAttempt:
    """One sign-in attempt, counted before the password is checked.

    `wait` is None when the attempt may go on, else the seconds to wait (the password must then not be
    checked). The per-account limit is a limit on *failures*: call `succeeded()` once the password proved
    right, and the attempt is given back to the account (a user who signs in often is never locked out,
    while a guesser's wrong passwords keep counting). The per-address limit counts every attempt.
    """

    def __init__(self, *, per_address: SharedRateThrottle, per_account: SharedRateThrottle, account: str) -> None:
        self.per_address = per_address
        self.per_account = per_account
        self.account = account
        self.wait: float | None = None

    def succeeded(self) -> None:
        """The credentials were right: this attempt does not count against the account."""
        if self.account:
            self.per_account.release(self.account)


def sign_in_attempt(request: HttpRequest | None, username: str) -> SignInAttempt:
    """Count one sign-in attempt (web form, admin form, token endpoint) by the client's address and by
    the account named, and say whether it may go on (`SignInAttempt.wait`).

    Both limits are counted in the shared cache (`TCDESK_SIGN_IN_RATE_PER_ADDRESS`, default 100 an
    hour, every attempt; `TCDESK_SIGN_IN_RATE_PER_ACCOUNT`, default 20 an hour, failed attempts only),
    so that guessing is slow whichever server answers, and a guesser spreading over many addresses still
    meets the account's limit. An account past its limit is refused even with the right password until
    its oldest failure leaves the window: counting a failure atomically *before* checking the password
    (and giving it back on success) keeps the limit exact when attempts race.
    """
    from django.conf import settings

    per_address = SharedRateThrottle(
        getattr(settings, "TCDESK_SIGN_IN_RATE_PER_ADDRESS", "100/h"), scope="sign-in-address"
    )
    per_account = SharedRateThrottle(
        getattr(settings, "TCDESK_SIGN_IN_RATE_PER_ACCOUNT", "20/h"), scope="sign-in-account"
    )
    account = (username or "").strip().lower()
    attempt = SignInAttempt(per_address=per_address, per_account=per_account, account=account)
    address = per_address.get_ident(request) if request is not None else None
    if address and not per_address.attempt(address):
        attempt.wait = per_address.wait()
    elif account and not per_account.attempt(account):
        attempt.wait = per_account.wait()
    return attempt
