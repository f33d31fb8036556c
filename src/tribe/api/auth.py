"""Who is calling: a personal API token (``Authorization: Bearer tribe_…``) or the
web session, with Django's CSRF check on every method that changes something.

A token is tried first. A request that sends a token that is unknown, expired
or revoked is refused (401) even if it also carries a session cookie: a script
with a bad token should hear so, not act as whoever is signed in in the browser.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from tribe.accounts.selectors import token_person
from tribe.accounts.services import token_touch
from tribe.api.errors import ApiCode, Refused
from tribe.people.models import Person

__all__ = ["SAFE_METHODS", "SessionAuth", "TokenAuth", "me"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """A personal API token; a read-only one may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> Person:
        found = token_person(secret=token.strip())
        if found is None:
            raise AuthenticationError()
        person, api_token = found
        if api_token.read_only and request.method not in SAFE_METHODS:
            raise Refused(ApiCode.READ_ONLY)
        token_touch(token=api_token)
        # The rest of the request (time zone, language) sees the token's person.
        request.user = person
        return cast(Person, person)


class SessionAuth(APIKeyCookie):
    """The browser's session. Unlike ninja's own, a request without a signed-in
    session is simply not this kind (401 overall), and the CSRF check is only
    made for a signed-in person's unsafe request, where it matters."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Person | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise Refused(ApiCode.CSRF)
        return cast(Person, user)


def me(request: HttpRequest) -> Person:
    """The person the request acts for (set by the authentication above)."""
    person: Any = getattr(request, "auth", None)
    if not isinstance(person, Person):  # pragma: no cover - every operation needs auth
        raise AuthenticationError()
    return person
