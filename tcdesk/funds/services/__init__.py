"""Every write of the funds app: funds, donors, agreements, earmarks, rates, pledges, receipts, refunds,
transfers, allocations, expenditure, closing periods; and the ledger they post to.

Each function runs in one transaction (a savepoint inside a caller's), validates before writing and
raises ValidationError naming the field and the rule; the money rules raise `errors.OverdrawnError`
and `errors.EarmarkForbidsError`. Draws on a pot lock its fund (and earmark) row first.
"""

from ._common import find_donor, rate_of
from .allocations import (
    FUNDABLE_STATUSES,
    Target,
    allocation_create,
    allocation_release,
    earmark_refusals,
    expenditure_record,
    request_target,
)
from .bulk import Posting, ledger_post_many
from .editing import agreement_update, donor_update, earmark_update, fund_update
from .imports import contributions_import, exchange_rates_import, request_rows
from .ledger import (
    LedgerCheck,
    LedgerImbalance,
    account_balance,
    account_balances,
    last_close,
    ledger_post,
    ledger_verify,
    period_close,
)
from .receipts import pledge_record, pot_of, receipt_record, receipt_reverse, refund_record, transfer_record
from .revaluation import fx_results, pledges_revalue, revaluation_row, unpaid_amounts
from .setup import agreement_create, donor_create, earmark_create, exchange_rate_set, fund_create

__all__ = [
    "FUNDABLE_STATUSES",
    "LedgerCheck",
    "LedgerImbalance",
    "Posting",
    "Target",
    "account_balance",
    "account_balances",
    "agreement_create",
    "agreement_update",
    "allocation_create",
    "allocation_release",
    "contributions_import",
    "donor_create",
    "donor_update",
    "earmark_create",
    "earmark_update",
    "earmark_refusals",
    "exchange_rate_set",
    "exchange_rates_import",
    "request_rows",
    "expenditure_record",
    "find_donor",
    "fund_create",
    "fx_results",
    "fund_update",
    "last_close",
    "ledger_post",
    "ledger_post_many",
    "ledger_verify",
    "period_close",
    "pledge_record",
    "pledges_revalue",
    "pot_of",
    "rate_of",
    "receipt_record",
    "receipt_reverse",
    "refund_record",
    "request_target",
    "revaluation_row",
    "transfer_record",
    "unpaid_amounts",
]
