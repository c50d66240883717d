"""Import of partners' IATI 2.03 activity files: all or nothing, a dry run that says the same.

What the schema accepts is stored (the reader validates each activity and passes over those it
rejects, reported with their lines as `errors`); IATI's publishing rules that a partner's file
breaks (percentages adding up to 99.99, budgets longer than a year…) are kept as `warnings`, with
the activity. A file that cannot be read (not XML, not IATI, not 2.03, cut short) stores nothing.
Each activity is upserted by its IATI identifier, and feeds the assistance app's partner activity
(for overlap detection and the country page) through the assistance service.
"""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.assistance.choices import ActivitySource
from tcdesk.assistance.services import partner_activity_save
from tcdesk.core.choices import OrganisationRoleKind
from tcdesk.core.models import Country, Organisation, Theme
from tcdesk.core.services.organisations import organisation_save

from .. import iati
from ..choices import THEMES_BY_SECTOR
from ..duplication import search_keys, sector_keys
from ..iati.rules import check_activity
from ..models import IatiImport, ImportedActivity, ImportedBudget, ImportedTransaction
from ..permissions import IMPORT_IATI


class _Rollback(Exception):
    pass


def _organisation(ref: str, name: str) -> Organisation:
    code = slugify(ref)[:40] or "iati-publisher"
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        organisation = organisation_save(
            code=code, name_en=(name or ref)[:255], roles=[OrganisationRoleKind.DEVELOPMENT_PARTNER]
        )
    return organisation


def _sector_search_keys(activity: iati.Activity) -> str:
    five, three = sector_keys((s.code, s.vocabulary) for s in activity.sectors)
    return search_keys([*five, *three, *(code[:3] for code in five)])


def _store(
    activity: iati.Activity, *, countries_by_iso2: dict[str, str], themes: set[str], run: IatiImport | None
) -> tuple[ImportedActivity, bool]:
    title = activity.text(activity.title, "en") or activity.identifier
    description = next((activity.text(d.texts, "en") or "" for d in activity.descriptions), "")
    publisher = activity.text(activity.reporting_org.names, "en") or ""
    countries: list[tuple[str, str | None]] = [
        (countries_by_iso2.get(c.code.upper(), c.code.upper()), str(c.percentage) if c.percentage is not None else None)
        for c in activity.recipient_countries
    ]
    record, created = ImportedActivity.objects.update_or_create(
        iati_identifier=activity.identifier,
        defaults={
            "reporting_org_ref": activity.reporting_org.ref,
            "reporting_org_name": publisher[:255],
            "title": title[:500],
            "status": int(activity.status),
            "start": activity.start,
            "end": activity.end,
            "countries": countries,
            "regions": [
                [r.code, r.vocabulary, str(r.percentage) if r.percentage is not None else None]
                for r in activity.recipient_regions
            ],
            "sectors": [
                [s.code, s.vocabulary, str(s.percentage) if s.percentage is not None else None]
                for s in activity.sectors
            ],
            "currency": activity.default_currency or "",
            "country_codes": search_keys(code for code, _share in countries),
            "sector_codes": _sector_search_keys(activity),
            "warnings": [issue.message for issue in check_activity(activity)],
            "last_import": run,
        },
    )
    record.budgets.all().delete()
    ImportedBudget.objects.bulk_create(
        ImportedBudget(
            activity=record,
            period_start=b.period_start,
            period_end=b.period_end,
            amount=b.value.amount,
            currency=b.value.currency or activity.default_currency or "",
            type=int(b.type),
        )
        for b in activity.budgets
    )
    record.transactions.all().delete()
    ImportedTransaction.objects.bulk_create(
        ImportedTransaction(
            activity=record,
            type=int(t.type),
            date=t.date,
            amount=t.value.amount,
            currency=t.value.currency or activity.default_currency or "",
            ref=(t.ref or "")[:255],
        )
        for t in activity.transactions
    )
    # The State with the largest share is where overlap detection and the country page see it.
    known = [(Decimal(p or 0), iso3) for iso3, p in countries if len(iso3) == 3]
    if known:
        iso3 = max(known)[1]
        theme_codes = sorted(
            {THEMES_BY_SECTOR[s.code] for s in activity.sectors if s.code in THEMES_BY_SECTOR} & themes
        )
        partner = partner_activity_save(
            actor=None,
            organisation_code=_organisation(activity.reporting_org.ref, publisher).code,
            country_iso3=iso3,
            title=title[:300],
            description=description,
            theme_codes=theme_codes,
            start=activity.start,
            end=activity.end if activity.end and activity.start and activity.end >= activity.start else None,
            source=ActivitySource.IATI,
            iati_identifier=activity.identifier,
            activity=record.partner_activity,
        )
        if record.partner_activity_id != partner.pk:
            record.partner_activity = partner
            record.save(update_fields=["partner_activity"])
    return record, created


