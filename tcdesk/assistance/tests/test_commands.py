"""The import command and the demo data."""

import json

import pytest
from django.core.management import call_command

from tcdesk.assistance.models import AssistanceRequest

pytestmark = pytest.mark.django_db


def test_import_requests_command_dry_run_and_json(tmp_path, officer, capsys):
    path = tmp_path / "requests.csv"
    path.write_text(
        "country,title,requesting_authority,assistance_types,description,status,submitted_at\n"
        "UKR,Old,Ministry,mentoring,Mentoring,submitted,2022-09-01\n",
        encoding="utf-8",
    )
    call_command("import_requests", str(path), "--dry-run", "--json")
    assert json.loads(capsys.readouterr().out) == {"rows": 1, "created": 1, "dry_run": True, "errors": []}
    assert not AssistanceRequest.objects.exists()
    call_command("import_requests", str(path), "--json")
    assert AssistanceRequest.objects.get().country_id == "UKR"


def test_import_requests_command_names_bad_rows(tmp_path, officer, capsys):
    path = tmp_path / "requests.csv"
    path.write_text(
        "country,title,requesting_authority,assistance_types,description,status,submitted_at\n"
        "UKR,Old,Ministry,mentoring,Mentoring,submitted,2022-13-01\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit):
        call_command("import_requests", str(path), "--json")
    errors = json.loads(capsys.readouterr().out)["errors"]
    rule = "“2022-13-01” is not a date (YYYY-MM-DD)."
    # One error shape for every import: "rule" (the key the import contracts name) and "message" agree.
    assert errors == [{"row": 2, "field": "submitted_at", "message": rule, "rule": rule}]


def test_the_demo_builds_a_realistic_queue():
    from tcdesk.assistance.demo import load_demo
    from tcdesk.core.demo import load_demo as load_accounts

    load_accounts(seed=1, scale=1, progress=lambda *a: None)
    summary = load_demo(seed=1, scale=1, progress=lambda *a: None)
    assert summary["requests"] >= 50
    statuses = set(AssistanceRequest.objects.values_list("status", flat=True))
    assert statuses >= {
        "draft",
        "submitted",
        "acknowledged",
        "information_requested",
        "assessed",
        "accepted",
        "declined",
        "planned",
        "delivered",
        "closed",
        "withdrawn",
    }
    assert {"MLI", "COL", "UKR"} <= set(AssistanceRequest.objects.values_list("country_id", flat=True))
    assert not AssistanceRequest.objects.exclude(status="draft").filter(events__isnull=True).exists()
    again = load_demo(seed=1, scale=1, progress=lambda *a: None)
    assert again["requests"] == summary["requests"]  # idempotent


def test_the_demo_sends_no_email():
    from django.core import mail

    from tcdesk.assistance.demo import load_demo
    from tcdesk.core.demo import load_demo as load_accounts

    load_accounts(seed=2, scale=1, progress=lambda *a: None)
    mail.outbox.clear()
    load_demo(seed=2, scale=1, progress=lambda *a: None)
    assert mail.outbox == []


def test_the_demo_at_a_larger_scale_inserts_its_extra_requests_in_bulk():
    """`tcdesk demo --scale N` (the load test uses 10) adds (N-1) × 60 requests through the raw bulk
    insert; every column of the model is filled, including fields added after that insert was written."""
    from tcdesk.assistance.demo import load_demo
    from tcdesk.core.demo import load_demo as load_accounts

    load_accounts(seed=3, scale=2, progress=lambda *a: None)
    summary = load_demo(seed=3, scale=2, progress=lambda *a: None)
    assert summary["requests"] >= 110
    bulk = AssistanceRequest.objects.filter(pk__gt=AssistanceRequest.objects.order_by("pk")[59].pk)
    assert bulk.count() >= 50
    assert not bulk.filter(cost_currency__isnull=True).exists()
    assert len({r.reference for r in AssistanceRequest.objects.all()}) == AssistanceRequest.objects.count()
