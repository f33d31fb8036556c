"""Admin for relationships: who with whom, where in the pipeline, how active.

Counts of meetings, notes and action items; never their contents, nor the
confidentiality note of the agreement.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from tribe.relationships.models import Relationship
from tribe.web.admin_base import ReadOnlyAdmin


@admin.register(Relationship)
class RelationshipAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "kind",
        "status",
        "status_changed_at",
        "meeting_count",
        "note_count",
        "action_item_count",
        "created_at",
    )
    list_filter = ("status", "kind")
    list_select_related = ("mentee", "mentor", "mentee_contact", "mentor_contact")
    search_fields = ("mentee__email", "mentor__email")
    fields = (
        "mentee",
        "mentee_contact",
        "mentor",
        "mentor_contact",
        "created_by",
        "kind",
        "status",
        "status_changed_at",
        "cadence_days",
        "meeting_minutes",
        "channel",
        "starts_on",
        "ends_on",
        "meeting_count",
        "note_count",
        "action_item_count",
        "created_at",
        "updated_at",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Relationship]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                meeting_total=Count("meetings", distinct=True),
                note_total=Count("notes", distinct=True),
                action_total=Count("action_items", distinct=True),
            )
        )

    @admin.display(description="meetings", ordering="meeting_total")
    def meeting_count(self, relationship: Relationship) -> int:
        return relationship.meeting_total  # type: ignore[attr-defined,no-any-return]

    @admin.display(description="notes", ordering="note_total")
    def note_count(self, relationship: Relationship) -> int:
        return relationship.note_total  # type: ignore[attr-defined,no-any-return]

    @admin.display(description="action items", ordering="action_total")
    def action_item_count(self, relationship: Relationship) -> int:
        return relationship.action_total  # type: ignore[attr-defined,no-any-return]
