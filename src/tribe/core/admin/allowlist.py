"""The allow-list behind every Tribe admin page: what may be filtered, sorted, shown, searched.

Facts (flags, dates and times, numbers, choices, related ids) may be; free text
may not, except an account's name and address, which administrators manage.
``privacy_errors`` holds an admin's declarations to the same rules: it is what
``manage.py check`` reports as ``tribe.A001``–``A007`` (see ``tribe.core.admin``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.admin.filters import ListFilter
from django.core import checks
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import models
from django.db.models.constants import LOOKUP_SEP

VALUE_FIELDS: tuple[type[models.Field[Any, Any]], ...] = (
    models.BooleanField,
    models.DateField,  # and DateTimeField
    models.TimeField,
    models.DurationField,
    models.IntegerField,  # and the auto, small, big and positive ones
    models.FloatField,
    models.DecimalField,
)
#: Never filtered, sorted or shown, whatever their type.
NEVER = frozenset({"password", "token_hash"})
#: An account's text an administrator may read (and sort and search on): they manage accounts.
ACCOUNT_TEXT = frozenset({"name", "email", "timezone"})
ACCOUNT_SEARCH = frozenset({"name", "email"})
#: The comparisons a filter may make, and the parts of a date it may compare.
COMPARISONS = frozenset({"exact", "in", "isnull", "gt", "gte", "lt", "lte", "range"})
DATE_PARTS = frozenset(
    {
        "year",
        "iso_year",
        "quarter",
        "month",
        "week",
        "week_day",
        "iso_week_day",
        "day",
        "date",
        "time",
        "hour",
        "minute",
        "second",
    }
)

AnyField = Any  # a model field or a relation's reverse side: get_field() returns either


def is_account_model(model: type[models.Model]) -> bool:
    return bool(model._meta.label == settings.AUTH_USER_MODEL)


def is_value_field(field: AnyField) -> bool:
    """A fact (a flag, a date, a number, a state), not free text."""
    if field.name in NEVER or field.is_relation:
        return False
    return bool(getattr(field, "choices", None)) or isinstance(field, VALUE_FIELDS)


def _resolve(model: type[models.Model], parts: Sequence[str]) -> tuple[AnyField, list[str], Any]:
    """Follow ``parts`` through relations: the last field reached, what follows it, its model.

    The field is None when the first part names no field of ``model``.
    """
    field: AnyField = None
    for index, part in enumerate(parts):
        try:
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        except FieldDoesNotExist:
            return field, list(parts[index:]), model
        if not field.is_relation or index == len(parts) - 1:
            return field, list(parts[index + 1 :]), model
        model = field.related_model
    return field, [], model


def lookup_is_safe(model: type[models.Model], lookup: str) -> bool:
    """Whether ``?<lookup>=…`` on the list of ``model`` compares only facts.

    ``status__exact``, ``starts_at__year``, ``person__id__exact``, ``goals__isnull``
    are; ``why__startswith``, ``relationship__purpose__exact`` and
    ``person__password__regex`` are not.
    """
    field, rest, _ = _resolve(model, lookup.split(LOOKUP_SEP))
    if field is None:
        return False
    if field.is_relation:
        try:
            compared = field.target_field  # what a relation is filtered by: usually the id
        except (AttributeError, FieldError):
            return False
        if not is_value_field(compared):
            return False
    elif not is_value_field(field):
        return False
    if rest and rest[0] in DATE_PARTS and isinstance(field, models.DateField | models.TimeField):
        rest = rest[1:]
    return len(rest) <= 1 and all(part in COMPARISONS for part in rest)


def _shown_is_safe(model: type[models.Model], field: AnyField) -> bool:
    if is_value_field(field):
        return True
    return is_account_model(model) and field.name in ACCOUNT_TEXT


def display_is_safe(model: type[models.Model], name: str) -> bool:
    """Whether a column or field named ``name`` may be shown on an admin page.

    A name that is no model field is an admin method: what it returns is the
    admin's own business (and the crawl in the tests checks it).
    """
    if name == "__str__":
        return is_account_model(model)
    field, rest, owner = _resolve(model, name.split(LOOKUP_SEP))
    if field is None:
        return LOOKUP_SEP not in name
    if rest:
        return False
    if field.is_relation:
        # Shown as the related object's ``__str__``: an account's name is fine.
        return is_account_model(field.related_model)
    return _shown_is_safe(owner, field)


def ordering_is_safe(model: type[models.Model], name: str, depth: int = 0) -> bool:
    """Whether sorting by ``name`` sorts only by facts (or an account's name).

    Sorting by a relation sorts by the related model's own ordering, so that
    is followed too: sorting meetings by their relationship is fine, sorting
    relationships by their contact is not (contacts are ordered by name).
    """
    name = name.removeprefix("-")
    if name in ("?", "pk"):
        return True
    field, rest, owner = _resolve(model, name.split(LOOKUP_SEP))
    if field is None or rest:
        return False
    if not field.is_relation:
        return _shown_is_safe(owner, field)
    related = field.related_model
    if depth > 3:
        return False
    return all(
        (entry_name := ordering_name(entry)) is not None
        and ordering_is_safe(related, entry_name, depth + 1)
        for entry in (related._meta.ordering or ["pk"])
    )


def ordering_name(entry: Any) -> str | None:
    """The field name of an ordering entry: a string, ``F("x")`` or ``F("x").desc()``."""
    if isinstance(entry, str):
        return entry
    expression = getattr(entry, "expression", entry)
    name = getattr(expression, "name", None)
    return name if isinstance(name, str) else None


def search_is_safe(model: type[models.Model], name: str) -> bool:
    return is_account_model(model) and name.lstrip("^=@") in ACCOUNT_SEARCH


def filter_is_safe(model: type[models.Model], item: Any) -> bool:
    """A list_filter entry: a fact, or (for its list of choices) a relation to accounts."""
    if isinstance(item, type) and issubclass(item, ListFilter):
        return True  # a filter class of our own: its parameter and query are its code
    path = item[0] if isinstance(item, list | tuple) else item
    if not isinstance(path, str):
        return False
    field, rest, _ = _resolve(model, path.split(LOOKUP_SEP))
    if field is None or rest:
        return False
    if field.is_relation:
        return is_account_model(field.related_model)  # the sidebar lists their names
    return is_value_field(field)


def _declared_fields(model_admin: Any) -> list[Any] | None:
    """The fields an admin (or inline) declared for its pages; None when it left the default."""
    if model_admin.fieldsets:
        lines = [line for _, options in model_admin.fieldsets for line in options.get("fields", ())]
    elif model_admin.fields is not None:
        lines = list(model_admin.fields)
    else:
        return None
    return [name for line in lines for name in (line if isinstance(line, list | tuple) else [line])]


def privacy_errors(model_admin: Any) -> list[checks.CheckMessage]:
    """What ``manage.py check`` says of an admin's (or inline's) declarations."""
    model, label = model_admin.model, type(model_admin).__qualname__
    errors: list[checks.CheckMessage] = []

    def error(code: str, message: str) -> None:
        errors.append(checks.Error(f"{label}: {message}", obj=model_admin, id=f"tribe.{code}"))

    declared = _declared_fields(model_admin)
    if declared is None:
        error("A001", "declare `fields`: the default shows every field, free text included")
    for name in declared or ():
        if isinstance(name, str) and not display_is_safe(model, name):
            error("A002", f"field {name!r} shows private text")
    for name in getattr(model_admin, "list_display", ()):
        if isinstance(name, str) and not display_is_safe(model, name):
            error("A003", f"column {name!r} shows private text")
    for item in getattr(model_admin, "list_filter", ()):
        if not filter_is_safe(model, item):
            error("A004", f"list_filter {item!r} is not a flag, date, number or state")
    for name in getattr(model_admin, "search_fields", ()):
        if not search_is_safe(model, name):
            error("A005", f"search_fields {name!r}: only an account's name and e-mail")
    for entry in model_admin.ordering or ():
        if (name := ordering_name(entry)) is None or not ordering_is_safe(model, name):
            error("A006", f"ordering {entry!r} sorts by private text")
    hierarchy = getattr(model_admin, "date_hierarchy", None)
    if hierarchy and not lookup_is_safe(model, hierarchy):
        error("A007", f"date_hierarchy {hierarchy!r} is not a date")
    return errors
