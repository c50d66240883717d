"""Closed vocabularies of the core app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    WORLD = "world", _("World")
    REGION = "region", _("Region")
    SUBREGION = "subregion", _("Sub-region")
    INTERMEDIATE = "intermediate", _("Intermediate region")


class UNStatus(models.TextChoices):
    MEMBER = "member", _("Member State")
    OBSERVER = "observer", _("Observer State")
    # Cook Islands and Niue: not UN Members, but parties to treaties deposited with the Secretary-General.
    NON_MEMBER = "non_member", _("Non-member State")


class OrganisationRoleKind(models.TextChoices):
    PROGRAMME_OFFICE = "programme_office", _("Programme office")
    INSTITUTE = "institute", _("Institute")
    GOVERNING_BODY = "governing_body", _("Governing body")
    DEVELOPMENT_PARTNER = "development_partner", _("Development partner")
    DONOR = "donor", _("Donor")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    DEPOSITARY = "depositary", _("Treaty depositary")
    REGIONAL_ORGANISATION = "regional_organisation", _("Regional organisation")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
