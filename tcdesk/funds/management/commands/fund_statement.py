"""tcdesk fund_statement --fund CODE --from DATE --to DATE [--json]"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from tcdesk.funds import selectors
from tcdesk.funds.models import Fund


class Command(BaseCommand):
    help = (
        "A fund's statement for a period in its currency of account: opening, receipts (net of reversals, "
        "transfers included), allocations, expenditure (support costs included), refunds, closing = opening "
        "+ receipts − expenditure − refunds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fund", required=True, help="The fund's code (CPCJF, UNICRI, UNTOC-30, UNCAC-62…).")
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--json", action="store_true", help="Print the statement as one JSON document.")

    def handle(self, *args, **options):
        fund = Fund.objects.filter(code=options["fund"].strip().upper()).first()
        if fund is None:
            raise CommandError(f"--fund: no fund with the code {options['fund']!r}")
        try:
            start, end = dt.date.fromisoformat(options["start"]), dt.date.fromisoformat(options["end"])
        except ValueError:
            raise CommandError("--from and --to are dates YYYY-MM-DD") from None
        if end < start:
            raise CommandError("--to must not be before --from")
        statement = selectors.fund_statement(fund=fund, start=start, end=end)
        if options["json"]:
            self.stdout.write(json.dumps(statement.as_contract(), ensure_ascii=False))
            return
        for key, value in statement.as_contract().items():
            usd = statement.usd.get(key)
            self.stdout.write(
                f"{key:>12}: {value}" + (f"  (USD {usd})" if usd is not None and fund.currency != "USD" else "")
            )
        self.stdout.write(f"{'support costs':>12}: {statement.support_costs} (in expenditure)")
