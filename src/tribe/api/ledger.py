"""Keeping in touch (``/api/ledger``): questions for next time, the contact log,
the advice log, thanks, updates to a mentor, and wins.

Questions and contact are of a relationship, seen by both of its sides (a
contact's note only by whoever wrote it); the advice log and the wins are
their author's alone; whoever gave advice reads an outcome only once its
recorder shares it, in the words they chose (``advice_shared_with_me``). The
mentee records advice; in a peer relationship both sides do, each in their
own log (the services decide, ``tribe.ledger.sides``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, TypeVar

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import (
    ApiRouter,
    Input,
    ObjectId,
    Page,
    PageQuery,
    PersonRef,
    RowId,
    meeting_named,
    page_of,
    person_today,
    referenced,
    relationship_named,
)
from tribe.core import clock
from tribe.ledger import selectors, services
from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Question, Touchpoint, Win
from tribe.people.models import Person
from tribe.people.selectors import goal_get_for

__all__ = ["router"]

router = ApiRouter(tags=["keeping in touch"])

T = TypeVar("T")

TouchpointKind = Literal["call", "message", "email", "in_person", "update", "other"]
Decision = Literal["undecided", "adopt", "try", "park", "reject"]
GratitudeKind = Literal["thank_you", "gift", "volunteering", "acknowledgement"]


#: What ``report_back`` does, where the API takes it: false unless sent true,
#: because the other side then reads the outcome as written.
REPORT_BACK_SAYS = (
    "true: the advice, my decision and the outcome as written go into the next meeting's "
    "agenda, which the mentor (in a peer relationship the other peer) reads, and into the "
    "next update; default false: the outcome stays mine (share chosen words with /share)"
)


class InRelationship(Schema):
    relationship: RowId = Field(description="the relationship (its id)")


# Questions -----------------------------------------------------------------------


class AgendaQuestionIn(Input):
    relationship: RowId
    text: str = Field(max_length=500)


class AgendaQuestionAnswer(Input):
    answered: bool = Field(True, description="false puts it back on the agenda")


class AgendaQuestionOut(Schema):
    id: int
    relationship_id: int
    author_id: int
    text: str
    answered_on: dt.date | None
    created_at: dt.datetime


@router.get("/questions", response=Page[AgendaQuestionOut])
def question_list(
    request: HttpRequest, page: Query[PageQuery], of: Query[InRelationship]
) -> dict[str, object]:
    """The questions collected for the next meeting of a relationship, open ones first.
    Both sides read them and mark them answered; each deletes only their own."""
    relationship = relationship_named(me(request), of.relationship)
    return page_of(selectors.questions_of(relationship=relationship), page)


@router.post("/questions", response={201: AgendaQuestionOut})
def question_add(request: HttpRequest, payload: AgendaQuestionIn) -> Status[Question]:
    """Add a question for the next agenda."""
    person = me(request)
    relationship = relationship_named(person, payload.relationship)
    question = services.question_add(author=person, relationship=relationship, text=payload.text)
    return Status(201, question)


@router.post("/questions/{question_id}/answer", response=AgendaQuestionOut)
def question_answer(
    request: HttpRequest, question_id: ObjectId, payload: AgendaQuestionAnswer
) -> Question:
    """Mark a question answered today (or, with ``answered: false``, open again)."""
    person = me(request)
    question = selectors.question_get_for(person=person, question_id=question_id)
    return services.question_set_answered(
        actor=person,
        question=question,
        answered_on=person_today(person) if payload.answered else None,
    )


@router.delete("/questions/{question_id}", response={204: None})
def question_remove(request: HttpRequest, question_id: ObjectId) -> Status[None]:
    """Delete a question I asked (the other side's is not mine to delete: 404). Either
    side may mark any question answered."""
    person = me(request)
    question = selectors.question_get_for_author(person=person, question_id=question_id)
    services.question_delete(actor=person, question=question)
    return Status(204, None)


# The contact log -------------------------------------------------------------------


class TouchpointIn(Input):
    relationship: RowId
    kind: TouchpointKind
    happened_on: dt.date | None = Field(None, description="the day it happened (default: today)")
    note: str = Field("", max_length=500, description="yours alone: the other side never reads it")


class TouchpointOut(Schema):
    id: int
    relationship_id: int
    author: PersonRef
    kind: TouchpointKind
    happened_on: dt.date
    note: str = Field(description="empty unless you wrote it")
    created_at: dt.datetime


@router.get("/touchpoints", response=Page[TouchpointOut])
def touchpoint_list(
    request: HttpRequest, page: Query[PageQuery], of: Query[InRelationship]
) -> dict[str, object]:
    """The contact logged in a relationship outside meetings, latest first. Both sides
    see that contact happened; a note is read by its author alone."""
    person = me(request)
    relationship = relationship_named(person, of.relationship)
    return page_of(selectors.touchpoints_of(person=person, relationship=relationship), page)


@router.post("/touchpoints", response={201: TouchpointOut})
def touchpoint_log(request: HttpRequest, payload: TouchpointIn) -> Status[Touchpoint]:
    """Log a real contact: the keep-in-touch clock counts from the day it happened."""
    person = me(request)
    relationship = relationship_named(person, payload.relationship)
    today = person_today(person)
    touchpoint = services.touchpoint_log(
        actor=person,
        relationship=relationship,
        kind=payload.kind,
        happened_on=payload.happened_on or today,
        note=payload.note,
        today=today,
    )
    return Status(201, touchpoint)


@router.delete("/touchpoints/{touchpoint_id}", response={204: None})
def touchpoint_remove(request: HttpRequest, touchpoint_id: ObjectId) -> Status[None]:
    """Delete contact I logged (the other side's is not mine to delete: 404)."""
    person = me(request)
    touchpoint = selectors.touchpoint_get_for_author(person=person, touchpoint_id=touchpoint_id)
    services.touchpoint_delete(actor=person, touchpoint=touchpoint)
    return Status(204, None)


# The advice log ----------------------------------------------------------------------


class AdviceIn(Input):
    relationship: RowId
    text: str = Field(max_length=1000)
    given_on: dt.date | None = Field(None, description="the day it was given (default: today)")
    meeting: RowId | None = Field(None, description="the meeting it was given in")
    report_back: bool = Field(False, description=REPORT_BACK_SAYS)
    decision: Decision | None = Field(None, description="if you know it already")
    reason: str | None = Field(None, max_length=1000)


class AdviceDecisionIn(Input):
    decision: Decision
    reason: str = Field("", max_length=1000, description="needed to park or set it aside")


class AdviceOutcomeIn(Input):
    outcome: str = Field(
        max_length=5000, description="how it went: mine alone unless reported back"
    )
    report_back: bool = Field(False, description=REPORT_BACK_SAYS)


class AdviceReportBackIn(Input):
    report_back: bool = Field(description=REPORT_BACK_SAYS)


class AdviceShareIn(Input):
    words: str = Field(max_length=5000, description="what the mentor reads of the outcome")
    advice_summary: str = Field(
        "", max_length=1000, description="the advice retold for the mentor (empty: not shown)"
    )


class AdviceOut(Schema):
    id: int
    relationship_id: int
    mentor_name: str = Field(
        description="who gave the advice: the mentor, or in a peer relationship the other peer "
        "(kept for older clients; given_by says the same)"
    )
    given_by: str = Field(description="who gave the advice: my mentor, or the other peer")
    meeting_id: int | None
    given_on: dt.date
    text: str
    decision: Decision
    reason: str
    outcome: str
    outcome_on: dt.date | None
    report_back: bool
    reported_back_on: dt.date | None
    shared_outcome: str = Field(description="the words the mentor reads; empty: not shared")
    shared_advice: str
    outcome_shared_at: dt.datetime | None
    thanked: bool = Field(description="thanks are recorded for it")

    @staticmethod
    def resolve_mentor_name(advice: Advice) -> str:
        return advice.giver_name

    @staticmethod
    def resolve_given_by(advice: Advice) -> str:
        return advice.giver_name

    @staticmethod
    def resolve_thanked(advice: Advice) -> bool:
        # advice_of loads the thanks with the advice; a row from elsewhere asks.
        loaded = getattr(advice, "gratitude_list", None)
        return bool(loaded) if loaded is not None else advice.gratitude.exists()


class AdviceFilter(Schema):
    relationship: RowId | None = Field(None, description="only advice of this relationship")


def _advice(request: HttpRequest, advice_id: int) -> tuple[Person, Advice]:
    person = me(request)
    return person, selectors.advice_get_for(person=person, advice_id=advice_id)


@router.get("/advice", response=Page[AdviceOut])
def advice_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[AdviceFilter]
) -> dict[str, object]:
    """My advice log, latest first: mine alone (a mentor reads only outcomes shared with them)."""
    person = me(request)
    relationship = None
    if filters.relationship is not None:
        relationship = relationship_named(person, filters.relationship)
    return page_of(selectors.advice_of(person=person, relationship=relationship), page)


@router.post("/advice", response={201: AdviceOut})
def advice_add(request: HttpRequest, payload: AdviceIn) -> Status[Advice]:
    """Write down advice the other side gave me: the record of whoever receives advice
    (the mentee of a mentor; a mentor, coach or sponsor side gets 409); in a peer
    relationship either side records what the other advised."""
    person = me(request)
    relationship = relationship_named(person, payload.relationship)
    today = person_today(person)
    advice = services.advice_record(
        actor=person,
        relationship=relationship,
        text=payload.text,
        given_on=payload.given_on or today,
        today=today,
        meeting=meeting_named(person, payload.meeting),
        report_back=payload.report_back,
        decision=payload.decision,
        reason=payload.reason,
    )
    return Status(201, selectors.advice_get_for(person=person, advice_id=advice.pk))


@router.get("/advice/{advice_id}", response=AdviceOut)
def advice_read(request: HttpRequest, advice_id: ObjectId) -> Advice:
    """One piece of advice I recorded."""
    return _advice(request, advice_id)[1]


@router.post("/advice/{advice_id}/decide", response=AdviceOut)
def advice_decide(request: HttpRequest, advice_id: ObjectId, payload: AdviceDecisionIn) -> Advice:
    """What I decided to do with it; parking or setting it aside takes a reason."""
    person, advice = _advice(request, advice_id)
    return services.advice_decide(
        actor=person, advice=advice, decision=payload.decision, reason=payload.reason
    )


@router.post("/advice/{advice_id}/outcome", response=AdviceOut)
def advice_outcome(request: HttpRequest, advice_id: ObjectId, payload: AdviceOutcomeIn) -> Advice:
    """How it went: private unless ``report_back`` is true, when the mentor reads it in
    the next agenda (or I share chosen words with /share)."""
    person, advice = _advice(request, advice_id)
    return services.advice_record_outcome(
        actor=person,
        advice=advice,
        outcome=payload.outcome,
        report_back=payload.report_back,
        today=person_today(person),
    )


@router.post("/advice/{advice_id}/report-back", response=AdviceOut)
def advice_report_back(
    request: HttpRequest, advice_id: ObjectId, payload: AdviceReportBackIn
) -> Advice:
    """Whether to bring the outcome up in the next agenda and update."""
    person, advice = _advice(request, advice_id)
    return services.advice_set_report_back(
        actor=person, advice=advice, report_back=payload.report_back
    )


@router.post("/advice/{advice_id}/share", response=AdviceOut)
def advice_share(request: HttpRequest, advice_id: ObjectId, payload: AdviceShareIn) -> Advice:
    """Show the mentor how their advice turned out, in these words (and nothing else of
    the record). 409 with no outcome yet, or with no mentor account that said yes."""
    person, advice = _advice(request, advice_id)
    return services.advice_share_outcome(
        actor=person,
        advice=advice,
        words=payload.words,
        advice_summary=payload.advice_summary,
        now=clock.now(),
    )


@router.post("/advice/{advice_id}/unshare", response=AdviceOut)
def advice_unshare(request: HttpRequest, advice_id: ObjectId) -> Advice:
    """Take a shared outcome back: the mentor no longer reads it."""
    person, advice = _advice(request, advice_id)
    return services.advice_unshare_outcome(actor=person, advice=advice)


class SharedOutcomeOut(Schema):
    relationship_id: int
    shared_at: dt.datetime
    words: str
    advice: str = Field(description="the advice as its recorder retold it; empty if not")


class OutcomesFromOut(Schema):
    mentee: str = Field(
        description="who shared them, whichever side they are on (kept for older clients: "
        "in a peer relationship it names the peer; read name and peer instead)"
    )
    name: str = Field(description="who shared them: a mentee of mine, or a peer")
    peer: bool = Field(description="true: they are my peer, not my mentee")
    count: int
    outcomes: list[SharedOutcomeOut]


class OutcomesForMentorOut(Schema):
    total: int
    by_mentee: list[OutcomesFromOut]


@router.get("/advice-shared-with-me", response=OutcomesForMentorOut)
def advice_shared_with_me(request: HttpRequest) -> Any:
    """What my advice became: the outcomes my mentees (and peers) shared with me, person
    by person."""
    return selectors.advice_outcomes_for_mentor(mentor=me(request))


# Thanks ------------------------------------------------------------------------------


class GratitudeIn(Input):
    relationship: RowId
    kind: GratitudeKind = "thank_you"
    given_on: dt.date | None = Field(None, description="default: today")
    description: str = Field(max_length=1000)
    meeting: RowId | None = None
    advice: RowId | None = Field(None, description="advice I recorded that it thanks for")


class GratitudeOut(Schema):
    id: int
    relationship_id: int
    given_by_id: int
    kind: GratitudeKind
    given_on: dt.date
    description: str
    meeting_id: int | None
    advice_id: int | None


class GratitudeFilter(Schema):
    relationship: RowId | None = Field(None, description="only thanks in this relationship")
    given: bool | None = Field(None, description="true: thanks I gave; false: thanks I received")


@router.get("/gratitude", response=Page[GratitudeOut])
def gratitude_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[GratitudeFilter]
) -> dict[str, object]:
    """Thanks given in, or received through, my relationships, latest first."""
    person = me(request)
    rows = selectors.gratitude_of(person=person)
    if filters.relationship is not None:
        rows = rows.filter(relationship=relationship_named(person, filters.relationship))
    if filters.given is True:
        rows = rows.filter(given_by=person)
    elif filters.given is False:
        rows = rows.exclude(given_by=person)
    return page_of(rows, page)


