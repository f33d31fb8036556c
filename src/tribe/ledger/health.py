"""Cadence and health of a relationship: pure functions over plain values.

The clock that matters is the date of the last *real* contact (a meeting
held, or a logged call or message, by the day it happened), not a fixed
calendar cycle: talking early resets it, and back-dating a log moves it.
Selectors gather the inputs in bulk; these functions only decide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop, ngettext

__all__ = [
    "Health",
    "HealthInput",
    "State",
    "add_days",
    "assess",
    "next_contact_due",
    "weeks_or_days",
]


class State(StrEnum):
    HEALTHY = "healthy"
    DUE = "due"
    AT_RISK = "at_risk"
    DORMANT = "dormant"
    #: Not applicable: a relationship that is not running (prospect, paused, ended…).
    INACTIVE = "inactive"

    @property
    def label(self) -> str:
        """The state in words, in the active language ("at risk")."""
        return gettext(_STATE_LABELS[self])


_STATE_LABELS = {
    State.HEALTHY: gettext_noop("healthy"),
    State.DUE: gettext_noop("due"),
    State.AT_RISK: gettext_noop("at risk"),
    State.DORMANT: gettext_noop("dormant"),
    State.INACTIVE: gettext_noop("inactive"),
}

# The reasons for a state, in words (each formatted where it is given).
REASON_NO_CADENCE = gettext_noop("no cadence agreed yet")
REASON_ON_CADENCE = gettext_noop("in touch on cadence")
REASON_SNOOZED = gettext_noop("snoozed until {until}")
REASON_SNOOZED_BECAUSE = gettext_noop("snoozed until {until}: {reason}")
REASON_UPDATE_DUE = gettext_noop("an update is due")
REASON_UPDATE_LATE = gettext_noop("an update is due ({late} late)")
REASON_UPDATE_DUE_EVERY = gettext_noop("an update is due (every {every})")
#: Contact slipping against the cadence: (no contact yet?, time to get in touch?) -> words.
REASON_CONTACT = {
    (True, False): gettext_noop("no contact yet, {gap} since the start against a {cadence}"),
    (True, True): gettext_noop(
        "no contact yet, {gap} since the start against a {cadence}: time to get in touch"
    ),
    (False, False): gettext_noop("no contact for {gap} against a {cadence}"),
    (False, True): gettext_noop("no contact for {gap} against a {cadence}: time to get in touch"),
}


#: A follow-up not sent within this many days of a meeting is flagged.
FOLLOW_UP_GRACE_DAYS = 2
#: Beyond this many cadences without contact the relationship is "at risk"…
AT_RISK_CADENCES = 2
#: …and beyond this many it has gone dormant.
DORMANT_CADENCES = 4


@dataclass(frozen=True)
class HealthInput:
    status: str
    today: dt.date
    cadence_days: int | None
    started_on: dt.date | None  # when the running relationship began (agreement or activation)
    last_contact_on: dt.date | None
    snoozed_until: dt.date | None = None
    snooze_reason: str = ""
    follow_ups_overdue: int = 0
    unthanked: int = 0
    update_every_days: int | None = None
    last_update_on: dt.date | None = None


@dataclass(frozen=True)
class Health:
    state: State
    reasons: tuple[str, ...] = field(default_factory=tuple)
    next_contact_due: dt.date | None = None
    update_due: dt.date | None = None
    #: How far contact alone has slipped against the cadence (HEALTHY when on time).
    contact: State = State.HEALTHY


_MIN_ORDINAL = dt.date.min.toordinal()
_MAX_ORDINAL = dt.date.max.toordinal()


def add_days(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days`` (negative goes back), saturating at ``date.min``/``date.max``.

    Stored dates come from people and older versions: a start on 9999-12-31
    with a 366-day cadence must give "due on 9999-12-31", not an OverflowError
    on every page that shows the relationship.

    >>> import datetime as dt
    >>> add_days(dt.date(2026, 1, 10), 28)
    datetime.date(2026, 2, 7)
    >>> add_days(dt.date(9999, 12, 31), 366)
    datetime.date(9999, 12, 31)
    >>> add_days(dt.date(1, 1, 1), -1)
    datetime.date(1, 1, 1)
    """
    ordinal = day.toordinal() + days
    return dt.date.fromordinal(min(max(ordinal, _MIN_ORDINAL), _MAX_ORDINAL))


def weeks_or_days(days: int) -> str:
    """Say a span the way a person would: "9 weeks", "10 days", "1 day"."""
    if (days >= 14 and days % 7 == 0) or days >= 21:
        weeks = round(days / 7)
        return ngettext("{n} week", "{n} weeks", weeks).format(n=weeks)
    return ngettext("{n} day", "{n} days", days).format(n=days)


