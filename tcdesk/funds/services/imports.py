"""Imports: pledges and receipts from a CSV or XLSX file; UN operational rates of exchange from a CSV.

All-or-nothing with a dry run (`tcdesk.core.imports`): every row goes through the same service as a
single entry, inside one transaction; any bad row and nothing is written. Each bad row is one error
naming all of its problems (its fields, joined, and their rules).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.core.imports import ImportResult, import_transaction, read_table

from ..choices import ContributionKind
from ..models import ContributionAgreement, Earmark, Pledge, Receipt
from ..permissions import MANAGE_FUNDS, RECORD_CONTRIBUTION
from ._common import require
from .receipts import pledge_record, receipt_record
from .setup import exchange_rate_set

COLUMNS = ["donor", "fund", "kind", "date", "amount", "currency", "agreement", "earmark", "reference"]
RATE_COLUMNS = ["currency", "month", "rate"]


def _messages(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {key: [str(m) for m in ValidationError(value).messages] for key, value in exc.error_dict.items()}
    return {"row": [str(m) for m in exc.messages]}


def _add_row_error(result: ImportResult, row: int, problems: dict[str, list[str]]) -> None:
    fields = ", ".join(problems)
    rules = "; ".join(
        f"{key}: {' '.join(msgs)}" if len(problems) > 1 else " ".join(msgs) for key, msgs in problems.items()
    )
    result.add_error(row, fields, rules)


def request_rows() -> int:
    """The most rows a funds import takes in a web or API request (TCDESK_IMPORT_SYNC_ROWS); the
    commands take up to TCDESK_IMPORT_MAX_ROWS."""
    return int(getattr(settings, "TCDESK_IMPORT_SYNC_ROWS", 500))


def contributions_import(
    *, actor: Any, name: str, content: bytes, dry_run: bool, max_rows: int | None = None
) -> ImportResult:
    """Import pledges and receipts (columns donor, fund, kind, date, amount, currency, agreement, earmark,
    reference). Counts: `pledges` and `receipts` (valid rows), `created` (rows written: 0 in a dry run or
    when any row is bad; a reference already recorded is not written again). `max_rows`: a lower row cap
    than TCDESK_IMPORT_MAX_ROWS (the pages and the API pass `request_rows()`: rows are written one at a
    time, and a web request must not hold a worker for minutes)."""
    require(actor, RECORD_CONTRIBUTION)
    result = ImportResult(dry_run=dry_run, counts={"pledges": 0, "receipts": 0, "created": 0})
    rows = read_table(name, content, limit=max_rows)
    result.rows = len(rows)
    if rows:
        missing = [c for c in COLUMNS if c not in rows[0]]
        if missing:
            result.add_error(
                1, ", ".join(missing), _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
            )
            return result
    created = 0
    if rows:
        with import_transaction(dry_run=dry_run):
            for number, row in enumerate(rows, start=2):
                problems: dict[str, list[str]] = {}
                kind = row.get("kind", "").strip().lower()
                if kind not in ContributionKind.values:
                    problems["kind"] = [_("Kind is “pledge” or “receipt”.")]
                try:
                    day = dt.date.fromisoformat(row.get("date", "").strip())
                except ValueError:
                    problems["date"] = [_("A date is written YYYY-MM-DD.")]
                    day = None
                reference = row.get("reference", "").strip()
                if not reference:
                    problems["reference"] = [_("Give a reference (it makes a repeated import harmless).")]
                agreement_id = None
                if row.get("agreement", "").strip():
                    agreement_id = (
                        ContributionAgreement.objects.filter(reference=row["agreement"].strip())
                        .values_list("pk", flat=True)
                        .first()
                    )
                    if agreement_id is None:
                        problems["agreement"] = [_("Unknown agreement “%(ref)s”.") % {"ref": row["agreement"]}]
                earmark_id = None
                if row.get("earmark", "").strip():
                    earmark_id = (
                        Earmark.objects.filter(code=row["earmark"].strip()).values_list("pk", flat=True).first()
                    )
                    if earmark_id is None:
                        problems["earmark"] = [_("Unknown earmark “%(code)s”.") % {"code": row["earmark"]}]
                model = Pledge if kind == ContributionKind.PLEDGE else Receipt
                already = bool(reference) and model.objects.filter(reference=reference).exists()
                try:
                    with transaction.atomic():
                        common = {
                            "actor": actor,
                            "fund": row.get("fund", ""),
                            "donor": row.get("donor", ""),
                            "amount": row.get("amount", ""),
                            "currency": row.get("currency", "").strip().upper(),
                            "agreement": agreement_id,
                            "earmark": earmark_id,
                            "reference": reference,
                        }
                        if kind == ContributionKind.PLEDGE:
                            pledge_record(**common, pledged_on=day or timezone.localdate())
                        elif kind == ContributionKind.RECEIPT:
                            receipt_record(**common, received_on=day or timezone.localdate())
                        if problems:
                            raise ValidationError({})
                except ValidationError as exc:
                    for key, messages in _messages(exc).items():
                        if key in ("received_on", "pledged_on"):
                            key = "date"
                        if key not in problems:
                            problems[key] = messages
                if problems:
                    _add_row_error(result, number, problems)
                    continue
                result.counts["pledges" if kind == ContributionKind.PLEDGE else "receipts"] += 1
                created += 0 if already else 1
            if result.errors:
                transaction.set_rollback(True)
    result.counts["created"] = 0 if (dry_run or result.errors) else created
    return result


def exchange_rates_import(
    *, actor: Any, name: str, content: bytes, dry_run: bool, max_rows: int | None = None
) -> ImportResult:
    """Load UN operational rates from a CSV or XLSX (currency, month as YYYY-MM, rate in units per USD);
    a rate already loaded for that month is replaced (rates are editable). All-or-nothing. `max_rows` as
    for `contributions_import`."""
    require(actor, MANAGE_FUNDS)
    result = ImportResult(dry_run=dry_run, counts={"rates": 0})
    rows = read_table(name, content, limit=max_rows)
    result.rows = len(rows)
    if rows and any(c not in rows[0] for c in RATE_COLUMNS):
        result.add_error(1, "header", _("The columns are: %(columns)s.") % {"columns": ", ".join(RATE_COLUMNS)})
        return result
    with import_transaction(dry_run=dry_run):
        for number, row in enumerate(rows, start=2):
            month_text = row.get("month", "").strip()
            try:
                month = dt.date.fromisoformat(month_text + "-01" if len(month_text) == 7 else month_text)
            except ValueError:
                result.add_error(number, "month", _("A month is written YYYY-MM."))
                continue
            try:
                with transaction.atomic():
                    exchange_rate_set(
                        actor=actor, currency=row.get("currency", ""), month=month, rate=row.get("rate", "")
                    )
            except ValidationError as exc:
                _add_row_error(result, number, _messages(exc))
                continue
            result.counts["rates"] += 1
        if result.errors:
            transaction.set_rollback(True)
    return result
