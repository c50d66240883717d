"""Speed of the request import (issue 18): rows a second, dry run and real run, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/bench_import.py [--rows 1000 10000] [--postgres URL]  (`make bench` runs it with the
defaults, on PostgreSQL too when TCDESK_BENCH_POSTGRES holds a URL)

On a throwaway database (SQLite under /tmp; with --postgres, a database `<name>_bench` created next to
the one the URL names and dropped at the end), with the reference data loaded and one resolution with
mandates in the registry, imports CSV files of the given sizes whose rows vary as real ones do (countries,
types, themes, instruments, a cited mandate, dates; references left empty so that they are numbered):
first as a dry run, then for real. Printed: seconds, rows a second, and the ratio of the import's
time to a baseline measured in the same run on the same database: one `bulk_create` of as many bare
requests (rolled back), the least any import of these rows must write. A ratio that stays flat between
sizes means the import grows linearly.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

HEADER = (
    "reference,country,title,requesting_authority,assistance_types,themes,instruments,mandates,"
    "description,desired_start,desired_end,post_conflict,status,decision,submitted_at,decided_at\n"
)
COUNTRIES = ["MLI", "NER", "BFA", "COL", "PER", "KEN", "PHL", "IRQ", "TCD", "MRT", "SEN", "TUN"]
TYPES = ["training_police", "legislative_drafting", "institution_building", "training_judges"]
THEMES = ["terrorism", "corruption", "organized_crime"]
STATUSES = [
    ("submitted", "", ""),
    ("accepted", "accepted", "2021-05-10"),
    ("declined", "declined", "2021-06-01"),
    ("delivered", "accepted", "2021-04-02"),
]


def csv_rows(count: int) -> bytes:
    lines = [HEADER]
    for n in range(count):
        status, decision, decided = STATUSES[n % len(STATUSES)]
        lines.append(
            ",".join(
                [
                    "",
                    COUNTRIES[n % len(COUNTRIES)],
                    f"Request {n}: support to the national authorities",
                    "Ministry of Justice",
                    f"{TYPES[n % len(TYPES)]};{TYPES[(n + 1) % len(TYPES)]}",
                    THEMES[n % len(THEMES)],
                    "UNTOC;ICSANT" if n % 2 else "UNCAC",
                    "A/RES/70/1 op. 2" if n % 3 == 0 else "",
                    f'"Two workshops and a review of the draft law, request {n}."',
                    "2021-01-01",
                    "2021-12-31",
                    "yes" if n % 5 == 0 else "no",
                    status,
                    decision,
                    f"2021-0{1 + n % 3}-1{n % 10}",
                    decided,
                ]
            )
            + "\n"
        )
    return "".join(lines).encode()


def postgres_database(url: str) -> tuple[str, str]:
    """A fresh `<name>_bench` database next to the one `url` names; returns its URL and name."""
    import psycopg

    base, _slash, name = url.rstrip("/").rpartition("/")
    bench_name = f"{name}_bench"
    with psycopg.connect(_maintenance(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        conn.execute(f'CREATE DATABASE "{bench_name}"')
    return f"{base}/{bench_name}", bench_name


def _maintenance(url: str) -> str:
    """The server's `postgres` database (the one `url` names need not exist)."""
    return url.replace("postgres://", "postgresql://", 1).rstrip("/").rpartition("/")[0] + "/postgres"


