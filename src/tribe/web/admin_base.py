"""What every Tribe admin page shares.

The admin is for site administrators to look, not to edit: every write goes
through a service (STYLE.md, "one place writes"), and a ModelAdmin's save
would bypass it. Administrators see counts, dates and states, never the
contents of notes or other private text (PRODUCT.md, Privacy).

Not showing text is not enough: a changelist that filters on it answers
``?why__startswith=a`` with a count, and hidden text (a password hash too) can
be read one character at a time; a list sorted by a hidden column leaks its
order. So the query string is held to an allow-list:

- filters (``lookup_allowed``) only on booleans, dates and times, numbers,
  choices and related ids, on the model or through relations, with plain
  comparisons; anything else is refused with Django's
  ``DisallowedModelAdminLookup``, a 400 "Bad Request";
- sorting only by columns whose values are such facts (or counts);
- search only on an account's name and e-mail address (administrators manage
  accounts); on any other model ``?q=`` does nothing;
- ``?_to_field=`` (popups) only the primary key.

Titles and breadcrumbs show "Goal 12", never the object's ``__str__`` (a
goal's title, a contact's name), and so do admin log entries. Each admin's
declared columns, fields, filters and search are also checked by
``manage.py check`` (errors ``tribe.A00x``) against the same rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.filters import ListFilter
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.options import get_content_type_for_model
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core import checks
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst

#: Fields whose values are facts, not words: safe to filter and sort on.
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
        (entry_name := _ordering_name(entry)) is not None
        and ordering_is_safe(related, entry_name, depth + 1)
        for entry in (related._meta.ordering or ["pk"])
    )


def _ordering_name(entry: Any) -> str | None:
    """The field name of an ordering entry: a string, ``F("x")`` or ``F("x").desc()``."""
    if isinstance(entry, str):
        return entry
    expression = getattr(entry, "expression", entry)
    name = getattr(expression, "name", None)
    return name if isinstance(name, str) else None


def _search_is_safe(model: type[models.Model], name: str) -> bool:
    return is_account_model(model) and name.lstrip("^=@") in ACCOUNT_SEARCH


def _filter_is_safe(model: type[models.Model], item: Any) -> bool:
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


def record_title(model: type[models.Model], pk: object) -> str:
    """What the admin calls a row: "Goal 12", never its text."""
    return f"{capfirst(model._meta.verbose_name)} {pk}"


def record_link(model: type[models.Model], pk: object) -> SafeString | str:
    """ "Goal 12", linked to its admin page when there is one."""
    if pk is None:
        return "-"
    title = record_title(model, pk)
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return title
    return format_html('<a href="{}">{}</a>', url, title)


@dataclass(frozen=True)
class _Titled:
    """Stands in for the object in the change form's and history page's templates.

    They print the object (``{{ original }}``) in the breadcrumbs and use its
    ``pk`` for links; this one prints its title.
    """

    pk: object
    title: str

    def __str__(self) -> str:
        return self.title


def _safe_change_message(message: Any) -> str:
    """A log entry's message without object names (inline rows are named by their text)."""
    if not isinstance(message, list):
        return str(message)
    clean = []
    for item in message:
        entry = {}
        for action, detail in item.items():
            if isinstance(detail, dict) and "object" in detail:
                detail = {**detail, "object": "…"}
            entry[action] = detail
        clean.append(entry)
    return json.dumps(clean)


