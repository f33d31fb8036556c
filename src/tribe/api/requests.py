"""Asking and answering: my requests to mentors, requests waiting for my answer,
the people I blocked, and introductions (``/api/requests``).

Consent is the rule throughout, as on the pages: a request reaches only the
person asked, who reads it (and only it) until they say yes; a relationship
goes on only by that yes; a request one may not see is a 404.

- ``/mine/{id}``: my own request (I am the mentee of a relationship I started):
  its words and size, the draft built from them, sending, nudging, answering a question.
- ``/{id}``: a request waiting for my answer: accept, decline, ask for more, block.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import (
    MAX_ID,
    ApiRouter,
    Input,
    ObjectId,
    Page,
    PageQuery,
    PersonRef,
    page_of,
)
from tribe.api.relationships import Counterpart, Kind, RelationshipOut, RelationshipStatus, Side
from tribe.api.relationships import _read as relationship_out
from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.core.zones import local
from tribe.outreach import selectors
from tribe.outreach import services as outreach
from tribe.outreach.errors import OutreachCode
from tribe.outreach.models import Introduction
from tribe.people.errors import PeopleCode
from tribe.people.models import Block, Contact, Person
from tribe.people.selectors import contact_get_for
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_get_for_mentee

router = ApiRouter(tags=["requests"])

NudgeStateName = Literal["none", "waiting", "nudge", "move_on"]


# Out -----------------------------------------------------------------------------


class AskSizeOut(Schema):
    """How much of the mentor's time the request proposes, and what it comes to."""

    cadence_days: int
    meeting_minutes: int
    months: int
    meetings: int
    minutes_per_month: int
    total_minutes: int
    total_hours: float
    sentence: str
    #: For a large ask, a plain word about its size; else "".
    warning: str


class IncomingRequestOut(Schema):
    """A request waiting for my answer: all I see of it until I say yes."""

    id: int
    requester: PersonRef
    headline: str
    #: The side I would be: "mentor" when they ask me to mentor them.
    my_side: Side
    kind: Kind
    asked_at: dt.datetime | None
    purpose: str
    ask: str
    why_them: str
    goals: list[str]
    message: str
    size: AskSizeOut
    nudges_sent: int
    last_nudge_at: dt.datetime | None
    #: My question to them, while it waits for their answer.
    info_request: str
    #: A kind no to start from (``POST /{id}/decline`` sends it when no message is given).
    decline_draft: str


class DeclinedOut(Schema):
    id: int
    status: RelationshipStatus
    message: str
    ask_again_months: int | None


class NudgeOut(Schema):
    state: NudgeStateName
    due_on: dt.date | None


class OutgoingRequestOut(Schema):
    """My request to a mentor, as the ask page shows it."""

    id: int
    mentor: Counterpart
    status: RelationshipStatus
    purpose: str
    ask: str
    why_them: str
    size: AskSizeOut
    #: What I can give back, as I wrote it, or Tribe's draft until I do.
    give_back: str
    give_back_written: bool
    #: The request built from the above: what ``send`` sends when no message is given.
    draft: str
    #: The request as sent ("" before).
    message: str
    asked_at: dt.datetime | None
    nudges_sent: int
    last_nudge_at: dt.datetime | None
    nudge: NudgeOut
    #: The mentor's question, waiting for my answer.
    info_request: str
    #: The mentor's answer to a declined request.
    decline_message: str
    #: The day the mentor said I may ask again, when they offered it.
    ask_again_on: dt.date | None


class BlockOut(Schema):
    person: PersonRef
    since: dt.datetime


class IntroductionOut(Schema):
    id: int
    introducer: PersonRef
    mentee: PersonRef
    to_name: str
    note: str
    introduced_on: dt.date
    #: The prospect relationship started from it, if I asked for one.
    relationship_id: int | None


def _brief(person: Person) -> dict[str, Any]:
    return {"id": person.pk, "name": person.name}


def _size(relationship: Relationship) -> dict[str, Any]:
    return selectors.ask_size_of(relationship=relationship).as_dict()


