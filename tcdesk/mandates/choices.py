"""Closed vocabularies of the mandates app: bodies, paragraph kinds, actions, statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Body(models.TextChoices):
    GA = "GA", _("General Assembly")
    ECOSOC = "ECOSOC", _("Economic and Social Council")
    SC = "SC", _("Security Council")
    OTHER = "other", _("Other body")


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")


class SourceFormat(models.TextChoices):
    TEXT = "txt", _("Text")
    PDF = "pdf", _("PDF")


class ParagraphKind(models.TextChoices):
    PREAMBULAR = "preambular", _("Preambular")
    OPERATIVE = "operative", _("Operative")
    ANNEX = "annex", _("Annex")


class CitationKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    DOCUMENT = "document", _("Document")


class Action(models.TextChoices):
    """What an operative paragraph does; the parser's `kind` vocabulary."""

    REQUEST = "request", _("Request")
    CALL = "call", _("Call")
    URGING = "urging", _("Urging")
    INVITATION = "invitation", _("Invitation")
    ENCOURAGEMENT = "encouragement", _("Encouragement")
    DECISION = "decision", _("Decision")
    REAFFIRMATION = "reaffirmation", _("Reaffirmation")
    TAKING_NOTE = "taking_note", _("Taking note")
    WELCOME = "welcome", _("Welcome")
    APPRECIATION = "appreciation", _("Appreciation")
    ENDORSEMENT = "endorsement", _("Endorsement")
    RECOGNITION = "recognition", _("Recognition")
    EMPHASIS = "emphasis", _("Emphasis")
    CONCERN = "concern", _("Concern")
    CONDEMNATION = "condemnation", _("Condemnation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    RECALL = "recall", _("Recall")
    OTHER = "other", _("Other")


# Actions that ask someone to do something: a paragraph of this kind with lettered
# sub-paragraphs gives one mandate per sub-paragraph (each is a separate ask).
ASKING_ACTIONS = {
    Action.REQUEST,
    Action.CALL,
    Action.URGING,
    Action.INVITATION,
    Action.ENCOURAGEMENT,
    Action.RECOMMENDATION,
}


class MandateStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    SUPERSEDED = "superseded", _("Superseded")
    CLOSED = "closed", _("Closed")


# Statuses that still call for work ("what is still open").
PENDING_STATUSES = (MandateStatus.OPEN, MandateStatus.IN_PROGRESS)

# Allowed status changes through `mandate_status_change`. Superseded is reached only through
# `mandate_mark_superseded`, which names the later resolution.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    MandateStatus.OPEN: {MandateStatus.IN_PROGRESS, MandateStatus.DELIVERED, MandateStatus.CLOSED},
    MandateStatus.IN_PROGRESS: {MandateStatus.OPEN, MandateStatus.DELIVERED, MandateStatus.CLOSED},
    MandateStatus.DELIVERED: {MandateStatus.IN_PROGRESS, MandateStatus.CLOSED},
    MandateStatus.SUPERSEDED: {MandateStatus.OPEN},
    MandateStatus.CLOSED: {MandateStatus.OPEN},
}


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    STATUS = "status", _("Status changed")
    EVIDENCE = "evidence", _("Evidence added")
    SUPERSEDED = "superseded", _("Superseded")
    RENEWED = "renewed", _("Renewed")
    RELOADED = "reloaded", _("Text reloaded")


class ReportingKind(models.TextChoices):
    REPORT = "report", _("Report")
    TRANSMISSION = "transmission", _("Transmission of reports")


class DraftStatus(models.TextChoices):
    """Where a load stands at the review step."""

    OPEN = "open", _("Waiting for review")
    CONFIRMED = "confirmed", _("Confirmed")
    DISCARDED = "discarded", _("Discarded")
