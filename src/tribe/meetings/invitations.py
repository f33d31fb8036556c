"""Meeting invitations, updates and cancellations by e-mail: iMIP (RFC 6047).

The meetings services call these functions inside their transaction, so the
messages are outbox rows written with the change itself: a rollback queues
nothing, and the worker that sends them is woken once the change commits
(``message_queue``). Each message carries a ``text/calendar; method=…`` part
whose METHOD matches the one inside, so mail clients show their accept and
decline buttons and update the event in place (same UID, higher SEQUENCE).

Choices made here, and why:

- **Who gets mail.** Each side of the relationship that is an active account
  with a verified address, one message each. A side that is only a contact
  gets nothing from Tribe (they never signed up to it); they are listed as an
  attendee in the account holder's invitation, so that person's own calendar
  can invite them. An account whose address is not verified gets no meeting
  mail either: until it is verified, the address does not prove who is
  behind the account (the rule Tribe applies to requests), and an invitation
  names the other person and the meeting's place, which may be a private
  video link. They still see the meeting in Tribe, can download its ``.ics``
  and subscribe to their calendar feed.
- **Organizer.** The mentee, who owns the logistics of a relationship (the
  mentor when the mentee is only a contact). RFC 5546 wants the organizer of
  an event to stay the same across its updates, and either side may edit a
  meeting, so it is a fixed side rather than whoever made the last change.
  The person who made the change is ``PARTSTAT=ACCEPTED`` (they arranged it);
  the other account is ``NEEDS-ACTION`` with ``RSVP=TRUE``.
- **Times.** A single meeting's DTSTART and DTEND are in UTC (no VTIMEZONE a
  client could read wrongly). A series and its occurrences keep their zone
  (TZID): an RRULE expanded in UTC would drift by an hour at each
  daylight-saving change, and an occurrence's RECURRENCE-ID must take the
  series' form.
- **When.** A REQUEST for a planned meeting that has not ended, when it is
  created and when its time, place, title or status changes; a CANCEL when a
  planned meeting that has not ended is cancelled or deleted. Nothing for a
  meeting logged after the fact, nor for changes a calendar would not show
  (agenda, notes, follow-up).
- **What.** The title, the time (in the recipient's zone in the text), the
  place, the other person's name and a link to the meeting page. Never the
  agenda, notes or anything else of the relationship.
- **Language.** Tribe keeps no per-person language for mail yet, so every
  message is composed in ``settings.LANGUAGE_CODE`` (see ``_language``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_noop, ngettext, override

from tribe.core.errors import ValidationError
from tribe.meetings import ical
from tribe.meetings.models import Meeting, MeetingSeries
from tribe.outbox.delivery import sender_on_behalf
from tribe.outbox.models import Message
from tribe.outbox.services import message_queue
from tribe.people.models import Contact, Person
from tribe.relationships.models import Relationship

__all__ = [
    "Snapshot",
    "meeting_cancellation_queue",
    "meeting_invitations_queue",
    "series_cancellation_queue",
    "series_invitations_queue",
    "snapshot",
]

logger = logging.getLogger("tribe.meetings")

REQUEST = "REQUEST"
CANCEL = "CANCEL"

#: The same texts as the calendar feed's (``calendar.SUMMARY``), one translation.
SUMMARY = gettext_noop("{title} with {name}")
UNTITLED = gettext_noop("Mentoring")


class Snapshot(NamedTuple):
    """What a calendar shows of a meeting: a change to any of it is worth a mail."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    location: str
    status: str
    timezone: str


def snapshot(meeting: Meeting) -> Snapshot:
    return Snapshot(
        meeting.starts_at,
        meeting.ends_at,
        meeting.title,
        meeting.location,
        meeting.status,
        meeting.timezone,
    )


