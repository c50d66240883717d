"""Closed vocabularies of asset sharing (labels translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalBasis(models.TextChoices):
    """The provisions a sharing agreement or case rests on (see LEGAL_BASES.md: what was verified)."""

    UNTOC_14_3_B = "untoc_14_3_b", _("Organized Crime Convention, art. 14(3)(b): sharing with other States Parties")
    UNTOC_14_3_A = (
        "untoc_14_3_a",
        _(
            "Organized Crime Convention, art. 14(3)(a): contribution to the UN account (art. 30(2)(c)) "
            "and intergovernmental bodies"
        ),
    )
    UNCAC_57 = "uncac_57", _("Convention against Corruption, art. 57: return and disposal of assets")
    DRUGS_1988_5_5_B_II = "drugs_1988_5_5_b_ii", _("1988 Convention, art. 5(5)(b)(ii): sharing with other Parties")
    DRUGS_1988_5_5_B_I = (
        "drugs_1988_5_5_b_i",
        _("1988 Convention, art. 5(5)(b)(i): contribution to intergovernmental bodies"),
    )
    MODEL_AGREEMENT = (
        "model_agreement",
        _("Bilateral agreement following the Model Bilateral Agreement (ECOSOC resolution 2005/14)"),
    )
    DOMESTIC_LAW = "domestic_law", _("Domestic law or another arrangement")


# The instrument (treaties app code) each legal basis cites; None: no single convention.
LEGAL_BASIS_INSTRUMENT = {
    LegalBasis.UNTOC_14_3_B: "UNTOC",
    LegalBasis.UNTOC_14_3_A: "UNTOC",
    LegalBasis.UNCAC_57: "UNCAC",
    LegalBasis.DRUGS_1988_5_5_B_II: "DRUG_TRAFFICKING_1988",
    LegalBasis.DRUGS_1988_5_5_B_I: "DRUG_TRAFFICKING_1988",
    LegalBasis.MODEL_AGREEMENT: None,
    LegalBasis.DOMESTIC_LAW: None,
}


class AgreementStatus(models.TextChoices):
    NEGOTIATING = "negotiating", _("negotiating")
    SIGNED = "signed", _("signed")
    IN_FORCE = "in_force", _("in force")
    TERMINATED = "terminated", _("terminated")


class AgreementRule(models.TextChoices):
    """How an agreement shares: case by case (percentages decided for each case) or a fixed rule."""

    CASE_BY_CASE = "case_by_case", _("case by case")
    EQUAL = "equal", _("equal shares")
    PERCENTAGES = "percentages", _("fixed percentages")
    TIERED = "tiered", _("tiered by level of contribution")


class CaseRule(models.TextChoices):
    """The rule a computation applies (the pure module's kinds)."""

    EQUAL = "equal", _("equal shares")
    PERCENTAGES = "percentages", _("percentages")
    TIERED = "tiered", _("tiered by level of contribution")


class TransferMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("bank transfer")
    CHEQUE = "cheque", _("cheque")
    PROPERTY = "property", _("transfer of the property itself")
    OTHER = "other", _("other (see the conditions)")


class PartyRole(models.TextChoices):
    CONFISCATING = "confiscating", _("confiscating")
    COOPERATING = "cooperating", _("cooperating")


class ReturnKind(models.TextChoices):
    PRIOR_OWNER = "prior_owner", _("prior legitimate owner")
    VICTIMS = "victims", _("compensation of victims")
    REQUESTING_STATE = "requesting_state", _("return to the requesting State (UNCAC art. 57(3))")


class UNFund(models.TextChoices):
    """The UN accounts a share may go to (fund codes of the funds app)."""

    UNTOC_30 = "UNTOC-30", _("Organized Crime Convention account (art. 30(2)(c))")
    UNCAC_62 = "UNCAC-62", _("Convention against Corruption account (art. 62(2)(c))")


class TransferKind(models.TextChoices):
    SHARE = "share", _("share of a State")
    EXPENSE = "expense", _("reimbursement of expenses")
    UN_SHARE = "un_share", _("UN share")
