"""After the load: what the database says. Every task was taken by one worker only, the task enqueued
through one server ran once, each scenario's own checks, and the post-run commands that exist
(`verify_ledger` once the funds app has it). Prints one JSON document: {"problems": [...], ...}.

`python -m loadtest.verify DATA.json JOB_ID`, with the environment of the app servers.
"""

from __future__ import annotations

import io
import json
import os
import sys

POST_RUN_COMMANDS = ["verify_ledger"]


def main(data_path: str, job_id: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings")
    django.setup()
    from django.core.management import call_command, get_commands
    from django_tasks_db.models import DBTaskResult

    from tcdesk.core.models import BackgroundJob

    from .scenarios import load_scenarios

    with open(data_path, encoding="utf-8") as stream:
        data = json.load(stream)
    problems: list[str] = []
    results = list(DBTaskResult.objects.values("id", "status", "worker_ids", "task_path"))
    claimed_twice = [r for r in results if len(r["worker_ids"]) > 1]
    if claimed_twice:
        problems.append(f"{len(claimed_twice)} tasks were taken by more than one worker")
    job = BackgroundJob.objects.filter(pk=job_id).first()
    job_result = next(
        (r for r in results if job and str(r["id"]).replace("-", "") == job.task_result_id.replace("-", "")), None
    )
    if job_result is None:
        problems.append(f"the task of job {job_id} is not in the queue's results")
    elif job_result["status"] != "SUCCESSFUL" or len(job_result["worker_ids"]) != 1:
        problems.append(f"the task of job {job_id}: {job_result['status']}, workers {job_result['worker_ids']}")
    for scenario in load_scenarios():
        if scenario.verify:
            problems.extend(f"{scenario.name}: {p}" for p in scenario.verify(data["scenarios"].get(scenario.name, {})))
    ran = []
    available = get_commands()
    for command in POST_RUN_COMMANDS:
        if command in available:
            # Captured: this process's standard output is the JSON document run.py reads.
            output = io.StringIO()
            try:
                call_command(command, stdout=output)
                ran.append(command)
            except SystemExit as exc:  # verify_ledger exits 1 when a balance or a transaction is wrong
                if exc.code:
                    problems.append(f"{command}: {output.getvalue().strip()}")
                else:
                    ran.append(command)
            except Exception as exc:
                problems.append(f"{command}: {exc}")
    return {
        "problems": problems,
        "tasks": len(results),
        "job_worker": job_result["worker_ids"][0] if job_result and job_result["worker_ids"] else None,
        "workers_used": sorted({w for r in results for w in r["worker_ids"]}),
        "commands": ran,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
