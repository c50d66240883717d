"""Who may do what with reports.

Reports are the programme's documents to governing bodies: programme staff (officers, fund managers,
the secretariat, administrators) read them and their drafts; the secretariat and programme officers
(and administrators) define and generate them and write their conclusions. The auditor reads every
report and changes nothing (the rules machinery applies that). State focal points and donors are
refused Secretary-General's reports: a draft report to the Assembly is internal until it is issued as a
document. A donor reads (and downloads) the reports made for it on its own contributions.
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import STAFF, Scope, declare

_AUTHORS = [Role.SECRETARIAT, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR]

VIEW_REPORT = declare(
    "reports.view_report",
    _("read reports, preview them and download their generated versions (a donor: the reports made for it)"),
    writes=False,
    grants={**dict.fromkeys(STAFF, Scope.ALL), Role.DONOR: Scope.ASSIGNED},
)
GENERATE_REPORT = declare(
    "reports.generate_report",
    _("define reports, generate their documents and write their conclusions"),
    writes=True,
    grants=_AUTHORS,
)
VIEW_REPORT_SOURCES = declare(
    "reports.view_report_sources",
    _("list the records behind a report's figures (projects, activities, sharing agreements and decisions)"),
    writes=False,
    grants=list(STAFF),
)
