"""The outbox: every message Tribe sends, written before it is sent.

A message is a row first and a delivery second. The row is written in the
same transaction as the change that calls for it (a verification link, a
meeting invitation, a digest), so a rollback sends nothing, and a worker that
dies half-way loses nothing: the next worker finds the row still queued, or
still claimed with its lease run out, and sends it. ``key`` is the
idempotency key: queueing the same key twice gives the first row back, so a
job that runs again (after a crash, or on two workers) composes nothing twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tribe.core.models import TimeStampedModel


class Message(TimeStampedModel):
    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SLACK = "slack", _("Slack")
        TEAMS = "teams", _("Microsoft Teams")

    class Kind(models.TextChoices):
        VERIFICATION = "verification", _("Address verification")
        PASSWORD_RESET = "password_reset", _("Password reset")
        SIGNUP_ATTEMPT = "signup_attempt", _("Sign-up with a known address")
        INVITATION = "invitation", _("Programme invitation")
        MEETING = "meeting", _("Meeting invitation")
        OUTREACH = "outreach", _("Request, follow-up, thanks or update")
        DIGEST = "digest", _("Digest")
        NUDGE = "nudge", _("Nudge")
        PROGRAMME_NUDGE = "programme_nudge", _("Programme nudge")
        PROGRAMME_OFFER = "programme_offer", _("Programme match offer")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Whose message it is, when that is an account: the person it tells
    # something (a digest, a reset link), or for mail a person sent from
    # Tribe (a request, a thank-you) the sender, whose notifications page
    # lists it and offers to send it again if it failed. A programme
    # invitation may go to an address with no account yet. Erasing the
    # account deletes its messages.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
    )
    # An e-mail address, or for a chat channel the webhook address (a secret:
    # never shown on a page, never exported).
    to = models.CharField(max_length=2000)
    from_email = models.CharField(max_length=320, blank=True)
    reply_to = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # An iMIP part: the iCalendar text and its METHOD (REQUEST, CANCEL).
    calendar = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=16, blank=True)
    # A one-click unsubscribe address (RFC 8058); empty for messages a person
    # cannot opt out of (a password reset, an invitation to a meeting).
    unsubscribe_url = models.CharField(max_length=500, blank=True)

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # While a worker sends, it holds the row until lease_until; a worker that
    # died leaves the lease to run out, and the next one sends the message.
    claimed_by = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Why the last attempt failed, in words a person can act on.
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due",
                condition=Q(status__in=["queued", "sending"]),
            ),
            models.Index(fields=["person", "-created_at"], name="outbox_person_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to #{self.person_id or '-'} ({self.status})"


class Preference(TimeStampedModel):
    """One person's choices; a person without a row has the defaults below."""

    class Digest(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Once a week")
        OFF = "off", _("Never")

    #: What a person may switch off one by one (the digest has its own choice).
    #: Messages about their account (a password reset) and meeting invitations
    #: are not in the list: they are answers to something the person or the
    #: other side did.
    class Topic(models.TextChoices):
        NUDGE_REQUEST = "nudge_request", _("A request of mine waits for an answer")
        NUDGE_FOLLOW_UP = "nudge_follow_up", _("A follow-up or thank-you I have not sent")
        NUDGE_AT_RISK = "nudge_at_risk", _("A relationship going quiet")
        PROGRAMME = "programme", _("Programmes I run: what needs me")
        PROGRAMME_OFFER = "programme_offer", _("A programme suggests a match for me")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    digest = models.CharField(max_length=8, choices=Digest.choices, default=Digest.WEEKLY)
    #: ISO weekday of the weekly digest, 1 = Monday.
    digest_weekday = models.PositiveSmallIntegerField(default=1)
    #: The local hour (in the person's time zone) the digest goes out.
    digest_hour = models.PositiveSmallIntegerField(default=8)
    #: Topics (``Topic`` values) switched off.
    muted = models.JSONField(default=list, blank=True)
    # Chat webhooks: secrets, never shown back whole, never exported.
    slack_webhook = models.CharField(max_length=500, blank=True)
    teams_webhook = models.CharField(max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(digest_weekday__gte=1, digest_weekday__lte=7),
                name="preference_weekday_range",
            ),
            models.CheckConstraint(condition=Q(digest_hour__lte=23), name="preference_hour_range"),
        ]

    def __str__(self) -> str:
        return f"notification preference of #{self.person_id}"
