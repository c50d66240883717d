"""The portfolio as IATI 2.03: one `iati.Activity` per project, built in a generator (one in memory).

`project_activities(queryset)` maps projects (with their sectors, places, budgets, organisations,
results) to the pure package's dataclasses; `export_file(path, …)` writes them through
`iati.export_activities` (schema-validated, atomic). Transactions come from the funds ledger once
the funds app offers it (see `ledger_transactions`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from . import iati
from .iati.codes import (
    DIMENSION_SEX,
    SEX_FEMALE,
    SEX_MALE,
    SEX_OTHER_OR_NOT_DISCLOSED,
)
from .models import Indicator, IndicatorPeriod, Outcome, Project, ProjectOrganisation

# The organisation identifier tcdesk publishes under. Synthetic default (XI-IATI is IATI's own
# registration agency prefix); an installation sets its registered identifier in settings.
REPORTING_ORG_REF: str = getattr(settings, "TCDESK_IATI_REPORTING_ORG", "XI-IATI-TCDESK")
REPORTING_ORG_NAME: str = getattr(settings, "TCDESK_IATI_REPORTING_ORG_NAME", "tcdesk technical cooperation programme")
REPORTING_ORG_TYPE = "40"  # Multilateral
REGION_VOCABULARY_UN_M49 = "2"
CHUNK = 200


def _n(text: str, lang: str | None = None) -> iati.Narrative:
    return iati.Narrative(text, lang)


def _texts(english: str, french: str = "") -> iati.Narratives:
    return (_n(english),) + ((_n(french, "fr"),) if french else ())


def _participating(org: ProjectOrganisation) -> iati.ParticipatingOrg:
    name = org.organisation.name_en if org.organisation_id else org.name
    return iati.ParticipatingOrg(
        role=iati.OrganisationRole(org.role), ref=org.iati_ref or None, names=(_n(name),) if name else ()
    )


def _value(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _by_sex(period: IndicatorPeriod, kind: str) -> tuple[iati.ResultValue, ...]:
    total = getattr(period, kind)
    if total is None:
        return ()
    values = [iati.ResultValue(value=_value(total))]
    if getattr(period, f"{kind}_women") is not None:
        for sex, field in ((SEX_FEMALE, "women"), (SEX_MALE, "men"), (SEX_OTHER_OR_NOT_DISCLOSED, "other")):
            values.append(
                iati.ResultValue(
                    value=str(getattr(period, f"{kind}_{field}")),
                    dimensions=(iati.Dimension(name=DIMENSION_SEX, value=sex),),
                )
            )
    return tuple(values)


def _indicator(indicator: Indicator) -> iati.Indicator:
    return iati.Indicator(
        measure=iati.IndicatorMeasure(indicator.measure),
        title=(_n(indicator.title),),
        ascending=indicator.ascending,
        baselines=(iati.Baseline(year=indicator.baseline_year, value=_value(indicator.baseline_value)),),
        periods=tuple(
            iati.ResultPeriod(start=p.start, end=p.end, targets=_by_sex(p, "target"), actuals=_by_sex(p, "actual"))
            for p in indicator.periods.all()
            if p.target is not None or p.actual is not None
        ),
    )


def _results(outcomes: Iterable[Outcome]) -> tuple[iati.Result, ...]:
    results = []
    for outcome in outcomes:
        indicators = tuple(_indicator(i) for i in outcome.indicators.all())
        if indicators:
            results.append(iati.Result(type=iati.ResultType.OUTCOME, title=(_n(outcome.title),), indicators=indicators))
        for output in outcome.outputs.all():
            indicators = tuple(_indicator(i) for i in output.indicators.all())
            if indicators:
                results.append(
                    iati.Result(type=iati.ResultType.OUTPUT, title=(_n(output.title),), indicators=indicators)
                )
    return tuple(results)


LEDGER_TYPES = {
    "incoming": iati.TransactionType.INCOMING_FUNDS,
    "commitment": iati.TransactionType.OUTGOING_COMMITMENT,
    "disbursement": iati.TransactionType.DISBURSEMENT,
    "expenditure": iati.TransactionType.EXPENDITURE,
}


def ledger_transactions(project: Project, *, today: dt.date) -> tuple[iati.Transaction, ...]:
    """The project's rows in the funds ledger as IATI transactions: incoming funds, commitments,
    disbursements and expenditure, in the fund's currency, the donor as the provider when known."""
    from tcdesk.funds.selectors import fundable_ledger

    transactions = []
    for day, kind, amount, currency, _usd, donor in fundable_ledger("project", [project.pk]):
        if kind not in LEDGER_TYPES or day > today:
            continue
        transactions.append(
            iati.Transaction(
                type=LEDGER_TYPES[kind],
                date=day,
                value=iati.Money(amount=amount, value_date=day, currency=currency),
                provider_org=iati.TransactionOrg(names=(_n(donor),)) if donor else None,
            )
        )
    return tuple(sorted(transactions, key=lambda t: (t.date, int(t.type))))


