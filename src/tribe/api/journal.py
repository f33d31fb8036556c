"""The learning journal (``/api/journal``): my reflections, sharing one with the other
side of its relationship, what the other side shared with me, how often to be
asked, and the "am I learning?" check-in.

An entry is its author's: only they read it until they share it, and then the
other side of that one relationship reads it too, nobody else (programme
administrators included).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

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
from tribe.journal import selectors, services
from tribe.journal.models import TEXT_MAX, JournalEntry
from tribe.ledger.models import Advice
from tribe.ledger.selectors import advice_get_for
from tribe.people.models import Goal, Person
from tribe.people.selectors import goal_get_for
from tribe.relationships.models import Relationship

router = ApiRouter(tags=["journal"])

Cadence = Literal["weekly", "fortnightly", "monthly", "off"]
#: The most goals, or pieces of advice, one entry links to.
MAX_LINKS = 50


class EntryIn(Input):
    written_on: dt.date | None = Field(None, description="the day (default: today)")
    learned: str = Field("", max_length=TEXT_MAX, description="what I learned")
    will_try: str = Field("", max_length=TEXT_MAX, description="what I will try")
    surprised: str = Field("", max_length=TEXT_MAX, description="what surprised me")
    relationship: RowId | None = Field(None, description="the relationship it is about")
    meeting: RowId | None = Field(
        None, description="the meeting it is about (and so its relationship)"
    )
    goals: list[RowId] = Field([], max_length=MAX_LINKS, description="my goals it is about")
    advice: list[RowId] = Field([], max_length=MAX_LINKS, description="advice I recorded")
    shared: bool = Field(False, description="let the other side of the relationship read it")


class EntryPatch(Input):
    """Only the fields sent change; ``null`` unlinks a relationship or a meeting.
    Sharing has its own operations (``entry_share``, ``entry_unshare``)."""

    written_on: dt.date | None = None
    learned: str | None = Field(None, max_length=TEXT_MAX)
    will_try: str | None = Field(None, max_length=TEXT_MAX)
    surprised: str | None = Field(None, max_length=TEXT_MAX)
    relationship: RowId | None = None
    meeting: RowId | None = None
    goals: list[RowId] | None = Field(None, max_length=MAX_LINKS)
    advice: list[RowId] | None = Field(None, max_length=MAX_LINKS)


def _caller(context: Any) -> Person:
    return me(context["request"])


class EntryOut(Schema):
    id: int
    author: PersonRef
    mine: bool = Field(description="I wrote it (else it was shared with me)")
    written_on: dt.date
    learned: str
    will_try: str
    surprised: str
    relationship_id: int | None
    meeting_id: int | None
    shared: bool
    goal_ids: list[int] = Field(description="the author's own links: empty unless it is mine")
    advice_ids: list[int]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_mine(entry: JournalEntry, context: Any) -> bool:
        return entry.author_id == _caller(context).pk

    @staticmethod
    def resolve_goal_ids(entry: JournalEntry, context: Any) -> list[int]:
        if entry.author_id != _caller(context).pk:
            return []
        return [g.pk for g in entry.goals.all()]

    @staticmethod
    def resolve_advice_ids(entry: JournalEntry, context: Any) -> list[int]:
        if entry.author_id != _caller(context).pk:
            return []
        return [a.pk for a in entry.advice.all()]


class SharedEntryOut(Schema):
    """An entry the other side of a relationship shared with me: their words, nothing else."""

    id: int
    author: PersonRef
    written_on: dt.date
    learned: str
    will_try: str
    surprised: str
    relationship_id: int
    meeting_id: int | None


class EntryFilter(Schema):
    relationship: RowId | None = Field(None, description="only entries about this relationship")
    shared: bool | None = Field(None, description="only shared (true) or private (false) ones")


class SharedFilter(Schema):
    relationship: RowId = Field(description="the relationship whose other side shared them")


def _relationship(person: Person, relationship_id: int | None) -> Relationship | None:
    return None if relationship_id is None else relationship_named(person, relationship_id)


def _goals(person: Person, ids: list[int]) -> list[Goal]:
    def one(pk: int) -> Goal:
        return referenced("goals", lambda: goal_get_for(person=person, goal_id=pk))

    return [one(pk) for pk in dict.fromkeys(ids)]


def _advice(person: Person, ids: list[int]) -> list[Advice]:
    def one(pk: int) -> Advice:
        return referenced("advice", lambda: advice_get_for(person=person, advice_id=pk))

    return [one(pk) for pk in dict.fromkeys(ids)]


@router.get("/entries", response=Page[EntryOut])
def entry_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[EntryFilter]
) -> dict[str, object]:
    """My journal, newest first."""
    entries = selectors.entries_for(author=me(request))
    if filters.relationship is not None:
        entries = entries.filter(relationship_id=filters.relationship)
    if filters.shared is not None:
        entries = entries.filter(shared=filters.shared)
    return page_of(entries, page)


@router.post("/entries", response={201: EntryOut})
def entry_add(request: HttpRequest, payload: EntryIn) -> Status[JournalEntry]:
    """Write a reflection: at least one of learned, will_try, surprised. Private unless
    ``shared`` (409 when the other side cannot read it: a contact, or no yes yet)."""
    person = me(request)
    today = person_today(person)
    entry = services.entry_create(
        author=person,
        written_on=payload.written_on or today,
        today=today,
        learned=payload.learned,
        will_try=payload.will_try,
        surprised=payload.surprised,
        relationship=_relationship(person, payload.relationship),
        meeting=meeting_named(person, payload.meeting),
        goals=_goals(person, payload.goals),
        advice=_advice(person, payload.advice),
        shared=payload.shared,
    )
    return Status(201, entry)


@router.get("/entries/{entry_id}", response=EntryOut)
def entry_read(request: HttpRequest, entry_id: ObjectId) -> JournalEntry:
    """One of my entries, or one the other side of a relationship shared with me."""
    return selectors.entry_get_for(person=me(request), entry_id=entry_id)


@router.patch("/entries/{entry_id}", response=EntryOut)
def entry_change(request: HttpRequest, entry_id: ObjectId, payload: EntryPatch) -> JournalEntry:
    """Change the fields sent. A shared entry keeps its relationship (409): unshare it first."""
    person = me(request)
    entry = selectors.entry_get_for_author(person=person, entry_id=entry_id)
    sent = payload.model_dump(exclude_unset=True)
    relationship = entry.relationship
    if "relationship" in sent:
        relationship = _relationship(person, sent["relationship"])
    meeting = entry.meeting
    if "meeting" in sent:
        meeting = meeting_named(person, sent["meeting"])
    goals = list(entry.goals.all())
    if sent.get("goals") is not None:
        goals = _goals(person, sent["goals"])
    advice = list(entry.advice.all())
    if sent.get("advice") is not None:
        advice = _advice(person, sent["advice"])
    texts = {
        name: entry_text if sent.get(name) is None else sent[name]
        for name, entry_text in (
            ("learned", entry.learned),
            ("will_try", entry.will_try),
            ("surprised", entry.surprised),
        )
    }
    return services.entry_update(
        actor=person,
        entry=entry,
        written_on=sent.get("written_on") or entry.written_on,
        today=person_today(person),
        relationship=relationship,
        meeting=meeting,
        goals=goals,
        advice=advice,
        **texts,
    )


@router.delete("/entries/{entry_id}", response={204: None})
def entry_remove(request: HttpRequest, entry_id: ObjectId) -> Status[None]:
    """Delete one of my entries."""
    person = me(request)
    entry = selectors.entry_get_for_author(person=person, entry_id=entry_id)
    services.entry_delete(actor=person, entry=entry)
    return Status(204, None)


@router.post("/entries/{entry_id}/share", response=EntryOut)
def entry_share(request: HttpRequest, entry_id: ObjectId) -> JournalEntry:
    """Let the other side of the entry's relationship read it, and nobody else
    (422 without a relationship; 409 when the other side is a contact or has not said yes)."""
    person = me(request)
    entry = selectors.entry_get_for_author(person=person, entry_id=entry_id)
    return services.entry_share(actor=person, entry=entry)


@router.post("/entries/{entry_id}/unshare", response=EntryOut)
def entry_unshare(request: HttpRequest, entry_id: ObjectId) -> JournalEntry:
    """Make an entry private again: only I read it."""
    person = me(request)
    entry = selectors.entry_get_for_author(person=person, entry_id=entry_id)
    return services.entry_unshare(actor=person, entry=entry)


@router.get("/shared-with-me", response=Page[SharedEntryOut])
def entry_shared_with_me(
    request: HttpRequest, page: Query[PageQuery], of: Query[SharedFilter]
) -> dict[str, object]:
    """What the other side of a relationship shared with me from their journal, newest first."""
    person = me(request)
    relationship = _relationship(person, of.relationship)
    assert relationship is not None  # the filter requires it
    return page_of(selectors.shared_with(viewer=person, relationship=relationship), page)


class CadenceIn(Input):
    cadence: Cadence = Field(description="how often to be asked (off: only after meetings)")


class CadenceOut(Schema):
    cadence: Cadence
    due: bool = Field(description="a reflection is due by the cadence today")


def _cadence(person: Person) -> dict[str, object]:
    return {
        "cadence": selectors.cadence_of(person=person),
        "due": selectors.journal_due(person=person, today=person_today(person)),
    }


@router.get("/cadence", response=CadenceOut)
def journal_cadence_read(request: HttpRequest) -> dict[str, object]:
    """How often I want to be asked for a reflection, and whether one is due."""
    return _cadence(me(request))


@router.put("/cadence", response=CadenceOut)
def journal_cadence_change(request: HttpRequest, payload: CadenceIn) -> dict[str, object]:
    """Choose how often to be asked for a reflection."""
    person = me(request)
    services.cadence_set(person=person, cadence=payload.cadence)
    return _cadence(person)


class AdviceTried(Schema):
    id: int
    text: str


class GoalMoved(Schema):
    id: int
    title: str


class SuggestionOut(Schema):
    kind: Literal["write", "question", "advice", "mentor", "goal"]
    text: str
    relationship_id: int | None
    advice_id: int | None


class CheckInOut(Schema):
    today: dt.date
    cadence: Cadence
    period_days: int
    starts_on: dt.date = Field(description="the first day looked back over (the last is today)")
    entries: int
    learned: list[str] = Field(description="distinct things learned, oldest first")
    advice_tried: list[AdviceTried]
    goals_moved: list[GoalMoved]
    verdict: Literal["learning", "stalled", "not_enough_yet"]
    summary: str
    facts: list[str]
    suggestions: list[SuggestionOut]


@router.get("/check-in", response=CheckInOut)
def journal_checkin(request: HttpRequest) -> selectors.CheckIn:
    """Am I learning? Looked back over my last two cadence periods, with what to do
    about it when learning has stalled."""
    person = me(request)
    return selectors.checkin(person=person, today=person_today(person))
