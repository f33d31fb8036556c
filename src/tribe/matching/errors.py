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

MSG_NO_GOAL = gettext_noop("no open goal matches “{goal}”; your open goals: {goals}")
#: What ``MSG_NO_GOAL`` lists when there is no open goal at all.
MSG_NONE_OPEN = gettext_noop("none open")
MSG_WHICH_GOAL = gettext_noop("say which goal (by id or part of its title): {goals}")
MSG_NO_OPEN_GOAL = gettext_noop(
    "you have no open goal: add one first (what you want to learn, and by when)"
)
MSG_NO_CANDIDATE = gettext_noop("no such candidate")
MSG_REASON = gettext_noop("say why, so you remember (for example “no time for mentees this year”)")
MSG_CANDIDATE = gettext_noop("choose one candidate: an account or a contact")
MSG_NO_ENTRY = gettext_noop("no such entry")


class MatchingCode(ErrorCode):
    """Error codes of matching: the value is stable (API, tests), the message is shown."""

    NO_GOAL = "no_matching_goal", MSG_NO_GOAL
    WHICH_GOAL = "which_goal", MSG_WHICH_GOAL
    NO_OPEN_GOAL = "no_open_goal", MSG_NO_OPEN_GOAL
    NO_CANDIDATE = "candidate_not_found", MSG_NO_CANDIDATE
    REASON_NEEDED = "reason_needed", MSG_REASON
    ONE_CANDIDATE = "one_candidate", MSG_CANDIDATE
    NO_ENTRY = "not_a_match_not_found", MSG_NO_ENTRY
