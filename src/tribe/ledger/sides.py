"""Which sides of a relationship keep the ledger's duties, as one table.

In a mentor relationship the mentee owns the relationship: they keep the
advice log (record advice, decide, tell the mentor how it went), thank and
send updates. Peers ask and advise both ways (``KindInfo.symmetric``), so each
side keeps their own advice log of what the other advised, and thanks and
updates the other. Every interface asks here (through the services), never
"is this the mentee?" on its own.
"""

from __future__ import annotations

from tribe.core.kinds import RelationshipKind, kind_info
from tribe.meetings.models import ActionItemOwner
from tribe.people.models import Person
from tribe.relationships.models import Relationship

__all__ = ["BOTH", "MENTEE_ONLY", "keeper_sides", "keeps_ledger", "side_choices", "side_name"]

MENTEE_ONLY: frozenset[str] = frozenset({"mentee"})
BOTH: frozenset[str] = frozenset({"mentee", "mentor"})


def keeper_sides(kind: str) -> frozenset[str]:
    """The sides ("mentee", "mentor") that keep an advice log, thank and update in ``kind``."""
    return BOTH if kind_info(kind).symmetric else MENTEE_ONLY


def keeps_ledger(relationship: Relationship, person: Person) -> bool:
    """Whether ``person`` is on a side of ``relationship`` that records advice, thanks, updates."""
    return relationship.role_of(person) in keeper_sides(relationship.kind)


def side_name(relationship: Relationship, side: str) -> str:
    """How a side ("mentee", "mentor") reads where a person is told who does something.

    "Mentee" and "Mentor" in a mentor relationship, the words the product
    teaches; in any other kind the person's own name, since a coach's client,
    a sponsored person and a peer are nobody's mentee.
    """
    if relationship.kind == RelationshipKind.MENTOR:
        return str(ActionItemOwner(side).label)
    return relationship.mentee_name if side == "mentee" else relationship.mentor_name


def side_choices(relationship: Relationship) -> list[tuple[str, str]]:
    """The sides as form choices, each named by :func:`side_name`."""
    return [(side, side_name(relationship, side)) for side in ActionItemOwner.values]
