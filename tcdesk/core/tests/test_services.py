"""Writes of reference data: group memberships and organisations."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tcdesk.core import services
from tcdesk.core.models import Country, CountryGroupMembership, Organisation

pytestmark = pytest.mark.django_db


def test_it_records_a_membership_and_the_country_counts_in_the_group_from_then():
    services.group_membership_create(group_code="SIDS", country_iso3="FRA", valid_from=dt.date(2030, 1, 1))
    assert Country.objects.in_group("SIDS", dt.date(2030, 1, 1)).filter(iso3="FRA").exists()
    assert not Country.objects.in_group("SIDS", dt.date(2029, 12, 31)).filter(iso3="FRA").exists()


def test_it_refuses_overlapping_memberships_of_one_group():
    services.group_membership_create(
        group_code="SIDS", country_iso3="FRA", valid_from=dt.date(2000, 1, 1), valid_to=dt.date(2010, 1, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.group_membership_create(group_code="SIDS", country_iso3="FRA", valid_from=dt.date(2009, 6, 1))
    assert "valid_from" in excinfo.value.message_dict
    assert CountryGroupMembership.objects.filter(group_id="SIDS", country_id="FRA").count() == 1


def test_adjacent_periods_do_not_overlap():
    services.group_membership_create(
        group_code="SIDS", country_iso3="FRA", valid_from=dt.date(2000, 1, 1), valid_to=dt.date(2010, 1, 1)
    )
    services.group_membership_create(group_code="SIDS", country_iso3="FRA", valid_from=dt.date(2010, 1, 1))
    assert CountryGroupMembership.objects.filter(group_id="SIDS", country_id="FRA").count() == 2


def test_it_refuses_a_period_that_ends_before_it_starts():
    with pytest.raises(ValidationError) as excinfo:
        services.group_membership_create(
            group_code="SIDS",
            country_iso3="FRA",
            valid_from=dt.date(2010, 1, 1),
            valid_to=dt.date(2009, 1, 1),
        )
    assert "valid_to" in excinfo.value.message_dict


def test_it_refuses_unknown_country_and_group_codes_naming_both_fields():
    with pytest.raises(ValidationError) as excinfo:
        services.group_membership_create(group_code="G77X", country_iso3="XXX", valid_from=dt.date(2010, 1, 1))
    assert set(excinfo.value.message_dict) == {"group", "country"}


def test_closing_a_membership_is_a_graduation():
    membership = CountryGroupMembership.objects.get(group_id="LDC", country_id="MLI")
    services.group_membership_close(membership=membership, valid_to=dt.date(2040, 1, 1))
    assert not Country.objects.in_group("LDC", dt.date(2040, 1, 1)).filter(iso3="MLI").exists()


def test_organisation_save_refuses_a_taken_code_and_unknown_roles():
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_save(
            code=Organisation.objects.first().code, name_en="Clash", roles=["donor", "astrologer"]
        )
    assert set(excinfo.value.message_dict) == {"code", "roles"}


def test_organisation_changes_are_recorded_in_history():
    organisation = services.organisation_save(code="new-partner", name_en="New partner", roles=["donor"])
    services.organisation_save(
        organisation=organisation, code="new-partner", name_en="Renamed partner", roles=["donor"]
    )
    assert organisation.history.count() == 2
    latest, previous = organisation.history.all()[:2]
    assert [c.field for c in latest.diff_against(previous).changes] == ["name_en"]


def test_organisation_save_sets_the_spanish_name_and_keeps_it_when_a_caller_gives_none():
    organisation = services.organisation_save(
        code="new-partner", name_en="New partner", name_es="Nuevo asociado", roles=["donor"]
    )
    assert organisation.name_es == "Nuevo asociado"
    # The IATI import knows no Spanish name: saving without one keeps the Spanish name in place.
    services.organisation_save(organisation=organisation, code="new-partner", name_en="Renamed partner")
    organisation.refresh_from_db()
    assert (organisation.name_en, organisation.name_es) == ("Renamed partner", "Nuevo asociado")
