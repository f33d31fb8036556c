"""The error codes of advocacy asks.

A code's value is stable (the API and tests match it); its message is plain
English here, extracted for translation and translated when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = [
    "MSG_STATE",
    "STEP_AGREE",
    "STEP_DECLINE",
    "STEP_DONE",
    "STEP_OUTCOME",
    "STEP_WITHDRAW",
    "AdvocacyCode",
]

#: Each step as ``AdvocacyCode.BAD_STEP`` names it ("so it cannot be {step} now").
STEP_AGREE = gettext_noop("agreed to")
STEP_DECLINE = gettext_noop("declined")
STEP_DONE = gettext_noop("marked done")
STEP_OUTCOME = gettext_noop("given an outcome")
STEP_WITHDRAW = gettext_noop("withdrawn")


#: Where an ask stands, as ``AdvocacyCode.BAD_STEP`` says it, by status.
MSG_STATE = {
    "asked": gettext_noop("the sponsor has not answered this ask yet"),
    "agreed": gettext_noop("the sponsor has already agreed to this ask"),
    "declined": gettext_noop("the sponsor has declined this ask"),
    "done": gettext_noop("the sponsor has already spoken up for this ask"),
    "outcome": gettext_noop("this ask's outcome is already recorded"),
    "withdrawn": gettext_noop("this ask was withdrawn"),
}


class AdvocacyCode(ErrorCode):
    """Error codes of advocacy asks: the value is stable (API, tests), the message is shown."""

    NOT_SPONSORSHIP = (
        "not_sponsorship",
        gettext_noop(
            "advocacy asks belong to sponsor relationships: this is a {kind} relationship"
        ),
    )
    NOT_MUTUAL = (
        "not_mutual",
        gettext_noop("{name} has not said yes to this relationship yet: ask once they have"),
    )
    CLOSED = (
        "relationship_closed",
        gettext_noop("this relationship is {status}: it takes no new asks"),
    )
    PROTEGES_ASK = (
        "not_protege",
        gettext_noop("an ask is written by the person sponsored: only {name} can ask"),
    )
    SPONSORS_STEP = (
        "not_sponsor",
        gettext_noop("only the sponsor, {name}, can agree to, decline or mark an ask done"),
    )
    PROTEGES_STEP = (
        "not_asker",
        gettext_noop("only {name}, who asked, can withdraw an ask"),
    )
    #: ``{state}`` is one of ``MSG_STATE``: where the ask stands, as a sentence.
    BAD_STEP = "bad_step", gettext_noop("{state}, so it cannot be {step} now")
    BY_WHEN_PAST = "by_when_past", gettext_noop("must be today or later")
    FUTURE_DATE = "future_date", gettext_noop("cannot be in the future")
    SPOKE_BEFORE_AGREED = (
        "spoke_before_agreed",
        gettext_noop("cannot be before the sponsor agreed ({date})"),
    )
    NO_ASK = "ask_not_found", gettext_noop("no such advocacy ask")
