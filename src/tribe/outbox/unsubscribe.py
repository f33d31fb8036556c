"""One-click unsubscribe (RFC 8058): a signed address per person and topic.

The address carries the person and the topic, signed with the site's secret
key (``django.core.signing``), so nothing is stored per mail and nobody can
forge another person's. It stays valid: an unsubscribe link in a mail a year
old must still work. Following it changes one thing only, the person's
choice for that topic, which they can change back on their notifications page.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from tribe.core.errors import ValidationError
from tribe.outbox.errors import OutboxCode
from tribe.outbox.models import Preference

SALT = "tribe.outbox.unsubscribe"
#: What can be unsubscribed from: the digest, and each nudge topic.
TOPICS = ("digest", *Preference.Topic.values)


def unsubscribe_token(*, person_id: int, topic: str) -> str:
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}")
    return signing.dumps({"p": person_id, "t": topic}, salt=SALT, compress=True)


def unsubscribe_url(*, person_id: int, topic: str, base_url: str | None = None) -> str:
    """The absolute address a mail's List-Unsubscribe header and footer link give."""
    base = settings.TRIBE_BASE_URL or base_url or "http://localhost:8000"
    path = reverse("web:unsubscribe", args=[unsubscribe_token(person_id=person_id, topic=topic)])
    return base.rstrip("/") + path


def unsubscribe_read(token: str) -> tuple[int, str]:
    """The person and topic of a token; ``ValidationError`` for one that was not made here."""
    try:
        data = signing.loads(token, salt=SALT)
        person_id, topic = int(data["p"]), str(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError(OutboxCode.UNSUBSCRIBE_INVALID, field="token") from None
    if topic not in TOPICS:
        raise ValidationError(OutboxCode.UNSUBSCRIBE_INVALID, field="token")
    return person_id, topic


@transaction.atomic
def unsubscribe_apply(*, token: str) -> tuple[int, str]:
    """Switch off the token's topic for its person (the token is who acts); person and topic.

    Applying it twice changes nothing more. A token of an account that no
    longer exists is refused like a forged one.
    """
    from django.contrib.auth import get_user_model

    person_id, topic = unsubscribe_read(token)
    if not get_user_model().objects.filter(pk=person_id, is_active=True).exists():
        raise ValidationError(OutboxCode.UNSUBSCRIBE_INVALID, field="token")
    preference, _ = Preference.objects.select_for_update().get_or_create(person_id=person_id)
    if topic == "digest":
        preference.digest = Preference.Digest.OFF
    elif topic not in preference.muted:
        preference.muted = [*preference.muted, topic]
    preference.save()
    return person_id, topic
