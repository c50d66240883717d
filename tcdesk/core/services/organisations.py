"""Organisations and the roles they play for the programme."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import OrganisationRoleKind
from ..models import Country, Organisation, OrganisationRole


@transaction.atomic
def organisation_save(
    *,
    organisation: Organisation | None = None,
    code: str,
    name_en: str,
    name_fr: str = "",
    name_es: str | None = None,
    acronym: str = "",
    country_iso3: str | None = None,
    roles: list[str] | None = None,
    website: str = "",
) -> Organisation:
    """Create or update an organisation and its roles; `name_es=None` keeps the Spanish name it has (callers
    that know no Spanish name, such as the IATI import, do not erase the one loaded from the reference data)."""
    errors: dict[str, list[str]] = {}
    if country_iso3 and not Country.objects.filter(iso3=country_iso3).exists():
        errors["country"] = [_("Unknown country code “%(code)s”.") % {"code": country_iso3}]
    unknown = set(roles or []) - set(OrganisationRoleKind.values)
    if unknown:
        errors["roles"] = [_("Unknown role(s): %(roles)s.") % {"roles": ", ".join(sorted(unknown))}]
    clash = Organisation.objects.filter(code=code)
    if organisation is not None:
        clash = clash.exclude(pk=organisation.pk)
    if clash.exists():
        errors["code"] = [_("Another organisation already uses the code “%(code)s”.") % {"code": code}]
    if errors:
        raise ValidationError(errors)
    organisation = organisation or Organisation()
    organisation.code = code
    organisation.name_en = name_en
    organisation.name_fr = name_fr
    if name_es is not None:
        organisation.name_es = name_es
    organisation.acronym = acronym
    organisation.country_id = country_iso3 or None
    organisation.website = website
    organisation.full_clean()
    organisation.save()
    if roles is not None:
        organisation.roles.exclude(role__in=roles).delete()
        for role in roles:
            OrganisationRole.objects.get_or_create(organisation=organisation, role=role)
    return organisation
