"""Accounts (issue 18): sign-in throttling everywhere, password change and reset for every user, API
tokens revoked with the password, named, listed, revocable and pruned."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tcdesk.accounts.models import ApiToken
from tcdesk.accounts.services import MAX_TOKENS_PER_USER, api_token_create, api_tokens_prune
from tcdesk.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    user = UserFactory(username="amina", email="amina@example.org")
    user.set_password("a-long-enough-pass")
    user.save()
    return user


def _sign_in(client: Client, username: str, password: str, url: str = "/accounts/login/"):
    return client.post(url, {"username": username, "password": password})


def test_the_web_sign_in_is_throttled_per_account_even_with_the_right_password(person, settings):
    settings.TCDESK_SIGN_IN_RATE_PER_ACCOUNT = "3/h"
    for _attempt in range(3):
        assert _sign_in(Client(), "amina", "wrong").status_code == 200
    response = _sign_in(Client(), "amina", "a-long-enough-pass")
    assert response.status_code == 200
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_the_web_sign_in_is_throttled_per_address(person, settings):
    settings.TCDESK_SIGN_IN_RATE_PER_ADDRESS = "3/h"
    client = Client()
    for name in ("a", "b", "c"):
        _sign_in(client, name, "wrong")
    assert "Too many sign-in attempts" in _sign_in(client, "amina", "a-long-enough-pass").content.decode()


def test_the_admin_sign_in_is_throttled_too(admin_user, settings):
    settings.TCDESK_SIGN_IN_RATE_PER_ACCOUNT = "2/h"
    for _attempt in range(2):
        _sign_in(Client(), admin_user.username, "wrong", url="/admin/login/")
    response = _sign_in(Client(), admin_user.username, "wrong", url="/admin/login/")
    assert "Too many sign-in attempts" in response.content.decode()


def test_the_token_endpoint_is_throttled_per_account_across_addresses(person, settings):
    settings.TCDESK_SIGN_IN_RATE_PER_ACCOUNT = "2/h"
    body = {"username": "amina", "password": "wrong"}
    codes = [
        Client(REMOTE_ADDR=f"10.0.0.{i}").post("/api/auth/token", body, content_type="application/json").status_code
        for i in range(3)
    ]
    assert codes == [401, 401, 429]


def test_every_user_changes_their_password_and_their_tokens_are_revoked(person, client):
    _token, raw = api_token_create(user=person, name="script")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/auth/me", **bearer).status_code == 200
    client.force_login(person)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "a-long-enough-pass",
            "new_password1": "another-long-pass-42",
            "new_password2": "another-long-pass-42",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("another-long-pass-42")
    assert not ApiToken.objects.filter(user=person).exists()
    assert Client().get("/api/auth/me", **bearer).status_code == 401


def test_a_token_stops_working_when_the_password_changes_anywhere(person):
    _token, raw = api_token_create(user=person, name="script")
    person.set_password("changed-in-the-admin-site")
    person.save()
    assert Client().get("/api/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_forgotten_password_is_reset_by_e_mail(person):
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": "amina@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"new_password1": "brand-new-pass-2026", "new_password2": "brand-new-pass-2026"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("brand-new-pass-2026")


def test_the_reset_pages_exist_in_french(person):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    response = client.get(reverse("accounts:password_reset"))
    assert "Réinitialiser votre mot de passe" in response.content.decode()


def test_tokens_are_named_listed_and_revocable_from_the_profile(person, client):
    client.force_login(person)
    response = client.post(reverse("accounts:token_create"), {"name": "monthly export"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=person)
    assert token.name == "monthly export"
    page = response.content.decode()
    assert "monthly export" in page and token.key_prefix in page
    assert client.post(reverse("accounts:token_create"), {"name": ""}).status_code == 422
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_issuing_tokens_keeps_a_bounded_number_and_drops_expired_ones(person):
    expired, _raw = api_token_create(user=person, name="old")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    for number in range(MAX_TOKENS_PER_USER + 5):
        api_token_create(user=person, name=f"run {number}")
    assert ApiToken.objects.filter(user=person).count() == MAX_TOKENS_PER_USER
    assert not ApiToken.objects.filter(pk=expired.pk).exists()


def test_old_and_orphaned_tokens_are_pruned(person):
    keep, _raw = api_token_create(user=person, name="in use")
    unused, _raw = api_token_create(user=person, name="never used")
    ApiToken.objects.filter(pk=unused.pk).update(created_at=timezone.now() - dt.timedelta(days=100))
    assert api_tokens_prune() == 1
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["in use"]
    person.set_password("changed-elsewhere-2026")
    person.save()
    call_command("prune_api_tokens", "--json", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not ApiToken.objects.filter(pk=keep.pk).exists()


# ---------------------------------------------------------------- the account's limit counts failures only


def test_signing_in_often_never_locks_the_account_out(person):
    """25 successful sign-ins in an hour, past the default 20 an hour: each one counts for nothing."""
    for number in range(25):
        response = _sign_in(Client(), "amina", "a-long-enough-pass")
        assert response.status_code == 302, f"sign-in {number + 1} refused"
    for number in range(25):
        # From several addresses: the token endpoint's own per-address limit (20 a minute) stays.
        response = Client(REMOTE_ADDR=f"10.3.0.{number}").post(
            "/api/auth/token", {"username": "amina", "password": "a-long-enough-pass"}, content_type="application/json"
        )
        assert response.status_code == 200, f"token {number + 1} refused"


def test_successes_between_failures_do_not_bring_the_lock_nearer(person, settings):
    settings.TCDESK_SIGN_IN_RATE_PER_ACCOUNT = "3/h"
    for _round in range(5):
        assert _sign_in(Client(), "amina", "a-long-enough-pass").status_code == 302
    for _failure in range(2):
        _sign_in(Client(), "amina", "wrong")
    assert _sign_in(Client(), "amina", "a-long-enough-pass").status_code == 302, "2 failures of 3: not locked"


def test_twenty_failures_lock_the_account_for_the_window_and_no_other(person, monkeypatch):
    """The default limit: the 20 failures are answered as failures, then the account is locked, the
    right password included, with a message saying how long; another account signs in as usual; once
    the first failure has left the hour, one more attempt is allowed."""
    from tcdesk.accounts import throttling

    now = [1_900_000_000.0]
    monkeypatch.setattr(throttling, "_now", lambda: now[0])
    other = UserFactory(username="bruno")
    other.set_password("bruno-long-enough-pass")
    other.save()
    for number in range(20):
        address = f"10.1.0.{number}"  # spread over addresses: the account's own limit is what is met
        response = Client(REMOTE_ADDR=address).post("/accounts/login/", {"username": "amina", "password": "wrong"})
        assert "Too many sign-in attempts" not in response.content.decode(), f"failure {number + 1}"
        now[0] += 60
    locked = _sign_in(Client(REMOTE_ADDR="10.2.0.1"), "AMINA", "a-long-enough-pass")
    page = locked.content.decode()
    assert "Too many sign-in attempts. Try again in 40 minute(s)." in page  # 1st failure ages out in 40 min
    assert "_auth_user_id" not in locked.wsgi_request.session
    token = Client(REMOTE_ADDR="10.2.0.2").post(
        "/api/auth/token", {"username": "amina", "password": "a-long-enough-pass"}, content_type="application/json"
    )
    assert token.status_code == 429
    assert _sign_in(Client(REMOTE_ADDR="10.2.0.3"), "bruno", "bruno-long-enough-pass").status_code == 302
    now[0] += 41 * 60
    assert _sign_in(Client(REMOTE_ADDR="10.2.0.4"), "amina", "a-long-enough-pass").status_code == 302


@pytest.mark.parametrize("backend", ["locmem", "redis"])
def test_a_given_back_attempt_frees_exactly_its_own_slot(backend):
    """`release` removes the one entry its attempt recorded, on the per-process cache and on Redis
    (skipped, with the reason, when no Redis answers at REDIS_URL or 127.0.0.1:6379)."""
    import os
    import uuid

    from django.core.cache import caches
    from django.test import override_settings

    from tcdesk.accounts.throttling import SharedRateThrottle

    location = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    prefix = f"tcdesk-test-{uuid.uuid4().hex}"
    if backend == "redis":
        try:
            import redis

            redis.Redis.from_url(location, socket_connect_timeout=1, socket_timeout=1).ping()
        except Exception as exc:
            pytest.skip(f"no Redis answers at {location} ({type(exc).__name__})")
        config = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location, "KEY_PREFIX": prefix}
    else:
        config = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
    now = [2_000_000.0]
    with override_settings(CACHES={"default": config}):
        try:
            limit = SharedRateThrottle("3/h", scope="test-release", timer=lambda: now[0])
            assert limit.attempt("someone") and limit.attempt("someone")
            assert limit.attempt("someone")
            limit.release("someone")  # the third attempt is given back...
            limit.release("someone")  # ...once: a second release gives back nothing more
            assert limit.attempt("someone")
            assert not limit.attempt("someone")
            limit.release("someone")  # a refused attempt recorded nothing to give back
            assert not limit.attempt("someone")
        finally:
            if backend == "redis":
                client = caches["default"]._cache.get_client(write=True)
                for key in client.scan_iter(f"{prefix}:*"):
                    client.delete(key)
