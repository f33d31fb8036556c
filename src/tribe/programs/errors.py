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
    NOT_ADMIN = "not_admin", gettext_noop("{name} is not an administrator of this programme")
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

    # Roster import (programs/roster_import.py): the file, its mapping, its rows.
    ROSTER_TOO_BIG = (
        "roster_too_big",
        gettext_noop("the file is {size} MB; the limit is {limit} MB"),
    )
    ROSTER_TOO_MANY_ROWS = (
        "roster_too_many_rows",
        gettext_noop("the file has more than {limit} rows; split it or ask for a higher limit"),
    )
    ROSTER_NOT_CSV = (
        "roster_not_csv",
        gettext_noop(
            "this is not a CSV file ({kind}); export the roster as CSV "
            "(separated by commas, semicolons or tabs)"
        ),
    )
    ROSTER_EMPTY = "roster_empty", gettext_noop("the file has no rows under its header")
    ROSTER_UNKNOWN_FIELD = (
        "roster_unknown_field",
        gettext_noop("“{value}” is not a roster field ({allowed})"),
    )
    ROSTER_NO_COLUMN = "roster_no_column", gettext_noop("the file has no column “{column}”")
    ROSTER_FIELD_TWICE = (
        "roster_field_twice",
        gettext_noop("two columns are mapped to “{field}”: {columns}"),
    )
    ROSTER_FIELD_UNMAPPED = (
        "roster_field_unmapped",
        gettext_noop("no column is mapped to “{field}”; the header has: {columns}"),
    )
    ROSTER_REQUIRED = "roster_required", gettext_noop("is empty; every row needs one")
    ROSTER_BAD_EMAIL = (
        "roster_bad_email",
        gettext_noop("“{value}” is not a valid e-mail address"),
    )
    ROSTER_DUPLICATE = "roster_duplicate", gettext_noop("“{value}” is also on line {first_line}")
    ROSTER_BAD_DATE = (
        "roster_bad_date",
        gettext_noop("cannot read the date “{value}”; write it as YYYY-MM-DD (1900 to 2200)"),
    )
    ROSTER_BAD_STATUS = (
        "roster_bad_status",
        gettext_noop("“{value}” is not a status Tribe knows (active: {active}; left: {left})"),
    )
    ROSTER_NO_MANAGER = (
        "roster_no_manager",
        gettext_noop("nobody in the file or the roster has “{value}”"),
    )
    ROSTER_CYCLE = (
        "roster_cycle",
        gettext_noop("the manager chain goes round in a circle: {people}"),
    )
    ROSTER_EMAIL_TAKEN = (
        "roster_email_taken",
        gettext_noop("“{value}” belongs to employee “{employee}” in the roster"),
    )
    ROSTER_BAD_MAP = (
        "roster_bad_map",
        gettext_noop("“{value}” is not COLUMN=FIELD (COLUMN= leaves a column out)"),
    )
    NO_UPLOAD = (
        "roster_upload_not_found",
        gettext_noop("no such upload (it may have been applied already)"),
    )

    # Enrolment (programs/enrolment.py): invitations, the sign-up link, the intake.
    INVITATION_INVALID = (
        "invitation_invalid",
        gettext_noop("this link is not valid: check that it was copied whole"),
    )
    INVITATION_EXPIRED = (
        "invitation_expired",
        gettext_noop(
            "this invitation has expired: ask the programme's administrators for a new one"
        ),
    )
    INVITATION_USED = "invitation_used", gettext_noop("this invitation has already been used")
    INVITATION_REVOKED = (
        "invitation_revoked",
        gettext_noop("this invitation was withdrawn by the programme's administrators"),
    )
    WRONG_ADDRESS = (
        "invitation_wrong_address",
        gettext_noop(
            "this invitation is for {email}, and you are signed in as {mine}: sign in "
            "with the invited address, or ask for an invitation to yours"
        ),
    )
    UNVERIFIED = (
        "email_unverified",
        gettext_noop(
            "confirm your e-mail address first: open the link we sent you, "
            "or ask for a new one on your profile"
        ),
    )
    ALREADY_ENROLLED = (
        "already_enrolled",
        gettext_noop("{email} is already enrolled in this programme"),
    )
    SIGNUP_CLOSED = (
        "signup_closed",
        gettext_noop("this sign-up link is closed or has been replaced"),
    )
    NO_INVITATION = "invitation_not_found", gettext_noop("no such invitation in this programme")
    NO_PARTICIPANT = "participant_not_found", gettext_noop("no such participant in this programme")
    PARTICIPANT_LEFT = "participant_left", gettext_noop("this participant has left the programme")
    MENTOR_CAPACITY = (
        "mentor_capacity",
        gettext_noop("a mentor takes between 1 and {high} mentees"),
    )
    NOT_A_MENTOR = (
        "not_a_mentor",
        gettext_noop("participant {value} is not a mentor enrolled in this programme"),
    )
    NOT_A_PARTICIPANT = (
        "not_a_participant",
        gettext_noop("participant {value} is not in this programme"),
    )
    SELF_NAMED = "self_named", gettext_noop("you cannot name yourself here")
    NAMED_TWICE = "named_twice", gettext_noop("participant {value} is named twice")
    PREFERRED_AND_AVOIDED = (
        "preferred_and_avoided",
        gettext_noop("participant {value} is both preferred and avoided"),
    )
    MENTEES_ONLY = (
        "mentees_only",
        gettext_noop("only a mentee ranks mentors they would like"),
    )
    UNKNOWN_QUESTION = (
        "unknown_question",
        gettext_noop("“{key}” is not one of this programme's questions"),
    )

    # Engagement, surveys and reports (programs/surveys.py, engagement.py, reports.py).
    NO_SURVEY = "survey_not_found", gettext_noop("no such survey in this programme")
    SURVEY_NAME_TAKEN = "survey_name_taken", gettext_noop("this programme already has “{name}”")
    SURVEY_NO_QUESTIONS = "survey_no_questions", gettext_noop("a survey asks at least one question")
    SURVEY_QUESTIONS_LOCKED = (
        "survey_questions_locked",
        gettext_noop(
            "people have answered this survey: its questions stay as they were "
            "(make a new survey to ask others)"
        ),
    )
    SURVEY_NOT_DUE = (
        "survey_not_due",
        gettext_noop("this survey is not open for this relationship at this point"),
    )
    SURVEY_ANSWERED = "survey_answered", gettext_noop("you have already answered this survey here")
    SURVEY_EMPTY_ANSWER = "survey_empty_answer", gettext_noop("answer at least one question")
    SURVEY_NOT_A_QUESTION = (
        "survey_not_a_question",
        gettext_noop("“{key}” is not a question of this survey"),
    )
    SURVEY_NOT_A_NUMBER = "survey_not_a_number", gettext_noop("must be a whole number")
    NO_PAIR = "pair_not_found", gettext_noop("no such relationship of yours in this programme")

    # Match runs and offers (programs/runs.py, programs/offers.py).
    NO_RUN = "run_not_found", gettext_noop("no such match run in this programme")
    NO_OFFER = "offer_not_found", gettext_noop("no such offer")
    RUN_NOT_PREVIEW = (
        "run_not_preview",
        gettext_noop("this run is {status}: only a preview can be published or discarded"),
    )
    RUN_NOT_LATEST = (
        "run_not_latest",
        gettext_noop("a newer run exists for these people: publish that one, or run again"),
    )
    RUN_STALE = (
        "run_stale",
        gettext_noop(
            "people changed since this run ({count} pairs are no longer possible): run again"
        ),
    )
    RUN_EMPTY = "run_empty", gettext_noop("nobody is waiting for a match here")
    RUN_REFUSED = "run_refused", gettext_noop("the matching refused these settings: {problem}")
    BAD_RULE_KIND = "bad_rule_kind", gettext_noop("“{value}” is not one of: {allowed}")
    NOT_A_MENTEE = (
        "not_a_mentee",
        gettext_noop("participant {value} is not a mentee enrolled in this programme"),
    )
    LANGUAGES_NEEDED = (
        "languages_needed",
        gettext_noop("name at least one language you speak: this programme matches by it"),
    )
    ROLE_IN_USE = (
        "role_in_use",
        gettext_noop("you have a match as {role} in this programme: keep that role while it runs"),
    )
    OFFER_CLOSED = (
        "offer_closed",
        gettext_noop("this offer is {status}: it can no longer be answered"),
    )
    OFFER_ANSWERED = "offer_answered", gettext_noop("you have already answered this offer")

    # Provisioning over SCIM (programs/provisioning.py): its tokens and roster writes.
    SCIM_TOKEN_NOT_FOUND = "scim_token_not_found", gettext_noop("no such SCIM token")
    SCIM_TOKEN_REVOKED = "scim_token_revoked", gettext_noop("this SCIM token is already revoked")
    SCIM_TOO_MANY_TOKENS = (
        "scim_too_many_tokens",
        gettext_noop("a programme has at most {limit} SCIM tokens in use: revoke one first"),
    )
    SCIM_INVALID = "scim_invalid", gettext_noop("{problem}")
    SCIM_TAKEN = (
        "scim_taken",
        gettext_noop("another person on the roster already has “{value}”"),
    )
    SCIM_BAD_FILTER = (
        "scim_bad_filter",
        gettext_noop("the filter cannot be read or uses what is not supported: {problem}"),
    )
    SCIM_NO_USER = "scim_no_user", gettext_noop("no such person on this programme's roster")
