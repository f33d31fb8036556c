"""The error codes of programmes.

A code's value is stable (the API and tests match it); its message is plain
English here, extracted for translation and translated when the error is raised.
Each part of the app (enrolment, roster import, runs, offers, surveys) adds
its codes to this one table, grouped under a comment.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = ["ProgrammeCode"]


class ProgrammeCode(ErrorCode):
    """Error codes of programmes: the value is stable (API, tests), the message is shown."""

    # Programmes, their administrators and cohorts.
    NO_PROGRAMME = "programme_not_found", gettext_noop("no such programme")
    SLUG_TAKEN = "slug_taken", gettext_noop("another programme already uses “{slug}”")
    BAD_SLUG = (
        "bad_slug",
        gettext_noop("use lower-case letters, digits and hyphens, starting with a letter"),
    )
    ARCHIVED = "programme_archived", gettext_noop("this programme is archived")
    ALREADY_ADMIN = "already_admin", gettext_noop("{name} already administers this programme")
    LAST_ADMIN = (
        "last_admin",
        gettext_noop("a programme keeps at least one administrator: add another first"),
    )
    NO_ACCOUNT = "no_account", gettext_noop("nobody on Tribe has the address “{email}”")
    NO_COHORT = "cohort_not_found", gettext_noop("no such cohort in this programme")
    COHORT_NAME_TAKEN = "cohort_name_taken", gettext_noop("this programme already has “{name}”")
    BAD_CHOICE = "bad_choice", gettext_noop("“{value}” is not one of: {allowed}")
    BAD_WEIGHT = "bad_weight", gettext_noop("“{name}” is not a part of the score ({allowed})")
    BAD_QUESTION = "bad_question", gettext_noop("question {index}: {problem}")
