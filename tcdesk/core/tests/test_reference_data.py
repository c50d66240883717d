"""The shipped reference data: what a user can rely on after `tcdesk load_reference_data`."""

import csv
import datetime as dt
import io
import shutil

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tcdesk.core.models import Country, CountryGroup, CountryGroupMembership, Organisation, Region, Theme
from tcdesk.core.services import DATA_DIR, reference_data_load

pytestmark = pytest.mark.django_db

RESOLUTION_ADOPTED = dt.date(2005, 12, 16)


def test_it_has_every_un_member_and_observer_state():
    assert Country.objects.filter(un_status="member").count() == 193
    assert set(Country.objects.filter(un_status="observer").values_list("iso3", flat=True)) == {"VAT", "PSE"}


def test_every_country_has_french_name_m49_code_and_region():
    assert not Country.objects.filter(name_fr="").exists()
    assert not Country.objects.filter(region__isnull=True).exists()
    mali = Country.objects.get(iso3="MLI")
    assert (mali.m49, mali.region_id, mali.subregion_id, mali.intermediate_region_id) == (
        "466",
        "002",
        "202",
        "011",
    )


def test_region_tree_is_rooted_at_world():
    assert Region.objects.get(code="001").parent is None
    assert Region.objects.get(code="011").parent_id == "202"
    assert Region.objects.get(code="202").parent_id == "002"


def test_ldc_list_of_december_2005_is_not_todays():
    ldcs_2005 = set(Country.objects.in_group("LDC", RESOLUTION_ADOPTED).values_list("iso3", flat=True))
    ldcs_2024 = set(Country.objects.in_group("LDC", dt.date(2024, 12, 31)).values_list("iso3", flat=True))
    assert len(ldcs_2005) == 50
    assert len(ldcs_2024) == 44
    # Graduated since 2005, and South Sudan (independent 2011) added later.
    assert {"CPV", "MDV", "WSM", "GNQ", "VUT", "BTN", "STP"} <= ldcs_2005 - ldcs_2024
    assert "SSD" in ldcs_2024 - ldcs_2005


def test_graduation_date_is_the_first_day_outside_the_group():
    bhutan = CountryGroupMembership.objects.get(group_id="LDC", country_id="BTN")
    assert bhutan.covers(bhutan.valid_to - dt.timedelta(days=1))
    assert not bhutan.covers(bhutan.valid_to)


def test_all_four_groups_of_the_resolution_are_loaded():
    for code in ("LDC", "EIT", "SIDS", "LLDC"):
        assert Country.objects.in_group(code, dt.date(2026, 1, 1)).exists(), code


def test_organisations_cover_the_roles_the_programme_works_with():
    roles = set(Organisation.objects.values_list("roles__role", flat=True))
    assert {"programme_office", "institute", "governing_body", "development_partner", "donor"} <= roles
    assert Organisation.objects.filter(acronym="UNICRI").exists()


def test_themes_are_multilingual():
    trafficking = Theme.objects.get(code="trafficking_in_persons")
    assert trafficking.name_fr and trafficking.name_en != trafficking.name_fr


def test_the_loader_fills_the_spanish_names_of_every_kind_of_reference_data():
    """Every country, region, group and organisation has a Spanish name after loading the shipped files,
    and pages in Spanish read it (`name` follows the active language)."""
    for model in (Country, Region, CountryGroup, Organisation, Theme):
        assert not model.objects.filter(name_es="").exists(), model.__name__
    assert not Country.objects.filter(official_name_es="").exists()
    mexico = Country.objects.get(iso3="MEX")
    assert (mexico.name_es, mexico.official_name_es) == ("México", "Estados Unidos Mexicanos")
    assert Country.objects.get(iso3="CIV").name_es == "Côte d'Ivoire"  # UN M49 keeps the French form
    assert Region.objects.get(code="419").name_es == "América Latina y el Caribe"
    assert CountryGroup.objects.get(code="LDC").name_es == "Países menos adelantados"
    assert CountryGroup.objects.get(code="LDC").description_es
    assert Organisation.objects.get(code="CCPCJ").name_es == "Comisión de Prevención del Delito y Justicia Penal"
    with translation.override("es"):
        assert (mexico.name, Region.objects.get(code="002").name) == ("México", "África")
    with translation.override("fr"):
        assert mexico.name == "Mexique"


def test_a_data_file_without_spanish_columns_still_loads_with_english_as_fallback(tmp_path):
    """Older files (no `name_es` column) load; the Spanish name is empty and pages show the English one."""
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    groups = tmp_path / "country_groups.csv"
    lines = groups.read_text(encoding="utf-8").splitlines()
    header_at = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    header = lines[header_at].split(",")
    keep = [i for i, column in enumerate(header) if not column.endswith("_es")]
    rows = list(csv.reader(io.StringIO("\n".join(lines[header_at:]))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[row[i] for i in keep] for row in rows])
    groups.write_text("\n".join(lines[:header_at]) + "\n" + out.getvalue(), encoding="utf-8")
    reference_data_load(data_dir=tmp_path)
    ldc = CountryGroup.objects.get(code="LDC")
    assert ldc.name_es == ""
    with translation.override("es"):
        assert ldc.name == "Least developed countries"


def test_reloading_changes_nothing():
    before = (Country.objects.count(), CountryGroupMembership.objects.count(), Organisation.objects.count())
    reference_data_load()
    after = (Country.objects.count(), CountryGroupMembership.objects.count(), Organisation.objects.count())
    assert before == after


def test_a_data_file_with_an_unknown_country_names_the_row_and_writes_nothing(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    memberships = tmp_path / "country_group_memberships.csv"
    memberships.write_text(memberships.read_text(encoding="utf-8") + "LDC,XYZ,2001-01-01,,no,test\n", encoding="utf-8")
    Country.objects.filter(iso3="MLI").update(name_fr="changed before the failed load")
    with pytest.raises(ValidationError, match=r"row \d+: unknown country code “XYZ”"):
        reference_data_load(data_dir=tmp_path)
    # The countries step ran before the failure; the transaction undid it.
    assert Country.objects.get(iso3="MLI").name_fr == "changed before the failed load"


def test_a_data_file_with_overlapping_intervals_is_refused(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    memberships = tmp_path / "country_group_memberships.csv"
    memberships.write_text(
        memberships.read_text(encoding="utf-8") + "LDC,MLI,1990-01-01,,no,duplicate\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="may not overlap"):
        reference_data_load(data_dir=tmp_path)
