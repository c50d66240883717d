"""Funds, donors, contribution agreements and earmarks, pledges, receipts, exchange rates, allocations,
expenditure and refunds, and the append-only double-entry ledger they post to.

Balances are never stored on these rows: they are sums of ledger entries (`selectors`), with the
balances carried forward at each closed period (`PeriodClose`) as a cache `verify_ledger` re-derives.
The ledger tables refuse UPDATE and DELETE below the ORM (triggers made by migration 0002).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet
from tcdesk.core.limits import bounded
from tcdesk.core.models import TimeStampedModel, TranslatedNameMixin

from . import permissions
from .choices import AccountKind, AllocationStatus, DonorKind, FundKind, TransactionKind

MONEY = {"max_digits": 20, "decimal_places": 3}  # every ISO minor unit fits (KWD 3)
DEFAULT_PSC_RATE = Decimal("0.13")
# Text budgets (tcdesk.core.limits): read by the models, the forms, the API schemas and the services.
REPORTING_OBLIGATIONS_MAX_CHARS = 10_000  # a contribution agreement's clauses, summarised
NOTE_MAX_CHARS = 2_000  # an allocation's note
REASON_MAX_CHARS = 300  # a reversal's or release's reason, kept as the ledger memo (LedgerTransaction.memo)
CODE_LIST_MAX_CHARS = 2_000  # an earmark's or a form's list of codes, separated by commas


class FundQuerySet(ScopedQuerySet):
    """Programme staff read every fund (`VIEW_FUNDS`); donors see their money through their contributions."""

    view_action = permissions.VIEW_FUNDS


class Fund(TranslatedNameMixin, TimeStampedModel):
    """A fund holding voluntary contributions, kept in its currency of account (USD by default)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=FundKind.choices, default=FundKind.GENERAL)
    currency = models.CharField(_("currency of account"), max_length=3, default="USD")
    mandate_reference = models.CharField(_("legal basis"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = FundQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("funds:fund_detail", args=[self.code])


class DonorQuerySet(ScopedQuerySet):
    view_action = permissions.VIEW_CONTRIBUTION
    scope_fields = {"country": "country", "organisation": "organisation"}


class Donor(TimeStampedModel):
    """Who gives: a State (its core country record, not a copy), an organisation of the core register
    (the European Union, a development bank…), a foundation or a private donor."""

    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("ISO3 of a State, code of an organisation.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DonorKind.choices)
    country = models.OneToOneField(
        "core.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="donor", verbose_name=_("State")
    )
    organisation = models.OneToOneField(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donor",
        verbose_name=_("organisation"),
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = DonorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="state") & Q(country__isnull=False) & Q(organisation__isnull=True))
                | (Q(kind="organisation") & Q(organisation__isnull=False) & Q(country__isnull=True))
                | (Q(kind__in=["foundation", "private"]) & Q(country__isnull=True) & Q(organisation__isnull=True)),
                name="donor_kind_matches_its_record",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.country_id:
            return self.country.name
        if self.organisation_id:
            return self.organisation.name
        from django.utils.translation import get_language

        return (
            self.name_fr if (get_language() or "en").startswith("fr") and self.name_fr else self.name_en
        ) or self.code

    def get_absolute_url(self) -> str:
        return reverse("funds:donor_statement", args=[self.code])


class ContributionQuerySet(ScopedQuerySet):
    """Rows a donor may read: its own (its State or organisation)."""

    view_action = permissions.VIEW_CONTRIBUTION
    scope_fields = {"country": "donor__country", "organisation": "donor__organisation"}


class EarmarkQuerySet(ContributionQuerySet):
    scope_fields = {"country": "agreement__donor__country", "organisation": "agreement__donor__organisation"}


class ContributionAgreement(TimeStampedModel):
    """A donor's agreement to contribute an amount to a fund: validity, support-cost rate, reporting."""

    reference = models.CharField(_("reference"), max_length=60, unique=True)
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("donor"))
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("fund"))
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    signed_on = models.DateField(_("signature date"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    psc_rate = models.DecimalField(
        _("programme support cost rate"), max_digits=5, decimal_places=4, default=DEFAULT_PSC_RATE
    )
    reporting_obligations = models.TextField(
        _("reporting obligations"), blank=True, **bounded(REPORTING_OBLIGATIONS_MAX_CHARS)
    )
    history = HistoricalRecords()

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "reference"]
        verbose_name = _("contribution agreement")
        verbose_name_plural = _("contribution agreements")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="agreement_amount_positive"),
            models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")), name="agreement_valid_period"),
            models.CheckConstraint(condition=Q(psc_rate__gte=0) & Q(psc_rate__lt=1), name="agreement_psc_rate_range"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("funds:agreement_detail", args=[self.pk])


class Earmark(TimeStampedModel):
    """A restriction on the use of an agreement's money: themes, regions (M49), countries, specific
    requests, or fundables of higher apps (projects). An empty list places no restriction of that kind."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    agreement = models.ForeignKey(
        ContributionAgreement, on_delete=models.PROTECT, related_name="earmarks", verbose_name=_("agreement")
    )
    label = models.CharField(_("label"), max_length=200)
    themes = models.ManyToManyField("core.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    regions = models.ManyToManyField("core.Region", blank=True, related_name="+", verbose_name=_("regions"))
    countries = models.ManyToManyField("core.Country", blank=True, related_name="+", verbose_name=_("countries"))
    requests = models.ManyToManyField(
        "assistance.AssistanceRequest", blank=True, related_name="+", verbose_name=_("requests")
    )
    fundables = models.JSONField(_("projects and other fundables"), default=list, blank=True)
    history = HistoricalRecords()

    objects = EarmarkQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("earmark")
        verbose_name_plural = _("earmarks")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def fund(self) -> Fund:
        return self.agreement.fund


class Pledge(TimeStampedModel):
    """A donor's announced contribution, not yet received (revalued at each month's rate until paid)."""

    reference = models.CharField(_("reference"), max_length=80, unique=True)
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("donor"))
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("fund"))
    agreement = models.ForeignKey(
        ContributionAgreement, on_delete=models.PROTECT, null=True, blank=True, related_name="pledges"
    )
    earmark = models.ForeignKey(Earmark, on_delete=models.PROTECT, null=True, blank=True, related_name="pledges")
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    pledged_on = models.DateField(_("date"))
    history = HistoricalRecords()

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-pledged_on", "reference"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="pledge_amount_positive")]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.currency}"


class PledgeRevaluationQuerySet(ContributionQuerySet):
    scope_fields = {"country": "pledge__donor__country", "organisation": "pledge__donor__organisation"}


class PledgeRevaluation(models.Model):
    """An unpaid pledge in another currency than USD, revalued at a month's UN rate: its unpaid part, its
    USD value at that rate and at the rate of the agreement's signature month (the pledge's month
    without an agreement), and the cumulative unrealised gain (positive) or loss; `posted_usd` is what
    the month's transaction moved (the change since the previous revaluation)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="revaluations")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    rate = models.DecimalField(_("rate of the month"), max_digits=20, decimal_places=6)
    reference_rate = models.DecimalField(_("rate of the signature month"), max_digits=20, decimal_places=6)
    unpaid = models.DecimalField(_("unpaid"), **MONEY)
    usd_value = models.DecimalField(_("USD value at the month's rate"), **MONEY)
    gain_loss_usd = models.DecimalField(_("unrealised gain or loss (USD)"), **MONEY)
    posted_usd = models.DecimalField(_("posted this month (USD)"), **MONEY)
    transaction = models.ForeignKey("LedgerTransaction", on_delete=models.PROTECT, null=True, related_name="+")

    objects = PledgeRevaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "pledge"]
        verbose_name = _("pledge revaluation")
        verbose_name_plural = _("pledge revaluations")
        constraints = [models.UniqueConstraint(fields=["pledge", "month"], name="pledge_revalued_once_a_month")]

    def __str__(self) -> str:
        return f"{self.pledge.reference} {self.month:%Y-%m} {self.gain_loss_usd}"


