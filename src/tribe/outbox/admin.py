"""Admin for the outbox: what was sent and whether it worked, never what it said.

A site administrator looking into "I never got the mail" needs the kind, the
state, the attempts, the dates and the reason of the last failure; the
subject, the text and the address are the recipient's (a subject can name the
other side of a relationship), so they are not shown, nor is the reason of a
failure (a mail server's answer quotes the address): the person sees it on
their notifications page. The queue of
background tasks (django-tasks' own admin shows each task's arguments) is
replaced by the same kind of read-only list.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from tribe.core.admin import ReadOnlyAdmin
from tribe.outbox.models import Message


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = (
        "record",
        "kind",
        "channel",
        "status",
        "attempts",
        "person",
        "created_at",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("status", "kind", "channel")
    list_select_related = ("person",)
    date_hierarchy = "created_at"
    fields = (
        "kind",
        "channel",
        "status",
        "attempts",
        "person",
        "created_at",
        "next_attempt_at",
        "lease_until",
        "sent_at",
    )


if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(ReadOnlyAdmin):
    list_display = (
        "record",
        "task",
        "status",
        "priority",
        "enqueued_at",
        "started_at",
        "finished_at",
    )
    list_filter = ("status",)
    date_hierarchy = "enqueued_at"
    fields = ("task", "status", "priority", "enqueued_at", "started_at", "finished_at")

    @admin.display(description=_("task"))
    def task(self, obj: DBTaskResult) -> str:  # type: ignore[type-arg]
        # The dotted path of Tribe's own code (its arguments, ids and slots, are not shown).
        return str(obj.task_path)
