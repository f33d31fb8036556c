"""Recurring meetings: validate an RRULE and expand it in wall-clock time.

A series is "every other Tuesday at 09:00 Europe/London": the rule runs over
naive local times and each occurrence is placed in the zone afterwards, so
09:00 stays 09:00 when the clocks change. Rules must be bounded (COUNT or
UNTIL) and may not expand beyond :data:`MAX_OCCURRENCES`: a feed or an
agenda must never try to materialise "every minute forever".

The work is bounded too, whatever the rule. dateutil walks candidate periods
(days, weeks…) until it finds an occurrence or passes its UNTIL, and a rule
whose parts never meet (``BYMONTH=2;BYMONTHDAY=30``) would have it walk to
the year 9999: seconds of CPU per request. So, before expanding:

- the rule's text is checked part by part (known parts only, each once, every
  number in its RFC 5545 range, no more than :data:`MAX_RULE_LENGTH`
  characters, the size of the database column);
- a rule that asks for more than one time of day, or whose month, month-day,
  year-day and weekday parts cannot meet on any date of a full 28-year
  calendar cycle, is refused with its reason;

and the expansion itself never looks further than :data:`MAX_SPAN` past the
first meeting (an UNTIL dateutil must respect), so at most a few thousand
candidate days are examined. Occurrences closer than a day apart are refused:
"at most daily" is judged on the real dates, so BYHOUR/BYSETPOS tricks cannot
get around it.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from tribe.core import validation as v
from tribe.core.errors import ValidationError

__all__ = [
    "MAX_OCCURRENCES",
    "MAX_RULE_LENGTH",
    "MAX_SPAN",
    "expand",
    "normalise_rule",
    "validate_rule",
]

MAX_OCCURRENCES = 104  # two years of weekly meetings
#: The length of ``MeetingSeries.rrule`` (varchar(500) on PostgreSQL; SQLite
#: would store more, PostgreSQL refuses it).
MAX_RULE_LENGTH = 500
#: The furthest an expansion looks past the first meeting (ten years, leap days included).
MAX_SPAN = dt.timedelta(days=3653)
MAX_SPAN_YEARS = 10
MAX_INTERVAL = 1000
#: BYSETPOS costs one pass over a period's days per position: a few are plenty
#: ("the last weekday of the month" is BYSETPOS=-1).
MAX_SETPOS = 8
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
SUB_DAILY_FREQUENCIES = {"HOURLY", "MINUTELY", "SECONDLY"}
#: RFC 5545 rule parts and, for the numeric lists, their ranges (low, high, may be negative).
NUMERIC_PARTS: dict[str, tuple[int, int, bool]] = {
    "BYSECOND": (0, 59, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
KNOWN_PARTS = {"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYDAY", "WKST", *NUMERIC_PARTS}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

MSG_INVALID = (
    "“{rule}” is not a valid recurrence rule (RFC 5545 RRULE, e.g. FREQ=WEEKLY;INTERVAL=2;COUNT=10)"
)
MSG_UNBOUNDED = "must end: add COUNT=… or UNTIL=… (at most {limit} meetings)"
MSG_TOO_MANY = "would make more than {limit} meetings; end it sooner with COUNT or UNTIL"
MSG_TOO_FREQUENT = "meetings can repeat at most daily"
MSG_EMPTY = "produces no meeting on or after the first date"
MSG_UNKNOWN_PART = (
    "“{part}” is not a recurrence rule part Tribe accepts (FREQ, COUNT, UNTIL, INTERVAL, "
    "BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS, BYHOUR, BYMINUTE, BYSECOND, WKST)"
)
MSG_REPEATED_PART = "gives {part} more than once"
MSG_OUT_OF_RANGE = "{part}={value} is out of range: {allowed}"
MSG_COUNT_AND_UNTIL = "give COUNT or UNTIL, not both"
MSG_INTERVAL = f"INTERVAL must be a whole number from 1 to {MAX_INTERVAL}"
MSG_COUNT = "COUNT must be a whole number of at least 1"
MSG_NEVER = "can never produce a meeting: no date has {parts}"
MSG_TOO_LONG_SPAN = (
    f"must end within {MAX_SPAN_YEARS} years of the first meeting; "
    "end it sooner with COUNT or UNTIL"
)
MSG_SETPOS = f"BYSETPOS may list at most {MAX_SETPOS} positions"
MSG_NONE_IN_SPAN = f"produces no meeting in the {MAX_SPAN_YEARS} years from the first date"

_ONE_DAY = dt.timedelta(days=1)


def normalise_rule(rule: str) -> str:
    """Strip an optional ``RRULE:`` prefix and spaces; upper-case the rule."""
    text = "".join((rule or "").split()).upper()
    return text.removeprefix("RRULE:")


def _invalid(rule: str) -> ValidationError:
    shown = rule if len(rule) <= 80 else rule[:79] + "…"  # the message is not a mirror
    return ValidationError(MSG_INVALID.format(rule=shown), field="rrule")


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, field="rrule")


def _numbers(part: str, value: str, rule: str) -> list[int]:
    low, high, negative = NUMERIC_PARTS[part]
    allowed = f"{low} to {high}" + (f", or -{high} to -{low}" if negative else "")
    out: list[int] = []
    for item in value.split(","):
        digits = item.removeprefix("+").removeprefix("-")
        if not digits.isdigit() or len(digits) > 4:
            raise _invalid(rule)
        number = int(item)
        if not (low <= number <= high or (negative and -high <= number <= -low)):
            raise _refuse(MSG_OUT_OF_RANGE.format(part=part, value=item, allowed=allowed))
        out.append(number)
    return out


def _weekdays(value: str, rule: str) -> set[int]:
    """The plain weekdays of a BYDAY list (``-1FR`` counts as Friday); ordinals 1 to 53."""
    days: set[int] = set()
    for item in value.split(","):
        name = item[-2:]
        ordinal = item[:-2].removeprefix("+").removeprefix("-")
        if name not in WEEKDAYS or (ordinal and not (ordinal.isdigit() and len(ordinal) <= 2)):
            raise _invalid(rule)
        if ordinal and not 1 <= int(ordinal) <= 53:
            raise _refuse(
                MSG_OUT_OF_RANGE.format(part="BYDAY", value=item, allowed="1 to 53, or -53 to -1")
            )
        days.add(WEEKDAYS.index(name))
    return days


def _parts(text: str, rule: str) -> dict[str, str]:
    """The rule's parts by name, each checked for its name, its uniqueness and its numbers."""
    if not text or "FREQ=" not in text:
        raise _invalid(rule)
    parts: dict[str, str] = {}
    for piece in text.split(";"):
        name, sep, value = piece.partition("=")
        if not sep or not name or not value:
            raise _invalid(rule)
        if name not in KNOWN_PARTS:
            raise _refuse(MSG_UNKNOWN_PART.format(part=name))
        if name in parts:
            raise _refuse(MSG_REPEATED_PART.format(part=name))
        parts[name] = value
    freq = parts.get("FREQ", "")
    if freq in SUB_DAILY_FREQUENCIES:
        raise _refuse(MSG_TOO_FREQUENT)
    if freq not in ALLOWED_FREQUENCIES:
        raise _invalid(rule)
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise _refuse(MSG_UNBOUNDED.format(limit=MAX_OCCURRENCES))
    if "COUNT" in parts and "UNTIL" in parts:
        raise _refuse(MSG_COUNT_AND_UNTIL)
    for name, message in (("COUNT", MSG_COUNT), ("INTERVAL", MSG_INTERVAL)):
        if name in parts and (not parts[name].isdigit() or int(parts[name]) < 1):
            raise _refuse(message)
    if int(parts.get("COUNT", "1")) > MAX_OCCURRENCES:
        raise _refuse(MSG_TOO_MANY.format(limit=MAX_OCCURRENCES))
    if int(parts.get("INTERVAL", "1")) > MAX_INTERVAL:
        raise _refuse(MSG_INTERVAL)
    for name in NUMERIC_PARTS:
        if name in parts:
            _numbers(name, parts[name], rule)
    if len(set(parts.get("BYSETPOS", "").split(","))) > MAX_SETPOS:
        raise _refuse(MSG_SETPOS)
    if "BYDAY" in parts:
        _weekdays(parts["BYDAY"], rule)
    return parts