class Receipt(TimeStampedModel):
    """Money received from a donor into a fund (or an earmark of it), converted at the month's UN rate."""

    reference = models.CharField(_("reference"), max_length=80, unique=True)
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("donor"))
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("fund"))
    agreement = models.ForeignKey(
        ContributionAgreement, on_delete=models.PROTECT, null=True, blank=True, related_name="receipts"
    )
    earmark = models.ForeignKey(Earmark, on_delete=models.PROTECT, null=True, blank=True, related_name="receipts")
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    received_on = models.DateField(_("received on"))
    rate = models.DecimalField(_("rate (units per USD)"), max_digits=20, decimal_places=6)
    usd_amount = models.DecimalField(_("USD equivalent"), **MONEY)
    fund_amount = models.DecimalField(_("amount in the fund's currency"), **MONEY)
    exchange_difference_usd = models.DecimalField(
        _("exchange gain or loss (USD)"),
        **MONEY,
        default=Decimal(0),
        help_text=_("USD at the receipt's rate minus USD at the rate of the agreement's signature month."),
    )
    reversed_at = models.DateTimeField(_("reversed"), null=True, blank=True)
    transaction = models.ForeignKey("LedgerTransaction", on_delete=models.PROTECT, null=True, related_name="+")
    history = HistoricalRecords()

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "reference"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_positive")]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.currency}"


