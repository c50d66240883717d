"""IATI 2.03 codes that tcdesk reads and writes as closed enumerations.

These are the "embedded" code lists of the IATI Standard 2.03 (part of the version itself, changed
only by an upgrade): a value outside them makes an activity invalid, so the reader reports it
instead of guessing. Code lists that IATI changes between versions (sectors, countries, regions,
aid, finance and flow types, organisation types, policy markers) stay plain strings: their values
are checked by the people who publish them, not by this package.

source: IATI Standard 2.03 code lists (https://iatistandard.org/en/iati-standard/203/codelists/),
names as published after the 2018-12-04 correction of ActivityStatus 3 and 4.
"""

from __future__ import annotations

from enum import IntEnum


class ActivityStatus(IntEnum):
    PIPELINE = 1  # pipeline/identification
    IMPLEMENTATION = 2
    FINALISATION = 3
    CLOSED = 4
    CANCELLED = 5
    SUSPENDED = 6


class ActivityDateType(IntEnum):
    PLANNED_START = 1
    ACTUAL_START = 2
    PLANNED_END = 3
    ACTUAL_END = 4


class OrganisationRole(IntEnum):
    FUNDING = 1
    ACCOUNTABLE = 2
    EXTENDING = 3
    IMPLEMENTING = 4


class TransactionType(IntEnum):
    INCOMING_FUNDS = 1
    OUTGOING_COMMITMENT = 2
    DISBURSEMENT = 3
    EXPENDITURE = 4
    INTEREST_PAYMENT = 5
    LOAN_REPAYMENT = 6
    REIMBURSEMENT = 7
    PURCHASE_OF_EQUITY = 8
    SALE_OF_EQUITY = 9
    CREDIT_GUARANTEE = 10
    INCOMING_COMMITMENT = 11
    OUTGOING_PLEDGE = 12
    INCOMING_PLEDGE = 13


class BudgetType(IntEnum):
    ORIGINAL = 1
    REVISED = 2


class BudgetStatus(IntEnum):
    """When a file omits the status, IATI says the budget is indicative."""

    INDICATIVE = 1
    COMMITTED = 2


class DescriptionType(IntEnum):
    GENERAL = 1
    OBJECTIVES = 2
    TARGET_GROUPS = 3
    OTHER = 4


class PolicySignificance(IntEnum):
    NOT_TARGETED = 0
    SIGNIFICANT_OBJECTIVE = 1
    PRINCIPAL_OBJECTIVE = 2
    PRINCIPAL_OBJECTIVE_AND_ACTION_PROGRAMME = 3  # desertification marker only
    EXPLICIT_PRIMARY_OBJECTIVE = 4  # reproductive, maternal, newborn and child health marker only


class RelatedActivityType(IntEnum):
    PARENT = 1
    CHILD = 2
    SIBLING = 3
    CO_FUNDED = 4
    THIRD_PARTY = 5


class ResultType(IntEnum):
    OUTPUT = 1
    OUTCOME = 2
    IMPACT = 3
    OTHER = 9


class IndicatorMeasure(IntEnum):
    UNIT = 1
    PERCENTAGE = 2
    NOMINAL = 3
    ORDINAL = 4
    QUALITATIVE = 5


# Open code lists: the values tcdesk itself uses, named so that callers do not write magic strings.
SECTOR_VOCABULARY_DAC_5 = "1"  # OECD DAC CRS purpose codes (5 digit)
SECTOR_VOCABULARY_REPORTING_ORG = "99"
REGION_VOCABULARY_DAC = "1"  # OECD DAC region codes
POLICY_MARKER_VOCABULARY_DAC = "1"
POLICY_MARKER_GENDER_EQUALITY = "1"  # code 1 of the DAC policy markers; significance 0, 1 or 2
AID_TYPE_VOCABULARY_DAC = "1"
AID_TYPE_EXPERTS_AND_TECHNICAL_ASSISTANCE = "D02"  # "Other technical assistance"
ORGANISATION_TYPE_MULTILATERAL = "40"

# Result dimensions: IATI leaves names and values free; tcdesk disaggregates people counted by sex
# with these, the names the IATI guidance uses in its examples.
DIMENSION_SEX = "sex"
SEX_FEMALE = "female"
SEX_MALE = "male"
SEX_OTHER_OR_NOT_DISCLOSED = "other or not disclosed"

IATI_VERSION = "2.03"
