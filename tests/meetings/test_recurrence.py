import datetime as dt

import pytest

from tribe.core.errors import ValidationError
from tribe.meetings import recurrence


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
        ("FREQ=WEEKLY", recurrence.MSG_UNBOUNDED.format(limit=recurrence.MAX_OCCURRENCES)),
        ("FREQ=HOURLY;COUNT=3", recurrence.MSG_TOO_FREQUENT),
        ("FREQ=MINUTELY;COUNT=3", recurrence.MSG_TOO_FREQUENT),
        ("FREQ=DAILY;COUNT=5000", recurrence.MSG_TOO_MANY.format(limit=recurrence.MAX_OCCURRENCES)),
        (
            "FREQ=DAILY;UNTIL=99991231T000000",
            recurrence.MSG_TOO_MANY.format(limit=recurrence.MAX_OCCURRENCES),
        ),
        ("FREQ=WEEKLY;UNTIL=20260101T000000", recurrence.MSG_EMPTY),
        ("every tuesday", recurrence.MSG_INVALID.format(rule="every tuesday")),
        (
            "FREQ=FORTNIGHTLY;COUNT=2",
            recurrence.MSG_INVALID.format(rule="FREQ=FORTNIGHTLY;COUNT=2"),
        ),
        ("", recurrence.MSG_INVALID.format(rule="")),
    ],
)
def test_bad_rules_are_refused_naming_the_field(rule: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _expand(rule)
    assert exc.value.field == "rrule"
    assert exc.value.message == message
