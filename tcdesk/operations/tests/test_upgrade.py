"""An upgrade keeps the data: the previous release's own code builds its schema and loads its demo, then
this code migrates forward (as `tcdesk migrate` does during a rolling deploy) and everything is there.

The previous release is recorded in tcdesk/operations/data/previous_release.json (commit and applied
migrations); its code is taken from git history, so the test is skipped where the history is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from .throwaway import row_counts, tcdesk, tcdesk_env, throwaway_database

REPOSITORY = Path(__file__).resolve().parents[3]
RELEASE = json.loads((REPOSITORY / "tcdesk/operations/data/previous_release.json").read_text())

ORM_SMOKE = """
from django.apps import apps
for model in apps.get_models():
    list(model._default_manager.all()[:3])  # every column of every table is where the code expects it
print("ok")
"""

APPLIED = """
import json
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
applied = {}
for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
    applied.setdefault(app, []).append(name)
print(json.dumps(applied))
"""


def _previous_release_code(target: Path) -> Path:
    commit = RELEASE["commit"]
    if shutil.which("git") is None:
        pytest.skip("git is needed to take the previous release's code")
    found = subprocess.run(
        ["git", "-C", str(REPOSITORY), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True, check=False
    )
    if found.returncode != 0:
        pytest.skip(f"the previous release's commit {commit[:10]} is not in this checkout's git history")
    archive = target / "release.tar"
    subprocess.run(
        ["git", "-C", str(REPOSITORY), "archive", "--format=tar", f"--output={archive}", commit, "tcdesk"], check=True
    )
    with tarfile.open(archive) as tar:
        tar.extractall(target / "code", filter="data")
    return target / "code"


@pytest.mark.long
@pytest.mark.ci_pass("postgresql")  # two minutes; the production database is the one that matters
def test_the_demo_of_the_previous_release_survives_migrating_forward(tmp_path):
    old_code = _previous_release_code(tmp_path)
    with throwaway_database("upgrade", tmp_path) as url:
        # The previous release, from its own code (found first on the path), builds and fills its schema.
        old_env = tcdesk_env(url, tmp_path / "media", PYTHONPATH=str(old_code))
        tcdesk("migrate", "-v0", env=old_env, cwd=old_code)
        tcdesk("demo", env=old_env, cwd=old_code)
        applied = json.loads(tcdesk("shell", "--no-imports", "-c", APPLIED, env=old_env, cwd=old_code).stdout)
        ours = {app: names for app, names in applied.items() if app in RELEASE["migrations"]}
        assert ours == RELEASE["migrations"], "the recorded migrations are those of the recorded commit"
        before = row_counts(url)
        links = before["assistance_requestmandatelink"]
        assert before["assistance_assistancerequest"] >= 60 and links > 0

        # This code migrates forward.
        env = tcdesk_env(url, tmp_path / "media")
        tcdesk("migrate", "-v0", env=env, cwd=REPOSITORY)
        after = row_counts(url)
        # New models bring their content types and default permissions: those tables may only grow.
        grown_by_new_models = {"django_migrations", "django_content_type", "auth_permission"}
        changed = {
            table: (count, after.get(table))
            for table, count in before.items()
            if after.get(table) != count and table not in grown_by_new_models
        }
        assert changed == {}, "no table lost or gained rows by migrating"
        shrunk = {table for table in grown_by_new_models if after.get(table, 0) < before.get(table, 0)}
        assert shrunk == set(), "no content type, permission or migration record was lost"
        assert after["django_migrations"] > before["django_migrations"], "there were migrations to apply"
        assert tcdesk("shell", "--no-imports", "-c", ORM_SMOKE, env=env).stdout.strip() == "ok"
        assert tcdesk("migrate", "--check", env=env).returncode == 0
        # The data migration did its work on the old rows: the cited mandates are linked to the registry.
        resolved = tcdesk(
            "shell",
            "--no-imports",
            "-c",
            "from tcdesk.assistance.models import RequestMandateLink as Link\n"
            "print(Link.objects.filter(mandate__isnull=False).count())",
            env=env,
        )
        assert 0 < int(resolved.stdout.strip()) <= links
        # The old data serves through today's services: the queue and a treaty's status.
        tcdesk("recompute_priorities", env=env)
        tcdesk("treaty_status", "--instrument", "UNTOC", "--as-of", "2024-01-01", "--json", env=env)
