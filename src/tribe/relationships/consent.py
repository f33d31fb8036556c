"""Consent: who may see a relationship, and who may move it along the pipeline.

Nobody enters a relationship, sees a person's data or changes it without that
person's say. Every page, command and (later) API call goes through the rules
here, through the services and selectors that use them.

- Each account side of a relationship says yes once: the creator by creating
  it, the other account only by accepting a request (``*_consented_at``). A
  contact side has no account, so nothing to ask: such a relationship is its
  owner's own record.
- A side that has not said yes sees nothing of the relationship, except while
  a request is waiting for its answer (status "asked"): then it sees the
  request alone, through :func:`awaiting_q`.
- A relationship is *mutual* when every account side has said yes. Only then
  may meetings be planned in it, and only then does either side see the
  other's availability, wins or mentors.
- Moves along the pipeline between two accounts follow :data:`ACCOUNT_MOVES`,
  which names who may make each one; a relationship with a contact follows
  the plain pipeline, :data:`TRANSITIONS`, moved by its one account.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q

from tribe.core.errors import NotFound
from tribe.people.models import Block, Person
from tribe.relationships.errors import (
    STEP_ACCEPT,
    STEP_DECLINE,
    STEP_SEND,
    ConsentCode,
)
from tribe.relationships.models import Relationship

__all__ = [
    "ACCOUNT_MOVES",
    "TRANSITIONS",
    "ConsentCode",
    "Move",
    "Who",
    "allowed_moves",
    "awaiting_q",
    "consented_q",
    "counterpart",
    "declined_by_q",
    "has_consented",
    "is_blocked",
    "is_mutual",
    "is_requester",
    "may_make",
    "move_rule",
    "mutual_q",
    "require_consented",
]

Status = Relationship.Status

#: The pipeline of a relationship with a contact: its owner's own record.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PROSPECT: frozenset(
        {Status.ASKED, Status.INTRO, Status.ACTIVE, Status.DECLINED, Status.ENDED}
    ),
    Status.ASKED: frozenset({Status.PROSPECT, Status.INTRO, Status.ACTIVE, Status.DECLINED}),
    Status.INTRO: frozenset({Status.ACTIVE, Status.DECLINED, Status.ENDED}),
    Status.ACTIVE: frozenset({Status.PAUSED, Status.ENDED}),
    Status.PAUSED: frozenset({Status.ACTIVE, Status.ENDED}),
    Status.ENDED: frozenset(),
    Status.DECLINED: frozenset({Status.PROSPECT}),
}


class Who(StrEnum):
    """Who may make a move in a relationship between two accounts."""

    #: The person who started the relationship (and sends the request).
    REQUESTER = "requester"
    #: The person asked, who has not said yes yet.
    ASKED = "asked"
    #: Either side, once both have said yes.
    EITHER = "either"


@dataclass(frozen=True)
class Move:
    who: Who
    #: The step that makes this move, when it is not a plain status change: it
    #: carries what the move needs (a request message, an answer, an agreement).
    #: Its name is English, marked for translation (``errors.STEP_*``).
    via: str | None = None


#: Every move between two accounts, and who may make it. Moves not listed are
#: refused: in particular nobody jumps from prospect or asked to intro or
#: active without the other person's yes.
ACCOUNT_MOVES: dict[tuple[str, str], Move] = {
    (Status.PROSPECT, Status.ASKED): Move(Who.REQUESTER, via=STEP_SEND),
    (Status.PROSPECT, Status.ENDED): Move(Who.REQUESTER),
    (Status.ASKED, Status.PROSPECT): Move(Who.REQUESTER),  # withdraw the request
    (Status.ASKED, Status.INTRO): Move(Who.ASKED, via=STEP_ACCEPT),
    (Status.ASKED, Status.DECLINED): Move(Who.ASKED, via=STEP_DECLINE),
    (Status.INTRO, Status.ACTIVE): Move(Who.EITHER),
    (Status.INTRO, Status.DECLINED): Move(Who.EITHER),
    (Status.INTRO, Status.ENDED): Move(Who.EITHER),
    (Status.ACTIVE, Status.PAUSED): Move(Who.EITHER),
    (Status.ACTIVE, Status.ENDED): Move(Who.EITHER),
    (Status.PAUSED, Status.ACTIVE): Move(Who.EITHER),
    (Status.PAUSED, Status.ENDED): Move(Who.EITHER),
    (Status.DECLINED, Status.PROSPECT): Move(Who.REQUESTER),  # a new chapter, private again
}


# Predicates on one relationship ------------------------------------------------


def _side_consented(relationship: Relationship, side: str) -> bool:
    if getattr(relationship, f"{side}_id") is None:
        return True  # a contact: nothing to ask
    return getattr(relationship, f"{side}_consented_at") is not None


def has_consented(relationship: Relationship, person: Person) -> bool:
    """Whether ``person`` is a side of ``relationship`` and has said yes to it."""
    side = relationship.role_of(person)
    return side is not None and getattr(relationship, f"{side}_consented_at") is not None


def is_mutual(relationship: Relationship) -> bool:
    """Every account side has said yes (a contact side has nothing to say)."""
    return _side_consented(relationship, "mentee") and _side_consented(relationship, "mentor")


def require_consented(relationship: Relationship, person: Person) -> str:
    """``person``'s side ("mentee" or "mentor") if they said yes; NotFound otherwise.

    Callers fetch through ``relationship_get_for``; this is defence in depth
    for every service that changes something in a relationship.
    """
    side = relationship.role_of(person)
    if side is None or not has_consented(relationship, person):
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    return side


def counterpart(relationship: Relationship, person: Person) -> Person | None:
    """The other side's account, or None when the other side is a contact."""
    role = relationship.role_of(person)
    if role == "mentee":
        return relationship.mentor
    if role == "mentor":
        return relationship.mentee
    return None


