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
