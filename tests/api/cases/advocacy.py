"""Advocacy asks: both sides of a sponsor relationship read them; the person sponsored
asks and withdraws, only the sponsor answers and says they spoke, either records the
outcome; a stranger and the programme's admin get 404."""

import datetime as dt

from tests.api.authz import BOTH_SIDES, NOW, Case, World
from tests.factories import RelationshipFactory
from tribe.advocacy.models import AdvocacyAsk, AskStatus

DAY = dt.date(2026, 3, 1)


def _sponsorship(world: World) -> int:
    relationship = RelationshipFactory(
        mentee=world.people["mentee"],
        mentor=world.people["mentor"],
        created_by=world.people["mentee"],
        kind="sponsor",
        status_changed_at=NOW,
    )
    return int(relationship.pk)


def _ask(world: World, relationship: int, status: str = AskStatus.ASKED) -> AdvocacyAsk:
    steps: dict[str, object] = {}
    if status != AskStatus.ASKED:
        steps = {"answered_on": DAY, "answered_by": world.people["mentor"]}
    if status == AskStatus.DONE:
        steps |= {"spoke_on": DAY, "done_by": world.people["mentor"]}
    return AdvocacyAsk.objects.create(
        relationship_id=relationship,
        asked_by=world.people["mentee"],
        audience="the VP",
        opportunity="the lead role",
        case="shipped the launch",
        asked_on=DAY,
        status=status,
        **steps,
    )


def _in(status: str):  # type: ignore[no-untyped-def]
    def prepare(world: World) -> dict[str, int]:
        relationship = _sponsorship(world)
        return {"sponsorship": relationship, "ask": _ask(world, relationship, status).pk}

    return prepare


def _more(world: World) -> None:
    for status in (AskStatus.ASKED, AskStatus.AGREED, AskStatus.DONE):
        _ask(world, world["sponsorship"], status)


def _just_the_relationship(world: World) -> dict[str, int]:
    return {"sponsorship": _sponsorship(world)}


ASK = "/api/advocacy/asks/{ask}"

CASES = [
    Case(
        "ask_list",
        "GET",
        "/api/advocacy/asks?relationship={sponsorship}",
        prepare=_in(AskStatus.ASKED),
        allowed=BOTH_SIDES,
        grow=_more,
    ),
    # The person sponsored asks; the sponsor is refused (409), anyone else never sees it.
    Case(
        "ask_add",
        "POST",
        "/api/advocacy/asks",
        body=lambda w: {"relationship": w["sponsorship"], "audience": "a", "opportunity": "b"},
        prepare=_just_the_relationship,
        allowed=("mentee",),
        ok=201,
        status={"mentor": 409},
        label="in a sponsor relationship",
    ),
    Case(
        "ask_add",
        "POST",
        "/api/advocacy/asks",
        body=lambda w: {"relationship": w["relationship"], "audience": "a", "opportunity": "b"},
        allowed=(),
        status={"mentee": 409, "mentor": 409},
        label="in a mentor relationship",
    ),
    Case("ask_read", "GET", ASK, prepare=_in(AskStatus.ASKED), allowed=BOTH_SIDES),
    Case(
        "ask_agree",
        "POST",
        ASK + "/agree",
        body={"note": "gladly"},
        prepare=_in(AskStatus.ASKED),
        allowed=("mentor",),
        status={"mentee": 409},
    ),
    Case(
        "ask_decline",
        "POST",
        ASK + "/decline",
        body={},
        prepare=_in(AskStatus.ASKED),
        allowed=("mentor",),
        status={"mentee": 409},
    ),
    Case(
        "ask_done",
        "POST",
        ASK + "/done",
        body={},
        prepare=_in(AskStatus.AGREED),
        allowed=("mentor",),
        status={"mentee": 409},
    ),
    Case(
        "ask_outcome",
        "POST",
        ASK + "/outcome",
        body={"outcome": "promoted"},
        prepare=_in(AskStatus.DONE),
        allowed=BOTH_SIDES,
    ),
    Case(
        "ask_withdraw",
        "POST",
        ASK + "/withdraw",
        prepare=_in(AskStatus.AGREED),
        allowed=("mentee",),
        status={"mentor": 409},
    ),
]
