"""Propose meeting times from two people's weekly availability and zones.

Pure functions over plain values. Each person's windows are wall-clock times
in their own zone, so each week's windows are placed on the calendar in that
zone (zoneinfo resolves daylight-saving shifts for each date) and only then
compared in UTC. When the windows never meet, the error explains it and
offers the nearest alternatives instead of a bare "no slot".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext

from tribe.core import validation as v
from tribe.core.errors import ValidationError
from tribe.meetings.errors import MSG_ALTERNATIVES, MSG_OUTSIDE_WINDOWS, MeetingCode

__all__ = ["NoCommonTime", "Party", "Slot", "Window", "propose_slots"]

UTC = dt.UTC
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: How far ahead a search may look, and how long a meeting may be: bounds on
#: the work (one pass per day) and on the arithmetic.
MAX_DAYS = 366
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class Window:
    weekday: int  # 0 = Monday
    starts: dt.time
    ends: dt.time


@dataclass(frozen=True)
class Party:
    name: str
    timezone: str
    windows: tuple[Window, ...]


@dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime  # UTC
    ends_at: dt.datetime
    #: (name, local start) for each person, in their own zone.
    local: tuple[tuple[str, dt.datetime], ...]
    #: For an alternative outside someone's windows: whose, and by how much.
    note: str = ""

    def describe(self) -> str:
        parts = [
            f"{name}: {date_format(moment, 'PADDED_SLOT_FORMAT')} ({moment.tzinfo})"
            for name, moment in self.local
        ]
        return "; ".join(parts) + (f" — {self.note}" if self.note else "")


class NoCommonTime(ValidationError):
    """The two people's windows never overlap; carries the nearest alternatives."""

    code = MeetingCode.NO_COMMON_TIME

    def __init__(self, message: str, *, alternatives: Sequence[Slot]):
        #: The explanation alone, for pages that list the alternatives themselves.
        self.reason = message
        detail = message
        if alternatives:
            detail = gettext(MSG_ALTERNATIVES).format(
                reason=message, alternatives=" | ".join(s.describe() for s in alternatives)
            )
        super().__init__(detail, field="availability")
        self.alternatives = list(alternatives)


Interval = tuple[dt.datetime, dt.datetime]


def _intervals(party: Party, first: dt.date, last: dt.date) -> list[Interval]:
    """The party's windows on each local date from ``first`` to ``last``, in UTC."""
    zone = ZoneInfo(party.timezone)
    out: list[Interval] = []
    day = first
    while day <= last:
        for window in party.windows:
            if window.weekday == day.weekday():
                start = dt.datetime.combine(day, window.starts, tzinfo=zone).astimezone(UTC)
                end = dt.datetime.combine(day, window.ends, tzinfo=zone).astimezone(UTC)
                if end > start:  # a window swallowed by a DST gap vanishes that day
                    out.append((start, end))
        day += dt.timedelta(days=1)
    out.sort()
    return out


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if end > start:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _ceil_quarter(moment: dt.datetime) -> dt.datetime:
    extra = (-moment.minute) % 15
    rounded = moment.replace(second=0, microsecond=0) + dt.timedelta(minutes=extra)
    if rounded < moment:
        rounded += dt.timedelta(minutes=15)
    return rounded


def _slot(start: dt.datetime, minutes: int, parties: Sequence[Party], note: str = "") -> Slot:
    return Slot(
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=minutes),
        local=tuple((p.name, start.astimezone(ZoneInfo(p.timezone))) for p in parties),
        note=note,
    )


