"""Reporting requests: who must report, and at which session.

A request to report comes from an action clause of kind "request" whose addressee is
asked to submit a report ("de lui présenter, à sa soixante et unième session, un
rapport", "to submit to it at its sixty-first session a report"). A request to pass on
another body's reports ("de lui transmettre les rapports de ladite Conférence") is a
standing transmission: kind "transmission", ``to_session`` None unless a session is named.
Words such as "rapport" in "se rapportant" are never enough on their own. An invitation to
another body to submit a report ("Invites the Commission to submit its report to the General
Assembly for consideration at its eighty-first session") is a reporting request too.
"""

from __future__ import annotations

import re

from .ordinals import ordinal_before
from .parsed import Operative, ReportingRequest


def _words(*alternatives: str) -> str:
    """Alternatives each opening at the start of a word ("\\bsubmit…"), written with their first
    letter ahead of the look-behind ("s(?<!\\ws)ubmit…"): every alternative of the pattern then
    opens with a literal, and the engine skips at C speed to the letters that can open one
    instead of trying the whole pattern at every position."""
    return "|".join(f"{text[0]}(?<!\\w{text[0]}){text[1:]}" for text in alternatives)


# The Assembly (or a Council) as the one to be kept informed: "to inform/apprise the General Assembly
# … at its eighty-first session", "to keep it informed", "tenir l'Assemblée générale informée", "mantenga
# informada a la Asamblea General" ask for a report as much as "to report to" does (A/RES/80/33 ¶3, 80/68).
# Informing anyone else ("Requests all States to inform the Secretary-General") is not a report to the body.
_ASSEMBLY = {
    "en": r"(?:the\s+(?:General\s+)?Assembly(?!\s+of\s+States)"
    r"|the\s+(?:Economic\s+and\s+Social|Security|Human\s+Rights)\s+Council|it)\b",
    "fr": r"(?:l['’]\s?Assemblée(?:\s+générale)?|le\s+Conseil(?:\s+(?:économique\s+et\s+social|de\s+sécurité))?)",
    "es": r"(?:la\s+Asamblea(?:\s+General)?|el\s+Consejo(?:\s+(?:Económico\s+y\s+Social|de\s+Seguridad))?)",
}
# Only whether a clause matches is used (``search`` is true or not), which the spelling keeps.
_REPORT_AFTER = r"\b[^.;]{0,240}?\b"
_REPORT = {
    "fr": re.compile(
        _words(
            *(
                rf"{verb}{_REPORT_AFTER}rapports?\b"
                for verb in ("présenter", "soumettre", "remettre", "établir", "inclure")
            ),
            r"faire rapport\b",
            r"rendre compte\b",
            rf"informer\s+{_ASSEMBLY['fr']}",
            rf"tenir\s+{_ASSEMBLY['fr']}(?:\s+[\w-]+){{0,2}}?\s+informée?s?\b",
        )
    ),
    "en": re.compile(
        _words(
            *(rf"{verb}{_REPORT_AFTER}reports?\b" for verb in ("submit", "present", "prepare", "include")),
            r"report\s+(?:to|on|back|annually|regularly)\b",
            *(rf"{verb}\s+{_ASSEMBLY['en']}" for verb in ("inform", "apprise", "brief")),
            rf"keep\s+{_ASSEMBLY['en']}(?:\s+\w+){{0,2}}?\s+informed\b",
        )
        # "and to report through the Committee to the General Assembly", not "the capacity to report data":
        # "to" after a space, and not after one of these words and that space.
        + r"|t(?<=\st)(?<!capacity\st)(?<!capacities\st)(?<!ability\st)(?<!obligation\st)(?<!obligations\st)"
        r"(?<!duty\st)(?<!failure\st)(?<!requirement\st)(?<!need\st)o\s+report\b"
    ),
    "es": re.compile(
        _words(
            *(
                rf"{verb}{_REPORT_AFTER}informes?\b"
                for verb in ("present[ea]r?", "presentase", "presentara", "someta", "incluy[ae]")
            ),
            r"le\s+inform[ea]\s+(?:a|sobre|en)\b",
            r"inform[ea]\s+(?:a|sobre|en)\b",
            rf"mantenga\s+informad[ao]s?\s+a\s+{_ASSEMBLY['es']}",
        )
    ),
}
_TRANSMISSION = {
    "fr": re.compile(r"\btransmettre\b[^.;]{0,160}?\brapports?\b"),
    "en": re.compile(r"\btransmit\b[^.;]{0,160}?\breports?\b"),
    "es": re.compile(r"\btransmit[ae]r?\b[^.;]{0,160}?\binformes?\b"),
}
_SESSION = {
    "fr": re.compile(r"\b(?:à|lors de|pour)\s+sa\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s+session\b"),
    "en": re.compile(
        r"\b(?:at|by|before|for|until|than|during)\s+(?:its|the)\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s+session\b"
    ),
    "es": re.compile(r"\ben\s+su\s+((?:[\w-]+\s+){0,4}?[\w-]+)\s+período\s+de\s+sesiones\b"),
}


