"""Requests and the mandates registry: citations resolve to the registry's mandates when it holds them,
stay as written when it does not, and the mandate page lists the requests citing it, to those who may
see them only."""

import csv
import importlib
import io
import json
import re

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.assistance import exchange, services
from tcdesk.assistance.demo.data import AFRICAN_STATES, MANDATES_BY_THEME, STATES, cited_mandates
from tcdesk.assistance.links import MANDATE_CITATION, canonical_paragraph, mandate_keys, parse_mandate
from tcdesk.assistance.models import RequestMandateLink
from tcdesk.mandates.models import Mandate
from tcdesk.mandates.services import resolution_load
from tcdesk.mandates.tests.conftest import SEED_BYTES, SEED_NAME

pytestmark = pytest.mark.django_db

# A short resolution written for these tests: paragraph 2 asks two things, so the registry holds
# "2(a)" and "2(b)" rather than "2".
MINI = """The General Assembly,

Recalling its resolution 60/175,

1. Takes note of the report of the Secretary-General;

2. Urges Member States:
(a) To ratify the United Nations Convention against Corruption;
(b) To prevent trafficking in persons;

3. Requests the Secretary-General to report to it at its hundredth session.
"""
MINI_SYMBOL = "A/RES/99/1"


@pytest.fixture
def founding():
    """A/RES/60/175 in the registry (loaded inside the test's transaction)."""
    resolution, _created = resolution_load(data=SEED_BYTES, filename=SEED_NAME)
    return resolution


@pytest.fixture
def mini():
    resolution, _created = resolution_load(data=MINI.encode(), filename="A-RES-99-1.txt", symbol=MINI_SYMBOL)
    return resolution


def _op(resolution, key: str) -> Mandate:
    return resolution.mandates.get(key=key)


# ---------------------------------------------------------------------------------------------- pure


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        ("A/RES/60/175 op. 5", ("A/RES/60/175", "5")),
        ("a/res/60/175 para 2 (a)", ("A/RES/60/175", "2(a)")),
        ("A/RES/60/175 op. 2a", ("A/RES/60/175", "2(a)")),
        ("A/RES/60/175", ("A/RES/60/175", "")),
        ("hello", None),
    ],
)
def test_citations_are_read_with_the_registry_s_paragraph_keys(citation, expected):
    assert parse_mandate(citation) == expected


def test_a_lettered_sub_paragraph_falls_back_to_its_paragraph():
    assert mandate_keys("2 (A)") == ["2(a)", "2"]
    assert mandate_keys("05") == ["5"]
    assert mandate_keys("") == []
    assert canonical_paragraph("2b") == "2(b)"


# ---------------------------------------------------------------------------------------------- writes


def test_a_citation_of_a_loaded_resolution_links_the_registry_s_mandate(make_request, founding):
    request = make_request(mandates=["A/RES/60/175 op. 6", "A/RES/60/175 op. 5"])
    links = {link.paragraph: link.mandate for link in request.mandate_links.all()}
    assert links == {"5": _op(founding, "5"), "6": _op(founding, "6")}
    assert [str(link) for link in request.mandate_links.all()] == ["A/RES/60/175 op. 5", "A/RES/60/175 op. 6"]


def test_a_citation_of_a_resolution_not_in_the_registry_is_kept_as_written(make_request):
    request = make_request(mandates=["A/RES/58/140 op. 3"])
    link = request.mandate_links.get()
    assert (link.symbol, link.paragraph, link.mandate) == ("A/RES/58/140", "3", None)


def test_it_refuses_a_paragraph_the_loaded_resolution_does_not_have(make_request, founding):
    with pytest.raises(ValidationError) as caught:
        make_request(mandates=["A/RES/60/175 op. 99"])
    assert list(caught.value.message_dict) == ["mandates"]
    assert "A/RES/60/175 op. 99" in caught.value.message_dict["mandates"][0]
    assert "no operative paragraph 99" in caught.value.message_dict["mandates"][0]


def test_it_asks_for_a_sub_paragraph_when_the_registry_divides_the_paragraph(make_request, mini):
    with pytest.raises(ValidationError) as caught:
        make_request(mandates=[f"{MINI_SYMBOL} op. 2"])
    message = caught.value.message_dict["mandates"][0]
    assert "op. 2(a)" in message and "op. 2(b)" in message
    request = make_request(mandates=[f"{MINI_SYMBOL} op. 2 (b)"])
    assert request.mandate_links.get().mandate == _op(mini, "2(b)")


