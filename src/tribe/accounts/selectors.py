"""Reads of the accounts app: a person's API tokens, and the person a token stands for."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db.models import Q, QuerySet

from tribe.accounts.errors import AccountCode
from tribe.accounts.models import ApiToken
from tribe.core import clock
from tribe.core.errors import NotFound

__all__ = [
    "TOKEN_PREFIX",
    "token_digest",
    "token_get_for",
    "token_is_live",
    "token_person",
    "tokens_of",
]

#: Every token starts with this, so a secret scanner (and a person) can tell what it is.
TOKEN_PREFIX = "tribe_"


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def tokens_of(*, person: Any) -> QuerySet[ApiToken]:
    """The person's tokens, newest first, revoked ones too (their record)."""
    return ApiToken.objects.filter(person=person)


def token_get_for(*, person: Any, token_id: int | str) -> ApiToken:
    try:
        return ApiToken.objects.get(person=person, pk=int(token_id))
    except (ApiToken.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(AccountCode.TOKEN_NOT_FOUND) from None


def token_is_live(token: ApiToken, now: dt.datetime) -> bool:
    return token.revoked_at is None and (token.expires_at is None or token.expires_at > now)


def token_person(*, secret: str, now: dt.datetime | None = None) -> tuple[Any, ApiToken] | None:
    """The active person a live token stands for, and the token; None otherwise.

    One query (the token with its person). Noting that it was used is the
    caller's write (``token_touch``): a read does not write.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    moment = now or clock.now()
    token = (
        ApiToken.objects.select_related("person")
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=moment))
        .filter(digest=token_digest(secret), revoked_at__isnull=True, person__is_active=True)
        .first()
    )
    if token is None:
        return None
    return token.person, token
