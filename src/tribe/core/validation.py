"""Small field checks shared by every service; each raises a ValidationError naming the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import overload

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email

from tribe.core.codes import CoreCode
from tribe.core.errors import ValidationError

#: Dates and moments people may enter: wide enough for any real agreement,
#: birthday or meeting, and far enough from ``date.min``/``date.max`` that any
#: arithmetic on them (a cadence, a time zone, a series) stays representable.
#: ``CoreCode.DATE_RANGE`` and ``CoreCode.MOMENT_RANGE`` name them.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2200, 12, 31)

#: C0 control characters except tab, line feed and carriage return. PostgreSQL
#: refuses NUL in text outright; the others are invisible and break CSV, vCard
#: and e-mail output.
#: So are the bidirectional overrides and isolates, which reorder how the
#: text around them reads (a name that displays as something it is not).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]")
#: Characters that show nothing: a text of only these is empty.  (Joiners
#: inside emoji and words stay allowed; they are only not enough alone.)
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060-\u2064\ufeff\u00ad]+")


def check_controls(value: str, *, field: str) -> str:
    """``value`` unchanged, or ValidationError naming the first control character."""
    found = _CONTROL.search(value)
    if found is not None:
        raise ValidationError(
            CoreCode.CONTROL_CHARACTER,
            field=field,
            char=f"U+{ord(found.group()):04X}",
            position=found.start() + 1,
        )
    return value


def text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    cleaned = (value or "").strip()
    if not _INVISIBLE.sub("", cleaned):
        cleaned = ""
    if required and not cleaned:
        raise ValidationError(CoreCode.REQUIRED, field=field)
    if len(cleaned) > max_length:
        raise ValidationError(CoreCode.TOO_LONG, field=field, limit=max_length, length=len(cleaned))
    return check_controls(cleaned, field=field)


#: Line breaks of every kind, Unicode's own separators too (they break a line in a
#: mail, a page and a terminal as surely as a newline does).
_LINE_BREAK = re.compile(r"[\r\n\x85\u2028\u2029]")


def line(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    """``text`` that is one line: a name, which goes into mail headers and greetings."""
    cleaned = text(value, field=field, max_length=max_length, required=required)
    found = _LINE_BREAK.search(cleaned)
    if found is not None:
        raise ValidationError(CoreCode.LINE_BREAK, field=field, position=found.start() + 1)
    return cleaned


def email(value: str | None, *, field: str = "email", required: bool = True) -> str:
    cleaned = text(value, field=field, max_length=254, required=required).lower()
    if not cleaned:
        return ""
    try:
        validate_email(cleaned)
    except DjangoValidationError as exc:
        raise ValidationError(CoreCode.BAD_EMAIL, field=field, value=value) from exc
    return cleaned


def url(value: str | None, *, field: str = "url") -> str:
    cleaned = text(value, field=field, max_length=500)
    if not cleaned:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(cleaned)
    except DjangoValidationError as exc:
        raise ValidationError(CoreCode.BAD_URL, field=field, value=value) from exc
    return cleaned


def integer(value: int | None, *, field: str, low: int, high: int) -> int:
    if value is None or not low <= int(value) <= high:
        raise ValidationError(CoreCode.OUT_OF_RANGE, field=field, low=low, high=high)
    return int(value)


def string_list(
    values: Iterable[str] | str | None, *, field: str, max_items: int = 50, item_length: int = 100
) -> list[str]:
    """Normalise a list given as an iterable or as ``a, b; c`` text.

    Order is kept; duplicates (ignoring case) are dropped.
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = values.replace(";", ",").split(",")
    seen: dict[str, None] = {}
    for raw in values:
        item = " ".join(str(raw).split())
        if not item:
            continue
        if len(item) > item_length:
            raise ValidationError(CoreCode.LIST_ITEM_TOO_LONG, field=field, limit=item_length)
        check_controls(item, field=field)
        if item.lower() not in (s.lower() for s in seen):
            seen[item] = None
    if len(seen) > max_items:
        raise ValidationError(CoreCode.TOO_MANY_ENTRIES, field=field, limit=max_items)
    return list(seen)


@overload
def date(value: dt.date, *, field: str) -> dt.date: ...
@overload
def date(value: None, *, field: str) -> None: ...
def date(value: dt.date | None, *, field: str) -> dt.date | None:
    """``value`` if it lies between :data:`DATE_MIN` and :data:`DATE_MAX` (None passes).

    A datetime is judged by its own (wall-clock) date; use :func:`moment` for
    those so the message says "time".
    """
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise ValidationError(CoreCode.DATE_RANGE, field=field)
    return value


@overload
def moment(value: dt.datetime, *, field: str) -> dt.datetime: ...
@overload
def moment(value: None, *, field: str) -> None: ...
def moment(value: dt.datetime | None, *, field: str) -> dt.datetime | None:
    """``value`` if its date (as written, in its own zone) is in the accepted range."""
    if value is None:
        return None
    if not DATE_MIN <= value.date() <= DATE_MAX:
        raise ValidationError(CoreCode.MOMENT_RANGE, field=field)
    return value


def date_order(start: dt.date | None, end: dt.date | None, *, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(CoreCode.BEFORE_START, field=field)
