"""Who may do what with asset-sharing agreements, confiscation cases, decisions and transfers.

Sharing is between States: programme staff read everything; a State focal point reads the agreements
its State is a party to and the cases its State takes part in (confiscating or cooperating), and the
reports computed from those only. Donors see nothing here: confiscated proceeds are not their
contributions (a UN share, once posted, shows in `funds` like any receipt). Programme officers (and
administrators) record agreements, cases, decisions and transfers; posting a UN share to the funds
ledger is the fund manager's (or an administrator's) act, since it creates a receipt. The auditor reads
everything and changes nothing (the rules machinery applies that).
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import STAFF, Scope, declare

_OFFICERS = [Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR]

VIEW = declare(
    "assets.view",
    _("read sharing agreements, confiscation cases, sharing decisions, transfers and their reports"),
    writes=False,
    grants={**dict.fromkeys(STAFF, Scope.ALL), Role.STATE_FOCAL_POINT: Scope.ASSIGNED},
)
MANAGE = declare(
    "assets.manage",
    _("record sharing agreements, confiscation cases, sharing decisions and transfers"),
    writes=True,
    grants=_OFFICERS,
)
POST_UN_SHARE = declare(
    "assets.post_un_share",
    _("post the UN share of a sharing decision as a receipt in the funds ledger"),
    writes=True,
    grants=[Role.FUND_MANAGER, Role.ADMINISTRATOR],
)
