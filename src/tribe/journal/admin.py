"""Admin for the learning journal: how much people reflect, never what they wrote.

An entry is "Journal entry 12" by its author, with its date, whether it is
shared and how many goals and pieces of advice it links; its three texts
are its author's (and, once shared, the other side's) alone. The cadence is
not listed: it says nothing an administrator needs.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tribe.core.admin import CountColumn, ReadOnlyAdmin, record_link
from tribe.journal.models import JournalEntry
from tribe.meetings.models import Meeting
from tribe.relationships.models import Relationship


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "record",
        "author",
        "written_on",
        "shared",
        "relationship_record",
        "goal_count",
        "advice_count",
        "created_at",
    )
    list_filter = ("shared",)
    list_select_related = ("author",)
    date_hierarchy = "written_on"
    fields = (
        "author",
        "written_on",
        "shared",
        "relationship_record",
        "meeting_record",
        "goal_count",
        "advice_count",
        "created_at",
        "updated_at",
    )

    goal_count = CountColumn(_("goals"), "goals")
    advice_count = CountColumn(_("advice"), "advice")

    @admin.display(description=_("relationship"), ordering="relationship")
    def relationship_record(self, entry: JournalEntry) -> SafeString | str:
        return record_link(Relationship, entry.relationship_id)

    @admin.display(description=_("meeting"))
    def meeting_record(self, entry: JournalEntry) -> SafeString | str:
        return record_link(Meeting, entry.meeting_id)
