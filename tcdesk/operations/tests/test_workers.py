"""Several `tcdesk db_worker` processes on one queue: every task runs, and runs exactly once.

PostgreSQL hands each worker a different task (SELECT … FOR UPDATE SKIP LOCKED); SQLite serialises
the workers with exclusive transactions. The test runs on the engine of the test run.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .throwaway import ON_POSTGRES, tcdesk, tcdesk_env, throwaway_database

# Workers on the database of the run (DATABASE_URL), in every CI pass.
pytestmark = [pytest.mark.database_url, pytest.mark.long]

TASKS = 60
WORKERS = 3


def _results(url: str) -> list[tuple[str, list[str]]]:
    sql = "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
    if ON_POSTGRES:
        import psycopg

        with psycopg.connect(url) as connection:
            return [(status, ids) for status, ids in connection.execute(sql).fetchall()]
    import sqlite3

    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        return [(status, json.loads(ids)) for status, ids in connection.execute(sql).fetchall()]


def test_several_workers_run_each_task_exactly_once(tmp_path):
    runs = tmp_path / "runs.txt"
    with throwaway_database("workers", tmp_path) as url:
        env = tcdesk_env(
            url,
            DJANGO_SETTINGS_MODULE="tcdesk.settings",
            TCDESK_SECRET_KEY="worker-test-" + "k" * 40,
            TCDESK_TASK_BACKEND="django_tasks_db.DatabaseBackend",
        )
        tcdesk("migrate", "django_tasks_database", "-v0", env=env)
        tcdesk(
            "shell",
            "--no-imports",
            "-c",
            "from tcdesk.operations.tests.tasks import record_run\n"
            f"for n in range({TASKS}): record_run.enqueue({str(runs)!r}, n)",
            env=env,
        )
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tcdesk.cli",
                    "db_worker",
                    "--batch",
                    "--no-startup-delay",
                    "--no-reload",
                    "--interval",
                    "0.05",
                    "--worker-id",
                    f"worker-{n}",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(WORKERS)
        ]
        for worker in workers:
            _out, errors = worker.communicate(timeout=180)
            assert worker.returncode == 0, errors
        results = _results(url)

    lines = [line.split() for line in runs.read_text().splitlines()]
    numbers = sorted(int(number) for number, _pid in lines)
    assert numbers == list(range(TASKS)), "each task ran exactly once"
    assert len({pid for _number, pid in lines}) >= 2, "the workers shared the queue"
    assert len(results) == TASKS
    assert all(status == "SUCCESSFUL" and len(ids) == 1 for status, ids in results), results
