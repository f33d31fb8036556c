"""The size of an ask: the arithmetic and its words, on fixed inputs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from tribe.outreach.ask_size import add_months, ask_size


@pytest.mark.parametrize(
    ("cadence", "minutes", "months", "meetings", "per_month", "total_hours"),
    [
        # Monthly for six months: one meeting a month, six in all.
        (30, 30, 6, 6, 30, 3.0),
        # Every two weeks: 182.6 days / 14 = 13.04, so 13 meetings; 390 minutes over 6 months.
        (14, 30, 6, 13, 65, 6.5),
        (7, 60, 3, 13, 260, 13.0),
        # Odd cadences: every 45 days for a year is 8.1 meetings -> 8.
        (45, 45, 12, 8, 30, 6.0),
        (10, 20, 1, 3, 60, 1.0),
        (13, 30, 6, 14, 70, 7.0),
        # A cadence longer than the commitment still means one meeting.
        (366, 30, 1, 1, 30, 0.5),
        (90, 60, 2, 1, 30, 1.0),
        # Daily at the longest: the figures stay whole numbers.
        (1, 480, 24, 731, 14620, 5848.0),
    ],
)
def test_the_size_on_fixed_inputs(
    cadence: int, minutes: int, months: int, meetings: int, per_month: int, total_hours: float
) -> None:
    size = ask_size(cadence_days=cadence, meeting_minutes=minutes, months=months)
    assert (size.meetings, size.minutes_per_month, size.total_hours) == (
        meetings,
        per_month,
        total_hours,
    )
    assert size.total_minutes == meetings * minutes


def test_meetings_are_rounded_to_whole_meetings() -> None:
    # A month is 30.4375 days: every 4 days is 7.61 meetings (8), every 5 days 6.09 (6);
    # three months every 2 days is 45.66 (46).
    assert ask_size(cadence_days=4, meeting_minutes=30, months=1).meetings == 8
    assert ask_size(cadence_days=5, meeting_minutes=30, months=1).meetings == 6
    assert ask_size(cadence_days=2, meeting_minutes=30, months=3).meetings == 46


@pytest.mark.parametrize(
    ("cadence", "minutes", "months", "sentence"),
    [
        (
            14,
            30,
            6,
            "About 1 hour a month for 6 months: a 30-minute meeting every 2 weeks "
            "(13 meetings, about 6.5 hours in all).",
        ),
        (
            30,
            30,
            6,
            "About 30 minutes a month for 6 months: a 30-minute meeting every month "
            "(6 meetings, about 3 hours in all).",
        ),
        (
            7,
            45,
            1,
            "About 3 hours a month for 1 month: a 45-minute meeting every week "
            "(4 meetings, about 3 hours in all).",
        ),
        (
            45,
            45,
            12,
            "About 30 minutes a month for 12 months: a 45-minute meeting every 45 days "
            "(8 meetings, about 6 hours in all).",
        ),
        (
            61,
            60,
            6,
            "About 30 minutes a month for 6 months: a 60-minute meeting every 2 months "
            "(3 meetings, about 3 hours in all).",
        ),
        (
            1,
            15,
            1,
            "About 7.5 hours a month for 1 month: a 15-minute meeting every day "
            "(30 meetings, about 7.5 hours in all).",
        ),
        (
            366,
            20,
            1,
            "About 20 minutes a month for 1 month: a 20-minute meeting every 12 months "
            "(1 meeting, about 20 minutes in all).",
        ),
    ],
)
def test_the_sentence_says_it_in_the_largest_exact_unit(
    cadence: int, minutes: int, months: int, sentence: str
) -> None:
    assert ask_size(cadence_days=cadence, meeting_minutes=minutes, months=months).sentence() == (
        sentence
    )


def test_minutes_are_rounded_to_five_and_hours_to_a_half() -> None:
    # 28 days over 6 months: 6.52 -> 7 meetings of 30 = 210 minutes, 35 a month.
    size = ask_size(cadence_days=28, meeting_minutes=30, months=6)
    assert size.minutes_per_month == 35
    assert size.sentence().startswith("About 35 minutes a month for 6 months")
    # 13 meetings of 20 over 3 months: 86.7 minutes a month -> 1.5 hours.
    size = ask_size(cadence_days=7, meeting_minutes=20, months=3)
    assert size.minutes_per_month == 87
    assert size.sentence().startswith("About 1.5 hours a month")


def test_the_numbers_follow_the_locale() -> None:
    with translation.override("de"):
        sentence = ask_size(cadence_days=14, meeting_minutes=30, months=6).sentence()
    assert "6,5" in sentence and "6.5" not in sentence


def test_as_dict_carries_the_figures_and_the_sentence() -> None:
    size = ask_size(cadence_days=14, meeting_minutes=30, months=6)
    assert size.as_dict() == {
        "cadence_days": 14,
        "meeting_minutes": 30,
        "months": 6,
        "meetings": 13,
        "minutes_per_month": 65,
        "total_minutes": 390,
        "total_hours": 6.5,
        "sentence": size.sentence(),
        "warning": "",
    }


def test_nothing_is_not_a_size() -> None:
    with pytest.raises(ValueError, match="positive"):
        ask_size(cadence_days=0, meeting_minutes=30, months=6)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 10), 6, dt.date(2026, 9, 10)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 12, 15), 12, dt.date(2027, 12, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


def test_a_large_ask_says_so_and_an_ordinary_one_does_not() -> None:
    huge = ask_size(cadence_days=1, meeting_minutes=480, months=24)
    assert huge.is_large
    assert "large ask" in huge.warning()
    assert huge.as_dict()["warning"] == huge.warning()
    usual = ask_size(cadence_days=14, meeting_minutes=60, months=6)
    assert not usual.is_large and usual.warning() == ""
    # The edge: four hours a month is still ordinary, a little more is large.
    assert not ask_size(cadence_days=7, meeting_minutes=55, months=6).is_large
    assert ask_size(cadence_days=7, meeting_minutes=60, months=6).is_large
