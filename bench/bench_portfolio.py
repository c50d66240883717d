"""IATI export and import through Django: the portfolio in the database written as IATI 2.03, and a
partner's file imported into it; time and peak memory as ratios to lxml alone, in the same run.

Run: .venv/bin/python bench/bench_portfolio.py [--projects 1000,10000] [--transactions 20] [--import-mb 10,100]
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>db .venv/bin/python bench/bench_portfolio.py

SQLite: a throw-away database under /tmp (bench/benchdb.py). PostgreSQL: a throw-away database
`<name>_portfolio_bench` next to the one DATABASE_URL names, created, migrated and dropped by the run.

Set-up (not timed): synthetic projects are written with `bulk_create` (bilingual titles, 2 sectors,
2 recipient countries, 3 yearly budgets, 2 participating organisations, a results framework with an
indicator counted by sex), each paid by one allocation of a fund with `--transactions` − 1
expenditures under it, so that the funds ledger's reader (`funds.selectors.fundable_ledger`) gives
`--transactions` IATI transactions per project. The rows are written directly (the ledger's own
postings are measured by bench_ledger.py); what the export reads is what the services would store.

Export, on the same projects, each in a fresh process (peak resident memory is its own):
  read      `publishing.project_activities()`: the database read and the mapping to IATI dataclasses.
  baseline  the same activities appended to one lxml root, `etree.tostring`, written: lxml alone
            serialising the same tree (the issue's baseline), reading included.
  export    `publishing.export_file()`: what `tcdesk export_iati` does (streaming write with IATI's rules,
            the file validated against the 2.03 schema, renamed into place).
Import: partner files made by bench_iati's generator (synthetic, schema-valid), cut after the activity
that ends past each size:
  baseline  `etree.parse` of the whole file (lxml alone).
  import    `services.iati_import()`: streaming read, validation, one transaction storing each activity
            (upsert by identifier, budgets, transactions, the assistance app's partner activity).
Ratios use CPU time of the measured process (the database server's own time on PostgreSQL is not in
it; wall-clock time is printed beside it). `--import-mb` may be lowered when the machine is slow:
the output says which sizes were measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SECTORS = ["15130", "15190", "15113", "15210", "16063", "15220"]
COUNTRIES = ["MLI", "NER", "BFA", "COL", "UKR", "NGA", "KEN", "PER", "PHL", "TUN"]


# --- databases ----------------------------------------------------------------------------------


def bench_url(url: str) -> str:
    """The throw-away PostgreSQL database of the run, beside the one `url` names."""
    base, _slash, name = url.rpartition("/")
    return f"{base}/{name}_portfolio_bench"


def _postgres_admin(url: str, sql: str) -> None:
    import psycopg

    base = url.rpartition("/")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def setup_database(work: Path) -> tuple[str, str]:
    """Create and migrate the run's database; returns (label, DATABASE_URL for the children)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        target = bench_url(url)
        name = target.rpartition("/")[2]
        _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}"')
        _postgres_admin(url, f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = target
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings_test")
        import django

        django.setup()
        from django.core.management import call_command

        from tcdesk.core.services import reference_data_load

        call_command("migrate", verbosity=0)
        reference_data_load()
        return "PostgreSQL", target
    from benchdb import bench_database

    folder, _seconds = bench_database()
    os.environ["BENCH_SQLITE_FOLDER"] = str(folder)
    return "SQLite", os.environ["DATABASE_URL"]


def drop_database(url: str) -> None:
    if os.environ.get("BENCH_SQLITE_FOLDER"):
        shutil.rmtree(os.environ["BENCH_SQLITE_FOLDER"], ignore_errors=True)
    if url.startswith("postgres"):
        from django.db import connections

        connections.close_all()
        original = os.environ.get("BENCH_ORIGINAL_URL", "")
        if original:
            _postgres_admin(original, f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}"')


# --- set-up of the portfolio (not timed) ----------------------------------------------------------


def fill_portfolio(count: int, transactions: int) -> None:
    """Make the database hold exactly `count` synthetic projects, each with `transactions` ledger rows."""
    from django.db import transaction

    from tcdesk.funds.models import Allocation, Expenditure, Fund
    from tcdesk.portfolio import models as m

    have = m.Project.objects.count()
    if have > count:
        raise SystemExit("projects only grow within a run")
    fund = Fund.objects.filter(code="BENCH").first()
    if fund is None:
        fund = Fund.objects.create(code="BENCH", name_en="Bench fund", kind="general", currency="USD")
    programme, _created = m.Programme.objects.get_or_create(
        code="BENCH-GLO", defaults={"name_en": "Global programme (bench)", "scope": "global"}
    )
    batch = 1000
    for first in range(have, count, batch):
        numbers = range(first, min(first + batch, count))
        with transaction.atomic():
            projects = m.Project.objects.bulk_create(
                m.Project(
                    programme=programme,
                    iati_identifier=f"XI-IATI-TCDESK-B{n:06d}",
                    title_en=f"Criminal justice responses to trafficking in persons, project {n}",
                    title_fr=f"Réponse de la justice pénale à la traite des personnes, projet {n}",
                    description="Training of judges, prosecutors and police; legislative assistance.",
                    status=2,
                    planned_start=dt.date(2021, 1, 1) + dt.timedelta(days=n % 365),
                    planned_end=dt.date(2024, 1, 1) + dt.timedelta(days=n % 365),
                    actual_start=dt.date(2021, 1, 11) + dt.timedelta(days=n % 365),
                    gender_marker=n % 3,
                    currency="USD",
                )
                for n in numbers
            )
            m.ProjectSector.objects.bulk_create(
                m.ProjectSector(project=p, code=SECTORS[(p.pk + k) % 6], percentage=Decimal(share))
                for p in projects
                for k, share in ((0, "75.5"), (1, "24.5"))
            )
            m.ProjectCountry.objects.bulk_create(
                m.ProjectCountry(project=p, country_id=COUNTRIES[(p.pk + k) % 10], percentage=Decimal(share))
                for p in projects
                for k, share in ((0, 60), (3, 40))
            )
            m.ProjectBudget.objects.bulk_create(
                m.ProjectBudget(project=p, year=year, amount=Decimal(250000 + p.pk % 1000))
                for p in projects
                for year in (2021, 2022, 2023)
            )
            m.ProjectOrganisation.objects.bulk_create(
                m.ProjectOrganisation(project=p, role=role, name=name, iati_ref=ref)
                for p in projects
                for role, name, ref in ((1, "Norway", "XM-DAC-8-1"), (2, "Programme office", "XI-IATI-TCDESK"))
            )
            outcomes = m.Outcome.objects.bulk_create(
                m.Outcome(project=p, title="Criminal justice officials apply the law") for p in projects
            )
            outputs = m.Output.objects.bulk_create(m.Output(outcome=o, title="Officials trained") for o in outcomes)
            indicators = m.Indicator.objects.bulk_create(
                m.Indicator(
                    project=o.outcome.project,
                    output=o,
                    title="Officials trained, by sex",
                    counts_people=True,
                    baseline_year=2020,
                    baseline_value=Decimal(0),
                )
                for o in outputs
            )
            m.IndicatorPeriod.objects.bulk_create(
                m.IndicatorPeriod(
                    indicator=i,
                    start=dt.date(2021, 1, 1),
                    end=dt.date(2021, 12, 31),
                    target=Decimal(45),
                    actual=Decimal(42),
                    target_women=22,
                    target_men=23,
                    target_other=0,
                    actual_women=20,
                    actual_men=21,
                    actual_other=1,
                )
                for i in indicators
            )
            allocations = Allocation.objects.bulk_create(
                Allocation(
                    fund=fund,
                    amount=Decimal(400000),
                    currency="USD",
                    fund_amount=Decimal(400000),
                    usd_amount=Decimal(400000),
                    fundable_kind="project",
                    fundable_id=p.pk,
                    idempotency_key=f"bench:{p.pk}",
                    allocated_on=p.actual_start,
                )
                for p in projects
            )
            Expenditure.objects.bulk_create(
                Expenditure(
                    allocation=a,
                    amount=Decimal(1000 + (a.pk * 37 + k * 101) % 9000),
                    currency="USD",
                    fund_amount=Decimal(1000 + (a.pk * 37 + k * 101) % 9000),
                    support_costs=Decimal(0),
                    usd_amount=Decimal(1000 + (a.pk * 37 + k * 101) % 9000),
                    spent_on=a.allocated_on + dt.timedelta(days=30 * (k + 1)),
                    reference=f"bench:{a.pk}:{k}",
                )
                for a in allocations
                for k in range(transactions - 1)
            )


def partner_file(work: Path, size_mb: int) -> Path:
    """A partner's file of at least `size_mb` MB, made by bench_iati's generator (schema-valid)."""
    import bench_iati

    from tcdesk.portfolio.iati import write_activities

    whole = work / "partner-whole.xml"
    if not whole.exists() or whole.stat().st_size < size_mb * 1_000_000:
        count = max(200, size_mb * 105)  # about 10 kB an activity with 20 transactions
        with whole.open("wb") as stream:
            write_activities(stream, bench_iati.synthetic_activities(count, 20), validate=False, check_rules=False)
    path = work / f"partner-{size_mb}.xml"
    bench_iati.cut_at_activity(whole, path, size_mb * 1_000_000)
    return path


# --- the measured work (run in a child process) -------------------------------------------------


def _status_kib(field: str) -> int:
    """VmRSS (resident now) or VmHWM (its peak) of this process, in KiB. Not ru_maxrss: on Linux that
    keeps the parent's resident size at fork across exec, and the driver holds the set-up's memory."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    return 0


def child(scenario: str, path: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings_test")
    import django

    django.setup()
    from lxml import etree

    from tcdesk.accounts.choices import Role
    from tcdesk.accounts.models import User
    from tcdesk.accounts.services import role_assign
    from tcdesk.portfolio import publishing, services
    from tcdesk.portfolio.iati import get_schema, read_activities
    from tcdesk.portfolio.iati.build import build_activity
    from tcdesk.portfolio.models import Project

    # A warm server process: the schema compiled, the code paths imported and run once on one item.
    get_schema("activities")
    first = Project.objects.order_by("pk").values_list("pk", flat=True)[:1]
    for activity in publishing.project_activities(Project.objects.filter(pk__in=list(first))):
        build_activity(activity)
    list(read_activities(ROOT / "tcdesk/portfolio/iati/tests/fixtures/iati-activity-standard-example-2.03.xml"))
    import tcdesk.assistance.services  # noqa: F401

    officer = None
    if scenario == "import":
        officer, created = User.objects.get_or_create(username="bench-officer")
        if created:
            role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    before = _status_kib("VmRSS")
    start, cpu_start = time.perf_counter(), time.process_time()
    extra: dict = {}
    if scenario == "read":
        extra["transactions"] = sum(len(a.transactions) for a in publishing.project_activities())
    elif scenario == "baseline":
        root = etree.Element("iati-activities", {"version": "2.03", "generated-datetime": "2024-06-01T00:00:00+00:00"})
        for activity in publishing.project_activities():
            root.append(build_activity(activity))
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        path.write_bytes(data)
        extra["bytes"] = len(data)
    elif scenario == "export":
        summary = publishing.export_file(path)
        extra.update(bytes=summary.bytes, transactions=summary.transactions)
    elif scenario == "baseline-parse":
        extra["activities"] = len(etree.parse(str(path)).getroot())
    elif scenario == "import":
        result = services.iati_import(actor=officer, source=str(path), file_name=path.name)
        if not result["ok"]:
            raise SystemExit(json.dumps(result["errors"][:3]))
        extra.update(activities=result["activities"], created=result["created"], updated=result["updated"])
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = _status_kib("VmHWM")
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": max(peak - before, 0) / 1024, **extra}))


def measure(scenario: str, path: Path, url: str) -> dict:
    command = [sys.executable, __file__, "--child", scenario, "--path", str(path)]
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{scenario} failed:\n{done.stderr[-3000:]}{done.stdout[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the driver ---------------------------------------------------------------------------------


def row(label: str, size: str, result: dict, base: dict) -> str:
    return (
        f"  {size:>12} {label:<9} {result['seconds']:>7.2f} {result['cpu']:>7.2f} {result['cpu'] / base['cpu']:>6.2f}x"
        f" {result['peak_mib']:>9.1f} {result['peak_mib'] / max(base['peak_mib'], 0.1):>6.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", default="1000,10000", help="comma-separated project counts to export")
    parser.add_argument("--transactions", type=int, default=20, help="ledger transactions per project")
    parser.add_argument("--import-mb", default="10,100", help="comma-separated sizes of the files to import")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.path))
        return
    os.environ["BENCH_ORIGINAL_URL"] = os.environ.get("DATABASE_URL", "")
    work = Path(tempfile.mkdtemp(prefix="bench-portfolio-"))
    url = ""
    try:
        started = time.perf_counter()
        label, url = setup_database(work)
        print(f"Database: {label}")
        header = f"  {'size':>12} {'scenario':<9} {'wall s':>7} {'CPU s':>7} {'× base':>7}"
        header += f" {'peak MiB':>9} {'× base':>7}"
        print(f"Export: projects with {args.transactions} ledger transactions, 3 budgets, 1 result by sex each")
        print(header)
        peaks: dict[str, list[float]] = {}
        out = work / "export.xml"
        for count in [int(n) for n in args.projects.split(",")]:
            filled = time.perf_counter()
            fill_portfolio(count, args.transactions)
            setup = time.perf_counter() - filled
            base = measure("baseline", out, url)
            results = {"read": measure("read", out, url), "baseline": base, "export": measure("export", out, url)}
            size = f"{count} p"
            for name, result in results.items():
                peaks.setdefault(name, []).append(result["peak_mib"])
                print(row(name, size, result, base))
            net = {name: r["cpu"] - results["read"]["cpu"] for name, r in results.items()}
            print(
                f"  {'':>12} {count * args.transactions} transactions, file {results['export']['bytes'] / 1e6:.1f} MB;"
                f" set-up {setup:.0f} s; without the database read: export/baseline"
                f" {net['export'] / max(net['baseline'], 0.01):.2f}x"
            )
        if len(peaks["export"]) > 1:
            growth = ", ".join(f"{name} ×{v[-1] / max(v[0], 0.1):.1f}" for name, v in peaks.items())
            print(f"  peak memory growth from the first to the last size: {growth}")
        print("Import: partners' files (bench_iati's generator), each into the same database")
        print(header)
        for size_mb in [int(n) for n in args.import_mb.split(",")]:
            path = partner_file(work, size_mb)
            base = measure("baseline-parse", path, url)
            result = measure("import", path, url)
            size = f"{path.stat().st_size / 1e6:.1f} MB"
            print(row("baseline", size, base, base))
            print(row("import", size, result, base))
            print(
                f"  {'':>12} {result['activities']} activities"
                f" ({result['created']} created, {result['updated']} updated),"
                f" {path.stat().st_size / 1e6 / result['seconds']:.2f} MB/s wall"
            )
            path.unlink()
        print(f"total {time.perf_counter() - started:.0f} s")
    finally:
        drop_database(url)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
