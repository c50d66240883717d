"""Shared set-up of the Django benchmarks: a throwaway SQLite database with the reference data."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def bench_database() -> tuple[Path, float]:
    """Point Django at a fresh SQLite file, migrate it and load the reference data.

    Returns the working folder (database and media live there) and the seconds the set-up took.
    Call before importing any tcdesk model.
    """
    workdir = Path(tempfile.mkdtemp(prefix="tcdesk-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["TCDESK_MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings_test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from tcdesk.core.services import reference_data_load

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    reference_data_load()
    return workdir, time.perf_counter() - started
