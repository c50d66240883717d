"""A report rendered once per test module (PDF rendering takes seconds), in the three languages, together
with the figures the tests expect, counted from the records by plain queries (not by the report code)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from tcdesk.reports.tests import factories as f

ON = dt.date(2006, 7, 15)


@pytest.fixture(scope="session")
def rendered(django_db_setup, django_db_blocker):
    """{lang: {"document", "docx", "pdf", "expected"}} for the seeded period, rolled back afterwards."""
    from tcdesk.accounts.tests.factories import UserFactory
    from tcdesk.assistance.models import AssistanceRequest
    from tcdesk.mandates.models import Paragraph
    from tcdesk.reports import builder, services
    from tcdesk.treaties.models import ParticipationAction

    found: dict = {}
    with django_db_blocker.unblock(), transaction.atomic():
        user = UserFactory(username="report-seeder")
        seeded = f.seed_period(user)
        resolution = seeded["resolution"]
        in_period = AssistanceRequest.objects.filter(submitted_at__date__gte=f.START, submitted_at__date__lte=f.END)
        expected = {
            "requests_received": in_period.count(),
            "requests_accepted": AssistanceRequest.objects.filter(
                decision="accepted", decided_at__date__gte=f.START, decided_at__date__lte=f.END
            ).count(),
            "requests_declined": AssistanceRequest.objects.filter(
                decision="declined", decided_at__date__gte=f.START, decided_at__date__lte=f.END
            ).count(),
            "requests_received_ldc": in_period.filter(country_groups__contains=",LDC,").count(),
            "new_parties_UNTOC": ParticipationAction.objects.filter(
                instrument_id="UNTOC", date__gte=f.START, date__lte=f.END
            ).count(),
            "operative": list(
                Paragraph.objects.filter(resolution=resolution, kind="operative")
                .order_by("order")
                .values_list("number", flat=True)
            ),
        }
        for lang in ("en", "fr", "es"):
            document = builder.build_document(resolution=resolution, start=f.START, end=f.END, language=lang, on=ON)
            files = services.render_files(document, on=ON)
            found[lang] = {"document": document, **files, "expected": expected}
        transaction.set_rollback(True)
    return found
