"""Reporting requests: who must report, and at which session.

A request to report comes from an action clause of kind "request" whose addressee is
asked to submit a report ("de lui présenter, à sa soixante et unième session, un
rapport", "to submit to it at its sixty-first session a report"). A request to pass on
another body's reports ("de lui transmettre les rapports de ladite Conférence") is a
standing transmission: kind "transmission", ``to_session`` None unless a session is named.
Words such as "rapport" in "se rapportant" are never enough on their own.
"""

from __future__ import annotations

import re

from .ordinals import ordinal_before

_REPORT = {
    "fr": re.compile(
        r"\b(?:présenter|soumettre|remettre|établir|inclure)\b[^.;]{0,240}?\brapports?\b|"
        r"\bfaire rapport\b|\brendre compte\b"
    ),
    "en": re.compile(
        r"\b(?:submit|present|prepare|include)\b[^.;]{0,240}?\breports?\b|"
        r"\breport\s+(?:to|on|back|annually|regularly)\b"
    ),
    "es": re.compile(
        r"\b(?:present[ea]r?|presentase|presentara|someta|incluy[ae])\b[^.;]{0,240}?\binformes?\b|"
        r"\b(?:le\s+)?inform[ea]\s+(?:a|sobre|en)\b"
    ),
}
_TRANSMISSION = {
    "fr": re.compile(r"\btransmettre\b[^.;]{0,160}?\brapports?\b"),
    "en": re.compile(r"\btransmit\b[^.;]{0,160}?\breports?\b"),
    "es": re.compile(r"\btransmit[ae]r?\b[^.;]{0,160}?\binformes?\b"),
}
_SESSION = {
    "fr": re.compile(r"\b(?:à|lors de|pour)\s+sa\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s+session\b"),
    "en": re.compile(r"\bat\s+its\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s+session\b"),
    "es": re.compile(r"\ben\s+su\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s+período\s+de\s+sesiones\b"),
}


# Words every match of the patterns above contains (they are case-sensitive): a clause
# without them is skipped without running the regular expression over it.
_SESSION_WORD = {"fr": "session", "en": "session", "es": "sesiones"}
_REPORT_WORDS = {"fr": ("rapport", "rendre compte"), "en": ("report",), "es": ("inform",)}
_TRANSMISSION_WORD = {"fr": "transmettre", "en": "transmit", "es": "transmit"}


def session_named(text: str, lang: str) -> int | None:
    """The session number in "à sa soixante et unième session" / "at its sixty-first session"."""
    if _SESSION_WORD[lang] not in text:
        return None
    match = _SESSION[lang].search(text)
    if not match:
        return None
    return ordinal_before(match.group(1).split())


def reporting_kind(clause: str, lang: str) -> str | None:
    """ "report", "transmission", or None when the clause asks for neither."""
    if not any(word in clause for word in _REPORT_WORDS[lang]):
        return None  # both kinds name a report ("rapport", "report", "informe")
    if _TRANSMISSION_WORD[lang] in clause and _TRANSMISSION[lang].search(clause):
        return "transmission"
    if _REPORT[lang].search(clause):
        return "report"
    return None
