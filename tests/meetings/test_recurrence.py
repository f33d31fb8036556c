import datetime as dt
import itertools
import time

import pytest

from tribe.core.codes import CoreCode
from tribe.core.errors import ValidationError
from tribe.meetings import recurrence
from tribe.meetings.errors import MeetingCode


def _expand(rule: str, **kw: object) -> list[dt.datetime]:
    args = {
        "rule": rule,
        "first_date": dt.date(2026, 3, 17),
        "start_time": dt.time(9),
        "timezone": "Europe/London",
    } | kw
    return recurrence.expand(**args)  # type: ignore[arg-type]


def test_weekly_series_keeps_wall_clock_time_across_dst() -> None:
    starts = _expand("RRULE:FREQ=WEEKLY;COUNT=4")
    assert [s.strftime("%d %H:%M") for s in starts] == [
        "17 09:00",
        "24 09:00",
        "31 09:00",
        "07 09:00",
    ]
    utc = [s.astimezone(dt.UTC).hour for s in starts]
    assert utc == [9, 9, 8, 8]  # the UK moved its clocks on 29 March


def test_until_bounds_a_rule() -> None:
    assert len(_expand("FREQ=WEEKLY;INTERVAL=2;UNTIL=20260501T000000")) == 4


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=WEEKLY", MeetingCode.UNBOUNDED.template.format(limit=recurrence.MAX_OCCURRENCES)),
        ("FREQ=HOURLY;COUNT=3", MeetingCode.TOO_FREQUENT.template),
        ("FREQ=MINUTELY;COUNT=3", MeetingCode.TOO_FREQUENT.template),
        (
            "FREQ=DAILY;COUNT=5000",
            MeetingCode.TOO_MANY.template.format(limit=recurrence.MAX_OCCURRENCES),
        ),
        (
            "FREQ=DAILY;UNTIL=99991231T000000",
            MeetingCode.TOO_MANY.template.format(limit=recurrence.MAX_OCCURRENCES),
        ),
        ("FREQ=WEEKLY;UNTIL=20260101T000000", MeetingCode.EMPTY.template),
        ("every tuesday", MeetingCode.INVALID_RULE.template.format(rule="every tuesday")),
        (
            "FREQ=FORTNIGHTLY;COUNT=2",
            MeetingCode.INVALID_RULE.template.format(rule="FREQ=FORTNIGHTLY;COUNT=2"),
        ),
        ("", MeetingCode.INVALID_RULE.template.format(rule="")),
    ],
)
def test_bad_rules_are_refused_naming_the_field(rule: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _expand(rule)
    assert exc.value.field == "rrule"
    assert exc.value.message == message


# -- bounds: real frequency, column length, and work ------------------------------


def _refused(rule: str, **kw: object) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        _expand(rule, **kw)
    assert exc.value.field in ("rrule", "first_date")
    return exc.value


def test_a_rule_that_can_never_match_is_refused_at_once() -> None:
    """dateutil would search every day up to the year 9999 (seconds of CPU) for it."""
    started = time.process_time()
    error = _refused("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1")
    spent = time.process_time() - started
    assert spent < 0.5, f"{spent:.2f} s of CPU"  # a bound, not a benchmark
    assert error.field == "rrule"
    assert error.message == MeetingCode.NEVER.template.format(parts="BYMONTH=2 and BYMONTHDAY=30")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=4,6,9,11;BYMONTHDAY=31;COUNT=2",
        "FREQ=YEARLY;BYMONTH=1;BYYEARDAY=366;COUNT=1",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-30;COUNT=1",
    ],
)
def test_other_impossible_combinations_are_refused_by_reason(rule: str) -> None:
    assert _refused(rule).message.startswith("can never produce a meeting: no date has BY")


@pytest.mark.parametrize(
    "rule",
    [
        # Each period is searched and found empty: only the bounded walk stops these.
        "FREQ=DAILY;BYSETPOS=2;COUNT=1",
        "FREQ=DAILY;BYSETPOS=2,3,4,5,6,7,8,9;COUNT=1",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=3;COUNT=1",
        "FREQ=WEEKLY;BYWEEKNO=53;BYDAY=MO;BYSETPOS=2;COUNT=1",
        "FREQ=YEARLY;BYDAY=53MO;BYMONTH=1;COUNT=1",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;UNTIL=22001231T000000",
    ],
)
def test_rules_that_never_or_rarely_match_cost_milliseconds(rule: str) -> None:
    started = time.process_time()
    error = _refused(rule)
    spent = time.process_time() - started
    assert spent < 0.5, f"{rule}: {spent:.2f} s of CPU"
    assert error.message in (MeetingCode.NONE_IN_SPAN.template, MeetingCode.TOO_LONG_SPAN.template)


