"""Time-zone helpers: IANA names validated once, conversions in one place."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from tribe.core.codes import CoreCode
from tribe.core.errors import ValidationError


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def validate_zone(value: str, *, field: str = "timezone") -> str:
    """Return the canonical name or raise a ValidationError naming the field."""
    name = (value or "").strip()
    if not name or (name not in set(zone_names()) and name != "UTC"):
        raise ValidationError(CoreCode.UNKNOWN_ZONE, field=field, value=value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(CoreCode.UNKNOWN_ZONE, field=field, value=value) from exc
    return name


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local(moment: dt.datetime, zone_name: str) -> dt.datetime:
    """Show a stored (UTC) moment in a person's zone."""
    return moment.astimezone(zone(zone_name))
