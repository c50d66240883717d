"""Demo data of the open-data app: the administrator keeps one project and one donor out of publication,
so that the public pages can be seen (and tested) leaving them out. Synthetic, like the rest of the demo."""

from __future__ import annotations

from tcdesk.accounts.models import User
from tcdesk.funds.models import Donor
from tcdesk.portfolio.models import Project

from . import services
from .models import Exclusion

DEMO_DONOR = "FDN-JUSTICE"  # the demo's private foundation (funds/demo.py)
REASON = "[Synthetic demo data] Confidential at the partner's request."


def load_demo(*, seed: int, scale: int, progress) -> dict:
    admin = User.objects.filter(username="admin").first()
    excluded = []
    donor = Donor.objects.filter(code=DEMO_DONOR).first()
    if donor is not None and not Exclusion.objects.filter(donor=donor).exists():
        services.exclusion_add(actor=admin, kind="donor", code=donor.code, reason=REASON)
    project = Project.objects.order_by("-iati_identifier").first()
    if project is not None and not Exclusion.objects.filter(project=project).exists():
        services.exclusion_add(actor=admin, kind="project", code=project.iati_identifier, reason=REASON)
    excluded = [str(e) for e in Exclusion.objects.all()]
    progress("exclusions", 1, 1)
    return {"excluded": excluded}
