"""Models of the portfolio: programmes, projects, activities and trainings, results, partners' IATI data."""

from .delivery import Activity, TrainingEvent, TrainingRole
from .iati import IatiImport, ImportedActivity, ImportedBudget, ImportedTransaction
from .projects import (
    DESCRIPTION_MAX_CHARS,
    Programme,
    Project,
    ProjectBudget,
    ProjectCountry,
    ProjectMandate,
    ProjectOrganisation,
    ProjectRegion,
    ProjectRequest,
    ProjectSector,
)
from .results import Indicator, IndicatorPeriod, Outcome, Output

__all__ = [
    "DESCRIPTION_MAX_CHARS",
    "Activity",
    "IatiImport",
    "ImportedActivity",
    "ImportedBudget",
    "ImportedTransaction",
    "Indicator",
    "IndicatorPeriod",
    "Outcome",
    "Output",
    "Programme",
    "Project",
    "ProjectBudget",
    "ProjectCountry",
    "ProjectMandate",
    "ProjectOrganisation",
    "ProjectRegion",
    "ProjectRequest",
    "ProjectSector",
    "TrainingEvent",
    "TrainingRole",
]
