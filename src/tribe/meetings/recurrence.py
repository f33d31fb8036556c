"""Recurring meetings: validate an RRULE and expand it in wall-clock time.

A series is "every other Tuesday at 09:00 Europe/London": the rule runs over
naive local times and each occurrence is placed in the zone afterwards, so
09:00 stays 09:00 when the clocks change. Rules must be bounded (COUNT or
UNTIL) and may not expand beyond :data:`MAX_OCCURRENCES`: a feed or an
agenda must never try to materialise "every minute forever".
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from tribe.core.errors import ValidationError

__all__ = ["MAX_OCCURRENCES", "expand", "normalise_rule"]

MAX_OCCURRENCES = 104  # two years of weekly meetings
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}

MSG_INVALID = (
    "“{rule}” is not a valid recurrence rule (RFC 5545 RRULE, e.g. FREQ=WEEKLY;INTERVAL=2;COUNT=10)"
)
MSG_UNBOUNDED = "must end: add COUNT=… or UNTIL=… (at most {limit} meetings)"
MSG_TOO_MANY = "would make more than {limit} meetings; end it sooner with COUNT or UNTIL"
MSG_TOO_FREQUENT = "meetings can repeat at most daily"
MSG_EMPTY = "produces no meeting on or after the first date"


def normalise_rule(rule: str) -> str:
    """Strip an optional ``RRULE:`` prefix and spaces; upper-case the rule."""
    text = "".join((rule or "").split()).upper()
    return text.removeprefix("RRULE:")


def _parse(rule: str, first: dt.datetime) -> rrule:
    text = normalise_rule(rule)
    if not text or "FREQ=" not in text:
        raise ValidationError(MSG_INVALID.format(rule=rule), field="rrule")
    try:
        parsed = rrulestr(text, dtstart=first, ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise ValidationError(MSG_INVALID.format(rule=rule), field="rrule") from exc
    if not isinstance(parsed, rrule):
        raise ValidationError(MSG_INVALID.format(rule=rule), field="rrule")
    # dateutil accepted the rule, so its parts are well formed: read them plainly.
    parts = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise ValidationError(MSG_TOO_FREQUENT, field="rrule")
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise ValidationError(MSG_UNBOUNDED.format(limit=MAX_OCCURRENCES), field="rrule")
    return parsed


def expand(
    *, rule: str, first_date: dt.date, start_time: dt.time, timezone: str
) -> list[dt.datetime]:
    """Every occurrence's start, as aware datetimes in ``timezone``.

    Raises ValidationError (field ``rrule``) for an invalid, unbounded,
    sub-daily or over-long rule.
    """
    first = dt.datetime.combine(first_date, start_time)
    parsed = _parse(rule, first)
    zone = ZoneInfo(timezone)
    starts: list[dt.datetime] = []
    for index, local in enumerate(parsed):
        if index >= MAX_OCCURRENCES:  # stop expanding at once: the rule may be huge
            raise ValidationError(MSG_TOO_MANY.format(limit=MAX_OCCURRENCES), field="rrule")
        starts.append(local.replace(tzinfo=zone))
    if not starts:
        raise ValidationError(MSG_EMPTY, field="rrule")
    return starts