@router.post("/gratitude", response={201: GratitudeOut})
def gratitude_add(request: HttpRequest, payload: GratitudeIn) -> Status[Gratitude]:
    """Record a thank-you (a gift, volunteering, an acknowledgement) to the other side."""
    person = me(request)
    relationship = relationship_named(person, payload.relationship)
    advice = None
    if payload.advice is not None:
        advice_id = payload.advice
        advice = referenced(
            "advice", lambda: selectors.advice_get_for(person=person, advice_id=advice_id)
        )
    today = person_today(person)
    thanks = services.gratitude_record(
        actor=person,
        relationship=relationship,
        kind=payload.kind,
        given_on=payload.given_on or today,
        description=payload.description,
        today=today,
        meeting=meeting_named(person, payload.meeting),
        advice=advice,
    )
    return Status(201, thanks)


# Updates to a mentor -------------------------------------------------------------------


class UpdateIn(Input):
    relationship: RowId
    body: str = Field(max_length=10000, description="the update as it was sent")
    sent_on: dt.date | None = Field(None, description="default: today")


class UpdateOut(Schema):
    id: int
    relationship_id: int
    sent_on: dt.date
    body: str


@router.post("/updates", response={201: UpdateOut})
def update_add(request: HttpRequest, payload: UpdateIn) -> Status[MentorUpdate]:
    """Record an update as sent (Tribe does not send it): it counts as contact, and
    reports back the advice outcomes known by then."""
    person = me(request)
    relationship = relationship_named(person, payload.relationship)
    today = person_today(person)
    update = services.update_record_sent(
        actor=person,
        relationship=relationship,
        body=payload.body,
        sent_on=payload.sent_on or today,
        today=today,
    )
    return Status(201, update)


