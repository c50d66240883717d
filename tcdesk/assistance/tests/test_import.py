"""The request import writes in bulk (issue 18): the same requests, scores, history and events as one
row at a time, in a number of queries that does not grow with the file, all or nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tcdesk.assistance import exchange
from tcdesk.assistance.choices import EventKind
from tcdesk.assistance.models import AssistanceRequest, RequestEvent, RequestMandateLink
from tcdesk.assistance.services import imports, priority_recompute

from .factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "country,title,requesting_authority,assistance_types,themes,instruments,mandates,description,"
    "status,submitted_at,decided_at,post_conflict\n"
)


def _rows(count: int) -> str:
    countries = ["MLI", "COL", "FRA", "NER"]  # in groups and in none (France: no LDC, LLDC, SIDS…)
    return HEADER + "".join(
        f"{countries[n % 4]},Request {n},Ministry,training_police;equipment,terrorism;corruption,"
        f"{'UNTOC;ICSANT' if n % 2 else ''},{'A/RES/60/175 op. 5' if n % 3 == 0 else ''},"
        f"Police training {n},{'accepted' if n % 2 else 'submitted'},2019-0{1 + n % 9}-01,"
        f"{'2019-12-01' if n % 2 else ''},{'yes' if n % 5 == 0 else 'no'}\n"
        for n in range(count)
    )


def _import(officer, text: str, *, dry_run: bool = False):
    return exchange.request_import(actor=officer, name="r.csv", content=text.encode(), dry_run=dry_run)


def test_the_number_of_queries_does_not_grow_with_the_rows(officer):
    _import(officer, _rows(1), dry_run=True)  # the actor's roles are read once, then cached on the user
    counts = []
    for size in (4, 60):
        with CaptureQueriesContext(connection) as queries:
            result = _import(officer, _rows(size), dry_run=True)
        assert result.ok and result.counts["created"] == size
        counts.append(len(queries))
    assert counts[1] == counts[0], counts


def test_each_imported_request_has_its_themes_instruments_links_event_history_and_score(officer):
    result = _import(officer, _rows(6))
    assert result.ok, result.errors
    requests = list(AssistanceRequest.objects.order_by("title"))
    assert [r.reference for r in requests] == [f"TAR-2019-{n:04d}" for n in range(1, 7)]
    first, second = requests[0], requests[1]  # "Request 0": MLI, cites a mandate; "Request 1": COL, instruments
    assert sorted(t.code for t in first.themes.all()) == ["corruption", "terrorism"]
    assert first.post_conflict and not second.post_conflict
    assert "LDC" in first.group_list
    assert sorted(i.instrument_code for i in second.instruments.all()) == ["ICSANT", "UNTOC"]
    assert not first.instruments.exists()
    assert [(link.symbol, link.paragraph) for link in first.mandate_links.all()] == [("A/RES/60/175", "5")]
    assert RequestMandateLink.objects.count() == 2  # rows 0 and 3
    for ta_request in requests:
        [event] = RequestEvent.objects.filter(request=ta_request)
        assert (event.kind, event.to_status, event.actor) == (EventKind.IMPORT, ta_request.status, officer)
        assert event.at == ta_request.submitted_at
        [record] = ta_request.history.all()
        assert (record.history_type, record.history_change_reason, record.history_user) == ("+", "import", officer)
        assert record.title == ta_request.title and record.reference == ta_request.reference
    scores = {r.pk: (r.priority_score, r.priority_explanation, r.weights_version_id) for r in requests}
    assert all(r.priority_computed_at for r in requests)
    priority_recompute(queryset=AssistanceRequest.objects.all())
    recomputed = {
        r.pk: (r.priority_score, r.priority_explanation, r.weights_version_id) for r in AssistanceRequest.objects.all()
    }
    assert recomputed == scores, "the import scores each request as a recomputation does"


def test_the_dry_run_reports_what_the_real_run_does_and_writes_nothing(officer):
    dry = _import(officer, _rows(30), dry_run=True)
    assert dry.as_dict() == {"rows": 30, "created": 30, "dry_run": True, "errors": []}
    assert not AssistanceRequest.objects.exists() and not RequestEvent.objects.exists()
    assert not AssistanceRequest.history.exists()
    real = _import(officer, _rows(30))
    assert real.counts == dry.counts and AssistanceRequest.objects.count() == 30


def test_a_reference_taken_between_the_check_and_the_insert_names_its_row_and_writes_nothing(officer, monkeypatch):
    """Another request took TAR-2019-0003 after the import looked (the insert then fails on the unique
    reference): the answer names the row, and none of the file's rows is kept."""
    checks = []
    real_conflict = imports._conflict

    def late_conflict(rows, references):
        checks.append(references)
        if len(checks) == 1:
            # "Someone else" takes it now (inside the import's transaction here, so it is rolled back too).
            AssistanceRequestFactory(reference="TAR-2019-0003", title="Taken meanwhile")
            return None
        return real_conflict(rows, references)

    monkeypatch.setattr(imports, "_conflict", late_conflict)
    result = _import(officer, _rows(5))
    assert [(e.row, e.field) for e in result.errors] == [(4, "reference")]
    assert "TAR-2019-0003" in result.errors[0].message
    assert result.counts["created"] == 0
    assert not AssistanceRequest.objects.filter(title__startswith="Request ").exists()
    assert not RequestEvent.objects.exists()


def test_overlong_texts_are_refused_by_row_and_field_not_cut(officer):
    text = (
        "country,title,requesting_authority,assistance_types,description,status,beneficiary_institutions\n"
        f"MLI,Fine,{'M' * 256},training_police,Police,draft,{'B' * 2_001}\n"
    )
    result = _import(officer, text)
    assert {(e.row, e.field) for e in result.errors} == {(2, "requesting_authority"), (2, "beneficiary_institutions")}
    assert not AssistanceRequest.objects.exists()


def test_the_request_service_caps_the_beneficiary_institutions_too(focal_mli, make_request):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        make_request(beneficiary_institutions="B" * 2_001, mandates=[])
    assert set(refused.value.message_dict) == {"beneficiary_institutions"}
    assert make_request(beneficiary_institutions="B" * 2_000, mandates=[]).beneficiary_institutions == "B" * 2_000
