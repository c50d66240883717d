"""Closed vocabularies of the treaties app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tcdesk.treaties.status_formats import parsed as actions


class Depositary(models.TextChoices):
    UN_SG = "UN_SG", _("Secretary-General of the United Nations")
    ICAO = "ICAO", _("International Civil Aviation Organization")
    IMO = "IMO", _("Secretary-General of the International Maritime Organization")
    IAEA = "IAEA", _("Director General of the International Atomic Energy Agency")
    RUS_UK_USA = "RUS_UK_USA", _("Russian Federation, United Kingdom and United States")
    RUS_UK_USA_ICAO = "RUS_UK_USA_ICAO", _("Russian Federation, United Kingdom, United States and ICAO")


class Family(models.TextChoices):
    CRIME = "crime", _("Organized crime and corruption")
    TERRORISM = "terrorism", _("Universal instruments against terrorism")
    DRUGS = "drugs", _("Drug control conventions")
    CYBERCRIME = "cybercrime", _("Cybercrime")


class FactsVerified(models.TextChoices):
    YES = "yes", _("verified")
    PARTIAL = "partial", _("partly verified")
    NO = "no", _("not verified")


class ActionKind(models.TextChoices):
    SIGNATURE = actions.SIGNATURE, _("signature")
    SUCCESSION_TO_SIGNATURE = actions.SUCCESSION_TO_SIGNATURE, _("succession to signature (d)")
    RATIFICATION = actions.RATIFICATION, _("ratification")
    ACCESSION = actions.ACCESSION, _("accession (a)")
    ACCEPTANCE = actions.ACCEPTANCE, _("acceptance (A)")
    APPROVAL = actions.APPROVAL, _("approval (AA)")
    SUCCESSION = actions.SUCCESSION, _("succession (d)")
    FORMAL_CONFIRMATION = actions.FORMAL_CONFIRMATION, _("formal confirmation (c)")
    DEFINITIVE_SIGNATURE = actions.DEFINITIVE_SIGNATURE, _("definitive signature (s)")
    DENUNCIATION = actions.DENUNCIATION, _("denunciation")
    WITHDRAWAL = actions.WITHDRAWAL, _("withdrawal")


class ImportFormat(models.TextChoices):
    UNTC_XML = "untc_xml", _("Treaty collection XML")
    HTML = "html", _("HTML table")
    TEXT = "text", _("Copied text table")
    CSV = "csv", _("CSV (participant, action, date)")


class ImportOutcome(models.TextChoices):
    DRY_RUN = "dry_run", _("dry run")
    APPLIED = "applied", _("applied")
    REJECTED = "rejected", _("rejected (errors, nothing written)")
    UNREADABLE = "unreadable", _("unreadable file")


class CountryStatus(models.TextChoices):
    PARTY = "party", _("party")
    SIGNATORY = "signatory", _("signatory")
    PENDING = "pending", _("consent deposited, not yet in effect")
    FORMER = "former", _("former party")
    NONE = "none", _("not party")
