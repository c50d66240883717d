"""Development partners' activities in States."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.core.limits import length_problems, raise_if_too_long
from tcdesk.core.models import Country, Organisation, Theme

from ..choices import ActivitySource
from ..models import PARTNER_DESCRIPTION_MAX_CHARS, PartnerActivity
from ..permissions import RECORD_PARTNER_ACTIVITY


@transaction.atomic
def partner_activity_save(
    *,
    actor,
    organisation_code: str,
    country_iso3: str,
    title: str,
    description: str = "",
    theme_codes: Iterable[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    source: str = ActivitySource.MANUAL,
    iati_identifier: str | None = None,
    activity: PartnerActivity | None = None,
) -> PartnerActivity:
    """Record (or update, matched on the IATI identifier) a development partner's activity in a State."""
    if actor is not None:  # None: a system import (IATI), not a person
        require(actor, RECORD_PARTNER_ACTIVITY)
    errors: dict[str, list[str]] = {}
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        errors["organisation"] = [_("Unknown organisation code “%(code)s”.") % {"code": organisation_code}]
    if not Country.objects.filter(iso3=(country_iso3 or "").upper()).exists():
        errors["country"] = [_("Unknown country code “%(code)s”.") % {"code": country_iso3}]
    if not (title or "").strip():
        errors["title"] = [_("Give the activity a title.")]
    themes = list(Theme.objects.filter(code__in=list(theme_codes)))
    if len(themes) != len(set(theme_codes)):
        errors["themes"] = [_("Unknown theme(s).")]
    if start and end and end < start:
        errors["end"] = [_("The end must not be before the start.")]
    if source not in ActivitySource.values:
        errors["source"] = [_("Unknown source.")]
    if errors or organisation is None:
        raise ValidationError(errors)
    if activity is None and iati_identifier:
        activity = PartnerActivity.objects.filter(iati_identifier=iati_identifier).first()
    activity = activity or PartnerActivity()
    activity.organisation = organisation
    activity.country_id = country_iso3.upper()
    activity.title = title.strip()
    activity.description = description.strip()
    raise_if_too_long(length_problems(description=(activity.description, PARTNER_DESCRIPTION_MAX_CHARS)))
    activity.start, activity.end = start, end
    activity.source = source
    activity.iati_identifier = iati_identifier or None
    activity.save()
    activity.themes.set(themes)
    return activity