@dataclass(frozen=True)
class _Side:
    person: Person | None
    contact: Contact | None

    @property
    def name(self) -> str:
        return str(self.person or self.contact or "")

    @property
    def email(self) -> str:
        side = self.person or self.contact
        return side.email if side is not None else ""

    @property
    def mailable(self) -> bool:
        person = self.person
        return (
            person is not None
            and person.is_active
            and person.email_verified_at is not None
            and bool(person.email)
        )


def _sides(relationship: Relationship) -> tuple[_Side, _Side]:
    """The mentee's side, then the mentor's."""
    return (
        _Side(relationship.mentee, relationship.mentee_contact),
        _Side(relationship.mentor, relationship.mentor_contact),
    )


def _organizer(sides: Sequence[_Side]) -> ical.Attendee:
    side = next(s for s in sides if s.person is not None)  # a relationship has an account side
    return ical.Attendee(name=side.name, email=side.email)


def _add_attendees(event: icalendar.Event, sides: Sequence[_Side], actor: Person) -> None:
    for side in sides:
        if not side.email:
            continue
        address = icalendar.vCalAddress(f"mailto:{side.email}")
        address.params["CN"] = side.name
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = "REQ-PARTICIPANT"
        acted = side.person is not None and side.person.pk == actor.pk
        address.params["PARTSTAT"] = "ACCEPTED" if acted else "NEEDS-ACTION"
        # Tribe asks for an answer only from an account it mails.
        address.params["RSVP"] = "TRUE" if side.mailable and not acted else "FALSE"
        event.add("attendee", address)


def _language(person: Person) -> str:
    """The language of ``person``'s mail: the site's, until people can choose one."""
    return str(settings.LANGUAGE_CODE)


def _zone(name: str, fallback: str) -> ZoneInfo:
    for candidate in (name, fallback, "UTC"):
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC")


def _link(meeting_id: int) -> str:
    """The meeting's page, absolute: the configured site address, as in every mail."""
    base = settings.TRIBE_BASE_URL or "http://localhost:8000"
    return base.rstrip("/") + reverse("web:meeting", args=[meeting_id])


def _summary(title: str, other: _Side) -> str:
    return gettext(SUMMARY).format(title=title or gettext(UNTITLED), name=other.name)


@dataclass(frozen=True)
class _Mail:
    """One recipient's message, before the calendar part is attached."""

    recipient: Person
    subject: str
    text: str
    html: str


def _compose(
    *,
    recipient: Person,
    other: _Side,
    actor: Person,
    method: str,
    updated: bool,
    title: str,
    starts_at: dt.datetime,
    zone_name: str,
    location: str,
    link: str,
    occurrences: int = 0,
) -> _Mail:
    """Subject and bodies in the current language; the caller chose it."""
    zone = _zone(recipient.timezone, zone_name)
    when = date_format(starts_at.astimezone(zone), "PADDED_LONG_DATETIME_FORMAT")
    summary = _summary(title, other)
    own = actor.pk == recipient.pk  # their own copy: "you", not their name
    if method == CANCEL:
        subject = gettext("Cancelled: {summary}, {when}")
        intro = (
            gettext("You cancelled this meeting.")
            if own
            else gettext("{actor} cancelled this meeting.")
        )
    elif updated:
        subject = gettext("Updated: {summary}, {when}")
        intro = (
            gettext("You changed this meeting.")
            if own
            else gettext("{actor} changed this meeting.")
        )
    else:
        subject = gettext("Invitation: {summary}, {when}")
        intro = (
            gettext("You planned this meeting.")
            if own
            else gettext("{actor} planned a meeting with you.")
        )
    context = {
        "name": recipient.get_short_name(),
        "intro": intro.format(actor=actor.name),
        "summary": summary,
        "when": when,
        "zone": str(zone),
        "location": location,
        "location_is_link": location.startswith(("https://", "http://")),
        "other": other.name,
        "link": link,
        "repeats": (
            ngettext(
                "This is the first of {count} meetings; your calendar shows them all.",
                "This is the first of {count} meetings; your calendar shows them all.",
                occurrences,
            ).format(count=occurrences)
            if occurrences > 1
            else ""
        ),
        "cancelled": method == CANCEL,
        "lang": get_language() or settings.LANGUAGE_CODE,
    }
    return _Mail(
        recipient=recipient,
        subject=subject.format(summary=summary, when=when),
        text=render_to_string("meetings/mail/invitation.txt", context),
        html=render_to_string("meetings/mail/invitation.html", context),
    )


