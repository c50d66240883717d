"""Who may do what with funds, donors, agreements and the ledger.

Fund managers (`finance`) record and allocate; programme staff read every fund and contribution; a donor
reads its own agreements, receipts, earmarks and their use (its State or organisation); the auditor
reads everything and changes nothing (the rules machinery applies that).
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import STAFF, Scope, declare

_MANAGERS = [Role.FUND_MANAGER, Role.ADMINISTRATOR]

VIEW_FUNDS = declare(
    "funds.view_funds",
    _("read funds, their statements, the ledger and exchange rates"),
    writes=False,
    grants=STAFF,
)
VIEW_CONTRIBUTION = declare(
    "funds.view_contribution",
    _("read contributions (agreements, pledges, receipts, earmarks) and their use"),
    writes=False,
    grants={**dict.fromkeys(STAFF, Scope.ALL), Role.DONOR: Scope.ASSIGNED},
)
MANAGE_FUNDS = declare(
    "funds.manage_funds",
    _("manage funds, donors, agreements, earmarks and exchange rates"),
    writes=True,
    grants=_MANAGERS,
)
RECORD_CONTRIBUTION = declare(
    "funds.record_contribution",
    _("record and import pledges, receipts and refunds"),
    writes=True,
    grants=_MANAGERS,
)
ALLOCATE = declare(
    "funds.allocate",
    _("allocate money to requests and projects and record expenditure"),
    writes=True,
    grants=_MANAGERS,
)
