"""Writes of the open-data app: excluding a project or a donor from publication, and publishing it again.

Each is one transaction; the exclusion's history (who, when, why, and its removal) is the log the
administrator and the auditor read. Published data changes, so the public caches are invalidated.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tcdesk.core import public_data
from tcdesk.core.limits import text_length_problems
from tcdesk.funds.models import Donor
from tcdesk.portfolio.models import Project

from .choices import ExclusionKind
from .models import Exclusion


@transaction.atomic
def exclusion_add(*, actor: Any, kind: str, code: str, reason: str) -> Exclusion:
    """Keep a project (by IATI identifier) or a donor (by code) out of publication, saying why."""
    errors: dict[str, list[str]] = text_length_problems(Exclusion, reason=(reason or "").strip())
    if kind not in ExclusionKind.values:
        raise ValidationError({"kind": [_("Choose “project” or “donor”.")]})
    if not (reason or "").strip():
        errors["reason"] = [_("Say why it is not published: the reason is kept in the log.")]
    project = donor = None
    if kind == ExclusionKind.PROJECT:
        project = Project.objects.filter(iati_identifier=code).first()
        if project is None:
            errors["code"] = [_("No project has the IATI identifier “%(code)s”.") % {"code": code}]
        elif Exclusion.objects.filter(project=project).exists():
            errors["code"] = [_("The project “%(code)s” is already excluded.") % {"code": code}]
    else:
        donor = Donor.objects.filter(code=code).first()
        if donor is None:
            errors["code"] = [_("No donor has the code “%(code)s”.") % {"code": code}]
        elif Exclusion.objects.filter(donor=donor).exists():
            errors["code"] = [_("The donor “%(code)s” is already excluded.") % {"code": code}]
    if errors:
        raise ValidationError(errors)
    exclusion = Exclusion(kind=kind, project=project, donor=donor, reason=reason.strip(), created_by=actor)
    exclusion._history_user = actor  # type: ignore[attr-defined]
    exclusion.full_clean()
    exclusion.save()
    transaction.on_commit(public_data.bump)
    return exclusion


@transaction.atomic
def exclusion_remove(*, actor: Any, exclusion: Exclusion) -> None:
    """Publish the project or donor again (the removal stays in the exclusion's history)."""
    exclusion._history_user = actor  # type: ignore[attr-defined]
    exclusion.delete()
    transaction.on_commit(public_data.bump)
