"""Mandates from a parsed resolution: one per operative paragraph, or per lettered sub-paragraph of an ask.

Re-loading matches mandates by key (operative number and sub-paragraph label) and keeps their tracking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tcdesk.core.models import Theme

from ..choices import ASKING_ACTIONS, Action, Body, EventKind, MandateStatus
from ..models import Mandate, MandateEvent, Paragraph, Resolution, ga_session_year
from ..theming import themes_for
from ._common import _addressee_for, _save_if_changed, _with_history_user


def _chapeau(text: str, subparagraphs: list[dict]) -> str:
    """The words of a paragraph before its first lettered sub-paragraph."""
    if not subparagraphs:
        return text
    first = subparagraphs[0]
    index = text.find(first.get("text") or "\x00")
    if index <= 0:
        return text
    head = text[:index]
    return re.sub(r"\s*\(?" + re.escape(str(first.get("label"))) + r"\)\s*$", "", head).rstrip()


@dataclass
class _Ask:
    key: str
    number: int
    label: str
    order: int
    action: str
    other_actions: list[str]
    lead: str
    text: str
    addressees: list[str]
    due_session: int | None


def _asks(document: dict) -> list[_Ask]:
    """One ask per operative paragraph, or per lettered sub-paragraph when the paragraph asks
    for several things ("Urges Member States: (a) …; (b) …")."""
    due: dict[int, int] = {}
    for request in document.get("reporting_requests") or []:
        if request.get("to_session") and request.get("paragraph") is not None:
            due.setdefault(int(request["paragraph"]), int(request["to_session"]))
    asks: list[_Ask] = []
    order = 0
    for position, item in enumerate(document.get("operative") or [], start=1):
        # A sole unnumbered operative paragraph is paragraph 1 of the registry (as the parser's "operative:1").
        number = item.get("number") if item.get("number") is not None else position
        kind = item.get("kind") if item.get("kind") in Action.values else Action.OTHER
        actions = [a.get("kind") for a in item.get("actions") or [] if a.get("kind") in Action.values]
        others = [a for a in dict.fromkeys(actions) if a != kind]
        text = item.get("text") or ""
        subs = item.get("subparagraphs") or []
        common: dict[str, Any] = {
            "number": number,
            "action": kind,
            "other_actions": others,
            "lead": (item.get("lead") or "")[:200],
            "addressees": list(item.get("addressees") or []),
        }
        if subs and kind in ASKING_ACTIONS:
            chapeau = _chapeau(text, subs)
            session_words = [s for s in subs if re.search(r"session|sesiones", s.get("text") or "", re.I)]
            for sub in subs:
                order += 1
                label = str(sub.get("label") or "")[:10]
                gets_due = number in due and (not session_words or sub in session_words)
                asks.append(
                    _Ask(
                        key=f"{number}({label})",
                        label=label,
                        order=order,
                        text=f"{chapeau} ({label}) {sub.get('text') or ''}",
                        due_session=due.get(number) if gets_due else None,
                        **common,
                    )
                )
        else:
            order += 1
            asks.append(_Ask(key=str(number), label="", order=order, text=text, due_session=due.get(number), **common))
    return asks


def _store_mandates(
    resolution: Resolution, document: dict, paragraphs: dict[str, Paragraph], *, user, now, created: bool
) -> dict[str, Mandate]:
    existing = {m.key: m for m in resolution.mandates.all()}
    themes = {theme.code: theme for theme in Theme.objects.all()}
    result: dict[str, Mandate] = {}
    for ask in _asks(document):
        paragraph = paragraphs.get(f"operative:{ask.number}")
        subparagraph = None
        if paragraph is not None and ask.label:
            subparagraph = next((s for s in paragraph.subparagraphs.all() if s.label == ask.label), None)
        found = existing.pop(ask.key, None)
        is_new = found is None
        old_text = None if found is None else found.text
        mandate = Mandate(resolution=resolution, key=ask.key) if found is None else found
        _with_history_user(mandate, user)
        _save_if_changed(
            mandate,
            {
                "paragraph": paragraph,
                "subparagraph": subparagraph,
                "paragraph_number": ask.number,
                "subparagraph_label": ask.label,
                "order": ask.order,
                "action": ask.action,
                "other_actions": ("," + ",".join(ask.other_actions) + ",") if ask.other_actions else "",
                "lead": ask.lead,
                "text": ask.text,
                "due_session": ask.due_session,
                "due_year": ga_session_year(ask.due_session) if resolution.body == Body.GA else None,
                "in_text": True,
            },
        )
        mandate.addressees.set([_addressee_for(name) for name in ask.addressees])
        mandate.themes.set([themes[code] for code in themes_for(ask.text) if code in themes])
        if is_new:
            MandateEvent.objects.create(
                mandate=mandate,
                kind=EventKind.CREATED,
                to_status=mandate.status,
                actor=user if getattr(user, "is_authenticated", False) else None,
                at=now,
            )
        elif old_text != ask.text:
            MandateEvent.objects.create(
                mandate=mandate,
                kind=EventKind.RELOADED,
                actor=user if getattr(user, "is_authenticated", False) else None,
                at=now,
                comment=_("The paragraph's text changed when the resolution was re-loaded."),
            )
        result[ask.key] = mandate
    for gone in existing.values():
        tracked = (
            gone.status != MandateStatus.OPEN
            or gone.evidence.exists()
            or gone.events.exclude(kind=EventKind.CREATED).exists()
        )
        if tracked:
            # Keep the tracking; the paragraph is no longer in the text.
            gone.in_text = False
            gone.paragraph = gone.subparagraph = None
            gone.save()
        else:
            gone.delete()
    return result
