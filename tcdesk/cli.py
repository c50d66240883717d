"""The `tcdesk` console script: Django's manage.py under the project's own name."""

import os
import sys
from pathlib import Path


def prepare_local_folders() -> None:
    """Make the folder of an SQLite database (var/ by default) before Django opens it.

    Done by the entry points rather than on importing the settings, so that importing them writes
    nothing (a test or a tool can read the settings without a var/ appearing in the checkout).
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) != ":memory:":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings")
    from django.core.management import execute_from_command_line

    prepare_local_folders()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
