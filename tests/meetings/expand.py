"""Occurrences of the events in a calendar, as a calendar client computes them.

The calendar tests read Tribe's iCalendar output back the way a client would
and need its occurrences: every instance of each RRULE (with RDATE and
EXDATE), each replaced by its override (same UID, RECURRENCE-ID) where there
is one. This is an oracle written independently of ``tribe.meetings``, on what
a user's install already has: ``icalendar`` parses, ``dateutil.rrule``
expands. It lives among the tests so that the test extra needs no package
that would change the versions of those two.

An occurrence is a copy of its event whose DTSTART and DTEND are those of the
instance and which carries the instance's RECURRENCE-ID; it has no RRULE,
RDATE or EXDATE.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import icalendar
from dateutil import rrule

__all__ = ["between"]

#: Properties that describe the recurrence itself, not one occurrence of it.
RECURRENCE_PROPERTIES = ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")


def between(
    calendar: icalendar.Calendar, start: dt.date | dt.datetime, end: dt.date | dt.datetime
) -> list[icalendar.Event]:
    """Every occurrence that overlaps ``[start, end)``, in order of start.

    A date bound means midnight in each occurrence's own zone; an event of no
    length counts when it starts inside the window.
    """
    found: list[icalendar.Event] = []
    for master, overrides in _by_uid(
        e for e in calendar.walk("VEVENT") if isinstance(e, icalendar.Event)
    ):
        found.extend(
            o for o in _occurrences(master, overrides, start, end) if _overlaps(o, start, end)
        )
    # Floating times sort as if they were UTC, so that a mixed calendar still sorts;
    # the UID keeps the order of simultaneous occurrences the same from run to run.
    return sorted(
        found, key=lambda event: (_instant(_start(event)).replace(tzinfo=None), str(event["UID"]))
    )


def _by_uid(
    events: Iterable[icalendar.Event],
) -> Iterator[tuple[icalendar.Event | None, dict[dt.datetime, icalendar.Event]]]:
    masters: dict[str, icalendar.Event] = {}
    overrides: dict[str, dict[dt.datetime, icalendar.Event]] = {}
    for event in events:
        uid = str(event["UID"])
        if "RECURRENCE-ID" in event:
            overrides.setdefault(uid, {})[_instant(_start(event, "RECURRENCE-ID"))] = event
        else:
            assert uid not in masters, f"two events without RECURRENCE-ID share the UID {uid}"
            masters[uid] = event
    for uid in masters.keys() | overrides.keys():
        yield masters.get(uid), overrides.get(uid, {})


def _occurrences(
    master: icalendar.Event | None,
    overrides: dict[dt.datetime, icalendar.Event],
    start: dt.date | dt.datetime,
    end: dt.date | dt.datetime,
) -> Iterator[icalendar.Event]:
    if master is None:  # overrides whose series is not in this calendar
        yield from overrides.values()
        return
    if "RRULE" not in master and "RDATE" not in master:
        yield master
        return
    first = _start(master)
    length = _end(master) - first
    replaced = dict(overrides)
    # Widen the window by one length so an occurrence that began before it counts.
    lo, hi = _bound(start, first) - length, _bound(end, first)
    for instance in _rule_set(master).between(lo, hi, inc=True):
        value = _value(instance, first)
        override = replaced.pop(_instant(value), None)
        yield override if override is not None else _instance_of(master, value, length)
    yield from replaced.values()  # moved into the window from outside it


def _rule_set(master: icalendar.Event) -> rrule.rruleset:
    first = _as_datetime(_start(master))
    rules = rrule.rruleset()
    for recur in _listed(master.get("RRULE")):
        parsed = rrule.rrulestr(recur.to_ical().decode(), dtstart=first)
        assert isinstance(parsed, rrule.rrule), f"one RRULE, not a set: {recur.to_ical()!r}"
        rules.rrule(parsed)
    rules.rdate(first)  # DTSTART is always the first instance (RFC 5545, 3.8.5.3)
    for when in _dates(master.get("RDATE")):
        rules.rdate(when)
    for when in _dates(master.get("EXDATE")):
        rules.exdate(when)
    return rules


def _instance_of(master: icalendar.Event, value: dt.date, length: dt.timedelta) -> icalendar.Event:
    instance = copy.deepcopy(master)
    for name in (*RECURRENCE_PROPERTIES, "DTSTART", "DTEND", "DURATION"):
        instance.pop(name, None)
    instance.add("dtstart", value)
    instance.add("dtend", value + length)
    instance.add("recurrence-id", value)
    return instance


def _start(event: icalendar.Event, name: str = "DTSTART") -> dt.date:
    """A date or date-time property's value (``icalendar`` types it loosely)."""
    value: dt.date = event.decoded(name)
    return value


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _dates(value: Any) -> Iterator[dt.datetime]:
    for group in _listed(value):
        for item in group.dts:
            yield _as_datetime(item.dt)


def _end(event: icalendar.Event) -> dt.date:
    if "DTEND" in event:
        return _start(event, "DTEND")
    start = _start(event)
    if "DURATION" in event:
        length: dt.timedelta = event.decoded("DURATION")
        return start + length
    # RFC 5545, 3.6.1: a date lasts one day, a date-time no time at all.
    return start if isinstance(start, dt.datetime) else start + dt.timedelta(days=1)


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def _value(instance: dt.datetime, first: dt.date) -> dt.date:
    """An instance in the type of DTSTART: a date for all-day events."""
    return instance if isinstance(first, dt.datetime) else instance.date()


def _bound(value: dt.date, like: dt.date) -> dt.datetime:
    """A window bound as a date-time comparable with the event starting at ``like``."""
    bound = _as_datetime(value)
    zone = like.tzinfo if isinstance(like, dt.datetime) else None
    if bound.tzinfo is None and zone is not None:
        return bound.replace(tzinfo=zone)
    if bound.tzinfo is not None and zone is None:  # a floating event: compare wall times
        return bound.replace(tzinfo=None)
    return bound.astimezone(zone) if zone is not None else bound


def _instant(value: dt.date) -> dt.datetime:
    """A key that equal moments share: aware times in UTC, floating ones as they are."""
    moment = _as_datetime(value)
    return moment.astimezone(dt.UTC) if moment.tzinfo is not None else moment


def _overlaps(
    event: icalendar.Event, start: dt.date | dt.datetime, end: dt.date | dt.datetime
) -> bool:
    first = _start(event)
    begins, ends = _as_datetime(first), _as_datetime(_end(event))
    lo, hi = _bound(start, first), _bound(end, first)
    if begins == ends:
        return lo <= begins < hi
    return begins < hi and ends > lo
