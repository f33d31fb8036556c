"""Asking and answering: my request is mine (the mentee's), a request waiting for an
answer is the asked person's to answer and the requester's to see (409 when they try
to answer it themselves); nobody else learns that it exists."""

import datetime as dt

from tests.api.authz import SIGNED_IN, Case, World
from tests.factories import ContactFactory, PersonFactory, RelationshipFactory
from tribe.core import clock
from tribe.people.models import Block
from tribe.relationships.services import relationship_create

MINE = "/api/requests/mine/{relationship}"
ASKED = "/api/requests/{asked}"


def _prospect(world: World) -> dict[str, int]:
    """Maya's request to a mentor who has no account yet, ready to send."""
    made = relationship_create(
        created_by=world.people["mentee"],
        my_role="mentee",
        other_contact=ContactFactory(owner=world.people["mentee"], email="lin@example.org"),
        purpose="Learn to run discovery interviews",
    )
    return {"prospect": made.pk}


def _waiting(world: World, **fields: object) -> dict[str, int]:
    """Maya's request to a new mentor, sent a month ago and unanswered."""
    made = RelationshipFactory(
        mentee=world.people["mentee"],
        mentor=PersonFactory(open_to_mentoring=True, mentee_capacity=2),
        status="asked",
        asked_at=clock.now() - dt.timedelta(days=30),
        request_message="Would you mentor me?",
        **fields,
    )
    return {"waiting": made.pk}


def _questioned(world: World) -> dict[str, int]:
    return _waiting(world, info_request="How much time do you hope for?")


def _asked_of_ravi(world: World) -> dict[str, int]:
    """Eve asks Ravi to mentor her: his to answer."""
    made = RelationshipFactory(
        mentee=world.people["stranger"],
        mentor=world.people["mentor"],
        status="asked",
        asked_at=clock.now(),
        request_message="Dear Ravi, would you?",
    )
    return {"asked": made.pk}


def _one_request(world: World) -> dict[str, int]:
    """One request waiting for Maya already, so the list's goals are fetched before it grows."""
    _more_requests(world, 1)
    return {}


def _more_requests(world: World, count: int = 3) -> None:
    for _ in range(count):
        RelationshipFactory(
            mentor=world.people["mentee"], status="asked", asked_at=clock.now(), ask="Help?"
        )


def _ravi_blocked_eve(world: World) -> dict[str, int]:
    Block.objects.create(blocker=world.people["mentor"], blocked=world.people["stranger"])
    return {"blocked": world.people["stranger"].pk}


def _more_blocks(world: World) -> None:
    for _ in range(3):
        Block.objects.create(blocker=world.people["mentee"], blocked=PersonFactory())


def _introduced(world: World) -> dict[str, str]:
    return {
        "direction": "made",
        "mentee_id": world["mentee_id"],
        "to_email": "lin@example.org",
        "introduced_on": "2026-03-05",
    }


def _was_introduced(world: World) -> dict[str, str]:
    return {
        "direction": "received",
        "mentor_id": world["mentor_id"],
        "to_email": "lin@example.org",
        "introduced_on": "2026-03-05",
        "start_prospect": True,
    }


CASES = [
    # My own request: the mentee's alone; the mentor never reads the draft, nobody else either.
    Case("request_outgoing_read", "GET", MINE, allowed=("mentee",)),
    # Sent long ago (the relationship is active): its words no longer change.
    Case(
        "request_prepare",
        "PATCH",
        MINE,
        body={"ask": "More?"},
        allowed=(),
        status={"mentee": 409},
        label="sent",
    ),
    Case(
        "request_prepare",
        "PATCH",
        "/api/requests/mine/{prospect}",
        body={"ask": "An hour a month?", "months": 3},
        prepare=_prospect,
        allowed=("mentee",),
    ),
    Case(
        "request_send",
        "POST",
        "/api/requests/mine/{prospect}/send",
        body={},
        prepare=_prospect,
        allowed=("mentee",),
    ),
    Case(
        "request_nudge",
        "POST",
        "/api/requests/mine/{waiting}/nudge",
        prepare=_waiting,
        allowed=("mentee",),
    ),
    Case(
        "request_answer",
        "POST",
        "/api/requests/mine/{waiting}/answer",
        body={"answer": "An hour a month"},
        prepare=_questioned,
        allowed=("mentee",),
    ),
    # Requests waiting for me: everyone has the list (mostly empty).
    Case(
        "request_list",
        "GET",
        "/api/requests",
        prepare=_one_request,
        allowed=SIGNED_IN,
        grow=_more_requests,
    ),
    # Eve's request to Ravi: he answers; Eve, its sender, cannot answer it herself (409).
    Case(
        "request_accept",
        "POST",
        ASKED + "/accept",
        prepare=_asked_of_ravi,
        allowed=("mentor",),
        status={"stranger": 409},
    ),
    Case(
        "request_decline",
        "POST",
        ASKED + "/decline",
        body={"ask_again_months": 3},
        prepare=_asked_of_ravi,
        allowed=("mentor",),
        status={"stranger": 409},
    ),
    Case(
        "request_ask",
        "POST",
        ASKED + "/ask",
        body={"question": "What have you tried?"},
        prepare=_asked_of_ravi,
        allowed=("mentor",),
        status={"stranger": 409},
    ),
    Case("request_block", "POST", ASKED + "/block", prepare=_asked_of_ravi, allowed=("mentor",)),
    # The world's relationship is no request waiting for anyone.
    Case(
        "request_accept",
        "POST",
        "/api/requests/{relationship}/accept",
        allowed=(),
        status={"mentee": 409, "mentor": 409},
        label="accepted",
    ),
    # Blocks are the blocker's alone.
    Case("block_list", "GET", "/api/requests/blocks", allowed=SIGNED_IN, grow=_more_blocks),
    Case(
        "block_remove",
        "DELETE",
        "/api/requests/blocks/{blocked}",
        prepare=_ravi_blocked_eve,
        allowed=("mentor",),
        ok=204,
    ),
    # An introduction is recorded between a mentor and their mentee, by either.
    Case(
        "introduction_add",
        "POST",
        "/api/requests/introductions",
        body=_introduced,
        allowed=("mentor",),
        ok=201,
    ),
    Case(
        "introduction_add",
        "POST",
        "/api/requests/introductions",
        body=_was_introduced,
        allowed=("mentee",),
        ok=201,
        label="received",
    ),
]
