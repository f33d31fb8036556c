"""Sending from Tribe what a person chose to send: a meeting's follow-up, an update.

Until now these were "copy it, or open it in your mail program, then record
it as sent". Here the person may instead let Tribe send it: the same service
that records it as sent runs, and in the same transaction the text goes into
the outbox, so a refusal sends nothing and a sent mail is always recorded.

The mail goes out *on behalf* of the person: From is Tribe's own address with
the person's name ("Maya Chen via Tribe"), Reply-To is the person, so the
answer reaches them and not Tribe. Tribe's address is the one its SPF and
DKIM records cover; a later ``TRIBE_SEND_AS_PERSON=1`` setting could put the
person's own address in From for organisations that relay for their staff
(only :func:`queue_on_behalf` would change). The body is exactly the text the
person saw and approved: Tribe adds nothing to it, and private notes never
enter it (the drafts read shared notes only).

``outreach.mail`` (requests and thanks) builds on :func:`queue_on_behalf`;
the ledger never imports outreach.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import MentorUpdate
from tribe.ledger.services import update_record_sent
from tribe.meetings.models import Meeting
from tribe.meetings.services import meeting_record_follow_up
from tribe.outbox.delivery import sender_on_behalf
from tribe.outbox.models import Message
from tribe.outbox.services import message_queue
from tribe.people.models import Contact, Person
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import Relationship

__all__ = [
    "Recipient",
    "follow_up_send_by_email",
    "last_message",
    "other_side",
    "queue_on_behalf",
    "update_send_by_email",
]

#: The longest text sent by e-mail: the longest text Tribe records as sent.
BODY_MAX = 10000


@dataclass(frozen=True)
class Recipient:
    """Who a mail goes to: an account or a contact, by name and address."""

    name: str
    email: str


def recipient_of(side: Person | Contact | None) -> Recipient:
    if side is None:
        return Recipient(name="?", email="")
    return Recipient(name=str(side), email=(side.email or "").strip())


def other_side(relationship: Relationship, actor: Person) -> Recipient:
    """The other side of ``actor`` in the relationship."""
    if relationship.role_of(actor) == "mentee":
        return recipient_of(relationship.mentor or relationship.mentor_contact)
    return recipient_of(relationship.mentee or relationship.mentee_contact)


def require_address(recipient: Recipient) -> str:
    """The recipient's address, or a refusal naming the missing field."""
    if not recipient.email:
        raise ValidationError(LedgerCode.NO_EMAIL_ADDRESS, field="email", name=recipient.name)
    return recipient.email


#: Mails Tribe sends in one person's name in 24 hours, at most: more than a
#: mentee asking mentors, following up and thanking needs in a day.
MAIL_PER_DAY = 20


def approved_text(body: str, *, field: str = "body", max_length: int = BODY_MAX) -> str:
    """The text as the person approved it; a browser's CRLF line ends become plain ones,
    so what is recorded and what arrives are the same text."""
    return v.text(body.replace("\r\n", "\n"), field=field, max_length=max_length, required=True)


def queue_on_behalf(
    *,
    actor: Person,
    recipient: Recipient,
    key: str,
    subject: str,
    body: str,
    now: dt.datetime | None = None,
) -> Message:
    """Queue ``body`` to the recipient, from Tribe in the actor's name, answers to the actor.

    The caller runs inside the transaction that records the mail as sent, so
    the outbox row and the record commit (or roll back) together; the worker
    is woken once they commit. The subject is made safe for a header by the
    outbox (line breaks collapse); names go through ``formataddr``.

    Tribe sends in a person's name only for an address they proved is theirs,
    and at most :data:`MAIL_PER_DAY` mails in 24 hours: otherwise an account
    made in a minute could use Tribe's good name to mail anyone anything.
    """
    if actor.email_verified_at is None:
        raise Conflict(LedgerCode.SENDER_UNVERIFIED, field="email")
    since = clock.now() - dt.timedelta(days=1)
    sent = Message.objects.filter(
        person=actor, kind=Message.Kind.OUTREACH, created_at__gte=since
    ).count()
    if sent >= MAIL_PER_DAY:
        raise Conflict(LedgerCode.MAIL_LIMIT, field="email", limit=MAIL_PER_DAY)
    return message_queue(
        key=key,
        kind=Message.Kind.OUTREACH,
        to=require_address(recipient),
        # The sender's row: it is their mail, so their list of messages shows
        # whether it went out, and offers to send it again if it failed.
        person_id=actor.pk,
        from_email=sender_on_behalf(actor.name),
        reply_to=actor.email,
        subject=" ".join(subject.split()),
        body_text=body,
        now=now,
    )