def test_more_than_daily_is_refused_however_it_is_written() -> None:
    sub_daily = [
        "FREQ=DAILY;BYHOUR=1,2,3;COUNT=3",
        "FREQ=WEEKLY;BYMINUTE=0,30;COUNT=2",
        "FREQ=DAILY;BYSECOND=1,2;COUNT=1",
        # BYSETPOS picks two times of the same day: refused by the real gap.
        "FREQ=MONTHLY;BYDAY=MO;BYHOUR=1,2;BYSETPOS=1,2;COUNT=4",
        "FREQ=HOURLY",
        "FREQ=HOURLY;COUNT=3",
        "FREQ=SECONDLY;UNTIL=20260401T000000",
    ]
    assert {rule: _refused(rule).message for rule in sub_daily} == dict.fromkeys(
        sub_daily, MeetingCode.TOO_FREQUENT.template
    )
    # One time a day, even when chosen among several, is daily: allowed.
    starts = _expand("FREQ=DAILY;BYHOUR=9,10,11;BYSETPOS=-1;COUNT=3")
    assert [s.strftime("%d %H:%M") for s in starts] == ["17 11:00", "18 11:00", "19 11:00"]


def test_a_600_character_rule_is_refused_naming_the_field() -> None:
    rule = "FREQ=WEEKLY;COUNT=2;BYDAY=" + ",".join(["MO"] * 200)
    rule = rule[:600]
    assert len(rule) == 600
    error = _refused(rule)
    assert error.field == "rrule"
    assert error.message == CoreCode.TOO_LONG.template.format(limit=500, length=600)
    assert str(error).startswith("rrule: must be at most 500 characters")
    # The limit is the database column's (PostgreSQL would refuse a longer value).
    from tribe.meetings.models import MeetingSeries

    assert MeetingSeries._meta.get_field("rrule").max_length == recurrence.MAX_RULE_LENGTH


def test_a_rule_of_exactly_the_limit_is_accepted_and_one_more_is_not() -> None:
    def padded(length: int) -> str:
        # INTERVAL=000…01 is still an interval of 1: padding that changes nothing.
        base = "FREQ=WEEKLY;COUNT=3;BYDAY=TU;INTERVAL=1"
        return base.replace("=1", "=" + "0" * (length - len(base)) + "1")

    assert len(padded(recurrence.MAX_RULE_LENGTH)) == recurrence.MAX_RULE_LENGTH
    assert len(_expand(padded(recurrence.MAX_RULE_LENGTH))) == 3
    assert _refused(
        padded(recurrence.MAX_RULE_LENGTH + 1)
    ).message == CoreCode.TOO_LONG.template.format(limit=500, length=501)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;INTERVAL=0;COUNT=3", MeetingCode.BAD_INTERVAL.template),
        ("FREQ=DAILY;INTERVAL=5000;COUNT=3", MeetingCode.BAD_INTERVAL.template),
        ("FREQ=DAILY;COUNT=0", MeetingCode.BAD_COUNT.template),
        ("FREQ=WEEKLY;COUNT=2;UNTIL=20270101", MeetingCode.COUNT_AND_UNTIL.template),
        ("FREQ=WEEKLY;COUNT=2;COUNT=3", MeetingCode.REPEATED_PART.template.format(part="COUNT")),
        (
            "FREQ=DAILY;BYEASTER=0;COUNT=1",
            MeetingCode.UNKNOWN_PART.template.format(part="BYEASTER"),
        ),
        ("FREQ=DAILY;BYMONTHDAY=32;COUNT=1", None),
        ("FREQ=DAILY;BYMONTHDAY=0;COUNT=1", None),
        ("FREQ=DAILY;BYMONTH=13;COUNT=1", None),
        ("FREQ=YEARLY;BYYEARDAY=367;COUNT=1", None),
        ("FREQ=YEARLY;BYWEEKNO=54;COUNT=1", None),
        ("FREQ=MONTHLY;BYDAY=+99MO;COUNT=1", None),
        (
            "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1,2,3,4,5,6,7,8,9;COUNT=1",
            MeetingCode.TOO_MANY_SETPOS.template,
        ),
        ("FREQ=YEARLY;COUNT=20", MeetingCode.TOO_LONG_SPAN.template),
        ("FREQ=YEARLY;UNTIL=20500101T000000", MeetingCode.TOO_LONG_SPAN.template),
        (
            "FREQ=WEEKLY;COUNT=2\x00",
            CoreCode.CONTROL_CHARACTER.template.format(char="U+0000", position=20),
        ),
    ],
)
def test_out_of_range_parts_are_refused_before_expanding(rule: str, message: str | None) -> None:
    started = time.process_time()
    error = _refused(rule)
    assert time.process_time() - started < 0.5
    assert error.field == "rrule"
    if message is not None:
        assert error.message == message
    else:
        assert "out of range" in error.message or "not a valid" in error.message


