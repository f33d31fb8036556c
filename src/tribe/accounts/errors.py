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
    # Signing in through the organisation's OpenID Connect provider (tribe.accounts.oidc).
    OIDC_EMAIL_UNVERIFIED = (
        "oidc_email_unverified",
        gettext_noop(
            "{provider} did not confirm your e-mail address, so Tribe cannot tell which "
            "account is yours: ask your organisation to confirm it, then sign in again"
        ),
    )
    OIDC_EMAIL_TAKEN = (
        "oidc_email_taken",
        gettext_noop(
            "the Tribe account with this e-mail address is already linked to another "
            "{provider} account: sign in with that one, or with your password"
        ),
    )
    OIDC_ACCOUNT_UNCONFIRMED = (
        "oidc_account_unconfirmed",
        gettext_noop(
            "a Tribe account with this e-mail address exists but its address was never "
            "confirmed, so Tribe cannot be sure it is yours: log in with its password and "
            "confirm the address first, then sign in with {provider}"
        ),
    )
    OIDC_NO_ACCOUNT = (
        "oidc_no_account",
        gettext_noop(
            "no Tribe account has this e-mail address, and accounts are not made through "
            "{provider} here: ask whoever runs Tribe for one"
        ),
    )
    OIDC_INACTIVE = ("oidc_inactive", gettext_noop("this Tribe account is deactivated"))
    OIDC_FAILED = (
        "oidc_failed",
        gettext_noop("signing in with {provider} did not work: please try again"),
    )
    OIDC_CANCELLED = (
        "oidc_cancelled",
        gettext_noop("{provider} did not sign you in (cancelled or refused there)"),
    )
    OIDC_DISCOVERY = (
        "oidc_discovery",
        gettext_noop("the provider's discovery document could not be used: {problem}"),
    )
