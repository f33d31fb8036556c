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
from django.utils.translation import gettext, gettext_noop

from tribe.core import validation as v
from tribe.core.errors import ValidationError
from tribe.meetings.errors import MSG_RANGE, MSG_RANGE_OR_NEGATIVE, MeetingCode

__all__ = [
    "MAX_OCCURRENCES",
    "MAX_RULE_LENGTH",
    "MAX_SPAN",
    "REPEATS",
    "expand",
    "normalise_rule",
    "repeat_choices",
    "repeat_for_cadence",
    "repeat_rule",
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

# The messages are ``tribe.meetings.errors``' (``MeetingCode``); the four that pages'
# tests compare are importable from here too.

_ONE_DAY = dt.timedelta(days=1)


# -- the simple repeats ------------------------------------------------------------
#
# Most series are "every week", "every two weeks"…: named repeats that pages,
# the command line and the API offer by name, each one RRULE once a count is
# added. A raw RRULE remains possible for anything else.

#: Each simple repeat: its words, and its RRULE without COUNT.
REPEATS: dict[str, tuple[str, str]] = {
    "weekly": (gettext_noop("Every week"), "FREQ=WEEKLY"),
    "biweekly": (gettext_noop("Every 2 weeks"), "FREQ=WEEKLY;INTERVAL=2"),
    "4weekly": (gettext_noop("Every 4 weeks"), "FREQ=WEEKLY;INTERVAL=4"),
    "monthly": (gettext_noop("Every month"), "FREQ=MONTHLY"),
}
#: Agreed cadences shorter than this many days suggest meeting weekly, longer ones every 2 weeks.
WEEKLY_BELOW_DAYS = 14


def repeat_choices() -> list[tuple[str, str]]:
    """(name, words) of each simple repeat, for a choice list; the words in the active language."""
    return [(name, gettext(words)) for name, (words, _) in REPEATS.items()]


def repeat_rule(*, repeat: str, count: int) -> str:
    """The RRULE of ``count`` meetings on the simple repeat ``repeat``.

    >>> repeat_rule(repeat="biweekly", count=6)
    'FREQ=WEEKLY;INTERVAL=2;COUNT=6'
    """
    if repeat not in REPEATS:
        raise ValidationError(
            MeetingCode.UNKNOWN_REPEAT, field="repeat", repeat=repeat, choices=", ".join(REPEATS)
        )
    return f"{REPEATS[repeat][1]};COUNT={count}"


def repeat_for_cadence(cadence_days: int | None) -> str:
    """The simple repeat that suits an agreed cadence (none agreed: weekly)."""
    return "weekly" if (cadence_days or 0) < WEEKLY_BELOW_DAYS else "biweekly"


def normalise_rule(rule: str) -> str:
    """Strip an optional ``RRULE:`` prefix and spaces; upper-case the rule."""
    text = "".join((rule or "").split()).upper()
    return text.removeprefix("RRULE:")


def _invalid(rule: str) -> ValidationError:
    shown = rule if len(rule) <= 80 else rule[:79] + "…"  # the message is not a mirror
    return ValidationError(MeetingCode.INVALID_RULE, field="rrule", rule=shown)


def _refuse(code: MeetingCode, **params: Any) -> ValidationError:
    return ValidationError(code, field="rrule", **params)


def _numbers(part: str, value: str, rule: str) -> list[int]:
    low, high, negative = NUMERIC_PARTS[part]
    allowed = gettext(MSG_RANGE_OR_NEGATIVE if negative else MSG_RANGE).format(low=low, high=high)
    out: list[int] = []
    for item in value.split(","):
        digits = item.removeprefix("+").removeprefix("-")
        if not digits.isdigit() or len(digits) > 4:
            raise _invalid(rule)
        number = int(item)
        if not (low <= number <= high or (negative and -high <= number <= -low)):
            raise _refuse(MeetingCode.OUT_OF_RANGE, part=part, value=item, allowed=allowed)
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
            allowed = gettext(MSG_RANGE_OR_NEGATIVE).format(low=1, high=53)
            raise _refuse(MeetingCode.OUT_OF_RANGE, part="BYDAY", value=item, allowed=allowed)
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
            raise _refuse(MeetingCode.UNKNOWN_PART, part=name)
        if name in parts:
            raise _refuse(MeetingCode.REPEATED_PART, part=name)
        parts[name] = value
    freq = parts.get("FREQ", "")
    if freq in SUB_DAILY_FREQUENCIES:
        raise _refuse(MeetingCode.TOO_FREQUENT)
    if freq not in ALLOWED_FREQUENCIES:
        raise _invalid(rule)
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise _refuse(MeetingCode.UNBOUNDED, limit=MAX_OCCURRENCES)
    if "COUNT" in parts and "UNTIL" in parts:
        raise _refuse(MeetingCode.COUNT_AND_UNTIL)
    for name, code in (("COUNT", MeetingCode.BAD_COUNT), ("INTERVAL", MeetingCode.BAD_INTERVAL)):
        if name in parts and (not parts[name].isdigit() or int(parts[name]) < 1):
            raise _refuse(code)
    if int(parts.get("COUNT", "1")) > MAX_OCCURRENCES:
        raise _refuse(MeetingCode.TOO_MANY, limit=MAX_OCCURRENCES)
    if int(parts.get("INTERVAL", "1")) > MAX_INTERVAL:
        raise _refuse(MeetingCode.BAD_INTERVAL)
    for name in NUMERIC_PARTS:
        if name in parts:
            _numbers(name, parts[name], rule)
    if len(set(parts.get("BYSETPOS", "").split(","))) > MAX_SETPOS:
        raise _refuse(MeetingCode.TOO_MANY_SETPOS)
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
        raise _refuse(MeetingCode.TOO_FREQUENT)
    never = _never_meets(parts, first.date(), rule)
    if never is not None:
        raise _refuse(MeetingCode.NEVER, parts=never)
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
            raise _refuse(MeetingCode.TOO_FREQUENT)
        local_starts.append(local)
        if len(local_starts) > MAX_OCCURRENCES:  # stop expanding at once: the rule may be huge
            raise _refuse(MeetingCode.TOO_MANY, limit=MAX_OCCURRENCES)
    # Did the rule end by itself, or did the horizon cut it short?
    ended = (
        len(local_starts) == count if count is not None else until is not None and until <= horizon
    )
    if not local_starts:
        raise _refuse(MeetingCode.EMPTY if ended else MeetingCode.NONE_IN_SPAN)
    if not ended:
        raise _refuse(MeetingCode.TOO_LONG_SPAN)
    # Each occurrence is a meeting, so each is held to the range a single meeting is.
    v.moment(local_starts[-1], field="rrule")
    return [local.replace(tzinfo=zone) for local in local_starts]
