"""What happened to an account's security, for the person to see (``/profile/security/``).

Log-ins, failed log-ins, log-outs, password changes and exports, each with the
moment, the address it came from and the browser. Kept for a year
(:data:`KEEP_DAYS`); the account's own page lists them, nobody else's does.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: How long an event is kept: long enough to notice a stranger's log-in months later.
KEEP_DAYS = 365


class SecurityEventKind(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Log-in failed (wrong password)")
    LOGOUT = "logout", _("Logged out")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset by e-mail link")
    EXPORT = "export", _("All data downloaded")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")


class SecurityEvent(models.Model):
    Kind = SecurityEventKind

    # The account model by name: accounts sits beside people and imports none of it.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_events"
    )
    kind = models.CharField(max_length=20, choices=SecurityEventKind.choices)
    at = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SecurityEventKind.values), name="security_event_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"security event {self.pk}"


class ApiToken(models.Model):
    """A personal API token: a long random secret a script presents as ``Bearer``.

    Only a digest is stored (SHA-256 of the token): the token is shown once, when
    made, and a leaked database cannot be replayed against the API. SHA-256 and
    not a slow password hash because the token is 256 random bits, not something
    a person chose: there is nothing to guess, and every request checks one.
    ``prefix`` (the token's first characters) lets its owner tell tokens apart
    on the page. A revoked token is kept, with the moment, for the owner's record.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    #: A read-only token may not change anything (any method but GET, HEAD, OPTIONS).
    read_only = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"API token {self.prefix}…"


class OidcIdentity(models.Model):
    """Who a person is at the organisation's OpenID Connect provider: its ``sub``.

    Signing in again finds the person by this, not by e-mail, so a changed
    address at the provider keeps the account, and another provider account
    claiming the same address cannot take it over. One per provider and person.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identities"
    )
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField()

    class Meta:
        ordering = ["issuer", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identity_unique"),
            models.UniqueConstraint(
                fields=["person", "issuer"], name="oidc_identity_one_per_issuer"
            ),
        ]

    def __str__(self) -> str:
        return f"OIDC identity {self.pk}"
