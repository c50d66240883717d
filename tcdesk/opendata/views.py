"""The public pages under /open/: anyone reads them without signing in.

Each page and file says its licence and when the published data last changed; pages whose figures
depend on a date carry it in their URL (`/open/treaties/2026-12-06/UNTOC/`), so a link keeps showing
what it showed; the undated URL redirects to today's. Downloads are CSV (two `#` lines first: licence
and last change) and JSON (the same document the open API returns). Anonymous answers are cached by
the public page cache (`operations`), keyed by the data's generation, so pages set no cookie: the
language is switched by a link (`/open/language/fr/`), not a form.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tcdesk.core.access import requires
from tcdesk.core.dates import as_of_param
from tcdesk.core.export import csv_lines
from tcdesk.core.models import Country
from tcdesk.treaties import charts, worldmap
from tcdesk.treaties import selectors as treaty_selectors
from tcdesk.treaties.choices import CountryStatus
from tcdesk.treaties.models import Instrument

from . import datasets, feeds, freshness, licence, selectors
from .permissions import VIEW


def public(view):
    """An open-data page: no sign-in, read only, the public read action."""
    return login_not_required(require_safe(requires(VIEW)(view)))


def _stamp(response: HttpResponse) -> HttpResponse:
    changed = freshness.last_changed()
    current = licence.current()
    if changed:
        response["Last-Modified"] = http_date(changed.timestamp())
    if current.url:
        response["Link"] = f'<{current.url}>; rel="license"'
    return response


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context = {"licence": licence.current(), "last_changed": freshness.last_changed(), "today": _today(), **context}
    return _stamp(render(request, template, context))


def _today() -> dt.date:
    return timezone.localdate()


def _dated(name: str, request: HttpRequest, **kwargs: Any) -> HttpResponseRedirect:
    """To the dated page: the `as_of` asked for (a date form), else today."""
    return HttpResponseRedirect(reverse(name, kwargs={**kwargs, "as_of": as_of_param(request)}))


# ---------------------------------------------------------------------------------------------- files


def csv_file(rows: Iterable[Sequence[Any]], *, stem: str, request: HttpRequest) -> HttpResponse:
    """A CSV download: `# Licence: …` and `# Last changed: …` lines (in English, like the column names:
    files are data), then the header and rows."""
    current = licence.current()
    changed = freshness.last_changed()
    head = [
        f"# Licence: {current.name} {current.url}".rstrip() + "\n",
        f"# Last changed: {changed.isoformat() if changed else '-'}; source: "
        f"{request.build_absolute_uri(request.path)}\n",
    ]
    body = "".join(csv_lines(rows))
    bom = "\ufeff" if body.startswith("\ufeff") else ""  # the byte-order mark spreadsheets want stays first
    response = HttpResponse(bom + "".join(head) + body[len(bom) :], content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return _stamp(response)


def json_file(document: dict[str, Any], *, stem: str, request: HttpRequest) -> HttpResponse:
    body = json.dumps(
        datasets.envelope(document, source=request.build_absolute_uri(request.path)),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=1,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{stem}.json"'
    return _stamp(response)


def _download(request: HttpRequest, fmt: str, document: dict[str, Any], table: str | None, stem: str) -> HttpResponse:
    if fmt == "json":
        return json_file(document, stem=stem, request=request)
    if fmt == "csv" and table is not None:
        return csv_file(datasets.table(document, table), stem=stem, request=request)
    raise Http404


# ---------------------------------------------------------------------------------------------- pages


@public
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, "opendata/home.html", {"as_of": _today()})


@public
def language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the language of the public pages (a cookie; the pages themselves set none)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next") or reverse("opendata:home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        target = reverse("opendata:home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 86400, samesite="Lax", secure=request.is_secure()
    )
    return response


@public
def treaties_today(request: HttpRequest) -> HttpResponse:
    return _dated("opendata:treaties", request)


@public
def treaties(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    return _page(request, "opendata/treaties.html", {"as_of": as_of, "doc": selectors.treaties_overview(as_of)})


@public
def treaties_download(request: HttpRequest, as_of: dt.date, fmt: str) -> HttpResponse:
    return _download(request, fmt, selectors.treaties_overview(as_of), "instruments", f"treaties-{as_of}")


def _instrument(code: str) -> Instrument:
    return get_object_or_404(Instrument, code=code)


def _map(instrument: Instrument, as_of: dt.date, doc: dict[str, Any]) -> str:
    categories = treaty_selectors.map_statuses(instrument, as_of)
    names = {c.m49: c.name for c in Country.objects.only("m49", "name_en", "name_fr")}
    legend = [
        (CountryStatus.PARTY.value, _("Party")),
        (CountryStatus.SIGNATORY.value, _("Signatory (or consent not yet in effect)")),
        (CountryStatus.NONE.value, _("Not party")),
        ("nodata", _("Not a UN Member or observer State")),
    ]
    return worldmap.render_map_svg(
        categories,
        title=_("%(instrument)s: status on %(date)s") % {"instrument": instrument.short_name, "date": as_of},
        description=_(
            "World map coloured by participation: %(parties)s States party, %(signatories)s signatories. "
            "The tables on this page give the same information."
        )
        % {"parties": doc["counts"]["parties"], "signatories": doc["counts"]["signatories"]},
        legend=legend,
        names=names,
        element_id=f"map-{instrument.code.lower()}",
    )


def _curve(instrument: Instrument, as_of: dt.date, doc: dict[str, Any]) -> str:
    series = [(dt.date.fromisoformat(day), count) for day, count in doc["parties_over_time"]]
    return charts.parties_over_time_svg(
        series,
        title=_("%(instrument)s: State parties over time") % {"instrument": instrument.short_name},
        description=_("Step chart of the number of State parties, reaching %(count)s on %(date)s.")
        % {"count": series[-1][1] if series else 0, "date": as_of},
        y_label=_("State parties"),
        entry_into_force=instrument.entry_into_force_on,
        entry_into_force_label=_("entry into force"),
    )


@public
def instrument_today(request: HttpRequest, code: str) -> HttpResponse:
    return _dated("opendata:instrument", request, code=_instrument(code).code)


@public
def instrument(request: HttpRequest, as_of: dt.date, code: str) -> HttpResponse:
    found = _instrument(code)
    doc = selectors.instrument_document(found, as_of)
    parties = [(key, doc["names"].get(key, key), doc["party_since"].get(key)) for key in doc["parties"]]
    parties.sort(key=lambda row: row[1])
    signatories = sorted(((key, doc["names"].get(key, key)) for key in doc["signatories"]), key=lambda r: r[1])
    context = {
        "as_of": as_of,
        "instrument": found,
        "doc": doc,
        "parties": parties,
        "signatories": signatories,
        "map_svg": _map(found, as_of, doc),
        "chart_svg": _curve(found, as_of, doc),
    }
    return _page(request, "opendata/instrument.html", context)


@public
def instrument_download(request: HttpRequest, as_of: dt.date, code: str, fmt: str) -> HttpResponse:
    found = _instrument(code)
    document = selectors.instrument_document(found, as_of)
    return _download(request, fmt, document, "participants", f"{found.code.lower()}-{as_of}")


@public
def countries(request: HttpRequest) -> HttpResponse:
    listed = Country.objects.only("iso3", "name_en", "name_fr").order_by("name_en")
    return _page(request, "opendata/countries.html", {"countries": sorted(listed, key=lambda c: c.name)})


def _country(iso3: str) -> Country:
    return get_object_or_404(Country, iso3=iso3.upper())


@public
def country_today(request: HttpRequest, iso3: str) -> HttpResponse:
    return _dated("opendata:country", request, iso3=_country(iso3).iso3)


@public
def country(request: HttpRequest, iso3: str, as_of: dt.date) -> HttpResponse:
    found = _country(iso3)
    return _page(
        request,
        "opendata/country.html",
        {"as_of": as_of, "country": found, "doc": selectors.country_document(found, as_of)},
    )


@public
def country_download(request: HttpRequest, iso3: str, as_of: dt.date, fmt: str) -> HttpResponse:
    found = _country(iso3)
    document = selectors.country_document(found, as_of)
    return _download(request, fmt, document, "treaties", f"{found.iso3.lower()}-{as_of}")


@public
def funding(request: HttpRequest) -> HttpResponse:
    doc = selectors.funding_document()
    return _page(request, "opendata/funding.html", {"doc": doc, "chart_svg": datasets.pledged_paid_svg(doc)})


@public
def funding_download(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in datasets.FUNDING_TABLES:
        raise Http404
    document = selectors.funding_document()
    return _download(request, fmt, document, table if fmt == "csv" else None, f"funding-{table}")


@public
def delivery(request: HttpRequest) -> HttpResponse:
    return _page(request, "opendata/delivery.html", {"doc": selectors.delivery_document()})


@public
def delivery_download(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in datasets.DELIVERY_TABLES:
        raise Http404
    document = selectors.delivery_document()
    return _download(request, fmt, document, table if fmt == "csv" else None, f"delivery-{table}")


@public
def mandates(request: HttpRequest) -> HttpResponse:
    return _page(request, "opendata/mandates.html", {"doc": selectors.mandates_document()})


@public
def mandates_download(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(request, fmt, selectors.mandates_document(), "mandates", "mandates")


# ---------------------------------------------------------------------------------------------- IATI


@public
def iati(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "opendata/iati.html",
        {
            "activities_url": request.build_absolute_uri(reverse("opendata:iati_activities")),
            "organisation_url": request.build_absolute_uri(reverse("opendata:iati_organisation")),
            "publisher": feeds.publishing.REPORTING_ORG_REF,
            "publisher_name": feeds.publishing.REPORTING_ORG_NAME,
        },
    )


def _feed(name: str):
    @public
    def view(request: HttpRequest) -> HttpResponse:
        try:
            served = feeds.served_feed(name)
        except feeds.NothingPublished:
            return HttpResponse(
                _("No project is published yet: the feed starts with the first one."),
                status=404,
                content_type="text/plain; charset=utf-8",
            )
        # The validators are those of the file served (a young feed keeps its ETag while the data
        # changes), read once, so that a 304 and a 200 agree on which bytes they mean.
        not_modified = get_conditional_response(request, etag=served.tag, last_modified=int(served.written))
        if not_modified is not None:
            not_modified["ETag"] = served.tag
            not_modified["Last-Modified"] = http_date(served.written)
            return not_modified
        try:
            stream = served.path.open("rb")
        except FileNotFoundError:  # replaced by a rebuild between the two steps: the new one is there
            served = feeds.served_feed(name)
            stream = served.path.open("rb")
        response = FileResponse(stream, content_type="application/xml")
        response["Content-Disposition"] = f'inline; filename="{name}.xml"'
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        _stamp(response)
        response["ETag"] = served.tag
        response["Last-Modified"] = http_date(served.written)
        return response

    view.__name__ = f"iati_{name}"
    view.__doc__ = (
        f"The IATI 2.03 {name} file (streamed, with ETag and Last-Modified; 304 when unchanged). A file is "
        "served as is for TCDESK_OPEN_FEED_MIN_AGE seconds; an older one that no longer matches the data "
        "is still served while a background task rebuilds it."
    )
    return view


iati_activities = _feed("activities")
iati_organisation = _feed("organisation")
