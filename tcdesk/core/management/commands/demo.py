"""tcdesk demo: reference data, demo accounts and a coherent synthetic data set.

Each app may ship a `demo.py` with `load_demo(*, seed, scale, progress) -> dict`; they run in the
order of INSTALLED_APPS, so later apps can build on earlier ones. Deterministic for a given seed.
"""

import importlib
import json

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from tcdesk.core.progress import ProgressBar
from tcdesk.core.services import reference_data_load


class Command(BaseCommand):
    help = "Load reference data, demo accounts (password 'demo') and synthetic demo data."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=60175, help="Random seed (same seed, same data).")
        parser.add_argument("--scale", type=int, default=1, help="Multiply the synthetic volume by N.")
        parser.add_argument("--json", action="store_true", help="Print a JSON summary on standard output.")
        parser.add_argument(
            "--skip-if-loaded", action="store_true", help="Do nothing when the demo accounts already exist."
        )

    def handle(self, *args, **options):
        from tcdesk.accounts.models import User

        if options["skip_if_loaded"] and User.objects.filter(username="admin", email__endswith=".invalid").exists():
            self.stderr.write("demo: already loaded (use `tcdesk demo` to refresh)")
            return
        progress = ProgressBar()
        summary: dict[str, dict] = {}
        summary["reference"] = reference_data_load(progress=progress).as_dict()
        for config in apps.get_app_configs():
            if not config.name.startswith("tcdesk."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            self.stderr.write(f"demo: {config.label}")
            with transaction.atomic():
                summary[config.label] = module.load_demo(
                    seed=options["seed"], scale=options["scale"], progress=progress
                )
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(self.style.SUCCESS("Demo data loaded (synthetic, for demonstration only)."))
            self.stdout.write(
                "Demo sign-ins (password: demo): admin, officer, finance, secretariat, auditor, "
                "focal-MLI, focal-COL, focal-UKR, donor-NOR, donor-DEU"
            )
