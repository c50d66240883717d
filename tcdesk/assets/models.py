"""Asset sharing: agreements between States, confiscation cases, sharing decisions and transfers.

Amounts are Decimal in an ISO 4217 currency (`sharing.currencies`); every computation goes through the
pure module `sharing` (no Django), whose steps a decision stores as they were computed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import Action, ScopedQuerySet, reach, restrict
from tcdesk.core.limits import bounded
from tcdesk.core.models import Country, Organisation, TimeStampedModel

from . import permissions
from .choices import (
    AgreementRule,
    AgreementStatus,
    CaseRule,
    LegalBasis,
    PartyRole,
    ReturnKind,
    TransferKind,
    TransferMethod,
    UNFund,
)

MONEY = {"max_digits": 20, "decimal_places": 4}
SHARE = {"max_digits": 12, "decimal_places": 10}
# Text budgets (tcdesk.core.limits): read by the models, the forms, the API schemas and the services.
NOTE_MAX_CHARS = 2_000  # an agreement's notes, a party's reasons, a decision's note
CONDITIONS_MAX_CHARS = 10_000  # an agreement's conditions of use of the shared assets
DESCRIPTION_MAX_CHARS = 10_000  # a case's description
TABLE_MAX_CHARS = 2_000  # a table of shares typed one per line (KEY = share)


class AgreementQuerySet(ScopedQuerySet):
    """Staff read every agreement; a focal point those its State is a party to (either side)."""

    view_action = permissions.VIEW

    def for_user(self, user: Any, action: Action | None = None) -> AgreementQuerySet:
        action = action or self.view_action
        return restrict(self, user, action, country="state_id") | restrict(
            self, user, action, country="counterpart_state_id"
        )


class SharingAgreement(TimeStampedModel):
    """An agreement on sharing confiscated proceeds between two States, or a State and a regional
    organisation (operative paragraph 23 of resolution 60/175; the Model Bilateral Agreement)."""

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    state = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("State"), help_text=_("First party.")
    )
    counterpart_state = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("other State")
    )
    counterpart_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("regional organisation"),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    concluded_on = models.DateField(_("date"), null=True, blank=True, help_text=_("Signature or conclusion."))
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.NEGOTIATING
    )
    rule = models.CharField(_("sharing rule"), max_length=14, choices=AgreementRule.choices)
    percentages = models.JSONField(
        _("percentages"), default=dict, blank=True, help_text=_("Fixed percentages: ISO3 → share of the pool.")
    )
    tiers = models.JSONField(
        _("tier table"), default=dict, blank=True, help_text=_("Level of contribution → share of the pool.")
    )
    tier_source = models.CharField(
        _("source of the tier table"),
        max_length=300,
        blank=True,
        help_text=_("Where the tier table comes from (the agreement's article), or say it is unverified."),
    )
    deduct_expenses = models.BooleanField(_("reasonable expenses deducted before sharing"), default=True)
    request_deadline_days = models.PositiveIntegerField(
        _("days to request sharing"),
        null=True,
        blank=True,
        help_text=_("After the final confiscation order."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    transfer_method = models.CharField(
        _("transfer method"), max_length=14, choices=TransferMethod.choices, default=TransferMethod.BANK_TRANSFER
    )
    conditions_of_use = models.TextField(_("conditions of use"), blank=True, **bounded(CONDITIONS_MAX_CHARS))
    notes = models.TextField(_("notes"), blank=True, **bounded(NOTE_MAX_CHARS))
    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-concluded_on", "reference"]
        verbose_name = _("sharing agreement")
        verbose_name_plural = _("sharing agreements")
        constraints = [
            models.CheckConstraint(
                condition=(Q(counterpart_state__isnull=False) & Q(counterpart_organisation__isnull=True))
                | (Q(counterpart_state__isnull=True) & Q(counterpart_organisation__isnull=False)),
                name="assets_agreement_one_counterpart",
            ),
            models.CheckConstraint(
                condition=~Q(state=models.F("counterpart_state")), name="assets_agreement_two_states"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("assets:agreement_detail", args=[self.pk])

    @property
    def counterpart(self) -> Country | Organisation | None:
        return self.counterpart_state or self.counterpart_organisation

    @property
    def party_codes(self) -> list[str]:
        return [c for c in (self.state_id, self.counterpart_state_id) if c]


class CaseQuerySet(ScopedQuerySet):
    """Staff read every case; a focal point the cases its State takes part in (any role)."""

    view_action = permissions.VIEW

    def for_user(self, user: Any, action: Action | None = None) -> CaseQuerySet:
        action = action or self.view_action
        if reach(user, action).everything:
            return self.all()
        parties = restrict(CaseParty.objects.all(), user, action, country="state_id")
        return self.filter(pk__in=parties.values("case_id"))


class ConfiscationCase(TimeStampedModel):
    """Proceeds of crime confiscated by one State with others' cooperation, and what is shared of them."""

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    agreement = models.ForeignKey(
        SharingAgreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("agreement"),
        help_text=_("Empty when sharing is agreed for this case alone."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    currency = models.CharField(_("currency"), max_length=3)
    realised_amount = models.DecimalField(_("realised amount"), null=True, blank=True, **MONEY)
    realised_on = models.DateField(_("realised on"), null=True, blank=True)
    final_order_on = models.DateField(_("final confiscation order"), null=True, blank=True)
    request_deadline = models.DateField(
        _("deadline to request sharing"),
        null=True,
        blank=True,
        help_text=_("Empty: the final order date plus the agreement's days."),
    )
    sharing_requested_on = models.DateField(_("sharing requested on"), null=True, blank=True)
    rule = models.CharField(_("sharing rule"), max_length=12, choices=CaseRule.choices, blank=True)
    percentages = models.JSONField(_("percentages"), default=dict, blank=True)
    tiers = models.JSONField(_("tier table"), default=dict, blank=True)
    un_share_rate = models.DecimalField(
        _("UN share"),
        null=True,
        blank=True,
        help_text=_("A rate between 0 and 1 of the distributable amount."),
        **SHARE,
    )
    un_fund = models.CharField(_("UN account"), max_length=10, choices=UNFund.choices, blank=True)
    description = models.TextField(_("description"), blank=True, **bounded(DESCRIPTION_MAX_CHARS))
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-final_order_on", "reference"]
        verbose_name = _("confiscation case")
        verbose_name_plural = _("confiscation cases")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("assets:case_detail", args=[self.pk])


class CaseParty(models.Model):
    """A State taking part in a case, its role and (cooperating States) the assessment of its contribution."""

    case = models.ForeignKey(ConfiscationCase, on_delete=models.CASCADE, related_name="parties")
    state = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("State"))
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices)
    contribution = models.CharField(_("level of contribution"), max_length=40, blank=True)
    reasons = models.TextField(_("reasons of the assessment"), blank=True, **bounded(NOTE_MAX_CHARS))
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "state_id"]
        verbose_name = _("party to a case")
        verbose_name_plural = _("parties to a case")
        constraints = [models.UniqueConstraint(fields=["case", "state"], name="assets_party_once_per_case")]

    def __str__(self) -> str:
        return f"{self.state_id} ({self.get_role_display()})"


