"""The simple repeats a series is planned with, and the RRULE each one means."""

from __future__ import annotations

import datetime as dt

import pytest

from tribe.core.errors import ValidationError
from tribe.meetings.recurrence import (
    REPEATS,
    expand,
    repeat_choices,
    repeat_for_cadence,
    repeat_rule,
)


def test_the_choices_name_every_repeat_in_words() -> None:
    assert repeat_choices() == [
        ("weekly", "Every week"),
        ("biweekly", "Every 2 weeks"),
        ("4weekly", "Every 4 weeks"),
        ("monthly", "Every month"),
    ]


@pytest.mark.parametrize(
    ("repeat", "rule"),
    [
        ("weekly", "FREQ=WEEKLY;COUNT=6"),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2;COUNT=6"),
        ("4weekly", "FREQ=WEEKLY;INTERVAL=4;COUNT=6"),
        ("monthly", "FREQ=MONTHLY;COUNT=6"),
    ],
)
def test_each_repeat_with_a_count_is_one_rule(repeat: str, rule: str) -> None:
    assert repeat_rule(repeat=repeat, count=6) == rule


@pytest.mark.parametrize("repeat", list(REPEATS))
def test_every_repeat_expands_to_its_count(repeat: str) -> None:
    starts = expand(
        rule=repeat_rule(repeat=repeat, count=3),
        first_date=dt.date(2025, 1, 6),
        start_time=dt.time(9, 0),
        timezone="Europe/London",
    )
    assert len(starts) == 3


def test_an_unknown_repeat_is_refused_on_its_field() -> None:
    with pytest.raises(ValidationError) as refused:
        repeat_rule(repeat="hourly", count=3)
    assert refused.value.field == "repeat"


@pytest.mark.parametrize(
    ("cadence_days", "repeat"),
    [
        (None, "weekly"),
        (0, "weekly"),
        (7, "weekly"),
        (13, "weekly"),
        (14, "biweekly"),
        (30, "biweekly"),
    ],
)
def test_the_agreed_cadence_suggests_a_repeat(cadence_days: int | None, repeat: str) -> None:
    assert repeat_for_cadence(cadence_days) == repeat
