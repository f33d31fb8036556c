"""The occurrence oracle of the calendar tests, on calendars written by hand."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

from tests.meetings import expand

LONDON = ZoneInfo("Europe/London")


def _calendar(*events: str) -> icalendar.Calendar:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return icalendar.Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body + "END:VCALENDAR\r\n"
    )


def _starts(events: list[icalendar.Event]) -> list[str]:
    return [e.decoded("DTSTART").strftime("%m-%d %H:%M") for e in events]


WEEKLY = """
UID:weekly
DTSTAMP:20260301T000000Z
DTSTART;TZID=Europe/London:20260317T090000
DTEND;TZID=Europe/London:20260317T094500
RRULE:FREQ=WEEKLY;COUNT=5
EXDATE;TZID=Europe/London:20260407T090000
SUMMARY:Weekly
STATUS:CONFIRMED
"""


def test_a_weekly_rule_keeps_local_time_across_summer_time_and_skips_exdates() -> None:
    found = expand.between(_calendar(WEEKLY), dt.date(2026, 3, 1), dt.date(2026, 5, 1))
    assert _starts(found) == ["03-17 09:00", "03-24 09:00", "03-31 09:00", "04-14 09:00"]
    assert [e.decoded("DTSTART").astimezone(dt.UTC).hour for e in found] == [9, 9, 8, 8]
    assert all(e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(minutes=45) for e in found)
    assert [e.decoded("RECURRENCE-ID") for e in found] == [e.decoded("DTSTART") for e in found]
    assert all("RRULE" not in e and "EXDATE" not in e for e in found)
    assert {str(e["SUMMARY"]) for e in found} == {"Weekly"}


def test_an_override_replaces_its_occurrence_even_when_moved_elsewhere() -> None:
    moved = """
UID:weekly
DTSTAMP:20260301T000000Z
RECURRENCE-ID;TZID=Europe/London:20260324T090000
DTSTART;TZID=Europe/London:20260325T150000
DTEND;TZID=Europe/London:20260325T153000
SUMMARY:Moved
SEQUENCE:1
STATUS:CONFIRMED
"""
    cancelled = """
UID:weekly
DTSTAMP:20260301T000000Z
RECURRENCE-ID:20260331T080000Z
DTSTART;TZID=Europe/London:20260331T090000
DTEND;TZID=Europe/London:20260331T094500
SUMMARY:Weekly
STATUS:CANCELLED
"""
    found = expand.between(
        _calendar(WEEKLY, moved, cancelled), dt.date(2026, 3, 1), dt.date(2026, 5, 1)
    )
    assert _starts(found) == ["03-17 09:00", "03-25 15:00", "03-31 09:00", "04-14 09:00"]
    assert [str(e["SUMMARY"]) for e in found] == ["Weekly", "Moved", "Weekly", "Weekly"]
    assert [str(e["STATUS"]) for e in found] == ["CONFIRMED", "CONFIRMED", "CANCELLED", "CONFIRMED"]


def test_the_window_is_half_open_and_counts_events_that_overlap_it() -> None:
    single = """
UID:single
DTSTAMP:20260301T000000Z
DTSTART:20260320T233000Z
DTEND:20260321T003000Z
SUMMARY:Late
"""
    calendar = _calendar(WEEKLY, single)
    # Midnight in London is midnight UTC in March: the late call overlaps both days.
    assert [
        str(e["UID"]) for e in expand.between(calendar, dt.date(2026, 3, 21), dt.date(2026, 3, 22))
    ] == ["single"]
    assert [
        str(e["UID"]) for e in expand.between(calendar, dt.date(2026, 3, 20), dt.date(2026, 3, 21))
    ] == ["single"]
    # The end is excluded; an occurrence already under way at the start is included.
    start = dt.datetime(2026, 3, 17, 9, 30, tzinfo=LONDON)
    end = dt.datetime(2026, 3, 24, 9, 0, tzinfo=LONDON)
    assert _starts(expand.between(_calendar(WEEKLY), start, end)) == ["03-17 09:00"]
    assert expand.between(calendar, dt.date(2026, 3, 10), dt.date(2026, 3, 17)) == []


def test_rdates_add_instances_and_dtstart_is_always_the_first() -> None:
    odd = """
UID:odd
DTSTAMP:20260301T000000Z
DTSTART:20260302T100000Z
DURATION:PT1H
RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20260320T000000Z
RDATE:20260321T100000Z
SUMMARY:Odd
"""
    found = expand.between(_calendar(odd), dt.date(2026, 3, 1), dt.date(2026, 4, 1))
    # A Monday DTSTART, the Wednesdays of the rule, then the extra Saturday.
    assert _starts(found) == [
        "03-02 10:00",
        "03-04 10:00",
        "03-11 10:00",
        "03-18 10:00",
        "03-21 10:00",
    ]
    assert {e.decoded("DTEND") - e.decoded("DTSTART") for e in found} == {dt.timedelta(hours=1)}