class CaseOffence(models.Model):
    """An offence behind a case, linked to the convention that covers it."""

    case = models.ForeignKey(ConfiscationCase, on_delete=models.CASCADE, related_name="offences")
    description = models.CharField(_("offence"), max_length=200)
    instrument = models.ForeignKey(
        "treaties.Instrument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("convention"),
    )
    article = models.CharField(_("article"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def __str__(self) -> str:
        return self.description


class CaseAsset(models.Model):
    """A confiscated asset, its value in its own currency at a date."""

    case = models.ForeignKey(ConfiscationCase, on_delete=models.CASCADE, related_name="assets")
    description = models.CharField(_("asset"), max_length=200)
    value = models.DecimalField(_("value"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    valued_on = models.DateField(_("valued on"), null=True, blank=True)
    confiscated_on = models.DateField(_("confiscated on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")

    def __str__(self) -> str:
        return self.description


class CaseReturn(models.Model):
    """An amount returned to a prior legitimate owner or to victims, before any sharing (case currency)."""

    case = models.ForeignKey(ConfiscationCase, on_delete=models.CASCADE, related_name="returns")
    recipient = models.CharField(_("returned to"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ReturnKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("return")
        verbose_name_plural = _("returns")

    def __str__(self) -> str:
        return self.recipient


class CaseExpense(models.Model):
    """Reasonable expenses a State incurred, paid back to it outside the split (case currency)."""

    case = models.ForeignKey(ConfiscationCase, on_delete=models.CASCADE, related_name="expenses")
    state = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("State"))
    description = models.CharField(_("expense"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")

    def __str__(self) -> str:
        return self.description


class SharingDecision(TimeStampedModel):
    """The sharing of a case as decided: the input and every step of the computation, stored as computed."""

    case = models.OneToOneField(ConfiscationCase, on_delete=models.PROTECT, related_name="decision")
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    currency = models.CharField(_("currency"), max_length=3)
    realised = models.DecimalField(_("realised"), **MONEY)
    returned = models.DecimalField(_("returned"), **MONEY)
    expenses = models.DecimalField(_("expenses"), **MONEY)
    distributable = models.DecimalField(_("distributable"), **MONEY)
    un_share_rate = models.DecimalField(_("UN share rate"), **SHARE)
    un_share = models.DecimalField(_("UN share"), **MONEY)
    pool = models.DecimalField(_("pool"), **MONEY)
    un_fund = models.CharField(_("UN account"), max_length=10, choices=UNFund.choices, blank=True)
    inputs = models.JSONField(_("input"), help_text=_("The compute_sharing document the decision was computed from."))
    steps = models.JSONField(_("steps"))
    un_receipt_reference = models.CharField(_("receipt reference in the funds ledger"), max_length=60, blank=True)
    note = models.TextField(_("note"), blank=True, **bounded(NOTE_MAX_CHARS))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sharing decision")
        verbose_name_plural = _("sharing decisions")

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.pool} {self.currency}"

    def get_absolute_url(self) -> str:
        return reverse("assets:case_detail", args=[self.case_id]) + "?tab=sharing"


class DecisionShare(models.Model):
    """One State's share of the pool in a decision (for reports by State)."""

    decision = models.ForeignKey(SharingDecision, on_delete=models.CASCADE, related_name="shares")
    state = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("State"))
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["decision", "state"], name="assets_share_once_per_state")]

    def __str__(self) -> str:
        return f"{self.state_id} {self.amount}"


class Transfer(TimeStampedModel):
    """Money actually moved under a decision: a State's share, expenses paid back, or the UN share."""

    decision = models.ForeignKey(SharingDecision, on_delete=models.PROTECT, related_name="transfers")
    kind = models.CharField(_("kind"), max_length=10, choices=TransferKind.choices)
    state = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("to State")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    transferred_on = models.DateField(_("transferred on"))
    method = models.CharField(_("method"), max_length=14, choices=TransferMethod.choices)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["transferred_on", "pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="assets_transfer_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} {self.currency}"
