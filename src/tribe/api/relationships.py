"""My relationships: the pipeline, the agreement and keeping in touch (``/api/relationships``).

A relationship is read only by a side that said yes to it (``relationship_get_for``):
a request waiting for an answer is read under ``/api/requests``, and anyone else,
a programme administrator too, gets 404. Each side reads what its page shows:
the snooze's reason is its author's alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import (
    MAX_ID,
    ApiRouter,
    GoalRef,
    Input,
    ObjectId,
    Page,
    PageQuery,
    page_of,
    patched,
)
from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.core.zones import local
from tribe.ledger import services as ledger
from tribe.ledger.selectors import RelationshipHealth, relationship_get_with_health
from tribe.outreach.services import agreement_start
from tribe.people.errors import PeopleCode
from tribe.people.models import Contact, Goal, Person
from tribe.people.selectors import contact_get_for, goals_of
from tribe.relationships import consent, services
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_get_for, relationships_for

router = ApiRouter(tags=["relationships"])

RelationshipStatus = Literal["prospect", "asked", "intro", "active", "paused", "ended", "declined"]
#: Where a new relationship may start (with an account: only "prospect", by consent).
StartStatus = Literal["prospect", "asked", "intro", "active", "paused"]
Kind = Literal["mentor", "coach", "sponsor", "peer"]
Side = Literal["mentee", "mentor"]
Channel = Literal["video", "phone", "in_person", "chat", "email"]
HealthState = Literal["healthy", "due", "at_risk", "dormant", "inactive"]
GoalId = Annotated[int, Field(ge=1, le=MAX_ID)]


# Out -----------------------------------------------------------------------------


class Counterpart(Schema):
    """The other side: an account (``person``) or one of my contacts (``contact``)."""

    kind: Literal["person", "contact"]
    id: int
    name: str


class AgreementOut(Schema):
    cadence_days: int | None
    meeting_minutes: int | None
    channel: Channel | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    confidentiality: str
    agreed_at: dt.datetime | None


class KeepingOut(Schema):
    """News updates to the mentor, and the snooze of "get in touch" reminders."""

    update_every_days: int | None
    keep_in_touch: bool
    snoozed_until: dt.date | None
    snoozed_by_me: bool
    #: Only whoever snoozed reads the reason ("" for the other side).
    snooze_reason: str


class HealthOut(Schema):
    state: HealthState
    reasons: list[str]
    next_contact_due: dt.date | None
    update_due: dt.date | None


class RelationshipBrief(Schema):
    id: int
    counterpart: Counterpart
    my_side: Side
    kind: Kind
    status: RelationshipStatus
    status_changed_at: dt.datetime
    purpose: str
    goals: list[GoalRef]
    #: Both accounts said yes (a contact has nothing to say).
    mutual: bool
    created_by_me: bool


class RelationshipOut(RelationshipBrief):
    agreement: AgreementOut
    keeping: KeepingOut
    health: HealthOut
    #: The statuses I may move it to with ``POST /{id}/move``.
    allowed_moves: list[RelationshipStatus]


def _counterpart(relationship: Relationship, person: Person) -> dict[str, Any]:
    if relationship.role_of(person) == "mentee":
        account, contact = relationship.mentor, relationship.mentor_contact
    else:
        account, contact = relationship.mentee, relationship.mentee_contact
    if account is not None:
        return {"kind": "person", "id": account.pk, "name": account.name}
    assert contact is not None  # the model holds one of the two
    return {"kind": "contact", "id": contact.pk, "name": str(contact)}


def _brief(relationship: Relationship, person: Person) -> dict[str, Any]:
    return {
        "id": relationship.pk,
        "counterpart": _counterpart(relationship, person),
        "my_side": relationship.role_of(person),
        "kind": relationship.kind,
        "status": relationship.status,
        "status_changed_at": relationship.status_changed_at,
        "purpose": relationship.purpose,
        "goals": [{"id": g.pk, "title": g.title} for g in relationship.goals.all()],
        "mutual": consent.is_mutual(relationship),
        "created_by_me": relationship.created_by_id == person.pk,
    }


def _full(row: RelationshipHealth, person: Person) -> dict[str, Any]:
    r, health = row.relationship, row.health
    mine = r.snoozed_by_id is not None and r.snoozed_by_id == person.pk
    return {
        **_brief(r, person),
        "agreement": {
            "cadence_days": r.cadence_days,
            "meeting_minutes": r.meeting_minutes,
            "channel": r.channel or None,
            "starts_on": r.starts_on,
            "ends_on": r.ends_on,
            "confidentiality": r.confidentiality,
            "agreed_at": r.agreed_at,
        },
        "keeping": {
            "update_every_days": r.update_every_days,
            "keep_in_touch": r.keep_in_touch,
            "snoozed_until": r.snoozed_until,
            "snoozed_by_me": mine,
            "snooze_reason": r.snooze_reason if mine else "",
        },
        "health": {
            "state": str(health.state),
            "reasons": list(health.reasons),
            "next_contact_due": health.next_contact_due,
            "update_due": health.update_due,
        },
        "allowed_moves": consent.allowed_moves(r, person),
    }


def _read(person: Person, relationship_id: int) -> dict[str, Any]:
    row = relationship_get_with_health(person=person, relationship_id=relationship_id)
    return _full(row, person)


def _today(person: Person) -> dt.date:
    """The person's own calendar day, as the pages count it."""
    return local(clock.now(), person.timezone).date()


