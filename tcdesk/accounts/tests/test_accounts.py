"""Users, roles and scopes; sign-in; the profile page and tokens."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import ApiToken, RoleAssignment
from tcdesk.accounts.services import api_token_issue, role_assign
from tcdesk.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_focal_point_must_act_for_a_state():
    user = UserFactory()
    with pytest.raises(ValidationError) as excinfo:
        role_assign(user=user, role=Role.STATE_FOCAL_POINT)
    assert "country" in excinfo.value.message_dict


def test_the_database_also_refuses_a_focal_point_without_a_state():
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=UserFactory(), role=Role.STATE_FOCAL_POINT)


def test_a_donor_acts_for_a_state_or_an_organisation():
    user = UserFactory()
    role_assign(user=user, role=Role.DONOR, country_id="NOR")
    assert user.scoped_country_codes(Role.DONOR) == {"NOR"}


def test_assigning_the_same_role_twice_keeps_one_row():
    user = UserFactory()
    role_assign(user=user, role=Role.AUDITOR)
    role_assign(user=user, role=Role.AUDITOR)
    assert user.role_assignments.count() == 1


def test_tokens_are_stored_hashed():
    user = UserFactory()
    token, raw = api_token_issue(username=user.username, password="pw")
    assert raw not in {token.key_hash, token.key_prefix} and ApiToken.hash_key(raw) == token.key_hash


def test_sign_in_page_and_demo_style_login(client):
    user = UserFactory(username="someone")
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": "pw"})
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")


def test_profile_lists_roles_and_a_user_revokes_only_own_tokens(focal_mli_client, focal_mli, officer):
    own, _raw = api_token_issue(username=focal_mli.username, password="pw")
    other, _raw = api_token_issue(username=officer.username, password="pw")
    page = focal_mli_client.get(reverse("accounts:profile")).content.decode()
    assert "State focal point" in page and "Mali" in page
    focal_mli_client.post(reverse("accounts:token_revoke", kwargs={"token_id": own.pk}))
    assert not ApiToken.objects.filter(pk=own.pk).exists()
    focal_mli_client.post(reverse("accounts:token_revoke", kwargs={"token_id": other.pk}))
    assert ApiToken.objects.filter(pk=other.pk).exists()


def test_django_admin_is_for_administrators_only(officer_client, admin_client):
    assert officer_client.get("/admin/").status_code == 302
    assert admin_client.get("/admin/accounts/user/").status_code == 200
