"""The scenario the optimiser solves: requests, sources of money and policy rules, and its validation.

A scenario comes either from JSON (``scenario_from_dict``, the ``plan_allocation --input`` contract)
or is built directly from the dataclasses by the database layer. Amounts are ``Decimal`` in the
scenario's currency with at most two decimal places (cents); shares are ``Decimal`` in [0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

RequestId = str | int
SourceId = str | int

CENT = Decimal("0.01")
_DECIMAL_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Request:
    """An accepted request not yet fully funded: what it costs, how much it matters, what it is about.

    ``groups`` are the country groups of its country (LDC, post-conflict…), ``themes`` the programme
    themes it serves. A divisible request may be funded in part (any fraction); an indivisible one is
    funded entirely or not at all.
    """

    id: RequestId
    country: str
    cost: Decimal
    priority: Decimal
    region: str | None = None
    groups: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    divisible: bool = False

    def __post_init__(self) -> None:
        # Callers building scenarios from the database pass ints and sets; keep the types exact.
        object.__setattr__(self, "cost", _as_decimal(self.cost))
        object.__setattr__(self, "priority", _as_decimal(self.priority))
        object.__setattr__(self, "groups", frozenset(self.groups))
        object.__setattr__(self, "themes", frozenset(self.themes))


@dataclass(frozen=True)
class Source:
    """Free money of a fund or an earmark, with the restrictions the donor attached to it.

    Each restriction is ``None`` (no restriction) or a set; a source may fund a request when every
    restriction it has matches the request: a shared theme, the request's region, its country, its id.
    """

    id: SourceId
    amount: Decimal
    themes: frozenset[str] | None = None
    regions: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    requests: frozenset[str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", _as_decimal(self.amount))
        for name in ("themes", "regions", "countries"):
            value = getattr(self, name)
            object.__setattr__(self, name, frozenset(value) or None if value is not None else None)
        if self.requests is not None:
            object.__setattr__(self, "requests", frozenset(str(key) for key in self.requests) or None)

    def may_fund(self, request: Request) -> bool:
        """Whether the source's restrictions allow it to fund ``request`` (its earmarks match)."""
        return (
            (self.themes is None or not self.themes.isdisjoint(request.themes))
            and (self.regions is None or request.region in self.regions)
            and (self.countries is None or request.country in self.countries)
            and (self.requests is None or str(request.id) in self.requests)
        )


@dataclass(frozen=True)
class Policy:
    """Policy rules on the whole plan.

    ``min_share[g]``: the requests of group g receive at least that share of the funded total.
    ``max_share_theme[t]``: the requests with theme t receive at most that share of the funded total.
    ``country_cap``: no country receives more than this amount in total.
    ``must_fund``: requests funded entirely; ``must_not_fund``: requests left unfunded (ids as text).
    """

    min_share: Mapping[str, Decimal] = field(default_factory=dict)
    max_share_theme: Mapping[str, Decimal] = field(default_factory=dict)
    country_cap: Decimal | None = None
    must_fund: frozenset[str] = frozenset()
    must_not_fund: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "min_share", {key: _as_decimal(v) for key, v in self.min_share.items()})
        object.__setattr__(self, "max_share_theme", {key: _as_decimal(v) for key, v in self.max_share_theme.items()})
        if self.country_cap is not None:
            object.__setattr__(self, "country_cap", _as_decimal(self.country_cap))
        object.__setattr__(self, "must_fund", frozenset(str(key) for key in self.must_fund))
        object.__setattr__(self, "must_not_fund", frozenset(str(key) for key in self.must_not_fund))


@dataclass(frozen=True)
class Scenario:
    """Everything the optimiser needs, and nothing from the database."""

    currency: str
    requests: tuple[Request, ...]
    sources: tuple[Source, ...]
    policy: Policy = field(default_factory=Policy)

    def __post_init__(self) -> None:
        object.__setattr__(self, "requests", tuple(self.requests))
        object.__setattr__(self, "sources", tuple(self.sources))
        errors = validate_scenario(self)
        if errors:
            raise ScenarioError(errors)


@dataclass(frozen=True)
class FieldError:
    """One problem in a scenario: where (``requests[3].cost``) and which rule it breaks."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ScenarioError(ValueError):
    """A scenario that cannot be solved as given; ``errors`` lists every problem found."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))