def _goals(offered: Iterable[Goal], ids: list[int]) -> list[Goal]:
    """The goals ``ids`` names among those ``offered``; any other id is a 404 on "goals"."""
    by_id = {g.pk: g for g in offered}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise NotFound(PeopleCode.NO_GOAL, field="goals")
    return [by_id[i] for i in dict.fromkeys(ids)]


def _offered_goals(relationship: Relationship, person: Person) -> Iterable[Goal]:
    """As the edit page: the mentee picks among their goals, the mentor among those linked."""
    if relationship.role_of(person) == "mentee":
        return goals_of(person=person)
    return relationship.goals.all()


# In ------------------------------------------------------------------------------


class RelationshipFilter(Schema):
    status: RelationshipStatus | None = Field(None, description="only relationships in this state")
    side: Side | None = Field(None, description="only those where I am this side")


class RelationshipIn(Input):
    """The other side is named by an e-mail address (it becomes one of my contacts, so
    the answer never tells whether the address has an account) or one of my contacts."""

    my_role: Side
    other_email: str | None = Field(None, max_length=254)
    other_contact: int | None = Field(None, ge=1, le=MAX_ID)
    kind: Kind = "mentor"
    purpose: str = Field("", max_length=300)
    status: StartStatus = "prospect"
    goals: list[GoalId] = Field([], max_length=100)


class RelationshipPatch(Input):
    """Only the fields sent change."""

    kind: Kind | None = None
    purpose: str | None = Field(None, max_length=300)
    goals: list[GoalId] | None = Field(None, max_length=100)


class MoveIn(Input):
    status: RelationshipStatus


class AgreementIn(Input):
    """The whole agreement: what is left out is "not agreed"."""

    cadence_days: int | None = Field(None, ge=1, le=366)
    meeting_minutes: int | None = Field(None, ge=5, le=480)
    channel: Channel | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    confidentiality: str = Field("", max_length=2000)


class StartIn(Input):
    """The agreement made at the intro meeting, which starts the relationship."""

    purpose: str = Field(max_length=300)
    cadence_days: int = Field(ge=1, le=366)
    meeting_minutes: int = Field(ge=5, le=480)
    channel: Channel
    starts_on: dt.date
    months: int = Field(ge=1, le=60)
    confidentiality: str = Field("", max_length=2000)


class SnoozeIn(Input):
    until: dt.date
    reason: str = Field(max_length=200)


class UpdatesIn(Input):
    update_every_days: int | None = Field(None, ge=7, le=366)
    keep_in_touch: bool = False


# Operations ----------------------------------------------------------------------


@router.get("", response=Page[RelationshipBrief])
def relationship_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[RelationshipFilter]
) -> dict[str, Any]:
    """The relationships I said yes to, latest change first."""
    person = me(request)
    rows = relationships_for(person=person)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.side == "mentee":
        rows = rows.filter(mentee=person)
    elif filters.side == "mentor":
        rows = rows.filter(mentor=person)
    found = page_of(rows, page)
    found["items"] = [_brief(r, person) for r in found["items"]]
    return found


@router.post("", response={201: RelationshipOut})
def relationship_add(request: HttpRequest, payload: RelationshipIn) -> Status[dict[str, Any]]:
    """Start a relationship. With another account it starts as a prospect, private to
    me: it goes on only once they accept my request."""
    person = me(request)
    contact: Contact | None = None
    if payload.other_contact is not None:
        try:
            contact = contact_get_for(person=person, contact_id=payload.other_contact)
        except NotFound as exc:
            raise NotFound(PeopleCode.NO_CONTACT, field="other_contact") from exc
    made = services.relationship_create(
        created_by=person,
        my_role=payload.my_role,
        other_contact=contact,
        other_email=payload.other_email or "",
        kind=payload.kind,
        purpose=payload.purpose,
        status=payload.status,
        goals=_goals(goals_of(person=person), payload.goals),
    )
    return Status(201, _read(person, made.pk))


