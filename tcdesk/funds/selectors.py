"""Reads of the funds app that more than one caller needs: free balances and funding sources, a
request's funding, fund and donor statements, pledged versus paid, flows, a fundable's ledger rows,
and the `get_<obj>_for_user` helpers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from tcdesk.core.access import load_for_user

from . import money
from .choices import FUND_MONEY_ACCOUNTS, AllocationStatus, TransactionKind
from .models import (
    Allocation,
    CarriedBalance,
    ContributionAgreement,
    Donor,
    Earmark,
    Expenditure,
    Fund,
    LedgerEntry,
    Pledge,
    Receipt,
    Refund,
)
from .services._common import rate_of
from .services.ledger import account_balance, exact, last_close

ZERO = Decimal(0)


# ---------------------------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class FundingSource:
    """A spendable pot: a fund's unearmarked money or an earmark's, with what restricts it (empty: none)."""

    key: str
    fund: str
    earmark: int | None
    label: str
    amount: Decimal
    currency: str
    themes: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


def free_balance(fund: Fund, earmark: Earmark | None = None) -> Decimal:
    """The free money of a fund (unearmarked) or of one of its earmarks, in the fund's currency."""
    if earmark is not None:
        return money.round_to_unit(account_balance("earmark", str(earmark.pk)), fund.currency)
    return money.round_to_unit(account_balance("fund", fund.code), fund.currency)


def funding_sources(*, currency: str = "USD", on: dt.date | None = None) -> list[FundingSource]:
    """Every pot with free money on `on` (today by default), its amount in `currency` at that month's rate
    (MissingRateError when a needed rate is not loaded)."""
    day = on or timezone.localdate()
    sources = []
    target_rate = rate_of(currency, day)
    for fund in Fund.objects.filter(active=True).order_by("code"):
        pots: list[tuple[Earmark | None, Decimal]] = [(None, free_balance(fund))]
        for earmark in Earmark.objects.filter(agreement__fund=fund).select_related("agreement").order_by("code"):
            if earmark.agreement.valid_from <= day <= earmark.agreement.valid_to:
                pots.append((earmark, free_balance(fund, earmark)))
        for earmark, free in pots:
            if free <= 0:
                continue
            amount = money.convert(free, fund.currency, currency, rate_of(fund.currency, day), target_rate)
            if earmark is None:
                sources.append(
                    FundingSource(
                        key=f"fund:{fund.code}",
                        fund=fund.code,
                        earmark=None,
                        label=fund.name,
                        amount=amount,
                        currency=currency,
                    )
                )
            else:
                sources.append(
                    FundingSource(
                        key=f"earmark:{earmark.pk}",
                        fund=fund.code,
                        earmark=earmark.pk,
                        label=f"{fund.code} · {earmark.label}",
                        amount=amount,
                        currency=currency,
                        themes=sorted(earmark.themes.values_list("code", flat=True)),
                        regions=sorted(earmark.regions.values_list("code", flat=True)),
                        countries=sorted(earmark.countries.values_list("iso3", flat=True)),
                        requests=sorted(earmark.requests.values_list("pk", flat=True)),
                        valid_from=earmark.agreement.valid_from,
                        valid_to=earmark.agreement.valid_to,
                    )
                )
    return sources


def request_funding(*, request_ids: list[int]) -> dict[int, Decimal]:
    """USD allocated to each request (net of what was released and returned), 0 for unfunded ones."""
    found = dict.fromkeys(request_ids, ZERO)
    allocations = Allocation.objects.filter(request_id__in=request_ids)
    active = allocations.filter(status=AllocationStatus.ACTIVE).values("request_id").annotate(u=Sum("usd_amount"))
    for row in active:
        found[row["request_id"]] += row["u"]
    # A released allocation counts for what was spent under it.
    for row in (
        Expenditure.objects.filter(allocation__request_id__in=request_ids, allocation__status=AllocationStatus.RELEASED)
        .values("allocation__request_id")
        .annotate(u=Sum("usd_amount"))
    ):
        found[row["allocation__request_id"]] += row["u"]
    return found


