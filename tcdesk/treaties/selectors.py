"""Reads of treaty participation that pages, the API, commands and other apps share.

Status at a date is computed in Python by `participation.status_as_of` over the stored actions;
every function here loads the actions it needs in one query, so costs do not grow in queries
with the number of States or instruments.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tcdesk.accounts import rules
from tcdesk.core.access import load_for_user
from tcdesk.core.models import Country, CountryGroup, Organisation, Region
from tcdesk.core.selectors import members_by_group

from .choices import CountryStatus, ImportOutcome
from .models import Instrument, ParticipationAction, StatusImport
from .participation import Action, InstrumentRules, StatusAsOf, count_states, effective_date, status_as_of
from .status_formats.parsed import CONSENT_ACTIONS, EXIT_ACTIONS

# --- Loading ------------------------------------------------------------------------------------


def get_instrument(code_or_ref: str) -> Instrument:
    """An instrument by tcdesk code (`ICSANT`, case-insensitive) or treaty collection reference (`XVIII-15`)."""
    key = (code_or_ref or "").strip()
    found = (
        Instrument.objects.filter(code__iexact=key).first() or Instrument.objects.filter(untc_ref__iexact=key).first()
    )
    if found is None:
        raise Instrument.DoesNotExist(f"unknown instrument '{key}' (give a tcdesk code or a reference like XVIII-15)")
    return found


def get_instrument_for_user(user: Any, code: str, action: rules.Action | None = None) -> Instrument:
    """The instrument by its tcdesk code, for `action` (default: read): 404 or 403."""
    return load_for_user(user, Instrument.objects.select_related("parent"), action, code=code)


def get_import_for_user(user: Any, pk: int, action: rules.Action | None = None) -> StatusImport:
    return load_for_user(user, StatusImport.objects.select_related("instrument", "uploaded_by"), action, pk=pk)


def rules_by_code(instruments: Iterable[Instrument]) -> dict[str, InstrumentRules]:
    return {instrument.code: instrument.rules() for instrument in instruments}


def stored_actions(
    instrument_codes: Iterable[str] | None = None, *, country_iso3: str | None = None
) -> dict[str, list[Action]]:
    """Recorded actions as pure `Action`s per instrument code, in one query."""
    queryset = ParticipationAction.objects.all()
    if instrument_codes is not None:
        queryset = queryset.filter(instrument_id__in=list(instrument_codes))
    if country_iso3 is not None:
        queryset = queryset.filter(country_id=country_iso3)
    rows = queryset.values_list(
        "instrument_id", "country_id", "organisation__code", "action", "date", "effective_from"
    ).order_by()
    by_code: dict[str, list[Action]] = defaultdict(list)
    for code, iso3, org_code, action, day, effective_from in rows:
        by_code[code].append(
            Action(
                participant_key=iso3 or org_code,
                action=action,
                date=day,
                is_state=iso3 is not None,
                effective_from=effective_from,
            )
        )
    return by_code


# --- How far the data goes -------------------------------------------------------------------------


@dataclass(frozen=True)
class DataCoverage:
    """The date an instrument's recorded participation is complete to, and what else limits it.

    `as_of` is the "as of" date of the newest applied import that gave one (None: no dated import).
    Status on a later date may miss actions; `partial` data misses participants even on `as_of`;
    `synthetic` data is invented for the demo.
    """

    instrument: str
    as_of: dt.date | None = None
    partial: bool = False
    partial_note: str = ""
    source: str = ""
    import_id: int | None = None
    synthetic: bool = False
    has_actions: bool = False

    def complete_on(self, day: dt.date) -> bool:
        return self.as_of is not None and day <= self.as_of and not self.partial and not self.synthetic

    def warnings(self, day: dt.date) -> list[str]:
        """Why the status on `day` may be incomplete or not real, in the active language (empty: complete)."""
        found = []
        if not self.has_actions:
            found.append(_("No participation data is recorded for this instrument."))
        elif self.as_of is None:
            found.append(
                _("No dated status table has been imported for this instrument: the date its data is as of is unknown.")
            )
        elif day > self.as_of:
            found.append(
                _(
                    "The data is as of %(as_of)s: the status on %(day)s may be incomplete "
                    "(later actions are not recorded)."
                )
                % {"as_of": date_format(self.as_of, "j F Y"), "day": date_format(day, "j F Y")}
            )
        if self.partial:
            found.append(
                _("The imported table is partial (%(note)s): some participants are missing even on %(as_of)s.")
                % {"note": self.partial_note or _("known gaps"), "as_of": date_format(self.as_of, "j F Y")}
                if self.as_of
                else _("The imported table is partial: some participants are missing.")
            )
        if self.synthetic:
            found.append(_("Some of the participation shown is synthetic demo data, not real."))
        return found

    def document(self, day: dt.date) -> dict:
        """The keys every status answer carries: data_as_of, complete, and why not."""
        warnings = self.warnings(day)
        return {
            "data_as_of": self.as_of.isoformat() if self.as_of else None,
            "complete": self.complete_on(day),
            "partial": self.partial,
            "synthetic": self.synthetic,
            "source": self.source,
            "warning": " ".join(warnings) or None,
        }


def data_coverage(instrument_codes: Iterable[str]) -> dict[str, DataCoverage]:
    """Coverage of each instrument code, in three queries whatever the number of instruments."""
    codes = list(instrument_codes)
    newest = {}
    imports = (
        StatusImport.objects.filter(instrument_id__in=codes, outcome=ImportOutcome.APPLIED, data_as_of__isnull=False)
        .order_by("instrument_id", "-data_as_of", "-at", "-pk")
        .only("pk", "instrument_id", "data_as_of", "partial", "partial_note", "source")
    )
    for record in imports:
        newest.setdefault(record.instrument_id, record)
    # order_by(): the model's default ordering would put its columns into the DISTINCT, which would then
    # return every action (thousands of rows) instead of one row per instrument.
    actions = ParticipationAction.objects.filter(instrument_id__in=codes).order_by()
    with_actions = set(actions.values_list("instrument_id", flat=True).distinct())
    synthetic = set(actions.filter(synthetic=True).values_list("instrument_id", flat=True).distinct())
    coverage = {}
    for code in codes:
        record = newest.get(code)
        coverage[code] = DataCoverage(
            instrument=code,
            as_of=record.data_as_of if record else None,
            partial=record.partial if record else False,
            partial_note=record.partial_note if record else "",
            source=record.source if record else "",
            import_id=record.pk if record else None,
            synthetic=code in synthetic,
            has_actions=code in with_actions,
        )
    return coverage


def coverage_of(instrument: Instrument) -> DataCoverage:
    return data_coverage([instrument.code])[instrument.code]


# --- Status of one instrument ---------------------------------------------------------------------


def status_for_instrument(instrument: Instrument, as_of: dt.date) -> StatusAsOf:
    """Parties (with the date their party status began), signatories, pending consents on `as_of`."""
    actions = stored_actions([instrument.code]).get(instrument.code, [])
    return status_as_of(instrument.rules(), actions, as_of)


def status_document(instrument: Instrument, as_of: dt.date) -> dict:
    """The `tcdesk treaty_status --json` document (also the API's): States only in parties/signatories."""
    status = status_for_instrument(instrument, as_of)
    orgs = status.organisations
    return {
        "instrument": instrument.code,
        "as_of": as_of.isoformat(),
        "parties": sorted(k for k in status.parties if k not in orgs),
        "signatories": sorted(k for k in status.signatories if k not in orgs),
        "party_since": {k: v.isoformat() for k, v in sorted(status.parties.items()) if k not in orgs},
        "pending": {k: (v.isoformat() if v else None) for k, v in sorted(status.pending.items()) if k not in orgs},
        "organisations": {
            "parties": sorted(k for k in status.parties if k in orgs),
            "signatories": sorted(k for k in status.signatories if k in orgs),
        },
        "counts": {"parties": count_states(status), "signatories": len(status.signatories - orgs)},
        **coverage_of(instrument).document(as_of),
    }


def party_counts(instruments: list[Instrument], as_of: dt.date) -> dict[str, tuple[int, int]]:
    """(State parties, State signatories) per instrument code on `as_of`, in one query for all."""
    actions = stored_actions([i.code for i in instruments])
    counts = {}
    for instrument in instruments:
        status = status_as_of(instrument.rules(), actions.get(instrument.code, []), as_of)
        counts[instrument.code] = (count_states(status), len(status.signatories - status.organisations))
    return counts


def parties_over_time(instrument: Instrument, until: dt.date) -> list[tuple[dt.date, int]]:
    """Number of State parties after each change, from the first effective consent to `until`."""
    rules = instrument.rules()
    actions = stored_actions([instrument.code]).get(instrument.code, [])
    days = set()
    for action in actions:
        if action.action in CONSENT_ACTIONS or action.action in EXIT_ACTIONS:
            effect = effective_date(rules, action)
            for day in (effect, action.date):
                if day and day <= until:
                    days.add(day)
    series = []
    last = None
    for day in sorted(days):
        count = count_states(status_as_of(rules, actions, day))
        if count != last:
            series.append((day, count))
            last = count
    if series and series[-1][0] != until:
        series.append((until, series[-1][1]))
    return series


# --- One State across instruments ---------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    status: str  # CountryStatus value
    since: dt.date | None = None  # party: effective date; pending: expected effect; former: exit effect

    @property
    def label(self):
        return CountryStatus(self.status).label


NONE_CELL = Cell(CountryStatus.NONE)


def _cell(status: StatusAsOf, key: str) -> Cell:
    if key in status.parties:
        return Cell(CountryStatus.PARTY, status.parties[key])
    if key in status.pending:
        return Cell(CountryStatus.PENDING, status.pending[key])
    if key in status.signatories:
        return Cell(CountryStatus.SIGNATORY)
    if key in status.former_parties:
        return Cell(CountryStatus.FORMER, status.former_parties[key])
    return NONE_CELL


def instruments_party_as_of(country_iso3: str, as_of: dt.date) -> set[str]:
    """Codes of the instruments a State was party to on a date (two queries)."""
    iso3 = country_iso3.upper()
    actions = stored_actions(country_iso3=iso3)
    instruments = Instrument.objects.filter(code__in=list(actions))
    return {
        instrument.code
        for instrument in instruments
        if iso3 in status_as_of(instrument.rules(), actions[instrument.code], as_of).parties
    }


@dataclass
class CountryRowEntry:
    instrument: Instrument
    cell: Cell
    actions: list[ParticipationAction]
    coverage: DataCoverage


def country_row(
    country: Country, as_of: dt.date, instruments: Iterable[Instrument] | None = None
) -> list[CountryRowEntry]:
    """A State's status for every instrument on `as_of`, with its recorded actions and data coverage."""
    instruments = list(instruments if instruments is not None else Instrument.objects.all())
    records: dict[str, list[ParticipationAction]] = defaultdict(list)
    for record in ParticipationAction.objects.filter(country=country).order_by("date", "pk"):
        records[record.instrument_id].append(record)
    coverage = data_coverage([i.code for i in instruments])
    row = []
    for instrument in instruments:
        own = records.get(instrument.code, [])
        actions = [Action(country.iso3, a.action, a.date, is_state=True, effective_from=a.effective_from) for a in own]
        status = status_as_of(instrument.rules(), actions, as_of)
        row.append(
            CountryRowEntry(
                instrument,
                _cell(status, country.iso3),
                [a for a in own if a.date <= as_of],
                coverage[instrument.code],
            )
        )
    return row


# --- Matrix ---------------------------------------------------------------------------------------


@dataclass
class StatusMatrix:
    as_of: dt.date
    instruments: list[Instrument]
    countries: list[Country]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (iso3, code) -> cell
    organisations: dict[str, dict[str, Cell]] = field(default_factory=dict)  # org key -> code -> cell
    coverage: dict[str, DataCoverage] = field(default_factory=dict)  # code -> how far its data goes

    def incomplete(self) -> list[tuple[Instrument, list[str]]]:
        """Instruments whose status on the matrix date may be incomplete or not real, with why."""
        out = []
        for instrument in self.instruments:
            coverage = self.coverage.get(instrument.code)
            if coverage is not None and not coverage.complete_on(self.as_of):
                out.append((instrument, coverage.warnings(self.as_of)))
        return out

    def cell(self, iso3: str, code: str) -> Cell:
        return self.cells.get((iso3, code), NONE_CELL)

    def rows(self) -> list[tuple[Country, list[Cell]]]:
        return [(c, [self.cell(c.iso3, i.code) for i in self.instruments]) for c in self.countries]

    def totals(self) -> list[tuple[Instrument, int, int]]:
        """Per instrument: parties and signatories among the selected States."""
        out = []
        for instrument in self.instruments:
            cells = [self.cell(c.iso3, instrument.code).status for c in self.countries]
            out.append((instrument, cells.count(CountryStatus.PARTY), cells.count(CountryStatus.SIGNATORY)))
        return out

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "instruments": [i.code for i in self.instruments],
            "rows": [
                {
                    "iso3": country.iso3,
                    "name": country.name,
                    "status": {i.code: cell.status for i, cell in zip(self.instruments, cells, strict=True)},
                    "party_since": {
                        i.code: cell.since.isoformat()
                        for i, cell in zip(self.instruments, cells, strict=True)
                        if cell.status == CountryStatus.PARTY and cell.since
                    },
                }
                for country, cells in self.rows()
            ],
            "totals": {i.code: {"parties": p, "signatories": s} for i, p, s in self.totals()},
            "data": {code: coverage.document(self.as_of) for code, coverage in self.coverage.items()},
            "complete": all(c.complete_on(self.as_of) for c in self.coverage.values()),
        }


