"""Who may do what with programmes, projects, activities, trainings, results and IATI files.

Programme staff read the whole portfolio; a State focal point reads the projects delivered in its
State (a project's recipient countries); a donor reads the projects its earmarked money funds
(allocations drawn on its earmarks, as the funds app records them). Officers (and administrators) manage the
portfolio and import partners' IATI files. The auditor reads everything and changes nothing.
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import STAFF, Scope, declare

_OFFICERS = [Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR]

VIEW_PROGRAMME = declare(
    "portfolio.view_programme",
    _("read programmes (their projects are shown as far as one may read them)"),
    writes=False,
    signed_in=Scope.ALL,
)
VIEW_PROJECT = declare(
    "portfolio.view_project",
    _(
        "read projects, their activities, trainings and results (a focal point: those in its State; a donor: "
        "those its earmarked money funds)"
    ),
    writes=False,
    grants={**dict.fromkeys(STAFF, Scope.ALL), Role.STATE_FOCAL_POINT: Scope.ASSIGNED, Role.DONOR: Scope.ASSIGNED},
)
MANAGE_PORTFOLIO = declare(
    "portfolio.manage",
    _("create and change programmes, projects, activities, trainings and results"),
    writes=True,
    grants=_OFFICERS,
)
EXPORT_IATI = declare(
    "portfolio.export_iati", _("download the portfolio as an IATI 2.03 file"), writes=False, grants=STAFF
)
IMPORT_IATI = declare("portfolio.import_iati", _("import partners' IATI 2.03 files"), writes=True, grants=_OFFICERS)
VIEW_IATI_IMPORTS = declare(
    "portfolio.view_iati_imports",
    _("read partners' imported IATI activities and import runs"),
    writes=False,
    grants=STAFF,
)
