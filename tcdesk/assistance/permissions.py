"""Who may do what with technical-assistance requests, priority weights and partners' activities.

A request is a State's communication to the programme: programme staff read every request, a State
focal point its own State's only, donors none (they see the use of their money in `funds`). Officers
(and administrators) act for the programme on every request; a focal point acts for its own State.
The auditor reads everything and changes nothing (the rules machinery applies that).
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import STAFF, Scope, declare

_OFFICERS = [Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR]

OPEN_QUEUE = declare(
    "assistance.open_queue",
    _("open the request queue (it lists the requests one may read)"),
    writes=False,
    signed_in=Scope.ALL,
)
VIEW_REQUEST = declare(
    "assistance.view_request",
    _("read requests, their timeline, attachments and priority, and export them"),
    writes=False,
    grants={**dict.fromkeys(STAFF, Scope.ALL), Role.STATE_FOCAL_POINT: Scope.ASSIGNED},
)
CREATE_REQUEST = declare(
    "assistance.create_request",
    _("make a request (a focal point for its State, an officer on a State's behalf)"),
    writes=True,
    grants={**dict.fromkeys(_OFFICERS, Scope.ALL), Role.STATE_FOCAL_POINT: Scope.ASSIGNED},
)
CHANGE_REQUEST = declare(
    "assistance.change_request",
    _("edit draft requests, take workflow actions, comment and attach files"),
    writes=True,
    grants={**dict.fromkeys(_OFFICERS, Scope.ALL), Role.STATE_FOCAL_POINT: Scope.ASSIGNED},
)
ACT_FOR_PROGRAMME = declare(
    "assistance.act_for_programme",
    _(
        "take the programme's side of the workflow (acknowledge, accept, decline, plan, deliver) and write "
        "internal notes"
    ),
    writes=True,
    grants=_OFFICERS,
)
ACT_FOR_STATE = declare(
    "assistance.act_for_state",
    _("take the State's side of the workflow (submit, respond, withdraw)"),
    writes=True,
    grants={Role.STATE_FOCAL_POINT: Scope.ASSIGNED},
)
VIEW_INTERNAL = declare(
    "assistance.view_internal",
    _("read the programme's internal notes on requests and their overlaps with other work"),
    writes=False,
    grants=STAFF,
)
VIEW_DASHBOARD = declare(
    "assistance.view_dashboard", _("read the figures of the request queue"), writes=False, grants=STAFF
)
IMPORT_REQUESTS = declare(
    "assistance.import_requests", _("import historical requests from a file"), writes=True, grants=_OFFICERS
)
VIEW_WEIGHTS = declare("assistance.view_weights", _("read the priority weights"), writes=False, grants=STAFF)
CHANGE_WEIGHTS = declare(
    "assistance.change_weights",
    _("save new priority weights (every score is recomputed)"),
    writes=True,
    grants=[Role.ADMINISTRATOR],
)
VIEW_PARTNER_ACTIVITIES = declare(
    "assistance.view_partner_activities", _("read partners' activities"), writes=False, grants=STAFF
)
RECORD_PARTNER_ACTIVITY = declare(
    "assistance.record_partner_activity", _("record partners' activities"), writes=True, grants=_OFFICERS
)
SAVE_QUEUE_FILTER = declare(
    "assistance.save_queue_filter",
    _("save and delete one's own named filters of the request queue"),
    writes=True,
    signed_in=Scope.OWN,
)
