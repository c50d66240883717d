"""tcdesk verify_ledger [--json]: re-derive what the ledger's entries imply and check it."""

import json

from django.core.management.base import BaseCommand

from tcdesk.funds.services import ledger_verify


class Command(BaseCommand):
    help = (
        "Check the ledger: every transaction balances per currency and in USD equivalent, the balances "
        "carried forward at each closed period equal the entries, no fund, earmark or allocation is below "
        "zero, and the amounts cached on allocations and receipts equal their entries. Exit status 0 when "
        "all agree, 1 otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print what was checked as one JSON document.")

    def handle(self, *args, **options):
        check = ledger_verify()
        if options["json"]:
            self.stdout.write(json.dumps(check.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"{check.transactions} transactions, {check.entries} entries, {check.closed_periods} closed "
                f"periods ({check.carried_balances} carried balances): " + ("all agree" if check.ok else "PROBLEMS")
            )
            for name in ("unbalanced", "carried_mismatches", "negative_balances", "cached_mismatches"):
                for problem in getattr(check, name):
                    self.stdout.write(f"  {name}: {problem}")
        if not check.ok:
            raise SystemExit(1)
