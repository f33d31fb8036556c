"""Admin for meetings: dates and statuses only.

Notes are deliberately not registered: their bodies are readable by their
author (and, when shared, the other side) alone, administrators included.
Action items are counted on the relationship page, not listed.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from tribe.meetings.models import Meeting
from tribe.web.admin_base import ReadOnlyAdmin


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("relationship", "starts_at", "ends_at", "status", "note_count", "sequence")
    list_filter = ("status",)
    list_select_related = (
        "relationship__mentee",
        "relationship__mentor",
        "relationship__mentee_contact",
        "relationship__mentor_contact",
    )
    date_hierarchy = "starts_at"
    # The title and location can say what was discussed or where someone was.
    fields = (
        "relationship",
        "starts_at",
        "ends_at",
        "timezone",
        "status",
        "sequence",
        "note_count",
        "created_at",
        "updated_at",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        return super().get_queryset(request).annotate(note_total=Count("notes"))

    @admin.display(description="notes", ordering="note_total")
    def note_count(self, meeting: Meeting) -> int:
        return meeting.note_total  # type: ignore[attr-defined,no-any-return]