def funded_request_ids() -> set[int]:
    return set(
        Allocation.objects.filter(status=AllocationStatus.ACTIVE)
        .exclude(request=None)
        .values_list("request_id", flat=True)
    )


# ---------------------------------------------------------------------------------------------- statements


@dataclass(frozen=True)
class FundStatement:
    """A fund's money over a period, in its currency of account (amounts) and in USD (`usd`): closing =
    opening + receipts − expenditure (support costs included) − refunds; receipts count transfers from
    other funds (net). Allocations are money committed in the period, still the fund's until spent."""

    fund: str
    start: dt.date
    end: dt.date
    currency: str
    opening: Decimal
    receipts: Decimal
    allocations: Decimal
    expenditure: Decimal
    support_costs: Decimal
    refunds: Decimal
    closing: Decimal
    usd: dict[str, Decimal]

    def as_contract(self) -> dict[str, str]:
        """The `fund_statement --json` contract: decimal strings."""
        return {
            "fund": self.fund,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "currency": self.currency,
            "opening": str(self.opening),
            "receipts": str(self.receipts),
            "allocations": str(self.allocations),
            "expenditure": str(self.expenditure),
            "refunds": str(self.refunds),
            "closing": str(self.closing),
        }


def _fund_money_until(fund: Fund, day: dt.date) -> tuple[Decimal, Decimal]:
    """(amount, usd) of a fund's money (unearmarked, earmarked, allocated) at the end of `day`: carried
    balances of the last closed period on or before it, plus the entries since."""
    close = last_close(before=day + dt.timedelta(days=1))
    amount, usd = ZERO, ZERO
    entries = LedgerEntry.objects.filter(fund=fund.code, account_kind__in=FUND_MONEY_ACCOUNTS, occurred_on__lte=day)
    if close is not None:
        carried = CarriedBalance.objects.filter(
            close=close, fund=fund.code, account_kind__in=FUND_MONEY_ACCOUNTS
        ).aggregate(a=Sum("amount"), u=Sum("usd"))
        amount, usd = exact(carried["a"]), exact(carried["u"])
        entries = entries.filter(occurred_on__gt=close.closed_through)
    found = entries.aggregate(a=Sum("amount"), u=Sum("usd"))
    return amount + exact(found["a"]), usd + exact(found["u"])


def fund_statement(*, fund: Fund, start: dt.date, end: dt.date) -> FundStatement:
    opening, opening_usd = _fund_money_until(fund, start - dt.timedelta(days=1))
    sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for row in (
        LedgerEntry.objects.filter(fund=fund.code, occurred_on__gte=start, occurred_on__lte=end)
        .values("kind", "account_kind")
        .annotate(a=Sum("amount"), u=Sum("usd"))
    ):
        pair = sums[(row["kind"], row["account_kind"])]
        pair[0] += exact(row["a"])
        pair[1] += exact(row["u"])

    def money_of(kinds: tuple[str, ...]) -> tuple[Decimal, Decimal]:
        a = sum((sums[(k, acc)][0] for k in kinds for acc in FUND_MONEY_ACCOUNTS), ZERO)
        u = sum((sums[(k, acc)][1] for k in kinds for acc in FUND_MONEY_ACCOUNTS), ZERO)
        return a, u

    receipts, receipts_usd = money_of((TransactionKind.RECEIPT, TransactionKind.REVERSAL, TransactionKind.TRANSFER))
    spent, spent_usd = money_of((TransactionKind.EXPENDITURE,))
    refunds, refunds_usd = money_of((TransactionKind.REFUND,))
    allocations = sum((sums[(k, "allocation")][0] for k in (TransactionKind.ALLOCATION, TransactionKind.RELEASE)), ZERO)
    allocations_usd = sum(
        (sums[(k, "allocation")][1] for k in (TransactionKind.ALLOCATION, TransactionKind.RELEASE)), ZERO
    )
    support = sums[(TransactionKind.EXPENDITURE, "support_costs")]
    closing, closing_usd = opening + receipts + spent + refunds, opening_usd + receipts_usd + spent_usd + refunds_usd

    def unit(value: Decimal) -> Decimal:
        return money.round_to_unit(value, fund.currency)

    def cents(value: Decimal) -> Decimal:
        return money.round_to_unit(value, "USD")

    return FundStatement(
        fund=fund.code,
        start=start,
        end=end,
        currency=fund.currency,
        opening=unit(opening),
        receipts=unit(receipts),
        allocations=unit(allocations),
        expenditure=unit(-spent),
        support_costs=unit(support[0]),
        refunds=unit(-refunds),
        closing=unit(closing),
        usd={
            "opening": cents(opening_usd),
            "receipts": cents(receipts_usd),
            "allocations": cents(allocations_usd),
            "expenditure": cents(-spent_usd),
            "support_costs": cents(support[1]),
            "refunds": cents(-refunds_usd),
            "closing": cents(closing_usd),
        },
    )


