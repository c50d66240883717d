"""Closed vocabularies of the funds app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundKind(models.TextChoices):
    GENERAL = "general", _("General-purpose trust fund")
    SPECIAL = "special", _("Special-purpose trust fund")
    INSTITUTE = "institute", _("Institute fund")
    CONVENTION = "convention", _("Convention funding mechanism")


class DonorKind(models.TextChoices):
    STATE = "state", _("State")
    ORGANISATION = "organisation", _("Organisation")
    FOUNDATION = "foundation", _("Foundation")
    PRIVATE = "private", _("Private donor")


class ContributionKind(models.TextChoices):
    PLEDGE = "pledge", _("Pledge")
    RECEIPT = "receipt", _("Receipt")


class AccountKind(models.TextChoices):
    """Ledger accounts. `fund` is a fund's unearmarked money, `earmark` an earmark's money (inside its fund),
        `allocation` money allocated and not yet spent, `donor` what a donor gave (negative: money out of the
        donor), `expenditure` and `support_costs` money spent (out of the fund), `exchange` the conversion
        account between currencies (its USD balance is the exchange gain or loss). `pledge` holds, in USD only,
    the revaluation of an unpaid pledge in another currency (month's rate against the agreement's
    signature-month rate), `fx_result` the gains (negative) and losses (positive) against that rate:
    `unrealised:CCY` from revaluations, `realised:CCY` from receipts."""

    FUND = "fund", _("Fund")
    EARMARK = "earmark", _("Earmark")
    DONOR = "donor", _("Donor")
    ALLOCATION = "allocation", _("Allocation")
    EXPENDITURE = "expenditure", _("Expenditure")
    SUPPORT_COSTS = "support_costs", _("Programme support costs")
    EXCHANGE = "exchange", _("Exchange")
    PLEDGE = "pledge", _("Unpaid pledge (revaluation)")
    FX_RESULT = "fx_result", _("Exchange gain or loss")


# Accounts that hold a fund's money: their sum is the fund's balance.
FUND_MONEY_ACCOUNTS = (AccountKind.FUND, AccountKind.EARMARK, AccountKind.ALLOCATION)


class TransactionKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    ALLOCATION = "allocation", _("Allocation")
    RELEASE = "release", _("Release of an allocation")
    EXPENDITURE = "expenditure", _("Expenditure")
    REFUND = "refund", _("Refund")
    TRANSFER = "transfer", _("Transfer between funds")
    REVERSAL = "reversal", _("Reversal")
    REVALUATION = "revaluation", _("Revaluation of unpaid pledges")


class AllocationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RELEASED = "released", _("Released")