def _incoming(r: Relationship, person: Person) -> dict[str, Any]:
    return {
        "id": r.pk,
        "requester": _brief(r.created_by),
        "headline": r.created_by.headline,
        "my_side": r.role_of(person),
        "kind": r.kind,
        "asked_at": r.asked_at,
        "purpose": r.purpose,
        "ask": r.ask,
        "why_them": r.why_them,
        "goals": [g.title for g in r.goals.all()],
        "message": r.request_message,
        "size": _size(r),
        "nudges_sent": r.nudges_sent,
        "last_nudge_at": r.last_nudge_at,
        "info_request": r.info_request,
        "decline_draft": selectors.decline_template(relationship=r, mentor=person),
    }


def _today(person: Person) -> dt.date:
    return local(clock.now(), person.timezone).date()


def _outgoing(r: Relationship, person: Person) -> dict[str, Any]:
    nudge = selectors.nudge_state(
        relationship=r,
        wait_days=person.nudge_after_days,
        today=_today(person),
        zone_name=person.timezone,
    )
    mentor = r.mentor
    return {
        "id": r.pk,
        "mentor": {"kind": "person", "id": mentor.pk, "name": mentor.name}
        if mentor is not None
        else {"kind": "contact", "id": r.mentor_contact_id, "name": r.mentor_name},
        "status": r.status,
        "purpose": r.purpose,
        "ask": r.ask,
        "why_them": r.why_them,
        "size": _size(r),
        "give_back": selectors.give_back_text(relationship=r, sender=person),
        "give_back_written": r.give_back_written,
        "draft": selectors.request_draft(relationship=r, sender=person),
        "message": r.request_message,
        "asked_at": r.asked_at,
        "nudges_sent": r.nudges_sent,
        "last_nudge_at": r.last_nudge_at,
        "nudge": {"state": str(nudge.state), "due_on": nudge.due_on},
        "info_request": r.info_request,
        "decline_message": r.decline_message,
        "ask_again_on": selectors.ask_again_on(relationship=r, zone_name=person.timezone),
    }


def _mine(person: Person, relationship_id: int) -> Relationship:
    return relationship_get_for_mentee(person=person, relationship_id=relationship_id)


def _block(block: Block) -> dict[str, Any]:
    return {"person": _brief(block.blocked), "since": block.created_at}


# In ------------------------------------------------------------------------------


class PrepareIn(Input):
    """The request's words and size: what is left out (or null) keeps its value, except
    ``cadence_days`` null, which proposes the mentor's preferred cadence (else monthly)."""

    purpose: str | None = Field(None, max_length=300)
    ask: str | None = Field(None, max_length=500)
    why_them: str | None = Field(None, max_length=500)
    cadence_days: int | None = Field(None, ge=1, le=366)
    meeting_minutes: int | None = Field(None, ge=5, le=480)
    months: int | None = Field(None, ge=1, le=24)
    #: "" leaves the give-back section out of the request.
    give_back: str | None = Field(None, max_length=1000)


class SendIn(Input):
    #: The request as I approved it; left out, the draft (``draft``) is sent.
    message: str | None = Field(None, max_length=5000)


class AnswerIn(Input):
    answer: str = Field(max_length=2000)


class DeclineIn(Input):
    #: A kind no; left out, ``decline_draft``.
    message: str | None = Field(None, max_length=5000)
    #: "Ask me again in … months", only if I offer it.
    ask_again_months: int | None = Field(None, ge=1, le=24)


class QuestionIn(Input):
    question: str = Field(max_length=1000)


class IntroductionIn(Input):
    """``made``: I introduced ``mentee_id``, a mentee of mine; ``received``: my mentor
    ``mentor_id`` introduced me. To an e-mail address (it becomes one of my contacts)
    or one of my contacts."""

    direction: Literal["made", "received"]
    mentee_id: int | None = Field(None, ge=1, le=MAX_ID)
    mentor_id: int | None = Field(None, ge=1, le=MAX_ID)
    to_email: str | None = Field(None, max_length=254)
    to_contact: int | None = Field(None, ge=1, le=MAX_ID)
    note: str = Field("", max_length=1000)
    introduced_on: dt.date
    #: When I was introduced: add them as a prospect mentor of mine.
    start_prospect: bool = False