def fund_balances(fund: Fund) -> dict[str, Decimal]:
    """Now: the fund's money (`total`), its unearmarked free money (`free`), earmarked free money
    (`earmarked`) and allocated unspent money (`allocated`), in its currency."""
    return funds_balances([fund])[fund.code]


def funds_balances(funds: Iterable[Fund]) -> dict[str, dict[str, Decimal]]:
    """`fund_balances` of several funds by code, in one query (a list page's rows)."""
    funds = list(funds)
    sums: dict[str, dict[str, Decimal]] = {fund.code: {} for fund in funds}
    entries = (
        LedgerEntry.objects.filter(fund__in=list(sums), account_kind__in=FUND_MONEY_ACCOUNTS)
        .values("fund", "account_kind")
        .annotate(a=Sum("amount"))
        .order_by()
    )
    for row in entries:
        sums[row["fund"]][row["account_kind"]] = row["a"]
    found = {}
    for fund in funds:
        rows = sums[fund.code]
        free, earmarked, allocated = rows.get("fund", ZERO), rows.get("earmark", ZERO), rows.get("allocation", ZERO)
        values = {"free": free, "earmarked": earmarked, "allocated": allocated, "total": free + earmarked + allocated}
        found[fund.code] = {key: money.round_to_unit(value, fund.currency) for key, value in values.items()}
    return found


@dataclass
class EarmarkUse:
    earmark: Earmark
    received_usd: Decimal
    allocations: list[Allocation]
    free: Decimal


def donor_statement(donor: Donor) -> dict[str, Any]:
    """A donor's agreements, receipts and each earmark with what its money paid for."""
    agreements = list(ContributionAgreement.objects.filter(donor=donor).select_related("fund"))
    receipts = list(Receipt.objects.filter(donor=donor).select_related("fund", "earmark"))
    earmarks = []
    for earmark in Earmark.objects.filter(agreement__donor=donor).select_related("agreement__fund"):
        earmarks.append(
            EarmarkUse(
                earmark=earmark,
                received_usd=sum(
                    (r.usd_amount for r in receipts if r.earmark_id == earmark.pk and not r.reversed_at), ZERO
                ),
                allocations=list(
                    earmark.allocations.select_related("request__country").prefetch_related("expenditures")
                ),
                free=free_balance(earmark.agreement.fund, earmark),
            )
        )
    return {"donor": donor, "agreements": agreements, "receipts": receipts, "earmarks": earmarks}


def pledged_vs_paid(queryset_donors: Any = None) -> list[dict[str, Any]]:
    """Per donor and year: pledged and paid in USD (pledges at the rate of their month — revalued — when
    loaded, receipts at their recorded USD equivalent)."""
    donors = queryset_donors if queryset_donors is not None else Donor.objects.all()
    table: dict[tuple[str, int], dict[str, Any]] = {}
    for pledge in Pledge.objects.filter(donor__in=donors).select_related("donor"):
        row = table.setdefault(
            (pledge.donor.code, pledge.pledged_on.year),
            {"donor": pledge.donor, "year": pledge.pledged_on.year, "pledged": ZERO, "paid": ZERO},
        )
        try:
            row["pledged"] += money.to_usd(pledge.amount, pledge.currency, rate_of(pledge.currency, pledge.pledged_on))
        except Exception:  # noqa: BLE001 - a pledge whose month has no rate is shown without its USD value
            row.setdefault("missing_rates", True)
    for receipt in Receipt.objects.filter(donor__in=donors, reversed_at=None).select_related("donor"):
        row = table.setdefault(
            (receipt.donor.code, receipt.received_on.year),
            {"donor": receipt.donor, "year": receipt.received_on.year, "pledged": ZERO, "paid": ZERO},
        )
        row["paid"] += receipt.usd_amount
    return [table[key] for key in sorted(table)]


