"""iCalendar output, parsed back by ``icalendar`` and expanded by ``tests.meetings.expand``."""

import datetime as dt

import icalendar
import pytest

from tests.factories import MeetingFactory, NoteFactory
from tests.meetings import expand
from tribe.core.errors import NotFound
from tribe.meetings import calendar, services
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_invitation_is_an_itip_request_with_stable_uid_and_timezone(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    start = dt.datetime(2026, 3, 17, 9, 0, tzinfo=dt.UTC)
    meeting = services.meeting_create(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        title="Check-in",
        location="Video",
        now=now,
    )
    data = calendar.meeting_ics(person=maya_ravi.mentee, meeting=meeting, now=now)
    parsed = icalendar.Calendar.from_ical(data)
    assert parsed["METHOD"] == "REQUEST"
    (event,) = _events(data)
    assert str(event["UID"]) == f"{meeting.uid}@tribe"
    assert event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "Check-in with Ravi Menon"
    assert event["DTSTART"].dt == start
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/London"]
    attendees = event["ATTENDEE"] if isinstance(event["ATTENDEE"], list) else [event["ATTENDEE"]]
    assert [str(a) for a in attendees] == ["mailto:ravi@example.com"]
    assert str(event["ORGANIZER"]) == "mailto:maya@example.com"


def test_update_keeps_the_uid_and_bumps_sequence_and_cancel_says_so(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    meeting = MeetingFactory(
        relationship=maya_ravi,
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=1),
    )
    first = _events(calendar.meeting_ics(person=maya_ravi.mentee, meeting=meeting, now=now))[0]
    services.meeting_update(
        actor=maya_ravi.mentee,
        meeting=meeting,
        starts_at=meeting.starts_at + dt.timedelta(hours=2),
        ends_at=meeting.ends_at + dt.timedelta(hours=2),
        title="Moved",
        location="",
        status="planned",
        now=now,
    )
    second = _events(calendar.meeting_ics(person=maya_ravi.mentee, meeting=meeting, now=now))[0]
    assert second["UID"] == first["UID"] and second["SEQUENCE"] == 1
    cancel_data = calendar.meeting_ics(
        person=maya_ravi.mentee, meeting=meeting, method="CANCEL", now=now
    )
    assert icalendar.Calendar.from_ical(cancel_data)["METHOD"] == "CANCEL"
    assert _events(cancel_data)[0]["STATUS"] == "CANCELLED"


def test_series_expands_at_the_same_wall_clock_across_dst(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    series = services.series_create(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        first_date=dt.date(2026, 3, 17),
        start_time=dt.time(9),
        duration_minutes=45,
        rrule="FREQ=WEEKLY;COUNT=4",
        timezone="Europe/London",
        title="Weekly",
        now=now,
    )
    assert Meeting.objects.filter(series=series).count() == 4
    data = calendar.series_ics(person=maya_ravi.mentee, series=series, now=now)
    parsed = icalendar.Calendar.from_ical(data)
    occurrences = expand.between(parsed, dt.date(2026, 3, 1), dt.date(2026, 5, 1))
    local = [o["DTSTART"].dt for o in occurrences]
    assert [d.strftime("%m-%d %H:%M") for d in local] == [
        "03-17 09:00",
        "03-24 09:00",
        "03-31 09:00",
        "04-07 09:00",
    ]
    assert [d.astimezone(dt.UTC).hour for d in local] == [9, 9, 8, 8]


def test_series_refuses_unbounded_and_past_rules_writing_nothing(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    from tribe.core.errors import ValidationError

    for rule, first in (
        ("FREQ=DAILY", dt.date(2026, 4, 1)),
        ("FREQ=WEEKLY;COUNT=2", dt.date(2026, 1, 1)),
    ):
        with pytest.raises(ValidationError):
            services.series_create(
                actor=maya_ravi.mentee,
                relationship=maya_ravi,
                first_date=first,
                start_time=dt.time(9),
                duration_minutes=30,
                rrule=rule,
                now=now,
            )
    assert not Meeting.objects.exists()


def test_feed_has_titles_and_times_never_notes(maya_ravi: Relationship, now: dt.datetime) -> None:
    meeting = MeetingFactory(relationship=maya_ravi, title="Career chat")
    NoteFactory(
        relationship=maya_ravi, meeting=meeting, body="SECRET NOTE TEXT", visibility="shared"
    )
    services.meeting_set_agenda(actor=maya_ravi.mentee, meeting=meeting, agenda="SECRET AGENDA")
    series = services.series_create(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        first_date=dt.date(2026, 4, 7),
        start_time=dt.time(9),
        duration_minutes=45,
        rrule="FREQ=WEEKLY;COUNT=3",
        now=now,
    )
    cancelled = Meeting.objects.filter(series=series).order_by("starts_at")[1]
    services.meeting_set_status(
        actor=maya_ravi.mentee, meeting=cancelled, status="cancelled", now=now
    )
    data = calendar.feed_ics(person=maya_ravi.mentor, now=now)
    assert b"SECRET" not in data
    parsed = icalendar.Calendar.from_ical(data)
    assert parsed["METHOD"] == "PUBLISH"
    summaries = {str(e["SUMMARY"]) for e in parsed.walk("VEVENT")}
    assert "Career chat with Maya Chen" in summaries
    occurrences = expand.between(parsed, dt.date(2026, 4, 1), dt.date(2026, 5, 1))
    ours = [o for o in occurrences if str(o["UID"]) == f"{series.uid}@tribe"]
    assert [str(o["STATUS"]) for o in ours] == ["CONFIRMED", "CANCELLED", "CONFIRMED"]
    assert ours[1]["DTSTART"].dt == cancelled.starts_at


def test_feed_tokens_rotate_and_revoke(maya: Person, now: dt.datetime) -> None:
    token = services.feed_rotate(person=maya, now=now)
    assert calendar.feed_get_by_token(token=token).person == maya
    newer = services.feed_rotate(person=maya, now=now)
    with pytest.raises(NotFound):
        calendar.feed_get_by_token(token=token)
    assert calendar.feed_get_by_token(token=newer).person == maya
    services.feed_revoke(person=maya, now=now)
    with pytest.raises(NotFound):
        calendar.feed_get_by_token(token=newer)
    with pytest.raises(NotFound):
        calendar.feed_get_by_token(token="guess")
    assert all(
        len(f.token_hash) == 64 and newer not in f.token_hash for f in maya.calendar_feeds.all()
    )


def test_finding_a_feed_only_reads_and_the_fetch_is_recorded_apart(
    maya: Person, now: dt.datetime
) -> None:
    token = services.feed_rotate(person=maya, now=now)

    feed = calendar.feed_get_by_token(token=token)
    feed.refresh_from_db()
    assert feed.last_fetched_at is None

    later = now + dt.timedelta(hours=3)
    calendar.feed_fetch_record(feed=feed, now=later)
    feed.refresh_from_db()
    assert feed.last_fetched_at == later
