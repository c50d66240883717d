"""The priority score of a request and its explanation, line by line. No Django here.

Operative paragraph 5 of resolution 60/175: technical cooperation "as a high priority" for least
developed, developing and transition countries and in post-conflict reconstruction. The score adds
points per criterion; every point comes from one explanation line, so the lines always sum to the score.

Each line is stored as `{"code", "points", "params"}` (language-independent); pages translate the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Default weights (points). Administrators change them; each change is a new numbered version.
DEFAULT_WEIGHTS: dict[str, int] = {
    "ldc": 30,  # least developed country at submission date
    "eit": 15,  # economy in transition
    "lldc": 10,  # landlocked developing country
    "sids": 10,  # small island developing State
    "post_conflict": 25,  # part of post-conflict reconstruction
    "instrument_not_party": 20,  # per instrument the State is not party to (help to ratify)
    "instrument_max": 2,  # at most this many instruments count
    "waiting_per_30_days": 3,  # points per full 30 days waited
    "waiting_max": 36,  # cap on waiting points
    "mandate_link": 5,  # the request cites at least one mandate
}
WEIGHT_KEYS = tuple(DEFAULT_WEIGHTS)
GROUP_WEIGHTS = {"LDC": "ldc", "EIT": "eit", "LLDC": "lldc", "SIDS": "sids"}


@dataclass(frozen=True)
class Weights:
    values: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None) -> Weights:
        """Unknown keys are ignored; missing keys take the default."""
        merged = dict(DEFAULT_WEIGHTS)
        for key in WEIGHT_KEYS:
            if data and key in data and data[key] is not None:
                merged[key] = int(str(data[key]))
        return cls(merged)

    def __getitem__(self, key: str) -> int:
        return int(self.values[key])


@dataclass(frozen=True)
class PriorityInputs:
    groups: frozenset[str]  # country groups at the submission date
    post_conflict: bool = False
    instruments_not_party: tuple[str, ...] = ()
    instruments_party: tuple[str, ...] = ()
    instruments_unknown: tuple[str, ...] = ()  # party status not known (treaty data missing)
    days_waiting: int = 0
    mandate_links: int = 0
    as_of_group_date: str = ""  # ISO date of the submission, for the explanation


@dataclass(frozen=True)
class Line:
    code: str
    points: int
    params: dict

    def as_dict(self) -> dict:
        return {"code": self.code, "points": self.points, "params": self.params}


@dataclass(frozen=True)
class PriorityResult:
    score: int
    lines: tuple[Line, ...]

    def explanation(self) -> list[dict]:
        return [line.as_dict() for line in self.lines]


def waiting_points(days: int, weights: Weights) -> int:
    per = weights["waiting_per_30_days"]
    return max(0, min(weights["waiting_max"], (max(days, 0) // 30) * per))


def score(inputs: PriorityInputs, weights: Weights | None = None) -> PriorityResult:
    """Score a request. Lines with zero points are kept when they explain a missing bonus."""
    weights = weights or Weights()
    lines: list[Line] = []
    for group in sorted(inputs.groups):
        key = GROUP_WEIGHTS.get(group)
        if key:
            lines.append(Line(f"group_{key}", weights[key], {"group": group, "date": inputs.as_of_group_date}))
    if inputs.post_conflict:
        lines.append(Line("post_conflict", weights["post_conflict"], {}))
    counted = list(inputs.instruments_not_party)[: max(weights["instrument_max"], 0)]
    for code in counted:
        lines.append(Line("instrument_not_party", weights["instrument_not_party"], {"instrument": code}))
    for code in list(inputs.instruments_not_party)[len(counted) :]:
        lines.append(Line("instrument_not_party_capped", 0, {"instrument": code}))
    for code in inputs.instruments_party:
        lines.append(Line("instrument_party", 0, {"instrument": code}))
    for code in inputs.instruments_unknown:
        lines.append(Line("instrument_unknown", 0, {"instrument": code}))
    lines.append(Line("waiting", waiting_points(inputs.days_waiting, weights), {"days": max(inputs.days_waiting, 0)}))
    if inputs.mandate_links:
        lines.append(Line("mandate_link", weights["mandate_link"], {"count": inputs.mandate_links}))
    return PriorityResult(score=sum(line.points for line in lines), lines=tuple(lines))


def validate_weights(data: Mapping[str, object]) -> dict[str, str]:
    """Errors by key: each weight is a whole number from 0 to 1000."""
    errors = {}
    for key in WEIGHT_KEYS:
        value = data.get(key)
        try:
            number = int(value)  # type: ignore[call-overload]  # anything the user sent: int() decides
        except (TypeError, ValueError):
            errors[key] = "not_integer"
            continue
        if not 0 <= number <= 1000:
            errors[key] = "out_of_range"
    return errors
