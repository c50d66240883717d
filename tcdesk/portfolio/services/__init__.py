"""Every write of the portfolio app: programmes, projects, activities, trainings, results, IATI imports.

Each function runs in one transaction, checks the actor's permission, validates before writing and
raises ValidationError naming the field and the rule; history is kept by django-simple-history.
"""

from .delivery import activity_save, indicator_save, outcome_save, output_save, training_save
from .iati_import import iati_import, request_activities
from .projects import programme_save, project_answer_request, project_save

__all__ = [
    "activity_save",
    "iati_import",
    "request_activities",
    "indicator_save",
    "outcome_save",
    "output_save",
    "programme_save",
    "project_answer_request",
    "project_save",
    "training_save",
]
