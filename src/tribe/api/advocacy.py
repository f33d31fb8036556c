"""Advocacy asks of a sponsor relationship (``/api/advocacy``).

The person sponsored writes an ask (whom the sponsor will speak to, about what,
the case to make, by when); only the sponsor agrees, declines and says they
spoke; either side records what happened; the person sponsored may withdraw an
ask until the sponsor has spoken. Both sides read a relationship's asks, and
nobody else (programme administrators included): anyone else gets a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.advocacy import selectors, services
from tribe.advocacy.models import (
    AUDIENCE_MAX,
    CASE_MAX,
    NOTE_MAX,
    OPPORTUNITY_MAX,
    OUTCOME_MAX,
    AdvocacyAsk,
)
from tribe.advocacy.pipeline import steps_for
from tribe.api.auth import me
from tribe.api.common import (
    ApiRouter,
    Input,
    ObjectId,
    Page,
    PageQuery,
    PersonRef,
    RowId,
    page_of,
    person_today,
    relationship_named,
)
from tribe.people.models import Person

__all__ = ["router"]

router = ApiRouter(tags=["advocacy"])

AskStatus = Literal["asked", "agreed", "declined", "done", "outcome", "withdrawn"]
AskStep = Literal["agree", "decline", "done", "outcome", "withdraw"]


class AdvocacyAskIn(Input):
    relationship: RowId = Field(description="the sponsor relationship (its id)")
    audience: str = Field(max_length=AUDIENCE_MAX, description="whom the sponsor will speak to")
    opportunity: str = Field(
        max_length=OPPORTUNITY_MAX, description="about what: a role, a project, a promotion round"
    )
    case: str = Field("", max_length=CASE_MAX, description="why me: the achievements to cite")
    by_when: dt.date | None = Field(None, description="by when (today or later)")


class AdvocacyAnswerIn(Input):
    note: str = Field("", max_length=NOTE_MAX, description="a word with the answer")


class AdvocacyDoneIn(Input):
    spoke_on: dt.date | None = Field(None, description="the day the sponsor spoke (default today)")
    note: str = Field("", max_length=NOTE_MAX, description="what was said, and to whom")


class AdvocacyOutcomeIn(Input):
    outcome: str = Field(max_length=OUTCOME_MAX, description="what happened")


class AdvocacyAskFilter(Schema):
    relationship: RowId = Field(description="the relationship whose asks to list")


def _caller(context: Any) -> Person:
    return me(context["request"])


class AdvocacyAskOut(Schema):
    id: int
    relationship_id: int
    status: AskStatus
    audience: str
    opportunity: str
    case: str
    by_when: dt.date | None
    asked_on: dt.date
    asked_by: PersonRef | None
    answered_on: dt.date | None
    answered_by: PersonRef | None
    answer_note: str
    spoke_on: dt.date | None
    done_by: PersonRef | None
    done_note: str
    outcome: str
    outcome_on: dt.date | None
    outcome_by: PersonRef | None
    withdrawn_on: dt.date | None
    withdrawn_by: PersonRef | None
    steps: list[AskStep] = Field(description="the steps I may take on it now")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_steps(ask: AdvocacyAsk, context: Any) -> list[str]:
        return sorted(steps_for(ask, _caller(context)))


def _ask(request: HttpRequest, ask_id: int) -> tuple[Person, AdvocacyAsk]:
    person = me(request)
    return person, selectors.ask_get_for(person=person, ask_id=ask_id)


def _read(person: Person, ask: AdvocacyAsk) -> AdvocacyAsk:
    """The ask as the answer shows it, with everyone named in it."""
    return selectors.ask_get_for(person=person, ask_id=ask.pk)


@router.get("/asks", response=Page[AdvocacyAskOut])
def ask_list(
    request: HttpRequest, page: Query[PageQuery], of: Query[AdvocacyAskFilter]
) -> dict[str, object]:
    """The asks of a sponsor relationship, newest first; both sides read them."""
    person = me(request)
    relationship = relationship_named(person, of.relationship)
    return page_of(selectors.asks_of(person=person, relationship=relationship), page)


@router.post("/asks", response={201: AdvocacyAskOut})
def ask_add(request: HttpRequest, payload: AdvocacyAskIn) -> Status[AdvocacyAsk]:
    """Ask my sponsor to speak up for me. 409 in a relationship of another kind, one that
    is over or not yet agreed by both, or for the sponsor (the person sponsored asks)."""
    person = me(request)
    ask = services.ask_create(
        author=person,
        relationship=relationship_named(person, payload.relationship),
        audience=payload.audience,
        opportunity=payload.opportunity,
        case=payload.case,
        by_when=payload.by_when,
        today=person_today(person),
    )
    return Status(201, _read(person, ask))


@router.get("/asks/{ask_id}", response=AdvocacyAskOut)
def ask_read(request: HttpRequest, ask_id: ObjectId) -> AdvocacyAsk:
    """One ask of a relationship I am a side of."""
    return _ask(request, ask_id)[1]


@router.post("/asks/{ask_id}/agree", response=AdvocacyAskOut)
def ask_agree(request: HttpRequest, ask_id: ObjectId, payload: AdvocacyAnswerIn) -> AdvocacyAsk:
    """The sponsor says yes (409 for anyone else, or once answered)."""
    person, ask = _ask(request, ask_id)
    services.ask_agree(actor=person, ask=ask, today=person_today(person), note=payload.note)
    return _read(person, ask)


@router.post("/asks/{ask_id}/decline", response=AdvocacyAskOut)
def ask_decline(request: HttpRequest, ask_id: ObjectId, payload: AdvocacyAnswerIn) -> AdvocacyAsk:
    """The sponsor says no (409 for anyone else, or once answered)."""
    person, ask = _ask(request, ask_id)
    services.ask_decline(actor=person, ask=ask, today=person_today(person), note=payload.note)
    return _read(person, ask)


@router.post("/asks/{ask_id}/done", response=AdvocacyAskOut)
def ask_done(request: HttpRequest, ask_id: ObjectId, payload: AdvocacyDoneIn) -> AdvocacyAsk:
    """The sponsor spoke up (409 for anyone else, or before agreeing)."""
    person, ask = _ask(request, ask_id)
    services.ask_mark_done(
        actor=person,
        ask=ask,
        today=person_today(person),
        spoke_on=payload.spoke_on,
        note=payload.note,
    )
    return _read(person, ask)


@router.post("/asks/{ask_id}/outcome", response=AdvocacyAskOut)
def ask_outcome(request: HttpRequest, ask_id: ObjectId, payload: AdvocacyOutcomeIn) -> AdvocacyAsk:
    """What happened, recorded by either side once the sponsor has spoken (409 before)."""
    person, ask = _ask(request, ask_id)
    services.ask_record_outcome(
        actor=person, ask=ask, today=person_today(person), outcome=payload.outcome
    )
    return _read(person, ask)


@router.post("/asks/{ask_id}/withdraw", response=AdvocacyAskOut)
def ask_withdraw(request: HttpRequest, ask_id: ObjectId) -> AdvocacyAsk:
    """The person sponsored takes the ask back, until the sponsor has spoken (409 after,
    or for the sponsor)."""
    person, ask = _ask(request, ask_id)
    services.ask_withdraw(actor=person, ask=ask, today=person_today(person))
    return _read(person, ask)
