"""The error codes of relationships and the messages a person reads with them.

Three tables: :class:`RelationshipCode` (creating, changing and deleting a
relationship), :class:`ConsentCode` (the consent rules, ``consent.py``) and
:class:`CounterpartCode` (whom a typed name means, ``counterparts.py``). A code's
value is stable (the API and tests match it); its message is plain English here,
extracted for translation and translated when the error is raised.

A message whose noun follows a number is an ``ngettext_lazy`` keyed on
``"count"``: ``.format(count=…, …)`` picks the form and translates it then. A
code raised with several messages (one per pool, per rule) carries none itself;
the raising code translates the message it picked.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

from tribe.core.errors import ErrorCode

__all__ = [
    "ConsentCode",
    "CounterpartCode",
    "RelationshipCode",
]

# Relationships ------------------------------------------------------------------

MSG_NO_OTHER = gettext_noop("choose the other person: an account or one of your contacts")
MSG_BOTH_OTHERS = gettext_noop("choose either an account or a contact, not both")
MSG_SELF = gettext_noop("you cannot be your own {role}")
MSG_FOREIGN_CONTACT = gettext_noop("is not one of your contacts")
MSG_FOREIGN_GOAL = gettext_noop("goal “{title}” is not one of the mentee's goals")
MSG_DUPLICATE = gettext_noop(
    "there is already an open {kind} relationship between {mentee} and {mentor}"
)
MSG_OVER_CAPACITY = ngettext_lazy(
    "{mentor} already has {count} active mentee, which is their capacity of {capacity}",
    "{mentor} already has {count} active mentees, which is their capacity of {capacity}",
    "count",
)
MSG_ROLE = gettext_noop("must be “mentee” or “mentor”")
MSG_KIND = gettext_noop("“{value}” is not a kind of relationship ({allowed})")
MSG_UNKNOWN_STATUS = gettext_noop("“{status}” is not a status")
MSG_UNKNOWN_CHANNEL = gettext_noop("“{channel}” is not a channel")
MSG_ACCOUNT_STARTS_PRIVATE = gettext_noop(
    "a relationship with another account starts as a prospect, private to you: "
    "send them a request, and it starts when they accept"
)
MSG_DELETE_NOT_CREATOR = gettext_noop(
    "only {creator}, who added this relationship, can delete it; change its status to ended instead"
)
MSG_DELETE_MUTUAL = gettext_noop(
    "{other} has accepted this relationship and keeps their own notes in it: "
    "change its status to ended instead"
)

#: The side a person cannot be to themselves, as ``MSG_SELF`` names it.
ROLE_MENTOR = gettext_noop("mentor")
ROLE_MENTEE = gettext_noop("mentee")
ROLE_EITHER = gettext_noop("mentor or mentee")


class RelationshipCode(ErrorCode):
    """Error codes of creating, changing and deleting relationships."""

    NO_OTHER = "no_other", MSG_NO_OTHER
    BOTH_OTHERS = "both_others", MSG_BOTH_OTHERS
    SELF = "self", MSG_SELF
    FOREIGN_CONTACT = "foreign_contact", MSG_FOREIGN_CONTACT
    FOREIGN_GOAL = "foreign_goal", MSG_FOREIGN_GOAL
    DUPLICATE = "duplicate", MSG_DUPLICATE
    #: Its message counts mentees: ``MSG_OVER_CAPACITY``.
    OVER_CAPACITY = "over_capacity"
    BAD_ROLE = "bad_role", MSG_ROLE
    BAD_KIND = "bad_kind", MSG_KIND
    BAD_STATUS = "bad_status", MSG_UNKNOWN_STATUS
    BAD_CHANNEL = "bad_channel", MSG_UNKNOWN_CHANNEL
    STARTS_PRIVATE = "starts_private", MSG_ACCOUNT_STARTS_PRIVATE
    NOT_CREATOR = "not_creator", MSG_DELETE_NOT_CREATOR
    OTHER_CONSENTED = "other_consented", MSG_DELETE_MUTUAL


# Consent ------------------------------------------------------------------------

#: What anyone who may not see a relationship is told: never "forbidden".
MSG_NO_SUCH_RELATIONSHIP = gettext_noop("no such relationship")
MSG_TRANSITION = gettext_noop("cannot go from “{old}” to “{new}”; allowed next: {allowed}")
#: The "allowed next" of ``MSG_TRANSITION`` when nothing is.
MSG_NO_MOVES = gettext_noop("none")
MSG_USE_STEP = gettext_noop("to move it to “{new}”, {via}")
MSG_ONLY_REQUESTER = gettext_noop("only {requester}, who started this relationship, can do that")
MSG_ONLY_ASKED = gettext_noop("only the person asked can answer the request")
MSG_WAITS_FOR = gettext_noop("that waits until {other} has accepted the request")
#: Who ``MSG_WAITS_FOR`` waits for when the other side is a contact.
MSG_THE_OTHER_PERSON = gettext_noop("the other person")
MSG_NOT_MUTUAL = gettext_noop("that waits until the other person has accepted the request")
MSG_BLOCKED = gettext_noop("{name} is not taking requests from you")
MSG_NOT_REACHABLE = gettext_noop(
    "{name} cannot receive requests until they have confirmed their e-mail address"
)
MSG_NOT_REQUESTER = gettext_noop(
    "only {requester}, who started this relationship, sends the request"
)
MSG_NOT_ASKED_PERSON = gettext_noop("only the person asked answers a request")

#: The steps that carry a move (``consent.ACCOUNT_MOVES``), as ``MSG_USE_STEP`` names them.
STEP_SEND = gettext_noop("send the request")
STEP_ACCEPT = gettext_noop("accept the request")
STEP_DECLINE = gettext_noop("decline the request")


class ConsentCode(ErrorCode):
    """Error codes of the consent rules, for pages, the CLI and the API alike."""

    #: Not a side, or not yet asked: the same answer as for a relationship that
    #: does not exist (the value every not-found had before codes).
    NO_SUCH_RELATIONSHIP = "not_found", MSG_NO_SUCH_RELATIONSHIP
    BAD_TRANSITION = "bad_transition", MSG_TRANSITION
    #: One message per rule of who may move (``MSG_ONLY_REQUESTER`` …).
    NOT_ALLOWED = "not_allowed"
    USE_STEP = "use_step", MSG_USE_STEP
    NOT_MUTUAL = "not_mutual", MSG_NOT_MUTUAL
    BLOCKED = "blocked", MSG_BLOCKED
    NOT_REACHABLE = "not_reachable", MSG_NOT_REACHABLE
    NOT_REQUESTER = "not_requester", MSG_NOT_REQUESTER
    NOT_ASKED = "not_asked", MSG_NOT_ASKED_PERSON


# Counterparts -------------------------------------------------------------------

MSG_NOBODY = gettext_noop(
    "nobody called “{query}” in your relationships (give a part of the name or the e-mail)"
)
MSG_AMBIGUOUS = ngettext_lazy(
    "“{query}” matches {count} person: {names}; give more of the name or the e-mail",
    "“{query}” matches {count} people: {names}; give more of the name or the e-mail",
    "count",
)
MSG_NO_PROSPECT = gettext_noop(
    "nobody called “{query}” among the people you plan to ask (your prospects); "
    "give a part of the name or the e-mail"
)
MSG_AMBIGUOUS_PROSPECT = ngettext_lazy(
    "“{query}” matches {count} prospect: {names}; give more of the name or the e-mail",
    "“{query}” matches {count} prospects: {names}; give more of the name or the e-mail",
    "count",
)
MSG_NO_CANDIDATE = gettext_noop(
    "no candidate “{query}”: give the e-mail of an account open to mentoring, "
    "or the name of one of your contacts"
)
MSG_AMBIGUOUS_CANDIDATE = ngettext_lazy(
    "“{query}” matches {count} candidate: {names}; give the e-mail or the full name",
    "“{query}” matches {count} candidates: {names}; give the e-mail or the full name",
    "count",
)


class CounterpartCode(ErrorCode):
    """Error codes of ``counterpart_resolve``; each pool says them in its own words."""

    BLANK = "blank"
    NONE = "no_counterpart"
    AMBIGUOUS = "ambiguous"
