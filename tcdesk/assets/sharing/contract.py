"""The JSON document of `tcdesk compute_sharing --input FILE` turned into a SharingCase. No Django here.

    {"currency": "USD", "realised": "1000000.00",
     "returns": [{"to": "victims' fund", "amount": "50000.00"}],
     "expenses": [{"party": "CHE", "amount": "12000.00"}],
     "un_share": "0.10" | null,
     "rule": {"kind": "equal" | "percentages" | "tiered",
              "percentages": {"CHE": "0.6", "COL": "0.4"}, "tiers": {"major": "0.5"}},
     "parties": [{"state": "CHE", "role": "confiscating"},
                 {"state": "COL", "role": "cooperating", "contribution": "major"}]}

Amounts and shares are decimal strings; JSON numbers are accepted too when the document is read with
`parse_float=Decimal` (as `load_document` does), so 0.1 stays exactly 0.1. Keys the contract does not
name are ignored, so the document can be extended.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from tcdesk.assets.sharing.model import Expense, Party, Return, SharingCase, SharingError, SharingRule


def load_document(text: str) -> Any:
    """Parse JSON keeping numbers exact (floats as Decimal); NaN and Infinity are refused."""

    def refuse_constant(name: str) -> None:
        raise SharingError("(document)", "not_json", f"{name} is not a number the contract accepts")

    try:
        return json.loads(text, parse_float=Decimal, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise SharingError(
            "(document)", "not_json", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc


def case_from_document(document: Any) -> SharingCase:
    """The SharingCase a contract document describes; SharingError names the first field at fault.

    Only the shape is checked here (objects, lists, strings, numbers); the sharing rules are checked
    by `compute_sharing`.
    """
    top = _object(document, "(document)")
    for key in ("currency", "realised", "rule", "parties"):
        if key not in top:
            raise SharingError(key, "missing_field", "this field is required")
    rule = _object(top["rule"], "rule")
    if "kind" not in rule:
        raise SharingError("rule.kind", "missing_field", "this field is required (equal, percentages or tiered)")
    return SharingCase(
        currency=_string(top["currency"], "currency"),
        realised=_decimal(top["realised"], "realised"),
        returns=tuple(
            Return(
                to=_string(item.get("to"), f"returns[{i}].to"),
                amount=_decimal(item.get("amount"), f"returns[{i}].amount"),
            )
            for i, item in _objects(top.get("returns"), "returns")
        ),
        expenses=tuple(
            Expense(
                party=_string(item.get("party"), f"expenses[{i}].party"),
                amount=_decimal(item.get("amount"), f"expenses[{i}].amount"),
            )
            for i, item in _objects(top.get("expenses"), "expenses")
        ),
        un_share=None if top.get("un_share") is None else _decimal(top["un_share"], "un_share"),
        rule=SharingRule(
            kind=_string(rule["kind"], "rule.kind"),  # type: ignore[arg-type]  # checked by compute_sharing
            percentages=_decimals(rule.get("percentages"), "rule.percentages"),
            tiers=_decimals(rule.get("tiers"), "rule.tiers"),
        ),
        parties=tuple(
            Party(
                state=_string(item.get("state"), f"parties[{i}].state"),
                role=_string(item.get("role"), f"parties[{i}].role"),  # type: ignore[arg-type]
                contribution=None
                if item.get("contribution") is None
                else _string(item["contribution"], f"parties[{i}].contribution"),
            )
            for i, item in _objects(top["parties"], "parties")
        ),
    )


def _object(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SharingError(field, "not_an_object", "must be a JSON object")
    return value


def _objects(value: Any, field: str) -> list[tuple[int, Mapping[str, Any]]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SharingError(field, "not_a_list", "must be a JSON list")
    return [(i, _object(item, f"{field}[{i}]")) for i, item in enumerate(value)]


def _string(value: Any, field: str) -> str:
    if value is None:
        raise SharingError(field, "missing_field", "this field is required")
    if not isinstance(value, str):
        raise SharingError(field, "not_a_string", f"{value!r} must be a string")
    return value


def _decimal(value: Any, field: str) -> Decimal:
    if value is None:
        raise SharingError(field, "missing_field", "this field is required")
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise SharingError(field, "not_a_number", f'{value!r} must be a decimal string such as "1234.56"')
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise SharingError(
            field, "not_a_number", f'{value!r} is not a decimal number such as "1234.56"', value=str(value)
        ) from None
    if not number.is_finite():
        raise SharingError(field, "not_a_number", f"{value!r} is not a finite number", value=str(value))
    return number


def _decimals(value: Any, field: str) -> dict[str, Decimal]:
    if value is None:
        return {}
    return {str(key): _decimal(item, f"{field}.{key}") for key, item in _object(value, field).items()}