class ExchangeRateQuerySet(ScopedQuerySet):
    view_action = permissions.VIEW_FUNDS


class ExchangeRate(TimeStampedModel):
    """The UN operational rate of exchange of a currency for a month: units of the currency per US dollar."""

    currency = models.CharField(_("currency"), max_length=3)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    rate = models.DecimalField(_("units per USD"), max_digits=20, decimal_places=6)
    history = HistoricalRecords()

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "currency"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "month"], name="rate_once_per_month"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.month:%Y-%m} {self.rate}"


class AllocationQuerySet(ScopedQuerySet):
    """Staff read every allocation; a donor those drawn on its earmarks."""

    view_action = permissions.VIEW_CONTRIBUTION
    scope_fields = {
        "country": "earmark__agreement__donor__country",
        "organisation": "earmark__agreement__donor__organisation",
    }


class Allocation(models.Model):
    """Money of a fund (or of one of its earmarks) set aside for an accepted request or a project."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("fund"))
    earmark = models.ForeignKey(
        Earmark, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations", verbose_name=_("earmark")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    fund_amount = models.DecimalField(_("amount in the fund's currency"), **MONEY)
    usd_amount = models.DecimalField(_("USD equivalent"), **MONEY)
    # SET_NULL: a request deleted (the demo refresh) leaves its allocation, named by `request_reference`, in
    # the ledger; its unspent money is then released like any other.
    request = models.ForeignKey(
        "assistance.AssistanceRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocations",
        verbose_name=_("request"),
    )
    request_reference = models.CharField(_("request reference"), max_length=20, blank=True)
    fundable_kind = models.CharField(_("fundable kind"), max_length=30, blank=True)
    fundable_id = models.PositiveIntegerField(_("fundable"), null=True, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    note = models.TextField(_("note"), blank=True, **bounded(NOTE_MAX_CHARS))
    status = models.CharField(_("status"), max_length=10, choices=AllocationStatus.choices, default="active")
    allocated_on = models.DateField(_("allocated on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    transaction = models.ForeignKey("LedgerTransaction", on_delete=models.PROTECT, null=True, related_name="+")
    history = HistoricalRecords()

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["-allocated_on", "-pk"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive"),
            models.CheckConstraint(
                condition=~Q(request_reference="") | Q(fundable_id__isnull=False), name="allocation_has_a_purpose"
            ),
        ]
        indexes = [models.Index(fields=["fundable_kind", "fundable_id"], name="allocation_fundable")]

    def __str__(self) -> str:
        return f"{self.fund.code} → {self.purpose} {self.amount} {self.currency}"

    @property
    def purpose(self) -> str:
        if self.request_reference:
            return self.request_reference
        return f"{self.fundable_kind} {self.fundable_id}"


class Expenditure(models.Model):
    """Money spent under an allocation, with programme support costs charged at the agreement's rate."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="expenditures", verbose_name=_("allocation")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    fund_amount = models.DecimalField(_("amount in the fund's currency"), **MONEY)
    support_costs = models.DecimalField(_("programme support costs"), **MONEY)
    usd_amount = models.DecimalField(_("USD equivalent"), **MONEY)
    spent_on = models.DateField(_("spent on"))
    reference = models.CharField(_("reference"), max_length=80, unique=True)
    transaction = models.ForeignKey("LedgerTransaction", on_delete=models.PROTECT, null=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-spent_on", "-pk"]
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="expenditure_amount_positive")]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.currency}"