def validate_scenario(scenario: Scenario) -> list[FieldError]:
    """Problems of a scenario built from the dataclasses (the JSON reader checks types before)."""
    errors: list[FieldError] = []
    if not _CURRENCY.match(scenario.currency or ""):
        errors.append(FieldError("currency", f"must be an ISO 4217 code such as USD, got {scenario.currency!r}"))
    seen: set[str] = set()
    for position, request in enumerate(scenario.requests):
        where = f"requests[{position}]"
        key = str(request.id)
        if key in seen:
            errors.append(FieldError(f"{where}.id", f"request {key!r} appears twice"))
        seen.add(key)
        if not request.country:
            errors.append(FieldError(f"{where}.country", "is required"))
        if request.cost <= 0 or request.cost != request.cost.quantize(CENT):
            errors.append(FieldError(f"{where}.cost", "must be an amount greater than zero with at most two decimals"))
        if not request.priority.is_finite() or request.priority < 0:
            errors.append(FieldError(f"{where}.priority", "must be a number of zero or more"))
    source_ids: set[str] = set()
    for position, source in enumerate(scenario.sources):
        where = f"sources[{position}]"
        key = str(source.id)
        if key in source_ids:
            errors.append(FieldError(f"{where}.id", f"source {key!r} appears twice"))
        source_ids.add(key)
        if source.amount < 0 or source.amount != source.amount.quantize(CENT):
            errors.append(FieldError(f"{where}.amount", "must be an amount of zero or more with at most two decimals"))
    policy = scenario.policy
    for name, shares in (("min_share", policy.min_share), ("max_share_theme", policy.max_share_theme)):
        for key, share in shares.items():
            if not share.is_finite() or not 0 <= share <= 1:
                errors.append(FieldError(f"policy.{name}.{key}", f"must be a share between 0 and 1, got {share}"))
    if policy.country_cap is not None and (policy.country_cap < 0 or not policy.country_cap.is_finite()):
        errors.append(FieldError("policy.country_cap", "must be an amount of zero or more"))
    for name, ids in (("must_fund", policy.must_fund), ("must_not_fund", policy.must_not_fund)):
        for key in sorted(ids - seen):
            errors.append(FieldError(f"policy.{name}", f"names request {key!r}, which is not in the scenario"))
    for key in sorted(policy.must_fund & policy.must_not_fund):
        errors.append(FieldError("policy.must_not_fund", f"request {key!r} is also in must_fund"))
    return errors


def _as_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


# -- reading the JSON contract ---------------------------------------------------------------------


def scenario_from_dict(data: Any) -> Scenario:
    """Read a scenario in the ``plan_allocation --input`` shape; raise ``ScenarioError`` naming every bad field.

    Amounts and shares may be decimal strings, integers or ``Decimal`` (``json.loads(...,
    parse_float=Decimal)`` keeps numbers exact). A ``null`` or missing restriction list means no
    restriction; so does an empty one. Keys the contract does not define are ignored.
    """
    reader = _Reader()
    scenario = reader.scenario(data)
    if reader.errors:
        raise ScenarioError(reader.errors)
    assert scenario is not None
    return scenario


