"""Sample objects for the role test (tests/test_permissions.py): a report on the test resolution, with
one ready version whose files exist."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from tcdesk.reports.models import Report, ReportVersion


def samples(base: dict) -> dict:
    report = Report.objects.create(
        resolution=base["resolution"],
        period_start=dt.date(2005, 1, 1),
        period_end=dt.date(2005, 12, 31),
        created_by=base["officer"],
        created_at=timezone.now(),
    )
    version = ReportVersion(
        report=report, number=1, language="en", status="ready", created_at=timezone.now(), generated_by=base["officer"]
    )
    version.docx.save("sample.docx", ContentFile(b"PK\x03\x04"), save=False)
    version.pdf.save("sample.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    version.save()
    return {
        "pages": {
            "reports:report_detail": ({"report_id": report.pk}, report),
            "reports:report_generate": ({"report_id": report.pk}, report),
            "reports:report_conclusions": ({"report_id": report.pk}, report),
            "reports:report_preview": ({"report_id": report.pk}, report),
            "reports:version_download": ({"report_id": report.pk, "version_id": version.pk, "fmt": "pdf"}, version),
        },
        "api": {"report_id": (report.pk, report), "version_id": (version.pk, version), "fmt": ("pdf", version)},
        "bodies": {
            ("POST", "/api/reports"): {
                "resolution": "A/RES/0/0",
                "period_start": "2005-01-01",
                "period_end": "2005-12-31",
            },
            ("POST", "/api/reports/{int:report_id}/versions"): {"language": "xx"},
            ("POST", "/api/reports/{int:report_id}/conclusions"): {"language": "en", "text": ""},
        },
    }