def _times_per_day(parts: dict[str, str]) -> int:
    count = 1
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if name in parts:
            count *= len(set(parts[name].split(",")))
    return count


#: 28 consecutive years hold every kind of year (leap or not, starting on each weekday).
_CYCLE = range(2001, 2029)


def _never_meets(parts: dict[str, str], first: dt.date, rule: str) -> str | None:
    """The parts (as written) that no date satisfies, or None when some date does.

    A necessary condition only (BYDAY ordinals, BYWEEKNO and BYSETPOS are left
    to the bounded expansion), checked on every day of a 28-year cycle.
    """
    months = set(_numbers("BYMONTH", parts["BYMONTH"], rule)) if "BYMONTH" in parts else None
    month_days = (
        set(_numbers("BYMONTHDAY", parts["BYMONTHDAY"], rule)) if "BYMONTHDAY" in parts else None
    )
    year_days = (
        set(_numbers("BYYEARDAY", parts["BYYEARDAY"], rule)) if "BYYEARDAY" in parts else None
    )
    weekdays = _weekdays(parts["BYDAY"], rule) if "BYDAY" in parts else None
    named = [
        f"{name}={parts[name]}"
        for name in ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYDAY")
        if name in parts
    ]
    freq = parts["FREQ"]
    if not (month_days or year_days or weekdays or "BYWEEKNO" in parts):
        # dateutil fills in the first date's day (and month) for these, as RFC 5545 says.
        if freq in ("MONTHLY", "YEARLY"):
            month_days = {first.day}
            named.append(f"day {first.day} (the first date's)")
        if freq == "YEARLY" and months is None:
            months = {first.month}
            named.append(f"month {first.month} (the first date's)")
    if months is None and month_days is None and year_days is None and weekdays is None:
        return None
    for year in _CYCLE:
        length = 366 if year % 4 == 0 else 365
        day = dt.date(year, 1, 1)
        for index in range(length):
            if (
                (months is None or day.month in months)
                and (weekdays is None or day.weekday() in weekdays)
                and (year_days is None or index + 1 in year_days or index - length in year_days)
                and (month_days is None or _month_day_in(day, month_days))
            ):
                return None
            day += _ONE_DAY
    return " and ".join(named)


