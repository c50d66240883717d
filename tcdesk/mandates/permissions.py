"""Who may do what with resolutions and mandates.

Resolutions, their mandates and reporting requests are public documents: anyone reads them, the API
serves them as open data. The tracking (evidence, timeline) is for signed-in users. The secretariat
and administrators load resolutions; tracking a mandate (status, evidence, superseded or renewed) is
also open to programme officers. The auditor reads everything and changes nothing (the rules machinery
applies that to every action).
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import Scope, declare

VIEW = declare(
    "mandates.view",
    _("read resolutions, mandates and reporting requests"),
    writes=False,
    public=True,
)
VIEW_TRACKING = declare(
    "mandates.view_tracking",
    _("read the evidence and timeline of mandates"),
    writes=False,
    signed_in=Scope.ALL,
)
# Parsing costs seconds of a server's time per call: it is for those who load resolutions (to check a
# file before loading it), not for every signed-in user.
PARSE_RESOLUTION = declare(
    "mandates.parse_resolution",
    _("parse a resolution without storing it"),
    writes=False,
    grants=[Role.SECRETARIAT, Role.ADMINISTRATOR],
    computes=True,
)
VIEW_DRAFT = declare(
    "mandates.view_draft",
    _("read resolutions waiting for review"),
    writes=False,
    grants=[Role.SECRETARIAT, Role.ADMINISTRATOR],
)
LOAD_RESOLUTION = declare(
    "mandates.load_resolution",
    _("load or re-load resolutions, correct their reading at the review step and record their details"),
    writes=True,
    grants=[Role.SECRETARIAT, Role.ADMINISTRATOR],
)
TRACK_MANDATE = declare(
    "mandates.track_mandate",
    _("track mandates: status, evidence, superseded or renewed"),
    writes=True,
    grants=[Role.SECRETARIAT, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR],
)
