"""A scenario's source asks for the codes it is kept for as a fund's earmark does (one declaration)."""

import pytest
from django.utils import translation

from tcdesk.funds.forms import EarmarkEditForm, EarmarkForm
from tcdesk.planning.forms import SourceForm

TARGETING = ("themes", "regions", "countries")


def test_a_source_and_an_earmark_ask_for_themes_regions_and_countries_with_the_same_labels_and_limits():
    source, earmark = SourceForm(), EarmarkForm()
    for name in TARGETING:
        mine, theirs = source.fields[name], earmark.fields[name]
        assert (mine.label, mine.max_length, mine.required) == (theirs.label, theirs.max_length, theirs.required)
        assert type(mine.widget) is type(theirs.widget)
    assert source.fields["regions"].help_text == earmark.fields["regions"].help_text


def test_the_planning_page_keeps_its_own_wording_of_the_help():
    with translation.override("en"):
        assert str(SourceForm().fields["themes"].help_text) == "Codes, separated by commas; empty: any."
        assert str(SourceForm().fields["countries"].help_text) == "ISO 3166 alpha-3 codes."
        assert str(EarmarkForm().fields["themes"].help_text) == "Theme codes, separated by commas."


def test_the_shared_fields_stay_in_their_place_among_each_forms_own():
    assert list(SourceForm().fields) == [
        "label",
        "amount",
        "themes",
        "regions",
        "countries",
        "request_ids",
        "valid_from",
        "valid_to",
    ]
    assert list(EarmarkForm().fields) == ["code", "label", "themes", "regions", "countries", "requests"]
    assert list(EarmarkEditForm().fields) == ["label", "themes", "regions", "countries", "requests"]


def test_a_too_long_list_of_codes_is_refused_naming_the_field():
    data = {"label": "What if", "amount": "10", "countries": "MLI," * 600}
    form = SourceForm(data)
    assert not form.is_valid()
    assert list(form.errors) == ["countries"]


@pytest.mark.parametrize("form_class", [EarmarkForm, SourceForm])
def test_codes_typed_with_commas_semicolons_or_spaces_are_split_the_same_way_in_both_forms(form_class):
    data = {"code": "E1", "label": "Sahel", "amount": "100", "themes": "corruption; trafficking"}
    form = form_class(data={**data, "regions": "002", "countries": "MLI NER,BFA"})
    form.is_valid()
    assert form.cleaned_data["countries"] == ["MLI", "NER", "BFA"]
    assert form.cleaned_data["themes"] == ["corruption", "trafficking"]
    assert form.cleaned_data["regions"] == ["002"]
