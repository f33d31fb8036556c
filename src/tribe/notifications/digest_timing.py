"""When a person's digest is due: pure arithmetic on their choice, zone and the clock.

A digest belongs to a *period*: a local day (daily) or an ISO week (weekly).
Its idempotency key names the period (``digest:{person}:2026-03-29`` or
``digest:{person}:2026-W13``), so however often the job runs, and on however
many workers, a period gets one digest. It is due from the local
``digest_hour:00`` of that day (weekly: of ``digest_weekday`` in that week)
until the period ends: a digest missed (no worker ran) is sent late the
same day or week, never for a period that is over.

Daylight-saving changes:

- a wall time the clock skips (02:30 on a spring-forward night) is read with
  the offset in force before the change, which lands just after the jump
  (03:30): the digest is sent once, a little late, not never;
- a wall time the clock passes twice (01:30 on a fall-back night) is its
  first occurrence: the key is the local date, so the second 01:30 finds the
  digest already sent.

A zone name the database holds but this system does not know (renamed,
removed from tzdata, mistyped by an import) is read as UTC, and the reason
comes back with the timing for the job to log: never a crash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tribe.outbox.models import Preference

UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class DigestDue:
    #: The idempotency key of the e-mail; chat copies add ``:slack`` / ``:teams``.
    key: str
    #: When it became due (UTC).
    due_at: dt.datetime
    #: The local day the digest is composed for.
    local_date: dt.date
    #: Why the person's zone was not used ("" when it was).
    zone_problem: str = ""


def zone_or_utc(name: str) -> tuple[ZoneInfo, str]:
    """The zone called ``name``, or UTC with the reason it could not be used."""
    try:
        return ZoneInfo(name), ""
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return UTC, f"unknown time zone {name[:64]!r}: digest timed in UTC"


def wall_to_utc(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The instant the clocks of ``zone`` show ``at`` on ``day`` (fold=0, see the module)."""
    return dt.datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(dt.UTC)


def period_key(person_id: int, frequency: str, local_date: dt.date) -> str:
    if frequency == Preference.Digest.WEEKLY:
        year, week, _ = local_date.isocalendar()
        return f"digest:{person_id}:{year}-W{week:02d}"
    return f"digest:{person_id}:{local_date.isoformat()}"


def digest_due(
    *,
    person_id: int,
    frequency: str,
    weekday: int,
    hour: int,
    zone_name: str,
    now: dt.datetime,
    minute: int = 0,
) -> DigestDue | None:
    """The digest due at ``now`` for the current day or week, or None.

    None when the digest is off, or when this period's send time has not come
    yet (before it, the previous period is over: nothing to catch up).
    ``minute`` exists for the tests of skipped half-hours; preferences hold hours.
    """
    if frequency not in (Preference.Digest.DAILY, Preference.Digest.WEEKLY):
        return None
    zone, problem = zone_or_utc(zone_name)
    today = now.astimezone(zone).date()
    if frequency == Preference.Digest.WEEKLY:
        weekday = weekday if 1 <= weekday <= 7 else 1
        day = today + dt.timedelta(days=weekday - today.isoweekday())
    else:
        day = today
    hour = hour if 0 <= hour <= 23 else 8
    due_at = wall_to_utc(day, dt.time(hour, minute), zone)
    if due_at > now:
        return None
    return DigestDue(
        key=period_key(person_id, frequency, day),
        due_at=due_at,
        local_date=today,
        zone_problem=problem,
    )


def digest_due_for(*, preference: Preference, zone_name: str, now: dt.datetime) -> DigestDue | None:
    """:func:`digest_due` for a person's stored choice."""
    return digest_due(
        person_id=preference.person_id,
        frequency=preference.digest,
        weekday=preference.digest_weekday,
        hour=preference.digest_hour,
        zone_name=zone_name,
        now=now,
    )
