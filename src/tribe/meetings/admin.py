"""Admin for meetings: dates and statuses only.

A meeting is "Meeting 12" of "Relationship 3": its title, location and agenda
say what was discussed or where someone was, and the relationship's own name
can be a contact's (see relationships/admin.py).

Notes are deliberately not registered: their bodies are readable by their
author (and, when shared, the other side) alone, administrators included.
Action items are counted on the relationship page, not listed.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tribe.core.admin import CountColumn, ReadOnlyAdmin, record_link
from tribe.meetings.models import Meeting, MeetingSeries
from tribe.relationships.models import Relationship


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = (
        "record",
        "relationship_record",
        "starts_at",
        "ends_at",
        "status",
        "note_count",
        "sequence",
    )
    list_filter = ("status",)
    date_hierarchy = "starts_at"
    fields = (
        "relationship_record",
        "series_record",
        "starts_at",
        "ends_at",
        "status",
        "sequence",
        "follow_up_sent_at",
        "note_count",
        "created_at",
        "updated_at",
    )

    note_count = CountColumn(_("notes"), "notes")

    @admin.display(description=_("relationship"), ordering="relationship")
    def relationship_record(self, meeting: Meeting) -> SafeString | str:
        return record_link(Relationship, meeting.relationship_id)

    @admin.display(description=_("series"))
    def series_record(self, meeting: Meeting) -> SafeString | str:
        return record_link(MeetingSeries, meeting.series_id)