def test_mandates_picked_from_the_registry_are_linked_and_merged_with_typed_ones(make_request, founding):
    op6 = _op(founding, "6")
    request = make_request(mandates=["A/RES/60/175 op. 6"], mandate_ids=[op6.pk, _op(founding, "9").pk])
    assert sorted((link.paragraph, link.mandate_id) for link in request.mandate_links.all()) == [
        ("6", op6.pk),
        ("9", _op(founding, "9").pk),
    ]


def test_it_refuses_an_unknown_mandate_id_naming_the_field(make_request):
    with pytest.raises(ValidationError) as caught:
        make_request(mandate_ids=[987654])
    assert list(caught.value.message_dict) == ["mandate_ids"]
    assert "987654" in caught.value.message_dict["mandate_ids"][0]


def test_editing_a_draft_re_resolves_its_mandates(make_request, focal_mli, founding):
    draft = make_request(submit=False, mandates=["A/RES/58/140 op. 3"])
    updated = services.request_update(
        ta_request=draft,
        actor=focal_mli,
        title=draft.title,
        requesting_authority=draft.requesting_authority,
        description=draft.description,
        assistance_types=draft.assistance_type_list,
        mandates=["A/RES/58/140 op. 3", "A/RES/60/175 op. 7"],
    )
    assert {link.paragraph: link.mandate for link in updated.mandate_links.all()} == {
        "3": None,
        "7": _op(founding, "7"),
    }


def test_a_resolution_loaded_later_resolves_the_waiting_citations(make_request):
    waiting = make_request(mandates=["A/RES/60/175 op. 6", f"{MINI_SYMBOL} op. 2a"])
    assert not waiting.mandate_links.filter(mandate__isnull=False).exists()
    founding, _created = resolution_load(data=SEED_BYTES, filename=SEED_NAME)
    mini, _created = resolution_load(data=MINI.encode(), filename="A-RES-99-1.txt", symbol=MINI_SYMBOL)
    links = {link.symbol: link.mandate for link in waiting.mandate_links.all()}
    assert links == {"A/RES/60/175": _op(founding, "6"), MINI_SYMBOL: _op(mini, "2(a)")}


def test_a_deleted_mandate_leaves_the_citation_as_written(make_request, founding):
    request = make_request(mandates=["A/RES/60/175 op. 6"])
    founding.delete()
    link = request.mandate_links.get()
    assert (str(link), link.mandate) == ("A/RES/60/175 op. 6", None)


def test_the_data_migration_resolves_links_recorded_before_the_registry(make_request, founding):
    request = make_request(mandates=["A/RES/60/175 op. 5", "A/RES/58/140 op. 3"])
    RequestMandateLink.objects.filter(request=request).update(mandate=None)
    RequestMandateLink.objects.filter(request=request, paragraph="5").update(paragraph="05")
    migration = importlib.import_module("tcdesk.assistance.migrations.0003_resolve_mandate_links")
    migration.resolve(django_apps, None)
    assert {link.symbol: link.mandate for link in request.mandate_links.all()} == {
        "A/RES/60/175": _op(founding, "5"),
        "A/RES/58/140": None,
    }


def test_an_import_links_mandates_and_names_a_wrong_paragraph(officer, founding):
    header = "country,title,requesting_authority,assistance_types,themes,description,status,mandates\n"
    good = "MLI,Old,Ministry,training_police,terrorism,Police training,draft,A/RES/60/175 op. 6; A/RES/58/140\n"
    bad = "MLI,Other,Ministry,training_police,terrorism,Police training,draft,A/RES/60/175 op. 40\n"
    result = exchange.request_import(actor=officer, name="r.csv", content=(header + good + bad).encode(), dry_run=False)
    assert [(e.row, e.field) for e in result.errors] == [(3, "mandates")]
    assert "op. 40" in result.errors[0].message
    result = exchange.request_import(actor=officer, name="r.csv", content=(header + good).encode(), dry_run=False)
    assert result.counts["created"] == 1 and not result.errors
    links = {str(link): link.mandate for link in RequestMandateLink.objects.all()}
    assert links == {"A/RES/58/140": None, "A/RES/60/175 op. 6": _op(founding, "6")}