def _queue(
    *,
    mail: _Mail,
    key: str,
    actor: Person,
    method: str,
    events: Sequence[icalendar.Event],
    now: dt.datetime,
) -> Message | None:
    calendar = ical.calendar_bytes(events, method=method).decode()
    acted = actor.pk == mail.recipient.pk
    try:
        return message_queue(
            key=key,
            kind=Message.Kind.MEETING,
            person_id=mail.recipient.pk,
            to=mail.recipient.email,
            subject=mail.subject,
            body_text=mail.text,
            body_html=mail.html,
            from_email=sender_on_behalf(actor.name),
            reply_to="" if acted else actor.email,
            calendar=calendar,
            calendar_method=method,
            now=now,
        )
    except ValidationError as exc:
        # An address the outbox will not take must not undo the meeting: the
        # meeting is saved, and the person still finds it in Tribe.
        logger.warning("meeting mail %s not queued: %s", key, exc)
        return None


def _recipients(sides: Sequence[_Side]) -> list[tuple[Person, _Side]]:
    mentee, mentor = sides
    pairs = [(mentee, mentor), (mentor, mentee)]
    return [(me.person, other) for me, other in pairs if me.mailable and me.person is not None]


def _meeting_event(
    meeting: Meeting,
    *,
    summary: str,
    sides: Sequence[_Side],
    actor: Person,
    link: str,
    cancelled: bool,
    now: dt.datetime,
) -> icalendar.Event:
    event = ical.meeting_event(
        meeting, summary=summary, stamp=now, organizer=_organizer(sides), cancelled=cancelled
    )
    if meeting.series_id is None:
        for name, moment in (("dtstart", meeting.starts_at), ("dtend", meeting.ends_at)):
            event.pop(name)
            event.add(name, moment.astimezone(dt.UTC))
    _add_attendees(event, sides, actor)
    event.add("url", link)
    event.add("description", gettext("The meeting in Tribe: {link}").format(link=link))
    return event


def _send_meeting(
    *, meeting: Meeting, actor: Person, method: str, now: dt.datetime
) -> list[Message]:
    sides = _sides(meeting.relationship)
    link = _link(meeting.pk)
    queued = []
    for recipient, other in _recipients(sides):
        with override(_language(recipient)):
            mail = _compose(
                recipient=recipient,
                other=other,
                actor=actor,
                method=method,
                updated=meeting.sequence > 0,
                title=meeting.title,
                starts_at=meeting.starts_at,
                zone_name=meeting.timezone,
                location=meeting.location,
                link=link,
            )
            event = _meeting_event(
                meeting,
                summary=_summary(meeting.title, other),
                sides=sides,
                actor=actor,
                link=link,
                cancelled=method == CANCEL,
                now=now,
            )
        key = f"meeting:{meeting.pk}:{meeting.sequence}:{method}:{recipient.pk}"
        message = _queue(mail=mail, key=key, actor=actor, method=method, events=[event], now=now)
        if message is not None:
            queued.append(message)
    return queued


def _upcoming(status: str, ends_at: dt.datetime, now: dt.datetime) -> bool:
    return status == Meeting.Status.PLANNED and ends_at > now


def meeting_invitations_queue(
    *, actor: Person, meeting: Meeting, was: Snapshot | None = None, now: dt.datetime
) -> list[Message]:
    """Mail both people what ``actor`` just did to ``meeting`` (``was``: before the change).

    ``was`` is None for a meeting just created. A REQUEST when the meeting is
    planned and not over; a CANCEL when it was and is now cancelled; nothing
    when nothing a calendar shows changed.
    """
    if was is not None and snapshot(meeting) == was:
        return []
    if _upcoming(meeting.status, meeting.ends_at, now):
        return _send_meeting(meeting=meeting, actor=actor, method=REQUEST, now=now)
    if (
        was is not None
        and meeting.status == Meeting.Status.CANCELLED
        and _upcoming(was.status, was.ends_at, now)
    ):
        return _send_meeting(meeting=meeting, actor=actor, method=CANCEL, now=now)
    return []