def _transfers_in() -> dict[str, list[tuple[str, Decimal]]]:
    """Per receiving fund: (source fund, USD received) of each transfer between funds, from the ledger."""
    legs: dict[int, dict[str, tuple[str, Decimal]]] = defaultdict(dict)
    for tx, key, usd in LedgerEntry.objects.filter(kind=TransactionKind.TRANSFER, account_kind="fund").values_list(
        "transaction_id", "account_key", "usd"
    ):
        legs[tx]["out" if usd < 0 else "in"] = (key, usd)
    found: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for pair in legs.values():
        if "in" in pair and "out" in pair:
            found[pair["in"][0]].append((pair["out"][0], pair["in"][1]))
    return found


def donor_shares() -> dict[str, list[tuple[str, Decimal]]]:
    """Per fund: the share of each donor in its unearmarked money (donor code, fraction summing to 1).
    A donor's share is what it gave the fund unearmarked (receipts not reversed, less refunds) plus its
    share of every transfer the fund received from another fund: money moved between funds stays its
    first donors' money, counted once, never the receiving fund's donors'. A fund with no known donor
    has none (its flows show no donor)."""
    given: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in (
        Receipt.objects.filter(earmark=None, reversed_at=None)
        .values("fund__code", "donor__code")
        .annotate(u=Sum("usd_amount"))
    ):
        given[row["fund__code"]][row["donor__code"]] += row["u"]
    for row in Refund.objects.filter(earmark=None).values("fund__code", "donor__code").annotate(u=Sum("usd_amount")):
        given[row["fund__code"]][row["donor__code"]] -= row["u"]
    incoming = _transfers_in()
    found: dict[str, list[tuple[str, Decimal]]] = {}

    def shares_of(fund: str, path: frozenset[str]) -> list[tuple[str, Decimal]]:
        if fund in found:
            return found[fund]
        totals = defaultdict(Decimal, {d: u for d, u in given.get(fund, {}).items() if u > 0})
        for source, usd in incoming.get(fund, []):
            if source in path:  # money that came back round a cycle of transfers: already attributed
                continue
            for donor, share in shares_of(source, path | {fund}):
                totals[donor] += usd * share
        total = sum(totals.values(), ZERO)
        result = [(donor, value / total) for donor, value in sorted(totals.items()) if value > 0] if total > 0 else []
        if not path:
            found[fund] = result
        return result

    for fund in set(given) | set(incoming):
        shares_of(fund, frozenset())
    return found


def flows(
    *, start: dt.date | None = None, end: dt.date | None = None, donors: Any = None, country: str | None = None
) -> list[dict[str, Any]]:
    """USD flowing donor → fund → country and theme, through allocations to requests: each allocation's
    money is attributed to the donors of the pot it came from (an earmark: its donor; a fund's unearmarked
    money: `donor_shares`). A transfer between funds moves money a donor already gave: the receiving
    fund's allocations are attributed to the donors of the fund it came from, so each dollar is counted
    once, at its first donor. Each allocation is split to the cent (largest remainders): the rows add
    up exactly to the allocations. `country`: only the allocations to that State's requests."""
    allocations = (
        Allocation.objects.filter(status=AllocationStatus.ACTIVE)
        .select_related("fund", "earmark__agreement__donor", "request__country")
        .prefetch_related("request__themes")
    )
    if country:
        allocations = allocations.filter(request__country_id=country)
    if start:
        allocations = allocations.filter(allocated_on__gte=start)
    if end:
        allocations = allocations.filter(allocated_on__lte=end)
    fund_shares = donor_shares()

    result: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    for allocation in allocations:
        state = allocation.request.country_id if allocation.request_id else ""
        themes = [t.code for t in allocation.request.themes.all()] if allocation.request_id else []  # by code
        theme = themes[0] if themes else ""
        parts = (
            [(allocation.earmark.agreement.donor.code, Decimal(1))]
            if allocation.earmark_id
            else fund_shares.get(allocation.fund.code) or [("", Decimal(1))]
        )
        amounts = money.split(allocation.usd_amount, [share for _donor, share in parts], "USD")
        for (donor_code, _share), usd in zip(parts, amounts, strict=True):
            result[(donor_code, allocation.fund.code, state, theme)] += usd
    rows = [{"donor": d, "fund": f, "country": c, "theme": t, "usd": v} for (d, f, c, t), v in sorted(result.items())]
    if donors is not None:
        codes = set(donors.values_list("code", flat=True))
        rows = [r for r in rows if r["donor"] in codes]
    return rows


