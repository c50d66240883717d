"""Closed vocabularies of the reports app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    SECRETARY_GENERAL = "sg", _("Report of the Secretary-General on a resolution")
    DONOR = "donor", _("Report to a donor on its contributions")
    CONFERENCE = "cop", _("Report to a Conference of the Parties on a convention")


class VersionStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Generating")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ReportLanguage(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