def project_activity(project: Project, *, today: dt.date | None = None) -> iati.Activity:
    """One project as an IATI activity (expects the prefetches of `export_queryset`)."""
    today = today or timezone.localdate()
    return iati.Activity(
        identifier=project.iati_identifier,
        reporting_org=iati.ReportingOrg(
            ref=REPORTING_ORG_REF, type=REPORTING_ORG_TYPE, names=(_n(REPORTING_ORG_NAME),)
        ),
        title=_texts(project.title_en, project.title_fr),
        descriptions=(iati.Description(texts=(_n(project.description),), type=iati.DescriptionType.GENERAL),),
        participating_orgs=tuple(_participating(o) for o in project.organisations.all())
        or (
            iati.ParticipatingOrg(
                role=iati.OrganisationRole.ACCOUNTABLE, ref=REPORTING_ORG_REF, names=(_n(REPORTING_ORG_NAME),)
            ),
        ),
        status=iati.ActivityStatus(project.status),
        planned_start=project.planned_start,
        planned_end=project.planned_end,
        actual_start=project.actual_start if project.actual_start and project.actual_start <= today else None,
        actual_end=project.actual_end if project.actual_end and project.actual_end <= today else None,
        recipient_countries=tuple(
            iati.RecipientCountry(code=c.country.iso2, percentage=c.percentage) for c in project.countries.all()
        ),
        recipient_regions=tuple(
            iati.RecipientRegion(code=r.region_id, vocabulary=REGION_VOCABULARY_UN_M49, percentage=r.percentage)
            for r in project.regions.all()
        ),
        sectors=tuple(iati.Sector(code=s.code, percentage=s.percentage) for s in project.sectors.all()),
        tags=tuple(iati.Tag(code=t.code, vocabulary="99", names=(_n(t.name_en),)) for t in project.themes.all()),
        policy_markers=(iati.PolicyMarker(code="1", significance=iati.PolicySignificance(project.gender_marker)),),
        budgets=tuple(
            iati.Budget(
                period_start=max(dt.date(b.year, 1, 1), project.planned_start),
                period_end=min(dt.date(b.year, 12, 31), project.planned_end),
                value=iati.Money(amount=b.amount, value_date=max(dt.date(b.year, 1, 1), project.planned_start)),
            )
            for b in project.budgets.all()
        ),
        transactions=ledger_transactions(project, today=today),
        results=_results(project.outcomes.all()),
        default_currency=project.currency,
        lang="en",
        last_updated=project.updated_at,
    )


def export_queryset(projects: QuerySet[Project] | None = None) -> QuerySet[Project]:
    return (
        (projects if projects is not None else Project.objects.all())
        .order_by("pk")
        .prefetch_related(
            "organisations__organisation",
            "countries__country",
            "regions",
            "sectors",
            "themes",
            "budgets",
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.prefetch_related("indicators__periods", "outputs__indicators__periods"),
            ),
        )
    )


def project_activities(projects: QuerySet[Project] | None = None) -> Iterator[iati.Activity]:
    """Activities of the projects, fetched `CHUNK` at a time (memory does not grow with their number)."""
    today = timezone.localdate()
    for project in export_queryset(projects).iterator(chunk_size=CHUNK):
        yield project_activity(project, today=today)


def export_file(path: str | Path, projects: QuerySet[Project] | None = None) -> iati.WriteSummary:
    """Write the projects as a validated IATI 2.03 file at `path` (nothing written there on failure)."""
    return iati.export_activities(path, project_activities(projects))
