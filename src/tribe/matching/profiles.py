"""Turn people and contacts into the engine's profiles.

The one place that knows both Django models and ``tribe_engine``: the engine
stays a pure library, and every caller (fit ranking, programme matching)
describes people to it the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from tribe_engine import Profile, Weights

from tribe.people.models import AvailabilityWindow, Contact, Goal, Person

#: When a contact's seniority is unknown it is scored as the ideal gap above
#: the seeker: neither a bonus nor a penalty.
NEUTRAL_GAP = Weights().ideal_seniority_gap


def utc_offset_hours(zone_name: str, at: dt.datetime) -> float:
    try:
        offset = at.astimezone(ZoneInfo(zone_name)).utcoffset()
    except (ValueError, KeyError):
        return 0.0
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def daily_hours(windows: Iterable[AvailabilityWindow]) -> tuple[tuple[float, float], ...]:
    """Weekly windows folded into the hours of a day the person is ever free.

    The engine compares daily availability; the exact weekly slots are the
    scheduler's business once two people have agreed to meet.
    """
    spans = sorted({(w.starts.hour + w.starts.minute / 60, w.ends.hour + w.ends.minute / 60) for w in windows})
    return tuple(spans) or ((9.0, 17.0),)


def seeker_profile(person: Person, goal: Goal, *, at: dt.datetime) -> Profile:
    return Profile(
        id=f"person:{person.pk}",
        wants=f"{goal.title}. {goal.why}",
        seniority=float(person.seniority),
        languages=tuple(person.languages),
        utc_offset_hours=utc_offset_hours(person.timezone, at),
        availability=daily_hours(person.availability.all()),
    )


def mentor_profile(person: Person, *, free_places: int, at: dt.datetime) -> Profile:
    return Profile(
        id=f"person:{person.pk}",
        offers=" ".join(filter(None, [person.offers, person.headline])),
        offers_tags=tuple(person.expertise),
        seniority=float(person.seniority),
        languages=tuple(person.languages),
        utc_offset_hours=utc_offset_hours(person.timezone, at),
        availability=daily_hours(person.availability.all()),
        capacity=max(free_places, 0),
    )


def contact_profile(contact: Contact, *, seeker: Person, at: dt.datetime) -> Profile:
    zone_name = contact.timezone or seeker.timezone
    return Profile(
        id=f"contact:{contact.pk}",
        offers=" ".join(filter(None, [contact.headline, contact.position, contact.company, contact.notes])),
        offers_tags=tuple(contact.expertise),
        seniority=float(seeker.seniority) + NEUTRAL_GAP,
        languages=(),  # unknown, which the language rule treats as "not a reason to exclude"
        utc_offset_hours=utc_offset_hours(zone_name, at),
        capacity=1,
    )
