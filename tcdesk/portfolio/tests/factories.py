"""Factories of portfolio objects, built through the services so that every rule holds.

Synthetic data: programmes and projects are made up; codes (DAC sectors, ISO countries) are real.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from tcdesk.portfolio import services
from tcdesk.portfolio.publishing import REPORTING_ORG_REF

_numbers = itertools.count(1)


def programme(actor, **overrides):
    number = next(_numbers)
    fields = {
        "code": f"GLOT{number:02d}",
        "name_en": "Global programme against trafficking in persons",
        "name_fr": "Programme mondial contre la traite des personnes",
        "scope": "global",
        "theme_codes": ["trafficking_in_persons"],
    }
    fields.update(overrides)
    return services.programme_save(actor=actor, **fields)


def project(actor, *, programme_obj=None, **overrides):
    number = next(_numbers)
    fields = {
        "programme": programme_obj or programme(actor),
        "iati_identifier": f"{REPORTING_ORG_REF}-P{number:04d}",
        "title_en": "Strengthening the criminal justice response to trafficking in persons in Mali",
        "title_fr": "Renforcer la réponse de la justice pénale à la traite des personnes au Mali",
        "description": "Training of prosecutors and judges; legislative assistance.",
        "status": 2,
        "planned_start": dt.date(2026, 1, 1),
        "planned_end": dt.date(2027, 12, 31),
        "actual_start": dt.date(2026, 2, 1),
        "gender_marker": 1,
        "theme_codes": ["trafficking_in_persons"],
        "sectors": [("15130", Decimal(60)), ("15190", Decimal(40))],
        "countries": [("MLI", Decimal(100))],
        "budgets": [(2026, Decimal("250000")), (2027, Decimal("180000.50"))],
        "organisations": [{"role": 2, "name": "Programme office", "iati_ref": REPORTING_ORG_REF}],
    }
    fields.update(overrides)
    return services.project_save(actor=actor, **fields)


def training(actor, project_obj, **overrides):
    fields = {
        "title": "Investigating trafficking cases: a course for prosecutors",
        "country_iso3": "MLI",
        "start": dt.date(2026, 3, 10),
        "end": dt.date(2026, 3, 12),
        "place": "Bamako",
        "target_group": "prosecutors",
        "participants": 25,
        "women": 11,
        "men": 13,
        "other_sex": 1,
        "roles": [("prosecutors", 8, 10, 1), ("judges", 3, 3, 0)],
        "pre_score": Decimal("48.5"),
        "post_score": Decimal("77"),
    }
    fields.update(overrides)
    return services.training_save(actor=actor, project=project_obj, **fields)
