"""Small field checks shared by every service; each raises a ValidationError naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email

from tribe.core.errors import ValidationError

MSG_REQUIRED = "is required"
MSG_TOO_LONG = "must be at most {limit} characters (it has {length})"
MSG_BAD_EMAIL = "“{value}” is not a valid e-mail address"
MSG_BAD_URL = "“{value}” is not a valid web address"
MSG_RANGE = "must be between {low} and {high}"
MSG_LIST_ITEM_TOO_LONG = "each entry must be at most {limit} characters"


def text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError(MSG_REQUIRED, field=field)
    if len(cleaned) > max_length:
        raise ValidationError(
            MSG_TOO_LONG.format(limit=max_length, length=len(cleaned)), field=field
        )
    return cleaned


def email(value: str | None, *, field: str = "email", required: bool = True) -> str:
    cleaned = text(value, field=field, max_length=254, required=required).lower()
    if not cleaned:
        return ""
    try:
        validate_email(cleaned)
    except DjangoValidationError as exc:
        raise ValidationError(MSG_BAD_EMAIL.format(value=value), field=field) from exc
    return cleaned


def url(value: str | None, *, field: str = "url") -> str:
    cleaned = text(value, field=field, max_length=500)
    if not cleaned:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(cleaned)
    except DjangoValidationError as exc:
        raise ValidationError(MSG_BAD_URL.format(value=value), field=field) from exc
    return cleaned


def integer(value: int | None, *, field: str, low: int, high: int) -> int:
    if value is None or not low <= int(value) <= high:
        raise ValidationError(MSG_RANGE.format(low=low, high=high), field=field)
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
            raise ValidationError(MSG_LIST_ITEM_TOO_LONG.format(limit=item_length), field=field)
        if item.lower() not in (s.lower() for s in seen):
            seen[item] = None
    if len(seen) > max_items:
        raise ValidationError(f"must have at most {max_items} entries", field=field)
    return list(seen)


def date_order(start: dt.date | None, end: dt.date | None, *, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError("must not be before the start", field=field)
