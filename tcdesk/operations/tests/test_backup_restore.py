"""`tcdesk backup` and `tcdesk restore` round-trip the demo, with uploaded files, on the engine of the
test run (SQLite, or PostgreSQL when DATABASE_URL says so): every table's row count and every file's
checksum come back; a damaged backup or a non-empty database is refused before anything is written."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from unittest import mock

import pytest

from .throwaway import ON_POSTGRES, row_counts, tcdesk, tcdesk_env, throwaway_database

# Commands on the database of the run (DATABASE_URL), in every CI pass; a minute and more. One worker
# runs them all (conftest.py, KEPT_ON_ONE_WORKER): the demo source is built once.
pytestmark = [pytest.mark.database_url, pytest.mark.long]

ATTACH = """
from django.core.files.uploadedfile import SimpleUploadedFile
from tcdesk.accounts.models import User
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.assistance.services import attachment_add
officer = User.objects.get(username="officer")
for n, ta_request in enumerate(AssistanceRequest.objects.order_by("pk")[:3]):
    body = b"%PDF-1.4\\n% synthetic attachment " + str(n).encode() * (200 + n)
    attachment_add(ta_request=ta_request, actor=officer, upload=SimpleUploadedFile(f"plan-{n}.pdf", body))
"""


def _tree_checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory):
    """A database with the demo (scale 1) and three uploaded attachments, and its media folder."""
    tmp = tmp_path_factory.mktemp("backup-source")
    media = tmp / "media"
    with throwaway_database("bksrc", tmp) as url:
        env = tcdesk_env(url, media)
        tcdesk("migrate", "-v0", env=env)
        tcdesk("demo", env=env)
        tcdesk("shell", "--no-imports", "-c", ATTACH, env=env)
        yield url, media, env


@pytest.fixture(scope="module")
def demo_backup(demo_source, tmp_path_factory):
    """One backup of the demo source and what the command reported: the tests only read it (a test that
    damages it damages a copy), so the backup is made once."""
    _url, _media, source_env = demo_source
    folder = tmp_path_factory.mktemp("backup") / "backup"
    made = json.loads(tcdesk("backup", "--out", str(folder), "--json", env=source_env).stdout)
    return folder, made


def test_a_backup_restores_every_row_and_file(demo_source, demo_backup, tmp_path):
    source_url, source_media, source_env = demo_source
    folder, made = demo_backup
    source_counts = row_counts(source_url)
    assert made["tables"] == source_counts
    assert made["tables"]["assistance_assistancerequest"] >= 60
    assert made["tables"]["assistance_requestattachment"] == 3
    # The media are the three attachments and the files the demo generated (reports' DOCX and PDF).
    source_files = _tree_checksums(source_media)
    assert len(source_files) >= 3
    assert sorted(entry["path"].removeprefix("media/") for entry in made["media"]) == sorted(source_files)
    assert (folder / made["database"]["path"]).is_file()

    target_media = tmp_path / "restored-media"
    with throwaway_database("bkdst", tmp_path) as target_url:
        target_env = tcdesk_env(target_url, target_media)
        report = json.loads(tcdesk("restore", str(folder), "--json", env=target_env).stdout)
        assert report["media_files"] == len(source_files) and report["unapplied_migrations"] == []
        assert row_counts(target_url) == source_counts
        assert _tree_checksums(target_media) == _tree_checksums(source_media)
        # The restored database takes new rows (sequences came back too) and serves the same data.
        created = tcdesk(
            "shell",
            "--no-imports",
            "-c",
            "from tcdesk.accounts.tests.factories import UserFactory; print(UserFactory(username='after-restore').pk)",
            env=target_env,
        )
        assert int(created.stdout.strip()) > source_counts["accounts_user"]
        status = tcdesk("treaty_status", "--instrument", "UNTOC", "--as-of", "2024-01-01", "--json", env=target_env)
        assert (
            status.stdout
            == tcdesk(
                "treaty_status", "--instrument", "UNTOC", "--as-of", "2024-01-01", "--json", env=source_env
            ).stdout
        )


def test_restore_refuses_a_database_that_is_not_empty(demo_source, demo_backup, tmp_path):
    _url, _media, source_env = demo_source
    folder, _made = demo_backup
    refused = tcdesk("restore", str(folder), env={**source_env, "TCDESK_MEDIA_ROOT": str(tmp_path / "m")}, check=False)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "Restore only into a new, empty database" in refused.stderr
    assert not (tmp_path / "m").exists(), "nothing was written"


def test_restore_refuses_a_damaged_backup_before_writing_anything(demo_backup, tmp_path):
    folder = shutil.copytree(demo_backup[0], tmp_path / "backup")
    damaged = next((folder / "media").rglob("*.pdf"))
    damaged.write_bytes(damaged.read_bytes() + b"tampered")
    with throwaway_database("bkbad", tmp_path) as target_url:
        refused = tcdesk("restore", str(folder), env=tcdesk_env(target_url, tmp_path / "m"), check=False)
        assert refused.returncode != 0
        assert "the backup is damaged, nothing was restored" in refused.stderr
        assert "checksum differs from the manifest" in refused.stderr
        assert row_counts(target_url) == {}


def test_backup_refuses_a_folder_that_is_not_empty(demo_source, tmp_path):
    _url, _media, source_env = demo_source
    (tmp_path / "old.txt").write_text("x")
    refused = tcdesk("backup", "--out", str(tmp_path), env=source_env, check=False)
    assert refused.returncode != 0 and "is not empty: back up into a new folder" in refused.stderr


@pytest.mark.skipif(not ON_POSTGRES, reason="pg_dump is used on PostgreSQL only (DATABASE_URL is SQLite)")
def test_backup_refuses_a_pg_dump_of_another_major_version(demo_source, tmp_path):
    _url, _media, source_env = demo_source
    fake = tmp_path / "bin" / "pg_dump"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.9'\n")
    fake.chmod(0o755)
    refused = tcdesk(
        "backup", "--out", str(tmp_path / "b"), env={**source_env, "TCDESK_PG_BIN": str(fake.parent)}, check=False
    )
    assert refused.returncode != 0
    assert "is PostgreSQL 13 but the server is PostgreSQL" in refused.stderr
    assert "postgresql-client-" in refused.stderr


@pytest.mark.parametrize("fails_by", ["exit status", "command error"])
def test_the_ledger_check_runs_after_a_restore_when_the_command_exists(tmp_path, fails_by):
    """Pluggable: any command named in POST_RESTORE_COMMANDS that exists runs, and its failure fails the
    restore, whether it exits non-zero (as verify_ledger does) or raises a CommandError."""
    from django.core.management import CommandError

    from tcdesk.operations import backup

    calls = []

    def fake_call(name, **options):
        calls.append(name)
        if fails_by == "command error":
            raise CommandError("ledger: 1 entry does not balance")
        options["stdout"].write("ledger: 1 entry does not balance\n")
        raise SystemExit(1)

    expected = CommandError if fails_by == "command error" else backup.BackupError
    with (
        mock.patch.object(backup, "get_commands", return_value={"verify_ledger": "tcdesk.funds"}),
        mock.patch.object(backup, "call_command", side_effect=fake_call),
        pytest.raises(expected, match="does not balance"),
    ):
        backup._run_post_restore_commands(backup.RestoreReport(engine="sqlite", tables=0, rows=0, media_files=0))
    assert calls == ["verify_ledger"]
