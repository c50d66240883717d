"""IATI 2.03 export and import: time and peak memory against lxml alone (no Django needed).

Run: .venv/bin/python bench/bench_iati.py [--activities 1000,10000] [--transactions 20] [--import-mb 10,100]

Export. A deterministic generator yields synthetic projects (bilingual texts, 3 organisations,
2 countries, 2 sectors, the gender marker, 3 yearly budgets, `--transactions` transactions, a result
by sex), one at a time, as a database iterator would. Timed on the same activities:
  baseline  lxml alone: every activity's element (`build_activity`) appended to one root, the whole
            tree serialised with `etree.tostring` and written to a file. The baseline shares the
            element builder, so the ratios isolate what streaming, validation and the export add;
            absolute throughputs are printed too.
  stream    `write_activities(validate=False, check_rules=False)`: incremental `etree.xmlfile`.
  checked   `write_activities()`: each activity also validated against the schema and the IATI rules
            (measured at the first size only).
  export    `export_activities()`: streaming write with the IATI rules to a temporary file, that file
            validated against the schema (streaming), then renamed into place: what an export does.
Import. The largest export's file is cut after the first activity ending past `--import-mb` MB (and
its root closed), then read by:
  baseline  lxml alone: `etree.parse` of the whole file (a tree in memory, nothing else).
  iterparse lxml alone, streaming: `etree.iterparse` of the activities, each cleared (no validation).
  read      `read_activities()`: streaming parse, each activity validated and turned into dataclasses.

Each measurement runs in a fresh subprocess, so that its peak resident memory (ru_maxrss) is its
own; "peak" is that peak minus the resident size just before the timed work (after imports and
compiling the schema). Both wall-clock (`time.perf_counter`) and CPU time (`time.process_time`) of
the work are printed; ratios ("× base") and throughputs use CPU time, which other processes on a
shared machine disturb less than wall-clock time. Small sizes keep the least CPU of `--rounds`
runs, large ones a single run, to keep the whole bench within a few minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from tcdesk.portfolio.iati import (  # noqa: E402
    Activity,
    ActivityStatus,
    Baseline,
    Budget,
    Description,
    DescriptionType,
    Dimension,
    Indicator,
    IndicatorMeasure,
    Money,
    Narrative,
    OrganisationRole,
    ParticipatingOrg,
    PolicyMarker,
    PolicySignificance,
    RecipientCountry,
    ReportingOrg,
    Result,
    ResultPeriod,
    ResultType,
    ResultValue,
    Sector,
    Transaction,
    TransactionOrg,
    TransactionType,
    export_activities,
    get_schema,
    read_activities,
    write_activities,
)
from tcdesk.portfolio.iati.build import build_activity  # noqa: E402

ORG = "XI-IATI-TCDESK"
SMALL_WORK = 50_000  # transactions: measurements up to this size are repeated `--rounds` times
COUNTRIES = ["ML", "NE", "BF", "CO", "UA", "NG", "KE", "PE", "PH", "TN"]
SECTORS = ["15130", "15190", "15113", "15210", "16063", "15220"]
TYPES = (
    [TransactionType.INCOMING_FUNDS, TransactionType.OUTGOING_COMMITMENT]
    + [TransactionType.DISBURSEMENT] * 12
    + [TransactionType.EXPENDITURE] * 6
)


def synthetic_activities(count: int, transactions: int) -> Iterator[Activity]:
    """Deterministic synthetic projects that pass the schema and the IATI rules (made up, not real)."""
    reporting = ReportingOrg(ref=ORG, type="40", names=(Narrative("Programme"), Narrative("Programme (fr)", "fr")))
    donor = TransactionOrg(ref="XM-DAC-8-1", type="10", names=(Narrative("Norway"),))
    us = TransactionOrg(ref=ORG, type="40", names=(Narrative("Programme"),))
    for number in range(count):
        start = dt.date(2020, 1, 1) + dt.timedelta(days=number % 365)
        country_a, country_b = COUNTRIES[number % 10], COUNTRIES[(number + 3) % 10]
        partner = TransactionOrg(
            ref=f"XM-DAC-{41100 + number % 50}", type="40", names=(Narrative(f"Implementing partner {number % 50}"),)
        )
        items = []
        for index in range(transactions):
            kind = TYPES[index % len(TYPES)]
            date = start + dt.timedelta(days=45 * index)
            incoming = kind in (TransactionType.INCOMING_FUNDS, TransactionType.INCOMING_COMMITMENT)
            items.append(
                Transaction(
                    type=kind,
                    date=date,
                    value=Money(amount=Decimal(1000 + (number * 37 + index * 101) % 90000) / 4, value_date=date),
                    ref=f"LEDGER-{number:06d}-{index:03d}",
                    description=(Narrative(f"{kind.name.replace('_', ' ').capitalize()} {date:%Y-%m}"),),
                    provider_org=donor if incoming else us,
                    receiver_org=us if incoming else partner,
                )
            )
        by_sex = (
            ResultValue(value=str(20 + number % 7), dimensions=(Dimension(name="sex", value="female"),)),
            ResultValue(value=str(22 + number % 5), dimensions=(Dimension(name="sex", value="male"),)),
        )
        yield Activity(
            identifier=f"{ORG}-P{number:06d}",
            reporting_org=reporting,
            title=(
                Narrative(f"Criminal justice responses to trafficking in persons, project {number}"),
                Narrative(f"Réponse de la justice pénale à la traite des personnes, projet {number}", "fr"),
            ),
            descriptions=(
                Description(
                    type=DescriptionType.GENERAL,
                    texts=(
                        Narrative("Training of judges, prosecutors and police; legislative assistance."),
                        Narrative("Formation de juges, de procureurs et de policiers ; assistance législative.", "fr"),
                    ),
                ),
            ),
            participating_orgs=(
                ParticipatingOrg(role=OrganisationRole.FUNDING, ref="XM-DAC-8-1", type="10", names=donor.names),
                ParticipatingOrg(role=OrganisationRole.EXTENDING, ref=ORG, type="40", names=us.names),
                ParticipatingOrg(role=OrganisationRole.IMPLEMENTING, ref=partner.ref, type="40", names=partner.names),
            ),
            status=ActivityStatus.IMPLEMENTATION,
            planned_start=start,
            actual_start=start + dt.timedelta(days=10),
            planned_end=start + dt.timedelta(days=3 * 365),
            recipient_countries=(
                RecipientCountry(code=country_a, percentage=Decimal(60)),
                RecipientCountry(code=country_b, percentage=Decimal(40)),
            ),
            sectors=(
                Sector(code=SECTORS[number % 6], percentage=Decimal("75.5")),
                Sector(code=SECTORS[(number + 1) % 6], percentage=Decimal("24.5")),
            ),
            policy_markers=(PolicyMarker(code="1", significance=PolicySignificance(number % 3)),),
            default_flow_type="10",
            default_finance_type="110",
            budgets=tuple(
                Budget(
                    period_start=dt.date(year, 1, 1),
                    period_end=dt.date(year, 12, 31),
                    value=Money(amount=Decimal(250000 + number % 1000), value_date=dt.date(year, 1, 1)),
                )
                for year in (2021, 2022, 2023)
            ),
            transactions=tuple(items),
            results=(
                Result(
                    type=ResultType.OUTPUT,
                    title=(Narrative("Judges and prosecutors trained"), Narrative("Juges et procureurs formés", "fr")),
                    indicators=(
                        Indicator(
                            measure=IndicatorMeasure.UNIT,
                            title=(Narrative("People trained, by sex"),),
                            baselines=(Baseline(year=2020, value="0"),),
                            periods=(
                                ResultPeriod(
                                    start=dt.date(2021, 1, 1),
                                    end=dt.date(2021, 12, 31),
                                    targets=by_sex,
                                    actuals=by_sex,
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            default_currency="USD",
            lang="en",
            last_updated=dt.datetime(2024, 6, 1, tzinfo=dt.UTC),
            hierarchy=2,
        )


# --- the measured work (run in a child process) -------------------------------------------------


def run_baseline_export(count: int, transactions: int, out: Path) -> dict:
    root = etree.Element("iati-activities", {"version": "2.03", "generated-datetime": "2024-06-01T00:00:00+00:00"})
    for activity in synthetic_activities(count, transactions):
        root.append(build_activity(activity))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    out.write_bytes(data)
    return {"bytes": len(data)}


def run_stream(count: int, transactions: int, out: Path, *, checked: bool) -> dict:
    with out.open("wb") as stream:
        summary = write_activities(
            stream, synthetic_activities(count, transactions), validate=checked, check_rules=checked
        )
    return {"bytes": out.stat().st_size, "transactions": summary.transactions}


def run_export(count: int, transactions: int, out: Path) -> dict:
    summary = export_activities(out, synthetic_activities(count, transactions))
    return {"bytes": summary.bytes, "transactions": summary.transactions}


def run_generate(count: int, transactions: int) -> dict:
    total = sum(len(activity.transactions) for activity in synthetic_activities(count, transactions))
    return {"transactions": total}


def run_parse_baseline(path: Path) -> dict:
    tree = etree.parse(str(path))
    return {"activities": len(tree.getroot())}


def run_iterparse(path: Path) -> dict:
    count = 0
    for _event, element in etree.iterparse(str(path), events=("end",), tag="iati-activity"):
        count += 1
        element.clear(keep_tail=False)
        while element.getprevious() is not None:
            del element.getparent()[0]
    return {"activities": count}


def run_read(path: Path) -> dict:
    count = transactions = 0
    for activity in read_activities(path):
        count += 1
        transactions += len(activity.transactions)
    return {"activities": count, "transactions": transactions}


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def child(args: argparse.Namespace) -> None:
    get_schema("activities")  # compiled before the clock starts, like a warm server process
    out = Path(args.path)
    before = _rss_kib()
    start, cpu_start = time.perf_counter(), time.process_time()
    if args.scenario == "generate":
        extra = run_generate(args.count, args.transactions)
    elif args.scenario == "baseline-export":
        extra = run_baseline_export(args.count, args.transactions, out)
    elif args.scenario in ("stream", "checked"):
        extra = run_stream(args.count, args.transactions, out, checked=args.scenario == "checked")
    elif args.scenario == "export":
        extra = run_export(args.count, args.transactions, out)
    elif args.scenario == "baseline-parse":
        extra = run_parse_baseline(out)
    elif args.scenario == "iterparse":
        extra = run_iterparse(out)
    elif args.scenario == "read":
        extra = run_read(out)
    else:
        raise SystemExit(f"unknown scenario {args.scenario}")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": max(peak - before, 0) / 1024, **extra}))


# --- the driver ---------------------------------------------------------------------------------


def measure(scenario: str, *, count: int = 0, transactions: int = 0, path: Path, rounds: int = 1) -> dict:
    best = None
    for _ in range(rounds):
        command = [sys.executable, __file__, "--child", scenario, "--count", str(count)]
        command += ["--transactions", str(transactions), "--path", str(path)]
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        if best is None or result["cpu"] < best["cpu"]:
            best = result
    return best


def same_document(first: Path, second: Path) -> bool:
    """The two exports hold the same elements (indentation and generated-datetime aside)."""
    parser = etree.XMLParser(remove_blank_text=True)
    trees = [etree.parse(str(path), parser).getroot() for path in (first, second)]
    for root in trees:
        root.attrib.pop("generated-datetime")
    return etree.tostring(trees[0], method="c14n") == etree.tostring(trees[1], method="c14n")


def export_section(counts: list[int], transactions: int, work: Path, rounds: int) -> Path:
    """Print the export table; return the largest export's file (kept for the import section)."""
    print(f"Export: synthetic projects with {transactions} transactions, 3 budgets, 1 result each")
    baseline_file, stream_file = work / "baseline.xml", work / "stream.xml"
    measure("baseline-export", count=50, transactions=transactions, path=baseline_file)
    measure("stream", count=50, transactions=transactions, path=stream_file)
    print(
        f"  check: streaming output has the same elements as the baseline: {same_document(baseline_file, stream_file)}"
    )
    header = f"  {'activities':>10} {'txns':>8} {'scenario':<9} {'wall s':>7} {'CPU s':>7} {'× base':>7} {'act/s':>7}"
    print(header + f" {'MB/s':>6} {'peak MiB':>9} {'× base':>7}")
    peaks: dict[str, list[float]] = {}
    for position, count in enumerate(counts):
        repeat = rounds if count * transactions <= SMALL_WORK else 1
        options = {"count": count, "transactions": transactions, "rounds": repeat}
        generate = measure("generate", path=work / "none", **options)
        base = measure("baseline-export", path=baseline_file, **options)
        size = base["bytes"]
        rows = [("baseline", base)]
        # "checked" (the writer validating in memory, as a streamed HTTP response would) only on the first size.
        scenarios = ("stream", "checked", "export") if position == 0 else ("stream", "export")
        for scenario in scenarios:
            rows.append((scenario, measure(scenario, path=stream_file, **options)))
        for scenario, result in rows:
            peaks.setdefault(scenario, []).append(result["peak_mib"])
            print(
                f"  {count:>10} {count * transactions:>8} {scenario:<9} {result['seconds']:>7.2f} {result['cpu']:>7.2f}"
                f" {result['cpu'] / base['cpu']:>6.2f}x {count / result['cpu']:>7.0f}"
                f" {result.get('bytes', size) / 1e6 / result['cpu']:>6.1f} {result['peak_mib']:>9.1f}"
                f" {result['peak_mib'] / max(base['peak_mib'], 0.1):>6.2f}x"
            )
        net = {name: result["cpu"] - generate["cpu"] for name, result in rows}
        print(
            f"  {'':>10} {'':>8} file {size / 1e6:.1f} MB (baseline's indentation); best of {repeat};"
            f" making the activities alone takes {generate['cpu']:.2f} CPU s; without it: "
            + ", ".join(f"{name}/baseline {net[name] / net['baseline']:.2f}x" for name, _ in rows[1:])
        )
        baseline_file.unlink(missing_ok=True)
    if len(counts) > 1:
        growth = ", ".join(
            f"{name} ×{values[-1] / max(values[0], 0.1):.1f}" for name, values in peaks.items() if len(values) > 1
        )
        print(f"  peak memory growth from {counts[0]} to {counts[-1]} activities: {growth}")
    return stream_file


