"""The one place that reads the wall clock.

Services take ``now=`` and fall back to :func:`now` so tests pass a fixed
moment instead of patching time.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()


def resolve(value: dt.datetime | None) -> dt.datetime:
    """``value`` if given (must be aware), else the current moment in UTC."""
    if value is None:
        return now()
    if timezone.is_naive(value):
        raise ValueError("now= must be timezone-aware")
    return value