def _month_day_in(day: dt.date, month_days: set[int]) -> bool:
    if day.day in month_days:
        return True
    following = day.replace(day=28) + dt.timedelta(days=4)
    month_length = (following - dt.timedelta(days=following.day)).day
    return day.day - month_length - 1 in month_days


def validate_rule(rule: str, *, first: dt.datetime) -> tuple[rrule, dict[str, str]]:
    """Check a rule's text and parse it; ValidationError (field ``rrule``) when refused.

    Cheap: no expansion. :func:`expand` calls it first.
    """
    text = v.text(normalise_rule(rule), field="rrule", max_length=MAX_RULE_LENGTH)
    parts = _parts(text, rule)
    if _times_per_day(parts) > 1 and "BYSETPOS" not in parts:
        raise _refuse(MSG_TOO_FREQUENT)
    never = _never_meets(parts, first.date(), rule)
    if never is not None:
        raise _refuse(MSG_NEVER.format(parts=never))
    try:
        parsed = rrulestr(text, dtstart=first, ignoretz=True)
    except (ValueError, TypeError, OverflowError) as exc:
        raise _invalid(rule) from exc
    if not isinstance(parsed, rrule):
        raise _invalid(rule)
    return parsed, parts


#: dateutil's expansion loop. It gives up only when it passes its UNTIL with a
#: candidate in hand, or when the year passes ``datetime.MAXYEAR``: a rule
#: whose periods never hold a candidate walks to the year 9999.
_DATEUTIL_ITER = rrule.__dict__["_iter"]
if "datetime" not in _DATEUTIL_ITER.__code__.co_names:  # pragma: no cover - dateutil changed
    raise ImportError("dateutil's rrule expansion no longer reads datetime.MAXYEAR")


class _CalendarEndingIn:
    """Stands in for the ``datetime`` module inside that loop: the same module,
    except that its calendar ends with ``last_year``."""

    def __init__(self, last_year: int) -> None:
        self.MAXYEAR = last_year
        self.date = dt.date
        self.datetime = dt.datetime

    def __getattr__(self, name: str) -> Any:
        return getattr(dt, name)


def _walk(parsed: rrule, *, last_year: int) -> Iterator[dt.datetime]:
    """``iter(parsed)``, but the search for candidates stops after ``last_year``.

    This is the hard bound on the work: at most ``last_year - first year + 1``
    years of periods are examined, whether or not any of them matches.
    """
    scope = dict(_DATEUTIL_ITER.__globals__)
    scope["datetime"] = _CalendarEndingIn(last_year)
    loop = types.FunctionType(
        _DATEUTIL_ITER.__code__,
        scope,
        _DATEUTIL_ITER.__name__,
        _DATEUTIL_ITER.__defaults__,
        _DATEUTIL_ITER.__closure__,
    )
    walked: Iterator[dt.datetime] = loop(parsed)
    return walked


def expand(
    *, rule: str, first_date: dt.date, start_time: dt.time, timezone: str
) -> list[dt.datetime]:
    """Every occurrence's start, as aware datetimes in ``timezone``.

    Raises ValidationError (field ``rrule``, or ``first_date``) for an invalid,
    unbounded, sub-daily, never-matching or over-long rule. Pure and bounded
    (milliseconds whatever the rule): call it before any database transaction
    starts.
    """
    v.date(first_date, field="first_date")
    first = dt.datetime.combine(first_date, start_time.replace(tzinfo=None))
    parsed, parts = validate_rule(rule, first=first)
    horizon = first + MAX_SPAN
    count = int(parts["COUNT"]) if "COUNT" in parts else None
    # dateutil keeps the parsed UNTIL privately; it is the rule's own end, in naive local time.
    until: dt.datetime | None = getattr(parsed, "_until", None)
    zone = ZoneInfo(timezone)
    local_starts: list[dt.datetime] = []
    for local in _walk(parsed, last_year=horizon.year):
        if local > horizon:
            break
        if local_starts and local - local_starts[-1] < _ONE_DAY:
            raise _refuse(MSG_TOO_FREQUENT)
        local_starts.append(local)
        if len(local_starts) > MAX_OCCURRENCES:  # stop expanding at once: the rule may be huge
            raise _refuse(MSG_TOO_MANY.format(limit=MAX_OCCURRENCES))
    # Did the rule end by itself, or did the horizon cut it short?
    ended = (
        len(local_starts) == count if count is not None else until is not None and until <= horizon
    )
    if not local_starts:
        raise _refuse(MSG_EMPTY if ended else MSG_NONE_IN_SPAN)
    if not ended:
        raise _refuse(MSG_TOO_LONG_SPAN)
    return [local.replace(tzinfo=zone) for local in local_starts]
