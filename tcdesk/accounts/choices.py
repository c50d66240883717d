"""Roles of tcdesk users (see docs/design.md, "The people who use it")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STATE_FOCAL_POINT = "state_focal_point", _("State focal point")
    PROGRAMME_OFFICER = "programme_officer", _("Programme officer")
    FUND_MANAGER = "fund_manager", _("Fund manager")
    DONOR = "donor", _("Donor")
    SECRETARIAT = "secretariat", _("Secretariat")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that act for someone and so need a scope (a State, an organisation or a donor).
SCOPED_ROLES = {Role.STATE_FOCAL_POINT, Role.DONOR}
