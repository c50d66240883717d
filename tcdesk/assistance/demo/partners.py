"""Development partners' activities in the demo States."""

from __future__ import annotations

import datetime as dt
import random

from tcdesk.core.models import Organisation

from ..choices import ActivitySource
from ..models import PartnerActivity
from .data import PARTNERS, STATES, SUBJECTS, SYNTHETIC


def _partner_activities(rng: random.Random, now: dt.datetime, scale: int) -> int:
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=[c for c, _t in PARTNERS])}
    count = 0
    for iso3, _language, _authorities, _conflict in STATES:
        for code, title in PARTNERS:
            if code not in organisations or rng.random() < 0.3:
                continue
            theme = (
                "corruption"
                if code == "WB"
                else rng.choice(["criminal_justice", "terrorism", "trafficking_in_persons"])
            )
            _instruments, texts = SUBJECTS[theme]
            activity = PartnerActivity.objects.create(
                organisation=organisations[code],
                country_id=iso3,
                title=f"{title}: {texts['en'][0].lower()}",
                description=SYNTHETIC + texts["en"][1],
                start=(now - dt.timedelta(days=rng.randint(100, 500))).date(),
                end=(now + dt.timedelta(days=rng.randint(100, 700))).date(),
                source=ActivitySource.MANUAL if rng.random() < 0.5 else ActivitySource.IATI,
                iati_identifier=f"XM-DAC-SYNTH-{code}-{iso3}" if rng.random() < 0.5 else None,
            )
            activity.themes.set([theme])
            count += 1
    return count
