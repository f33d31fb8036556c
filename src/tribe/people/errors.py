"""The people app's error codes: accounts, addresses, availability, goals, contacts.

The ``MSG_*`` templates stay plain English (``gettext_noop`` only marks them for
extraction) so that callers and tests can compare them; ``ErrorCode.message``
translates them when the error is raised. The problems found on one line of an
imported file are not errors of their own: their texts are
``tribe.people.importers.Messages``.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

# Accounts and their addresses.
MSG_EMAIL_TAKEN = gettext_noop("an account with this e-mail address already exists")
MSG_ALREADY_VERIFIED = gettext_noop("this address is already verified")
MSG_CAPACITY_WITHOUT_OPENNESS = gettext_noop("set a capacity of at least 1 to be open to mentoring")
MSG_NO_ACCOUNT = gettext_noop("no account with the e-mail address “{email}”")
MSG_TOKEN_INVALID = gettext_noop(
    "this link is not valid: check that it was copied whole, or ask for a new one"
)
MSG_TOKEN_EXPIRED = gettext_noop(
    "this link has expired or was replaced by a newer one: ask for a new one"
)
MSG_TOKEN_USED = gettext_noop("this link has already been used")

# Availability, goals and contacts.
MSG_WINDOW_ORDER = gettext_noop("must be after the start time")
MSG_WINDOW_OVERLAP = gettext_noop("overlaps another window on {day}")
MSG_BAD_GOAL_STATUS = gettext_noop("“{value}” is not one of {choices}")
MSG_NO_GOAL = gettext_noop("no such goal")
MSG_NO_CONTACT = gettext_noop("no such contact")
MSG_CONTACT_EMAIL_TAKEN = gettext_noop("you already have a contact with this e-mail address")

# Contact files, before any line is read.
MSG_UNDETECTABLE_FORMAT = gettext_noop(
    "cannot tell what kind of contacts file {filename!r} is; use --format {choices}"
)
MSG_UNKNOWN_FORMAT = gettext_noop("unknown format {format!r}; expected one of {choices}")


class PeopleCode(ErrorCode):
    """Error codes of people: the value is stable (API, tests), the message is shown."""

    EMAIL_TAKEN = "email_taken", MSG_EMAIL_TAKEN
    ALREADY_VERIFIED = "already_verified", MSG_ALREADY_VERIFIED
    CAPACITY_WITHOUT_OPENNESS = "capacity_without_openness", MSG_CAPACITY_WITHOUT_OPENNESS
    #: A password the validators refuse: the words are theirs (Django translates them),
    #: so this code has no template and is raised with ``code=`` beside the message.
    WEAK_PASSWORD = "weak_password"
    NO_ACCOUNT = "account_not_found", MSG_NO_ACCOUNT
    TOKEN_INVALID = "token_invalid", MSG_TOKEN_INVALID
    TOKEN_EXPIRED = "token_expired", MSG_TOKEN_EXPIRED
    TOKEN_USED = "token_used", MSG_TOKEN_USED
    WINDOW_ORDER = "window_order", MSG_WINDOW_ORDER
    WINDOW_OVERLAP = "window_overlap", MSG_WINDOW_OVERLAP
    BAD_GOAL_STATUS = "bad_goal_status", MSG_BAD_GOAL_STATUS
    NO_GOAL = "goal_not_found", MSG_NO_GOAL
    NO_CONTACT = "contact_not_found", MSG_NO_CONTACT
    CONTACT_EMAIL_TAKEN = "contact_email_taken", MSG_CONTACT_EMAIL_TAKEN
    UNDETECTABLE_FORMAT = "undetectable_format", MSG_UNDETECTABLE_FORMAT
    UNKNOWN_FORMAT = "unknown_format", MSG_UNKNOWN_FORMAT
