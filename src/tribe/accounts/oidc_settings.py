"""The settings of signing in through an organisation's OpenID Connect provider.

Read by ``tribe.settings`` from the environment (and by the tests, from a
dictionary), before Django is set up: this module imports nothing of Django's
but its exception. Without a client id it turns nothing on: no button, and
``/oidc/`` answers 404. See "Signing in with your organisation" in
docs/deployment.md.

    TRIBE_OIDC_ISSUER          the provider's issuer, e.g. https://login.example.org/realms/staff
    TRIBE_OIDC_CLIENT_ID       Tribe's client at the provider
    TRIBE_OIDC_CLIENT_SECRET   its secret
    TRIBE_OIDC_NAME            the button says "Sign in with <name>" (default: your organisation)
    TRIBE_OIDC_AUTHORIZATION_ENDPOINT, TRIBE_OIDC_TOKEN_ENDPOINT,
    TRIBE_OIDC_USERINFO_ENDPOINT, TRIBE_OIDC_JWKS_ENDPOINT
                               the provider's addresses; those not given are read once
                               from the issuer's /.well-known/openid-configuration, at
                               the first sign-in (never while starting)
    TRIBE_OIDC_CREATE          "0": only people who already have an account may sign in
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ImproperlyConfigured

__all__ = ["ENDPOINTS", "oidc_settings"]

#: Each endpoint's environment variable and the mozilla-django-oidc setting it fills.
ENDPOINTS = {
    "TRIBE_OIDC_AUTHORIZATION_ENDPOINT": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "TRIBE_OIDC_TOKEN_ENDPOINT": "OIDC_OP_TOKEN_ENDPOINT",
    "TRIBE_OIDC_USERINFO_ENDPOINT": "OIDC_OP_USER_ENDPOINT",
    "TRIBE_OIDC_JWKS_ENDPOINT": "OIDC_OP_JWKS_ENDPOINT",
}

BACKEND = "tribe.accounts.oidc.OidcBackend"


def oidc_settings(environ: Mapping[str, str], *, backends: Sequence[str]) -> dict[str, object]:
    """The Django settings that ``environ`` asks for; ``backends`` are those already listed."""
    env = {key: environ.get(key, "").strip() for key in environ if key.startswith("TRIBE_OIDC_")}
    result: dict[str, object] = {
        # mozilla_django_oidc.urls reads these when it is imported, configured or not;
        # Tribe's views answer 404 until a provider is configured.
        "OIDC_AUTHENTICATE_CLASS": "tribe.accounts.oidc.OidcAuthenticateView",
        "OIDC_CALLBACK_CLASS": "tribe.accounts.oidc.OidcCallbackView",
        "TRIBE_OIDC_ENABLED": False,
        "TRIBE_OIDC_NAME": env.get("TRIBE_OIDC_NAME") or "your organisation",
        "TRIBE_OIDC_ISSUER": env.get("TRIBE_OIDC_ISSUER", "").rstrip("/"),
        "TRIBE_OIDC_CREATE": env.get("TRIBE_OIDC_CREATE", "1") != "0",
    }
    client_id, secret = env.get("TRIBE_OIDC_CLIENT_ID", ""), env.get("TRIBE_OIDC_CLIENT_SECRET", "")
    endpoints = {setting: env.get(variable, "") for variable, setting in ENDPOINTS.items()}
    if not client_id:
        if secret or result["TRIBE_OIDC_ISSUER"] or any(endpoints.values()):
            raise ImproperlyConfigured("TRIBE_OIDC_CLIENT_ID is needed to sign in with OIDC")
        return result
    problems = []
    if not secret:
        problems.append("TRIBE_OIDC_CLIENT_SECRET is not set")
    missing = [v for v, s in ENDPOINTS.items() if not endpoints[s]]
    if missing and not result["TRIBE_OIDC_ISSUER"]:
        problems.append("set TRIBE_OIDC_ISSUER, or " + ", ".join(missing))
    for name in [result["TRIBE_OIDC_ISSUER"], *endpoints.values()]:
        if name and not str(name).startswith(("https://", "http://")):
            problems.append(f"{name} is not an http(s) address")
    if problems:
        raise ImproperlyConfigured("TRIBE_OIDC_CLIENT_ID is set but " + "; ".join(problems))
    result.update(endpoints)
    result.update(
        {
            "TRIBE_OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": client_id,
            "OIDC_RP_CLIENT_SECRET": secret,
            # Signed by the provider's key, checked against its JWKS; never HS256
            # (the shared secret) nor unsigned tokens.
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_RP_SCOPES": "openid email profile",
            "OIDC_USE_PKCE": True,
            # A provider that hangs must not hold a server thread for ever.
            "OIDC_TIMEOUT": 10,
            "LOGIN_REDIRECT_URL_FAILURE": "web:login",
            # The callback is not a password: nothing there can be guessed (the code
            # comes from the provider, the state is bound to the session), and
            # counting its failures per client address would lock out an office
            # behind one router after any five colleagues' refusals.
            "AXES_WHITELIST_CALLABLE": "tribe.accounts.oidc.is_oidc_callback",
            "AUTHENTICATION_BACKENDS": [*backends, BACKEND],
        }
    )
    return result