def contributions_by_year(*, donors: Any = None) -> list[dict[str, Any]]:
    """Money received (receipts not reversed, in USD at their recorded equivalent) per donor, fund, year
    and earmarked or not: the contributions table of open data and donor reports."""
    queryset = Receipt.objects.filter(reversed_at=None)
    if donors is not None:
        queryset = queryset.filter(donor__in=donors)
    table: dict[tuple[str, str, int, bool], Decimal] = defaultdict(Decimal)
    for donor, fund, day, earmark, usd in queryset.values_list(
        "donor__code", "fund__code", "received_on", "earmark_id", "usd_amount"
    ):
        table[(donor, fund, day.year, earmark is not None)] += usd
    return [
        {"donor": d, "fund": f, "year": y, "earmarked": e, "usd": money.round_to_unit(v, "USD")}
        for (d, f, y, e), v in sorted(table.items())
    ]


def fundable_ledger(kind: str, ids: list[int]) -> Iterator[tuple[dt.date, str, Decimal, str, Decimal, str]]:
    """Ledger rows of fundables (IATI transactions): (date, type, amount, currency, usd, donor code) with
    type incoming (money allocated to it), commitment (the same, as committed), disbursement and
    expenditure (money spent under it)."""
    allocations = Allocation.objects.filter(fundable_kind=kind, fundable_id__in=ids).select_related(
        "fund", "earmark__agreement__donor"
    )
    for allocation in allocations:
        donor = allocation.earmark.agreement.donor.code if allocation.earmark_id else ""
        yield (
            allocation.allocated_on,
            "commitment",
            allocation.fund_amount,
            allocation.fund.currency,
            allocation.usd_amount,
            donor,
        )
        for expenditure in allocation.expenditures.all():
            yield (
                expenditure.spent_on,
                "expenditure",
                expenditure.fund_amount,
                allocation.fund.currency,
                expenditure.usd_amount,
                donor,
            )


# ---------------------------------------------------------------------------------------------- for users


def get_fund_for_user(user: Any, code: str, action: Any = None) -> Fund:
    from .permissions import VIEW_FUNDS

    return load_for_user(user, Fund.objects.all(), action or VIEW_FUNDS, code=code)


def get_donor_for_user(user: Any, code: str, action: Any = None) -> Donor:
    from .permissions import VIEW_CONTRIBUTION

    return load_for_user(
        user, Donor.objects.select_related("country", "organisation"), action or VIEW_CONTRIBUTION, code=code
    )


def get_agreement_for_user(user: Any, pk: int, action: Any = None) -> ContributionAgreement:
    from .permissions import VIEW_CONTRIBUTION

    return load_for_user(
        user, ContributionAgreement.objects.select_related("donor", "fund"), action or VIEW_CONTRIBUTION, pk=pk
    )


def donors_of_user(user: Any) -> Any:
    return Donor.objects.for_user(user)


__all__ = [
    "FundStatement",
    "FundingSource",
    "contributions_by_year",
    "donor_shares",
    "donor_statement",
    "flows",
    "free_balance",
    "fund_balances",
    "fund_statement",
    "fundable_ledger",
    "funded_request_ids",
    "funding_sources",
    "get_agreement_for_user",
    "get_donor_for_user",
    "get_fund_for_user",
    "pledged_vs_paid",
    "request_funding",
]
