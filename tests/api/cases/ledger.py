"""Keeping in touch: questions and contact belong to both sides of the relationship;
the advice log and wins to their author alone; nothing to anyone else."""

import datetime as dt

from tests.api.authz import BOTH_SIDES, SIGNED_IN, Case, World
from tribe.ledger.models import Advice, Gratitude, Question, Touchpoint, Win
from tribe.relationships.models import Relationship

DAY = dt.date(2026, 3, 1)


def _advice(world: World, **fields: object) -> Advice:
    return Advice.objects.create(
        relationship_id=world["relationship"],
        recorded_by=world.people["mentee"],
        given_on=DAY,
        text="Write a one-page strategy",
        **fields,
    )


def _question(world: World) -> dict[str, int]:
    question = Question.objects.create(
        relationship_id=world["relationship"], author=world.people["mentee"], text="How?"
    )
    return {"question": question.pk}


def _more_questions(world: World) -> None:
    for n in range(3):
        Question.objects.create(
            relationship_id=world["relationship"], author=world.people["mentee"], text=f"Q{n}"
        )


def _touchpoint(world: World) -> dict[str, int]:
    touch = Touchpoint.objects.create(
        relationship_id=world["relationship"],
        author=world.people["mentee"],
        kind="call",
        happened_on=DAY,
        note="she sounded tired",
    )
    return {"touchpoint": touch.pk}


def _more_touchpoints(world: World) -> None:
    for role in ("mentee", "mentor", "mentor"):
        Touchpoint.objects.create(
            relationship_id=world["relationship"],
            author=world.people[role],
            kind="message",
            happened_on=DAY,
        )


def _one_advice(world: World) -> dict[str, int]:
    return {"advice": _advice(world).pk}


def _advice_with_outcome(world: World) -> dict[str, int]:
    return {"advice": _advice(world, decision="try", outcome="it worked", outcome_on=DAY).pk}


def _shared_advice(world: World) -> dict[str, int]:
    advice = _advice(
        world,
        outcome="it worked",
        outcome_on=DAY,
        shared_outcome="thanks: it worked",
        outcome_shared_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
    )
    return {"advice": advice.pk}


def _more_advice(world: World) -> None:
    for _ in range(3):
        advice = _advice(world)
        Gratitude.objects.create(
            relationship_id=world["relationship"],
            given_by=world.people["mentee"],
            given_on=DAY,
            description="thank you",
            advice=advice,
        )


def _more_gratitude(world: World) -> None:
    for role in ("mentee", "mentee", "mentor"):
        Gratitude.objects.create(
            relationship_id=world["relationship"],
            given_by=world.people[role],
            given_on=DAY,
            description="thank you",
            advice=_advice(world),
        )


def _win(world: World) -> dict[str, int]:
    return {
        "win": Win.objects.create(person=world.people["mentee"], happened_on=DAY, text="Led").pk
    }


def _more_wins(world: World) -> None:
    for n in range(3):
        Win.objects.create(
            person=world.people["mentee"], happened_on=DAY, text=f"win {n}", goal_id=world["goal"]
        )


def _peers(world: World) -> dict[str, int]:
    """The relationship becomes a peer one: both sides ask, advise and record."""
    Relationship.objects.filter(pk=world["relationship"]).update(kind="peer")
    return {}


def _peer_advice_of_the_mentor_side(world: World) -> dict[str, int]:
    """In a peer relationship, advice the mentor side recorded, with its outcome."""
    _peers(world)
    advice = Advice.objects.create(
        relationship_id=world["relationship"],
        recorded_by=world.people["mentor"],
        given_on=DAY,
        text="Pair on the reviews",
        decision="try",
        outcome="it worked",
        outcome_on=DAY,
    )
    return {"advice": advice.pk}


def _in_relationship(**fields: object):  # type: ignore[no-untyped-def]
    return lambda world: {"relationship": world["relationship"], **fields}


OF = "?relationship={relationship}"
ADVICE = "/api/ledger/advice/{advice}"

