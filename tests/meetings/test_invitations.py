"""Meeting invitations, updates and cancellations by e-mail (iMIP), through a real SMTP server.

What arrives is parsed as a mail client would: the ``text/calendar`` part's
method against the METHOD inside (read back with ``icalendar``), the UID and
SEQUENCE across changes, and the raw bytes for what must never be there.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import parseaddr

import icalendar
import pytest
from django.utils import translation

from tests.factories import ContactFactory, PersonFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tribe.meetings import invitations, services
from tribe.meetings.models import Meeting, MeetingSeries, Note
from tribe.outbox.delivery import deliver_due
from tribe.outbox.models import Message
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _deliver(now: dt.datetime) -> None:
    deliver_due(worker_id="t", now=now)


def _calendar_part(arrived: EmailMessage) -> EmailMessage:
    parts = [p for p in arrived.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    part = parts[0]
    assert isinstance(part, EmailMessage)
    return part


def _calendar(arrived: EmailMessage) -> icalendar.Calendar:
    part = _calendar_part(arrived)
    parsed = icalendar.Calendar.from_ical(part.get_content())
    # What makes a mail client show its buttons: the part's method is the one inside.
    assert part.get_param("method") == str(parsed["METHOD"])
    return parsed


def _event(arrived: EmailMessage) -> icalendar.Event:
    (event,) = _calendar(arrived).walk("VEVENT")
    return event


def _by_recipient(smtp_server: SmtpServer) -> dict[str, EmailMessage]:
    arrived = smtp_server.messages()
    recipients = [m["To"] for m in arrived]
    assert len(recipients) == len(set(recipients)), "one message per person"
    return {m["To"]: m for m in arrived}


def _attendees(event: icalendar.Event) -> dict[str, icalendar.vCalAddress]:
    values = event.get("ATTENDEE", [])
    values = values if isinstance(values, list) else [values]
    return {str(a).removeprefix("mailto:"): a for a in values}


def _text(arrived: EmailMessage) -> str:
    part = arrived.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def _html(arrived: EmailMessage) -> str:
    part = arrived.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def _create(
    relationship: Relationship, actor: Person, now: dt.datetime, **extra: object
) -> Meeting:
    start = now + dt.timedelta(days=7)
    fields: dict[str, object] = {
        "title": "Check-in",
        "location": "https://meet.example.org/abc",
        **extra,
    }
    return services.meeting_create(
        actor=actor,
        relationship=relationship,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        now=now,
        **fields,  # type: ignore[arg-type]
    )


def test_a_new_meeting_sends_each_side_one_request_with_both_as_attendees(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    meeting = _create(maya_ravi, ravi, now)
    _deliver(now)
    mails = _by_recipient(smtp_server)
    assert set(mails) == {"maya@example.com", "ravi@example.com"}

    to_maya = mails["maya@example.com"]
    assert to_maya["Message-ID"].startswith("<") and to_maya["Message-ID"].endswith(">")
    assert parseaddr(to_maya["From"])[0] == "Ravi Menon via Tribe"
    assert to_maya["Reply-To"] == "ravi@example.com"
    assert mails["ravi@example.com"]["Reply-To"] is None  # his own copy
    assert to_maya["Subject"].startswith("Invitation: Check-in with Ravi Menon")
    part = _calendar_part(to_maya)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"

    calendar = _calendar(to_maya)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{meeting.uid}@tribe"
    assert event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "Check-in with Ravi Menon"
    assert str(_event(mails["ravi@example.com"])["SUMMARY"]) == "Check-in with Maya Chen"
    assert str(event["LOCATION"]) == "https://meet.example.org/abc"
    assert str(event["STATUS"]) == "CONFIRMED"
    # A single meeting in UTC: no zone for a client to read wrongly.
    assert event["DTSTART"].dt == meeting.starts_at
    assert event["DTSTART"].dt.utcoffset() == dt.timedelta(0)
    assert "TZID" not in event["DTSTART"].params
    assert event["DTEND"].dt == meeting.ends_at
    assert not calendar.walk("VTIMEZONE")
    assert event["DTSTAMP"].dt == now
    # The mentee organises (a fixed side); Ravi arranged it, Maya is asked to answer.
    assert str(event["ORGANIZER"]) == "mailto:maya@example.com"
    attendees = _attendees(event)
    assert set(attendees) == {"maya@example.com", "ravi@example.com"}
    assert attendees["ravi@example.com"].params["PARTSTAT"] == "ACCEPTED"
    assert attendees["ravi@example.com"].params["RSVP"] == "FALSE"
    assert attendees["maya@example.com"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendees["maya@example.com"].params["RSVP"] == "TRUE"

    link = f"http://localhost:8000/meetings/{meeting.pk}/"
    assert str(event["URL"]) == link
    for body in (_text(to_maya), _html(to_maya)):
        assert link in body
        assert "Ravi Menon" in body
        assert "https://meet.example.org/abc" in body
    assert "Ravi Menon planned a meeting with you." in _text(to_maya)
    assert "You planned this meeting." in _text(mails["ravi@example.com"])
    # Maya's time in her own zone (London, GMT on 17 March).
    assert "Tuesday 17 March 2026, 12:00 (Europe/London)" in _text(to_maya)
    assert "Tuesday 17 March 2026, 17:30 (Asia/Kolkata)" in _text(mails["ravi@example.com"])


def test_an_update_keeps_the_uid_and_raises_the_sequence_then_a_cancel_says_cancelled(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    meeting = _create(maya_ravi, maya, now)
    later = meeting.starts_at + dt.timedelta(days=1)
    services.meeting_update(
        actor=maya,
        meeting=meeting,
        starts_at=later,
        ends_at=later + dt.timedelta(hours=1),
        title="Check-in",
        location="Café Central",
        status=Meeting.Status.PLANNED,
        now=now,
    )
    services.meeting_set_status(
        actor=maya, meeting=meeting, status=Meeting.Status.CANCELLED, now=now
    )
    _deliver(now)
    arrived = [m for m in smtp_server.messages() if m["To"] == "ravi@example.com"]
    assert len(arrived) == 3
    ordered = sorted(arrived, key=lambda m: int(_event(m)["SEQUENCE"]))
    _invite, update, cancel = ordered
    events = [_event(m) for m in ordered]
    assert {str(e["UID"]) for e in events} == {f"{meeting.uid}@tribe"}
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1, 2]
    assert [_calendar_part(m).get_param("method") for m in ordered] == [
        "REQUEST",
        "REQUEST",
        "CANCEL",
    ]
    assert update["Subject"].startswith("Updated: ")
    assert events[1]["DTSTART"].dt == later
    assert str(events[1]["LOCATION"]) == "Café Central"
    assert cancel["Subject"].startswith("Cancelled: ")
    assert _calendar(cancel)["METHOD"] == "CANCEL"
    assert str(events[2]["STATUS"]) == "CANCELLED"
    assert str(events[2]["ORGANIZER"]) == "mailto:maya@example.com"
    assert len({m["Message-ID"] for m in smtp_server.messages()}) == 6


def test_private_notes_and_the_agenda_never_reach_the_mail_or_the_calendar(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    meeting = _create(maya_ravi, maya, now)
    markers = {
        "mayas-private": "MARKER-7f3a-maya-private",
        "ravis-private": "MARKER-9c1e-ravi-private",
        "shared": "MARKER-2b8d-shared",
        "agenda": "MARKER-4e6f-agenda",
    }
    services.note_create(
        author=maya, relationship=maya_ravi, meeting=meeting, body=markers["mayas-private"]
    )
    services.note_create(
        author=ravi, relationship=maya_ravi, meeting=meeting, body=markers["ravis-private"]
    )
    services.note_create(
        author=ravi,
        relationship=maya_ravi,
        meeting=meeting,
        body=markers["shared"],
        visibility=Note.Visibility.SHARED,
    )
    services.meeting_set_agenda(actor=maya, meeting=meeting, agenda=markers["agenda"])
    moved = meeting.starts_at + dt.timedelta(hours=2)
    services.meeting_update(
        actor=ravi,
        meeting=meeting,
        starts_at=moved,
        ends_at=moved + dt.timedelta(hours=1),
        title=meeting.title,
        location=meeting.location,
        status=meeting.status,
        now=now,
    )
    services.meeting_delete(actor=ravi, meeting=meeting, now=now)
    _deliver(now)
    raw = [a.raw for a in smtp_server.handler.arrivals]
    assert len(raw) == 6  # invitation, update, cancellation: to each of them
    for data in raw:
        for marker in markers.values():
            assert marker.encode() not in data
    for row in Message.objects.all():
        for marker in markers.values():
            assert marker not in row.body_text + row.body_html + row.calendar


def test_an_agenda_or_an_unchanged_save_sends_nothing_and_a_past_meeting_none(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    meeting = _create(maya_ravi, maya, now)
    services.meeting_set_agenda(actor=maya, meeting=meeting, agenda="Talk about the plan")
    services.meeting_update(
        actor=maya,
        meeting=meeting,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        title=meeting.title,
        location=meeting.location,
        status=meeting.status,
        now=now,
    )
    held_start = now - dt.timedelta(days=3)
    services.meeting_create(
        actor=maya,
        relationship=maya_ravi,
        starts_at=held_start,
        ends_at=held_start + dt.timedelta(hours=1),
        status=Meeting.Status.HELD,
        now=now,
    )
    assert Message.objects.count() == 2  # the first invitation, one each
    _deliver(now)
    assert len(smtp_server.messages()) == 2


def test_queueing_again_composes_nothing_twice(
    maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    meeting = _create(maya_ravi, maya, now)
    first = {m.pk for m in Message.objects.all()}
    again = invitations.meeting_invitations_queue(actor=maya, meeting=meeting, now=now)
    assert {m.pk for m in again} == first
    assert sorted(Message.objects.values_list("key", flat=True)) == sorted(
        f"meeting:{meeting.pk}:0:REQUEST:{p.pk}" for p in (maya_ravi.mentee, maya_ravi.mentor)
    )
    assert set(Message.objects.values_list("kind", "calendar_method")) == {
        (Message.Kind.MEETING, "REQUEST")
    }


def test_on_commit_the_worker_delivers_and_a_rollback_sends_nothing(
    smtp_server: SmtpServer,
    maya_ravi: Relationship,
    maya: Person,
    now: dt.datetime,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meeting = _create(maya_ravi, maya, now)
    assert len(callbacks) == 1  # one wake-up for both messages
    assert {m["To"] for m in smtp_server.messages()} == {"maya@example.com", "ravi@example.com"}
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}

    class Boom(Exception):
        pass

    from django.db import transaction

    with pytest.raises(Boom), transaction.atomic():
        services.meeting_set_status(
            actor=maya, meeting=meeting, status=Meeting.Status.CANCELLED, now=now
        )
        raise Boom
    assert not Message.objects.filter(calendar_method="CANCEL").exists()


def test_an_unverified_address_gets_no_meeting_mail_the_other_side_does(
    smtp_server: SmtpServer, maya: Person, now: dt.datetime
) -> None:
    unverified = PersonFactory(
        name="Uma Unverified", email="uma@example.com", email_verified_at=None
    )
    relationship = RelationshipFactory(mentee=unverified, mentor=maya)
    _create(relationship, maya, now)
    _deliver(now)
    (arrived,) = smtp_server.messages()
    assert arrived["To"] == "maya@example.com"
    event = _event(arrived)
    assert str(event["ORGANIZER"]) == "mailto:uma@example.com"
    uma = _attendees(event)["uma@example.com"]
    assert uma.params["RSVP"] == "FALSE"  # Tribe did not ask her


def test_a_contact_side_is_an_attendee_but_gets_no_mail(
    smtp_server: SmtpServer, maya: Person, now: dt.datetime
) -> None:
    mentor = ContactFactory(owner=maya, name="Dana Offline", email="dana@example.net")
    relationship = RelationshipFactory(mentee=maya, mentor=None, mentor_contact=mentor)
    _create(relationship, maya, now)
    _deliver(now)
    (arrived,) = smtp_server.messages()
    assert arrived["To"] == "maya@example.com"
    event = _event(arrived)
    assert str(event["SUMMARY"]) == "Check-in with Dana Offline"
    assert set(_attendees(event)) == {"maya@example.com", "dana@example.net"}


def test_the_html_part_escapes_what_people_typed(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    _create(maya_ravi, maya, now, title="<script>alert(1)</script>", location='"><b>x')
    _deliver(now)
    for arrived in smtp_server.messages():
        html = _html(arrived)
        assert "<script>" not in html and "<b>x" not in html
        assert "&lt;script&gt;" in html
        assert "<script>alert(1)</script>" in _text(arrived)  # plain text is not HTML


def test_mail_is_composed_in_the_site_language_not_the_actors(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    with translation.override("de"):
        _create(maya_ravi, maya, now)
    _deliver(now)
    for arrived in smtp_server.messages():
        assert arrived["Subject"].startswith("Invitation: ")


def test_a_zone_that_no_longer_exists_falls_back_to_the_meetings(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    Person.objects.filter(pk=maya_ravi.mentor_id).update(timezone="Mars/Olympus_Mons")
    maya_ravi.refresh_from_db()
    _create(maya_ravi, maya, now, timezone="Europe/Berlin")
    _deliver(now)
    to_ravi = _by_recipient(smtp_server)["ravi@example.com"]
    assert "13:00 (Europe/Berlin)" in _text(to_ravi)


# Series ----------------------------------------------------------------------------------------


def _series(relationship: Relationship, actor: Person, now: dt.datetime) -> MeetingSeries:
    return services.series_create(
        actor=actor,
        relationship=relationship,
        first_date=dt.date(2026, 3, 17),
        start_time=dt.time(17),
        duration_minutes=60,
        rrule="FREQ=WEEKLY;COUNT=4",
        timezone="Europe/Berlin",
        title="Coaching",
        now=now,
    )


def test_a_series_is_one_request_per_person_with_its_rule_in_its_zone(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    series = _series(maya_ravi, maya, now)
    _deliver(now)
    mails = _by_recipient(smtp_server)
    assert set(mails) == {"maya@example.com", "ravi@example.com"}
    calendar = _calendar(mails["ravi@example.com"])
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{series.uid}@tribe"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["COUNT"] == [4]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert "first of 4 meetings" in _text(mails["ravi@example.com"])


def test_moving_one_occurrence_updates_that_one_by_its_recurrence_id(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    series = _series(maya_ravi, maya, now)
    second = series.occurrences.order_by("starts_at")[1]
    moved = second.starts_at + dt.timedelta(hours=1)
    services.meeting_update(
        actor=maya,
        meeting=second,
        starts_at=moved,
        ends_at=moved + dt.timedelta(hours=1),
        title=second.title,
        location=second.location,
        status=second.status,
        now=now,
    )
    _deliver(now)
    updates = [m for m in smtp_server.messages() if m["Subject"].startswith("Updated: ")]
    assert len(updates) == 2
    event = _event(updates[0])
    assert str(event["UID"]) == f"{series.uid}@tribe"
    assert event["RECURRENCE-ID"].dt == second.recurrence_id
    assert event["DTSTART"].dt == moved
    assert event["SEQUENCE"] == 1


def test_cancelling_a_series_not_yet_begun_cancels_it_whole(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    series = _series(maya_ravi, maya, now)
    services.series_cancel(actor=maya, series=series, now=now)
    _deliver(now)
    cancels = [
        m for m in smtp_server.messages() if _calendar_part(m).get_param("method") == "CANCEL"
    ]
    assert {m["To"] for m in cancels} == {"maya@example.com", "ravi@example.com"}
    event = _event(cancels[0])
    assert str(event["UID"]) == f"{series.uid}@tribe"
    assert "RECURRENCE-ID" not in event
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_cancelling_the_rest_of_a_series_cancels_only_the_occurrences_to_come(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    series = _series(maya_ravi, maya, now)
    after_two = now + dt.timedelta(days=15)  # the 17th and 24th have passed
    services.series_cancel(actor=maya, series=series, now=after_two)
    _deliver(after_two)
    cancels = [
        m for m in smtp_server.messages() if _calendar_part(m).get_param("method") == "CANCEL"
    ]
    assert len(cancels) == 2
    events = _calendar(cancels[0]).walk("VEVENT")
    cancelled = series.occurrences.filter(status=Meeting.Status.CANCELLED).order_by("starts_at")
    assert [e["RECURRENCE-ID"].dt for e in events] == [m.recurrence_id for m in cancelled]
    assert len(events) == 2
    assert {str(e["UID"]) for e in events} == {f"{series.uid}@tribe"}
    assert {str(e["STATUS"]) for e in events} == {"CANCELLED"}
    assert [int(e["SEQUENCE"]) for e in events] == [1, 1]
