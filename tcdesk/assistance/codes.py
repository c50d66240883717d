"""Several codes in one column, stored as ",A,B," so `contains=",A,"` filters work on every database."""

from __future__ import annotations

from collections.abc import Iterable


def join_codes(codes: Iterable[str]) -> str:
    unique = sorted({c for c in codes if c})
    return f",{','.join(unique)}," if unique else ""


def split_codes(value: str) -> list[str]:
    return [c for c in (value or "").split(",") if c]
