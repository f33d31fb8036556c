"""Admin for advocacy asks: how many, of which status, and when, never what was asked.

An ask is "Advocacy ask 12" in its relationship, with its status and the day
of each step; whom the sponsor speaks to, about what, the case, the notes and
the outcome are the two sides' alone.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tribe.advocacy.models import AdvocacyAsk
from tribe.core.admin import ReadOnlyAdmin, record_link
from tribe.relationships.models import Relationship


@admin.register(AdvocacyAsk)
class AdvocacyAskAdmin(ReadOnlyAdmin):
    list_display = (
        "record",
        "relationship_record",
        "status",
        "asked_on",
        "by_when",
        "answered_on",
        "spoke_on",
        "outcome_on",
        "withdrawn_on",
    )
    list_filter = ("status",)
    date_hierarchy = "asked_on"
    fields = (
        "relationship_record",
        "status",
        "asked_on",
        "by_when",
        "answered_on",
        "spoke_on",
        "outcome_on",
        "withdrawn_on",
        "created_at",
        "updated_at",
    )

    @admin.display(description=_("relationship"), ordering="relationship")
    def relationship_record(self, ask: AdvocacyAsk) -> SafeString | str:
        return record_link(Relationship, ask.relationship_id)
