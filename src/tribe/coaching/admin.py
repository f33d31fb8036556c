"""Admin for coaching: how much a regimen is practised, never what it says.

An exercise is "Exercise 12" with its relationship, schedule, dates and how
many practices it has; a practice entry is its date and minutes; the terms of
sessions say whether they are paid and when they were recorded. Titles,
instructions, notes and amounts are the two people's own.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.core.admin import CountColumn, ReadOnlyAdmin, record_link
from tribe.relationships.models import Relationship


@admin.register(Exercise)
class ExerciseAdmin(ReadOnlyAdmin):
    list_display = (
        "record",
        "relationship_record",
        "every_days",
        "started_on",
        "retired_on",
        "practice_count",
        "created_at",
    )
    date_hierarchy = "started_on"
    fields = (
        "relationship_record",
        "every_days",
        "started_on",
        "retired_on",
        "practice_count",
        "created_at",
        "updated_at",
    )

    practice_count = CountColumn(_("practices"), "practice")

    @admin.display(description=_("relationship"), ordering="relationship")
    def relationship_record(self, exercise: Exercise) -> SafeString | str:
        return record_link(Relationship, exercise.relationship_id)


@admin.register(PracticeEntry)
class PracticeEntryAdmin(ReadOnlyAdmin):
    list_display = ("record", "exercise_record", "practised_on", "minutes", "created_at")
    date_hierarchy = "practised_on"
    fields = ("exercise_record", "practised_on", "minutes", "created_at", "updated_at")

    @admin.display(description=_("exercise"), ordering="exercise")
    def exercise_record(self, entry: PracticeEntry) -> SafeString | str:
        return record_link(Exercise, entry.exercise_id)


@admin.register(SessionTerms)
class SessionTermsAdmin(ReadOnlyAdmin):
    list_display = ("record", "relationship_record", "paid", "updated_at")
    list_filter = ("paid",)
    fields = ("relationship_record", "paid", "created_at", "updated_at")

    @admin.display(description=_("relationship"), ordering="relationship")
    def relationship_record(self, terms: SessionTerms) -> SafeString | str:
        return record_link(Relationship, terms.relationship_id)
