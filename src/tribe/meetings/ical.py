"""iCalendar (RFC 5545) and iTIP (RFC 5546) documents, built with ``icalendar``.

One meeting is one VEVENT with a stable UID and a SEQUENCE that grows with
every change, so calendar clients update the event in place rather than
adding a copy. A series is one VEVENT with an RRULE in its own zone; a
changed or cancelled occurrence is a VEVENT with the series' UID and a
RECURRENCE-ID. Times carry a TZID and the matching VTIMEZONE is included.

Feeds carry titles and times only: never note text, agendas or purposes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from tribe.meetings.models import Meeting, MeetingSeries
from tribe.meetings.recurrence import normalise_rule

__all__ = [
    "PRODID",
    "Attendee",
    "calendar_bytes",
    "feed",
    "invitation",
    "meeting_event",
    "series_event",
]

PRODID = "-//Tribe//Tribe mentorship//EN"
UID_DOMAIN = "tribe"
METHODS = ("PUBLISH", "REQUEST", "CANCEL")


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str


def _uid(value: object) -> str:
    return f"{value}@{UID_DOMAIN}"


def _address(person: Attendee) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = person.name
    return address


def _people(
    event: icalendar.Event, organizer: Attendee | None, attendees: Sequence[Attendee]
) -> None:
    if organizer is not None and organizer.email:
        event.add("organizer", _address(organizer))
    for person in attendees:
        if not person.email:
            continue
        address = _address(person)
        address.params["ROLE"] = "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
        event.add("attendee", address)


def meeting_event(
    meeting: Meeting,
    *,
    summary: str,
    stamp: dt.datetime,
    organizer: Attendee | None = None,
    attendees: Sequence[Attendee] = (),
    cancelled: bool = False,
) -> icalendar.Event:
    zone = ZoneInfo(meeting.timezone)
    event = icalendar.Event()
    if meeting.series_id is not None and meeting.recurrence_id is not None:
        event.add("uid", _uid(meeting.series.uid))  # type: ignore[union-attr]
        event.add("recurrence-id", meeting.recurrence_id.astimezone(zone))
    else:
        event.add("uid", _uid(meeting.uid))
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", summary)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("sequence", meeting.sequence)
    gone = cancelled or meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if gone else "CONFIRMED")
    _people(event, organizer, attendees)
    return event


def series_event(
    series: MeetingSeries,
    *,
    summary: str,
    stamp: dt.datetime,
    organizer: Attendee | None = None,
    attendees: Sequence[Attendee] = (),
    cancelled: bool = False,
) -> icalendar.Event:
    zone = ZoneInfo(series.timezone)
    start = dt.datetime.combine(series.first_date, series.start_time, tzinfo=zone)
    event = icalendar.Event()
    event.add("uid", _uid(series.uid))
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=series.duration_minutes))
    event.add("rrule", icalendar.vRecur.from_ical(normalise_rule(series.rrule)))
    event.add("summary", summary)
    if series.location:
        event.add("location", series.location)
    event.add("sequence", series.sequence)
    event.add("status", "CANCELLED" if cancelled or series.cancelled_at else "CONFIRMED")
    _people(event, organizer, attendees)
    return event


def calendar_bytes(
    events: Iterable[icalendar.Event], *, method: str | None = None, name: str = ""
) -> bytes:
    """A VCALENDAR holding ``events`` and every VTIMEZONE they need."""
    if method is not None and method not in METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def invitation(event: icalendar.Event, *, method: str) -> bytes:
    """An iTIP message: REQUEST for a new or changed meeting, CANCEL to call it off."""
    return calendar_bytes([event], method=method)


def feed(events: Iterable[icalendar.Event], *, name: str) -> bytes:
    return calendar_bytes(events, method="PUBLISH", name=name)
