"""The one place that reads the wall clock.

Services take ``now=`` and fall back to :func:`now` so tests pass a fixed
moment instead of patching time. Pages cannot be handed a moment that way
(the browser does not send one), so the clock's source can be set for a
while with :func:`frozen`: every caller of :func:`now` (the views, and the
services and selectors that fall back to it) sees that moment until the
block ends. Django's own clock (sessions, password-reset tokens, log-in
throttling) is not touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.utils import timezone

#: Where :func:`now` reads the time; only :func:`frozen` changes it.
_source: Callable[[], dt.datetime] = timezone.now


def now() -> dt.datetime:
    return _source()


def resolve(value: dt.datetime | None) -> dt.datetime:
    """``value`` if given (must be aware), else the current moment in UTC."""
    if value is None:
        return now()
    _require_aware(value)
    return value


@contextmanager
def frozen(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Make :func:`now` answer ``moment`` inside the block (blocks nest; the outer one returns).

    For tests and demos of a given day; nothing in the running site uses it.
    """
    global _source
    _require_aware(moment)
    previous = _source

    def fixed() -> dt.datetime:
        return moment

    _source = fixed
    try:
        yield moment
    finally:
        _source = previous


def _require_aware(value: dt.datetime) -> None:
    if timezone.is_naive(value):
        raise ValueError("now= must be timezone-aware")
