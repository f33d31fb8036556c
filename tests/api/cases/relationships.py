"""Relationships: both sides of the world's relationship (mutual, active) read and
shape it; a stranger and both programme administrators get 404 for everything;
deleting waits on the creator, and on the other side never having said yes."""

import datetime as dt

from tests.api.authz import BOTH_SIDES, SIGNED_IN, Case, World
from tests.factories import ContactFactory, GoalFactory, RelationshipFactory
from tribe.core import clock
from tribe.relationships.services import relationship_create

REL = "/api/relationships/{relationship}"


def _more_relationships(world: World) -> None:
    maya = world.people["mentee"]
    goal = GoalFactory(person=maya)
    # An account (a mentee of hers), a contact prospect, and a mentor of hers who accepted.
    RelationshipFactory(mentor=maya, created_by=maya)
    prospect = relationship_create(
        created_by=maya,
        my_role="mentee",
        other_contact=ContactFactory(owner=maya),
        goals=[goal],
    )
    RelationshipFactory(mentee=maya, kind="coach")
    assert prospect.goals.count() == 1


def _prospect(world: World) -> dict[str, int]:
    """Maya's private prospect with a contact: hers alone, never accepted by anyone."""
    made = relationship_create(
        created_by=world.people["mentee"],
        my_role="mentee",
        other_contact=ContactFactory(owner=world.people["mentee"]),
    )
    return {"prospect": made.pk}


def _intro(world: World) -> dict[str, int]:
    """Maya and Ravi after the intro meeting of a second, coaching, relationship."""
    made = RelationshipFactory(
        mentee=world.people["mentee"], mentor=world.people["mentor"], kind="coach", status="intro"
    )
    return {"intro": made.pk}


def _asked_of_ravi(world: World) -> dict[str, int]:
    """Eve's request waiting for Ravi's answer: not a relationship of his until he says yes."""
    made = RelationshipFactory(
        mentee=world.people["stranger"], mentor=world.people["mentor"], status="asked"
    )
    return {"asked": made.pk}


def _snooze(world: World) -> dict[str, str]:
    until = clock.now().date() + dt.timedelta(days=10)
    return {"until": until.isoformat(), "reason": "on leave"}


START = {
    "purpose": "Grow as a coach",
    "cadence_days": 14,
    "meeting_minutes": 30,
    "channel": "video",
    "starts_on": "2026-03-01",
    "months": 6,
}

CASES = [
    # Everyone has a list (an empty one too) and may start a relationship of their own.
    Case(
        "relationship_list",
        "GET",
        "/api/relationships",
        allowed=SIGNED_IN,
        grow=_more_relationships,
    ),
    Case(
        "relationship_list",
        "GET",
        "/api/relationships",
        query={"side": "mentor", "status": "active"},
        allowed=SIGNED_IN,
        label="filtered",
    ),
    Case(
        "relationship_add",
        "POST",
        "/api/relationships",
        body={"my_role": "mentee", "other_email": "someone@example.org", "purpose": "Learn"},
        allowed=SIGNED_IN,
        ok=201,
    ),
    Case(
        "relationship_add",
        "POST",
        "/api/relationships",
        # Naming an account by address makes a contact of it: the answer never tells.
        body={"my_role": "mentor", "other_email": "ravi@example.com"},
        allowed=("mentee", "stranger", "admin", "other_admin"),
        ok=201,
        # Ravi's own address: he cannot be his own mentee.
        status={"mentor": 422},
        label="an account's address",
    ),
    # The world's relationship: its two sides, nobody else (an administrator neither).
    Case("relationship_read", "GET", REL, allowed=BOTH_SIDES),
    # The purpose statement is the mentee's: her mentor may not change her words.
    Case(
        "relationship_change",
        "PATCH",
        REL,
        body={"purpose": "Lead well"},
        allowed=BOTH_SIDES,
        status={"mentor": 409},
        label="purpose",
    ),
    # Both said yes to its kind: neither side alone changes it (end it, start another).
    Case(
        "relationship_change",
        "PATCH",
        REL,
        body={"kind": "coach"},
        allowed=(),
        status={"mentee": 409, "mentor": 409},
        label="kind settled",
    ),
    Case("relationship_move", "POST", REL + "/move", body={"status": "paused"}, allowed=BOTH_SIDES),
    Case(
        "relationship_move",
        "POST",
        REL + "/move",
        body={"status": "prospect"},
        allowed=(),
        status={"mentee": 409, "mentor": 409},
        label="not a move from active",
    ),
    Case(
        "relationship_set_agreement",
        "PUT",
        REL + "/agreement",
        body={"cadence_days": 14, "channel": "video", "starts_on": "2026-03-01"},
        allowed=BOTH_SIDES,
    ),
    Case("relationship_snooze", "POST", REL + "/snooze", body=_snooze, allowed=BOTH_SIDES),
    Case("relationship_unsnooze", "POST", REL + "/unsnooze", allowed=BOTH_SIDES),
    Case(
        "relationship_set_updates",
        "PUT",
        REL + "/updates",
        body={"update_every_days": 90, "keep_in_touch": True},
        allowed=BOTH_SIDES,
    ),
    # Active already: no agreement starts it again.
    Case(
        "relationship_start",
        "POST",
        REL + "/start",
        body=START,
        allowed=(),
        status={"mentee": 409, "mentor": 409},
        label="active",
    ),
    Case(
        "relationship_start",
        "POST",
        "/api/relationships/{intro}/start",
        body=START,
        prepare=_intro,
        allowed=BOTH_SIDES,
    ),
    # The other side said yes: neither deletes it (end it instead).
    Case(
        "relationship_remove",
        "DELETE",
        REL,
        allowed=(),
        status={"mentee": 409, "mentor": 409},
        label="accepted",
    ),
    Case(
        "relationship_remove",
        "DELETE",
        "/api/relationships/{prospect}",
        prepare=_prospect,
        allowed=("mentee",),
        ok=204,
        label="private prospect",
    ),
    # A request waiting for Ravi is no relationship of his to read or move yet.
    Case(
        "relationship_read",
        "GET",
        "/api/relationships/{asked}",
        prepare=_asked_of_ravi,
        allowed=("stranger",),
        label="asked",
    ),
    Case(
        "relationship_move",
        "POST",
        "/api/relationships/{asked}/move",
        body={"status": "intro"},
        prepare=_asked_of_ravi,
        allowed=(),
        # Eve sees her request but accepting is Ravi's, by its own step.
        status={"stranger": 409},
        label="asked",
    ),
]