def status_matrix(
    as_of: dt.date,
    countries_qs: QuerySet[Country] | None = None,
    instruments_qs: QuerySet[Instrument] | None = None,
) -> StatusMatrix:
    """States × instruments on `as_of` in a fixed number of queries (instruments, countries, actions, coverage)."""
    instruments = list(instruments_qs if instruments_qs is not None else Instrument.objects.all())
    countries = list(countries_qs if countries_qs is not None else Country.objects.all())
    wanted = {c.iso3 for c in countries}
    actions = stored_actions([i.code for i in instruments])
    matrix = StatusMatrix(
        as_of=as_of, instruments=instruments, countries=countries, coverage=data_coverage([i.code for i in instruments])
    )
    for instrument in instruments:
        status = status_as_of(instrument.rules(), actions.get(instrument.code, []), as_of)
        keys = set(status.parties) | set(status.pending) | status.signatories | set(status.former_parties)
        for key in keys:
            if key in status.organisations:
                matrix.organisations.setdefault(key, {})[instrument.code] = _cell(status, key)
            elif key in wanted:
                matrix.cells[(key, instrument.code)] = _cell(status, key)
    return matrix


# --- Coverage -------------------------------------------------------------------------------------


@dataclass
class Share:
    code: str
    name: str
    members: int
    parties: int
    signatories: int

    @property
    def percent(self) -> int:
        return round(100 * self.parties / self.members) if self.members else 0


