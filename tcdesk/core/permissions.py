"""What users may do with reference data, change history, background jobs and the dashboard.

Reference data (countries, regions, country groups and their memberships, organisations, themes) is
open data: anyone reads it, administrators change it. Change history names the people who made
changes, so it is for users with a role. A background job is seen by whoever started it.
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import EVERY_ROLE, Scope, declare

VIEW_REFERENCE_DATA = declare(
    "core.view_reference_data",
    _("read countries, regions, country groups, organisations and themes"),
    writes=False,
    public=True,
)
MANAGE_REFERENCE_DATA = declare(
    "core.manage_reference_data",
    _("change reference data (memberships, organisations) or reload its files"),
    writes=True,
    grants=[Role.ADMINISTRATOR],
)
READ_HISTORY = declare(
    "core.read_history",
    _("read the change history of records (who changed what, when)"),
    writes=False,
    grants=EVERY_ROLE,
)
VIEW_DASHBOARD = declare(
    "core.view_dashboard",
    _("open the dashboard"),
    writes=False,
    signed_in=Scope.ALL,
)
VIEW_JOB = declare(
    "core.view_job",
    _("follow the progress of a background job"),
    writes=False,
    signed_in=Scope.OWN,
    grants=[Role.ADMINISTRATOR],
)
VIEW_NOTIFICATIONS = declare(
    "core.view_notifications",
    _("see one's own notifications (recent events and reminders)"),
    writes=False,
    signed_in=Scope.OWN,
)
MARK_NOTIFICATIONS_READ = declare(
    "core.mark_notifications_read",
    _("mark one's own notifications read"),
    writes=True,
    signed_in=Scope.OWN,
)