def test_a_first_date_beyond_the_calendar_is_refused_on_its_field() -> None:
    error = _refused("FREQ=WEEKLY;COUNT=2", first_date=dt.date(9999, 12, 31))
    assert (error.field, error.message) == ("first_date", CoreCode.DATE_RANGE.template)


@pytest.mark.parametrize(
    ("rule", "count", "sibling", "message"),
    [
        (
            "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6",
            6,
            "FREQ=WEEKLY;BYDAY=TU,TH;BYMONTH=2;BYMONTHDAY=30;COUNT=6",
            MeetingCode.NEVER.template.format(parts="BYMONTH=2 and BYMONTHDAY=30 and BYDAY=TU,TH"),
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12",
            12,
            "FREQ=MONTHLY;BYDAY=-1FR;BYMONTH=4;BYMONTHDAY=-31;COUNT=12",
            MeetingCode.NEVER.template.format(parts="BYMONTH=4 and BYMONTHDAY=-31 and BYDAY=-1FR"),
        ),
        (  # the last weekday of the month; no month has 24 weekdays
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3",
            3,
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-24;COUNT=3",
            MeetingCode.NONE_IN_SPAN.template,
        ),
        (  # months without a 31st are skipped; February and April have none
            "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7",
            7,
            "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2,4;COUNT=7",
            MeetingCode.NEVER.template.format(parts="BYMONTH=2,4 and BYMONTHDAY=31"),
        ),
        (  # leap days: 2028, 2032
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2",
            2,
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2",
            MeetingCode.NEVER.template.format(parts="BYMONTH=2 and BYMONTHDAY=30"),
        ),
        (
            "FREQ=YEARLY;COUNT=10",
            10,
            "FREQ=YEARLY;BYYEARDAY=367;COUNT=10",
            MeetingCode.OUT_OF_RANGE.template.format(
                part="BYYEARDAY", value="367", allowed="1 to 366, or -366 to -1"
            ),
        ),
        (
            "FREQ=DAILY;COUNT=104",
            104,
            "FREQ=DAILY;BYSETPOS=2;COUNT=104",
            MeetingCode.NONE_IN_SPAN.template,
        ),
        (  # ISO week 53 never falls in June: nothing before the UNTIL
            "FREQ=WEEKLY;INTERVAL=2;UNTIL=20280101T000000",
            47,
            "FREQ=WEEKLY;INTERVAL=2;BYWEEKNO=53;BYDAY=MO;BYMONTH=6;UNTIL=20280101T000000",
            MeetingCode.EMPTY.template,
        ),
    ],
)
def test_valid_rules_expand_and_their_impossible_siblings_are_refused_quickly(
    rule: str, count: int, sibling: str, message: str
) -> None:
    starts = _expand(rule)
    assert len(starts) == count
    assert all(b - a >= dt.timedelta(days=1) for a, b in itertools.pairwise(starts))
    started = time.process_time()
    error = _refused(sibling)
    spent = time.process_time() - started
    assert spent < 0.5, f"{sibling}: {spent:.2f} s of CPU"
    assert (error.field, error.message) == ("rrule", message)
