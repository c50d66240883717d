"""From segmented elements to paragraphs: preamble, operative paragraphs with their actions and
addressees, annexes with their paragraphs and section headings, the closing lines and the text
left over."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .entities import SECRETARY_GENERAL, addressee_as_written, addressees_of, find_entities
from .header import find_closing, iso_date
from .paragraph_text import text_and_subparagraphs
from .parsed import Action, Annex, AnnexParagraph, Leftover, Operative, Preambular, Subparagraph
from .segmenting import ANNEX_HEADING, ANNEX_WITH_TITLE, Element, flatten, raw_text
from .vocabulary import clause_kind, clause_starts, operative_lead, preamble_lead

_OPERATIVE_NUMBER = re.compile(r"^\s*\d{1,3}\.\s*")
# Addressees of a "call"; a call to anyone else (an organ of the United Nations) is a request.
_OUTSIDE_ACTORS = {
    "States",
    "Member States",
    "States parties",
    "Governments",
    "regional economic integration organizations",
    "international organizations",
    "regional organizations",
    "non-governmental organizations",
    "civil society",
    "private sector",
    "donors",
    "development partners",
    "international financial institutions",
    "World Bank",
    "funding agencies",
}
_PERSONS = frozenset({SECRETARY_GENERAL})
# A renewed request names its addressee after a preposition: "Reiterates its request *to* the
# Secretary-General to …", "Réitère sa demande *au* Secrétaire général", "Reitera su solicitud *al* …".
_RENEWED_LEAD = (
    "its request",
    "its requests",
    "its invitation",
    "its invitations",
    "sa demande",
    "ses demandes",
    "son invitation",
    "ses invitations",
    "su solicitud",
    "su petición",
    "su pedido",
    "su invitación",
)
_ADDRESSEE_PREPOSITION = {
    "en": re.compile(r"^\s*to\s+"),
    "fr": re.compile(r"^\s*(?:à|aux?)\s+"),
    "es": re.compile(r"^\s*al?\s+"),
}


def _addressed(after_lead: str, lead: str, lang: str) -> str:
    """The words after an action's lead, without the preposition a renewed request puts before
    its addressee."""
    if lead.endswith(_RENEWED_LEAD):  # "Reiterates its request", not "Also requests"
        return _ADDRESSEE_PREPOSITION[lang].sub("", after_lead, count=1)
    return after_lead


_HIM = re.compile(r"\s*(?:him|her)\b")


@dataclass(slots=True)
class Assembled:
    preamble: list[Preambular] = field(default_factory=list)
    operative: list[Operative] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)
    plenary_meeting: int | None = None
    closing_date: str | None = None


def assemble(elements: list[Element], masked: str, lang: str) -> Assembled:
    """Turn the elements into the parts of a resolution, in document order."""
    result = Assembled()
    heading: str | None = None  # the last heading, waiting for the paragraph it stands above
    previous: str | None = None  # the last element, for where left-over text sits
    for element in elements:
        raw = raw_text(masked, element.spans)
        if element.kind == "preamble":
            text = flatten(raw, normalised=True)
            result.preamble.append(
                Preambular(len(result.preamble) + 1, preamble_lead(text, lang), text, list(element.spans))
            )
        elif element.kind == "operative":
            paragraph = _operative(element, raw, lang, normalised=True)
            paragraph.heading, heading = heading, None
            result.operative.append(paragraph)
        elif element.kind == "heading":
            heading = " ".join(raw.replace("\x00", "").split()) or None
        elif element.kind == "closing":
            closing = find_closing(raw, 0)
            if closing:
                result.plenary_meeting = int(closing.group("number"))
                if closing.group("date"):
                    result.closing_date = iso_date(closing.group("date"))
                else:
                    for line in raw[closing.end() :].splitlines():
                        if line.strip():
                            result.closing_date = iso_date(line)
                            break
        elif element.kind == "annex_heading":
            lines = [line.strip() for line in raw.replace("\x00", "").splitlines() if line.strip()]
            joined = ANNEX_WITH_TITLE.match(lines[0]) if lines else None
            if joined:  # "Annex Awaza Political Declaration" on one line
                lines[:1] = [joined.group("heading"), joined.group("title")]
            if lines and not ANNEX_HEADING.match(lines[0]):
                # A declaration adopted inline: no "Annex" line; its title is the heading, a subtitle the title.
                cut = element.subtitle_at if element.subtitle_at is not None else len(masked)
                title_text = "".join(masked[max(start, cut) : end] for start, end in element.spans if end > cut)
                heading_text = "".join(masked[start : min(end, cut)] for start, end in element.spans if start < cut)
                result.annexes.append(
                    Annex(
                        heading=" ".join(heading_text.replace("\x00", "").split()),
                        title=" ".join(title_text.replace("\x00", "").split()) or None,
                    )
                )
                heading = None
                continue
            title = " ".join(" ".join(lines[1:]).split()) or None
            result.annexes.append(Annex(heading=lines[0] if lines else "Annex", title=title))
            heading = None
        elif element.kind == "annex":
            text, subs = text_and_subparagraphs(
                raw, _OPERATIVE_NUMBER if element.number is not None else None, normalised=True
            )
            if not result.annexes:  # cannot happen: an annex paragraph follows an annex heading
                result.annexes.append(Annex(heading="Annex", title=None))
            result.annexes[min(max(element.section, 0), len(result.annexes) - 1)].paragraphs.append(
                AnnexParagraph(
                    number=element.number,
                    text=text,
                    subparagraphs=[Subparagraph(label, sub) for label, sub in subs],
                    heading=heading,
                    ref=element.ref,
                    spans=list(element.spans),
                )
            )
            heading = None
        elif element.kind == "leftover":
            result.leftovers.append(
                Leftover(ref=element.ref, text=flatten(raw, normalised=True), after=previous, spans=list(element.spans))
            )
            continue
        previous = f"{element.kind}:{element.ref}"
    return result


def operative_from_text(text: str, number: int | None, lang: str) -> Operative:
    """An operative paragraph read from its text alone (a reviewer's corrected paragraph): lead,
    kind, actions and addressees; lettered sub-paragraphs are the caller's to find."""
    return _operative(Element("operative", number, ref=number or 1), text, lang)


def _operative(element: Element, raw: str, lang: str, *, normalised: bool = False) -> Operative:
    """An operative paragraph with its lead, kind, actions (one per clause) and addressees.

    ``normalised``: ``raw`` is a piece of a text that went through ``normalise`` (see ``flatten``).
    """
    text, subs = text_and_subparagraphs(
        raw, _OPERATIVE_NUMBER if element.number is not None else None, normalised=normalised
    )
    lead, kind = operative_lead(text, lang)
    lead_text = lead or ""
    clauses = clause_starts(text, lang) if lead else []
    first_text = text[: clauses[0].start()] if clauses else text
    if kind in _DIRECTIVE_KINDS:  # an action addressed to someone: its addressees are looked for
        after_lead = _addressed(first_text[len(lead_text) :], lead_text, lang)
        first_addressees = addressees_of(after_lead, lang)
        named = None if first_addressees else addressee_as_written(after_lead, lang)
    else:
        first_addressees, named = [], None
    actions = [Action(_refine(kind, first_addressees), lead_text, first_addressees, first_text, named=named)]
    for position, clause in enumerate(clauses):
        end = clauses[position + 1].start() if position + 1 < len(clauses) else len(text)
        verb, clause_kind_ = clause_kind(clause.group("verb"), lang)
        clause_text = text[clause.start("verb") : end]
        named = None
        if clause.group("pronoun"):
            addressees = list(actions[-1].addressees)  # "et lui demande": the previous addressee
            named = actions[-1].named
        elif clause_kind_ in _DIRECTIVE_KINDS:
            after = _addressed(text[clause.end("verb") : end], verb, lang)
            addressees = addressees_of(after, lang)
            if not addressees and _HIM.match(after):
                # "Welcomes the report of the Secretary-General, and requests him": the person named before.
                addressees = (
                    list(actions[-1].addressees)
                    or [name for name in find_entities(text[: clause.start()]) if name in _PERSONS][-1:]
                )
            if not addressees:
                named = addressee_as_written(after, lang)
        else:
            addressees = []
        actions.append(Action(_refine(clause_kind_, addressees), verb, addressees, clause_text, named=named))
    # Every addressee once, in order of first mention (most paragraphs have one action).
    all_addressees = list(
        dict.fromkeys(first_addressees if not clauses else (name for action in actions for name in action.addressees))
    )
    return Operative(
        number=element.number,
        lead=lead,
        text=text,
        subparagraphs=[Subparagraph(label, sub) for label, sub in subs],
        addressees=all_addressees,
        kind=actions[0].kind,
        actions=actions,
        spans=list(element.spans),
        ref=element.ref,
    )


_DIRECTIVE_KINDS = frozenset(["request", "call", "urging", "invitation", "encouragement", "appreciation"])


def _refine(kind: str, addressees: list[str]) -> str:
    """ "Demande" to a United Nations organ ("demande au Secrétaire général de …") is a request;
    to States and other outside actors it is a call."""
    if kind == "call" and addressees and not set(addressees) & _OUTSIDE_ACTORS:
        return "request"
    return kind
