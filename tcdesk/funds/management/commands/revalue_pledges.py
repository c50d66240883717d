"""tcdesk revalue_pledges --month YYYY-MM [--json]: revalue unpaid pledges in other currencies."""

import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tcdesk.funds.services import fx_results, pledges_revalue, revaluation_row


class Command(BaseCommand):
    help = (
        "Revalue every unpaid pledge in another currency than USD at the UN rate of a month, against the "
        "rate of its agreement's signature month, and post the change of its unrealised exchange gain or "
        "loss to the ledger. A missing rate is an error (exit status 1), nothing is posted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--json", action="store_true", help="Print the revaluations as one JSON document.")

    def handle(self, *args, **options):
        try:
            month = dt.date.fromisoformat(options["month"] + "-01")
        except ValueError:
            raise CommandError("--month is written YYYY-MM") from None
        try:
            found = pledges_revalue(actor=None, month=month)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
        rows = [revaluation_row(r) for r in found]
        results = {key: str(value) for key, value in fx_results().items()}
        if options["json"]:
            self.stdout.write(json.dumps({"month": options["month"], "pledges": rows, "fx_results": results}))
        else:
            for row in rows:
                self.stdout.write(
                    f"{row['pledge']}: unpaid {row['unpaid']} {row['currency']} = {row['usd_value']} USD, "
                    f"gain/loss {row['gain_loss_usd']} USD (posted {row['posted_usd']})"
                )
