"""The error codes of the ledger (contact logs, snoozes, questions, advice, thanks, wins).

A code's value is stable (the API and tests match it); its message is plain
English here, extracted for translation and translated when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = ["MSG_NOT_KEEPER", "LedgerCode"]

#: ``NOT_MENTEE`` outside a mentor relationship, where the keeper is nobody's mentee.
MSG_NOT_KEEPER = gettext_noop("the advice log is {name}'s own record: only {name} writes in it")


class LedgerCode(ErrorCode):
    """Error codes of the ledger: the value is stable (API, tests), the message is shown."""

    FUTURE_DATE = "future_date", gettext_noop("cannot be in the future")
    SNOOZE_PAST = "snooze_past", gettext_noop("must be after today")
    SNOOZE_TOO_LONG = (
        "snooze_too_long",
        gettext_noop("a snooze lasts at most {days} days; pause the relationship instead"),
    )
    SNOOZE_REASON = (
        "snooze_reason_needed",
        gettext_noop("say why, so future you knows (for example “she is on leave until May”)"),
    )
    BAD_DECISION = "bad_decision", gettext_noop("“{value}” is not a decision ({allowed})")
    REASON_NEEDED = "reason_needed", gettext_noop("give a reason when you park or set aside advice")
    REASON_WITHOUT_DECISION = (
        "reason_without_decision",
        gettext_noop("a reason goes with a decision: give the decision too"),
    )
    ELSEWHERE = "other_relationship", gettext_noop("belongs to another relationship")
    BAD_GRATITUDE_KIND = (
        "bad_gratitude_kind",
        gettext_noop("“{value}” is not a kind of thanks ({allowed})"),
    )
    BAD_TOUCHPOINT_KIND = (
        "bad_touchpoint_kind",
        gettext_noop("“{value}” is not a kind of contact ({allowed})"),
    )
    NOT_MENTEE = (
        "not_mentee",
        gettext_noop("the advice log is the mentee's own record: only the mentee writes in it"),
    )
    FOREIGN_GOAL = "foreign_goal", gettext_noop("is not one of your goals")
    NO_TOUCHPOINT = "touchpoint_not_found", gettext_noop("no such contact log")
    NO_ADVICE = "advice_not_found", gettext_noop("no such advice")
    NO_QUESTION = "question_not_found", gettext_noop("no such question")
    NO_WIN = "win_not_found", gettext_noop("no such win")
    NO_OUTCOME_YET = (
        "no_outcome_yet",
        gettext_noop("record how it went first: there is no outcome to share yet"),
    )
    MENTOR_IS_CONTACT = (
        "mentor_is_contact",
        gettext_noop("{name} has no account here: tell them yourself, in your next update"),
    )
    SENDER_UNVERIFIED = (
        "sender_unverified",
        gettext_noop(
            "confirm your own e-mail address first (the link is in the mail Tribe sent "
            "when you signed up): until then Tribe sends nothing in your name"
        ),
    )
    MAIL_LIMIT = (
        "mail_limit",
        gettext_noop(
            "Tribe has sent {limit} mails in your name in the last 24 hours, as many as "
            "it sends in a day: copy the text and send it yourself, or try again tomorrow"
        ),
    )
    NO_EMAIL_ADDRESS = (
        "no_email_address",
        gettext_noop(
            "{name} has no e-mail address on record: copy the text and send it "
            "the way you know them"
        ),
    )
    FOLLOW_UP_ALREADY_SENT = (
        "follow_up_already_sent",
        gettext_noop("the follow-up is already recorded as sent: it goes out once"),
    )
    UPDATE_ALREADY_SENT = (
        "update_already_sent",
        gettext_noop("this update is already recorded as sent today: it goes out once"),
    )
    MENTOR_NOT_AGREED = (
        "mentor_not_agreed",
        gettext_noop("{name} has not said yes to this relationship yet: share once they have"),
    )
