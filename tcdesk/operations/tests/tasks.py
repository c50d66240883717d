"""A task for the worker tests: records each run in a file (one line: the number and the worker's pid)."""

import os
import time

from django.tasks import task


@task()
def record_run(path: str, number: int) -> int:
    time.sleep(0.05)  # long enough for the workers to overlap
    with open(path, "a", encoding="utf-8") as log:  # appends of one short line are atomic
        log.write(f"{number} {os.getpid()}\n")
    return number