def propose_slots(
    *,
    parties: Sequence[Party],
    earliest: dt.datetime,
    minutes: int,
    days: int = 21,
    count: int = 3,
) -> list[Slot]:
    """Up to ``count`` meeting times, on different days, inside everyone's windows.

    Parameters
    ----------
    parties
        The people meeting. A party with no windows (say, a mentor who is only
        a contact) does not constrain the choice.
    earliest
        An aware moment; no slot starts before it.
    minutes
        Length of the meeting.
    days
        How far ahead to look.

    Raises
    ------
    NoCommonTime
        When the windows never overlap long enough; it lists the nearest
        alternatives (times inside one person's window, closest to the other's).
    """
    if earliest.tzinfo is None:
        raise ValidationError(MeetingCode.NAIVE, field="earliest")
    if not v.DATE_MIN <= earliest.date() <= v.DATE_MAX:
        # A due date saturated at date.max (or a hostile start) would overflow below.
        shown = date_format(earliest, "PADDED_DATE_FORMAT")
        raise ValidationError(MeetingCode.EARLIEST_RANGE, field="earliest", start=shown)
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(MeetingCode.DAYS_RANGE, field="days", limit=MAX_DAYS)
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValidationError(MeetingCode.MINUTES_RANGE, field="minutes", limit=MAX_MINUTES)
    constrained = [p for p in parties if p.windows]
    if not constrained:
        raise ValidationError(MeetingCode.NO_WINDOWS, field="availability")
    # Local dates a day either side: zones up to ±14 h shift windows across UTC days.
    first = (earliest - dt.timedelta(days=1)).date()
    last = (earliest + dt.timedelta(days=days + 1)).date()
    end_limit = earliest + dt.timedelta(days=days)

    common = _intervals(constrained[0], first, last)
    for party in constrained[1:]:
        common = _intersect(common, _intervals(party, first, last))

    slots: list[Slot] = []
    seen_days: set[dt.date] = set()
    length = dt.timedelta(minutes=minutes)
    for start, end in common:
        begin = _ceil_quarter(max(start, earliest))
        if begin + length > end or begin >= end_limit:
            continue
        local_day = begin.astimezone(ZoneInfo(parties[0].timezone)).date()
        if local_day in seen_days:
            continue
        seen_days.add(local_day)
        slots.append(_slot(begin, minutes, parties))
        if len(slots) == count:
            break
    if slots:
        return slots
    if len(constrained) < 2:
        raise ValidationError(
            MeetingCode.NO_WINDOW,
            field="availability",
            name=constrained[0].name,
            minutes=minutes,
            days=days,
        )
    raise NoCommonTime(
        MeetingCode.NO_COMMON_TIME.message(
            a=constrained[0].name,
            b=constrained[1].name,
            minutes=minutes,
            days=days,
            start=date_format(earliest, "PADDED_DATE_FORMAT"),
        ),
        alternatives=_nearest(
            constrained[0], constrained[1], first, last, earliest, end_limit, minutes, parties
        ),
    )


def _nearest(
    a: Party,
    b: Party,
    first: dt.date,
    last: dt.date,
    earliest: dt.datetime,
    end_limit: dt.datetime,
    minutes: int,
    parties: Sequence[Party],
) -> list[Slot]:
    """Times inside one person's window that come closest to the other's."""
    length = dt.timedelta(minutes=minutes)
    candidates: list[tuple[dt.timedelta, Slot]] = []
    for mine, theirs, other in ((a, b, b), (b, a, a)):
        their_windows = [w for w in _intervals(theirs, first, last) if w[1] > earliest]
        for start, end in _intervals(mine, first, last):
            if start < earliest or start >= end_limit or end - start < length:
                continue
            for option in (start, end - length):
                gap = min(
                    (
                        max(w[0] - (option + length), option - w[1], dt.timedelta(0))
                        for w in their_windows
                    ),
                    default=None,
                )
                if gap is None or gap <= dt.timedelta(0):
                    continue
                hours = gap.total_seconds() / 3600
                note = gettext(MSG_OUTSIDE_WINDOWS).format(
                    name=other.name, hours=number_format(hours, 1)
                )
                candidates.append((gap, _slot(option, minutes, parties, note)))
    candidates.sort(key=lambda c: (c[0], c[1].starts_at))
    chosen: list[Slot] = []
    for _, slot in candidates:
        if all(abs(slot.starts_at - s.starts_at) >= dt.timedelta(hours=12) for s in chosen):
            chosen.append(slot)
        if len(chosen) == 3:
            break
    return chosen
