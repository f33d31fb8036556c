"""Meetings of my relationships, their agenda and follow-up, and recurring series
(``/api/meetings``).

Both sides of a relationship see and change its meetings. Planning one (or a
series) waits until the other person has accepted the relationship: it reaches
their calendar. A meeting's answer carries the notes on it that I may read
(mine, and the other side's shared ones) and its action items.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Schema, Status
from pydantic import AfterValidator

from tribe.api.action_items import ActionItemOut
from tribe.api.auth import me
from tribe.api.common import (
    ApiRouter,
    Input,
    Moment,
    ObjectId,
    Page,
    PageQuery,
    PersonBrief,
    RowId,
    UtcMoment,
    page_of,
    patched,
)
from tribe.api.notes import NoteOut, counterpart_of
from tribe.core.codes import CoreCode
from tribe.core.errors import ValidationError
from tribe.journal.selectors import learned_for_agenda
from tribe.ledger.prep import agenda_for
from tribe.meetings.models import Meeting, MeetingSeries
from tribe.meetings.recurrence import (
    MAX_OCCURRENCES,
    MAX_RULE_LENGTH,
    normalise_rule,
    repeat_for_cadence,
    repeat_rule,
)
from tribe.meetings.selectors import (
    action_items_for,
    meeting_get_for,
    meetings_for,
    notes_readable_by,
    series_get_for,
)
from tribe.meetings.services import (
    meeting_create,
    meeting_delete,
    meeting_record_follow_up,
    meeting_set_agenda,
    meeting_set_status,
    meeting_update,
    series_create,
)
from tribe.meetings.services import series_cancel as series_cancel_service
from tribe.relationships.selectors import relationship_get_for

router = ApiRouter(tags=["meetings"])

MeetingStatus = Literal["planned", "held", "cancelled"]
#: The simple repeats of a series (``recurrence.REPEATS``), as the pages offer them.
Repeat = Literal["weekly", "biweekly", "4weekly", "monthly"]


def _no_offset(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError(
            gettext("give the time of day without an offset: the series' timezone places it")
        )
    return value


#: A wall-clock time of day; the zone is given beside it.
TimeOfDay = Annotated[dt.time, AfterValidator(_no_offset)]


class MeetingIn(Input):
    relationship: RowId = Field(description="the id of one of my relationships")
    starts_at: Moment
    ends_at: Moment = Field(description="after the start, at most 12 hours later")
    title: str = Field("", max_length=200)
    location: str = Field("", max_length=300, description="a place, or a video-call link")
    timezone: str | None = Field(
        None, max_length=64, description="the IANA zone it is arranged in; default: mine"
    )
    status: MeetingStatus = Field(
        "planned", description="planned (upcoming) or held (past): record one that took place"
    )


class MeetingPatch(Input):
    """Only the fields sent change (a null title or location empties it)."""

    title: str | None = Field(None, max_length=200)
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    location: str | None = Field(None, max_length=300)
    timezone: str | None = Field(None, max_length=64)
    status: MeetingStatus | None = None


class MeetingOut(Schema):
    id: int
    relationship_id: int
    counterpart: PersonBrief = Field(description="the other side of the relationship")
    title: str
    starts_at: UtcMoment
    ends_at: UtcMoment
    timezone: str
    location: str
    status: MeetingStatus
    series_id: int | None
    agenda: str = Field(
        description="the agenda as edited; empty: it is built from your data (…/agenda)"
    )
    follow_up_sent_at: UtcMoment | None
    created_at: UtcMoment
    updated_at: UtcMoment

    @staticmethod
    def resolve_counterpart(obj: Meeting, context: dict[str, Any]) -> dict[str, Any]:
        return counterpart_of(obj.relationship, me(context["request"]))


class MeetingDetailOut(MeetingOut):
    notes: list[NoteOut] = Field(
        description="the notes on it I may read: mine, and the other side's shared ones"
    )
    action_items: list[ActionItemOut]

    @staticmethod
    def resolve_notes(obj: Meeting, context: dict[str, Any]) -> list[Any]:
        readable = notes_readable_by(person=me(context["request"]))
        return list(readable.filter(meeting=obj))

    @staticmethod
    def resolve_action_items(obj: Meeting, context: dict[str, Any]) -> list[Any]:
        return list(action_items_for(person=me(context["request"])).filter(meeting=obj))


class MeetingFilter(Schema):
    relationship: RowId | None = Field(None, description="only the meetings of this relationship")
    since: Moment | None = Field(None, description="only those starting at or after this moment")
    until: Moment | None = Field(None, description="only those starting before this moment")
    when: Literal["upcoming", "past"] | None = Field(
        None, description="upcoming: from now on, soonest first; past: latest first"
    )
    status: MeetingStatus | None = Field(None, description="only the meetings in this state")


class MeetingStatusIn(Input):
    status: MeetingStatus


class MeetingAgendaIn(Input):
    agenda: str = Field(
        max_length=20000, description="Markdown; empty goes back to the agenda built from data"
    )


class MeetingAgendaOut(Schema):
    """The agenda both sides see before the meeting (never any private note)."""

    meeting_id: int
    markdown: str = Field(description="as edited, or built from the relationship's data")
    edited: bool = Field(description="someone edited it (else it is built afresh each time)")


class SeriesIn(Input):
    """A repeat and a count (as the pages offer), or an RFC 5545 ``rrule``, which replaces them."""

    relationship: RowId = Field(description="the id of one of my relationships")
    first_date: dt.date
    start_time: TimeOfDay = Field(description="the wall-clock time in timezone, e.g. 09:00")
    duration_minutes: int = Field(ge=5, le=720)
    timezone: str | None = Field(
        None, max_length=64, description="the meetings stay at start_time in it; default: mine"
    )
    repeat: Repeat | None = Field(
        None, description="default: the one that suits the agreed cadence"
    )
    count: int | None = Field(
        None, ge=1, le=MAX_OCCURRENCES, description="how many meetings (unless rrule is given)"
    )
    rrule: str | None = Field(
        None,
        max_length=MAX_RULE_LENGTH,
        description="e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=10; it must end (COUNT or UNTIL)",
    )
    title: str = Field("", max_length=200)
    location: str = Field("", max_length=300)


class SeriesOut(Schema):
    id: int
    relationship_id: int
    title: str
    location: str
    rrule: str
    first_date: dt.date
    start_time: dt.time
    duration_minutes: int
    timezone: str
    cancelled_at: UtcMoment | None
    meeting_ids: list[int] = Field(description="its meetings, first first")

    @staticmethod
    def resolve_meeting_ids(obj: MeetingSeries) -> list[int]:
        return list(obj.occurrences.order_by("starts_at", "id").values_list("pk", flat=True))


def _agenda(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    person = me(request)
    built = agenda_for(person=person, meeting=meeting, learned=learned_for_agenda(meeting=meeting))
    return {
        "meeting_id": meeting.pk,
        "markdown": built.markdown(zone_name=person.timezone),
        "edited": bool(built.edited),
    }


# Series first: "/series" must not be taken for a meeting's id.


@router.post("/series", response={201: SeriesOut})
def series_add(request: HttpRequest, payload: SeriesIn) -> Status[MeetingSeries]:
    """Plan a recurring meeting: one meeting per occurrence, at most two years of weekly ones."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=payload.relationship)
    if payload.rrule and normalise_rule(payload.rrule):
        rule = payload.rrule
    elif payload.count is None:
        raise ValidationError(CoreCode.REQUIRED, field="count")
    else:
        repeat = payload.repeat or repeat_for_cadence(relationship.cadence_days)
        rule = repeat_rule(repeat=repeat, count=payload.count)
    series = series_create(
        actor=person,
        relationship=relationship,
        first_date=payload.first_date,
        start_time=payload.start_time,
        duration_minutes=payload.duration_minutes,
        rrule=rule,
        timezone=payload.timezone,
        title=payload.title,
        location=payload.location,
    )
    return Status(201, series)


