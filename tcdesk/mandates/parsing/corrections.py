"""Corrections a reviewer makes to a parse, applied to the parser's JSON document.

A correction is a small dict, applied in order; element names ("preamble:4", "operative:3",
"annex:12") are those of the document as it stands when the correction is applied, so a list of
corrections replays exactly on the parse of the same text:

- ``{"op": "merge", "element": E}``: E is the end of the paragraph before it (same part of the
  resolution); its text is appended to that paragraph.
- ``{"op": "split", "element": E, "at": N, "number": K}``: E is cut before character N of its
  text; the rest becomes a new paragraph after it, numbered K (for an operative or annex
  paragraph; by default the number after E's, or none).
- ``{"op": "move", "element": E, "chars": N, "to": "previous" | "next"}``: the first N characters
  of E go to the end of the paragraph before it, or the last N to the start of the paragraph after.
- ``{"op": "to_annex", "element": E}``: the preambular or operative paragraph E is an annex
  paragraph (of the first annex, made if there is none).

Paragraphs that a correction touches are read again from their new text (lead, kind, addressees,
lettered sub-paragraphs written inline "(a) … (b) …"); the others keep what the parser read.
Footnote callers and citation occurrences follow their paragraphs; reporting requests and the
numbering and lower-case warnings are worked out again. Plain Python, no Django.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from .assembly import operative_from_text
from .reporting import reporting_requests
from .vocabulary import preamble_lead

OPERATIONS = ("merge", "split", "move", "to_annex")
_KINDS = ("preamble", "operative", "annex")
_RECOMPUTED_WARNINGS = ("numbering_jump", "lowercase_start")


class CorrectionError(ValueError):
    """A correction that does not apply to the document: the message names the element and the rule."""


@dataclass
class _Item:
    kind: str  # preamble | operative | annex
    name: str  # its element name when the correction list started applying ("preamble:4")
    text: str
    number: int | None
    data: dict[str, Any]  # the parser's dict for this paragraph (kept while untouched)
    section: int = -1  # annex index
    touched: bool = False
    former: list[str] = field(default_factory=list)  # element names it holds the text of


def _items(document: dict[str, Any]) -> list[_Item]:
    items = [
        _Item("preamble", f"preamble:{position}", p["text"], None, p, former=[f"preamble:{position}"])
        for position, p in enumerate(document.get("preamble") or [], start=1)
    ]
    for position, paragraph in enumerate(document.get("operative") or [], start=1):
        name = f"operative:{paragraph['number'] if paragraph.get('number') is not None else position}"
        items.append(_Item("operative", name, paragraph["text"], paragraph.get("number"), paragraph, former=[name]))
    order = 0
    for section, annex in enumerate(document.get("annexes") or []):
        for paragraph in annex.get("paragraphs") or []:
            order += 1
            name = f"annex:{order}"
            items.append(
                _Item("annex", name, paragraph["text"], paragraph.get("number"), paragraph, section, former=[name])
            )
    return items


def _names(items: list[_Item]) -> list[str]:
    """The element names of the items in their current order (as the parser would name them)."""
    names, preamble, operative, annex = [], 0, 0, 0
    for item in items:
        if item.kind == "preamble":
            preamble += 1
            names.append(f"preamble:{preamble}")
        elif item.kind == "operative":
            operative += 1
            names.append(f"operative:{item.number if item.number is not None else operative}")
        else:
            annex += 1
            names.append(f"annex:{annex}")
    return names


def _find(items: list[_Item], element: Any) -> int:
    names = _names(items)
    if not isinstance(element, str) or element not in names:
        raise CorrectionError(f"There is no paragraph {element!r} in the document.")
    return names.index(element)


def _neighbour(items: list[_Item], index: int, step: int, what: str) -> int:
    other = index + step
    if not 0 <= other < len(items) or items[other].kind != items[index].kind:
        side = "before" if step < 0 else "after"
        raise CorrectionError(f"Paragraph {_names(items)[index]} has no {what} paragraph {side} it to {what}.")
    return other


def _position(value: Any, text: str, name: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < len(text):
        raise CorrectionError(
            f"{what} must be a whole number between 1 and {max(len(text) - 1, 1)} for paragraph {name} "
            f"(it has {len(text)} characters)."
        )
    return value


def _join(left: str, right: str) -> str:
    return " ".join(part for part in (left.strip(), right.strip()) if part)


def _apply_one(items: list[_Item], annexes: list[dict[str, Any]], correction: Any) -> None:
    if not isinstance(correction, dict) or correction.get("op") not in OPERATIONS:
        raise CorrectionError(f"A correction is one of {', '.join(OPERATIONS)} (got {correction!r}).")
    op = correction["op"]
    index = _find(items, correction.get("element"))
    item = items[index]
    name = _names(items)[index]
    if op == "merge":
        before = items[_neighbour(items, index, -1, "merge")]
        before.text = _join(before.text, item.text)
        before.touched = True
        before.former += item.former
        del items[index]
    elif op == "split":
        at = _position(correction.get("at"), item.text, name, "The place to split")
        number = correction.get("number")
        if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 1):
            raise CorrectionError(f"The number of the new paragraph must be a whole number from 1 (got {number!r}).")
        if number is None and item.kind != "preamble" and item.number is not None:
            number = item.number + 1
        # Element names and reporting requests know operative paragraphs by number: a second paragraph
        # with the same number would make both ambiguous.
        if (
            item.kind == "operative"
            and number is not None
            and any(other.kind == "operative" and other.number == number for other in items)
        ):
            raise CorrectionError(
                f"Splitting paragraph {name} would make a second operative paragraph {number}: "
                'give the new paragraph a number not yet used ("number").'
            )
        head, tail = item.text[:at].strip(), item.text[at:].strip()
        if not head or not tail:
            raise CorrectionError(f"Splitting paragraph {name} there would leave an empty paragraph.")
        item.text, item.touched = head, True
        new = _Item(item.kind, f"{item.name}+", tail, number if item.kind != "preamble" else None, {}, item.section)
        new.touched = True
        items.insert(index + 1, new)
    elif op == "move":
        chars = _position(correction.get("chars"), item.text, name, "The number of characters to move")
        direction = correction.get("to")
        if direction not in ("previous", "next"):
            raise CorrectionError('Text moves to the "previous" or the "next" paragraph.')
        other = items[_neighbour(items, index, -1 if direction == "previous" else 1, "move text to")]
        if direction == "previous":
            other.text, item.text = _join(other.text, item.text[:chars]), item.text[chars:].strip()
        else:
            other.text, item.text = _join(item.text[-chars:], other.text), item.text[:-chars].strip()
        other.touched = item.touched = True
    else:  # to_annex
        if item.kind == "annex":
            raise CorrectionError(f"Paragraph {name} is already an annex paragraph.")
        if not annexes:
            annexes.append({"heading": "Annex", "title": None, "paragraphs": [], "footnotes": []})
        del items[index]
        first_annex = next((position for position, other in enumerate(items) if other.kind == "annex"), len(items))
        item.kind, item.section, item.touched = "annex", 0, True
        items.insert(first_annex, item)


_INLINE_SUBPARAGRAPH = re.compile(r"(?:^|(?<=[\s:;]))\(([a-z]{1,2})\)\s+")


def inline_subparagraphs(text: str) -> list[dict[str, str]]:
    """Lettered sub-paragraphs written inline in a paragraph's text ("…: (a) To …; (b) To …"), in
    sequence from (a)."""
    found, expected = [], "a"
    for match in _INLINE_SUBPARAGRAPH.finditer(text):
        if match.group(1) == expected:
            found.append(match)
            expected = chr(ord(expected) + 1)
    return [
        {
            "label": match.group(1),
            "text": text[match.end() : found[position + 1].start() if position + 1 < len(found) else len(text)].strip(),
        }
        for position, match in enumerate(found)
    ]


def apply_corrections(
    document: dict[str, Any],
    corrections: list[Any],
    lang: str | None = None,
    *,
    renamed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The document with the corrections applied, in order; CorrectionError names the first one
    that does not apply (and which one it is). ``renamed``, when given, receives the element name
    each paragraph of the parse now has ("preamble:5" → "preamble:4" once merged)."""
    lang = lang or document.get("language") or "en"
    result = copy.deepcopy(document)
    if not corrections:
        return result
    items = _items(result)
    annexes = [dict(annex, paragraphs=[]) for annex in result.get("annexes") or []]
    for position, correction in enumerate(corrections, start=1):
        try:
            _apply_one(items, annexes, correction)
        except CorrectionError as exc:
            raise CorrectionError(f"Correction {position}: {exc}") from None
    renamed = {} if renamed is None else renamed
    for item, name in zip(items, _names(items), strict=True):
        for former in item.former:
            renamed.setdefault(former, name)
    preamble: list[dict[str, Any]] = []
    operative: list[dict[str, Any]] = []
    for item in items:
        if item.kind == "preamble":
            data = dict(item.data) if not item.touched else {"lead": preamble_lead(item.text, lang), "text": item.text}
            preamble.append({**data, "index": len(preamble) + 1})
        elif item.kind == "operative":
            data = item.data if not item.touched else _operative(item, lang)
            operative.append(data)
        else:
            data = (
                item.data
                if not item.touched and item.data
                else {
                    "number": item.number,
                    "text": item.text,
                    "subparagraphs": inline_subparagraphs(item.text),
                    "heading": item.data.get("heading"),
                }
            )
            annexes[max(item.section, 0)]["paragraphs"].append(data)
    result["preamble"], result["operative"], result["annexes"] = preamble, operative, annexes
    result["annex"] = annexes[0] if annexes else None
    _follow(result, renamed)
    result["reporting_requests"] = _requests(result, operative, items, lang)
    touched = {name for item, name in zip(items, _names(items), strict=True) if item.touched}
    result["warnings"] = _warnings(result, renamed, touched)
    return result