def drop_postgres(url: str, bench_name: str) -> None:
    import psycopg

    with psycopg.connect(_maintenance(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{bench_name}" WITH (FORCE)')


def setup(database_url: str | None) -> float:
    """Django on the given database (SQLite in a temporary folder when None), migrated, with the
    reference data and one resolution with mandates; returns the seconds the set-up took."""
    if database_url is None:
        from benchdb import bench_database

        _workdir, seconds = bench_database()
    else:
        import tempfile

        os.environ["DATABASE_URL"] = database_url
        os.environ["TCDESK_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="tcdesk-bench-")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings_test")
        import django

        django.setup()
        from django.core.management import call_command
        from django.test.utils import setup_test_environment

        setup_test_environment()
        from tcdesk.core.services import reference_data_load

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        reference_data_load()
        seconds = time.perf_counter() - started
    from django.utils import timezone

    from tcdesk.mandates.models import Mandate, Resolution

    resolution = Resolution.objects.create(
        symbol="A/RES/70/1", title="Transforming our world", language="en", source_text="-", loaded_at=timezone.now()
    )
    Mandate.objects.create(resolution=resolution, key="2", paragraph_number=2, action="decides", text="Decides.")
    return seconds


def baseline(count: int) -> float:
    """Seconds to bulk_create `count` bare requests, rolled back."""
    from django.db import transaction
    from django.utils import timezone

    from tcdesk.assistance.models import AssistanceRequest

    start = time.perf_counter()
    with transaction.atomic():
        AssistanceRequest.objects.bulk_create(
            [
                AssistanceRequest(
                    reference=f"BASE-{n:06d}",
                    country_id="MLI",
                    title="t",
                    requesting_authority="a",
                    description="d",
                    status="submitted",
                    submitted_at=timezone.now(),
                )
                for n in range(count)
            ],
            batch_size=500,
        )
        transaction.set_rollback(True)
    return time.perf_counter() - start


def run(label: str, counts: list[int]) -> None:
    from django.db import transaction

    from tcdesk.accounts.choices import Role
    from tcdesk.accounts.models import User
    from tcdesk.accounts.services import role_assign
    from tcdesk.assistance.exchange import request_import
    from tcdesk.assistance.models import AssistanceRequest

    officer = User.objects.create(username="bench-officer")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    print(f"{'database':10} {'rows':>7} {'run':8} {'seconds':>8} {'rows/s':>8} {'×baseline':>10}  outcome")
    for count in counts:
        content = csv_rows(count)
        base = baseline(count)
        for dry_run in (True, False):
            start = time.perf_counter()
            with transaction.atomic():
                result = request_import(actor=officer, name="rows.csv", content=content, dry_run=dry_run)
                elapsed = time.perf_counter() - start
                transaction.set_rollback(True)  # each size starts from the same database
            problems = [f"{e.row}/{e.field}: {e.message}" for e in result.errors[:2]]
            outcome = f"{result.counts['created']} created" + (f"; {problems}" if problems else "")
            print(
                f"{label:10} {count:>7,} {'dry run' if dry_run else 'real':8} {elapsed:8.2f} "
                f"{count / elapsed:8.0f} {elapsed / base:10.1f}  {outcome}"
            )
        assert not AssistanceRequest.objects.exists()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument(
        "--postgres",
        default=os.environ.get("TCDESK_BENCH_POSTGRES"),
        help="a PostgreSQL URL (default: TCDESK_BENCH_POSTGRES); the bench uses <its database>_bench",
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database is None:
        # Django is set up once per process: each database runs in its own child process.
        import subprocess

        databases = ["sqlite"] + (["postgres"] if args.postgres else [])
        for database in databases:
            command = [sys.executable, __file__, "--database", database, "--rows", *map(str, args.rows)]
            if args.postgres:
                command += ["--postgres", args.postgres]
            subprocess.run(command, check=True)
        return
    if args.database == "sqlite":
        seconds = setup(None)
        print(f"request import on SQLite (set-up {seconds:.1f}s)")
        run("SQLite", args.rows)
        return
    url, name = postgres_database(args.postgres)
    try:
        seconds = setup(url)
        print(f"request import on PostgreSQL (set-up {seconds:.1f}s)")
        run("PostgreSQL", args.rows)
    finally:
        from django.db import connections

        connections.close_all()
        drop_postgres(args.postgres, name)


if __name__ == "__main__":
    main()
