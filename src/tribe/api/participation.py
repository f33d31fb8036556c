"""The programmes I take part in: my intake, leaving, my match offers and the
check-in surveys due to me (``/api/participation``).

Everything is read through my own participation
(``programme_get_for_participant``): a programme I am not in is a 404, and so
is anyone else's offer or survey point. I see my own intake whole (I wrote
it, to the programme), and of the person an offer pairs me with, their name.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import MAX_ID, ApiRouter, Input, ObjectId, Page, PageQuery, page_of, patched
from tribe.core import clock
from tribe.core.codes import CoreCode
from tribe.core.errors import ValidationError
from tribe.people.models import Person
from tribe.programs.enrolment import (
    AVOID_MAX,
    PREFERRED_MAX,
    Intake,
    participant_intake_update,
    participant_leave,
)
from tribe.programs.models import CAPACITY_MAX, TEXT_MAX, MatchOffer, Participant
from tribe.programs.offers import offer_answer
from tribe.programs.selectors import (
    intake_people,
    offer_get_for,
    offers_of_participant,
    participations_of,
    programme_get_for_participant,
)
from tribe.programs.surveys import DuePoint, questions_of, survey_answer, surveys_due

router = ApiRouter(tags=["my programmes"])

Role = Literal["mentee", "mentor", "both"]
Side = Literal["mentee", "mentor"]
AnswerState = Literal["pending", "accepted", "declined"]
OfferState = Literal["open", "accepted", "declined", "withdrawn"]
ParticipantId = Annotated[int, Field(ge=1, le=MAX_ID)]


class ProgrammeBrief(Schema):
    id: int
    name: str
    slug: str
    description: str


class CohortBrief(Schema):
    id: int
    name: str


class ParticipationOut(Schema):
    """My place in one programme (the id is my participant id)."""

    id: int
    programme: ProgrammeBrief
    cohort: CohortBrief | None
    role: Role
    status: Literal["enrolled", "left"]
    joined_at: dt.datetime
    left_at: dt.datetime | None


class ParticipationDetailOut(ParticipationOut):
    """With my intake, which the programme's administrators and its matching read."""

    wants: str
    offers: str
    capacity: int
    preferred: list[int] = Field(description="participant ids of mentors I would like, best first")
    avoid: list[int] = Field(description="participant ids I am never to be matched with")
    answers: dict[str, str] = Field(description="my answers to the programme's own questions")
    intake_questions: list[dict[str, Any]] = Field(description="the programme's own questions")

    @staticmethod
    def resolve_intake_questions(obj: Participant) -> list[dict[str, Any]]:
        return list(obj.programme.intake_questions or [])


class IntakePatch(Input):
    """Only the fields sent change; the profile fields (languages, time zone,
    seniority) change my profile too, which matching reads."""

    role: Role | None = None
    wants: str | None = Field(None, max_length=TEXT_MAX)
    offers: str | None = Field(None, max_length=TEXT_MAX)
    capacity: int | None = Field(None, ge=0, le=CAPACITY_MAX, description="a mentor's mentees")
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID)
    preferred: list[ParticipantId] | None = Field(None, max_length=PREFERRED_MAX)
    avoid: list[ParticipantId] | None = Field(None, max_length=AVOID_MAX)
    answers: dict[str, str] | None = Field(None, max_length=30)
    languages: list[str] | None = Field(None, max_length=20)
    timezone: str | None = Field(None, max_length=64)
    seniority: int | None = Field(None, ge=0, le=80)


def _mine(request: HttpRequest, programme_id: int) -> tuple[Person, Participant]:
    person = me(request)
    return person, programme_get_for_participant(person=person, programme_id=programme_id)


@router.get("", response=Page[ParticipationOut])
def participation_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """The programmes I am in (and have left), enrolled ones first."""
    return page_of(participations_of(me(request)), page)


@router.get("/{programme_id}", response=ParticipationDetailOut)
def participation_read(request: HttpRequest, programme_id: ObjectId) -> Participant:
    """My participation in one programme, with my intake."""
    return _mine(request, programme_id)[1]


@router.patch("/{programme_id}/intake", response=ParticipationDetailOut)
def participation_intake_change(
    request: HttpRequest, programme_id: ObjectId, payload: IntakePatch
) -> Participant:
    """Change my intake (a left programme: 409)."""
    person, participant = _mine(request, programme_id)
    current: dict[str, Any] = {
        "role": participant.role,
        "wants": participant.wants,
        "offers": participant.offers,
        "capacity": participant.capacity,
        "cohort_id": participant.cohort_id,
        "preferred": participant.preferred,
        "avoid": participant.avoid,
        "answers": participant.answers,
        "languages": None,
        "timezone": None,
        "seniority": None,
    }
    values = patched(current, payload)
    sent = payload.model_dump(exclude_unset=True)
    for name in ("role", "wants", "offers", "capacity", "preferred", "avoid", "answers"):
        if name in sent and sent[name] is None:
            raise ValidationError(CoreCode.REQUIRED, field=name)
    participant_intake_update(actor=person, participant=participant, intake=Intake(**values))
    return _mine(request, programme_id)[1]


class FellowOut(Schema):
    """Someone else enrolled in the programme, whom my intake may name."""

    participant_id: int
    name: str
    role: Role