class Refund(models.Model):
    """Unspent money returned to a donor from a fund (or one of its earmarks)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("fund"))
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("donor"))
    earmark = models.ForeignKey(Earmark, on_delete=models.PROTECT, null=True, blank=True, related_name="refunds")
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    usd_amount = models.DecimalField(_("USD equivalent"), **MONEY)
    refunded_on = models.DateField(_("refunded on"))
    reference = models.CharField(_("reference"), max_length=80, unique=True)
    transaction = models.ForeignKey("LedgerTransaction", on_delete=models.PROTECT, null=True, related_name="+")
    history = HistoricalRecords()

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-refunded_on", "-pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive")]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.currency}"


# ---------------------------------------------------------------------------------------------- ledger


class LedgerQuerySet(ScopedQuerySet):
    view_action = permissions.VIEW_FUNDS


class LedgerTransaction(models.Model):
    """A balanced set of ledger entries posted at once (per currency, and in USD equivalent).

    Never updated or deleted: a correction is another transaction that `reverses` this one.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=TransactionKind.choices)
    occurred_on = models.DateField(_("date"))
    posted_at = models.DateTimeField(_("posted"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=160, unique=True)
    source_type = models.CharField(_("source"), max_length=40)
    source_id = models.PositiveBigIntegerField(_("source id"), null=True)
    memo = models.CharField(_("memo"), max_length=300, blank=True)
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by")

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        indexes = [models.Index(fields=["source_type", "source_id"], name="ledger_tx_source")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.occurred_on}"


class LedgerEntry(models.Model):
    """One line of a transaction: a signed amount on an account, with its currency and USD equivalent."""

    transaction = models.ForeignKey(LedgerTransaction, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("transaction kind"), max_length=12, choices=TransactionKind.choices)
    account_kind = models.CharField(_("account kind"), max_length=14, choices=AccountKind.choices)
    account_key = models.CharField(_("account"), max_length=60)
    fund = models.CharField(_("fund"), max_length=20, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    usd = models.DecimalField(_("USD equivalent"), **MONEY)
    occurred_on = models.DateField(_("date"))

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            # Balances: one account's entries after the last closed period.
            models.Index(fields=["account_kind", "account_key", "occurred_on"], name="ledger_entry_account"),
            # Fund statements: a fund's entries in a period.
            models.Index(fields=["fund", "occurred_on"], name="ledger_entry_fund_day"),
        ]

    def __str__(self) -> str:
        return f"{self.account_kind}:{self.account_key} {self.amount} {self.currency}"


class PeriodClose(models.Model):
    """The ledger closed up to a day: entries on or before it can no longer be posted, and each account's
    balance at that day is carried forward (`CarriedBalance`), so balances and statements read only the
    entries after it. `verify_ledger` re-derives every carried balance from the entries."""

    closed_through = models.DateField(_("closed through"), unique=True)
    closed_at = models.DateTimeField(_("closed"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["-closed_through"]
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")

    def __str__(self) -> str:
        return f"closed through {self.closed_through}"


class CarriedBalance(models.Model):
    """An account's balance (per currency) at the end of a closed period."""

    close = models.ForeignKey(PeriodClose, on_delete=models.PROTECT, related_name="balances")
    account_kind = models.CharField(max_length=14, choices=AccountKind.choices)
    account_key = models.CharField(max_length=60)
    fund = models.CharField(max_length=20, blank=True)
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(**MONEY)
    usd = models.DecimalField(**MONEY)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["close", "account_kind", "account_key", "fund", "currency"],
                name="carried_balance_once_per_fund",
            )
        ]
        indexes = [
            models.Index(fields=["account_kind", "account_key"], name="carried_account"),
            # Fund statements: one fund's carried balances at one close.
            models.Index(fields=["close", "fund"], name="carried_close_fund"),
        ]

    def __str__(self) -> str:
        return f"{self.account_kind}:{self.account_key} {self.amount} {self.currency}"


__all__ = [
    "AccountKind",
    "Allocation",
    "CarriedBalance",
    "ContributionAgreement",
    "Donor",
    "Earmark",
    "ExchangeRate",
    "Expenditure",
    "Fund",
    "LedgerEntry",
    "LedgerTransaction",
    "PeriodClose",
    "Pledge",
    "PledgeRevaluation",
    "Receipt",
    "Refund",
]
