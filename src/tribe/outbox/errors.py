"""The outbox's error codes: a message that cannot be queued as given."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode


class OutboxCode(ErrorCode):
    """Error codes of the outbox: the value is stable (API, tests), the message is shown."""

    BAD_ADDRESS = "bad_address", gettext_noop("“{address}” is not an e-mail address")
    BAD_WEBHOOK = (
        "bad_webhook",
        gettext_noop("a webhook address starts with https:// and names a host"),
    )
    HEADER_BREAK = (
        "header_break",
        gettext_noop("a subject or address cannot contain a line break"),
    )
    EMPTY = "empty", gettext_noop("a message needs a subject and a text")
    CALENDAR_METHOD = (
        "calendar_method",
        gettext_noop("the calendar part's method must be one of {methods}"),
    )
    UNSUBSCRIBE_INVALID = (
        "unsubscribe_invalid",
        gettext_noop("this unsubscribe link is not valid: check that it was copied whole"),
    )
