"""The people app's error codes: accounts, addresses, availability, goals, contacts.

Each code carries its message, plain English (``gettext_noop`` only marks it for
extraction) so that callers and tests can compare it (``PeopleCode.….template``);
``ErrorCode.message`` translates it when the error is raised. The problems found on one line of an
imported file are not errors of their own: their texts are
``tribe.people.importers.Messages``.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode


class PeopleCode(ErrorCode):
    """Error codes of people: the value is stable (API, tests), the message is shown."""

    # Accounts and their addresses.
    EMAIL_TAKEN = "email_taken", gettext_noop("an account with this e-mail address already exists")
    ALREADY_VERIFIED = "already_verified", gettext_noop("this address is already verified")
    CAPACITY_WITHOUT_OPENNESS = (
        "capacity_without_openness",
        gettext_noop("set a capacity of at least 1 to be open to mentoring"),
    )
    #: A password the validators refuse: the words are theirs (Django translates them),
    #: so this code has no template and is raised with ``code=`` beside the message.
    WEAK_PASSWORD = "weak_password"
    NO_ACCOUNT = "account_not_found", gettext_noop("no account with the e-mail address “{email}”")
    TOKEN_INVALID = (
        "token_invalid",
        gettext_noop(
            "this link is not valid: check that it was copied whole, or ask for a new one"
        ),
    )
    TOKEN_EXPIRED = (
        "token_expired",
        gettext_noop("this link has expired or was replaced by a newer one: ask for a new one"),
    )
    TOKEN_USED = "token_used", gettext_noop("this link has already been used")

    # Availability, goals and contacts.
    WINDOW_ORDER = "window_order", gettext_noop("must be after the start time")
    WINDOW_OVERLAP = "window_overlap", gettext_noop("overlaps another window on {day}")
    BAD_GOAL_STATUS = "bad_goal_status", gettext_noop("“{value}” is not one of {choices}")
    BAD_GOAL_NEED = "bad_goal_need", gettext_noop("“{value}” is not one of {choices}")
    NO_GOAL = "goal_not_found", gettext_noop("no such goal")
    NO_CONTACT = "contact_not_found", gettext_noop("no such contact")
    CONTACT_EMAIL_TAKEN = (
        "contact_email_taken",
        gettext_noop("you already have a contact with this e-mail address"),
    )

    # Contact files, before any line is read.
    UNDETECTABLE_FORMAT = (
        "undetectable_format",
        gettext_noop(
            "cannot tell what kind of contacts file {filename!r} is; use --format {choices}"
        ),
    )
    UNKNOWN_FORMAT = (
        "unknown_format",
        gettext_noop("unknown format {format!r}; expected one of {choices}"),
    )