def coverage(instrument: Instrument, as_of: dt.date) -> dict[str, list[Share]]:
    """Share of each M49 region and each country group (membership as at `as_of`) that is party."""
    status = status_for_instrument(instrument, as_of)
    countries = list(Country.objects.values_list("iso3", "region_id"))
    regions = {r.code: r for r in Region.objects.filter(level="region")}
    by_region: dict[str, list[str]] = defaultdict(list)
    for iso3, region_id in countries:
        if region_id in regions:
            by_region[region_id].append(iso3)
    groups = {g.code: g for g in CountryGroup.objects.all()}
    by_group = members_by_group(as_of)

    def share(code: str, name: str, members: Iterable[str]) -> Share:
        members = list(members)
        return Share(
            code=code,
            name=name,
            members=len(members),
            parties=sum(1 for m in members if m in status.parties),
            signatories=sum(1 for m in members if m in status.signatories),
        )

    return {
        "regions": [share(code, regions[code].name, by_region[code]) for code in sorted(by_region)],
        "groups": [share(code, groups[code].name, by_group.get(code, ())) for code in sorted(groups)],
    }


def gap_list(instrument_code: str, group_code: str, as_of: dt.date) -> list[Country]:
    """Members of a country group on `as_of` that were not party to the instrument on that date."""
    instrument = get_instrument(instrument_code)
    status = status_for_instrument(instrument, as_of)
    members = Country.objects.in_group(group_code.upper(), as_of).order_by("name_en")
    return [country for country in members if country.iso3 not in status.parties]


def map_statuses(instrument: Instrument, as_of: dt.date) -> dict[str, str]:
    """ISO numeric (M49) code -> 'party' | 'signatory' | 'none' for the world map."""
    status = status_for_instrument(instrument, as_of)
    out = {}
    for iso3, m49 in Country.objects.values_list("iso3", "m49"):
        if iso3 in status.parties:
            out[m49] = CountryStatus.PARTY.value
        elif iso3 in status.signatories or iso3 in status.pending:
            out[m49] = CountryStatus.SIGNATORY.value
        else:
            out[m49] = CountryStatus.NONE.value
    return out


def participant_names(keys: Iterable[str]) -> dict[str, str]:
    """Display names of participant keys (ISO3 codes and organisation codes) in the active language."""
    keys = set(keys)
    names = {c.iso3: c.name for c in Country.objects.filter(iso3__in=keys)}
    names.update({o.code: o.name for o in Organisation.objects.filter(code__in=keys - set(names))})
    return names