def meeting_cancellation_queue(
    *, actor: Person, meeting: Meeting, now: dt.datetime
) -> list[Message]:
    """Before ``meeting`` is deleted: a CANCEL, if people's calendars hold it as upcoming."""
    if not _upcoming(meeting.status, meeting.ends_at, now):
        return []
    meeting.sequence += 1  # a CANCEL supersedes the last REQUEST; the row is going anyway
    return _send_meeting(meeting=meeting, actor=actor, method=CANCEL, now=now)


def _send_series(
    *,
    series: MeetingSeries,
    actor: Person,
    method: str,
    occurrences: Sequence[Meeting],
    whole: bool,
    now: dt.datetime,
) -> list[Message]:
    """One message per person for the series (``whole``) or for ``occurrences`` of it."""
    sides = _sides(series.relationship)
    first = occurrences[0]
    link = _link(first.pk)
    queued = []
    for recipient, other in _recipients(sides):
        with override(_language(recipient)):
            mail = _compose(
                recipient=recipient,
                other=other,
                actor=actor,
                method=method,
                updated=series.sequence > 0 and method != CANCEL,
                title=series.title,
                starts_at=first.starts_at,
                zone_name=series.timezone,
                location=series.location,
                link=link,
                occurrences=len(occurrences) if whole and method == REQUEST else 0,
            )
            summary = _summary(series.title, other)
            if whole:
                event = ical.series_event(
                    series,
                    summary=summary,
                    stamp=now,
                    organizer=_organizer(sides),
                    cancelled=method == CANCEL,
                )
                _add_attendees(event, sides, actor)
                event.add("url", link)
                event.add("description", gettext("The meeting in Tribe: {link}").format(link=link))
                events = [event]
            else:
                events = [
                    _meeting_event(
                        occurrence,
                        summary=summary,
                        sides=sides,
                        actor=actor,
                        link=_link(occurrence.pk),
                        cancelled=True,
                        now=now,
                    )
                    for occurrence in occurrences
                ]
        key = f"series:{series.pk}:{series.sequence}:{method}:{recipient.pk}"
        message = _queue(mail=mail, key=key, actor=actor, method=method, events=events, now=now)
        if message is not None:
            queued.append(message)
    return queued


def series_invitations_queue(
    *, actor: Person, series: MeetingSeries, now: dt.datetime
) -> list[Message]:
    """A new series: one REQUEST per person carrying the RRULE, not one per occurrence."""
    occurrences = list(series.occurrences.order_by("starts_at"))
    if not occurrences:
        return []
    return _send_series(
        series=series,
        actor=actor,
        method=REQUEST,
        occurrences=occurrences,
        whole=True,
        now=now,
    )


def series_cancellation_queue(
    *, actor: Person, series: MeetingSeries, cancelled: Sequence[Meeting], now: dt.datetime
) -> list[Message]:
    """The rest of a series called off: ``cancelled`` are the occurrences it cancelled.

    When none of the series had begun, the whole series is cancelled (one
    VEVENT, its UID, STATUS:CANCELLED); otherwise the past occurrences stay in
    people's calendars and the CANCEL names each cancelled occurrence by its
    RECURRENCE-ID.
    """
    if not cancelled:
        return []
    ordered = sorted(cancelled, key=lambda m: m.starts_at)
    begun = series.occurrences.filter(starts_at__lt=now).exists()
    return _send_series(
        series=series,
        actor=actor,
        method=CANCEL,
        occurrences=ordered,
        whole=not begun,
        now=now,
    )
