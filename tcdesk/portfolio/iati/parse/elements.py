"""Reading IATI values off lxml elements, shared by the activity and the organisation parsers.

Each helper names the element, its line and the rule when a value is missing or wrong
(`RecordProblem`), never a bare KeyError or ValueError. Texts and codes lose surrounding white
space; language codes are lower-cased.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from lxml import etree

from tcdesk.portfolio.iati.model import (
    DocumentLink,
    Money,
    Narrative,
    Narratives,
    ReportingOrg,
)
from tcdesk.portfolio.iati.values import ValueProblem, parse_bool, parse_date, parse_decimal

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class RecordProblem(ValueError):
    """Why one activity (or organisation) cannot be read, with the line of the offending element."""

    def __init__(self, message: str, *, kind: str, line: int | None, params: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.line = line
        self.params = dict(params or {})


def optional_attribute(element: etree._Element, name: str) -> str | None:
    value = element.get(name)
    return value.strip() if value is not None else None


def required_attribute(element: etree._Element, name: str) -> str:
    value = element.get(name)
    if value is None or not value.strip():
        raise RecordProblem(
            f"<{element.tag}> has no {name} attribute",
            kind="missing_attribute",
            line=element.sourceline,
            params={"element": element.tag, "attribute": name},
        )
    return value.strip()


def converted(element: etree._Element, name: str, convert: Callable, value: str):
    try:
        return convert(value)
    except ValueProblem as problem:
        raise RecordProblem(
            f"<{element.tag}> {name}: {problem}",
            kind="bad_value",
            line=element.sourceline,
            params={"element": element.tag, "attribute": name, "value": value},
        ) from None


def coded[E: IntEnum](element: etree._Element, name: str, enum: type[E], *, required: bool = True) -> E | None:
    value = required_attribute(element, name) if required else optional_attribute(element, name)
    if value is None or value == "":
        return None
    try:
        return enum(int(value))
    except ValueError:
        raise RecordProblem(
            f"<{element.tag}> {name}={value!r} is not in the IATI {enum.__name__} code list",
            kind="unknown_code",
            line=element.sourceline,
            params={"element": element.tag, "attribute": name, "value": value, "codelist": enum.__name__},
        ) from None


def iso_date(element: etree._Element, name: str = "iso-date"):
    return converted(element, name, parse_date, required_attribute(element, name))


def optional_iso_date(element: etree._Element, name: str = "iso-date"):
    value = element.get(name)
    return converted(element, name, parse_date, value) if value else None


def boolean_attribute(element: etree._Element, name: str) -> bool | None:
    value = element.get(name)
    return converted(element, name, parse_bool, value) if value is not None else None


def decimal_attribute(element: etree._Element, name: str):
    value = element.get(name)
    return converted(element, name, parse_decimal, value) if value is not None and value.strip() else None


_LANGUAGES: dict[str, str | None] = {}


def language(value: str | None) -> str | None:
    if not value:
        return None
    lang = _LANGUAGES.get(value)
    if lang is None and value not in _LANGUAGES:
        lang = value.strip().lower() or None
        if len(_LANGUAGES) < 500:  # a handful of codes in practice; bounded against odd files
            _LANGUAGES[value] = lang
    return lang


def narratives(element: etree._Element) -> Narratives:
    return tuple(
        Narrative((child.text or "").strip(), language(child.get(XML_LANG)))
        for child in element.iterchildren("narrative")
    )


def money(element: etree._Element) -> Money:
    return Money(
        amount=converted(element, "value", parse_decimal, element.text or ""),
        value_date=iso_date(element, "value-date"),
        currency=optional_attribute(element, "currency") or None,
    )


def child_element(element: etree._Element, tag: str) -> etree._Element:
    child = element.find(tag)
    if child is None:
        raise RecordProblem(
            f"<{element.tag}> has no <{tag}>",
            kind="missing_element",
            line=element.sourceline,
            params={"element": element.tag, "child": tag},
        )
    return child


def period_dates(element: etree._Element):
    return iso_date(child_element(element, "period-start")), iso_date(child_element(element, "period-end"))


def reporting_org(element: etree._Element) -> ReportingOrg:
    return ReportingOrg(
        ref=required_attribute(element, "ref"),
        type=required_attribute(element, "type"),
        names=narratives(element),
        secondary_reporter=boolean_attribute(element, "secondary-reporter"),
    )


def document_link(element: etree._Element) -> DocumentLink:
    title: Narratives = ()
    description: Narratives = ()
    categories, languages = [], []
    document_date = None
    for child in element:
        tag = child.tag
        if tag == "title":
            title = narratives(child)
        elif tag == "description":
            description = narratives(child)
        elif tag == "category":
            categories.append(required_attribute(child, "code"))
        elif tag == "language":
            languages.append(required_attribute(child, "code"))
        elif tag == "document-date":
            document_date = iso_date(child)
    return DocumentLink(
        url=required_attribute(element, "url"),
        format=required_attribute(element, "format"),
        title=title,
        description=description,
        categories=tuple(categories),
        languages=tuple(languages),
        document_date=document_date,
    )


def integer(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ValueProblem(f"{value!r} is not a year") from None
