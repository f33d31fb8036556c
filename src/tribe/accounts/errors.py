"""The accounts app's error codes: personal API tokens."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode


class AccountCode(ErrorCode):
    """Error codes of accounts: the value is stable (API, tests), the message is shown."""

    TOKEN_NOT_FOUND = "token_not_found", gettext_noop("there is no such API token of yours")
    TOKEN_REVOKED = "token_revoked", gettext_noop("this API token was already revoked")
    TOKEN_DAYS = (
        "token_days",
        gettext_noop("a token lasts from 1 to {limit} days, or without end (leave it empty)"),
    )
    TOO_MANY_TOKENS = (
        "too_many_tokens",
        gettext_noop("you have {limit} live API tokens: revoke one you no longer use first"),
    )