def _cadence_words(days: int) -> str:
    """ "4-week cadence", "10-day cadence"."""
    if days % 7 == 0:
        weeks = days // 7
        return ngettext("{n}-week cadence", "{n}-week cadence", weeks).format(n=weeks)
    return ngettext("{n}-day cadence", "{n}-day cadence", days).format(n=days)


def next_contact_due(
    *,
    cadence_days: int | None,
    last_contact_on: dt.date | None,
    started_on: dt.date | None,
    snoozed_until: dt.date | None = None,
) -> dt.date | None:
    """The day the next contact is due, counting from the last real contact.

    With no contact yet it counts from the start. A snooze moves the due
    date out to the end of the snooze, never earlier than it would be.

    >>> import datetime as dt
    >>> next_contact_due(cadence_days=28, last_contact_on=dt.date(2026, 1, 10), started_on=None)
    datetime.date(2026, 2, 7)
    """
    if cadence_days is None:
        return None
    anchor = last_contact_on or started_on
    if anchor is None:
        return None
    due = add_days(anchor, cadence_days)
    if snoozed_until is not None and snoozed_until > due:
        return snoozed_until
    return due


def assess(data: HealthInput) -> Health:
    """Health state and the reasons for it, in words."""
    update_due = None
    if data.update_every_days and (data.status in ("active", "paused") or data.status == "ended"):
        anchor = data.last_update_on or data.started_on
        if anchor is not None:
            update_due = add_days(anchor, data.update_every_days)

    if data.status != "active":
        reasons: list[str] = []
        if update_due is not None and update_due <= data.today:
            every = weeks_or_days(data.update_every_days or 0)
            reasons.append(gettext(REASON_UPDATE_DUE_EVERY).format(every=every))
        return Health(State.INACTIVE, tuple(reasons), None, update_due)

    reasons = []
    due = next_contact_due(
        cadence_days=data.cadence_days,
        last_contact_on=data.last_contact_on,
        started_on=data.started_on,
        snoozed_until=data.snoozed_until,
    )
    contact = State.HEALTHY
    snoozed = data.snoozed_until is not None and data.snoozed_until >= data.today

    if data.cadence_days is None:
        reasons.append(gettext(REASON_NO_CADENCE))
    elif due is not None and not snoozed:
        anchor = data.last_contact_on or data.started_on
        assert anchor is not None  # due is only set with an anchor
        gap = (data.today - anchor).days
        if gap > DORMANT_CADENCES * data.cadence_days:
            contact = State.DORMANT
        elif gap > AT_RISK_CADENCES * data.cadence_days:
            contact = State.AT_RISK
        elif data.today >= due:
            contact = State.DUE
        if contact is not State.HEALTHY:
            said = REASON_CONTACT[(data.last_contact_on is None, contact is State.DUE)]
            reasons.append(
                gettext(said).format(
                    gap=weeks_or_days(gap), cadence=_cadence_words(data.cadence_days)
                )
            )
    if snoozed and data.snoozed_until is not None:  # (``snoozed`` implies it)
        said = REASON_SNOOZED_BECAUSE if data.snooze_reason else REASON_SNOOZED
        until = date_format(data.snoozed_until, "PADDED_DATE_FORMAT")
        reasons.append(gettext(said).format(until=until, reason=data.snooze_reason))
    state = State.DUE if data.cadence_days is None else contact

    def at_least(level: State) -> None:
        nonlocal state
        order = [State.HEALTHY, State.DUE, State.AT_RISK, State.DORMANT]
        if order.index(level) > order.index(state):
            state = level

    if data.follow_ups_overdue:
        n = data.follow_ups_overdue
        reasons.append(
            ngettext(
                "{n} follow-up not sent within {days} days of the meeting",
                "{n} follow-ups not sent within {days} days of the meeting",
                n,
            ).format(n=n, days=FOLLOW_UP_GRACE_DAYS)
        )
        at_least(State.AT_RISK if n > 1 else State.DUE)
    if data.unthanked:
        n = data.unthanked
        reasons.append(
            ngettext(
                "{n} piece of help not thanked yet", "{n} pieces of help not thanked yet", n
            ).format(n=n)
        )
        at_least(State.DUE)
    if update_due is not None and update_due <= data.today:
        late = (data.today - update_due).days
        if late > 0:
            reasons.append(gettext(REASON_UPDATE_LATE).format(late=weeks_or_days(late)))
        else:
            reasons.append(gettext(REASON_UPDATE_DUE))
        at_least(
            State.AT_RISK if data.update_every_days and late > data.update_every_days else State.DUE
        )
    if state is State.HEALTHY and not reasons:
        reasons.append(gettext(REASON_ON_CADENCE))
    return Health(state, tuple(reasons), due, update_due, contact)
