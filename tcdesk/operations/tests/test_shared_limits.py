"""Rate limits hold across app servers: counted in the shared cache with atomic increments.

Each "server" here is its own cache client (its own connections), as two gunicorn processes would be.
The Redis tests run against REDIS_URL or the machine's Redis at 127.0.0.1:6379 and are skipped, with
the reason, when none answers; they use their own key prefix and delete only their own keys.
"""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from tcdesk.accounts.api import TOKEN_ATTEMPTS_PER_MINUTE
from tcdesk.accounts.throttling import SharedRateThrottle

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _redis_reachable() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except Exception as exc:
        return f"no Redis answers at {REDIS_URL} ({type(exc).__name__}); set REDIS_URL or start redis-server"
    return None


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _two_servers(location: str | None):
    prefix = f"tcdesk-test-{uuid.uuid4().hex}"
    if location is None:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
    else:
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location, "KEY_PREFIX": prefix}
    return override_settings(CACHES={"default": backend, "server-a": backend, "server-b": backend}), prefix


def _limit(alias: str, clock: Clock) -> SharedRateThrottle:
    return SharedRateThrottle(f"{TOKEN_ATTEMPTS_PER_MINUTE}/m", scope="api-token", cache_alias=alias, timer=clock)


def test_the_limit_refuses_the_attempt_after_the_last_allowed_one():
    clock = Clock(1_000_020.0)
    limit = _limit("default", clock)
    allowed = [limit.attempt("198.51.100.7") for _ in range(TOKEN_ATTEMPTS_PER_MINUTE + 1)]
    assert allowed == [True] * TOKEN_ATTEMPTS_PER_MINUTE + [False]
    assert 0 < limit.wait() <= 60
    assert limit.attempt("198.51.100.8"), "another client has its own count"


@pytest.mark.parametrize("backend", ["locmem", "redis"])
def test_the_window_slides_instead_of_resetting_at_the_minute(backend):
    if backend == "redis" and (reason := _redis_reachable()):
        pytest.skip(reason)
    settings_override, prefix = _two_servers(REDIS_URL if backend == "redis" else None)
    clock = Clock(6_000_000.0 + 50)  # 50 s into a clock minute
    with settings_override:
        try:
            limit = _limit("server-a", clock)
            for n in range(TOKEN_ATTEMPTS_PER_MINUTE):
                clock.now += 1  # one try a second, across the turn of the minute
                assert limit.attempt("203.0.113.1"), n
            clock.now += 15  # 20 tries in the last 35 s: still refused, whatever the clock minute
            assert not limit.attempt("203.0.113.1")
            assert limit.wait() == pytest.approx(60 - 35 + 1)
            clock.now += 60 - 35 + 1  # the first try has aged out: one more is allowed, not two
            assert [limit.attempt("203.0.113.1") for _ in range(2)] == [True, False]
        finally:
            _forget(prefix, backend)


@pytest.mark.django_db
def test_the_token_endpoint_refuses_the_21st_try_whichever_client_sends_it(client):
    from django.test import Client

    other = Client()
    statuses = [
        (client if n % 2 else other)
        .post("/api/auth/token", {"username": "nobody", "password": "x"}, content_type="application/json")
        .status_code
        for n in range(TOKEN_ATTEMPTS_PER_MINUTE + 1)
    ]
    assert statuses == [401] * TOKEN_ATTEMPTS_PER_MINUTE + [429]


@pytest.mark.parametrize("backend", ["locmem", "redis"])
def test_two_servers_share_one_count(backend):
    if backend == "redis" and (reason := _redis_reachable()):
        pytest.skip(reason)
    settings_override, prefix = _two_servers(REDIS_URL if backend == "redis" else None)
    clock = Clock(7_000_000.0 + 10)
    with settings_override:
        try:
            server_a, server_b = _limit("server-a", clock), _limit("server-b", clock)
            assert caches["server-a"] is not caches["server-b"]
            results = [(server_a if n % 2 else server_b).attempt("192.0.2.1") for n in range(TOKEN_ATTEMPTS_PER_MINUTE)]
            assert all(results)
            assert not server_a.attempt("192.0.2.1")
            assert not server_b.attempt("192.0.2.1")
        finally:
            _forget(prefix, backend)


@pytest.mark.parametrize("backend", ["locmem", "redis"])
def test_concurrent_attempts_on_two_servers_let_exactly_the_limit_through(backend):
    if backend == "redis" and (reason := _redis_reachable()):
        pytest.skip(reason)
    settings_override, prefix = _two_servers(REDIS_URL if backend == "redis" else None)
    clock = Clock(8_000_000.0 + 5)
    attempts = 60
    start = threading.Barrier(attempts)
    allowed: list[bool] = []
    with settings_override:
        try:

            def attempt(n: int) -> None:
                limit = _limit("server-a" if n % 2 else "server-b", clock)  # each thread: its own client
                start.wait()
                allowed.append(limit.attempt("192.0.2.99"))

            threads = [threading.Thread(target=attempt, args=(n,)) for n in range(attempts)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            _forget(prefix, backend)
    assert allowed.count(True) == TOKEN_ATTEMPTS_PER_MINUTE
    assert allowed.count(False) == attempts - TOKEN_ATTEMPTS_PER_MINUTE


def _forget(prefix: str, backend: str) -> None:
    if backend != "redis":
        return
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
