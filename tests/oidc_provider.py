"""A small OpenID Connect provider on 127.0.0.1, for the sign-in tests (a pytest plugin).

A real HTTP server in a thread, one per test session (per xdist worker), with
an RSA key made for the session. It does what Tribe relies on a provider for:

- ``/authorize`` signs in whoever the test chose (``provider.person``) and
  redirects back with a one-time code, echoing the state and keeping the nonce;
- ``/token`` checks the client, the redirect address and the PKCE verifier,
  and answers an RS256 id_token (``provider.tamper`` spoils it on purpose:
  another key, audience, nonce, issuer or an expired one) and an access token;
- ``/userinfo`` answers the person's claims for that access token;
- ``/jwks`` and ``/.well-known/openid-configuration`` describe it.

The ``oidc`` fixture resets it and configures Tribe to use it (the settings
``tribe.settings`` would make from TRIBE_OIDC_* variables).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings

from tribe.accounts import oidc as tribe_oidc
from tribe.accounts.oidc_settings import BACKEND, oidc_settings

CLIENT_ID = "tribe-test"
CLIENT_SECRET = "s3cret-of-the-test-client"
KID = "test-key"


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Provider:
    """The provider's state; tests set ``person`` (the claims) and ``tamper``."""

    base: str = ""
    key: rsa.RSAPrivateKey = field(default_factory=_new_key)
    person: dict[str, Any] = field(default_factory=dict)
    #: Changes to the id_token: claims to override, or "key": "other" to sign it with
    #: a key the JWKS does not have.
    tamper: dict[str, Any] = field(default_factory=dict)
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Every request seen, as (method, path): the tests check what Tribe asked.
    seen: list[tuple[str, str]] = field(default_factory=list)

    @property
    def issuer(self) -> str:
        return self.base

    def reset(self) -> None:
        self.person, self.tamper = {}, {}
        self.codes.clear()
        self.tokens.clear()
        self.seen.clear()

    def jwk(self) -> dict[str, Any]:
        public: dict[str, Any] = json.loads(
            jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key())
        )
        return {**public, "kid": KID, "alg": "RS256", "use": "sig"}

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.base}/authorize",
            "token_endpoint": f"{self.base}/token",
            "userinfo_endpoint": f"{self.base}/userinfo",
            "jwks_uri": f"{self.base}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def id_token(self, grant: dict[str, Any]) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": grant["person"]["sub"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "email": grant["person"].get("email"),
        }
        tamper = dict(self.tamper)
        key = _new_key() if tamper.pop("key", None) == "other" else self.key
        unsigned = tamper.pop("alg_none", False)
        claims.update(tamper)
        if unsigned:
            return jwt.encode(claims, None, algorithm="none", headers={"kid": KID})
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})


class _Handler(BaseHTTPRequestHandler):
    provider: Provider

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _answer(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.provider.seen.append(("GET", url.path))
        if url.path == "/.well-known/openid-configuration":
            self._answer(200, self.provider.discovery())
        elif url.path == "/jwks":
            self._answer(200, {"keys": [self.provider.jwk()]})
        elif url.path == "/authorize":
            self._authorize(query)
        elif url.path == "/userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            grant = self.provider.tokens.get(token)
            if grant is None:
                self._answer(401, {"error": "invalid_token"})
            else:
                self._answer(200, grant["person"])
        else:
            self._answer(404, {"error": "not_found"})

    def _authorize(self, query: dict[str, str]) -> None:
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            self._answer(400, {"error": "invalid_request"})
            return
        assert "openid" in query.get("scope", "").split()
        code = secrets.token_urlsafe(16)
        self.provider.codes[code] = {
            "person": dict(self.provider.person),
            "nonce": query.get("nonce"),
            "redirect_uri": query["redirect_uri"],
            "code_challenge": query.get("code_challenge"),
        }
        back = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
        self._answer(302, headers={"Location": back})

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        self.provider.seen.append(("POST", url.path))
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if url.path != "/token":
            self._answer(404, {"error": "not_found"})
            return
        grant = self.provider.codes.pop(form.get("code", ""), None)  # a code works once
        if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            self._answer(401, {"error": "invalid_client"})
            return
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            self._answer(400, {"error": "invalid_grant"})
            return
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        if grant["code_challenge"] != challenge.decode():
            self._answer(400, {"error": "invalid_grant", "error_description": "PKCE"})
            return
        access = secrets.token_urlsafe(16)
        self.provider.tokens[access] = grant
        self._answer(
            200,
            {
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": self.provider.id_token(grant),
            },
        )


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    provider = Provider()
    handler = type("Handler", (_Handler,), {"provider": provider})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    provider.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield provider
    server.shutdown()
    server.server_close()


def environment(provider: Provider, **more: str) -> dict[str, str]:
    """The TRIBE_OIDC_* variables an operator would set for ``provider``."""
    return {
        "TRIBE_OIDC_ISSUER": provider.issuer,
        "TRIBE_OIDC_CLIENT_ID": CLIENT_ID,
        "TRIBE_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "TRIBE_OIDC_NAME": "Acme",
        "TRIBE_OIDC_AUTHORIZATION_ENDPOINT": f"{provider.base}/authorize",
        "TRIBE_OIDC_TOKEN_ENDPOINT": f"{provider.base}/token",
        "TRIBE_OIDC_USERINFO_ENDPOINT": f"{provider.base}/userinfo",
        "TRIBE_OIDC_JWKS_ENDPOINT": f"{provider.base}/jwks",
        **more,
    }


def configure(settings: Any, environ: dict[str, str]) -> None:
    """Apply what ``tribe.settings`` makes of ``environ`` to pytest-django's ``settings``."""
    base = [b for b in django_settings.AUTHENTICATION_BACKENDS if b != BACKEND]
    for name, value in oidc_settings(environ, backends=base).items():
        setattr(settings, name, value)
    tribe_oidc._discovered.clear()


@pytest.fixture
def oidc(settings: Any, oidc_provider: Provider) -> Provider:
    """Tribe configured to sign in through the test provider (explicit endpoints)."""
    oidc_provider.reset()
    configure(settings, environment(oidc_provider))
    return oidc_provider