CASES = [
    # Questions for next time: either side collects and answers them; only their
    # author deletes one (the other side gets 404).
    Case(
        "question_list",
        "GET",
        "/api/ledger/questions" + OF,
        allowed=BOTH_SIDES,
        prepare=_question,
        grow=_more_questions,
    ),
    Case(
        "question_add",
        "POST",
        "/api/ledger/questions",
        body=_in_relationship(text="Why?"),
        allowed=BOTH_SIDES,
        ok=201,
    ),
    Case(
        "question_answer",
        "POST",
        "/api/ledger/questions/{question}/answer",
        body={},
        prepare=_question,
        allowed=BOTH_SIDES,
    ),
    Case(
        "question_remove",
        "DELETE",
        "/api/ledger/questions/{question}",
        prepare=_question,
        allowed=("mentee",),
        ok=204,
    ),
    # Contact: both sides log it and see it; each deletes only their own.
    Case(
        "touchpoint_list",
        "GET",
        "/api/ledger/touchpoints" + OF,
        allowed=BOTH_SIDES,
        prepare=_touchpoint,
        grow=_more_touchpoints,
    ),
    Case(
        "touchpoint_log",
        "POST",
        "/api/ledger/touchpoints",
        body=_in_relationship(kind="call", happened_on="2026-03-01"),
        allowed=BOTH_SIDES,
        ok=201,
    ),
    Case(
        "touchpoint_remove",
        "DELETE",
        "/api/ledger/touchpoints/{touchpoint}",
        prepare=_touchpoint,
        allowed=("mentee",),
        ok=204,
    ),
    # The advice log is the mentee's own: everyone has one (an empty one too), the
    # mentor cannot write in hers (409) nor read any of it (404).
    Case(
        "advice_list",
        "GET",
        "/api/ledger/advice",
        allowed=SIGNED_IN,
        prepare=_one_advice,
        grow=_more_advice,
        label="all",
    ),
    Case(
        "advice_list",
        "GET",
        "/api/ledger/advice" + OF,
        allowed=BOTH_SIDES,
        prepare=_one_advice,
        label="of a relationship",
    ),
    Case(
        "advice_add",
        "POST",
        "/api/ledger/advice",
        body=_in_relationship(text="Say no more often", given_on="2026-03-01"),
        allowed=("mentee",),
        ok=201,
        status={"mentor": 409},
    ),
    # Peers ask and advise both ways: either side writes in their own log (and only there).
    Case(
        "advice_add",
        "POST",
        "/api/ledger/advice",
        body=_in_relationship(text="Say no more often", given_on="2026-03-01"),
        prepare=_peers,
        allowed=BOTH_SIDES,
        ok=201,
        label="peers",
    ),
    Case(
        "advice_read",
        "GET",
        ADVICE,
        prepare=_peer_advice_of_the_mentor_side,
        allowed=("mentor",),
        label="peers",
    ),
    Case(
        "advice_share",
        "POST",
        ADVICE + "/share",
        body={"words": "it worked, thanks"},
        prepare=_peer_advice_of_the_mentor_side,
        allowed=("mentor",),
        label="peers",
    ),
    Case("advice_read", "GET", ADVICE, prepare=_one_advice, allowed=("mentee",)),
    Case(
        "advice_decide",
        "POST",
        ADVICE + "/decide",
        body={"decision": "try"},
        prepare=_one_advice,
        allowed=("mentee",),
    ),
    Case(
        "advice_outcome",
        "POST",
        ADVICE + "/outcome",
        body={"outcome": "it worked"},
        prepare=_one_advice,
        allowed=("mentee",),
    ),
    Case(
        "advice_report_back",
        "POST",
        ADVICE + "/report-back",
        body={"report_back": True},
        prepare=_one_advice,
        allowed=("mentee",),
    ),
    Case(
        "advice_share",
        "POST",
        ADVICE + "/share",
        body={"words": "it worked, thanks"},
        prepare=_advice_with_outcome,
        allowed=("mentee",),
    ),
    Case(
        "advice_unshare",
        "POST",
        ADVICE + "/unshare",
        prepare=_shared_advice,
        allowed=("mentee",),
    ),
    # Everyone reads what their mentees shared with them (nothing, for most).
    Case(
        "advice_shared_with_me",
        "GET",
        "/api/ledger/advice-shared-with-me",
        prepare=_shared_advice,
        allowed=SIGNED_IN,
    ),
    # Thanks: given and received in one's own relationships.
    Case(
        "gratitude_list",
        "GET",
        "/api/ledger/gratitude",
        allowed=SIGNED_IN,
        grow=_more_gratitude,
        label="all",
    ),
    Case(
        "gratitude_list",
        "GET",
        "/api/ledger/gratitude" + OF,
        allowed=BOTH_SIDES,
        label="of a relationship",
    ),
    Case(
        "gratitude_add",
        "POST",
        "/api/ledger/gratitude",
        body=_in_relationship(description="Coffee", given_on="2026-03-01"),
        allowed=BOTH_SIDES,
        ok=201,
    ),
    Case(
        "update_add",
        "POST",
        "/api/ledger/updates",
        body=_in_relationship(body="News: I led the review", sent_on="2026-03-01"),
        allowed=BOTH_SIDES,
        ok=201,
    ),
    # Wins are their owner's alone.
    Case("win_list", "GET", "/api/ledger/wins", allowed=SIGNED_IN, grow=_more_wins),
    Case(
        "win_add", "POST", "/api/ledger/wins", body={"text": "Shipped"}, allowed=SIGNED_IN, ok=201
    ),
    Case(
        "win_remove", "DELETE", "/api/ledger/wins/{win}", prepare=_win, allowed=("mentee",), ok=204
    ),
]
