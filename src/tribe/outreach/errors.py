"""The error codes of outreach: requests, nudges, answers, agreements, introductions, blocks.

Who may send or answer a request is a consent rule, so those refusals carry
``relationships.errors.ConsentCode``; the rest are here. A code's value is
stable (the API and tests match it); its message is plain English here,
extracted for translation and translated when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = ["OutreachCode"]


class OutreachCode(ErrorCode):
    """Error codes of outreach: the value is stable (API, tests), the message is shown."""

    NO_PURPOSE = (
        "no_purpose",
        gettext_noop(
            "write a one-sentence purpose statement first: "
            "what you want to learn from this person, and why"
        ),
    )
    NOT_MENTEE = (
        "not_mentee",
        gettext_noop("only the mentee sends the request: the mentee owns the relationship"),
    )
    ALREADY_SENT = (
        "already_sent",
        gettext_noop("the request has already been sent (status: {status})"),
    )
    NOT_DECLINED = (
        "not_declined",
        gettext_noop("a thank-you for a no follows a no (status: {status})"),
    )
    THANKS_ALREADY_SENT = (
        "thanks_already_sent",
        gettext_noop("the thank-you has already gone out by e-mail: it goes out once"),
    )
    NO_OPEN_REQUEST = (
        "no_open_request",
        gettext_noop("there is no open request to answer (status: {status})"),
    )
    ALREADY_ACCEPTED = "already_accepted", gettext_noop("this request has already been accepted")
    OVER_CAPACITY = (
        "over_capacity",
        gettext_noop(
            "{name} has no free place for a mentee right now ({count} of {capacity} taken)"
        ),
    )
    NOT_OPEN = "not_open", gettext_noop("{name} is not taking mentees at the moment")
    NUDGE_EARLY = "nudge_too_early", gettext_noop("too early to nudge: give them until {date}")
    MOVE_ON = (
        "move_on",
        gettext_noop(
            "two weeks of silence after a nudge: "
            "consider the next candidate instead of nudging again"
        ),
    )
    NOT_IN_INTRO = (
        "not_in_intro",
        gettext_noop(
            "an agreement starts the relationship after the intro meeting (status: {status})"
        ),
    )
    INTRO_SELF = "intro_self", gettext_noop("cannot introduce someone to themselves")
    INTRO_INTRODUCER = (
        "intro_introducer",
        gettext_noop("the introducer cannot be the person introduced to"),
    )
    INTRO_ACTOR = (
        "intro_actor",
        gettext_noop("only the introducer or the person introduced can record an introduction"),
    )
    INTRO_WHOM = (
        "intro_whom",
        gettext_noop("choose who they were introduced to: an account or a contact"),
    )
    INTRO_FUTURE = "future_date", gettext_noop("cannot be in the future")
    NOT_MENTORING = (
        "not_mentoring",
        gettext_noop("an introduction is recorded between a mentor and their mentee"),
    )
    START_BY_MENTEE = (
        "start_by_mentee",
        gettext_noop("only the person introduced can start a relationship from it"),
    )
    QUESTION_NEEDED = "question_needed", gettext_noop("ask a question so they know what to add")
    BLOCK_SELF = "block_self", gettext_noop("you cannot block yourself")
    NO_BLOCK = "block_not_found", gettext_noop("no such block")
