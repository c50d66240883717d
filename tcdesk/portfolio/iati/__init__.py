"""IATI 2.03 for tcdesk: dataclasses, a streaming writer and reader, and the official schemas.

Pure package (no Django). The portfolio app maps its models to `Activity` and `Organisation`
(and partners' activities back from them); this package turns those into valid IATI 2.03 XML and
back, in constant memory whatever the number of activities:

    export_activities(path, activities)          # temp file → schema-validated → renamed over path
    write_activities(binary_stream, activities)  # the same document to any stream
    for activity in read_activities(path_or_file, report=report): ...   # partners' files
    export_organisations(path, [organisation]); read_organisations(path_or_file)
    validate_file(path)                          # schema validation of a file of any size, streaming

Files the package cannot read raise `IatiFileError` (not XML, not IATI, not 2.03, truncated),
with the line; activities the schema rejects are reported with their lines in the `ReadReport` and
passed over; exports that would not validate raise `IatiExportError` and publish nothing. The
vendored schemas and their origin are in `schemas/2.03/` (see SOURCE.md there); README.md says how
the portfolio app maps its models to these dataclasses.
"""

from tcdesk.portfolio.iati.codes import (
    IATI_VERSION,
    ActivityDateType,
    ActivityStatus,
    BudgetStatus,
    BudgetType,
    DescriptionType,
    IndicatorMeasure,
    OrganisationRole,
    PolicySignificance,
    RelatedActivityType,
    ResultType,
    TransactionType,
)
from tcdesk.portfolio.iati.errors import IatiExportError, IatiFileError, IatiIssue
from tcdesk.portfolio.iati.model import (
    Activity,
    AidType,
    Baseline,
    Budget,
    Description,
    Dimension,
    DocumentLink,
    Indicator,
    Money,
    Narrative,
    Narratives,
    ParticipatingOrg,
    PolicyMarker,
    RecipientCountry,
    RecipientRegion,
    RelatedActivity,
    ReportingOrg,
    Result,
    ResultPeriod,
    ResultValue,
    Sector,
    Tag,
    Transaction,
    TransactionOrg,
    narratives,
    text_in,
)
from tcdesk.portfolio.iati.organisation import (
    BudgetLine,
    Organisation,
    RecipientCountryBudget,
    RecipientOrgBudget,
    RecipientRegionBudget,
    TotalBudget,
    TotalExpenditure,
)
from tcdesk.portfolio.iati.reader import ReadReport, read_activities, read_organisations, validate_file
from tcdesk.portfolio.iati.rules import check_activity, check_organisation
from tcdesk.portfolio.iati.schema import get_schema, validate_document, validate_element
from tcdesk.portfolio.iati.writer import (
    WriteSummary,
    export_activities,
    export_organisations,
    write_activities,
    write_organisations,
)

__all__ = [
    "IATI_VERSION",
    "Activity",
    "ActivityDateType",
    "ActivityStatus",
    "AidType",
    "Baseline",
    "Budget",
    "BudgetLine",
    "BudgetStatus",
    "BudgetType",
    "Description",
    "DescriptionType",
    "Dimension",
    "DocumentLink",
    "IatiExportError",
    "IatiFileError",
    "IatiIssue",
    "Indicator",
    "IndicatorMeasure",
    "Money",
    "Narrative",
    "Narratives",
    "Organisation",
    "OrganisationRole",
    "ParticipatingOrg",
    "PolicyMarker",
    "PolicySignificance",
    "ReadReport",
    "RecipientCountry",
    "RecipientCountryBudget",
    "RecipientOrgBudget",
    "RecipientRegion",
    "RecipientRegionBudget",
    "RelatedActivity",
    "RelatedActivityType",
    "ReportingOrg",
    "Result",
    "ResultPeriod",
    "ResultType",
    "ResultValue",
    "Sector",
    "Tag",
    "TotalBudget",
    "TotalExpenditure",
    "Transaction",
    "TransactionOrg",
    "TransactionType",
    "WriteSummary",
    "check_activity",
    "validate_file",
    "check_organisation",
    "export_activities",
    "export_organisations",
    "get_schema",
    "narratives",
    "read_activities",
    "read_organisations",
    "text_in",
    "validate_document",
    "validate_element",
    "write_activities",
    "write_organisations",
]
