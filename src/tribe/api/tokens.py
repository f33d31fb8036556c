"""My personal API tokens (``/api/tokens``): list them, make one, revoke one.

The secret of a token is in one answer only, the 201 of ``token_add``: only its
digest is stored, so no later answer can carry it, and none carries the digest.
A read-only token can do neither (the authentication refuses its writes, 403).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.accounts import services
from tribe.accounts.models import ApiToken
from tribe.accounts.selectors import token_get_for, tokens_of
from tribe.api.auth import me
from tribe.api.common import ApiRouter, Input, ObjectId, Page, PageQuery, page_of

router = ApiRouter(tags=["tokens"])


class TokenIn(Input):
    name: str = Field(max_length=100, description="what it is for, to tell tokens apart")
    read_only: bool = Field(False, description="may only read (GET), never change anything")
    days: int | None = Field(
        None,
        ge=1,
        le=services.MAX_TOKEN_DAYS,
        description="how many days it lasts; null (or left out): without end",
    )


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="the token's first characters, to recognise it")
    read_only: bool
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenMade(TokenOut):
    secret: str = Field(
        description="the token itself, for `Authorization: Bearer …`: in this answer only"
    )


@router.get("", response=Page[TokenOut])
def token_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """My tokens, newest first, revoked and expired ones too (never a secret)."""
    return page_of(tokens_of(person=me(request)), page)


@router.post("", response={201: TokenMade})
def token_add(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    """Make a token; the answer holds its secret, which is never shown again."""
    token, secret = services.token_create(person=me(request), **payload.model_dump())
    return Status(201, {**TokenOut.model_validate(token).model_dump(), "secret": secret})


@router.post("/{token_id}/revoke", response=TokenOut)
def token_revoke(request: HttpRequest, token_id: ObjectId) -> ApiToken:
    """Revoke one of my tokens (this one too): it authenticates nobody from now on.
    A token already revoked is a 409."""
    person = me(request)
    return services.token_revoke(
        actor=person, token=token_get_for(person=person, token_id=token_id)
    )
