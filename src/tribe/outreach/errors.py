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

MSG_NO_PURPOSE = gettext_noop(
    "write a one-sentence purpose statement first: what you want to learn from this person, and why"
)
MSG_NOT_MENTEE = gettext_noop("only the mentee sends the request: the mentee owns the relationship")
MSG_NOT_PROSPECT = gettext_noop("the request has already been sent (status: {status})")
MSG_NOT_ASKED = gettext_noop("there is no open request to answer (status: {status})")
MSG_ALREADY_ACCEPTED = gettext_noop("this request has already been accepted")
MSG_AT_CAPACITY = gettext_noop(
    "{name} has no free place for a mentee right now ({count} of {capacity} taken)"
)
MSG_NOT_OPEN = gettext_noop("{name} is not taking mentees at the moment")
MSG_NUDGE_EARLY = gettext_noop("too early to nudge: give them until {date}")
MSG_MOVE_ON = gettext_noop(
    "two weeks of silence after a nudge: consider the next candidate instead of nudging again"
)
MSG_NOT_IN_INTRO = gettext_noop(
    "an agreement starts the relationship after the intro meeting (status: {status})"
)
MSG_INTRO_SELF = gettext_noop("cannot introduce someone to themselves")
MSG_INTRO_INTRODUCER = gettext_noop("the introducer cannot be the person introduced to")
MSG_INTRO_ACTOR = gettext_noop(
    "only the introducer or the person introduced can record an introduction"
)
MSG_INTRO_WHOM = gettext_noop("choose who they were introduced to: an account or a contact")
MSG_INTRO_FUTURE = gettext_noop("cannot be in the future")
MSG_INTRO_NOT_MENTORING = gettext_noop(
    "an introduction is recorded between a mentor and their mentee"
)
MSG_INTRO_START_BY_MENTEE = gettext_noop(
    "only the person introduced can start a relationship from it"
)
MSG_INFO_QUESTION = gettext_noop("ask a question so they know what to add")
MSG_BLOCK_SELF = gettext_noop("you cannot block yourself")
MSG_NO_BLOCK = gettext_noop("no such block")


class OutreachCode(ErrorCode):
    """Error codes of outreach: the value is stable (API, tests), the message is shown."""

    NO_PURPOSE = "no_purpose", MSG_NO_PURPOSE
    NOT_MENTEE = "not_mentee", MSG_NOT_MENTEE
    ALREADY_SENT = "already_sent", MSG_NOT_PROSPECT
    NO_OPEN_REQUEST = "no_open_request", MSG_NOT_ASKED
    ALREADY_ACCEPTED = "already_accepted", MSG_ALREADY_ACCEPTED
    OVER_CAPACITY = "over_capacity", MSG_AT_CAPACITY
    NOT_OPEN = "not_open", MSG_NOT_OPEN
    NUDGE_EARLY = "nudge_too_early", MSG_NUDGE_EARLY
    MOVE_ON = "move_on", MSG_MOVE_ON
    NOT_IN_INTRO = "not_in_intro", MSG_NOT_IN_INTRO
    INTRO_SELF = "intro_self", MSG_INTRO_SELF
    INTRO_INTRODUCER = "intro_introducer", MSG_INTRO_INTRODUCER
    INTRO_ACTOR = "intro_actor", MSG_INTRO_ACTOR
    INTRO_WHOM = "intro_whom", MSG_INTRO_WHOM
    INTRO_FUTURE = "future_date", MSG_INTRO_FUTURE
    NOT_MENTORING = "not_mentoring", MSG_INTRO_NOT_MENTORING
    START_BY_MENTEE = "start_by_mentee", MSG_INTRO_START_BY_MENTEE
    QUESTION_NEEDED = "question_needed", MSG_INFO_QUESTION
    BLOCK_SELF = "block_self", MSG_BLOCK_SELF
    NO_BLOCK = "block_not_found", MSG_NO_BLOCK
