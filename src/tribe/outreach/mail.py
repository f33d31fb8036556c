"""Sending a request, or the thank-you after a no, by e-mail from Tribe.

The person may still copy the text or open it in their own mail program and
then record it as sent; this is the third way: Tribe sends it. The request
goes through :func:`tribe.outreach.services.outreach_send`, the same service
that records it as sent, in the same transaction as the outbox row, so a
refused request sends nothing and a sent one is always recorded.

As in :mod:`tribe.ledger.mail`, the mail goes out on the person's behalf:
From is Tribe's address with their name, Reply-To is the person (a later
``TRIBE_SEND_AS_PERSON=1`` could put their own address in From; only
``ledger.mail.queue_on_behalf`` would change). The body is exactly the text
the person approved; private notes never enter it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from tribe.core import clock
from tribe.core.errors import Conflict, NotFound
from tribe.core.labels import in_sentence
from tribe.ledger.mail import (
    Recipient,
    approved_text,
    last_message,
    next_attempt,
    queue_on_behalf,
    recipient_of,
    require_address,
)
from tribe.outbox.models import Message
from tribe.outreach.errors import OutreachCode
from tribe.outreach.services import outreach_send
from tribe.people.models import Person
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import Relationship

__all__ = [
    "asked_recipient",
    "request_prefix",
    "request_send_by_email",
    "request_subject",
    "thank_you_prefix",
    "thank_you_send_by_email",
]

Status = Relationship.Status

#: The longest request, as ``outreach_send`` stores it.
REQUEST_MAX = 5000


def asked_recipient(relationship: Relationship) -> Recipient:
    """The side a request goes to: the one that did not start the relationship."""
    if relationship.created_by_id == relationship.mentee_id:
        return recipient_of(relationship.mentor or relationship.mentor_contact)
    return recipient_of(relationship.mentee or relationship.mentee_contact)


#: The request's subject for each kind of relationship: a coach is not asked to mentor.
SUBJECT_OF_KIND: dict[str, str] = {
    Relationship.Kind.MENTOR: gettext_noop("Would you mentor me? {purpose}"),
    Relationship.Kind.COACH: gettext_noop("Would you coach me? {purpose}"),
    Relationship.Kind.SPONSOR: gettext_noop("Would you sponsor me? {purpose}"),
    Relationship.Kind.PEER: gettext_noop("Shall we be peer mentors? {purpose}"),
}


def request_subject(relationship: Relationship) -> str:
    """The request's subject, in the active language (the sender's, as is the text)."""
    template = SUBJECT_OF_KIND.get(relationship.kind, SUBJECT_OF_KIND[Relationship.Kind.MENTOR])
    return gettext(template).format(purpose=relationship.purpose).strip()


def request_prefix(relationship: Relationship) -> str:
    return f"outreach:request:{relationship.pk}:"


def thank_you_prefix(relationship: Relationship) -> str:
    return f"outreach:thanks:{relationship.pk}:"


def _require_own(relationship: Relationship, actor: Person) -> None:
    """Only the person who started the request sends it; to anyone else it does not exist."""
    if relationship.created_by_id != actor.pk:  # views fetch through relationship_get_for_mentee
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)


@transaction.atomic
def request_send_by_email(
    *, actor: Person, relationship: Relationship, message: str, now: dt.datetime | None = None
) -> Relationship:
    """Send the request by e-mail and record it as sent (:func:`outreach_send`).

    ``message`` is the request as the person approved it, sent as it is. Refused
    (``already_sent``) once the request is recorded as sent, however it went
    out; a request that returns to "prospect" and is sent again is the next
    attempt under its own outbox key.
    """
    _require_own(relationship, actor)
    if relationship.status != Status.PROSPECT:
        raise Conflict(
            OutreachCode.ALREADY_SENT,
            field="status",
            status=in_sentence(relationship, "status"),
        )
    recipient = asked_recipient(relationship)
    require_address(recipient)
    text = approved_text(message, field="message", max_length=REQUEST_MAX)
    moment = clock.resolve(now)
    sent = outreach_send(actor=actor, relationship=relationship, message=text, now=moment)
    prefix = request_prefix(relationship)
    queue_on_behalf(
        actor=actor,
        recipient=recipient,
        key=f"{prefix}{next_attempt(prefix)}",
        subject=request_subject(sent),
        body=sent.request_message,
        now=moment,
    )
    return sent


@transaction.atomic
def thank_you_send_by_email(
    *, actor: Person, relationship: Relationship, body: str, now: dt.datetime | None = None
) -> Message:
    """Send the thank-you for a no. Nothing records a thank-you as sent, so the
    outbox row is the record: refused while one is queued or sent, allowed
    again only when the last one failed."""
    _require_own(relationship, actor)
    if relationship.status != Status.DECLINED:
        raise Conflict(
            OutreachCode.NOT_DECLINED, field="status", status=in_sentence(relationship, "status")
        )
    prefix = thank_you_prefix(relationship)
    # Locked, so two clicks cannot both find no mail and send two.
    list(Relationship.objects.select_for_update().filter(pk=relationship.pk).values("pk"))
    earlier = last_message(prefix=prefix)
    if earlier is not None and earlier.status != Message.Status.FAILED:
        raise Conflict(OutreachCode.THANKS_ALREADY_SENT, field="body")
    recipient = asked_recipient(relationship)
    require_address(recipient)
    return queue_on_behalf(
        actor=actor,
        recipient=recipient,
        key=f"{prefix}{next_attempt(prefix)}",
        subject=gettext("Thank you"),
        body=approved_text(body),
        now=now,
    )