# Wins ----------------------------------------------------------------------------------


class WinIn(Input):
    text: str = Field(max_length=500)
    happened_on: dt.date | None = Field(None, description="default: today")
    goal: RowId | None = Field(None, description="one of my goals it moved")


class WinOut(Schema):
    id: int
    text: str
    happened_on: dt.date
    goal_id: int | None
    created_at: dt.datetime


@router.get("/wins", response=Page[WinOut])
def win_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """My wins, latest first: they feed agendas and updates."""
    return page_of(selectors.wins_of(person=me(request)), page)


@router.post("/wins", response={201: WinOut})
def win_add(request: HttpRequest, payload: WinIn) -> Status[Win]:
    """Note something that went well."""
    person = me(request)
    goal = None
    if payload.goal is not None:
        goal_id = payload.goal
        goal = referenced("goal", lambda: goal_get_for(person=person, goal_id=goal_id))
    today = person_today(person)
    win = services.win_record(
        person=person,
        text=payload.text,
        happened_on=payload.happened_on or today,
        today=today,
        goal=goal,
    )
    return Status(201, win)


@router.delete("/wins/{win_id}", response={204: None})
def win_remove(request: HttpRequest, win_id: ObjectId) -> Status[None]:
    """Delete one of my wins."""
    person = me(request)
    services.win_delete(actor=person, win=selectors.win_get_for(person=person, win_id=win_id))
    return Status(204, None)
