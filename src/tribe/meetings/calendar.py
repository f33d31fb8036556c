"""Calendar documents for people: invitations for one meeting, and the private feed.

Reads (like selectors), with one write beside them: :func:`feed_fetch_record`
notes when a calendar last read a feed, so the feed's page can say so. The
iCalendar encoding itself is in :mod:`tribe.meetings.ical`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.meetings import ical
from tribe.meetings.errors import MeetingCode
from tribe.meetings.models import CalendarFeed, Meeting, MeetingSeries
from tribe.meetings.services import feed_token_hash
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship

#: An event's title in a calendar, and the title of an event its meeting left untitled.
SUMMARY = gettext_noop("{title} with {name}")
UNTITLED = gettext_noop("Mentoring")


def _attendee(side: object) -> ical.Attendee | None:
    email = getattr(side, "email", "")
    return ical.Attendee(name=str(side), email=email) if side is not None and email else None


def _sides(relationship: Relationship) -> list[ical.Attendee]:
    people = [
        _attendee(relationship.mentee or relationship.mentee_contact),
        _attendee(relationship.mentor or relationship.mentor_contact),
    ]
    return [p for p in people if p is not None]


def summary_for(title: str, relationship: Relationship, person: Person) -> str:
    return gettext(SUMMARY).format(
        title=title or gettext(UNTITLED), name=relationship.other_name(person)
    )


def meeting_ics(
    *, person: Person, meeting: Meeting, method: str = "REQUEST", now: dt.datetime | None = None
) -> bytes:
    """An iTIP message for one meeting: REQUEST (new or changed) or CANCEL."""
    relationship = meeting.relationship
    organizer = ical.Attendee(name=person.name, email=person.email)
    attendees = [a for a in _sides(relationship) if a.email != person.email]
    event = ical.meeting_event(
        meeting,
        summary=summary_for(meeting.title, relationship, person),
        stamp=clock.resolve(now),
        organizer=organizer,
        attendees=attendees,
        cancelled=method == "CANCEL",
    )
    return ical.invitation(event, method=method)


def series_ics(
    *,
    person: Person,
    series: MeetingSeries,
    method: str = "REQUEST",
    now: dt.datetime | None = None,
) -> bytes:
    relationship = series.relationship
    event = ical.series_event(
        series,
        summary=summary_for(series.title, relationship, person),
        stamp=clock.resolve(now),
        organizer=ical.Attendee(name=person.name, email=person.email),
        attendees=[a for a in _sides(relationship) if a.email != person.email],
        cancelled=method == "CANCEL",
    )
    return ical.invitation(event, method=method)


def feed_get_by_token(*, token: str) -> CalendarFeed:
    """The live feed with this token, its person loaded; NotFound for an unknown or revoked one."""
    try:
        return CalendarFeed.objects.select_related("person").get(
            token_hash=feed_token_hash(token), revoked_at__isnull=True, person__is_active=True
        )
    except CalendarFeed.DoesNotExist as exc:
        raise NotFound(MeetingCode.NO_FEED) from exc


@transaction.atomic
def feed_fetch_record(*, feed: CalendarFeed, now: dt.datetime | None = None) -> None:
    """Note that a calendar read ``feed`` at ``now``.

    No actor: whoever holds the address reads the feed, without signing in. One
    UPDATE of the one column, so a fetch never undoes a concurrent revocation.
    """
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=clock.resolve(now))


def feed_ics(*, person: Person, now: dt.datetime | None = None) -> bytes:
    """Every meeting of ``person``: titles and times only, never notes or agendas.

    A series is one event with its RRULE; an occurrence that was moved or
    cancelled is added as an override with the series' UID and a RECURRENCE-ID.
    """
    stamp = clock.resolve(now)
    sides = ("mentee", "mentor", "mentee_contact", "mentor_contact")
    mine = consent.consented_q(person, "relationship__")
    events = []
    for series in MeetingSeries.objects.filter(mine).select_related(
        *(f"relationship__{s}" for s in sides)
    ):
        events.append(
            ical.series_event(
                series, summary=summary_for(series.title, series.relationship, person), stamp=stamp
            )
        )
    meetings = Meeting.objects.filter(mine).select_related(
        "series", *(f"relationship__{s}" for s in sides)
    )
    for meeting in meetings:
        if meeting.series_id is not None and not _differs_from_series(meeting):
            continue
        events.append(
            ical.meeting_event(
                meeting,
                summary=summary_for(meeting.title, meeting.relationship, person),
                stamp=stamp,
            )
        )
    return ical.feed(events, name=f"Tribe — {person.name}")


def _differs_from_series(meeting: Meeting) -> bool:
    return (
        meeting.status == Meeting.Status.CANCELLED
        or meeting.recurrence_id != meeting.starts_at
        or meeting.sequence > 0
    )
