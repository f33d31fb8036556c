"""Writes of the accounts app: personal API tokens, made and revoked by their owner.

A token is ``tribe_`` and 43 characters of ``secrets.token_urlsafe(32)``: 256
random bits. It is returned once, by :func:`token_create`; only its SHA-256
digest is stored (see :class:`~tribe.accounts.models.ApiToken`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction

from tribe.accounts import events
from tribe.accounts.errors import AccountCode
from tribe.accounts.models import ApiToken, SecurityEvent
from tribe.accounts.selectors import TOKEN_PREFIX, token_digest
from tribe.core import clock, validation
from tribe.core.errors import Conflict, ValidationError

__all__ = ["MAX_LIVE_TOKENS", "MAX_TOKEN_DAYS", "token_create", "token_revoke", "token_touch"]

#: Enough for every script a person runs; a cap, so a leaked session cannot mint without end.
MAX_LIVE_TOKENS = 20
#: ``last_used_at`` is written at most this often per token: every request would
#: otherwise be a write, and "used a minute ago" says all the owner needs.
TOUCH_EVERY = dt.timedelta(minutes=1)
#: The longest a token may last when it is given an end (a year and a half).
MAX_TOKEN_DAYS = 550


@transaction.atomic
def token_create(
    *,
    person: Any,
    name: str,
    read_only: bool = False,
    days: int | None = None,
    now: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token of ``person``'s and the secret itself, which is never shown again.

    ``days`` is how long it lasts (1 to :data:`MAX_TOKEN_DAYS`), or None for a
    token without end; ``read_only`` tokens may only read.
    """
    moment = now or clock.now()
    label = validation.line(name, field="name", max_length=100, required=True)
    if days is not None and not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationError(AccountCode.TOKEN_DAYS, field="days", limit=MAX_TOKEN_DAYS)
    live = ApiToken.objects.select_for_update().filter(person=person, revoked_at__isnull=True)
    if sum(1 for t in live if t.expires_at is None or t.expires_at > moment) >= MAX_LIVE_TOKENS:
        raise Conflict(AccountCode.TOO_MANY_TOKENS, limit=MAX_LIVE_TOKENS)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        person=person,
        name=label,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(secret),
        read_only=read_only,
        created_at=moment,
        expires_at=moment + dt.timedelta(days=days) if days is not None else None,
    )
    events.record(person=person, kind=SecurityEvent.Kind.TOKEN_CREATED, now=moment)
    return token, secret


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken, now: dt.datetime | None = None) -> ApiToken:
    """Revoke ``token`` (its owner's act: fetch it with ``token_get_for``)."""
    moment = now or clock.now()
    locked = ApiToken.objects.select_for_update().get(pk=token.pk, person=actor)
    if locked.revoked_at is not None:
        raise Conflict(AccountCode.TOKEN_REVOKED)
    locked.revoked_at = moment
    locked.save(update_fields=["revoked_at"])
    events.record(person=actor, kind=SecurityEvent.Kind.TOKEN_REVOKED, now=moment)
    return locked


def token_touch(*, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Note that ``token`` was just used (at most once a minute: one UPDATE, no lock)."""
    moment = now or clock.now()
    if token.last_used_at is None or moment - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
        token.last_used_at = moment
