"""Pages of the treaties app: instruments, status at a date, coverage, a State's row, the matrix, imports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tcdesk.accounts.rules import holds, require
from tcdesk.core.access import requires
from tcdesk.core.dates import as_of_param
from tcdesk.core.export import csv_response
from tcdesk.core.form_errors import add_service_errors
from tcdesk.core.history import history_entries
from tcdesk.core.models import Country, CountryGroup
from tcdesk.core.permissions import READ_HISTORY
from tcdesk.core.selectors import get_country_for_user

from . import charts, selectors, services, worldmap
from . import messages as import_messages
from .choices import CountryStatus, Family
from .filters import MatrixFilter
from .forms import ActionForm, CorrectionsForm, GapForm, StatusImportForm
from .models import Instrument, ParticipationAction, StatusImport
from .permissions import RECORD_ACTIONS, VIEW, VIEW_IMPORTS

TABS = ("overview", "status", "coverage", "imports", "history")


@requires(VIEW)
def instrument_list(request: HttpRequest) -> HttpResponse:
    as_of = as_of_param(request)
    instruments = list(Instrument.objects.for_user(request.user).select_related("parent"))
    counts = selectors.party_counts(instruments, as_of)
    coverage = selectors.data_coverage([i.code for i in instruments])
    families = []
    for family in Family:
        members = [(i, *counts[i.code], coverage[i.code]) for i in instruments if i.family == family]
        if members:
            families.append((family, members))
    incomplete = [i for i in instruments if coverage[i.code].has_actions and not coverage[i.code].complete_on(as_of)]
    return render(
        request,
        "treaties/instrument_list.html",
        {
            "families": families,
            "as_of": as_of,
            "incomplete": incomplete,
            "can_import": holds(request.user, RECORD_ACTIONS),
        },
    )


def _status_tables(instrument: Instrument, as_of: dt.date) -> dict:
    """Parties, signatories, pending and former parties on `as_of`, with names and the actions behind them."""
    status = selectors.status_for_instrument(instrument, as_of)
    records = defaultdict(list)
    for record in (
        ParticipationAction.objects.filter(instrument=instrument, date__lte=as_of)
        .select_related("country", "organisation")
        .order_by("date", "pk")
    ):
        records[record.participant_key].append(record)

    def rows(keys, extra=None):
        out = []
        for key in keys:
            actions = records.get(key, [])
            participant = actions[0].participant if actions else None
            out.append(
                {
                    "key": key,
                    "participant": participant,
                    "name": participant.name if participant else key,
                    "is_state": key not in status.organisations,
                    "actions": actions,
                    "since": (extra or {}).get(key),
                }
            )
        return sorted(out, key=lambda r: r["name"])

    return {
        "status": status,
        "parties": rows(status.parties, status.parties),
        "signatories": rows(status.signatories),
        "pending": rows(status.pending, status.pending),
        "former": rows(status.former_parties, status.former_parties),
        "state_parties": sum(1 for k in status.parties if k not in status.organisations),
        "state_signatories": len(status.signatories - status.organisations),
    }


def _map_svg(instrument: Instrument, as_of: dt.date) -> str:
    categories = selectors.map_statuses(instrument, as_of)
    names = {c.m49: c.name for c in Country.objects.only("m49", "name_en", "name_fr", "name_es")}
    legend = [
        (CountryStatus.PARTY.value, _("Party")),
        (CountryStatus.SIGNATORY.value, _("Signatory (or consent not yet in effect)")),
        (CountryStatus.NONE.value, _("Not party")),
        ("nodata", _("Not a UN Member or observer State")),
    ]
    counts = {key: list(categories.values()).count(key) for key, _label in legend}
    day = date_format(as_of, "j F Y")
    coverage = selectors.coverage_of(instrument)
    if coverage.as_of:
        title = _("%(instrument)s: status on %(date)s (data as of %(data_date)s)") % {
            "instrument": instrument.short_name,
            "date": day,
            "data_date": date_format(coverage.as_of, "j F Y"),
        }
    else:
        title = _("%(instrument)s: status on %(date)s (date of the data unknown)") % {
            "instrument": instrument.short_name,
            "date": day,
        }
    return worldmap.render_map_svg(
        categories,
        title=title,
        description=_(
            "World map coloured by participation: %(parties)s States party, %(signatories)s signatories, "
            "%(none)s not party. The tables on this page give the same information."
        )
        % {"parties": counts["party"], "signatories": counts["signatory"], "none": counts["none"]},
        legend=legend,
        names=names,
        element_id=f"map-{instrument.code.lower()}",
    )


def _chart_svg(instrument: Instrument, as_of: dt.date) -> str:
    series = selectors.parties_over_time(instrument, as_of)
    last = series[-1][1] if series else 0
    return charts.parties_over_time_svg(
        series,
        title=_("%(instrument)s: State parties over time") % {"instrument": instrument.short_name},
        description=_("Step chart of the number of State parties, reaching %(count)s on %(date)s.")
        % {"count": last, "date": date_format(as_of, "j F Y")},
        y_label=_("State parties"),
        entry_into_force=instrument.entry_into_force_on,
        entry_into_force_label=_("entry into force"),
    )


def _gaps(request: HttpRequest, instrument: Instrument, as_of: dt.date) -> dict:
    form = GapForm(request.GET or None, initial={"group": "LDC"})
    group_code = form.cleaned_data["group"].code if form.is_bound and form.is_valid() else "LDC"
    group = CountryGroup.objects.filter(code=group_code).first()
    gaps = selectors.gap_list(instrument.code, group_code, as_of) if group else []
    return {"gap_form": form, "gap_group": group, "gaps": gaps}


def _gaps_csv(instrument: Instrument, as_of: dt.date, group: CountryGroup | None, gaps: list) -> HttpResponseBase:
    """The gap list as CSV: one row per member of the group not party on the date (names in the page's
    language, codes as keys)."""
    code = group.code if group else ""
    rows: list[list] = [["iso3", "name", "group", "as_of", "instrument"]]
    rows += [[c.iso3, c.name, code, as_of.isoformat(), instrument.code] for c in gaps]
    return csv_response(rows, stem=f"gaps-{instrument.code}-{code}-{as_of.isoformat()}", stream=False)


@requires(VIEW, per_object=True)
def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    instrument = selectors.get_instrument_for_user(request.user, code)
    tab = request.GET.get("tab", "overview")
    tab = tab if tab in TABS else "overview"
    if tab == "history":
        require(request.user, READ_HISTORY)
    as_of = as_of_param(request)
    context = {
        "instrument": instrument,
        "tab": tab,
        "tabs": _tab_links(),
        "as_of": as_of,
        "can_import": holds(request.user, RECORD_ACTIONS),
        **_data_context(instrument, as_of),
    }
    if tab == "overview":
        context["children"] = list(instrument.children.all())
        context["themes"] = list(instrument.themes.all())
        context["counts"] = selectors.party_counts([instrument], as_of)[instrument.code]
    elif tab == "status":
        context.update(_status_tables(instrument, as_of))
        context["action_form"] = ActionForm()
    elif tab == "coverage":
        context.update(_gaps(request, instrument, as_of))
        if request.GET.get("format") == "csv":
            return _gaps_csv(instrument, as_of, context["gap_group"], context["gaps"])
        # The group is pushed to the URL; a history restore asks for the whole page again.
        if request.htmx and not request.htmx.history_restore_request and request.GET.get("part") == "gaps":
            return render(request, "treaties/instrument_detail.html#gaps", context)
        context["coverage"] = selectors.coverage(instrument, as_of)
        context["chart_svg"] = _chart_svg(instrument, as_of)
        context["map_svg"] = _map_svg(instrument, as_of)
    elif tab == "imports":
        context["imports"] = (
            StatusImport.objects.for_user(request.user).filter(instrument=instrument).select_related("uploaded_by")[:50]
        )
        context["import_form"] = StatusImportForm(initial={"instrument": instrument.code, "dry_run": True})
    elif tab == "history":
        context["history"] = history_entries(instrument)
    return render(request, "treaties/instrument_detail.html", context)


def _data_context(instrument: Instrument, as_of: dt.date) -> dict:
    """How far the instrument's data goes, for the note every status view shows."""
    coverage = selectors.coverage_of(instrument)
    return {"data_coverage": coverage, "data_warnings": coverage.warnings(as_of)}


