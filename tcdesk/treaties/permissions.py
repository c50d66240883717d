"""Who may do what with treaty participation.

Treaty facts and status are public information: anyone reads instruments, status at a date, coverage
and the matrix (open data). The import log is for signed-in users. The secretariat and administrators
import status tables and record actions by hand.
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import Scope, declare

VIEW = declare(
    "treaties.view",
    _("read instruments, treaty status at any date, coverage and the matrix"),
    writes=False,
    public=True,
)
VIEW_IMPORTS = declare(
    "treaties.view_imports",
    _("read the log of treaty status imports"),
    writes=False,
    signed_in=Scope.ALL,
)
RECORD_ACTIONS = declare(
    "treaties.record_actions",
    _("import treaty status tables and record participation actions"),
    writes=True,
    grants=[Role.SECRETARIAT, Role.ADMINISTRATOR],
)
