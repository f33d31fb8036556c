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

#: The message of ``RelationshipCode.OVER_CAPACITY``, counted.
MSG_OVER_CAPACITY = ngettext_lazy(
    "{mentor} already has {count} active mentee, which is their capacity of {capacity}",
    "{mentor} already has {count} active mentees, which is their capacity of {capacity}",
    "count",
)

#: The side a person cannot be to themselves, as ``RelationshipCode.SELF`` names it.
ROLE_MENTOR = gettext_noop("mentor")
ROLE_MENTEE = gettext_noop("mentee")
ROLE_EITHER = gettext_noop("mentor or mentee")


class RelationshipCode(ErrorCode):
    """Error codes of creating, changing and deleting relationships."""

    NO_OTHER = (
        "no_other",
        gettext_noop("choose the other person: an account or one of your contacts"),
    )
    BOTH_OTHERS = "both_others", gettext_noop("choose either an account or a contact, not both")
    SELF = "self", gettext_noop("you cannot be your own {role}")
    FOREIGN_CONTACT = "foreign_contact", gettext_noop("is not one of your contacts")
    FOREIGN_GOAL = "foreign_goal", gettext_noop("goal “{title}” is not one of the mentee's goals")
    DUPLICATE = (
        "duplicate",
        gettext_noop("there is already an open {kind} relationship between {mentee} and {mentor}"),
    )
    #: Its message counts mentees: ``MSG_OVER_CAPACITY``.
    OVER_CAPACITY = "over_capacity"
    BAD_ROLE = "bad_role", gettext_noop("must be “mentee” or “mentor”")
    BAD_KIND = "bad_kind", gettext_noop("“{value}” is not a kind of relationship ({allowed})")
    BAD_STATUS = "bad_status", gettext_noop("“{status}” is not a status")
    BAD_CHANNEL = "bad_channel", gettext_noop("“{channel}” is not a channel")
    STARTS_PRIVATE = (
        "starts_private",
        gettext_noop(
            "a relationship with another account starts as a prospect, private to you: "
            "send them a request, and it starts when they accept"
        ),
    )
    KIND_SETTLED = (
        "kind_settled",
        gettext_noop(
            "you and {other} have both said yes to this {kind} relationship, so one side "
            "alone cannot change its kind: end it and start a new relationship of the "
            "other kind (a kind can be changed only until the other person accepts)"
        ),
    )
    MENTEES_OWN = (
        "mentees_own",
        gettext_noop(
            "the goals and the purpose statement are {mentee}'s: only {mentee} can change them"
        ),
    )
    NOT_CREATOR = (
        "not_creator",
        gettext_noop(
            "only {creator}, who added this relationship, can delete it; "
            "change its status to ended instead"
        ),
    )
    OTHER_CONSENTED = (
        "other_consented",
        gettext_noop(
            "{other} has accepted this relationship and keeps their own notes in it: "
            "change its status to ended instead"
        ),
    )


# Consent ------------------------------------------------------------------------

#: The "allowed next" of ``ConsentCode.BAD_TRANSITION`` when nothing is.
MSG_NO_MOVES = gettext_noop("none")
#: The messages of ``ConsentCode.NOT_ALLOWED``, one per rule of who may move.
MSG_ONLY_REQUESTER = gettext_noop("only {requester}, who started this relationship, can do that")
MSG_ONLY_ASKED = gettext_noop("only the person asked can answer the request")
MSG_WAITS_FOR = gettext_noop("that waits until {other} has accepted the request")
#: Who ``MSG_WAITS_FOR`` waits for when the other side is a contact.
MSG_THE_OTHER_PERSON = gettext_noop("the other person")

#: The steps that carry a move (``consent.ACCOUNT_MOVES``), as ``ConsentCode.USE_STEP``
#: names them.
STEP_SEND = gettext_noop("send the request")
STEP_ACCEPT = gettext_noop("accept the request")
STEP_DECLINE = gettext_noop("decline the request")


class ConsentCode(ErrorCode):
    """Error codes of the consent rules, for pages, the CLI and the API alike."""

    #: What anyone who may not see a relationship is told: never "forbidden". Not a
    #: side, or not yet asked: the same answer as for a relationship that does not
    #: exist (the value every not-found had before codes).
    NO_SUCH_RELATIONSHIP = "not_found", gettext_noop("no such relationship")
    BAD_TRANSITION = (
        "bad_transition",
        gettext_noop("cannot go from “{old}” to “{new}”; allowed next: {allowed}"),
    )
    #: One message per rule of who may move (``MSG_ONLY_REQUESTER`` …).
    NOT_ALLOWED = "not_allowed"
    USE_STEP = "use_step", gettext_noop("to move it to “{new}”, {via}")
    NOT_MUTUAL = (
        "not_mutual",
        gettext_noop("that waits until the other person has accepted the request"),
    )
    BLOCKED = "blocked", gettext_noop("{name} is not taking requests from you")
    NOT_REACHABLE = (
        "not_reachable",
        gettext_noop(
            "{name} cannot receive requests until they have confirmed their e-mail address"
        ),
    )
    NOT_REQUESTER = (
        "not_requester",
        gettext_noop("only {requester}, who started this relationship, sends the request"),
    )
    NOT_ASKED = "not_asked", gettext_noop("only the person asked answers a request")


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
