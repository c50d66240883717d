"""The shared glue every app uses: folding, dates, form errors, API filters, exports, imports, groups."""

import csv
import datetime as dt
import io

import django_filters
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tcdesk.core import dates, export, imports, selectors
from tcdesk.core.api_filters import filter_or_422, filtered
from tcdesk.core.form_errors import add_service_errors
from tcdesk.core.models import Country, CountryGroupMembership
from tcdesk.core.text import fold, strip_accents


def test_folding_removes_accents_and_case_but_keeps_the_letters():
    assert fold("Législation PÉNALE") == "legislation penale"
    assert strip_accents("Côte d’Ivoire") == "Cote d’Ivoire"
    assert fold("ﬁnancement²") == "financement2"


def test_as_of_is_today_unless_a_date_is_given(settings):
    factory = RequestFactory()
    assert dates.as_of_param(factory.get("/", {"as_of": "2005-12-16"})) == dt.date(2005, 12, 16)
    assert dates.as_of_param(factory.get("/", {"as_of": "16/12/2005"})) == dates.today()
    assert dates.as_of_param(factory.get("/")) == dates.today()
    assert dates.or_today(None) == dates.today() and dates.or_today(dt.date(2000, 1, 1)) == dt.date(2000, 1, 1)
    assert dates.parse_date(" ") is None
    with pytest.raises(ValueError):
        dates.parse_date("2005-13-01")


class _Form(forms.Form):
    title = forms.CharField()


def test_service_errors_land_on_their_field_or_at_the_top():
    form = _Form({"title": "x"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"title": ["Too short."], "elsewhere": ["Not on the form."]}))
    assert form.errors["title"] == ["Too short."] and form.non_field_errors() == ["Not on the form."]
    form = _Form({"title": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError({"file": ["Too big."]}), renamed={"file": "title"})
    assert form.errors["title"] == ["Too big."]


class _CountryFilter(django_filters.FilterSet):
    un_status = django_filters.ChoiceFilter(choices=[("member", "member"), ("observer", "observer")])

    class Meta:
        model = Country
        fields = ["un_status"]


@pytest.mark.django_db
def test_an_invalid_filter_value_is_a_422_naming_the_parameter():
    with pytest.raises(ValidationError) as caught:
        filter_or_422(_CountryFilter({"un_status": "nope"}, queryset=Country.objects.all()))
    assert list(caught.value.message_dict) == ["query.un_status"]
    observers = filtered(_CountryFilter, {"un_status": "observer"}, Country.objects.all())
    assert set(observers.values_list("iso3", flat=True)) == {"VAT", "PSE"}


@given(st.text())
def test_neutralised_cells_read_back_unchanged(text):
    protected = export.neutralise(text)
    assert not export.FORMULA_START.match(protected) or protected.startswith("'")
    assert export.unneutralise(protected) == text


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "'=already", "''=x", "'plain", "plain", "", "a=b"],
)
def test_it_neutralises_formula_cells_and_reads_them_back(text):
    protected = export.neutralise(text)
    assert not protected or protected[0] not in "=+-@\t\r"
    assert export.unneutralise(protected) == text
    if export.FORMULA_START.match(text) and not text.startswith("'"):
        assert protected == "'" + text


def test_csv_and_xlsx_exports_keep_numbers_and_defuse_formulas():
    rows = [["name", "score", "flag"], ["=HYPERLINK(1)", -5, True], [None, 2.5, False]]
    text = "".join(export.csv_lines(rows))
    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text[1:])))
    assert read[1] == ["'=HYPERLINK(1)", "-5", "yes"] and read[2] == ["", "2.5", "no"]
    sheet = load_workbook(io.BytesIO(export.xlsx_bytes(rows, sheet="Export"))).active
    assert [c.value for c in sheet[2]] == ["=HYPERLINK(1)", -5, "yes"]
    assert sheet["A2"].data_type == "s"
    response = export.csv_response(rows, stem="things", stream=False)
    assert response["Content-Disposition"].startswith('attachment; filename="things-')


def test_tables_read_from_csv_and_xlsx_alike():
    content = b"Name,Score\n'=SUM(A1),3\n,\n"
    assert imports.read_table("t.csv", content) == [{"name": "=SUM(A1)", "score": "3"}]
    xlsx = export.xlsx_bytes([["Name", "Score"], ["a", 3], [None, None]], sheet="s")
    assert imports.read_table("t.xlsx", xlsx) == [{"name": "a", "score": "3"}]
    with pytest.raises(ValidationError) as caught:
        imports.read_table("t.csv", "é".encode("latin-1"))
    assert "file" in caught.value.message_dict


def test_an_import_result_has_one_shape(settings):
    result = imports.ImportResult(rows=2, dry_run=False, counts={"created": 1})
    result.add_error(3, "country", "Unknown country code “XXX”.")
    assert not result.ok
    assert result.as_dict() == {
        "rows": 2,
        "created": 1,
        "dry_run": False,
        "errors": [
            {
                "row": 3,
                "field": "country",
                "message": "Unknown country code “XXX”.",
                "rule": "Unknown country code “XXX”.",
            }
        ],
    }
    settings.TCDESK_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError):
        imports.check_upload_size("big.csv", 11)


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_and_a_real_run_commits():
    with imports.import_transaction(dry_run=True):
        CountryGroupMembership.objects.create(group_id="SIDS", country_id="FRA", valid_from=dt.date(2030, 1, 1))
    assert not CountryGroupMembership.objects.filter(country_id="FRA", group_id="SIDS").exists()
    with imports.import_transaction(dry_run=False):
        CountryGroupMembership.objects.create(group_id="SIDS", country_id="FRA", valid_from=dt.date(2030, 1, 1))
    assert CountryGroupMembership.objects.filter(country_id="FRA", group_id="SIDS").exists()


@pytest.mark.django_db
def test_a_country_s_groups_are_taken_at_a_date():
    # Cabo Verde graduated from the LDC list in 2007 (reference data).
    assert "LDC" in selectors.groups_on("CPV", dt.date(2005, 12, 16))
    assert "LDC" not in selectors.groups_on("CPV", dt.date(2010, 1, 1))
    by_country = selectors.groups_by_country(["CPV", "MLI", "FRA"], dt.date(2005, 12, 16))
    assert "LDC" in by_country["CPV"] and "LDC" in by_country["MLI"] and "FRA" not in by_country
    assert "CPV" in selectors.members_by_group(dt.date(2005, 12, 16))["LDC"]
    assert Country.objects.in_group("LDC", dt.date(2005, 12, 16)).filter(iso3="CPV").exists()
    assert Country.objects.get(iso3="CPV").groups_on(dt.date(2005, 12, 16)) == selectors.groups_on(
        "CPV", dt.date(2005, 12, 16)
    )