@router.get("/{programme_id}/people", response=Page[FellowOut])
def participation_people_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The others enrolled, as the intake form lists them: mentors (``mentor``,
    ``both``) are whom ``preferred`` ranks; anyone may be in ``avoid``."""
    person, participant = _mine(request, programme_id)
    people = intake_people(programme=participant.programme, exclude=person)
    found = page_of(people, page)
    found["items"] = [
        {"participant_id": p.pk, "name": p.person.name, "role": p.role} for p in found["items"]
    ]
    return found


@router.post("/{programme_id}/leave", response=ParticipationOut)
def participation_leave(request: HttpRequest, programme_id: ObjectId) -> Participant:
    """Leave the programme: no more matches, offers waiting are withdrawn; my
    relationships stay mine (already left: 409)."""
    person, participant = _mine(request, programme_id)
    return participant_leave(actor=person, participant=participant, now=clock.now())


# -- offers ------------------------------------------------------------------------


class OtherPerson(Schema):
    """Whom an offer pairs me with."""

    id: int
    name: str


class MatchOfferOut(Schema):
    id: int
    role: Side = Field(description="the side I am on")
    other: OtherPerson
    score: float
    explanation: dict[str, Any] = Field(
        description="the parts of the fit: score parts, terms in common, shared languages, "
        "hours both free"
    )
    status: OfferState
    my_answer: AnswerState
    their_answer: AnswerState
    relationship_id: int | None = Field(description="the relationship, once both accepted")
    created_at: dt.datetime


class OfferAnswerIn(Input):
    accept: bool


def _offer_row(offer: MatchOffer, participant: Participant) -> dict[str, Any]:
    mentee = offer.mentee_id == participant.pk
    other = offer.mentor.person if mentee else offer.mentee.person
    return {
        "id": offer.pk,
        "role": "mentee" if mentee else "mentor",
        "other": {"id": other.pk, "name": other.name},
        "score": offer.score,
        "explanation": offer.explanation,
        "status": offer.status,
        "my_answer": offer.mentee_answer if mentee else offer.mentor_answer,
        "their_answer": offer.mentor_answer if mentee else offer.mentee_answer,
        "relationship_id": offer.relationship_id,
        "created_at": offer.created_at,
    }


@router.get("/{programme_id}/offers", response=Page[MatchOfferOut])
def participation_offer_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """My match offers in the programme, open ones first."""
    _, participant = _mine(request, programme_id)
    found = page_of(offers_of_participant(participant=participant), page)
    found["items"] = [_offer_row(o, participant) for o in found["items"]]
    return found


@router.post("/{programme_id}/offers/{offer_id}/answer", response=MatchOfferOut)
def participation_offer_answer(
    request: HttpRequest, programme_id: ObjectId, offer_id: ObjectId, payload: OfferAnswerIn
) -> dict[str, Any]:
    """Accept or decline an offer; once both accepted, the relationship exists
    (answered already, or the offer closed: 409)."""
    person, participant = _mine(request, programme_id)
    offer = offer_get_for(participant=participant, offer_id=offer_id)
    offer_answer(actor=person, offer=offer, accept=payload.accept, now=clock.now())
    return _offer_row(offer_get_for(participant=participant, offer_id=offer_id), participant)


# -- surveys -----------------------------------------------------------------------


class SurveyQuestionOut(Schema):
    key: str
    label: str
    kind: Literal["rating", "text"]
    low: int
    high: int


class DueSurveyOut(Schema):
    """A survey I may answer now, for one of my programme relationships."""

    survey_id: int
    name: str
    offer_id: int
    relationship_id: int
    other: str = Field(description="the name of the other person of the pair")
    role: Side
    point: int = Field(description="days since the start, or -1 for the end")
    label: str
    opened_on: dt.date
    questions: list[SurveyQuestionOut]


class SurveyAnswerIn(Input):
    offer_id: int = Field(ge=1, le=MAX_ID)
    point: int = Field(ge=-1, le=1_000_000)
    answers: dict[str, int | str | None] = Field(
        max_length=20, description="question key: a whole number for a rating, text for a text"
    )
    share_texts: bool = Field(
        False, description="let the administrators read my written answers (without my name)"
    )


class SurveyResponseOut(Schema):
    id: int
    survey_id: int
    offer_id: int | None
    point: int
    ratings: dict[str, int]
    texts: dict[str, str]
    share_texts: bool
    submitted_at: dt.datetime


def _due_row(due: DuePoint) -> dict[str, Any]:
    return {
        "survey_id": due.survey.pk,
        "name": due.survey.name,
        "offer_id": due.offer_id,
        "relationship_id": due.relationship_id,
        "other": due.other,
        "role": due.role,
        "point": due.point,
        "label": due.label,
        "opened_on": due.opened_on,
        "questions": [
            {"key": q.key, "label": q.label, "kind": q.kind, "low": q.low, "high": q.high}
            for q in questions_of(due.survey)
        ],
    }


@router.get("/{programme_id}/surveys", response=Page[DueSurveyOut])
def participation_survey_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The surveys I may answer today, one row per relationship and point."""
    _, participant = _mine(request, programme_id)
    found = page_of(surveys_due(participant=participant, now=clock.now()), page)
    found["items"] = [_due_row(d) for d in found["items"]]
    return found


@router.post("/{programme_id}/surveys/{survey_id}/answer", response={201: SurveyResponseOut})
def participation_survey_answer(
    request: HttpRequest, programme_id: ObjectId, survey_id: ObjectId, payload: SurveyAnswerIn
) -> Status[Any]:
    """Answer a survey due to me, once per relationship and point (again: 409).
    Ratings reach administrators only as averages over at least five people."""
    person, participant = _mine(request, programme_id)
    response = survey_answer(
        actor=person,
        participant=participant,
        survey_id=survey_id,
        offer_id=payload.offer_id,
        point=payload.point,
        answers=payload.answers,
        share_texts=payload.share_texts,
        now=clock.now(),
    )
    return Status(201, response)
