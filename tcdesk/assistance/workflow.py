"""The life of a technical-assistance request: statuses, actions, who may take them. No Django here.

    draft ─submit─▶ submitted ─acknowledge─▶ acknowledged ─assess─▶ assessed ─accept─▶ accepted ─plan─▶ planned
                                              ▲      │                 │    └decline─▶ declined ─close─▶ closed
                                       respond│      │request_information                                 ▲
                                              └ information_requested ◀┘        planned ─deliver─▶ delivered ─close┘
    withdraw: from any open status (draft … planned) to withdrawn.

Two kinds of actor: the requesting State (its focal point) and the programme (an officer). The State
submits, answers a request for information and withdraws; the officer does the rest and may also act on
the State's behalf for submit, respond and withdraw (e.g. when the State wrote a letter).
"""

from __future__ import annotations

from dataclasses import dataclass

DRAFT = "draft"
SUBMITTED = "submitted"
ACKNOWLEDGED = "acknowledged"
INFORMATION_REQUESTED = "information_requested"
ASSESSED = "assessed"
ACCEPTED = "accepted"
DECLINED = "declined"
PLANNED = "planned"
DELIVERED = "delivered"
CLOSED = "closed"
WITHDRAWN = "withdrawn"

STATUSES = (
    DRAFT,
    SUBMITTED,
    ACKNOWLEDGED,
    INFORMATION_REQUESTED,
    ASSESSED,
    ACCEPTED,
    DECLINED,
    PLANNED,
    DELIVERED,
    CLOSED,
    WITHDRAWN,
)
# Statuses in which the request still asks something of the programme.
OPEN_STATUSES = frozenset({SUBMITTED, ACKNOWLEDGED, INFORMATION_REQUESTED, ASSESSED, ACCEPTED, PLANNED})
# Waiting for a decision (the queue proper).
AWAITING_DECISION = frozenset({SUBMITTED, ACKNOWLEDGED, INFORMATION_REQUESTED, ASSESSED})
FINAL_STATUSES = frozenset({CLOSED, WITHDRAWN})

SUBMIT = "submit"
ACKNOWLEDGE = "acknowledge"
REQUEST_INFORMATION = "request_information"
RESPOND = "respond"
ASSESS = "assess"
ACCEPT = "accept"
DECLINE = "decline"
PLAN = "plan"
DELIVER = "deliver"
CLOSE = "close"
WITHDRAW = "withdraw"

STATE = "state"
OFFICER = "officer"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    comment_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(SUBMIT, frozenset({DRAFT}), SUBMITTED, frozenset({STATE, OFFICER})),
        Transition(ACKNOWLEDGE, frozenset({SUBMITTED}), ACKNOWLEDGED, frozenset({OFFICER})),
        Transition(
            REQUEST_INFORMATION,
            frozenset({ACKNOWLEDGED, ASSESSED}),
            INFORMATION_REQUESTED,
            frozenset({OFFICER}),
            comment_required=True,
        ),
        Transition(RESPOND, frozenset({INFORMATION_REQUESTED}), ACKNOWLEDGED, frozenset({STATE, OFFICER})),
        Transition(ASSESS, frozenset({ACKNOWLEDGED}), ASSESSED, frozenset({OFFICER})),
        Transition(ACCEPT, frozenset({ASSESSED}), ACCEPTED, frozenset({OFFICER})),
        Transition(DECLINE, frozenset({ASSESSED}), DECLINED, frozenset({OFFICER}), comment_required=True),
        Transition(PLAN, frozenset({ACCEPTED}), PLANNED, frozenset({OFFICER})),
        Transition(DELIVER, frozenset({PLANNED}), DELIVERED, frozenset({OFFICER})),
        Transition(CLOSE, frozenset({DELIVERED, DECLINED}), CLOSED, frozenset({OFFICER})),
        Transition(WITHDRAW, frozenset({DRAFT}) | OPEN_STATUSES, WITHDRAWN, frozenset({STATE, OFFICER})),
    )
}
ACTIONS = tuple(TRANSITIONS)


class WorkflowError(Exception):
    """An action that the workflow does not allow; `code` says which rule it breaks."""

    def __init__(self, code: str, action: str, status: str) -> None:
        super().__init__(f"{code}: {action} from {status}")
        self.code = code  # unknown_action | wrong_status | not_your_action | comment_required
        self.action = action
        self.status = status


def check(action: str, status: str, actors: set[str] | frozenset[str], comment: str = "") -> str:
    """The status an action leads to from `status`, or WorkflowError naming the broken rule."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise WorkflowError("unknown_action", action, status)
    if not (transition.actors & set(actors)):
        raise WorkflowError("not_your_action", action, status)
    if status not in transition.sources:
        raise WorkflowError("wrong_status", action, status)
    # An officer withdrawing on the State's behalf records why (the State's letter, a call…).
    needs_comment = transition.comment_required or (action == WITHDRAW and STATE not in actors)
    if needs_comment and not comment.strip():
        raise WorkflowError("comment_required", action, status)
    return transition.target


def available_actions(status: str, actors: set[str] | frozenset[str]) -> list[str]:
    """Actions these actors may take from a status, in the workflow's order."""
    return [a for a, t in TRANSITIONS.items() if status in t.sources and t.actors & set(actors)]


def needs_comment(action: str, actors: set[str] | frozenset[str]) -> bool:
    transition = TRANSITIONS[action]
    return transition.comment_required or (action == WITHDRAW and STATE not in actors)