def cut_at_activity(source: Path, destination: Path, size: int) -> None:
    """Copy `source` up to the first end of an activity after `size` bytes, then close the root."""
    marker = b"</iati-activity>"
    with source.open("rb") as reader, destination.open("wb") as writer:
        written = 0
        while chunk := reader.read(1 << 20):
            end = chunk.find(marker, max(0, size - written - len(marker)))
            if written + len(chunk) >= size and end >= 0:
                writer.write(chunk[: end + len(marker)])
                break
            writer.write(chunk)
            written += len(chunk)
        writer.write(b"\n</iati-activities>\n")


def import_section(sizes_mb: list[int], source: Path, work: Path, rounds: int) -> None:
    total = source.stat().st_size / 1e6
    print(f"Import: the {total:.0f} MB export cut after the activity that ends past each size")
    header = f"  {'file MB':>8} {'activities':>10} {'scenario':<9} {'wall s':>7} {'CPU s':>7} {'× base':>7} {'MB/s':>6}"
    print(header + f" {'peak MiB':>9} {'× base':>7}")
    peaks: dict[str, list[float]] = {}
    for size_mb in sizes_mb:
        path = work / f"import-{size_mb}.xml"
        cut_at_activity(source, path, size_mb * 1_000_000)
        size = path.stat().st_size
        repeat = rounds if size <= SMALL_WORK * 700 else 1
        base = measure("baseline-parse", path=path, rounds=repeat)
        for scenario in ("baseline-parse", "iterparse", "read"):
            result = base if scenario == "baseline-parse" else measure(scenario, path=path, rounds=repeat)
            label = "baseline" if scenario == "baseline-parse" else scenario
            peaks.setdefault(label, []).append(result["peak_mib"])
            print(
                f"  {size / 1e6:>8.1f} {base['activities']:>10} {label:<9}"
                f" {result['seconds']:>7.2f} {result['cpu']:>7.2f}"
                f" {result['cpu'] / base['cpu']:>6.2f}x {size / 1e6 / result['cpu']:>6.1f}"
                f" {result['peak_mib']:>9.1f} {result['peak_mib'] / max(base['peak_mib'], 0.1):>6.2f}x"
            )
        path.unlink()
    if len(sizes_mb) > 1:
        growth = ", ".join(f"{name} ×{values[-1] / max(values[0], 0.1):.1f}" for name, values in peaks.items())
        print(f"  peak memory growth from {sizes_mb[0]} MB to {sizes_mb[-1]} MB: {growth}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", default="1000,10000", help="comma-separated activity counts to export")
    parser.add_argument("--transactions", type=int, default=20, help="transactions per activity")
    parser.add_argument("--import-mb", default="10,100", help="comma-separated sizes of the files to import")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each small measurement (least CPU kept)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.scenario = args.child
        child(args)
        return
    print(
        f"Python {sys.version.split()[0]}, lxml {etree.__version__}, libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}"
    )
    work = Path(tempfile.mkdtemp(prefix="bench-iati-"))
    try:
        started = time.perf_counter()
        exported = export_section([int(n) for n in args.activities.split(",")], args.transactions, work, args.rounds)
        import_section([int(n) for n in args.import_mb.split(",")], exported, work, args.rounds)
        print(f"total {time.perf_counter() - started:.0f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