def request_activities() -> int:
    """The most activities an IATI import takes in a web or API request (TCDESK_IATI_SYNC_ACTIVITIES):
    each is validated and stored on its own, so a 10 MB file of thousands would hold a web worker for
    minutes; `tcdesk import_iati` takes any number."""
    return int(getattr(settings, "TCDESK_IATI_SYNC_ACTIVITIES", 100))


def iati_import(
    *,
    actor: Any,
    source: str | IO[bytes] | bytes,
    file_name: str,
    dry_run: bool = False,
    max_activities: int | None = None,
) -> dict:
    """Import a partner's IATI 2.03 activity file; returns `{"activities", "transactions", "budgets",
    "created", "updated", "rejected", "errors", "warnings", "dry_run", "ok"}`.

    `errors` are the activities the schema rejects (passed over, with their lines) or, when the file
    as a whole cannot be read, that one problem: then nothing is stored (`ok` false). A dry run
    reads and stores the same way and rolls back, so its counts are what a real run would store.
    With `max_activities` (`request_activities()` for the page and the API), a file with more
    activities is refused as a whole, nothing stored, as soon as the one past the cap is read.
    """
    if actor is not None:  # None: a system job
        require(actor, IMPORT_IATI)
    report = iati.ReadReport()
    counts = {"created": 0, "updated": 0}
    warnings: list[dict] = []
    countries_by_iso2 = dict(Country.objects.values_list("iso2", "iso3"))
    themes = set(Theme.objects.values_list("code", flat=True))
    file_error: iati.IatiFileError | None = None
    run = None
    try:
        with transaction.atomic():
            if not dry_run:
                run = IatiImport.objects.create(file_name=file_name[:255], imported_by=actor, dry_run=False)
            for number, activity in enumerate(iati.read_activities(source, report=report), start=1):
                if max_activities is not None and number > max_activities:
                    raise iati.IatiFileError(
                        _(
                            "The file has more than %(max)s activities: an import from the site takes at most "
                            "%(max)s; split the file (or an administrator imports it with tcdesk import_iati)."
                        )
                        % {"max": max_activities},
                        kind="too_many_activities",
                        params={"max": max_activities},
                    )
                record, created = _store(activity, countries_by_iso2=countries_by_iso2, themes=themes, run=run)
                counts["created" if created else "updated"] += 1
                warnings += [
                    {"line": activity.source_line, "identifier": activity.identifier, "message": message}
                    for message in record.warnings
                ]
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    except iati.IatiFileError as error:
        file_error = error
    summary = report.as_dict()
    if file_error is not None:
        warnings = []  # nothing was stored: only the reason counts
        errors = [file_error.as_issue().as_dict()]
        result = {
            "activities": 0,
            "transactions": 0,
            "budgets": 0,
            "created": 0,
            "updated": 0,
            "rejected": 0,
            "errors": errors,
        }
    else:
        result = {
            "activities": summary["activities"],
            "transactions": summary["transactions"],
            "budgets": summary["budgets"],
            **counts,
            "rejected": summary["rejected"],
            "errors": summary["errors"],
        }
    result.update({"warnings": warnings[:1000], "dry_run": dry_run, "ok": file_error is None})
    if not dry_run:
        stored = {k: v for k, v in result.items() if k != "warnings"}
        if file_error is None and run is not None:
            IatiImport.objects.filter(pk=run.pk).update(ok=True, summary=stored)
        else:  # the run's row went with the rollback: record the failed attempt
            IatiImport.objects.create(file_name=file_name[:255], imported_by=actor, ok=False, summary=stored)
    return result
