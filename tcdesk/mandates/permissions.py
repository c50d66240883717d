"""Who may do what with resolutions and mandates (DESIGN.md, "Who uses it").

Reading is open to every signed-in user (resolutions are public documents, and the API serves them
as open data); loading resolutions is the secretariat's and administrators' job; tracking mandates
(status, evidence, superseded/renewed) is also open to programme officers. Auditors read only.
"""

from __future__ import annotations

from typing import Any

from tcdesk.accounts.choices import Role
from tcdesk.accounts.permissions import has_role


def can_load_resolutions(user: Any) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def can_track_mandates(user: Any) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR)
