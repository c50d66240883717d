"""The public IATI 2.03 feed: `activities.xml` (one activity per published project) and
`organisation.xml` (the publisher with its budgets per year and per recipient country).

Both are written by the portfolio app's IATI writer (`portfolio.publishing` maps projects, the pure
`portfolio.iati` package writes and validates), once per version of the data: the file is named by
its ETag (the data's last change, the day and the licence), written to a temporary file, validated
against the official 2.03 schema and renamed into place, then served from disk as a stream (constant
memory). Aggregators polling with `If-None-Match`/`If-Modified-Since` get 304 without any of that.

What is not published is left out here: excluded projects are not exported; an excluded donor is not
named as a transaction's provider nor as a participating organisation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from tcdesk.funds.models import Donor
from tcdesk.portfolio import iati, publishing
from tcdesk.portfolio.models import ProjectBudget

from . import freshness, licence
from .models import Exclusion
from .selectors import published_projects

FEED_NAMES = ("activities", "organisation")


class NothingPublished(Exception):
    """No project is published yet: an IATI activity file must hold at least one activity."""


def feed_dir() -> Path:
    """Where the feed files are written (`TCDESK_OPENDATA_DIR`, default `<var>/opendata`)."""
    default = os.environ.get("TCDESK_OPENDATA_DIR") or Path(settings.VAR_DIR) / "opendata"
    directory = Path(getattr(settings, "TCDESK_OPENDATA_DIR", default))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _withheld_names() -> set[str]:
    """Codes and names of the donors excluded from publication, as the feed could name them."""
    names: set[str] = set()
    for donor in Donor.objects.filter(
        pk__in=Exclusion.objects.filter(donor__isnull=False).values("donor_id")
    ).select_related("country", "organisation"):
        names.update({donor.code, donor.name_en, donor.name_fr})
        if donor.organisation_id:
            names.update({donor.organisation.name_en, donor.organisation.name_fr, donor.organisation.code})
        if donor.country_id:
            names.update({donor.country.name_en, donor.country.name_fr})
    return {name for name in names if name}


def _names_withheld(names: iati.Narratives, withheld: set[str]) -> bool:
    return any(narrative.text in withheld for narrative in names)


def public_activity(activity: iati.Activity, withheld: set[str]) -> iati.Activity:
    """The activity without the excluded donors' names (their money stays, unattributed)."""
    if not withheld:
        return activity
    transactions = tuple(
        dataclasses.replace(t, provider_org=None)
        if t.provider_org is not None and _names_withheld(t.provider_org.names, withheld)
        else t
        for t in activity.transactions
    )
    kept = tuple(o for o in activity.participating_orgs if not _names_withheld(o.names, withheld))
    return dataclasses.replace(activity, transactions=transactions, participating_orgs=kept or (_programme_org(),))


def _programme_org() -> iati.ParticipatingOrg:
    return iati.ParticipatingOrg(
        role=iati.OrganisationRole.ACCOUNTABLE,
        ref=publishing.REPORTING_ORG_REF,
        names=(iati.Narrative(publishing.REPORTING_ORG_NAME),),
    )


def activities() -> Iterator[iati.Activity]:
    withheld = _withheld_names()
    for activity in publishing.project_activities(published_projects()):
        yield public_activity(activity, withheld)


def _year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def organisation() -> iati.Organisation:
    """The publisher: its total budget per year and per recipient country (published projects' budgets,
    a country's share by the project's percentage), one entry per year and currency."""
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    by_country: dict[tuple[str, int, str], Decimal] = defaultdict(Decimal)
    budgets = ProjectBudget.objects.filter(project__in=published_projects()).select_related("project")
    shares: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for project in published_projects().prefetch_related("countries__country"):
        shares[project.pk] = [(c.country.iso2, c.percentage) for c in project.countries.all()]
    for budget in budgets:
        currency = budget.project.currency
        totals[(budget.year, currency)] += budget.amount
        for iso2, percentage in shares.get(budget.project_id, []):
            by_country[(iso2, budget.year, currency)] += budget.amount * percentage / 100
    reporting = iati.ReportingOrg(
        ref=publishing.REPORTING_ORG_REF,
        type=publishing.REPORTING_ORG_TYPE,
        names=(iati.Narrative(publishing.REPORTING_ORG_NAME),),
    )

    def money(amount: Decimal, year: int, currency: str) -> iati.Money:
        return iati.Money(amount=amount.quantize(Decimal("0.01")), value_date=dt.date(year, 1, 1), currency=currency)

    return iati.Organisation(
        identifier=publishing.REPORTING_ORG_REF,
        name=(iati.Narrative(publishing.REPORTING_ORG_NAME),),
        reporting_org=reporting,
        total_budgets=tuple(
            iati.TotalBudget(
                period_start=_year_period(year)[0], period_end=_year_period(year)[1], value=money(v, year, cur)
            )
            for (year, cur), v in sorted(totals.items())
        ),
        recipient_country_budgets=tuple(
            iati.RecipientCountryBudget(
                country=iso2,
                period_start=_year_period(year)[0],
                period_end=_year_period(year)[1],
                value=money(v, year, cur),
            )
            for (iso2, year, cur), v in sorted(by_country.items())
        ),
        default_currency="USD",
        lang="en",
        last_updated=freshness.last_changed() or timezone.now(),
    )


