"""Queueing a message: the one way any part of Tribe sends anything.

``message_queue`` validates what it is given (an address is an address; no
line break reaches a header; a chat message goes only to an https webhook),
writes the row and, once the surrounding transaction commits, asks a worker
to deliver it. Nothing is sent for a write that rolls back, and the same
``key`` queued twice is one message.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from tribe.core import clock
from tribe.core.errors import ValidationError
from tribe.outbox.errors import OutboxCode
from tribe.outbox.models import Message

#: The iMIP methods Tribe sends (RFC 6047): an invitation or its update, a cancellation.
CALENDAR_METHODS = ("REQUEST", "CANCEL")
SUBJECT_MAX = 200
#: Rows per INSERT of a batch (well under SQLite's 32,766 variables at 15 a row).
BULK = 500


_quiet = threading.local()


@contextmanager
def quiet() -> Iterator[None]:
    """Queue nothing while inside: for building sample data (the demo), whose
    invitations and meetings are made up and must reach nobody's inbox."""
    before = getattr(_quiet, "on", False)
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = before


def message_queue(
    *,
    key: str,
    kind: str,
    to: str,
    subject: str,
    body_text: str,
    person_id: int | None = None,
    channel: str = Message.Channel.EMAIL,
    body_html: str = "",
    reply_to: str = "",
    from_email: str = "",
    calendar: str = "",
    calendar_method: str = "",
    unsubscribe_url: str = "",
    wake: bool = True,
    now: dt.datetime | None = None,
) -> Message:
    """Queue one message under ``key``; the message already queued under it if there is one.

    The worker is woken once the caller's transaction commits (unless
    ``wake=False``: a batch job that delivers its own messages). Raises
    ``ValidationError`` naming the field for an address that is not one, a
    line break in a header, an empty message or an unknown calendar method.
    """
    if getattr(_quiet, "on", False):
        return Message(key=key, kind=kind, to=to, subject=subject, body_text=body_text)
    existing = Message.objects.filter(key=key).first()
    if existing is not None:
        return existing
    message = message_build(
        key=key,
        kind=kind,
        to=to,
        subject=subject,
        body_text=body_text,
        person_id=person_id,
        channel=channel,
        body_html=body_html,
        reply_to=reply_to,
        from_email=from_email,
        calendar=calendar,
        calendar_method=calendar_method,
        unsubscribe_url=unsubscribe_url,
        now=now,
    )
    try:
        with transaction.atomic():
            message.save(force_insert=True)
    except IntegrityError:  # the same key queued at the same moment elsewhere
        return Message.objects.get(key=key)
    if wake:
        wake_on_commit()
    return message


def message_build(
    *,
    key: str,
    kind: str,
    to: str,
    subject: str,
    body_text: str,
    person_id: int | None = None,
    channel: str = Message.Channel.EMAIL,
    body_html: str = "",
    reply_to: str = "",
    from_email: str = "",
    calendar: str = "",
    calendar_method: str = "",
    unsubscribe_url: str = "",
    now: dt.datetime | None = None,
) -> Message:
    """A checked, unsaved message: what ``message_queue`` and ``messages_queue`` write."""
    subject = " ".join(subject.split())[:SUBJECT_MAX]
    if not subject or not body_text.strip():
        raise ValidationError(OutboxCode.EMPTY, field="subject")
    for field, value in (("to", to), ("reply_to", reply_to), ("from_email", from_email)):
        if "\r" in value or "\n" in value:
            raise ValidationError(OutboxCode.HEADER_BREAK, field=field)
    if channel == Message.Channel.EMAIL:
        _check_address(to, field="to")
        if reply_to:
            _check_address(reply_to, field="reply_to")
    else:
        _check_webhook(to)
    if calendar_method and calendar_method not in CALENDAR_METHODS:
        raise ValidationError(
            OutboxCode.CALENDAR_METHOD,
            field="calendar_method",
            methods=", ".join(CALENDAR_METHODS),
        )
    return Message(
        key=key,
        kind=kind,
        channel=channel,
        person_id=person_id,
        to=to,
        from_email=from_email,
        reply_to=reply_to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        calendar=calendar,
        calendar_method=calendar_method,
        unsubscribe_url=unsubscribe_url,
        next_attempt_at=clock.resolve(now),
    )


def messages_queue(*, messages: Iterable[Message], wake: bool = True) -> dict[str, int]:
    """Queue many built messages (``message_build``) at once; the outbox id of each key.

    For a batch job (digests, nudges): one INSERT per few hundred messages
    instead of a look-up and an INSERT each. A key already queued keeps its
    first message (the database's unique key decides, so two workers running
    the same batch still make one of each).
    """
    built = list(messages)
    if not built or getattr(_quiet, "on", False):
        return {}
    with transaction.atomic():
        Message.objects.bulk_create(built, ignore_conflicts=True, batch_size=BULK)
        keys = [message.key for message in built]
        ids: dict[str, int] = {}
        for start in range(0, len(keys), BULK):
            part = keys[start : start + BULK]
            ids.update(Message.objects.filter(key__in=part).values_list("key", "pk"))
    if wake:
        wake_on_commit()
    return ids


def wake_on_commit() -> None:
    """Ask a worker to deliver what is due, once the current transaction commits.

    One wake-up per transaction however many messages it queued (the task
    delivers every due message, so a thousand invitations cost one task); a
    rolled-back transaction takes its wake-up with it.
    """
    connection = transaction.get_connection()
    pending = getattr(connection, "_tribe_outbox_wake", None)
    if (
        pending is not None
        and not pending.done
        and any(entry[1] is pending for entry in connection.run_on_commit)
    ):
        return
    wake = _Wake()
    connection._tribe_outbox_wake = wake
    # robust: a queue that cannot be reached must not undo the change that
    # queued the message; the worker's sweep delivers it all the same.
    transaction.on_commit(wake, robust=True)


class _Wake:
    """The one wake-up of a transaction (a callable, so it can be recognised)."""

    def __init__(self) -> None:
        self.done = False

    def __call__(self) -> None:
        self.done = True
        from tribe.outbox.tasks import deliver_outbox

        deliver_outbox.enqueue()


def _check_address(address: str, *, field: str) -> None:
    try:
        validate_email(address)
    except DjangoValidationError:
        raise ValidationError(OutboxCode.BAD_ADDRESS, field=field, address=address[:80]) from None


def _check_webhook(url: str) -> None:
    parts = urlsplit(url)
    # Tests post to a server of their own on 127.0.0.1, which speaks plain HTTP.
    local_test = (
        settings.TRIBE_WEBHOOK_ALLOW_LOCAL_HTTP
        and parts.scheme == "http"
        and parts.hostname == "127.0.0.1"
    )
    if (parts.scheme != "https" and not local_test) or not parts.hostname:
        raise ValidationError(OutboxCode.BAD_WEBHOOK, field="to")