def is_requester(relationship: Relationship, person: Person) -> bool:
    return relationship.created_by_id == person.pk and relationship.role_of(person) is not None


def move_rule(relationship: Relationship, new: str) -> Move | None:
    """The rule for moving ``relationship`` to ``new``, or None when no such move exists."""
    old = relationship.status
    if relationship.mentee_id is None or relationship.mentor_id is None:
        return Move(Who.EITHER) if new in TRANSITIONS.get(old, frozenset()) else None
    return ACCOUNT_MOVES.get((old, new))


def may_make(relationship: Relationship, person: Person, move: Move) -> bool:
    """Whether ``person`` may make ``move`` (the rule's "who", nothing else)."""
    if relationship.role_of(person) is None:
        return False
    if move.who is Who.ASKED:
        return not has_consented(relationship, person)
    if not has_consented(relationship, person):
        return False
    if move.who is Who.REQUESTER:
        return is_requester(relationship, person)
    return is_mutual(relationship)


def allowed_moves(relationship: Relationship, person: Person) -> list[str]:
    """The statuses ``person`` may move ``relationship`` to with a plain status change."""
    moves = []
    for status in Status.values:
        if status == relationship.status:
            continue
        rule = move_rule(relationship, status)
        if rule is not None and rule.via is None and may_make(relationship, person, rule):
            moves.append(status)
    return moves


# The same rules as queries ------------------------------------------------------


def consented_q(person: Person, prefix: str = "") -> Q:
    """Relationships ``person`` is a side of and has said yes to."""
    return Q(**{f"{prefix}mentee": person, f"{prefix}mentee_consented_at__isnull": False}) | Q(
        **{f"{prefix}mentor": person, f"{prefix}mentor_consented_at__isnull": False}
    )


def _not_yet_consented_q(person: Person, prefix: str) -> Q:
    return Q(**{f"{prefix}mentee": person, f"{prefix}mentee_consented_at__isnull": True}) | Q(
        **{f"{prefix}mentor": person, f"{prefix}mentor_consented_at__isnull": True}
    )


def awaiting_q(person: Person, prefix: str = "") -> Q:
    """Requests waiting for ``person``'s answer: they see the request, nothing more."""
    return Q(**{f"{prefix}status": Status.ASKED}) & _not_yet_consented_q(person, prefix)


def declined_by_q(person: Person, prefix: str = "") -> Q:
    """Requests ``person`` declined: theirs to be reminded of, nothing more."""
    return Q(**{f"{prefix}status": Status.DECLINED}) & _not_yet_consented_q(person, prefix)


def mutual_q(prefix: str = "") -> Q:
    """Relationships every account side has said yes to."""
    return (
        Q(**{f"{prefix}mentee__isnull": True})
        | Q(**{f"{prefix}mentee_consented_at__isnull": False})
    ) & (
        Q(**{f"{prefix}mentor__isnull": True})
        | Q(**{f"{prefix}mentor_consented_at__isnull": False})
    )


def is_blocked(*, blocker: Person, blocked: Person) -> bool:
    """Whether ``blocker`` wants no requests, introductions or meetings from ``blocked``."""
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()