@router.get("/series/{series_id}", response=SeriesOut)
def series_read(request: HttpRequest, series_id: ObjectId) -> MeetingSeries:
    """A recurring meeting of one of my relationships."""
    return series_get_for(person=me(request), series_id=series_id)


@router.post("/series/{series_id}/cancel", response=SeriesOut)
def series_cancel(request: HttpRequest, series_id: ObjectId) -> MeetingSeries:
    """Call off the rest of a series: its meetings to come are cancelled, past ones kept."""
    person = me(request)
    series = series_get_for(person=person, series_id=series_id)
    return series_cancel_service(actor=person, series=series)


@router.get("", response=Page[MeetingOut])
def meeting_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[MeetingFilter]
) -> dict[str, object]:
    """The meetings of my relationships, in order of their start."""
    meetings = meetings_for(
        person=me(request),
        relationship_id=filters.relationship,
        since=filters.since,
        until=filters.until,
        when=filters.when,
    )
    if filters.status is not None:
        meetings = meetings.filter(status=filters.status)
    return page_of(meetings, page)


@router.post("", response={201: MeetingOut})
def meeting_add(request: HttpRequest, payload: MeetingIn) -> Status[Meeting]:
    """Plan a meeting (or record one held); both sides are sent a calendar invitation."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=payload.relationship)
    fields = payload.model_dump(exclude={"relationship"})
    return Status(201, meeting_create(actor=person, relationship=relationship, **fields))


@router.get("/{meeting_id}", response=MeetingDetailOut)
def meeting_read(request: HttpRequest, meeting_id: ObjectId) -> Meeting:
    """A meeting, with the notes on it I may read and its action items."""
    return meeting_get_for(person=me(request), meeting_id=meeting_id)


@router.patch("/{meeting_id}", response=MeetingOut)
def meeting_change(request: HttpRequest, meeting_id: ObjectId, payload: MeetingPatch) -> Meeting:
    """Change the fields sent; the others stay. Calendars are sent the change."""
    person = me(request)
    meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    current = {
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "location": meeting.location,
        "timezone": meeting.timezone,
        "status": meeting.status,
    }
    return meeting_update(actor=person, meeting=meeting, **patched(current, payload))


@router.delete("/{meeting_id}", response={204: None})
def meeting_remove(request: HttpRequest, meeting_id: ObjectId) -> Status[None]:
    """Delete a meeting. Notes on it stay with their authors; calendars are sent a cancel."""
    person = me(request)
    meeting_delete(actor=person, meeting=meeting_get_for(person=person, meeting_id=meeting_id))
    return Status(204, None)


@router.post("/{meeting_id}/status", response=MeetingOut)
def meeting_mark(request: HttpRequest, meeting_id: ObjectId, payload: MeetingStatusIn) -> Meeting:
    """Mark a meeting held or cancelled, or planned again."""
    person = me(request)
    meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    return meeting_set_status(actor=person, meeting=meeting, status=payload.status)


@router.get("/{meeting_id}/agenda", response=MeetingAgendaOut)
def meeting_agenda(request: HttpRequest, meeting_id: ObjectId) -> dict[str, Any]:
    """The agenda, as the meeting's page shows it: purpose, questions, open action
    items, wins, advice to report back on, and what the mentee shared from their journal."""
    return _agenda(request, meeting_get_for(person=me(request), meeting_id=meeting_id))


@router.put("/{meeting_id}/agenda", response=MeetingAgendaOut)
def meeting_agenda_set(
    request: HttpRequest, meeting_id: ObjectId, payload: MeetingAgendaIn
) -> dict[str, Any]:
    """Save an edited agenda (both sides see it); an empty one goes back to the built one."""
    person = me(request)
    meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    return _agenda(
        request, meeting_set_agenda(actor=person, meeting=meeting, agenda=payload.agenda)
    )


@router.post("/{meeting_id}/follow-up", response=MeetingOut)
def meeting_follow_up(request: HttpRequest, meeting_id: ObjectId) -> Meeting:
    """Record that the follow-up went out (thanks, summary, next steps); a planned meeting
    becomes held. Only once the meeting has started, and not for a cancelled one."""
    person = me(request)
    meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    return meeting_record_follow_up(actor=person, meeting=meeting)