class _Reader:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, where: str, message: str) -> None:
        self.errors.append(FieldError(where, message))

    def scenario(self, data: Any) -> Scenario | None:
        if not isinstance(data, Mapping):
            self.fail("(document)", "must be a JSON object with currency, requests, sources and policy")
            return None
        currency = data.get("currency")
        if not isinstance(currency, str) or not _CURRENCY.match(currency):
            self.fail("currency", f"must be an ISO 4217 code such as USD, got {currency!r}")
        requests = [
            request
            for position, item in enumerate(self.items(data, "requests"))
            if (request := self.request(item, f"requests[{position}]")) is not None
        ]
        sources = [
            source
            for position, item in enumerate(self.items(data, "sources"))
            if (source := self.source(item, f"sources[{position}]")) is not None
        ]
        policy = self.policy(data.get("policy"))
        self.cross_check(data, policy)
        if self.errors or policy is None:
            return None
        try:
            return Scenario(currency=currency, requests=tuple(requests), sources=tuple(sources), policy=policy)
        except ScenarioError as exc:
            self.errors.extend(exc.errors)
            return None

    def cross_check(self, data: Mapping, policy: Policy | None) -> None:
        """Ids unique; policy lists name requests of the scenario, and no request in both."""
        known: set[str] = set()
        for key in ("requests", "sources"):
            seen: set[str] = set()
            items = data.get(key)
            for position, item in enumerate(items if isinstance(items, list) else []):
                value = item.get("id") if isinstance(item, Mapping) else None
                if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
                    if str(value) in seen:
                        self.fail(f"{key}[{position}].id", f"{str(value)!r} appears twice")
                    seen.add(str(value))
            if key == "requests":
                known = seen
        if policy is None:
            return
        for name, ids in (("must_fund", policy.must_fund), ("must_not_fund", policy.must_not_fund)):
            for key in sorted(ids - known):
                self.fail(f"policy.{name}", f"names request {key!r}, which is not in the scenario")
        for key in sorted(policy.must_fund & policy.must_not_fund):
            self.fail("policy.must_not_fund", f"request {key!r} is also in must_fund")

    def items(self, data: Mapping, key: str) -> list:
        value = data.get(key)
        if not isinstance(value, list):
            self.fail(key, "must be a list" + (" (it is missing)" if value is None else ""))
            return []
        return value

    def request(self, item: Any, where: str) -> Request | None:
        if not isinstance(item, Mapping):
            self.fail(where, "must be an object")
            return None
        count = len(self.errors)
        request_id = self.identifier(item.get("id"), f"{where}.id")
        country = self.text(item.get("country"), f"{where}.country", required=True)
        region = self.text(item.get("region"), f"{where}.region", required=False)
        cost = self.amount(item.get("cost"), f"{where}.cost", positive=True)
        priority = self.number(item.get("priority"), f"{where}.priority")
        divisible = item.get("divisible", False)
        if divisible is None:
            divisible = False
        if not isinstance(divisible, bool):
            self.fail(f"{where}.divisible", f"must be true or false, got {divisible!r}")
        groups = self.labels(item.get("groups"), f"{where}.groups") or frozenset()
        themes = self.labels(item.get("themes"), f"{where}.themes") or frozenset()
        if len(self.errors) > count:
            return None
        return Request(
            id=request_id,
            country=country,
            region=region,
            groups=groups,
            themes=themes,
            cost=cost,
            priority=priority,
            divisible=divisible,
        )

    def source(self, item: Any, where: str) -> Source | None:
        if not isinstance(item, Mapping):
            self.fail(where, "must be an object")
            return None
        count = len(self.errors)
        source_id = self.identifier(item.get("id"), f"{where}.id")
        amount = self.amount(item.get("amount"), f"{where}.amount", positive=False)
        restrictions = {key: self.labels(item.get(key), f"{where}.{key}") for key in ("themes", "regions", "countries")}
        requests = self.request_ids(item.get("requests"), f"{where}.requests")
        if len(self.errors) > count:
            return None
        return Source(id=source_id, amount=amount, requests=requests or None, **restrictions)

    def policy(self, value: Any) -> Policy | None:
        if value is None:
            return Policy()
        if not isinstance(value, Mapping):
            self.fail("policy", "must be an object")
            return None
        min_share = self.shares(value.get("min_share"), "policy.min_share")
        max_share = self.shares(value.get("max_share_theme"), "policy.max_share_theme")
        cap = value.get("country_cap")
        country_cap = None if cap is None else self.amount(cap, "policy.country_cap", positive=False)
        must_fund = self.request_ids(value.get("must_fund"), "policy.must_fund") or frozenset()
        must_not_fund = self.request_ids(value.get("must_not_fund"), "policy.must_not_fund") or frozenset()
        return Policy(
            min_share=min_share,
            max_share_theme=max_share,
            country_cap=country_cap,
            must_fund=must_fund,
            must_not_fund=must_not_fund,
        )

    # -- scalars -----------------------------------------------------------------------------------

    def identifier(self, value: Any, where: str) -> RequestId:
        if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
            self.fail(where, f"must be a non-empty text or an integer, got {value!r}")
            return ""
        return value

    def text(self, value: Any, where: str, *, required: bool) -> Any:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(where, "is required" if value is None else f"must be a non-empty text, got {value!r}")
            return ""
        return value

    def labels(self, value: Any, where: str) -> frozenset[str] | None:
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(label, str) and label for label in value):
            self.fail(where, f"must be a list of non-empty texts or null, got {value!r}")
            return None
        return frozenset(value) or None

    def request_ids(self, value: Any, where: str) -> frozenset[str] | None:
        if value is None:
            return None
        if not isinstance(value, list) or not all(
            isinstance(key, str | int) and not isinstance(key, bool) and key != "" for key in value
        ):
            self.fail(where, f"must be a list of request ids or null, got {value!r}")
            return None
        return frozenset(str(key) for key in value) or None

    def decimal(self, value: Any, where: str) -> Decimal | None:
        if isinstance(value, bool) or value is None:
            self.fail(where, "is required" if value is None else f"must be a decimal number, got {value!r}")
            return None
        if isinstance(value, str) and not _DECIMAL_TEXT.match(value.strip()):
            self.fail(where, f"must be a decimal number written like 1234.50, got {value!r}")
            return None
        if not isinstance(value, str | int | float | Decimal):
            self.fail(where, f"must be a decimal number, got {value!r}")
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.fail(where, f"must be a decimal number, got {value!r}")
            return None
        if not number.is_finite():
            self.fail(where, f"must be a finite number, got {value!r}")
            return None
        return number

    def amount(self, value: Any, where: str, *, positive: bool) -> Decimal:
        number = self.decimal(value, where)
        if number is None:
            return Decimal(0)
        if number != number.quantize(CENT):
            self.fail(where, f"must have at most two decimals (cents), got {value}")
        elif positive and number <= 0:
            self.fail(where, f"must be greater than zero, got {value}")
        elif number < 0:
            self.fail(where, f"must not be negative, got {value}")
        return number

    def number(self, value: Any, where: str) -> Decimal:
        number = self.decimal(value, where)
        if number is None:
            return Decimal(0)
        if number < 0:
            self.fail(where, f"must be zero or more, got {value}")
        return number

    def shares(self, value: Any, where: str) -> dict[str, Decimal]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.fail(where, "must be an object mapping a name to a share")
            return {}
        shares = {}
        for key, raw in value.items():
            share = self.decimal(raw, f"{where}.{key}")
            if share is None:
                continue
            if not 0 <= share <= 1:
                self.fail(f"{where}.{key}", f"must be a share between 0 and 1, got {raw}")
                continue
            shares[key] = share
        return shares
