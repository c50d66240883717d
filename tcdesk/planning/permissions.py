"""Who may do what with funding plans (scenarios, solves, acceptance).

Fund managers and programme officers plan: they build scenarios, solve and compare them
(administrators too); fund managers accept one, which posts its allocations to the ledger. The rest
of the programme's staff (secretariat) read them; the auditor reads everything and changes nothing
(the rules machinery applies that). State focal points and donors see no scenario: a plan weighs
many States' requests and many donors' money against each other.
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import STAFF, Scope, declare

PLANNERS = [Role.FUND_MANAGER, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR]

VIEW_SCENARIO = declare(
    "planning.view_scenario",
    _("read funding scenarios, their solves and comparisons"),
    writes=False,
    grants=dict.fromkeys(STAFF, Scope.ALL),
)
PLAN_SCENARIO = declare(
    "planning.plan_scenario",
    _("build, edit and solve funding scenarios"),
    writes=True,
    grants=PLANNERS,
)
# Accepting posts allocations to the ledger, which fund managers approve (funds.allocate).
ACCEPT_SCENARIO = declare(
    "planning.accept_scenario",
    _("accept a solved funding scenario (post its allocations)"),
    writes=True,
    grants=[Role.FUND_MANAGER, Role.ADMINISTRATOR],
)
