"""What users may do with their own account, and who administers accounts.

Every signed-in user reads their profile and revokes their own API tokens; administrators manage
users, roles and scopes (in the administration site). The machinery the actions use is `rules`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .choices import Role
from .rules import Scope, declare

VIEW_PROFILE = declare(
    "accounts.view_profile", _("see one's own profile, roles and API tokens"), writes=False, signed_in=Scope.ALL
)
VIEW_TOKENS = declare("accounts.view_tokens", _("see one's own API tokens"), writes=False, signed_in=Scope.OWN)
REVOKE_TOKEN = declare("accounts.revoke_token", _("revoke one's own API tokens"), writes=True, signed_in=Scope.OWN)
CREATE_TOKEN = declare(
    "accounts.create_token", _("create named API tokens for oneself"), writes=True, signed_in=Scope.OWN
)
CHANGE_PASSWORD = declare("accounts.change_password", _("change one's own password"), writes=True, signed_in=Scope.OWN)
ADMINISTER_USERS = declare(
    "accounts.administer_users",
    _("manage users, their roles and scopes in the administration site"),
    writes=True,
    grants=[Role.ADMINISTRATOR],
)
CHANGE_PREFERENCES = declare(
    "accounts.change_preferences",
    _("change one's own preferences (the language of pages and e-mails)"),
    writes=True,
    signed_in=Scope.OWN,
)
