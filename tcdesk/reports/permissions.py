"""Who may do what with reports.

Reports are the programme's documents to governing bodies: programme staff (officers, fund managers,
the secretariat, administrators) read them and their drafts; the secretariat and programme officers
(and administrators) define and generate them and write their conclusions. The auditor reads every
report and changes nothing (the rules machinery applies that). State focal points and donors are
refused: a draft report to the Assembly is internal until it is issued as a document.
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import STAFF, declare

_AUTHORS = [Role.SECRETARIAT, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR]

VIEW_REPORT = declare(
    "reports.view_report",
    _("read reports, preview them and download their generated versions"),
    writes=False,
    grants=STAFF,
)
GENERATE_REPORT = declare(
    "reports.generate_report",
    _("define reports, generate their documents and write their conclusions"),
    writes=True,
    grants=_AUTHORS,
)