def test_the_demo_requests_cite_real_mandates_of_the_founding_resolution(officer, founding):
    for iso3, *_rest in STATES:
        for theme in MANDATES_BY_THEME:
            citations, errors = services.resolve_citations(actor=officer, mandates=cited_mandates(theme, iso3))
            assert not errors
            assert all(c.mandate is not None and c.mandate.resolution == founding for c in citations)
            assert ("17" in {c.paragraph for c in citations}) == (iso3 in AFRICAN_STATES)


# ---------------------------------------------------------------------------------------------- pages


def test_the_request_page_links_each_resolved_mandate_to_its_page(focal_mli_client, make_request, founding):
    request = make_request(mandates=["A/RES/60/175 op. 6", "A/RES/58/140 op. 3"])
    page = focal_mli_client.get(request.get_absolute_url()).content.decode()
    assert f'href="{_op(founding, "6").get_absolute_url()}">A/RES/60/175 op. 6</a>' in page
    assert "A/RES/58/140 op. 3" in page and "not in the mandates registry" in page


def test_the_request_form_offers_open_mandates_by_resolution(focal_mli_client, founding):
    page = focal_mli_client.get(reverse("assistance:request_create")).content.decode()
    # A checkbox list grouped by resolution (the picker), with a filter box added by picker.js.
    assert '<div id="id_mandate_ids" class="picker">' in page and "<label>A/RES/60/175</label>" in page
    assert f'type="checkbox" name="mandate_ids" value="{_op(founding, "6").pk}"' in page


def test_the_request_form_takes_mandates_from_the_picker_and_names_a_bad_citation(focal_mli_client, founding):
    data = {
        "country": "MLI",
        "title": "Training of judges",
        "requesting_authority": "Ministère de la Justice",
        "assistance_types": ["training_judges"],
        "description": "Training.",
        "mandate_ids": [str(_op(founding, "6").pk)],
        "mandates": "A/RES/60/175 op. 77",
    }
    response = focal_mli_client.post(reverse("assistance:request_create"), data)
    assert response.status_code == 422
    assert "A/RES/60/175 op. 77" in " ".join(response.context["form"].errors["mandates"])
    response = focal_mli_client.post(reverse("assistance:request_create"), {**data, "mandates": ""})
    assert response.status_code == 302
    link = RequestMandateLink.objects.get()
    assert (str(link), link.mandate) == ("A/RES/60/175 op. 6", _op(founding, "6"))


def test_the_draft_edit_form_puts_open_mandates_in_the_picker(focal_mli_client, make_request, founding):
    draft = make_request(submit=False, mandates=["A/RES/60/175 op. 6", "A/RES/58/140 op. 3"])
    form = focal_mli_client.get(reverse("assistance:request_edit", args=[draft.pk])).context["form"]
    assert form.initial["mandate_ids"] == [_op(founding, "6").pk]
    assert form.initial["mandates"] == "A/RES/58/140 op. 3"


def _requests_panel(response):
    """The "requests" panel this app contributes to the mandate page (None when the page has none)."""
    return next((panel for panel in response.context["panels"] if panel.key == "requests"), None)


def test_a_focal_point_sees_its_own_request_under_the_mandate(focal_mli_client, make_request, founding):
    request = make_request(mandates=["A/RES/60/175 op. 6"])
    response = focal_mli_client.get(_op(founding, "6").get_absolute_url())
    assert response.status_code == 200
    assert [r.pk for r in _requests_panel(response).items] == [request.pk]
    page = response.content.decode()
    assert "Requests under this mandate" in page and request.reference in page


def test_another_state_s_focal_point_sees_none_of_mali_s_requests_under_the_mandate(
    focal_col_client, make_request, founding
):
    request = make_request(mandates=["A/RES/60/175 op. 6"])
    response = focal_col_client.get(_op(founding, "6").get_absolute_url())
    assert response.status_code == 200
    assert _requests_panel(response).items == [] and _requests_panel(response).count == 0
    page = response.content.decode()
    assert request.reference not in page and request.title not in page
    assert "No request you may see cites this mandate." in page


def test_officers_see_every_state_s_requests_and_donors_no_section(
    officer_client, donor_nor_client, make_request, founding
):
    request = make_request(mandates=["A/RES/60/175 op. 6"])
    url = _op(founding, "6").get_absolute_url()
    assert [r.pk for r in _requests_panel(officer_client.get(url)).items] == [request.pk]
    response = donor_nor_client.get(url)
    assert _requests_panel(response) is None
    assert "Requests under this mandate" not in response.content.decode()


