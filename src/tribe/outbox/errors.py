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
    # Notification settings (tribe.outbox.preferences).
    DIGEST_CHOICE = "digest_choice", gettext_noop("choose one of {choices}")
    WEEKDAY = (
        "digest_weekday",
        gettext_noop("the day is a number from 1 (Monday) to 7 (Sunday)"),
    )
    HOUR = "digest_hour", gettext_noop("the hour is a whole number from 0 to 23")
    TOPIC = "topic", gettext_noop("“{topic}” is not a topic; the topics are {topics}")
    MUTE_AND_UNMUTE = (
        "mute_and_unmute",
        gettext_noop("“{topic}” is both to be switched off and on: say one of them"),
    )
    SLACK_WEBHOOK = (
        "slack_webhook",
        gettext_noop("a Slack webhook address starts with https://hooks.slack.com/"),
    )
    TEAMS_WEBHOOK = (
        "teams_webhook",
        gettext_noop(
            "a Teams webhook address starts with https:// and is on a host Microsoft "
            "issues workflow webhooks under ({hosts})"
        ),
    )
    MESSAGE_NOT_FOUND = "message_not_found", gettext_noop("there is no such message of yours")
    NOT_FAILED = (
        "not_failed",
        gettext_noop("this message did not fail (it is “{status}”): there is nothing to retry"),
    )
