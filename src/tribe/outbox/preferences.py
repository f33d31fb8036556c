"""A person's notification settings, and sending a failed message of theirs again.

The settings page and ``tribe notifications`` both write through here, so a
page and a command get the same answer for the same input. Every field is
checked before anything is saved: one bad value leaves the stored choices as
they were.

Webhook addresses are secrets (whoever has one can post to the channel): they
are checked to point where Slack or Microsoft hand them out, so a typo or a
pasted address of some other site is refused here rather than failing at the
first digest, and so the worker never posts a person's digest to a host of
somebody's choosing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.db import transaction

from tribe.core import clock
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.outbox.errors import OutboxCode
from tribe.outbox.models import Message, Preference
from tribe.outbox.services import wake_on_commit

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

#: Where Slack issues incoming webhooks.
SLACK_HOST = "hooks.slack.com"
#: The hosts Microsoft issues Teams workflow webhooks under: Power Automate
#: workflows (``*.logic.azure.com``, and the newer
#: ``*.environment.api.powerplatform.com``) and the older Office 365 connectors
#: (``*.webhook.office.com``).
TEAMS_HOSTS = (".logic.azure.com", ".webhook.office.com", ".environment.api.powerplatform.com")
#: The longest address each column holds (``Preference.slack_webhook``, ``teams_webhook``).
SLACK_MAX, TEAMS_MAX = 500, 1000


@transaction.atomic
def preference_set(
    *,
    actor: AbstractBaseUser,
    digest: str | None = None,
    digest_weekday: int | None = None,
    digest_hour: int | None = None,
    muted: Iterable[str] | None = None,
    slack_webhook: str | None = None,
    teams_webhook: str | None = None,
) -> Preference:
    """Change the actor's own notification settings; ``None`` leaves a field as it is.

    ``digest`` is a ``Preference.Digest`` value, ``digest_weekday`` the ISO
    weekday of the weekly digest (1 = Monday … 7 = Sunday), ``digest_hour``
    the local hour (0–23, in the person's time zone) it goes out, ``muted``
    the whole list of ``Preference.Topic`` values switched off. A webhook is
    an address Slack (``https://hooks.slack.com/…``) or Microsoft (``https``
    on a host ending in ``.logic.azure.com``, ``.webhook.office.com`` or
    ``.environment.api.powerplatform.com``: the hosts Microsoft issues Teams
    workflow webhooks under) gave the person; an empty string removes it.

    Raises ``ValidationError`` naming the field; nothing is saved then.
    """
    changes: dict[str, object] = {}
    if digest is not None:
        if digest not in Preference.Digest.values:
            raise ValidationError(
                OutboxCode.DIGEST_CHOICE,
                field="digest",
                choices=", ".join(Preference.Digest.values),
            )
        changes["digest"] = digest
    if digest_weekday is not None:
        if not _whole(digest_weekday, 1, 7):
            raise ValidationError(OutboxCode.WEEKDAY, field="digest_weekday")
        changes["digest_weekday"] = digest_weekday
    if digest_hour is not None:
        if not _whole(digest_hour, 0, 23):
            raise ValidationError(OutboxCode.HOUR, field="digest_hour")
        changes["digest_hour"] = digest_hour
    if muted is not None:
        changes["muted"] = _topics(muted)
    if slack_webhook is not None:
        changes["slack_webhook"] = _slack(slack_webhook.strip())
    if teams_webhook is not None:
        changes["teams_webhook"] = _teams(teams_webhook.strip())

    preference, _ = Preference.objects.select_for_update().get_or_create(person_id=actor.pk)
    for name, value in changes.items():
        setattr(preference, name, value)
    if changes:
        preference.save()
    return preference


@transaction.atomic
def message_retry(
    *, actor: AbstractBaseUser, message: int | Message, now: dt.datetime | None = None
) -> Message:
    """Queue a failed message of the actor's again, to be sent at once.

    Another person's message, or one that does not exist, is ``NotFound``
    (the answer must not tell whether it exists); one of the actor's own that
    did not fail (it was sent, or is already on its way again after a second
    click) is a ``Conflict`` that says what it is.
    """
    pk = message.pk if isinstance(message, Message) else message
    found = Message.objects.select_for_update().filter(pk=pk, person_id=actor.pk).first()
    if found is None:
        raise NotFound(OutboxCode.MESSAGE_NOT_FOUND)
    if found.status != Message.Status.FAILED:
        raise Conflict(
            OutboxCode.NOT_FAILED, field="message", status=found.get_status_display().lower()
        )
    found.status = Message.Status.QUEUED
    found.attempts = 0
    found.next_attempt_at = clock.resolve(now)
    found.claimed_by = ""
    found.lease_until = None
    found.save(
        update_fields=[
            "status",
            "attempts",
            "next_attempt_at",
            "claimed_by",
            "lease_until",
            "updated_at",
        ]
    )
    wake_on_commit()
    return found


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _topics(values: Iterable[str]) -> list[str]:
    given = list(values)
    for topic in given:
        if topic not in Preference.Topic.values:
            raise ValidationError(
                OutboxCode.TOPIC,
                field="muted",
                topic=str(topic)[:40],
                topics=", ".join(Preference.Topic.values),
            )
    # In the order of the list of topics, once each: the same choice stores the same way.
    return [topic for topic in Preference.Topic.values if topic in given]


def _webhook_parts(url: str, *, limit: int) -> str | None:
    """The host of a plausible https address, or None when it is not one."""
    if len(url) > limit or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username or parts.password or port not in (None, 443):
        return None
    return (parts.hostname or "").lower() or None


def _slack(url: str) -> str:
    if not url:
        return ""
    field = "slack_webhook"
    host = _webhook_parts(url, limit=SLACK_MAX)
    if host != SLACK_HOST or not urlsplit(url).path.strip("/"):
        raise ValidationError(OutboxCode.SLACK_WEBHOOK, field=field)
    return url


def _teams(url: str) -> str:
    if not url:
        return ""
    field = "teams_webhook"
    host = _webhook_parts(url, limit=TEAMS_MAX)
    if host is None or not any(host.endswith(suffix) for suffix in TEAMS_HOSTS):
        raise ValidationError(
            OutboxCode.TEAMS_WEBHOOK,
            field=field,
            hosts=", ".join(f"…{suffix}" for suffix in TEAMS_HOSTS),
        )
    return url