def next_attempt(prefix: str) -> int:
    """The number of the next mail of one item: 1, or one more than those queued before."""
    return Message.objects.filter(key__startswith=prefix).count() + 1


def last_message(*, prefix: str) -> Message | None:
    """The latest outbox row of one item (keys ``<prefix><attempt>``), for its page to
    say whether the mail went out or failed; one query."""
    return (
        Message.objects.filter(key__startswith=prefix)
        .only("status", "last_error", "to", "sent_at", "key")
        .order_by("-created_at", "-pk")
        .first()
    )


def follow_up_prefix(meeting: Meeting) -> str:
    return f"ledger:follow_up:{meeting.pk}:"


def update_prefix(update: MentorUpdate) -> str:
    return f"ledger:update:{update.pk}:"


@transaction.atomic
def follow_up_send_by_email(
    *, actor: Person, meeting: Meeting, body: str, now: dt.datetime | None = None
) -> Message:
    """Send the meeting's follow-up to the other side and record it as sent.

    ``body`` is the follow-up as the page showed it (the draft is built from
    shared notes only). Refused once the follow-up is recorded as sent, by
    e-mail or by hand: the other side would get it twice.
    """
    relationship = meeting.relationship
    if relationship.role_of(actor) is None:  # views fetch through meeting_get_for
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    # Locked, so two clicks cannot both find it unsent and mail it twice.
    sent_at = Meeting.objects.select_for_update().values_list("follow_up_sent_at", flat=True)
    if sent_at.get(pk=meeting.pk) is not None:
        raise Conflict(LedgerCode.FOLLOW_UP_ALREADY_SENT, field="meeting")
    recipient = other_side(relationship, actor)
    require_address(recipient)
    text = approved_text(body)
    moment = clock.resolve(now)
    meeting_record_follow_up(actor=actor, meeting=meeting, now=moment)
    subject = gettext("Thank you — {meeting}").format(
        meeting=meeting.title or gettext("our meeting")
    )
    prefix = follow_up_prefix(meeting)
    return queue_on_behalf(
        actor=actor,
        recipient=recipient,
        key=f"{prefix}{next_attempt(prefix)}",
        subject=subject,
        body=text,
        now=moment,
    )


@transaction.atomic
def update_send_by_email(
    *,
    actor: Person,
    relationship: Relationship,
    body: str,
    sent_on: dt.date,
    today: dt.date,
    now: dt.datetime | None = None,
) -> MentorUpdate:
    """Send an update to the other side and record it as sent (:func:`update_record_sent`).

    Each update is a new record, so "the same item twice" is the same text
    recorded for the same day already (a second click, a reloaded form):
    refused, since the mentor would read it twice.
    """
    if relationship.role_of(actor) is None:  # views fetch through relationship_get_for
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    recipient = other_side(relationship, actor)
    require_address(recipient)
    text = approved_text(body)
    if MentorUpdate.objects.filter(
        relationship=relationship, author=actor, sent_on=sent_on, body=text
    ).exists():
        raise Conflict(LedgerCode.UPDATE_ALREADY_SENT, field="body")
    update = update_record_sent(
        actor=actor, relationship=relationship, body=text, sent_on=sent_on, today=today
    )
    subject = gettext("An update from {name}").format(name=actor.name)
    prefix = update_prefix(update)
    queue_on_behalf(
        actor=actor,
        recipient=recipient,
        key=f"{prefix}{next_attempt(prefix)}",
        subject=subject,
        body=update.body,
        now=now,
    )
    return update