# ---------------------------------------------------------------------------------------------- API


def _post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_the_api_takes_citations_and_registry_ids(client, focal_mli, api_token_for, founding):
    headers = api_token_for(focal_mli)
    payload = {
        "country": "MLI",
        "title": "Help to ratify ICSANT",
        "requesting_authority": "Ministère de la Justice",
        "description": "Legislative drafting.",
        "assistance_types": ["legislative_drafting"],
        "mandates": ["A/RES/58/140 op. 3"],
        "mandate_ids": [_op(founding, "6").pk],
        "submit": False,
    }
    response = _post(client, "/api/requests", payload, **headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["mandates"] == ["A/RES/58/140 op. 3", "A/RES/60/175 op. 6"]
    related = {m["citation"]: m["mandate_id"] for m in body["related_mandates"]}
    assert related == {"A/RES/58/140 op. 3": None, "A/RES/60/175 op. 6": _op(founding, "6").pk}
    bad = _post(client, "/api/requests", {**payload, "mandates": ["A/RES/60/175 op. 99"]}, **headers)
    assert bad.status_code == 422 and "mandates" in json.dumps(bad.json())
    patched = client.patch(
        f"/api/requests/{body['id']}",
        json.dumps({"mandate_ids": [_op(founding, "9").pk]}),
        content_type="application/json",
        **headers,
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["mandates"] == ["A/RES/60/175 op. 9"]


def test_the_mandate_api_lists_only_the_requests_the_caller_may_see(
    client, focal_mli, focal_col, api_token_for, make_request, founding
):
    request = make_request(mandates=["A/RES/60/175 op. 6"])
    url = f"/api/mandates/mandates/{_op(founding, '6').pk}"
    mine = client.get(url, **api_token_for(focal_mli)).json()["requests"]
    assert [(r["reference"], r["country"]) for r in mine] == [(request.reference, "MLI")]
    assert client.get(url, **api_token_for(focal_col)).json()["requests"] == []
    assert client.get(url).json()["requests"] == []


def test_the_export_writes_the_citations_as_written(officer_client, make_request, founding):
    make_request(mandates=["A/RES/60/175 op. 6", "A/RES/58/140 op. 3"])
    response = officer_client.get(reverse("assistance:export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0]["mandates"] == "A/RES/58/140 op. 3;A/RES/60/175 op. 6"


def test_the_import_form_accepts_a_file_citing_registry_mandates(officer_client, founding):
    header = "country,title,requesting_authority,assistance_types,themes,description,status,mandates\n"
    row = "MLI,Old request,Ministry,training_police,terrorism,Police training,draft,A/RES/60/175 op. 5\n"
    upload = SimpleUploadedFile("r.csv", (header + row).encode())
    response = officer_client.post(reverse("assistance:request_import"), {"file": upload})
    assert response.status_code == 302
    assert RequestMandateLink.objects.get().mandate == _op(founding, "5")


# The mandate-citation pattern as first written: it backtracked on runs of spaces (quadratic time).
_BACKTRACKING_CITATION = re.compile(
    r"^\s*(?P<symbol>[A-Z]+(?:/[A-Z0-9.\-]+)+(?:\s*\(\d{4}\))?)\s*(?:,?\s*(?:op\.?|para\.?|paragraph|§)\s*"
    r"(?P<para>[0-9]+[a-z]?(?:\s*\([a-z]\))?))?\s*$",
    re.IGNORECASE,
)
_CITATION_PIECES = [
    "A",
    "RES",
    "/",
    "60",
    "175",
    " ",
    "  ",
    "\t",
    ",",
    "op",
    ".",
    "para",
    "paragraph",
    "§",
    "2",
    "a",
    "(",
    ")",
    "(2001)",
    "-",
    "x",
    "\n",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CITATION_PIECES), max_size=14).map("".join))
def test_the_linear_citation_pattern_reads_what_the_backtracking_one_read(text):
    old = _BACKTRACKING_CITATION.match(text)
    new = MANDATE_CITATION.fullmatch(text.strip())
    assert (old.group("symbol", "para") if old else None) == (new.group("symbol", "para") if new else None)
