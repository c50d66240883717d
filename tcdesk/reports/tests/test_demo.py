"""The reports demo defines the reports and queues their versions for the worker instead of rendering them
(rendering takes seconds; `tcdesk demo` must not wait for it)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.reports import demo
from tcdesk.reports.models import Report, ReportVersion
from tcdesk.treaties.models import Instrument
from tcdesk.treaties.services import instruments_load

from . import factories as f

pytestmark = pytest.mark.django_db


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_demo_defines_the_reports_and_queues_both_languages_without_rendering():
    role_assign(user=UserFactory(username="secretariat"), role=Role.SECRETARIAT)
    f.founding_resolution()
    if not Instrument.objects.exists():
        instruments_load()
    result = demo.load_demo(seed=1, scale=1, progress=lambda *args: None)
    assert result["queued"] == ["en", "fr"]
    versions = ReportVersion.objects.order_by("language")
    assert [(v.language, v.status, bool(v.job_id), bool(v.docx)) for v in versions] == [
        ("en", "queued", True, False),
        ("fr", "queued", True, False),
    ]
    assert set(Report.objects.values_list("kind", flat=True)) >= {"sg", "cop"}
    again = demo.load_demo(seed=1, scale=1, progress=lambda *args: None)
    assert again["queued"] == [] and ReportVersion.objects.count() == 2