@router.get("/{relationship_id}", response=RelationshipOut)
def relationship_read(request: HttpRequest, relationship_id: ObjectId) -> dict[str, Any]:
    """One of my relationships, with its agreement, its health and the moves I may make."""
    return _read(me(request), relationship_id)


@router.patch("/{relationship_id}", response=RelationshipOut)
def relationship_change(
    request: HttpRequest, relationship_id: ObjectId, payload: RelationshipPatch
) -> dict[str, Any]:
    """Change its kind, purpose or goals (the mentor chooses only among the goals linked).
    The kind only until the other account has said yes: after that, 409 ``kind_settled``
    (end it and start one of the other kind)."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    linked = [g.pk for g in relationship.goals.all()]
    current = {"kind": relationship.kind, "purpose": relationship.purpose, "goals": linked}
    # A null sent for a field keeps its value: none of the three can be empty.
    wanted = {k: v for k, v in patched(current, payload).items() if v is not None}
    services.relationship_update(
        actor=person,
        relationship=relationship,
        kind=wanted.get("kind", relationship.kind),
        purpose=wanted.get("purpose", relationship.purpose),
        goals=_goals(_offered_goals(relationship, person), wanted.get("goals", linked)),
    )
    return _read(person, relationship.pk)


@router.delete("/{relationship_id}", response={204: None})
def relationship_remove(request: HttpRequest, relationship_id: ObjectId) -> Status[None]:
    """Delete it with everything in it: only its creator, and only while the other
    account has not said yes (then end it instead: 409)."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    services.relationship_delete(actor=person, relationship=relationship)
    return Status(204, None)


@router.post("/{relationship_id}/move", response=RelationshipOut)
def relationship_move(
    request: HttpRequest, relationship_id: ObjectId, payload: MoveIn
) -> dict[str, Any]:
    """Move it to another status: one of ``allowed_moves``, else 409 (sending, answering
    a request and the agreement that starts it are their own operations)."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    services.relationship_set_status(actor=person, relationship=relationship, status=payload.status)
    return _read(person, relationship.pk)


@router.put("/{relationship_id}/agreement", response=RelationshipOut)
def relationship_set_agreement(
    request: HttpRequest, relationship_id: ObjectId, payload: AgreementIn
) -> dict[str, Any]:
    """Record the agreement: how often, how long, how, from and until when, in confidence."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    services.relationship_set_agreement(
        actor=person,
        relationship=relationship,
        **{**payload.model_dump(), "channel": payload.channel or ""},
    )
    return _read(person, relationship.pk)


@router.post("/{relationship_id}/start", response=RelationshipOut)
def relationship_start(
    request: HttpRequest, relationship_id: ObjectId, payload: StartIn
) -> dict[str, Any]:
    """End the intro meeting with the agreement: the relationship becomes active."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    agreement_start(actor=person, relationship=relationship, **payload.model_dump())
    return _read(person, relationship.pk)


@router.post("/{relationship_id}/snooze", response=RelationshipOut)
def relationship_snooze(
    request: HttpRequest, relationship_id: ObjectId, payload: SnoozeIn
) -> dict[str, Any]:
    """Quiet "get in touch" reminders until a day (at most 180 days ahead), with a reason
    only I read."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    ledger.relationship_snooze(
        actor=person,
        relationship=relationship,
        until=payload.until,
        reason=payload.reason,
        today=_today(person),
    )
    return _read(person, relationship.pk)


@router.post("/{relationship_id}/unsnooze", response=RelationshipOut)
def relationship_unsnooze(request: HttpRequest, relationship_id: ObjectId) -> dict[str, Any]:
    """End the snooze now."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    ledger.relationship_unsnooze(actor=person, relationship=relationship)
    return _read(person, relationship.pk)


@router.put("/{relationship_id}/updates", response=RelationshipOut)
def relationship_set_updates(
    request: HttpRequest, relationship_id: ObjectId, payload: UpdatesIn
) -> dict[str, Any]:
    """How often a news update to the mentor is due (none: no reminder), and whether
    to keep sending them after the relationship ended."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    ledger.relationship_set_update_cadence(
        actor=person,
        relationship=relationship,
        every_days=payload.update_every_days,
        keep_in_touch=payload.keep_in_touch,
    )
    return _read(person, relationship.pk)