class _SafeChangeList(ChangeList):
    """``?o=`` sorts by a column's field even when the column is not sortable: not here."""

    def get_ordering_field(self, field_name: Any) -> Any:
        order_field = super().get_ordering_field(field_name)
        if order_field is None:
            return None
        sortable = self.sortable_by
        if sortable is not None and field_name not in sortable:
            return None
        name = _ordering_name(order_field)
        if name is None:
            return None
        if name.removeprefix("-") in self.root_queryset.query.annotations:
            return order_field  # the admin's own counts
        return order_field if ordering_is_safe(self.model, name) else None


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
        if not _filter_is_safe(model, item):
            error("A004", f"list_filter {item!r} is not a flag, date, number or state")
    for name in getattr(model_admin, "search_fields", ()):
        if not _search_is_safe(model, name):
            error("A005", f"search_fields {name!r}: only an account's name and e-mail")
    for entry in model_admin.ordering or ():
        if (name := _ordering_name(entry)) is None or not ordering_is_safe(model, name):
            error("A006", f"ordering {entry!r} sorts by private text")
    hierarchy = getattr(model_admin, "date_hierarchy", None)
    if hierarchy and not lookup_is_safe(model, hierarchy):
        error("A007", f"date_hierarchy {hierarchy!r} is not a date")
    return errors


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # -- read-only -------------------------------------------------------------------

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # -- the query string ----------------------------------------------------------------

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        """Only the allow-list (see the module); Django's own rules on top."""
        custom = {
            item.parameter_name
            for item in self.list_filter
            if isinstance(item, type) and hasattr(item, "parameter_name")
        }
        if lookup in custom:
            return True
        if not lookup_is_safe(self.model, lookup):
            return False
        return bool(super().lookup_allowed(lookup, value, request))

    def to_field_allowed(self, request: HttpRequest, to_field: str) -> bool:
        """Popups return the chosen row's key: only ever its primary key."""
        pk = self.model._meta.pk
        return pk is not None and to_field in (pk.name, pk.attname)

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        return [f for f in super().get_search_fields(request) if _search_is_safe(self.model, f)]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [f for f in super().get_list_filter(request) if _filter_is_safe(self.model, f)]

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        declared = self.ordering or self.model._meta.ordering or ()
        safe = [
            entry
            for entry in declared
            if (name := _ordering_name(entry)) is not None and ordering_is_safe(self.model, name)
        ]
        return safe or ["-pk"]

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return _SafeChangeList

    # -- what pages show -------------------------------------------------------------

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        shown = [
            column
            for column in super().get_list_display(request)
            if not isinstance(column, str) or display_is_safe(self.model, column)
        ]
        return shown or ["record"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [
            (title, {**options, "fields": _keep_safe(self.model, options.get("fields", ()))})
            for title, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description="record", ordering="pk")
    def record(self, obj: models.Model) -> str:
        return record_title(self.model, obj.pk)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        pk = unquote(object_id)
        title = record_title(self.model, pk)
        context = {"subtitle": title, "original": _Titled(pk, title), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        pk = unquote(object_id)
        title = record_title(self.model, pk)
        context = {
            "title": f"Change history: {title}",
            "object": _Titled(pk, title),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    # -- the admin's log: what "recent actions" and history pages show --------------

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> LogEntry:
        return self._log(request, [obj], ADDITION, message)[0]

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> LogEntry:
        return self._log(request, [obj], CHANGE, message)[0]

    def log_deletions(self, request: HttpRequest, queryset: Any) -> list[LogEntry]:
        return self._log(request, queryset, DELETION, "")

    def _log(
        self, request: HttpRequest, objects: Iterable[Any], flag: int, message: Any
    ) -> list[LogEntry]:
        content_type = get_content_type_for_model(self.model)
        entries = [
            LogEntry(
                user_id=cast(int, request.user.pk),
                content_type_id=content_type.pk,
                object_id=str(obj.pk),
                object_repr=record_title(self.model, obj.pk),
                action_flag=flag,
                change_message=_safe_change_message(message),
            )
            for obj in objects
        ]
        return LogEntry.objects.bulk_create(entries)

    # -- checks ------------------------------------------------------------------------

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = [*super().check(**kwargs), *privacy_errors(self)]
        for inline in self.inlines:
            if not issubclass(inline, ReadOnlyInline):
                errors.append(
                    checks.Error(
                        f"{type(self).__qualname__}: inline {inline.__qualname__} "
                        "must derive from ReadOnlyInline",
                        obj=self,
                        id="tribe.A008",
                    )
                )
        return errors


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [
            (title, {**options, "fields": _keep_safe(self.model, options.get("fields", ()))})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        return [*super().check(**kwargs), *privacy_errors(self)]


def _keep_safe(model: type[models.Model], fields: Iterable[Any]) -> list[Any]:
    """A fieldset's fields without any that would show private text (lines kept together)."""
    kept: list[Any] = []
    for line in fields:
        if isinstance(line, list | tuple):
            safe = [name for name in line if display_is_safe(model, name)]
            if safe:
                kept.append(tuple(safe))
        elif not isinstance(line, str) or display_is_safe(model, line):
            kept.append(line)
    return kept