def _operative(item: _Item, lang: str) -> dict[str, Any]:
    paragraph = operative_from_text(item.text, item.number, lang)
    data = paragraph.to_dict()
    data["subparagraphs"] = inline_subparagraphs(item.text)
    data["heading"] = item.data.get("heading")
    return data


def _follow(document: dict[str, Any], renamed: dict[str, str]) -> None:
    """Footnote callers and citation occurrences name the paragraphs that now hold their text."""

    def rename(names: list[str]) -> list[str]:
        return list(dict.fromkeys(renamed.get(name, name) for name in names))

    notes = list(document.get("footnotes") or [])
    for annex in document.get("annexes") or []:
        notes += annex.get("footnotes") or []
    for note in notes:
        note["called_from"] = rename(note.get("called_from") or [])
    for citation in document.get("citations") or []:
        citation["occurrences"] = rename(citation.get("occurrences") or [])


def _requests(document: dict[str, Any], operative: list[dict], items: list[_Item], lang: str) -> list[dict]:
    """Reporting requests: kept for untouched paragraphs, read again for the others."""
    touched = {item.number for item in items if item.kind == "operative" and item.touched}
    kept = [
        request
        for request in document.get("reporting_requests") or []
        if request.get("paragraph") not in touched
        and any(p.get("number") == request.get("paragraph") for p in operative)
    ]
    again = [
        operative_from_text(item.text, item.number, lang) for item in items if item.kind == "operative" and item.touched
    ]
    found, _unread = reporting_requests(again, lang)
    merged = kept + [request.to_dict() for request in found]
    order = {p.get("number"): position for position, p in enumerate(operative)}
    return sorted(merged, key=lambda request: order.get(request.get("paragraph"), len(order)))


