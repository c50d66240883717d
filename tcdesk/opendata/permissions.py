"""Who may do what with open data.

Everything the open-data pages, files, feeds and API show is public: anyone reads it, signed in or
not (`VIEW`). What is published is decided by the administrator, who may exclude a project or a
donor from publication (`MANAGE_EXCLUSIONS`); every exclusion and its removal is in the history.
"""

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import declare

VIEW = declare(
    "opendata.view",
    _("read the open-data pages, downloads, IATI feed and open API (anyone, without signing in)"),
    writes=False,
    public=True,
)
MANAGE_EXCLUSIONS = declare(
    "opendata.manage_exclusions",
    _("exclude a project or a donor from publication, or publish it again"),
    writes=True,
    grants=[Role.ADMINISTRATOR],
)
