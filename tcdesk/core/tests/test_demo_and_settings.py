"""The demo command and production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tcdesk.accounts.models import User


# The demo runs on SQLite (`make run`): CI builds it in that pass only, for the 20-minute budget (the
# PostgreSQL pass builds it too, in the backup and upgrade tests).
@pytest.mark.ci_pass("sqlite")
@pytest.mark.django_db
def test_demo_creates_the_accounts_of_the_design_with_their_scopes(capsys):
    call_command("demo", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["reference"]["countries"] == 197  # 193 Members, 2 observers, Cook Islands and Niue
    for username in (
        "admin",
        "officer",
        "finance",
        "secretariat",
        "auditor",
        "focal-MLI",
        "focal-COL",
        "focal-UKR",
        "donor-NOR",
        "donor-DEU",
    ):
        assert User.objects.get(username=username).check_password("demo"), username
    assert User.objects.get(username="focal-UKR").scoped_country_codes("state_focal_point") == {"UKR"}
    assert User.objects.get(username="donor-DEU").scoped_country_codes("donor") == {"DEU"}


@pytest.mark.long
@pytest.mark.ci_pass("sqlite")
@pytest.mark.django_db
def test_demo_is_repeatable():
    call_command("demo")
    count = User.objects.count()
    call_command("demo")
    assert User.objects.count() == count


def _without_tcdesk_settings(var_dir: Path) -> dict[str, str]:
    """The environment with no TCDESK_ or DJANGO_ setting, but the data folder outside the checkout (a
    process started from the tests must not write var/ into the repository)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TCDESK_", "DJANGO_"))}
    return {**base, "TCDESK_VAR_DIR": str(var_dir)}


def _check_deploy(env: dict[str, str], var_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tcdesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env={**_without_tcdesk_settings(var_dir), "DJANGO_SETTINGS_MODULE": "tcdesk.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_importing_the_settings_creates_no_folder(tmp_path):
    var_dir = tmp_path / "var"
    result = subprocess.run(
        [sys.executable, "-c", "import tcdesk.settings"],
        env=_without_tcdesk_settings(var_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not var_dir.exists()


def test_production_settings_pass_the_deployment_check(tmp_path):
    result = _check_deploy(
        {
            "TCDESK_SECRET_KEY": "x" * 64 + "-production-like-secret-key-with-enough-entropy",
            "TCDESK_ALLOWED_HOSTS": "tcdesk.example.org",
            "TCDESK_HSTS_PRELOAD": "1",
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _check_deploy({"TCDESK_ALLOWED_HOSTS": "tcdesk.example.org"}, tmp_path)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    server = subprocess.run(
        [sys.executable, "-c", "import tcdesk.wsgi"],
        env={**_without_tcdesk_settings(tmp_path), "TCDESK_ALLOWED_HOSTS": "tcdesk.example.org"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert server.returncode != 0 and "Set TCDESK_SECRET_KEY" in server.stderr


def test_offline_commands_run_without_a_secret_key(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tcdesk.cli", "makemigrations", "--check", "--dry-run"],
        env={**_without_tcdesk_settings(tmp_path), "DJANGO_SETTINGS_MODULE": "tcdesk.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
