"""Demo data of the core app: the demo accounts (password "demo") with their roles and scopes.

They exist only in demo data, never in a real installation. They live here rather than in `accounts`
because their scopes name countries and organisations, which `accounts` (below `core`) does not know.
"""

from __future__ import annotations

from functools import cache

from django.contrib.auth.hashers import make_password

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User
from tcdesk.accounts.services import role_assign

from .models import Country, Organisation

DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo credential, demo data only

STAFF_ACCOUNTS = [
    ("admin", "Ada", "Admin", Role.ADMINISTRATOR),
    ("officer", "Omar", "Officer", Role.PROGRAMME_OFFICER),
    ("finance", "Fatou", "Finance", Role.FUND_MANAGER),
    ("secretariat", "Sofia", "Secretariat", Role.SECRETARIAT),
    ("auditor", "Aino", "Auditor", Role.AUDITOR),
]
FOCAL_POINT_STATES = ["MLI", "COL", "UKR"]
DONOR_STATES = ["NOR", "DEU"]


@cache
def _demo_password_hash() -> str:
    """The demo password, hashed once per process. Every demo account has the published password "demo",
    so one salt for all of them hides nothing; hashing it again for each of the demo's accounts took a
    third of the demo's time with the production hasher."""
    return make_password(DEMO_PASSWORD)


def demo_user(username: str, *, first_name: str = "", last_name: str = "") -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@demo.invalid"},
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


def focal_point_for(iso3: str) -> User:
    """The demo focal point of a State (`focal-<ISO3>`), created on first use."""
    country = Country.objects.get(iso3=iso3)
    user = demo_user(f"focal-{iso3}", first_name="Focal point", last_name=country.name_en)
    role_assign(user=user, role=Role.STATE_FOCAL_POINT, country_id=iso3)
    return user


def load_demo(*, seed: int, scale: int, progress) -> dict:
    """Create the demo accounts of docs/design.md with their roles and scopes."""
    for username, first, last, role in STAFF_ACCOUNTS:
        user = demo_user(username, first_name=first, last_name=last)
        role_assign(user=user, role=role)
        if role == Role.ADMINISTRATOR:
            # Administrators use Django's admin for users, roles and scopes.
            User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    for iso3 in FOCAL_POINT_STATES:
        focal_point_for(iso3)
    for iso3 in DONOR_STATES:
        user = demo_user(f"donor-{iso3}", first_name="Donor", last_name=Country.objects.get(iso3=iso3).name_en)
        role_assign(user=user, role=Role.DONOR, country_id=iso3)
    office = Organisation.objects.filter(roles__role="programme_office").order_by("code").first()
    if office is not None:
        role_assign(user=User.objects.get(username="officer"), role=Role.PROGRAMME_OFFICER, organisation_id=office.pk)
    progress("accounts", 1, 1)
    return {"accounts": User.objects.filter(email__endswith="@demo.invalid").count()}
