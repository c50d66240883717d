"""Closed vocabularies of the assistance app (values shared with the pure `workflow` module)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import workflow


class RequestStatus(models.TextChoices):
    DRAFT = workflow.DRAFT, _("Draft")
    SUBMITTED = workflow.SUBMITTED, _("Submitted")
    ACKNOWLEDGED = workflow.ACKNOWLEDGED, _("Acknowledged")
    INFORMATION_REQUESTED = workflow.INFORMATION_REQUESTED, _("Information requested")
    ASSESSED = workflow.ASSESSED, _("Assessed")
    ACCEPTED = workflow.ACCEPTED, _("Accepted")
    DECLINED = workflow.DECLINED, _("Declined")
    PLANNED = workflow.PLANNED, _("Planned")
    DELIVERED = workflow.DELIVERED, _("Delivered")
    CLOSED = workflow.CLOSED, _("Closed")
    WITHDRAWN = workflow.WITHDRAWN, _("Withdrawn")


class RequestAction(models.TextChoices):
    SUBMIT = workflow.SUBMIT, _("Submit")
    ACKNOWLEDGE = workflow.ACKNOWLEDGE, _("Acknowledge")
    REQUEST_INFORMATION = workflow.REQUEST_INFORMATION, _("Ask for information")
    RESPOND = workflow.RESPOND, _("Provide the information")
    ASSESS = workflow.ASSESS, _("Record assessment")
    ACCEPT = workflow.ACCEPT, _("Accept")
    DECLINE = workflow.DECLINE, _("Decline")
    PLAN = workflow.PLAN, _("Plan")
    DELIVER = workflow.DELIVER, _("Mark delivered")
    CLOSE = workflow.CLOSE, _("Close")
    WITHDRAW = workflow.WITHDRAW, _("Withdraw")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Rating(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class AssistanceType(models.TextChoices):
    LEGISLATIVE_DRAFTING = "legislative_drafting", _("Legislative drafting")
    TRAINING_JUDGES = "training_judges", _("Training of judges")
    TRAINING_PROSECUTORS = "training_prosecutors", _("Training of prosecutors")
    TRAINING_POLICE = "training_police", _("Training of police")
    TRAINING_PRACTITIONERS = "training_practitioners", _("Training of other practitioners")
    INSTITUTION_BUILDING = "institution_building", _("Institution building")
    ADVISORY_SERVICES = "advisory_services", _("Advisory services")
    MENTORING = "mentoring", _("Mentoring")
    EQUIPMENT = "equipment", _("Equipment")
    RESEARCH_DATA = "research_data", _("Research and data")


class EventKind(models.TextChoices):
    TRANSITION = "transition", _("Status change")
    COMMENT = "comment", _("Comment")
    IMPORT = "import", _("Imported")


class ActivitySource(models.TextChoices):
    MANUAL = "manual", _("Recorded by hand")
    IATI = "iati", _("IATI import")
