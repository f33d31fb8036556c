"""Reading what a person wants to be told, and what they were sent."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db.models import Case, CharField, F, QuerySet, Value, When

from tribe.outbox.models import Message, Preference

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


def preference_for(*, person_id: int) -> Preference:
    """The person's choices; the defaults (unsaved) for someone who never chose."""
    found = Preference.objects.filter(person_id=person_id).first()
    return found if found is not None else Preference(person_id=person_id)


def is_muted(preference: Preference, topic: str) -> bool:
    """Whether the person switched ``topic`` off (``"digest"``: the digest is off)."""
    if topic == "digest":
        return preference.digest == Preference.Digest.OFF
    return topic in preference.muted


#: What a person's list of messages reads: never the body, never the address
#: (for a chat message it is the webhook, a secret).
MESSAGE_FIELDS = (
    "id",
    "kind",
    "channel",
    "subject",
    "status",
    "attempts",
    "created_at",
    "sent_at",
    "last_error",
)


def messages_for(*, person: AbstractBaseUser, limit: int = 50) -> QuerySet[Message]:
    """The person's most recent messages, newest first (only theirs, ever).

    ``recipient`` is the address of a mail the person sent from Tribe (whom a
    request went to); empty for mail to the person, whose address is theirs
    and whose chat webhook is a secret not to be read back.
    """
    rows = (
        Message.objects.filter(person_id=person.pk)
        .only(*MESSAGE_FIELDS)
        .annotate(
            recipient=Case(
                When(kind=Message.Kind.OUTREACH, then=F("to")),
                default=Value(""),
                output_field=CharField(),
            )
        )
    )
    return rows.order_by("-created_at", "-id")[:limit]


def failed_count(*, person: AbstractBaseUser) -> int:
    """How many of the person's messages failed for good (one query, on their own rows)."""
    return Message.objects.filter(person_id=person.pk, status=Message.Status.FAILED).count()


#: Any web address: a chat message's reason must not repeat its webhook (a secret).
_ADDRESS = re.compile(r"\bhttps?://\S+", re.IGNORECASE)


def failure_reason(message: Message) -> str:
    """Why the message failed, in words, with any web address left out."""
    return _ADDRESS.sub("…", message.last_error)
