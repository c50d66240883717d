"""The demo command and production settings."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from tcdesk.accounts.models import User

pytestmark = pytest.mark.django_db


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


def test_demo_is_repeatable():
    call_command("demo")
    count = User.objects.count()
    call_command("demo")
    assert User.objects.count() == count


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TCDESK_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "tcdesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env={**base, "DJANGO_SETTINGS_MODULE": "tcdesk.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deployment_check():
    result = _check_deploy(
        {
            "TCDESK_SECRET_KEY": "x" * 64 + "-production-like-secret-key-with-enough-entropy",
            "TCDESK_ALLOWED_HOSTS": "tcdesk.example.org",
            "TCDESK_HSTS_PRELOAD": "1",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _check_deploy({"TCDESK_ALLOWED_HOSTS": "tcdesk.example.org"})
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TCDESK_", "DJANGO_"))}
    server = subprocess.run(
        [sys.executable, "-c", "import tcdesk.wsgi"],
        env={**base, "TCDESK_ALLOWED_HOSTS": "tcdesk.example.org"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert server.returncode != 0 and "Set TCDESK_SECRET_KEY" in server.stderr


def test_offline_commands_run_without_a_secret_key():
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TCDESK_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-m", "tcdesk.cli", "makemigrations", "--check", "--dry-run"],
        env={**base, "DJANGO_SETTINGS_MODULE": "tcdesk.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