# Words every match of the patterns above contains (they are case-sensitive): a clause
# without them is skipped without running the regular expression over it.
_SESSION_WORD = {"fr": "session", "en": "session", "es": "sesiones"}
_REPORT_WORDS = {
    "fr": ("rapport", "rendre compte", "inform"),
    "en": ("report", "inform", "apprise", "brief"),
    "es": ("inform",),
}
_TRANSMISSION_WORD = {"fr": "transmettre", "en": "transmit", "es": "transmit"}


def session_named(text: str, lang: str) -> int | None:
    """The session number in "à sa soixante et unième session" / "at its sixty-first session"."""
    return session_read(text, lang)[0]


# How the last word of an ordinal in words ends, in the three languages: such words that do not
# read as a number are a session the parser could not read (not "its next session").
_ORDINAL_ENDING = re.compile(
    r"(?:first|second|third|th|ième|ieme|ème|ere|ère|imo|ima|ero|era|avo|ava|vo|va|to|ta|no|na)$", re.IGNORECASE
)
_HYPHEN_SPACE = re.compile(r"-(?<=\w-)\s+(?=\w)")  # the literal first: searched at C speed


def session_read(text: str, lang: str) -> tuple[int | None, str | None]:
    """(session number, None), or (None, the words as written) when a session is named in
    words that do not read as an ordinal ("at its eighty-frist session"), or (None, None)."""
    if _SESSION_WORD[lang] not in text:
        return None, None
    match = _SESSION[lang].search(text)
    if not match:
        return None, None
    words = _HYPHEN_SPACE.sub("-", match.group(1))  # "eighty- first": a line-wrap artefact
    number = ordinal_before(words.split())
    if number is not None:
        return number, None
    last = words.split()[-1]
    return None, (words if _ORDINAL_ENDING.search(last) and last.lower() not in _NOT_ORDINALS else None)


_NOT_ORDINALS = frozenset(["next", "present", "current", "last", "ordinary", "regular", "resumed", "special"])


# Addressees of an invitation that are not another body: an invitation to them to report is not a
# reporting request of the resolution.
_NOT_BODIES = frozenset(
    [
        "States",
        "Member States",
        "States parties",
        "Governments",
        "donors",
        "development partners",
        "civil society",
        "private sector",
        "non-governmental organizations",
    ]
)


def reporting_requests(operative: list[Operative], lang: str) -> tuple[list[ReportingRequest], list[tuple[str, str]]]:
    """The reports the operative paragraphs ask for, and the sessions named in words that could
    not be read, as (element, words)."""
    requests = []
    unread: list[tuple[str, str]] = []
    for paragraph in operative:
        for action in paragraph.actions:
            if action.kind not in ("request", "invitation"):
                continue
            kind = reporting_kind(action.text, lang)
            if kind is None:
                continue
            addressee = action.addressees[0] if action.addressees else action.named
            if action.kind == "invitation" and (kind != "report" or addressee is None or addressee in _NOT_BODIES):
                continue
            session, words = session_read(action.text, lang)
            if words is not None:
                unread.append((f"operative:{paragraph.ref}", words))
            requests.append(
                ReportingRequest(
                    paragraph=paragraph.number if paragraph.number is not None else paragraph.ref,
                    addressee=addressee,
                    to_session=session,
                    kind=kind,
                )
            )
    return requests, unread


def reporting_kind(clause: str, lang: str) -> str | None:
    """ "report", "transmission", or None when the clause asks for neither."""
    for word in _REPORT_WORDS[lang]:  # a plain loop: a generator costs more than the few tests
        if word in clause:
            break
    else:
        return None  # both kinds name a report ("rapport", "report", "informe")
    if _TRANSMISSION_WORD[lang] in clause and _TRANSMISSION[lang].search(clause):
        return "transmission"
    if _REPORT[lang].search(clause):
        return "report"
    return None
