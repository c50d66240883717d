"""Hypothesis strategies: small random scenarios over a few countries, themes, groups and earmarks."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from tcdesk.planning.optimiser import Policy, Request, Scenario, Source

COUNTRIES = {"MLI": "Africa", "NER": "Africa", "COL": "Americas", "UKR": "Europe"}
THEMES = ("corruption", "trafficking", "terrorism")
GROUPS = ("LDC", "post-conflict")
MIN_SHARES = ("0.1", "0.25", "0.3333", "0.5", "0.8")
MAX_SHARES = ("0.2", "0.3", "0.5", "0.75")


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda value: Decimal(value) / 100)


def restriction(options) -> st.SearchStrategy[frozenset | None]:
    return st.one_of(st.none(), st.frozensets(st.sampled_from(sorted(options)), min_size=1, max_size=2))


@st.composite
def scenarios(draw, *, max_requests: int = 5, max_sources: int = 3, must_rules: bool = True) -> Scenario:
    count = draw(st.integers(1, max_requests))
    requests = []
    for number in range(count):
        country = draw(st.sampled_from(sorted(COUNTRIES)))
        requests.append(
            Request(
                id=f"R{number}",
                country=country,
                region=COUNTRIES[country],
                groups=draw(st.frozensets(st.sampled_from(GROUPS))),
                themes=draw(st.frozensets(st.sampled_from(THEMES), min_size=1, max_size=2)),
                cost=draw(st.one_of(cents(100, 20000), st.integers(1, 200).map(Decimal))),
                priority=Decimal(draw(st.integers(0, 20))),
                divisible=draw(st.booleans()),
            )
        )
    ids = [str(request.id) for request in requests]
    sources = [
        Source(
            id=f"S{number}",
            amount=draw(st.one_of(cents(0, 30000), st.integers(0, 300).map(Decimal))),
            themes=draw(restriction(THEMES)),
            regions=draw(restriction(set(COUNTRIES.values()))),
            countries=draw(restriction(COUNTRIES)),
            requests=draw(
                st.one_of(st.none(), st.frozensets(st.sampled_from([*ids, "R-elsewhere"]), min_size=1, max_size=2))
            ),
        )
        for number in range(draw(st.integers(1, max_sources)))
    ]
    must_fund: frozenset[str] = frozenset()
    must_not_fund: frozenset[str] = frozenset()
    if must_rules and draw(st.booleans()):
        must_fund = draw(st.frozensets(st.sampled_from(ids), max_size=2))
        others = [key for key in ids if key not in must_fund]
        if others:
            must_not_fund = draw(st.frozensets(st.sampled_from(others), max_size=1))
    policy = Policy(
        min_share={
            group: Decimal(draw(st.sampled_from(MIN_SHARES)))
            for group in draw(st.frozensets(st.sampled_from(GROUPS), max_size=1))
        },
        max_share_theme={
            theme: Decimal(draw(st.sampled_from(MAX_SHARES)))
            for theme in draw(st.frozensets(st.sampled_from(THEMES), max_size=1))
        },
        country_cap=draw(st.one_of(st.none(), st.integers(20, 300).map(Decimal))),
        must_fund=must_fund,
        must_not_fund=must_not_fund,
    )
    return Scenario(currency="USD", requests=tuple(requests), sources=tuple(sources), policy=policy)
