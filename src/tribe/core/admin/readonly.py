"""The read-only ModelAdmin and inline every Tribe admin derives from (see ``tribe.core.admin``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.options import BaseModelAdmin, get_content_type_for_model
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core import checks
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from tribe.core.admin.allowlist import (
    display_is_safe,
    filter_is_safe,
    lookup_is_safe,
    ordering_is_safe,
    ordering_name,
    privacy_errors,
    search_is_safe,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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


class CountColumn:
    """A column (and change-page field) of how many ``relation`` rows an object has.

    Declared on a ReadOnlyAdmin as ``goal_count = CountColumn(_("goals"), "goals")``:
    the admin counts every such column in its list's one query (``goal_total``,
    distinct, so that two counts in one query do not multiply each other), and
    the column sorts by that count.
    """

    admin_order_field: str  # the annotation: named after the column when it is declared

    def __init__(self, description: StrOrPromise, relation: str) -> None:
        self.short_description = description
        self.relation = relation

    def __set_name__(self, owner: type, name: str) -> None:
        self.admin_order_field = f"{name.removesuffix('_count')}_total"

    def __call__(self, obj: models.Model) -> int:
        return cast(int, getattr(obj, self.admin_order_field))


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
        name = ordering_name(order_field)
        if name is None:
            return None
        if name.removeprefix("-") in self.root_queryset.query.annotations:
            return order_field  # the admin's own counts
        return order_field if ordering_is_safe(self.model, name) else None


class _ReadOnlyPages(BaseModelAdmin):  # type: ignore[type-arg]
    """What a Tribe admin and its inlines share: nothing added or changed, no private field."""

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


class ReadOnlyAdmin(_ReadOnlyPages, admin.ModelAdmin):  # type: ignore[type-arg]
    # -- read-only -------------------------------------------------------------------

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
        return [f for f in super().get_search_fields(request) if search_is_safe(self.model, f)]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [f for f in super().get_list_filter(request) if filter_is_safe(self.model, f)]

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        declared = self.ordering or self.model._meta.ordering or ()
        safe = [
            entry
            for entry in declared
            if (name := ordering_name(entry)) is not None and ordering_is_safe(self.model, name)
        ]
        return safe or ["-pk"]

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return _SafeChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset(request)
        columns = (getattr(type(self), name) for name in dir(type(self)))
        totals = {
            column.admin_order_field: Count(column.relation, distinct=True)
            for column in columns
            if isinstance(column, CountColumn)
        }
        return rows.annotate(**totals) if totals else rows

    # -- what pages show -------------------------------------------------------------

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        shown = [
            column
            for column in super().get_list_display(request)
            if not isinstance(column, str) or display_is_safe(self.model, column)
        ]
        return shown or ["record"]

    @admin.display(description=gettext_lazy("record"), ordering="pk")
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
            "title": gettext("Change history: {title}").format(title=title),
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
        errors = super().check(**kwargs)  # Django's, then the allow-list's (tribe.A001–A007)
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


class ReadOnlyInline(_ReadOnlyPages, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False
    show_change_link = False


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