def _warnings(document: dict[str, Any], renamed: dict[str, str], touched: set[str]) -> list[dict]:
    """The parser's other warnings, following their paragraphs (a numbering repeat inside a paragraph
    the reviewer corrected is settled); the numbering jumps and lower-case openings worked out again."""
    current = {name for name, _text in _texts(document)}
    kept = []
    for warning in document.get("warnings") or []:
        if warning.get("code") in _RECOMPUTED_WARNINGS:
            continue
        elements = list(dict.fromkeys(renamed.get(name, name) for name in warning.get("elements") or []))
        paragraphs = [name for name in elements if name.partition(":")[0] in _KINDS]
        if any(name not in current for name in paragraphs):
            continue
        if warning.get("code") == "numbering_repeat" and set(paragraphs) & touched:
            continue
        kept.append({**warning, "elements": elements})
    fresh = []
    for kind, paragraphs, first in (
        ("operative", document.get("operative") or [], 1),
        ("annex", [p for annex in document.get("annexes") or [] for p in annex.get("paragraphs") or []], 1),
    ):
        expected, position = first, 0
        for paragraph in paragraphs:
            position += 1
            number = paragraph.get("number")
            name = f"{kind}:{number if kind == 'operative' and number is not None else position}"
            if number is None:
                continue
            if number > expected:
                fresh.append(
                    {
                        "code": "numbering_jump",
                        "message": f"The numbering jumps from {expected - 1} to {number}: a paragraph may be "
                        "missing, or merged into the one before.",
                        "elements": [name],
                        "details": {"after": expected - 1, "found": number},
                    }
                )
            expected = number + 1
    for name, text in _texts(document):
        if text[:1].islower():
            fresh.append(
                {
                    "code": "lowercase_start",
                    "message": f"This paragraph opens in lower case (“{text[:40]}…”): it may be the end of the "
                    "paragraph before it.",
                    "elements": [name],
                    "details": {"text": text[:60]},
                }
            )
    return fresh + kept


def _texts(document: dict[str, Any]) -> list[tuple[str, str]]:
    texts = [(f"preamble:{p['index']}", p["text"]) for p in document.get("preamble") or []]
    for position, paragraph in enumerate(document.get("operative") or [], start=1):
        number = paragraph.get("number")
        texts.append((f"operative:{number if number is not None else position}", paragraph["text"]))
    order = 0
    for annex in document.get("annexes") or []:
        for paragraph in annex.get("paragraphs") or []:
            order += 1
            texts.append((f"annex:{order}", paragraph["text"]))
    return texts