# My requests ---------------------------------------------------------------------


@router.get("/mine/{relationship_id}", response=OutgoingRequestOut)
def request_outgoing_read(request: HttpRequest, relationship_id: ObjectId) -> dict[str, Any]:
    """My request to the mentor of a relationship where I am the mentee, with its draft."""
    person = me(request)
    return _outgoing(_mine(person, relationship_id), person)


@router.patch("/mine/{relationship_id}", response=OutgoingRequestOut)
def request_prepare(
    request: HttpRequest, relationship_id: ObjectId, payload: PrepareIn
) -> dict[str, Any]:
    """Write the request's purpose, ask, why them, size and give-back; only before it is sent
    (409 after)."""
    person = me(request)
    relationship = _mine(person, relationship_id)
    sent = payload.model_dump(exclude_unset=True)
    given: dict[str, Any] = {
        name: value
        for name, value in sent.items()
        if name in ("meeting_minutes", "months", "give_back") and value is not None
    }
    if "cadence_days" in sent:
        given["cadence_days"] = sent["cadence_days"]
    outreach.outreach_prepare(
        actor=person,
        relationship=relationship,
        purpose=relationship.purpose if payload.purpose is None else payload.purpose,
        ask=relationship.ask if payload.ask is None else payload.ask,
        why_them=relationship.why_them if payload.why_them is None else payload.why_them,
        **given,
    )
    return _outgoing(relationship, person)


@router.post("/mine/{relationship_id}/send", response=OutgoingRequestOut)
def request_send(
    request: HttpRequest, relationship_id: ObjectId, payload: SendIn
) -> dict[str, Any]:
    """Record the request as sent: the relationship is "asked" and the mentor sees it.
    It needs a purpose (422); it is refused (409) once sent, when the mentor has no free
    place, cannot receive requests yet or takes none from me."""
    person = me(request)
    relationship = _mine(person, relationship_id)
    message = payload.message
    if message is None:
        message = selectors.request_draft(relationship=relationship, sender=person)
    outreach.outreach_send(actor=person, relationship=relationship, message=message)
    return _outgoing(_mine(person, relationship_id), person)


@router.post("/mine/{relationship_id}/nudge", response=OutgoingRequestOut)
def request_nudge(request: HttpRequest, relationship_id: ObjectId) -> dict[str, Any]:
    """Record a nudge sent: once the wait is over (422 before), and not after a second
    silence (409: ask someone else)."""
    person = me(request)
    relationship = _mine(person, relationship_id)
    outreach.outreach_nudge(actor=person, relationship=relationship)
    return _outgoing(relationship, person)


@router.post("/mine/{relationship_id}/answer", response=OutgoingRequestOut)
def request_answer(
    request: HttpRequest, relationship_id: ObjectId, payload: AnswerIn
) -> dict[str, Any]:
    """Answer the mentor's question: the answer joins the request, which waits for them again."""
    person = me(request)
    relationship = _mine(person, relationship_id)
    outreach.outreach_answer_info(actor=person, relationship=relationship, answer=payload.answer)
    return _outgoing(relationship, person)


# Blocks and introductions ------------------------------------------------------------
# Before ``/{request_id}``, so that "blocks" is never read as an id.


@router.get("/blocks", response=Page[BlockOut])
def block_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """The people I blocked, newest first: they can send me no requests or introductions."""
    found = page_of(selectors.blocks_of(person=me(request)), page)
    found["items"] = [_block(b) for b in found["items"]]
    return found


@router.delete("/blocks/{person_id}", response={204: None})
def block_remove(request: HttpRequest, person_id: ObjectId) -> Status[None]:
    """Unblock a person I blocked (404 for anyone else)."""
    person = me(request)
    block = selectors.block_get_for(person=person, blocked_id=person_id)
    outreach.person_unblock(actor=person, other=block.blocked)
    return Status(204, None)


def _tribe_member(people: list[Person], person_id: int | None, field: str) -> Person:
    found = next((p for p in people if p.pk == person_id), None)
    if found is None:
        raise NotFound(OutreachCode.NOT_MENTORING, field=field)
    return found


