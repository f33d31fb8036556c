"""Who may do what in a coaching relationship: one table, read by the services and the pages.

Both sides of an agreed coaching relationship design the regimen (the coach
usually does) and record the terms of sessions; the mentee, who practises,
logs the practice, and both read the log. Where the mentee is only a contact
(no account: the coach keeps the relationship as their own record), the
coach logs what their client reports, since nobody else could.
"""

from __future__ import annotations

from enum import StrEnum

from tribe.coaching.errors import CoachingCode
from tribe.core.errors import Conflict
from tribe.core.kinds import RelationshipKind
from tribe.core.labels import in_sentence
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship

__all__ = ["MAY", "Act", "check", "logs_for_client", "may"]


class Act(StrEnum):
    """What a side does in a coaching relationship."""

    #: Add, edit or retire an exercise.
    DESIGN = "design"
    #: Log practice.
    PRACTISE = "practise"
    #: Record the terms of sessions.
    TERMS = "terms"


#: The sides that may do each act ("mentee", "mentor").
MAY: dict[Act, frozenset[str]] = {
    Act.DESIGN: frozenset({"mentee", "mentor"}),
    Act.PRACTISE: frozenset({"mentee"}),
    Act.TERMS: frozenset({"mentee", "mentor"}),
}


def _sides_for(relationship: Relationship, act: Act) -> frozenset[str]:
    if act is Act.PRACTISE and relationship.mentee_id is None:
        return frozenset({"mentor"})  # a client without an account: the coach records for them
    return MAY[act]


def check(relationship: Relationship, person: Person, act: Act) -> str:
    """``person``'s side if they may do ``act`` in ``relationship``; else the refusal.

    NotFound when they are no side that said yes (callers fetch through the
    selectors, so this is defence in depth); Conflict naming the relationship
    for another kind or before the other side's yes, and naming who may for
    the wrong side.
    """
    side = consent.require_consented(relationship, person)
    if relationship.kind != RelationshipKind.COACH:
        raise Conflict(
            CoachingCode.NOT_COACHING,
            field="relationship",
            kind=in_sentence(relationship, "kind"),
        )
    if not consent.is_mutual(relationship):
        raise Conflict(
            CoachingCode.NOT_AGREED, field="relationship", name=relationship.other_name(person)
        )
    if side not in _sides_for(relationship, act):
        raise Conflict(CoachingCode.MENTEE_PRACTISES, name=relationship.mentee_name)
    return side


def may(relationship: Relationship, person: Person, act: Act) -> bool:
    """Whether :func:`check` would let ``person`` do ``act`` (for showing a form or not)."""
    side = relationship.role_of(person)
    return (
        side is not None
        and consent.has_consented(relationship, person)
        and relationship.kind == RelationshipKind.COACH
        and consent.is_mutual(relationship)
        and side in _sides_for(relationship, act)
    )


def logs_for_client(relationship: Relationship, person: Person) -> bool:
    """Whether ``person`` is the coach who keeps the log for a client without an account
    (what the practice form tells them), rather than the mentee logging their own."""
    return relationship.mentee_id is None and relationship.role_of(person) == "mentor"
