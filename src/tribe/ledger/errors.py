"""The error codes of the ledger (contact logs, snoozes, questions, advice, thanks, wins).

A code's value is stable (the API and tests match it); its message is plain
English here, extracted for translation and translated when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = ["LedgerCode"]

MSG_FUTURE_DATE = gettext_noop("cannot be in the future")
MSG_SNOOZE_PAST = gettext_noop("must be after today")
MSG_SNOOZE_TOO_LONG = gettext_noop(
    "a snooze lasts at most {days} days; pause the relationship instead"
)
MSG_SNOOZE_REASON = gettext_noop(
    "say why, so future you knows (for example “she is on leave until May”)"
)
MSG_DECISION = gettext_noop("“{value}” is not a decision ({allowed})")
MSG_REASON_NEEDED = gettext_noop("give a reason when you park or set aside advice")
MSG_REASON_WITHOUT_DECISION = gettext_noop("a reason goes with a decision: give the decision too")
MSG_ADVICE_ELSEWHERE = gettext_noop("belongs to another relationship")
MSG_GRATITUDE_KIND = gettext_noop("“{value}” is not a kind of thanks ({allowed})")
MSG_TOUCHPOINT_KIND = gettext_noop("“{value}” is not a kind of contact ({allowed})")
MSG_ADVICE_MENTEE_ONLY = gettext_noop(
    "the advice log is the mentee's own record: only the mentee writes in it"
)
MSG_FOREIGN_GOAL = gettext_noop("is not one of your goals")
MSG_NO_TOUCHPOINT = gettext_noop("no such contact log")
MSG_NO_ADVICE = gettext_noop("no such advice")
MSG_NO_QUESTION = gettext_noop("no such question")
MSG_NO_WIN = gettext_noop("no such win")


class LedgerCode(ErrorCode):
    """Error codes of the ledger: the value is stable (API, tests), the message is shown."""

    FUTURE_DATE = "future_date", MSG_FUTURE_DATE
    SNOOZE_PAST = "snooze_past", MSG_SNOOZE_PAST
    SNOOZE_TOO_LONG = "snooze_too_long", MSG_SNOOZE_TOO_LONG
    SNOOZE_REASON = "snooze_reason_needed", MSG_SNOOZE_REASON
    BAD_DECISION = "bad_decision", MSG_DECISION
    REASON_NEEDED = "reason_needed", MSG_REASON_NEEDED
    REASON_WITHOUT_DECISION = "reason_without_decision", MSG_REASON_WITHOUT_DECISION
    ELSEWHERE = "other_relationship", MSG_ADVICE_ELSEWHERE
    BAD_GRATITUDE_KIND = "bad_gratitude_kind", MSG_GRATITUDE_KIND
    BAD_TOUCHPOINT_KIND = "bad_touchpoint_kind", MSG_TOUCHPOINT_KIND
    NOT_MENTEE = "not_mentee", MSG_ADVICE_MENTEE_ONLY
    FOREIGN_GOAL = "foreign_goal", MSG_FOREIGN_GOAL
    NO_TOUCHPOINT = "touchpoint_not_found", MSG_NO_TOUCHPOINT
    NO_ADVICE = "advice_not_found", MSG_NO_ADVICE
    NO_QUESTION = "question_not_found", MSG_NO_QUESTION
    NO_WIN = "win_not_found", MSG_NO_WIN
