"""Small hand-written scenarios for the optimiser's unit tests, in the JSON contract's shape."""

from __future__ import annotations

from typing import Any

from tcdesk.planning.optimiser import Scenario, scenario_from_dict

REGIONS = {"MLI": "Africa", "NER": "Africa", "COL": "Americas", "PER": "Americas", "UKR": "Europe"}


def request(
    id: str,
    cost: str,
    priority: int | str = 1,
    *,
    country: str = "MLI",
    groups: list[str] | None = None,
    themes: list[str] | None = None,
    divisible: bool = False,
) -> dict[str, Any]:
    return {
        "id": id,
        "country": country,
        "region": REGIONS[country],
        "groups": groups or [],
        "themes": themes or ["corruption"],
        "cost": cost,
        "priority": str(priority),
        "divisible": divisible,
    }


def source(id: str, amount: str, **restrictions: list[str]) -> dict[str, Any]:
    return {"id": id, "amount": amount, **restrictions}


def scenario(requests: list[dict], sources: list[dict], **policy: Any) -> Scenario:
    return scenario_from_dict({"currency": "USD", "requests": requests, "sources": sources, "policy": policy})
