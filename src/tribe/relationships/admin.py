"""Admin for relationships: who with whom, where in the pipeline, how active.

Counts of meetings, notes and action items; never their contents, nor any of
the relationship's own text (purpose, agreement's confidentiality, the ask,
the request and its answers, a snooze's reason). A side that is an account is
named; a side that is only someone's contact is "Contact 12": the name belongs
to the contact's owner. So the relationship is "Relationship 12" in the admin,
not its ``__str__``, which names both sides.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tribe.core.admin import CountColumn, ReadOnlyAdmin, record_link
from tribe.people.models import Contact, Person
from tribe.relationships.models import Relationship


def _side(person: Person | None, contact_id: int | None) -> SafeString | str:
    if person is not None:
        return str(person)
    return record_link(Contact, contact_id)


@admin.register(Relationship)
class RelationshipAdmin(ReadOnlyAdmin):
    list_display = (
        "record",
        "mentee_side",
        "mentor_side",
        "kind",
        "status",
        "status_changed_at",
        "meeting_count",
        "note_count",
        "action_item_count",
        "created_at",
    )
    list_filter = ("status", "kind")
    # The contacts are not even read: only their ids are shown.
    list_select_related = ("mentee", "mentor")
    fields = (
        "mentee_side",
        "mentor_side",
        "created_by",
        "kind",
        "status",
        "status_changed_at",
        "mentee_consented_at",
        "mentor_consented_at",
        "asked_at",
        "nudges_sent",
        "last_nudge_at",
        "agreed_at",
        "cadence_days",
        "meeting_minutes",
        "channel",
        "starts_on",
        "ends_on",
        "update_every_days",
        "keep_in_touch",
        "snoozed_until",
        "meeting_count",
        "note_count",
        "action_item_count",
        "created_at",
        "updated_at",
    )

    meeting_count = CountColumn(_("meetings"), "meetings")
    note_count = CountColumn(_("notes"), "notes")
    action_item_count = CountColumn(_("action items"), "action_items")

    @admin.display(description=_("mentee"))
    def mentee_side(self, relationship: Relationship) -> SafeString | str:
        return _side(relationship.mentee, relationship.mentee_contact_id)

    @admin.display(description=_("mentor"))
    def mentor_side(self, relationship: Relationship) -> SafeString | str:
        return _side(relationship.mentor, relationship.mentor_contact_id)