def _tab_links():
    return [
        ("overview", _("Overview")),
        ("status", _("Status at a date")),
        ("coverage", _("Coverage")),
        ("imports", _("Imports")),
        ("history", _("History")),
    ]


@require_POST
@requires(RECORD_ACTIONS, per_object=True)
def action_add(request: HttpRequest, code: str) -> HttpResponse:
    instrument = selectors.get_instrument_for_user(request.user, code, RECORD_ACTIONS)
    form = ActionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_record(
                instrument=instrument,
                participant=data["participant"],
                action=data["action"],
                date=data["date"],
                effective_from=data["effective_from"],
                footnotes=data["footnotes"],
                declarations=data["declarations"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Action recorded."))
            return redirect(f"{instrument.get_absolute_url()}?tab=status")
    as_of = timezone.localdate()
    context = {
        "instrument": instrument,
        "tab": "status",
        "tabs": _tab_links(),
        "as_of": as_of,
        "can_import": True,
        "action_form": form,
        **_status_tables(instrument, as_of),
        **_data_context(instrument, as_of),
    }
    return render(request, "treaties/instrument_detail.html", context, status=422)


@requires(RECORD_ACTIONS)
def import_upload(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = StatusImportForm(request.POST, request.FILES)
        if form.is_valid():
            instrument = form.cleaned_data["instrument"]
            upload = form.cleaned_data["file"]
            data = form.cleaned_data
            result = services.status_import_run(
                instrument=instrument,
                data=upload.read(),
                filename=upload.name,
                user=request.user,
                dry_run=data["dry_run"],
                source=data["source"],
                data_as_of=data["data_as_of"],
                partial=data["partial"],
                apply_corrections=data["apply_corrections"],
            )
            if result.written:
                messages.success(request, _("Import applied."))
            return redirect("treaties:import_detail", pk=result.import_id)
        status = 422
    else:
        form = StatusImportForm(initial={"instrument": request.GET.get("instrument"), "dry_run": True})
        status = 200
    return render(request, "treaties/import_form.html", {"form": form}, status=status)


@requires(VIEW_IMPORTS, per_object=True)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.get_import_for_user(request.user, pk)
    return _import_page(request, record)


def _import_page(request: HttpRequest, record: StatusImport, *, corrections_form=None, status: int = 200):
    previous = (
        StatusImport.objects.filter(instrument=record.instrument, outcome="applied", at__lt=record.at)
        .order_by("-at")
        .first()
    )
    names = selectors.participant_names(record.new_parties)
    return render(
        request,
        "treaties/import_detail.html",
        {
            "record": record,
            "errors": import_messages.localise_errors(record.errors),
            "previous": previous,
            "new_parties": [(key, names.get(key, key)) for key in record.new_parties],
            "created_actions": record.created_actions.select_related("country", "organisation")[:500],
            "warnings": import_messages.localise_errors(record.warnings),
            "differences": [_difference_display(d) for d in record.differences],
            "can_correct": holds(request.user, RECORD_ACTIONS)
            and not record.errors
            and any(not d.get("applied") for d in record.differences),
            "corrections_form": corrections_form or CorrectionsForm(differences=record.differences),
            "can_import": holds(request.user, RECORD_ACTIONS),
        },
        status=status,
    )


def _difference_display(difference: dict) -> dict:
    """A stored difference with its actions named in the active language."""
    shown = {**difference, "recorded": dict(difference["recorded"]), "file": dict(difference["file"])}
    for side in ("recorded", "file"):
        shown[side]["action"] = import_messages.action_name(shown[side]["action"])
    return shown


@require_POST
@requires(RECORD_ACTIONS, per_object=True)
def import_corrections(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the chosen differences of an import as corrections (secretariat and administrators)."""
    record = selectors.get_import_for_user(request.user, pk, RECORD_ACTIONS)
    form = CorrectionsForm(request.POST, differences=record.differences)
    if form.is_valid():
        try:
            result = services.status_import_corrections_apply(
                record=record, rows=form.cleaned_data["rows"], user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext("%(n)s correction applied.", "%(n)s corrections applied.", len(result.corrected))
                % {"n": len(result.corrected)},
            )
            return redirect("treaties:import_detail", pk=record.pk)
    record.refresh_from_db()
    return _import_page(request, record, corrections_form=form, status=422)


@requires(VIEW, per_object=True)
def country_status(request: HttpRequest, iso3: str) -> HttpResponse:
    country = get_country_for_user(request.user, iso3)
    as_of = as_of_param(request)
    row = selectors.country_row(country, as_of, Instrument.objects.for_user(request.user))
    by_family = []
    for family in Family:
        entries = [entry for entry in row if entry.instrument.family == family]
        if entries:
            by_family.append((family, entries))
    parties = sum(1 for entry in row if entry.cell.status == CountryStatus.PARTY)
    incomplete = [entry for entry in row if entry.coverage.has_actions and not entry.coverage.complete_on(as_of)]
    return render(
        request,
        "treaties/country_status.html",
        {
            "country": country,
            "as_of": as_of,
            "by_family": by_family,
            "party_count": parties,
            "incomplete": incomplete,
            "groups": country.groups_on(as_of),
        },
    )


_MARKS = {
    CountryStatus.PARTY: "P",
    CountryStatus.SIGNATORY: "S",
    CountryStatus.PENDING: "…",
    CountryStatus.FORMER: "×",
    CountryStatus.NONE: "·",
}


def _cells_html(cells) -> str:
    """The matrix cells of one State as HTML (rendered in Python: thousands of cells per page)."""
    labels = {status: escape(str(status.label)) for status in _MARKS}
    since = escape(_("since"))
    out = []
    for cell in cells:
        status = CountryStatus(cell.status)
        label = labels[status]
        title = f"{label} {since} {cell.since.isoformat()}" if status == CountryStatus.PARTY and cell.since else label
        out.append(
            f'<td><span class="status status-{status.value}" title="{title}">{_MARKS[status]}'
            f'<span class="visually-hidden"> {label}</span></span></td>'
        )
    return mark_safe("".join(out))  # noqa: S308 - every variable part is escaped above


@requires(VIEW)
def matrix(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    if not params.get("as_of"):
        params["as_of"] = timezone.localdate().isoformat()
    filterset = MatrixFilter(params, queryset=Country.objects.for_user(request.user))
    as_of = filterset.as_of_date
    result = selectors.status_matrix(as_of, filterset.countries(), filterset.instruments())
    rows = [(country, _cells_html(cells)) for country, cells in sorted(result.rows(), key=lambda row: row[0].name)]
    template = "treaties/matrix.html#results" if request.htmx else "treaties/matrix.html"
    return render(
        request,
        template,
        {"filter": filterset, "matrix": result, "rows": rows, "as_of": as_of, "totals": result.totals()},
    )
