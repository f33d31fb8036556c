"""Signing in through an organisation's OpenID Connect provider (mozilla-django-oidc).

The library runs the authorization-code flow: the state and nonce it keeps in
the session, PKCE, the token request. Tribe adds what decides who signs in:

- The id_token is checked in full: its RS256 signature against the provider's
  JWKS, and its audience (this client), issuer, expiry and nonce. (The library
  leaves the audience unchecked.)
- A person is found by the provider's ``sub`` (:class:`OidcIdentity`), so a
  changed address at the provider keeps the account. The first time, an
  active account is matched by e-mail only when the provider says the address
  is verified; otherwise anyone able to set an address at the provider could
  take over the Tribe account that has it. A Tribe account already linked to
  another ``sub`` of the same provider is refused too.
- Otherwise a new person is made (unless ``TRIBE_OIDC_CREATE=0``), the address
  verified: the provider has just vouched for it.

A refusal is a message on the log-in page, never a 500. Settings:
:mod:`tribe.accounts.oidc_settings`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, path, reverse
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend  # type: ignore[import-untyped]
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from tribe.accounts.errors import AccountCode
from tribe.accounts.models import OidcIdentity
from tribe.core import clock
from tribe.core.errors import Conflict, NotFound, TribeError, ValidationError
from tribe.core.validation import email as valid_email

__all__ = [
    "OidcAuthenticateView",
    "OidcBackend",
    "OidcCallbackView",
    "Provider",
    "ProviderUnavailable",
    "is_enabled",
    "is_oidc_callback",
    "oidc_sign_in",
    "provider",
    "urlpatterns",
]

LOGGER = logging.getLogger(__name__)

#: Seconds of clock difference between Tribe and the provider that are forgiven.
LEEWAY = 60
#: What ``request`` carries from the backend to the callback page: why it refused.
_REFUSAL = "_tribe_oidc_refusal"


def is_enabled() -> bool:
    return bool(getattr(settings, "TRIBE_OIDC_ENABLED", False))


def _client_id() -> str:
    return str(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def provider_name() -> str:
    return str(getattr(settings, "TRIBE_OIDC_NAME", "") or "your organisation")


# --------------------------------------------------------------------------- provider


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be had, or does not fit."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_endpoint: str


_FIELDS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovered: dict[str, dict[str, Any]] = {}
_discovery_lock = threading.Lock()


def discover(issuer: str, *, timeout: float = 10) -> dict[str, Any]:
    """The issuer's ``/.well-known/openid-configuration``, checked to be the issuer's."""
    address = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(address, timeout=timeout)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"{address}: {exc}") from exc
    # OpenID Connect Discovery 1.0, 4.3: a document naming another issuer is not this one's.
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != (
        issuer.rstrip("/")
    ):
        raise ProviderUnavailable(f"{address} does not describe the issuer {issuer}")
    missing = [key for key in _FIELDS.values() if not isinstance(document.get(key), str)]
    if missing:
        raise ProviderUnavailable(f"{address} lacks {', '.join(missing)}")
    return document


def provider() -> Provider:
    """The configured provider; endpoints not set are discovered once per process."""
    issuer = str(getattr(settings, "TRIBE_OIDC_ISSUER", ""))
    given = {name: str(getattr(settings, name, "") or "") for name in _FIELDS}
    if not all(given.values()):
        with _discovery_lock:
            # Only a success is kept: a provider down at the first sign-in is asked again.
            if issuer not in _discovered:
                _discovered[issuer] = discover(
                    issuer, timeout=getattr(settings, "OIDC_TIMEOUT", None) or 10
                )
            document = _discovered[issuer]
        given = {name: value or document[_FIELDS[name]] for name, value in given.items()}
    return Provider(
        issuer=issuer,
        authorization_endpoint=given["OIDC_OP_AUTHORIZATION_ENDPOINT"],
        token_endpoint=given["OIDC_OP_TOKEN_ENDPOINT"],
        userinfo_endpoint=given["OIDC_OP_USER_ENDPOINT"],
        jwks_endpoint=given["OIDC_OP_JWKS_ENDPOINT"],
    )


# --------------------------------------------------------------------------- who signs in


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _claimed_name(claims: dict[str, Any], email: str) -> str:
    name = claims.get("name")
    if not isinstance(name, str) or not name.strip():
        parts = [claims.get("given_name"), claims.get("family_name")]
        name = " ".join(p for p in parts if isinstance(p, str) and p.strip())
    cleaned = " ".join(_CONTROL.sub(" ", name or "").split())[:200].strip()
    return cleaned or email.split("@", 1)[0][:200]


def _claimed_timezone(claims: dict[str, Any]) -> str:
    zone = claims.get("zoneinfo")
    if isinstance(zone, str) and zone in zoneinfo.available_timezones():
        return zone
    return "UTC"


def _email_is_verified(claims: dict[str, Any]) -> bool:
    # Some providers send the boolean as a string; anything else is "not verified".
    verified = claims.get("email_verified")
    return verified is True or verified == "true"


@transaction.atomic
def oidc_sign_in(
    *,
    issuer: str,
    subject: str,
    claims: dict[str, Any],
    create: bool,
    now: dt.datetime | None = None,
) -> Any:
    """The person the provider's ``issuer`` and ``subject`` are, linked or made if need be.

    Raises ``ValidationError``/``Conflict``/``NotFound`` coded ``oidc_*`` with the
    reason to show on the log-in page.
    """
    moment = now or clock.now()
    people = get_user_model()._default_manager
    name = provider_name()
    identity = (
        OidcIdentity.objects.select_for_update()
        .select_related("person")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is not None:
        if not identity.person.is_active:
            raise ValidationError(AccountCode.OIDC_INACTIVE)
        identity.last_used_at = moment
        identity.save(update_fields=["last_used_at"])
        return identity.person
    if not _email_is_verified(claims):
        raise ValidationError(AccountCode.OIDC_EMAIL_UNVERIFIED, provider=name)
    try:
        address = valid_email(claims.get("email") if isinstance(claims.get("email"), str) else "")
    except ValidationError:
        raise ValidationError(AccountCode.OIDC_EMAIL_UNVERIFIED, provider=name) from None
    person = people.select_for_update().filter(email__iexact=address).first()
    if person is not None:
        if not person.is_active:
            raise ValidationError(AccountCode.OIDC_INACTIVE)
        if person.email_verified_at is None:
            # Whoever signed up with the address may not own it, and knows the password.
            raise Conflict(AccountCode.OIDC_ACCOUNT_UNCONFIRMED, provider=name)
        if OidcIdentity.objects.filter(person=person, issuer=issuer).exists():
            raise Conflict(AccountCode.OIDC_EMAIL_TAKEN, provider=name)
    elif not create:
        raise NotFound(AccountCode.OIDC_NO_ACCOUNT, provider=name)
    try:
        with transaction.atomic():
            if person is None:
                # No password: this person signs in through the provider.
                person = people.create_user(
                    address,
                    password=None,
                    name=_claimed_name(claims, address),
                    timezone=_claimed_timezone(claims),
                    email_verified_at=moment,
                )
            OidcIdentity.objects.create(
                person=person,
                issuer=issuer,
                subject=subject,
                created_at=moment,
                last_used_at=moment,
            )
    except IntegrityError:  # the same sign-in twice at once: the other one made or linked it
        raise Conflict(AccountCode.OIDC_EMAIL_TAKEN, provider=name) from None
    return person


# --------------------------------------------------------------------------- backend


def _refuse(request: HttpRequest, message: str) -> None:
    setattr(request, _REFUSAL, message)


def refusal_of(request: HttpRequest) -> str:
    return str(getattr(request, _REFUSAL, ""))


class OidcBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # the library is untyped
    """mozilla-django-oidc's backend, with Tribe's rules of who may sign in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads the endpoints here, but Django makes a backend for every
        # request of a signed-in person (get_user); they are read when signing in.
        self.UserModel = get_user_model()

    def _configure(self) -> Provider:
        found = provider()
        self.OIDC_OP_TOKEN_ENDPOINT = found.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = found.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks_endpoint
        self.OIDC_RP_CLIENT_ID = _client_id()
        self.OIDC_RP_CLIENT_SECRET = str(getattr(settings, "OIDC_RP_CLIENT_SECRET", ""))
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None
        return found

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # Only the callback's call (it passes the nonce); never a password log-in
        # that happens to carry ?code= and ?state=.
        if request is None or not is_enabled() or "nonce" not in kwargs or "username" in kwargs:
            return None
        try:
            self.provider = self._configure()
            return super().authenticate(request, **kwargs)
        except (
            ProviderUnavailable,
            SuspiciousOperation,
            requests.RequestException,
            jwt.PyJWTError,
            ValueError,
            KeyError,
            TypeError,
        ) as exc:
            LOGGER.warning("OIDC sign-in refused: %s", exc)
            _refuse(request, AccountCode.OIDC_FAILED.message(provider=provider_name()))
            return None

    def get_payload_data(self, token: bytes | str, key: Any) -> dict[str, Any]:
        # Never the library's unsigned-token switch: always verified.
        return self._verify_jws(token, key)

    def _verify_jws(self, payload: bytes | str, key: Any) -> dict[str, Any]:
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != "RS256":
            raise SuspiciousOperation("the id_token is not signed with RS256")
        claims: dict[str, Any] = jwt.decode(
            payload,
            key,
            algorithms=["RS256"],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=self.provider.issuer or None,
            leeway=LEEWAY,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        # OpenID Connect Core 3.1.3.7: with several audiences, it must be meant for us.
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("the id_token was issued to another party")
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        subject = payload.get("sub")
        # Core 5.3.2: userinfo about another subject than the id_token's is not to be used.
        if not isinstance(userinfo, dict) or userinfo.get("sub") != subject:
            raise SuspiciousOperation("the userinfo is about another subject")
        if not isinstance(subject, str) or not 0 < len(subject) <= 255:
            raise SuspiciousOperation("the subject is not a string of 1 to 255 characters")
        issuer = self.provider.issuer or str(payload.get("iss", ""))[:255]
        try:
            return oidc_sign_in(
                issuer=issuer,
                subject=subject,
                claims={**payload, **userinfo},
                create=bool(getattr(settings, "TRIBE_OIDC_CREATE", True)),
            )
        except TribeError as exc:
            _refuse(self.request, exc.message)
            return None

    def get_user(self, user_id: Any) -> Any:
        # Django's rule (a deactivated account's session ends), not the library's.
        return ModelBackend.get_user(self, user_id)


def is_oidc_callback(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """django-axes' AXES_WHITELIST_CALLABLE: the provider's callback is no password try."""
    if credentials and "username" in credentials:
        return False
    return is_enabled() and request.path == reverse("oidc_authentication_callback")


# --------------------------------------------------------------------------- views


def _to_login(request: HttpRequest, message: str) -> HttpResponse:
    # Error messages are written to follow a field's name; on their own, a sentence.
    messages.error(request, message[:1].upper() + message[1:])
    return HttpResponseRedirect(resolve_url("web:login"))


class OidcAuthenticateView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Off to the provider; its address is known only when it is asked for."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider().authorization_endpoint
        except ProviderUnavailable as exc:
            LOGGER.warning("OIDC provider unavailable: %s", exc)
            return _to_login(request, AccountCode.OIDC_FAILED.message(provider=provider_name()))
        self.OIDC_RP_CLIENT_ID = _client_id()
        response: HttpResponse = super().get(request)
        return response


class OidcCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Back from the provider: signed in and on to Today, or the log-in page saying why not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_enabled():
            raise Http404
        if request.GET.get("error"):
            # The state is forgotten all the same: it must not be usable twice.
            states = request.session.get("oidc_states", {})
            if request.GET.get("state") in states:
                del states[request.GET["state"]]
                request.session.modified = True
            return _to_login(request, AccountCode.OIDC_CANCELLED.message(provider=provider_name()))
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation:
            # A state this browser did not start (a forged or replayed callback).
            LOGGER.warning("OIDC callback with a state unknown to the session")
            return self.login_failure()
        return response

    def login_failure(self) -> HttpResponse:
        reason = refusal_of(self.request)
        return _to_login(
            self.request, reason or AccountCode.OIDC_FAILED.message(provider=provider_name())
        )


def urlpatterns() -> list[URLPattern | URLResolver]:
    """mozilla_django_oidc.urls, each answering 404 while no provider is configured.

    Always routed, so that configuring a provider (or a test doing so) needs no
    other URLconf; imported here, late, because that module imports this one's
    views (``OIDC_CALLBACK_CLASS``).
    """
    from mozilla_django_oidc import urls  # type: ignore[import-untyped]

    def guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def view_when_enabled(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_enabled():
                raise Http404
            return view(request, *args, **kwargs)

        return view_when_enabled

    patterns: list[URLPattern | URLResolver] = []
    for pattern in urls.urlpatterns:
        patterns.append(path(str(pattern.pattern), guarded(pattern.callback), name=pattern.name))
    return patterns