@router.post("/introductions", response={201: IntroductionOut})
def introduction_add(request: HttpRequest, payload: IntroductionIn) -> Status[dict[str, Any]]:
    """Record an introduction between a mentor and their mentee (either may record it)."""
    person = me(request)
    mentors, mentees = selectors.tribe_people_of(person=person)
    if payload.direction == "made":
        introducer, mentee = person, _tribe_member(mentees, payload.mentee_id, "mentee_id")
    else:
        introducer, mentee = _tribe_member(mentors, payload.mentor_id, "mentor_id"), person
    contact: Contact | None = None
    if payload.to_contact is not None:
        try:
            contact = contact_get_for(person=person, contact_id=payload.to_contact)
        except NotFound as exc:
            raise NotFound(PeopleCode.NO_CONTACT, field="to_contact") from exc
    made: Introduction = outreach.introduction_record(
        actor=person,
        introducer=introducer,
        mentee=mentee,
        to_contact=contact,
        to_email=payload.to_email or "",
        note=payload.note,
        introduced_on=payload.introduced_on,
        today=_today(person),
        start_prospect=payload.start_prospect,
    )
    return Status(
        201,
        {
            "id": made.pk,
            "introducer": _brief(introducer),
            "mentee": _brief(mentee),
            "to_name": made.to_name,
            "note": made.note,
            "introduced_on": made.introduced_on,
            "relationship_id": made.relationship_id,
        },
    )


# Requests waiting for my answer ------------------------------------------------------


@router.get("", response=Page[IncomingRequestOut])
def request_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """Requests waiting for my answer, oldest first."""
    person = me(request)
    found = page_of(selectors.incoming_requests(person=person), page)
    found["items"] = [_incoming(r, person) for r in found["items"]]
    return found


def _asked(person: Person, request_id: int) -> Relationship:
    """A request waiting for ``person``'s answer, or one of theirs: the services tell
    them apart (only the person asked answers, and only once: 409)."""
    return selectors.request_get_for(person=person, relationship_id=request_id)


@router.post("/{request_id}/accept", response=RelationshipOut)
def request_accept(request: HttpRequest, request_id: ObjectId) -> dict[str, Any]:
    """Say yes: on to the intro meeting, and from now on both sides see the relationship.
    409 when I have no free place for a mentee or it is answered already."""
    person = me(request)
    relationship = _asked(person, request_id)
    outreach.request_accept(actor=person, relationship=relationship)
    return relationship_out(person, relationship.pk)


@router.post("/{request_id}/decline", response=DeclinedOut)
def request_decline(
    request: HttpRequest, request_id: ObjectId, payload: DeclineIn
) -> dict[str, Any]:
    """Say a kind no (no reason needed); the requester reads the message."""
    person = me(request)
    relationship = _asked(person, request_id)
    message = payload.message
    if message is None:
        message = selectors.decline_template(relationship=relationship, mentor=person)
    declined = outreach.request_decline(
        actor=person,
        relationship=relationship,
        message=message,
        ask_again_months=payload.ask_again_months,
    )
    return {
        "id": declined.pk,
        "status": declined.status,
        "message": declined.decline_message,
        "ask_again_months": declined.ask_again_months,
    }


@router.post("/{request_id}/ask", response=IncomingRequestOut)
def request_ask(request: HttpRequest, request_id: ObjectId, payload: QuestionIn) -> dict[str, Any]:
    """Ask the requester for more before deciding; they see the question on their request."""
    person = me(request)
    relationship = _asked(person, request_id)
    outreach.request_ask_for_info(
        actor=person, relationship=relationship, question=payload.question
    )
    return _incoming(relationship, person)


@router.post("/{request_id}/block", response=BlockOut)
def request_block(request: HttpRequest, request_id: ObjectId) -> dict[str, Any]:
    """Block whoever sent this request: it and any other waiting from them are declined,
    and they can send me no more requests or introductions."""
    person = me(request)
    relationship = _asked(person, request_id)
    requester = relationship.created_by
    if relationship.role_of(person) is None or requester.pk == person.pk:
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    block = outreach.person_block(actor=person, other=requester)
    block.blocked = requester
    return _block(block)