def feed_file(name: str, tag: str) -> Path:
    """The file of feed `name` for the data version `tag`, written (and validated) when first asked for.

    Raises NothingPublished when no project is published; IatiExportError if the data would not make
    valid IATI (nothing is then published, and the error is the site's to fix)."""
    directory = feed_dir()
    path = directory / f"{name}-{tag.strip(chr(34))}.xml"
    if path.exists():
        return path
    if name == "activities":
        if not published_projects().exists():
            raise NothingPublished
        iati.export_activities(path, activities())
    else:
        iati.export_organisations(path, [organisation()])
    for old in directory.glob(f"{name}-*.xml"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def feed_tag(name: str) -> str:
    return freshness.etag(name, licence.current().name)


@dataclasses.dataclass(frozen=True)
class ServedFeed:
    """The file a request is answered with, its ETag and when it was written (its Last-Modified)."""

    path: Path
    tag: str
    written: float


def min_age() -> int:
    """Seconds a written feed is served as is, even when the data has changed since
    (`TCDESK_OPEN_FEED_MIN_AGE`): under constant writes the ETag then holds long enough for polling
    aggregators to get 304s, and the feed is rebuilt at most once per period, in the background."""
    return max(0, int(getattr(settings, "TCDESK_OPEN_FEED_MIN_AGE", 300)))


def rebuild_key(name: str) -> str:
    """The shared-cache flag saying a rebuild of feed `name` is queued (one at a time, not one per hit)."""
    return f"opendata:feed-rebuild:{name}"


def _served(name: str, path: Path) -> ServedFeed:
    tag = '"' + path.stem.removeprefix(f"{name}-") + '"'
    return ServedFeed(path=path, tag=tag, written=path.stat().st_mtime)


def _latest(name: str) -> Path | None:
    """The newest written file of feed `name` (temporary files of a build in progress are not seen)."""
    written = []
    for path in feed_dir().glob(f"{name}-*.xml"):
        try:
            written.append((path.stat().st_mtime, path))
        except FileNotFoundError:  # replaced by a rebuild meanwhile
            continue
    return max(written)[1] if written else None


def _exclusions_changed_after(moment: float) -> bool:
    """Whether an administrator excluded (or re-included) something after the file was written: what
    must not be published is never served from an older file, however young."""
    newest = Exclusion.history.order_by("-history_date").values_list("history_date", flat=True).first()
    return newest is not None and newest.timestamp() > moment


def _queue_rebuild(name: str) -> None:
    from .tasks import rebuild_feed  # tasks import this module

    # The flag lapses after a while so that a worker lost mid-build does not stop rebuilds for good.
    if cache.add(rebuild_key(name), 1, timeout=max(600, min_age())):
        rebuild_feed.enqueue(name)


def served_feed(name: str) -> ServedFeed:
    """The feed file to answer with now.

    The file of the current data when it is written. Otherwise the newest file while it is younger than
    `min_age()`; once older, that file still, while a rebuild is queued (django.tasks). Only the very
    first build (no file at all) and a change of exclusions are built in the request. Raises
    NothingPublished when there is nothing to publish and nothing written yet."""
    tag = feed_tag(name)
    current = feed_dir() / f"{name}-{tag.strip(chr(34))}.xml"
    try:
        if current.exists():
            return _served(name, current)
        latest = _latest(name)
        if latest is None or _exclusions_changed_after(latest.stat().st_mtime):
            return _served(name, feed_file(name, tag))
        if time.time() - latest.stat().st_mtime >= min_age():
            _queue_rebuild(name)
            if current.exists():  # an immediate task backend has built it already
                return _served(name, current)
        return _served(name, latest)
    except FileNotFoundError:  # the newest file was replaced meanwhile: the current one is there now
        return _served(name, feed_file(name, tag))
