"""Admin for programmes: counts, dates, states and scores, never text.

Site administrators look here; a programme's own administrators use its
pages. Every row is "Programme 3", "Participant 12": a programme's name and
description, a cohort's or survey's name, a roster row's names, e-mail and
department, a participant's intake (what they want and offer, their answers),
a run's explanations, an unmatched mentee's reason, a survey's questions and
every answer are text that people wrote or that names them, so none is shown,
filtered or sorted on. Token hashes are never shown (``allowlist.NEVER``).

Survey responses, a run's proposed pairs and unmatched mentees, and roster
uploads are deliberately not registered: they are counted on the survey's and
the run's pages, and their rows hold answers, explanations and whole files.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tribe.core.admin import CountColumn, ReadOnlyAdmin, record_link
from tribe.programs import models as m
from tribe.relationships.models import Relationship


class InProgramme(ReadOnlyAdmin):
    """An admin of rows that belong to a programme: its "programme" column, a link."""

    @admin.display(description=_("programme"), ordering="programme")
    def programme_record(self, obj: object) -> SafeString | str:
        return record_link(m.Programme, getattr(obj, "programme_id", None))


@admin.register(m.Programme)
class ProgrammeAdminPage(ReadOnlyAdmin):
    list_display = (
        "record",
        "evergreen",
        "mode",
        "objective",
        "archived_at",
        "admin_count",
        "cohort_count",
        "participant_count",
        "offer_count",
        "created_at",
    )
    list_filter = ("evergreen", "mode", "objective")
    date_hierarchy = "created_at"
    fields = (
        "evergreen",
        "default_cadence_days",
        "default_length_months",
        "mode",
        "objective",
        "fairness_floor",
        "min_overlap_hours",
        "min_seniority_gap",
        "require_shared_language",
        "forbid_same_reporting_line",
        "archived_at",
        "created_by",
        "admin_count",
        "cohort_count",
        "participant_count",
        "offer_count",
        "created_at",
        "updated_at",
    )

    admin_count = CountColumn(_("administrators"), "admins")
    cohort_count = CountColumn(_("cohorts"), "cohorts")
    participant_count = CountColumn(_("participants"), "participants")
    offer_count = CountColumn(_("offers"), "offers")


@admin.register(m.ProgrammeAdmin)
class ProgrammeAdminRoleAdmin(InProgramme):
    list_display = ("record", "programme_record", "person", "created_at")
    list_select_related = ("person",)
    fields = ("programme_record", "person", "created_at")


@admin.register(m.Cohort)
class CohortAdmin(InProgramme):
    list_display = (
        "record",
        "programme_record",
        "enrol_opens",
        "enrol_closes",
        "match_opens",
        "match_closes",
        "starts_on",
        "length_months",
        "participant_count",
    )
    date_hierarchy = "starts_on"
    fields = (
        "programme_record",
        "enrol_opens",
        "enrol_closes",
        "match_opens",
        "match_closes",
        "starts_on",
        "length_months",
        "participant_count",
        "created_at",
        "updated_at",
    )

    participant_count = CountColumn(_("participants"), "participants")


@admin.register(m.RosterEntry)
class RosterEntryAdmin(InProgramme):
    list_display = ("record", "programme_record", "hire_date", "active", "deactivated_at")
    list_filter = ("active",)
    fields = ("programme_record", "hire_date", "active", "deactivated_at", "created_at")


@admin.register(m.Participant)
class ParticipantAdmin(InProgramme):
    list_display = (
        "record",
        "programme_record",
        "person",
        "role",
        "status",
        "capacity",
        "joined_at",
        "left_at",
    )
    list_filter = ("role", "status")
    list_select_related = ("person",)
    date_hierarchy = "joined_at"
    fields = (
        "programme_record",
        "cohort_record",
        "person",
        "role",
        "status",
        "capacity",
        "joined_at",
        "left_at",
        "created_at",
        "updated_at",
    )

    @admin.display(description=_("cohort"))
    def cohort_record(self, obj: m.Participant) -> SafeString | str:
        return record_link(m.Cohort, obj.cohort_id)


@admin.register(m.Invitation)
class InvitationAdmin(InProgramme):
    list_display = ("record", "programme_record", "expires_at", "used_at", "revoked_at")
    date_hierarchy = "created_at"
    fields = ("programme_record", "expires_at", "used_at", "revoked_at", "created_at")


@admin.register(m.PairRule)
class PairRuleAdmin(InProgramme):
    list_display = ("record", "programme_record", "kind", "created_at")
    list_filter = ("kind",)
    fields = ("programme_record", "kind", "created_at")


@admin.register(m.MatchRun)
class MatchRunAdmin(InProgramme):
    list_display = (
        "record",
        "programme_record",
        "status",
        "pair_count",
        "unmatched_count",
        "created_at",
        "published_at",
    )
    list_filter = ("status",)
    date_hierarchy = "created_at"
    fields = (
        "programme_record",
        "status",
        "pair_count",
        "unmatched_count",
        "offer_count",
        "created_at",
        "published_at",
    )

    pair_count = CountColumn(_("pairs"), "pairs")
    unmatched_count = CountColumn(_("unmatched"), "unmatched")
    offer_count = CountColumn(_("offers"), "offers")


@admin.register(m.MatchOffer)
class MatchOfferAdmin(InProgramme):
    list_display = (
        "record",
        "programme_record",
        "score",
        "status",
        "mentee_answer",
        "mentor_answer",
        "created_at",
    )
    list_filter = ("status", "mentee_answer", "mentor_answer")
    date_hierarchy = "created_at"
    fields = (
        "programme_record",
        "run_record",
        "score",
        "status",
        "mentee_answer",
        "mentee_answered_at",
        "mentor_answer",
        "mentor_answered_at",
        "relationship_record",
        "created_at",
    )

    @admin.display(description=_("run"))
    def run_record(self, obj: m.MatchOffer) -> SafeString | str:
        return record_link(m.MatchRun, obj.run_id)

    @admin.display(description=_("relationship"))
    def relationship_record(self, obj: m.MatchOffer) -> SafeString | str:
        return record_link(Relationship, obj.relationship_id)


@admin.register(m.Survey)
class SurveyAdmin(InProgramme):
    list_display = (
        "record",
        "programme_record",
        "first_after_days",
        "every_days",
        "at_end",
        "response_count",
        "created_at",
    )
    list_filter = ("at_end",)
    fields = (
        "programme_record",
        "first_after_days",
        "every_days",
        "at_end",
        "response_count",
        "created_at",
        "updated_at",
    )

    response_count = CountColumn(_("responses"), "responses")
