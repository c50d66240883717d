"""Worst case per endpoint (issue 18): no single request from any role may hold a worker past a few seconds.

Run: .venv/bin/python bench/bench_worker_budget.py [--top 25] [--only WORD]
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>benchdb .venv/bin/python bench/bench_worker_budget.py

SQLite: a throw-away database under /tmp (bench/benchdb.py). PostgreSQL: the database DATABASE_URL names
must have "bench" in its name (else SQLite is used); it is dropped and created again first.

The demo data set is loaded (`tcdesk demo`: every role's demo account, requests, funds, projects,
resolutions, reports, scenarios), then each case sends, through the Django test client signed in as a
role that may call it, the largest input the endpoint accepts: text fields at the edge's length limit,
bodies at the upload limit (hostile parser text, a PDF at the page budget, a DOCX/XLSX at the upload
size), a request import just under the background threshold, a funds import at the row cap, a treaty
status table at its byte limit, an IATI file at the upload limit, page numbers at the edge's limit,
every filter of a list at once. Background work (report versions, solves, large imports) is only
queued, as in production where a task worker runs it: what is measured is what the web worker does.

Printed: every case's status and seconds, slowest first (`--top` of them), and its ratio to a
baseline measured in the same run (the median of a trivial GET, `/api/auth/me`). A case over
BUDGET_SECONDS is flagged: that request holds a worker too long (on this machine) and is a finding.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BUDGET_SECONDS = 3.0
# The same budget as a ratio to the trivial GET (about 6 ms on an idle 2-core machine): on a busy
# machine every request is slower, and the ratio is what compares runs.
BUDGET_RATIO = 500


def setup_database() -> str:
    """SQLite under /tmp, or the PostgreSQL database DATABASE_URL names when it has "bench" in its name."""
    url = os.environ.get("DATABASE_URL", "")
    name = urlparse(url).path.lstrip("/") if url.startswith("postgres") else ""
    os.environ.setdefault("TCDESK_OPENDATA_DIR", f"/tmp/tcdesk-bench-opendata-{os.getpid()}")
    if "bench" not in name:
        if url.startswith("postgres"):
            print(f"({name!r} has no 'bench' in its name: not dropped; a throw-away SQLite database instead)")
        from benchdb import bench_database

        bench_database()
        return "SQLite"
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings_test")
    os.environ.setdefault("TCDESK_MEDIA_ROOT", f"/tmp/tcdesk-bench-media-{os.getpid()}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    return "PostgreSQL"


@dataclass
class Case:
    """One request: who sends it and how (`send` gets a client signed in as `role`)."""

    area: str
    label: str
    role: str
    send: Callable[[Any], Any]


# ------------------------------------------------------------------------------------------ inputs


def hostile_text(size: int, unit: str = "A/RES/ ") -> str:
    return "The General Assembly,\n1. Requests " + (unit * (size // len(unit) + 1))[:size]


def text_pdf(pages: int, lines: int = 45) -> bytes:
    """A PDF of `pages` pages of plain text (Helvetica), written by hand: every page its own stream."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # the page tree, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for number in range(pages):
        body = "".join(
            f"BT /F1 9 Tf 40 {800 - 16 * line} Td (Page {number + 1} line {line}: recalls resolution A/RES/60/"
            f"{line} and requests the Secretary-General to report.) Tj ET\n"
            for line in range(lines)
        ).encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font_id, content_id)
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for index, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % index + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx_of(size: int) -> bytes:
    """A DOCX-shaped archive of about `size` bytes (stored, not compressed: the upload limit binds)."""
    buffer = io.BytesIO()
    paragraph = "<w:p><w:r><w:t>Police training report, page after page.</w:t></w:r></w:p>"
    body = paragraph * (size // len(paragraph))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


REQUEST_HEADER = (
    "country,title,requesting_authority,assistance_types,themes,instruments,mandates,description,"
    "status,submitted_at,decided_at,post_conflict\n"
)


def request_rows(count: int, description: int = 2000) -> str:
    """Request import rows as real files hold them, descriptions of `description` characters."""
    countries = ["MLI", "COL", "NER", "PER", "KEN", "PHL"]
    text = ("Police training and review of the draft law " * (description // 40 + 1))[:description]
    return REQUEST_HEADER + "".join(
        f"{countries[n % 6]},Request {n},Ministry of Justice,training_police;legislative_drafting,terrorism;corruption,"
        f"UNTOC;ICSANT,A/RES/60/175 op. 5,{text},{'accepted' if n % 2 else 'submitted'},2019-0{1 + n % 9}-01,"
        f"{'2019-12-01' if n % 2 else ''},no\n"
        for n in range(count)
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def limits() -> dict[str, int]:
    from django.conf import settings

    from tcdesk.core.edge import MAX_PAGE
    from tcdesk.treaties.services.status_import import MAX_IMPORT_BYTES

    return {
        "upload": settings.TCDESK_MAX_UPLOAD_BYTES,
        "text": settings.TCDESK_MAX_TEXT_CHARS,
        "sync_rows": settings.TCDESK_IMPORT_SYNC_ROWS,
        "max_rows": settings.TCDESK_IMPORT_MAX_ROWS,
        "pdf_pages": settings.TCDESK_PDF_MAX_PAGES,
        "page": MAX_PAGE,
        "treaty_bytes": MAX_IMPORT_BYTES,
        "iati_activities": settings.TCDESK_IATI_SYNC_ACTIVITIES,
    }


# ------------------------------------------------------------------------------------------- cases


def cases() -> list[Case]:  # noqa: PLR0915 - one flat list of cases reads best
    from tcdesk.assistance.models import AssistanceRequest
    from tcdesk.funds.models import Fund
    from tcdesk.mandates.models import Mandate, Resolution
    from tcdesk.planning.models import Scenario
    from tcdesk.portfolio.models import Project
    from tcdesk.reports.models import Report

    lim = limits()
    text = "x" * lim["text"]
    big = lim["upload"] - 64 * 1024  # room for the form's envelope
    mli_request = AssistanceRequest.objects.filter(country_id="MLI").order_by("pk").first()
    any_request = AssistanceRequest.objects.order_by("pk").first()
    resolution = Resolution.objects.order_by("pk").first()
    mandate = Mandate.objects.order_by("pk").first()
    scenario = Scenario.objects.order_by("pk").first()
    report = Report.objects.order_by("pk").first()
    project = Project.objects.order_by("pk").first()
    fund = Fund.objects.order_by("pk").first()
    json_ct = {"content_type": "application/json"}
    pdf = text_pdf(lim["pdf_pages"])
    hostile_body = hostile_text(big - 1024)
    rows_sync = request_rows(lim["sync_rows"]).encode()
    rows_job = request_rows(lim["sync_rows"] + 1).encode()
    docx = docx_of(big)

    # Funds contributions (each row a pledge): at the rows a request takes, and at the import's row cap.
    def contributions(count: int) -> bytes:
        return (
            "donor,fund,kind,date,amount,currency,agreement,earmark,reference\n"
            + "".join(f"NOR,{fund.code},pledge,2024-01-{1 + n % 28:02d},1000.00,USD,,,B-{n}\n" for n in range(count))
        ).encode()

    funds_sync, funds_cap = contributions(lim["sync_rows"]), contributions(lim["max_rows"])
    # A treaty status table at its byte limit: valid rows repeated.
    names = ["France", "Mali", "Colombia", "Peru", "Kenya", "Norway", "Germany", "Niger"]
    treaty_rows = ["participant,action,date\n"]
    size = len(treaty_rows[0])
    n = 0
    while size < lim["treaty_bytes"] - 100:
        row = f"{names[n % len(names)]},ratification,2003-01-{1 + n % 28:02d}\n"
        treaty_rows.append(row)
        size += len(row)
        n += 1
    treaty_csv = "".join(treaty_rows).encode()
    filters_all = (
        "?q=" + "police " * 200 + "&status=submitted&status=accepted&country=MLI&country=COL&theme=terrorism"
        "&assistance_type=training_police&region=AFR&group=LDC&submitted_from=2000-01-01&submitted_to=2999-12-31"
        "&sort=-priority_score"
    )
    page = f"?page={lim['page']}"
    out = [
        # --- mandates: parse and load (secretariat), the resolution pages (anyone)
        Case(
            "mandates",
            f"API parse: hostile text at the body limit ({len(hostile_body) // 1024} KB)",
            "secretariat",
            lambda c: c.post("/api/mandates/parse", {"text": hostile_body}, **json_ct),
        ),
        Case(
            "mandates",
            "API parse: 'resolution 60/' repeated, 1 MB",
            "secretariat",
            lambda c: c.post("/api/mandates/parse", {"text": hostile_text(1_000_000, "resolution 60/")}, **json_ct),
        ),
        Case(
            "mandates",
            f"API parse: text PDF at the page budget ({lim['pdf_pages']} pages, {len(pdf) // 1024} KB)",
            "secretariat",
            lambda c: c.post("/api/mandates/parse", {"file": upload("r.pdf", pdf, "application/pdf")}),
        ),
        Case(
            "mandates",
            "API load (review step): the same PDF",
            "secretariat",
            lambda c: c.post("/api/mandates/resolutions", {"file": upload("r.pdf", pdf, "application/pdf")}),
        ),
        Case(
            "mandates",
            "page load (review step): the same PDF",
            "secretariat",
            lambda c: c.post("/mandates/resolutions/load/", {"file": upload("r.pdf", pdf, "application/pdf")}),
        ),
        Case(
            "mandates",
            "API load: hostile text at the body limit",
            "secretariat",
            lambda c: c.post("/api/mandates/resolutions", {"text": hostile_body}, **json_ct),
        ),
        Case(
            "mandates", "registry page, page at the limit", "focal-MLI", lambda c: c.get("/mandates/registry/" + page)
        ),
        Case(
            "mandates", "API mandates, page at the limit", "anonymous", lambda c: c.get("/api/mandates/mandates" + page)
        ),
        Case(
            "mandates",
            "API evidence: text at the limit",
            "officer",
            lambda c: c.post(
                f"/api/mandates/mandates/{mandate.pk}/evidence", {"text": text, "note": "n" * 500}, **json_ct
            ),
        ),
        Case(
            "mandates",
            "resolution page",
            "focal-MLI",
            lambda c: c.get(f"/mandates/resolutions/{resolution.symbol}/") if resolution else None,
        ),
        # --- requests: import, create, comment, attach, list, export
        Case(
            "requests",
            f"API import dry run: {lim['sync_rows']} rows (the background threshold), 2,000-char descriptions",
            "officer",
            lambda c: c.post("/api/requests/import", {"file": upload("r.csv", rows_sync), "dry_run": "true"}),
        ),
        Case(
            "requests",
            f"page import, real: {lim['sync_rows']} rows",
            "officer",
            lambda c: c.post("/requests/import/", {"file": upload("r.csv", rows_sync)}),
        ),
        Case(
            "requests",
            f"API import: {lim['sync_rows'] + 1} rows (queued as a job)",
            "officer",
            lambda c: c.post("/api/requests/import", {"file": upload("r.csv", rows_job), "dry_run": "true"}),
        ),
        Case(
            "requests",
            "API create: every text at its limit, citations hostile",
            "focal-MLI",
            lambda c: c.post(
                "/api/requests",
                {
                    "country": "MLI",
                    "title": "t" * 200,
                    "requesting_authority": "a" * 255,
                    "description": ("A/RES/60/175 op. 5" + " " * 982) * (lim["text"] // 1000),
                    "assistance_types": ["training_police"],
                    "mandates": ["A/RES/60/175 op. " + " " * 1000 + "5"] * 20,
                },
                **json_ct,
            ),
        ),
        Case(
            "requests",
            "API comment: text at the limit",
            "focal-MLI",
            lambda c: c.post(f"/api/requests/{mli_request.pk}/comments", {"text": text}, **json_ct),
        ),
        Case(
            "requests",
            f"API attachment: DOCX at the upload limit ({len(docx) // 1048576} MB)",
            "focal-MLI",
            lambda c: c.post(f"/api/requests/{mli_request.pk}/attachments", {"file": upload("big.docx", docx)}),
        ),
        Case(
            "requests",
            "queue page, every filter, long search",
            "officer",
            lambda c: c.get("/requests/" + filters_all),
        ),
        Case("requests", "queue page, page at the limit", "officer", lambda c: c.get("/requests/" + page)),
        Case("requests", "API list, page at the limit", "officer", lambda c: c.get("/api/requests" + page)),
        Case("requests", "request page", "officer", lambda c: c.get(f"/requests/{any_request.pk}/")),
        Case("requests", "export XLSX (every request)", "officer", lambda c: c.get("/requests/export.xlsx")),
        Case("requests", "dashboard", "officer", lambda c: c.get("/requests/dashboard/")),
        # --- reports
        Case(
            "reports",
            "API generate a version (queued)",
            "officer",
            lambda c: c.post(f"/api/reports/{report.pk}/versions", {"language": "en"}, **json_ct),
        ),
        Case("reports", "preview page", "officer", lambda c: c.get(f"/reports/{report.pk}/preview/")),
        Case(
            "reports",
            "API conclusions: text at the limit",
            "officer",
            lambda c: c.post(f"/api/reports/{report.pk}/conclusions", {"language": "en", "text": text}, **json_ct),
        ),
        # --- planning
        Case(
            "planning",
            "API solve (queued)",
            "officer",
            lambda c: c.post(f"/api/planning/scenarios/{scenario.pk}/solve", {"time_limit": 3600}, **json_ct),
        ),
        Case("planning", "scenario page", "officer", lambda c: c.get(f"/planning/{scenario.pk}/")),
        Case("planning", "compare page", "officer", lambda c: c.get("/planning/compare/")),
        Case(
            "planning",
            "API sources refresh",
            "officer",
            lambda c: c.post(f"/api/planning/scenarios/{scenario.pk}/sources/refresh", {}, **json_ct),
        ),
        # --- portfolio
        Case(
            "portfolio",
            "API IATI export (every project)",
            "officer",
            lambda c: c.get("/api/portfolio/iati/activities.xml"),
        ),
        Case(
            "portfolio",
            f"API IATI import dry run: {lim['iati_activities']} activities (the most a request takes)",
            "officer",
            lambda c: c.post(
                "/api/portfolio/iati/import",
                {"file": upload("iati.xml", iati_file(activities=lim["iati_activities"])), "dry_run": "true"},
            ),
        ),
        Case(
            "portfolio",
            "API IATI import dry run: demo activities repeated to the upload limit",
            "officer",
            lambda c: c.post(
                "/api/portfolio/iati/import", {"file": upload("iati.xml", iati_file(size=big)), "dry_run": "true"}
            ),
        ),
        Case("portfolio", "project page", "officer", lambda c: c.get(f"/portfolio/projects/{project.pk}/")),
        # --- funds
        Case(
            "funds",
            f"page contributions import dry run: {lim['sync_rows']:,} rows (the most a request takes)",
            "finance",
            lambda c: c.post("/funds/import/", {"file": upload("c.csv", funds_sync), "dry_run": "on"}),
        ),
        Case(
            "funds",
            f"page contributions import dry run: {lim['max_rows']:,} rows (the import's row cap)",
            "finance",
            lambda c: c.post("/funds/import/", {"file": upload("c.csv", funds_cap), "dry_run": "on"}),
        ),
        Case("funds", "fund statement XLSX", "finance", lambda c: c.get(f"/funds/{fund.code}/statement.xlsx")),
        Case("funds", "API ledger verify", "finance", lambda c: c.get("/api/funds/ledger/verify")),
        # --- treaties
        Case(
            "treaties",
            f"API status import dry run: CSV at its limit ({len(treaty_csv) // 1024} KB, {n:,} rows)",
            "secretariat",
            lambda c: c.post(
                "/api/treaties/imports", {"instrument": "UNTOC", "dry_run": "true", "file": upload("s.csv", treaty_csv)}
            ),
        ),
        Case("treaties", "matrix page", "officer", lambda c: c.get("/treaties/matrix/")),
        # --- open data (anonymous)
        Case("opendata", "IATI feed, first hit after a change", "anonymous", lambda c: first_feed_hit(c)),
        Case("opendata", "IATI feed, second hit", "anonymous", lambda c: c.get("/open/iati/activities.xml")),
        Case("opendata", "funding page", "anonymous", lambda c: c.get("/open/funding/")),
        Case("opendata", "delivery page", "anonymous", lambda c: c.get("/open/delivery/")),
        Case("opendata", "API mandates document", "anonymous", lambda c: c.get("/api/open/mandates")),
        Case("opendata", "country page (MLI)", "anonymous", lambda c: c.get("/open/countries/MLI/", follow=True)),
        # --- core
        Case("core", "API countries, page at the limit", "anonymous", lambda c: c.get("/api/core/countries" + page)),
        Case("core", "home dashboard", "officer", lambda c: c.get("/")),
        Case("core", "home dashboard", "admin", lambda c: c.get("/")),
    ]
    return out


_IATI: dict[tuple[int, int], bytes] = {}


def iati_file(*, size: int = 0, activities: int = 0) -> bytes:
    """The demo portfolio's IATI export, its activities repeated (new identifiers) up to `size` bytes
    or to `activities` activities."""
    key = (size, activities)
    if key in _IATI:
        return _IATI[key]
    from django.test import Client

    from tcdesk.accounts.models import User

    exporter = Client()
    exporter.force_login(User.objects.get(username="officer"))
    document = b"".join(exporter.get("/api/portfolio/iati/activities.xml").streaming_content)
    head, _sep, rest = document.partition(b"<iati-activity ")
    body, _sep, tail = rest.rpartition(b"</iati-activity>")
    parts = (body + b"</iati-activity>").split(b"<iati-activity ")
    originals = [b"<iati-activity " + part for part in parts if part.strip()]
    copies: list[bytes] = []
    total = len(head) + len(tail)
    n = 0
    while (activities and len(copies) < activities) or (size and total + len(originals[0]) < size):
        copy = originals[n % len(originals)].replace(b"<iati-identifier>", b"<iati-identifier>X%d-" % n)
        copies.append(copy)
        total += len(copy)
        n += 1
    _IATI[key] = head + b"".join(copies) + tail
    return _IATI[key]


def first_feed_hit(client: Any) -> Any:
    """The first request for the feed after the data changed: its file is not written yet."""
    from django.core.cache import cache

    from tcdesk.opendata import feeds

    for old in feeds.feed_dir().glob("*.xml"):
        old.unlink()
    cache.clear()  # the public pages' cache
    return client.get("/open/iati/activities.xml")


# ------------------------------------------------------------------------------------------- run


def client_for(role: str):
    from django.test import Client

    from tcdesk.accounts.models import User

    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    if hasattr(result, "streaming_content"):
        for _chunk in result.streaming_content:  # a streamed answer's work happens as it is read
            pass
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25, help="how many of the slowest requests to print")
    parser.add_argument("--only", default="", help="run the cases whose area or label contains this word")
    parser.add_argument("--verbose", action="store_true", help="print each case as it is sent")
    args = parser.parse_args()
    started = time.perf_counter()
    database = setup_database()
    from django.core.management import call_command
    from django.test.utils import override_settings

    # Background work is queued, not run: a task worker does it in production (the demo's report
    # versions stay queued too, which saves the set-up a minute of rendering).
    with (
        override_settings(
            TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}},
            TCDESK_OPEN_API_RATE="1000000/m",
        ),
    ):
        logging.disable(logging.WARNING)  # refusals (4xx) are expected answers here, not news
        with contextlib.redirect_stderr(io.StringIO()):
            call_command("demo", verbosity=0, stdout=io.StringIO())
        print(
            f"worst case per endpoint on {database} (set-up with the demo data: {time.perf_counter() - started:.0f}s)"
        )
        baseline_client = client_for("officer")
        baseline_client.get("/api/auth/me")
        base = statistics.median(timed(lambda: baseline_client.get("/api/auth/me"))[0] for _ in range(7))
        results = []
        clients: dict[str, Any] = {}
        for case in cases():
            if args.only and args.only not in case.area and args.only not in case.label:
                continue
            client = clients.setdefault(case.role, client_for(case.role))
            if args.verbose:
                print(f"  … {case.area}: {case.label}", flush=True)
            try:
                seconds, response = timed(lambda case=case, client=client: case.send(client))
                status = str(response.status_code) if response is not None else "-"
            except Exception as exc:  # noqa: BLE001 - a server error is a result to print, not the end of the run
                seconds, status = float("nan"), f"raised {type(exc).__name__}: {str(exc)[:60]}"
            results.append((seconds, case, status))
    results.sort(key=lambda r: -r[0] if r[0] == r[0] else float("-inf"))
    print(f"baseline: GET /api/auth/me as officer, median {base * 1000:.1f} ms; budget {BUDGET_RATIO}× it")
    print(f"{'seconds':>8} {'×base':>7} {'status':>6}  {'role':12} {'area':10} case")
    for seconds, case, status in results[: args.top]:
        flag = "  << over budget" if seconds / base > BUDGET_RATIO else ""
        print(f"{seconds:8.2f} {seconds / base:7.0f} {status:>6}  {case.role:12} {case.area:10} {case.label}{flag}")
    over = [r for r in results if r[0] / base > BUDGET_RATIO]
    print(
        f"{len(results)} requests; {len(over)} over {BUDGET_RATIO}× the baseline (about {BUDGET_SECONDS:.0f}s on an "
        f"idle machine); {sum(r[0] > BUDGET_SECONDS for r in results)} over {BUDGET_SECONDS:.0f}s on this one; "
        f"total {time.perf_counter() - started:.0f}s"
    )
    if database == "PostgreSQL":
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    main()
