"""The size of an ask: how much of a mentor's time a request proposes, in plain numbers.

People hold back from asking for fear of asking too much; a mentor holds
back from saying yes to an ask of unknown size. So every request states its
size: how often, how long each meeting, for how many months, and what that
comes to a month and in all. Pure arithmetic and wording, no database: the
ask page, the request's text, the mentor's request page and ``tribe ask``
all show the same figures.

A month is a twelfth of a year (30.4375 days), so "every 14 days" is a little
over two meetings a month; the meetings over the commitment are counted as
whole meetings (at least one), and the minutes a month follow from that
count, so the figures always agree with each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

__all__ = [
    "CADENCE_RANGE",
    "DEFAULT_CADENCE_DAYS",
    "DEFAULT_MEETING_MINUTES",
    "DEFAULT_MONTHS",
    "LARGE_MINUTES_PER_MONTH",
    "MINUTES_RANGE",
    "MONTHS_RANGE",
    "AskSize",
    "add_months",
    "ask_size",
]

DAYS_PER_MONTH = 365.25 / 12
#: Without a cadence of the mentee's or the mentor's: once a month.
DEFAULT_CADENCE_DAYS = 30
DEFAULT_MEETING_MINUTES = 30
DEFAULT_MONTHS = 6
#: What an ask may propose (the database holds the same ranges). A first ask
#: is at most two years: an agreement can always be renewed.
CADENCE_RANGE = (1, 366)
MINUTES_RANGE = (5, 480)
MONTHS_RANGE = (1, 24)
#: Above four hours a month an ask is large: mentors typically give one or two.
LARGE_MINUTES_PER_MONTH = 240


@dataclass(frozen=True)
class AskSize:
    """What an ask proposes and what it comes to."""

    cadence_days: int
    meeting_minutes: int
    months: int
    #: Whole meetings over the commitment, at least one.
    meetings: int

    @property
    def total_minutes(self) -> int:
        return self.meetings * self.meeting_minutes

    @property
    def minutes_per_month(self) -> int:
        return round(self.total_minutes / self.months)

    @property
    def total_hours(self) -> float:
        return round(self.total_minutes / 60, 1)

    def sentence(self) -> str:
        """For example "About 1 hour a month for 6 months: a 30-minute meeting every 2 weeks
        (13 meetings, about 6.5 hours in all)." in the active language."""
        months = ngettext("{count} month", "{count} months", self.months).format(count=self.months)
        return gettext(
            "About {per_month} a month for {months}: a {minutes}-minute meeting {every} "
            "({meetings}, about {total} in all)."
        ).format(
            per_month=_duration(self.minutes_per_month),
            months=months,
            minutes=self.meeting_minutes,
            every=_every(self.cadence_days),
            meetings=ngettext("{count} meeting", "{count} meetings", self.meetings).format(
                count=self.meetings
            ),
            total=_duration(self.total_minutes),
        )

    @property
    def is_large(self) -> bool:
        """More than :data:`LARGE_MINUTES_PER_MONTH`: worth a second look before sending."""
        return self.minutes_per_month > LARGE_MINUTES_PER_MONTH

    def warning(self) -> str:
        """For a large ask, a plain word about its size; else empty."""
        if not self.is_large:
            return ""
        return gettext(
            "That is a large ask: about {per_month} a month. Most mentors give an hour or "
            "two a month; a smaller first ask is easier to say yes to, and you can always "
            "agree on more once you have met."
        ).format(per_month=_duration(self.minutes_per_month))

    def as_dict(self) -> dict[str, object]:
        return {
            "cadence_days": self.cadence_days,
            "meeting_minutes": self.meeting_minutes,
            "months": self.months,
            "meetings": self.meetings,
            "minutes_per_month": self.minutes_per_month,
            "total_minutes": self.total_minutes,
            "total_hours": self.total_hours,
            "sentence": self.sentence(),
            "warning": self.warning(),
        }


def ask_size(*, cadence_days: int, meeting_minutes: int, months: int) -> AskSize:
    """The size of meeting every ``cadence_days`` for ``meeting_minutes``, ``months`` long.

    The values are checked by the service that stores them (and by the
    database); here they are only assumed positive.

    >>> size = ask_size(cadence_days=14, meeting_minutes=30, months=6)
    >>> (size.meetings, size.minutes_per_month, size.total_hours)
    (13, 65, 6.5)
    """
    if min(cadence_days, meeting_minutes, months) < 1:
        raise ValueError("an ask's cadence, meeting length and months are positive")
    meetings = max(1, _half_up(months * DAYS_PER_MONTH / cadence_days))
    return AskSize(cadence_days, meeting_minutes, months, meetings)


def _half_up(value: float) -> int:
    """Rounded half up (Python's ``round`` rounds half to even: 6.5 would become 6)."""
    return int(value + 0.5)


def _duration(minutes: int) -> str:
    """Under an hour in minutes (to the nearest 5); from an hour on, to the nearest half hour."""
    if minutes < 60:
        shown = max(5, 5 * _half_up(minutes / 5))
        return ngettext("{count} minute", "{count} minutes", shown).format(count=shown)
    halves = _half_up(minutes / 30)
    hours = halves / 2
    text = number_format(hours, decimal_pos=0 if halves % 2 == 0 else 1)
    return ngettext("{count} hour", "{count} hours", 1 if halves == 2 else 2).format(count=text)


def _every(days: int) -> str:
    """How often, in the largest unit that says it exactly (weeks, months), else in days."""
    if days % 7 == 0:
        weeks = days // 7
        if weeks == 1:
            return gettext("every week")
        return ngettext("every {count} week", "every {count} weeks", weeks).format(count=weeks)
    months = _half_up(days / DAYS_PER_MONTH)
    # 30 and 31 days are a month; 61 or 91 days two or three months.
    if months >= 1 and abs(days - months * DAYS_PER_MONTH) <= 1.5:
        if months == 1:
            return gettext("every month")
        return ngettext("every {count} month", "every {count} months", months).format(count=months)
    if days == 1:
        return gettext("every day")
    return ngettext("every {count} day", "every {count} days", days).format(count=days)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day``, ``months`` later; the month's last day when it is shorter (31 January + 1: 28
    or 29 February). The end of a commitment, or the day a mentor may be asked again.

    >>> add_months(dt.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
