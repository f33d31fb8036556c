"""/api/participation: my own place in a programme, and nobody else's.

Maya (mentee) and Ravi (mentor) are in Ada's programme; the programme's
administrators, Otto and a stranger are not participants, so each of these is
a 404 for them (administering a programme is not taking part in it).
"""

from __future__ import annotations

from typing import Any

from tests.api.authz import BOTH_SIDES, SIGNED_IN, Case, World
from tests.factories import PersonFactory
from tribe.core import clock
from tribe.programs.models import (
    Answer,
    MatchOffer,
    MatchRun,
    OfferStatus,
    Participant,
    Role,
    Survey,
)
from tribe.programs.services import programme_create
from tribe.programs.surveys import surveys_due
from tribe.relationships.models import Relationship

MINE = "/api/participation/{programme}"
QUESTIONS = [{"key": "q1", "label": "Useful?", "kind": "rating", "min": 1, "max": 5}]


def _more_participations(world: World) -> None:
    for n in range(3):
        other = programme_create(actor=PersonFactory(), name=f"Guild {n}", slug=f"guild-{n}")
        Participant.objects.create(
            programme=other, person=world.people["mentee"], role=Role.MENTEE, joined_at=clock.now()
        )


def _more_people(world: World) -> None:
    for role in (Role.MENTEE, Role.MENTOR, Role.BOTH):
        Participant.objects.create(
            programme_id=world["programme"],
            person=PersonFactory(),
            role=role,
            joined_at=clock.now(),
            capacity=0 if role == Role.MENTEE else 1,
        )


def _run(world: World) -> MatchRun:
    return MatchRun.objects.create(programme_id=world["programme"], status="published")


def _open_offer(world: World) -> dict[str, Any]:
    offer = MatchOffer.objects.create(
        programme_id=world["programme"],
        run=_run(world),
        mentee_id=world["mentee_participant"],
        mentor_id=world["mentor_participant"],
        score=0.7,
        explanation={"parts": {"text": 0.4}, "terms": [["python", 0.2]]},
    )
    return {"offer": offer.pk}


def _more_offers(world: World) -> None:
    for _ in range(3):
        mentor = Participant.objects.create(
            programme_id=world["programme"],
            person=PersonFactory(),
            role=Role.MENTOR,
            joined_at=clock.now(),
            capacity=1,
        )
        MatchOffer.objects.create(
            programme_id=world["programme"],
            run=_run(world),
            mentee_id=world["mentee_participant"],
            mentor=mentor,
            score=0.5,
            status=OfferStatus.DECLINED,
            mentor_answer=Answer.DECLINED,
        )


def _pair_with_survey(world: World) -> dict[str, Any]:
    """The world's relationship as an accepted offer of the programme, and one survey
    open for it now."""
    offer = MatchOffer.objects.create(
        programme_id=world["programme"],
        run=_run(world),
        mentee_id=world["mentee_participant"],
        mentor_id=world["mentor_participant"],
        score=0.7,
        status=OfferStatus.ACCEPTED,
        mentee_answer=Answer.ACCEPTED,
        mentor_answer=Answer.ACCEPTED,
        relationship=Relationship.objects.get(pk=world["relationship"]),
    )
    survey = Survey.objects.create(
        programme_id=world["programme"],
        name="Pulse",
        first_after_days=1,
        every_days=0,
        questions=QUESTIONS,
    )
    mentee = Participant.objects.get(pk=world["mentee_participant"])
    due = next(d for d in surveys_due(participant=mentee) if d.survey.pk == survey.pk)
    return {"pair_offer": offer.pk, "survey": survey.pk, "point": due.point}


def _more_surveys(world: World) -> None:
    for n in range(3):
        Survey.objects.create(
            programme_id=world["programme"],
            name=f"Pulse {n}",
            first_after_days=1,
            every_days=0,
            questions=QUESTIONS,
        )


def _answer(world: World) -> dict[str, Any]:
    return {"offer_id": world["pair_offer"], "point": world["point"], "answers": {"q1": 4}}


CASES = [
    # Everyone has a list of the programmes they are in (an empty one too).
    Case(
        "participation_list",
        "GET",
        "/api/participation",
        allowed=SIGNED_IN,
        grow=_more_participations,
    ),
    Case("participation_read", "GET", MINE, allowed=BOTH_SIDES),
    Case(
        "participation_intake_change",
        "PATCH",
        MINE + "/intake",
        body={"wants": "to lead a team", "offers": "team leading"},
        allowed=BOTH_SIDES,
    ),
    Case(
        "participation_people_list",
        "GET",
        MINE + "/people",
        allowed=BOTH_SIDES,
        grow=_more_people,
    ),
    Case("participation_leave", "POST", MINE + "/leave", allowed=BOTH_SIDES),
    Case(
        "participation_offer_list",
        "GET",
        MINE + "/offers",
        prepare=_open_offer,
        allowed=BOTH_SIDES,
        grow=_more_offers,
    ),
    Case(
        "participation_offer_answer",
        "POST",
        MINE + "/offers/{offer}/answer",
        prepare=_open_offer,
        body={"accept": True},
        allowed=BOTH_SIDES,
    ),
    Case(
        "participation_survey_list",
        "GET",
        MINE + "/surveys",
        prepare=_pair_with_survey,
        allowed=BOTH_SIDES,
        grow=_more_surveys,
    ),
    Case(
        "participation_survey_answer",
        "POST",
        MINE + "/surveys/{survey}/answer",
        prepare=_pair_with_survey,
        body=_answer,
        allowed=BOTH_SIDES,
        ok=201,
    ),
]
