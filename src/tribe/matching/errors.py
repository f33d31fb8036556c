"""The error codes of matching: choosing the goal, the candidate, and "not a match".

A code's value is stable (the API and tests match it); its message is plain
English here, extracted for translation and translated when the error is
raised. The problems found in a file ``tribe match`` reads are per line, in
``roster.py``.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = ["MatchingCode"]

#: What ``MatchingCode.NO_GOAL`` lists when there is no open goal at all.
MSG_NONE_OPEN = gettext_noop("none open")


class MatchingCode(ErrorCode):
    """Error codes of matching: the value is stable (API, tests), the message is shown."""

    NO_GOAL = (
        "no_matching_goal",
        gettext_noop("no open goal matches “{goal}”; your open goals: {goals}"),
    )
    WHICH_GOAL = "which_goal", gettext_noop("say which goal (by id or part of its title): {goals}")
    NO_OPEN_GOAL = (
        "no_open_goal",
        gettext_noop("you have no open goal: add one first (what you want to learn, and by when)"),
    )
    NO_CANDIDATE = "candidate_not_found", gettext_noop("no such candidate")
    REASON_NEEDED = (
        "reason_needed",
        gettext_noop("say why, so you remember (for example “no time for mentees this year”)"),
    )
    ONE_CANDIDATE = "one_candidate", gettext_noop("choose one candidate: an account or a contact")
    NO_ENTRY = "not_a_match_not_found", gettext_noop("no such entry")
    MENTOR_FULL = (
        "mentor_full",
        gettext_noop("{name} has no free place for a mentee now; {next} has one"),
    )
    MENTOR_FULL_NO_OTHER = (
        "mentor_full_no_other",
        gettext_noop("{name} has no free place for a mentee now, nor has anyone else ranked here"),
    )
    # The directory's filters.
    QUERY_TOO_LONG = "query_too_long", gettext_noop("a search may be at most {limit} characters")
    BAD_OVERLAP = (
        "bad_overlap",
        gettext_noop("give the shared hours a day as a number from 0 to 24"),
    )
