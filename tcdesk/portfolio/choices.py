"""Closed vocabularies of the portfolio app (labels translatable). IATI codes keep their IATI values."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeScope(models.TextChoices):
    GLOBAL = "global", _("Global")
    REGIONAL = "regional", _("Regional")
    COUNTRY = "country", _("Country")


class ProjectStatus(models.IntegerChoices):
    """IATI ActivityStatus (2.03), same codes."""

    PIPELINE = 1, _("Pipeline/identification")
    IMPLEMENTATION = 2, _("Implementation")
    FINALISATION = 3, _("Finalisation")
    CLOSED = 4, _("Closed")
    CANCELLED = 5, _("Cancelled")
    SUSPENDED = 6, _("Suspended")


class GenderMarker(models.IntegerChoices):
    """OECD DAC gender equality policy marker (IATI policy-marker code 1, significance 0–2)."""

    NOT_TARGETED = 0, _("Not targeted (0)")
    SIGNIFICANT = 1, _("Significant objective (1)")
    PRINCIPAL = 2, _("Principal objective (2)")


class OrgRole(models.IntegerChoices):
    """IATI OrganisationRole, same codes."""

    FUNDING = 1, _("Funding")
    ACCOUNTABLE = 2, _("Accountable")
    EXTENDING = 3, _("Extending")
    IMPLEMENTING = 4, _("Implementing")


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training event")
    LEGISLATIVE_DRAFTING = "legislative_drafting", _("Legislative drafting assistance")
    ADVISORY_MISSION = "advisory_mission", _("Advisory mission")
    CONFERENCE = "conference", _("Conference")
    PUBLICATION = "publication", _("Publication")
    EQUIPMENT = "equipment", _("Equipment")


class TargetGroup(models.TextChoices):
    JUDGES = "judges", _("Judges")
    PROSECUTORS = "prosecutors", _("Prosecutors")
    POLICE = "police", _("Police")
    CUSTOMS = "customs", _("Customs")
    FIU = "fiu", _("Financial intelligence units")
    CENTRAL_AUTHORITIES = "central_authorities", _("Central authorities")
    PRISON_STAFF = "prison_staff", _("Prison staff")
    LEGISLATORS = "legislators", _("Legislators and drafters")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class IndicatorMeasure(models.IntegerChoices):
    """IATI IndicatorMeasure, the two tcdesk uses."""

    UNIT = 1, _("Unit")
    PERCENTAGE = 2, _("Percentage")


class ResultLevel(models.IntegerChoices):
    """IATI ResultType: outputs and outcomes."""

    OUTPUT = 1, _("Output")
    OUTCOME = 2, _("Outcome")


# DAC 5-digit purpose codes the programme's work falls under (OECD DAC CRS purpose codes, 2023 list).
DAC_SECTORS: dict[str, str] = {
    "15113": _("Anti-corruption organisations and institutions"),
    "15130": _("Legal and judicial development"),
    "15131": _("Justice, law and order policy, planning and administration"),
    "15132": _("Police"),
    "15133": _("Fire and rescue services"),
    "15134": _("Judicial affairs"),
    "15135": _("Ombudsman"),
    "15136": _("Immigration"),
    "15137": _("Prisons"),
    "15160": _("Human rights"),
    "15180": _("Ending violence against women and girls"),
    "15190": _("Facilitation of orderly, safe, regular and responsible migration and mobility"),
    "15196": _("Government and civil society statistics and data"),
    "15210": _("Security system management and reform"),
    "15220": _("Civilian peace-building, conflict prevention and resolution"),
    "15240": _("Reintegration and SALW control"),
    "15261": _("Child soldiers (prevention and demobilisation)"),
    "16063": _("Narcotics control"),
}

# Themes a partner's DAC sector suggests (for overlap detection with requests).
THEMES_BY_SECTOR: dict[str, str] = {
    "15113": "corruption",
    "15130": "criminal_justice",
    "15131": "criminal_justice",
    "15132": "criminal_justice",
    "15134": "criminal_justice",
    "15137": "criminal_justice",
    "15180": "gender",
    "15190": "smuggling_of_migrants",
    "15210": "criminal_justice",
    "15220": "post_conflict",
    "15240": "firearms",
    "16063": "drugs",
}
