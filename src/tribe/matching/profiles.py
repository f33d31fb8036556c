"""Turn people and contacts into the engine's profiles.

The one place that knows both Django models and ``tribe_engine``: the engine
stays a pure library, and every caller (fit ranking, programme matching)
describes people to it the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from zoneinfo import ZoneInfo

from tribe.core.languages import language_codes
from tribe.people.models import AvailabilityWindow, Contact, Goal, Person
from tribe_engine import Profile


@lru_cache(maxsize=1024)
def _offset(zone_name: str, hour: dt.datetime) -> float:
    try:
        offset = hour.astimezone(ZoneInfo(zone_name)).utcoffset()
    except (ValueError, KeyError):
        return 0.0
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def utc_offset_hours(zone_name: str, at: dt.datetime) -> float:
    # Thousands of candidates share a few dozen zones: cache per zone and hour.
    return _offset(zone_name, at.replace(minute=0, second=0, microsecond=0))


Span = tuple[dt.time, dt.time]


def daily_hours(windows: Iterable[Span]) -> tuple[tuple[float, float], ...]:
    """Weekly windows (start, end) folded into the hours of a day the person is ever free.

    The engine compares daily availability; the exact weekly slots are the
    scheduler's business once two people have agreed to meet.  No windows
    give no hours: the engine scores that as unknown, not as office hours
    the person never claimed.
    """
    return tuple(sorted({(a.hour + a.minute / 60, b.hour + b.minute / 60) for a, b in windows}))


def windows_by_person(person_ids: Iterable[int]) -> dict[int, list[Span]]:
    """Everyone's windows in one query, as plain tuples: building 5,000
    AvailabilityWindow objects costs more than ranking 5,000 candidates."""
    out: dict[int, list[Span]] = {}
    rows = AvailabilityWindow.objects.filter(person_id__in=list(person_ids)).order_by()
    for person_id, starts, ends in rows.values_list("person_id", "starts", "ends"):
        out.setdefault(person_id, []).append((starts, ends))
    return out


def seeker_profile(
    person: Person, goal: Goal, *, windows: Iterable[Span], at: dt.datetime
) -> Profile:
    return Profile(
        id=f"person:{person.pk}",
        wants=f"{goal.title}. {goal.why}",
        seniority=float(person.seniority),
        languages=language_codes(person.languages),
        utc_offset_hours=utc_offset_hours(person.timezone, at),
        availability=daily_hours(windows),
    )


def seeker_availability(person: Person, *, windows: Iterable[Span], at: dt.datetime) -> Profile:
    """Only when ``person`` is free, for comparing with others' windows."""
    return Profile(
        id=f"person:{person.pk}",
        utc_offset_hours=utc_offset_hours(person.timezone, at),
        availability=daily_hours(windows),
    )


def mentor_profile(
    person: Person, *, free_places: int, windows: Iterable[Span], at: dt.datetime
) -> Profile:
    return Profile(
        id=f"person:{person.pk}",
        offers=" ".join(filter(None, [person.offers, person.headline])),
        offers_tags=tuple(person.expertise),
        seniority=float(person.seniority),
        languages=language_codes(person.languages),
        utc_offset_hours=utc_offset_hours(person.timezone, at),
        availability=daily_hours(windows),
        capacity=max(free_places, 0),
    )


def contact_profile(contact: Contact, *, at: dt.datetime) -> Profile:
    """A contact as the engine sees them.  Tribe does not know a contact's
    seniority or languages, nor their zone unless it was entered: the engine
    scores what is unknown neutrally and names it, instead of pretending a
    perfect fit (a contact with nothing known used to outrank real matches)."""
    return Profile(
        id=f"contact:{contact.pk}",
        offers=" ".join(
            filter(None, [contact.headline, contact.position, contact.company, contact.notes])
        ),
        offers_tags=tuple(contact.expertise),
        seniority=None,
        languages=(),
        utc_offset_hours=utc_offset_hours(contact.timezone, at) if contact.timezone else None,
        capacity=1,
    )
