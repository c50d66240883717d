"""The permission machinery: how declared rules (roles and scopes) decide, for every app alike."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from tcdesk.accounts import rules
from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import RoleAssignment
from tcdesk.accounts.rules import Scope, allows, declare, holds, reach, require, restrict
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Actions declared for these tests only (codes under "test.").
READ_CASES = declare(
    "test.read_cases",
    "read cases",
    writes=False,
    grants={Role.PROGRAMME_OFFICER: Scope.ALL, Role.STATE_FOCAL_POINT: Scope.ASSIGNED, Role.DONOR: Scope.ASSIGNED},
)
CHANGE_CASES = declare(
    "test.change_cases",
    "change cases",
    writes=True,
    grants={Role.PROGRAMME_OFFICER: Scope.ALL, Role.STATE_FOCAL_POINT: Scope.ASSIGNED},
)
READ_OPEN_DATA = declare("test.read_open_data", "read open data", writes=False, public=True)
FOLLOW_OWN = declare(
    "test.follow_own", "follow one's own jobs", writes=False, signed_in=Scope.OWN, grants=[Role.ADMINISTRATOR]
)


def _user(role: str | None = None, **scope):
    user = UserFactory()
    if role:
        role_assign(user=user, role=role, **scope)
    return user


def test_it_refuses_a_write_action_that_grants_the_auditor():
    with pytest.raises(ImproperlyConfigured, match="auditor"):
        declare("test.bad_auditor", "x", writes=True, grants=[Role.AUDITOR])


def test_it_refuses_a_public_write_action_an_unknown_role_and_a_code_declared_twice():
    with pytest.raises(ImproperlyConfigured, match="public"):
        declare("test.bad_public", "x", writes=True, public=True)
    with pytest.raises(ImproperlyConfigured, match="unknown role"):
        declare("test.bad_role", "x", writes=False, grants=["janitor"])
    with pytest.raises(ImproperlyConfigured, match="twice"):
        declare("test.read_cases", "x", writes=False)


def test_the_auditor_reads_everything_and_changes_nothing_whatever_the_app_declares():
    auditor = _user(Role.AUDITOR)
    assert reach(auditor, READ_CASES).everything
    assert not holds(auditor, CHANGE_CASES)
    assert READ_CASES.scope_of(Role.AUDITOR) == Scope.ALL and CHANGE_CASES.scope_of(Role.AUDITOR) is None


def test_an_auditor_who_is_also_an_officer_changes_as_the_officer():
    user = _user(Role.AUDITOR)
    role_assign(user=user, role=Role.PROGRAMME_OFFICER)
    assert holds(user, CHANGE_CASES)


def test_a_focal_point_reaches_only_its_own_state():
    focal = _user(Role.STATE_FOCAL_POINT, country_id="MLI")
    assert allows(focal, CHANGE_CASES, country="MLI")
    assert not allows(focal, CHANGE_CASES, country="COL")
    assert holds(focal, CHANGE_CASES)
    with pytest.raises(PermissionDenied):
        require(focal, CHANGE_CASES, country="COL")


def test_a_role_without_a_grant_reaches_nothing_and_anonymous_callers_only_public_actions():
    finance = _user(Role.FUND_MANAGER)
    assert reach(finance, READ_CASES).nothing and not holds(finance, READ_CASES)
    assert not holds(AnonymousUser(), READ_CASES) and not holds(None, READ_CASES)
    assert holds(AnonymousUser(), READ_OPEN_DATA) and allows(None, READ_OPEN_DATA, country="COL")


def test_a_superuser_is_an_administrator():
    user = UserFactory(is_superuser=True)
    assert Role.ADMINISTRATOR in rules.roles_of(user)
    assert reach(user, FOLLOW_OWN).everything


def test_restrict_filters_rows_by_the_declared_scope():
    focal = _user(Role.STATE_FOCAL_POINT, country_id="MLI")
    donor = _user(Role.DONOR, country_id="NOR")
    officer = _user(Role.PROGRAMME_OFFICER)
    rows = RoleAssignment.objects.filter(user__in=[focal, donor])

    def visible(user, action):
        return set(restrict(rows, user, action, country="country").values_list("country_id", flat=True))

    assert visible(officer, READ_CASES) == {"MLI", "NOR"}
    assert visible(focal, READ_CASES) == {"MLI"}
    assert visible(donor, READ_CASES) == {"NOR"}
    assert visible(donor, CHANGE_CASES) == set()
    # A model with no field for a scope: the scope reaches none of its rows.
    assert not restrict(rows, focal, READ_CASES).exists()


def test_own_scope_reaches_the_rows_the_user_owns():
    owner, other = _user(Role.SECRETARIAT), _user(Role.SECRETARIAT)
    rows = RoleAssignment.objects.filter(user__in=[owner, other])
    assert set(restrict(rows, owner, FOLLOW_OWN, owner="user").values_list("user", flat=True)) == {owner.pk}
    assert allows(owner, FOLLOW_OWN, owner=owner) and not allows(owner, FOLLOW_OWN, owner=other.pk)


def test_roles_are_read_again_after_they_change():
    user = _user()
    assert not holds(user, READ_CASES)
    role_assign(user=user, role=Role.PROGRAMME_OFFICER)
    assert holds(user, READ_CASES)


def test_it_refuses_a_write_open_to_every_signed_in_user_beyond_their_own_objects():
    with pytest.raises(ImproperlyConfigured, match="own objects"):
        declare("test.bad_signed_in", "x", writes=True, signed_in=Scope.ALL)
