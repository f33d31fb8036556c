"""Delivering the outbox: claim what is due, send it, record what happened.

A worker claims a batch of due messages (``SELECT … FOR UPDATE SKIP LOCKED``
on PostgreSQL, an exclusive transaction on SQLite, so two workers never claim
the same row), marks each one sent the moment the server accepted it, and
gives each failure a reason and a next attempt. A message whose worker died
keeps its claim until the lease runs out; then the next worker sends it.

What "exactly once" means here: every message is sent until a server has
accepted it, and it carries a ``Message-ID`` made from its key, the same on
every attempt. SMTP has no way to ask whether a message arrived, so the one
message in flight at the instant a worker is killed (accepted by the server,
not yet marked sent) is sent again, with the same ``Message-ID``, which is
how mail systems recognise a duplicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import smtplib
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils.translation import gettext as _

from tribe.core import clock
from tribe.outbox.models import Message

logger = logging.getLogger("tribe.outbox")

#: Waits before the 2nd, 3rd, … attempt; after the last one the message is failed.
BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
BATCH = 100
WEBHOOK_TIMEOUT = 10


class Permanent(Exception):
    """The server refused for good (an unknown mailbox, a webhook that is gone)."""


class Transient(Exception):
    """Worth another attempt later (a server down, a time-out, a 4xx answer)."""


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    ids: list[int] = field(default_factory=list)

    def add(self, other: DeliveryReport) -> None:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.ids += other.ids


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.TRIBE_OUTBOX_LEASE_SECONDS)


def deliver_due(
    *,
    worker_id: str,
    ids: list[int] | None = None,
    batch: int = BATCH,
    max_batches: int | None = None,
    now: dt.datetime | None = None,
) -> DeliveryReport:
    """Send every due message (or only those in ``ids``), batch after batch, until none is due."""
    report = DeliveryReport()
    batches = 0
    while max_batches is None or batches < max_batches:
        moment = clock.resolve(now)
        claimed = _claim(worker_id=worker_id, ids=ids, limit=batch, now=moment)
        if not claimed:
            break
        report.add(_send_batch(claimed, worker_id=worker_id, now=now))
        batches += 1
    return report


def due_q(now: dt.datetime) -> Q:
    return Q(status=Message.Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Message.Status.SENDING, lease_until__lt=now
    )


def _claim(*, worker_id: str, ids: list[int] | None, limit: int, now: dt.datetime) -> list[Message]:
    # An exclusive transaction on SQLite (one writer at a time, so no two
    # workers claim the same row); row locks skipped over on PostgreSQL.
    from django_tasks_db.utils import exclusive_transaction

    with exclusive_transaction():
        due = Message.objects.filter(due_q(now))
        if ids is not None:
            due = due.filter(pk__in=ids)
        picked = list(
            due.order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if not picked:
            return []
        Message.objects.filter(pk__in=picked).update(
            status=Message.Status.SENDING,
            claimed_by=worker_id,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
        )
    return list(Message.objects.filter(pk__in=picked).order_by("pk"))


def _send_batch(
    messages: list[Message], *, worker_id: str, now: dt.datetime | None
) -> DeliveryReport:
    """Send a claimed batch; ``now`` is fixed in tests, else the clock is read as it goes."""
    report = DeliveryReport()
    smtp = None
    renewed = time.monotonic()
    pending = [message.pk for message in messages]
    lost: set[int] = set()
    try:
        for index, message in enumerate(messages):
            if time.monotonic() - renewed > lease().total_seconds() / 3:
                # A slow server: hold on to the rest of the batch before the lease runs
                # out, so that no other worker takes over a message this one will send.
                still_mine = _renew(pending[index:], worker_id=worker_id, now=now)
                lost |= set(pending[index:]) - still_mine
                renewed = time.monotonic()
            if message.pk in lost:  # taken over by another worker after all: theirs now
                continue
            try:
                if message.channel == Message.Channel.EMAIL:
                    if smtp is None:
                        smtp = get_connection(fail_silently=False)
                        smtp.open()
                    try:
                        smtp.send_messages([build_email(message)])
                    except Exception:
                        # The connection may be half-broken: start the next message on a new one.
                        _close(smtp)
                        smtp = None
                        raise
                else:
                    send_chat(message)
            except Exception as exc:
                _record_failure(
                    message, exc, worker_id=worker_id, report=report, now=clock.resolve(now)
                )
            else:
                _record_sent(message, worker_id=worker_id, now=clock.resolve(now))
                report.sent += 1
                report.ids.append(message.pk)
    finally:
        if smtp is not None:
            _close(smtp)
    return report


def _renew(pks: list[int], *, worker_id: str, now: dt.datetime | None) -> set[int]:
    """Extend this worker's lease on ``pks``; those still its own."""
    mine = Message.objects.filter(pk__in=pks, claimed_by=worker_id, status=Message.Status.SENDING)
    mine.update(lease_until=clock.resolve(now) + lease())
    return set(mine.values_list("pk", flat=True))


def _close(connection: object) -> None:
    try:
        connection.close()  # type: ignore[attr-defined]
    except Exception:
        logger.debug("closing the mail connection failed", exc_info=True)


def _record_sent(message: Message, *, worker_id: str, now: dt.datetime) -> None:
    # Only the claimant's own claim: a worker whose lease ran out and was
    # overtaken does not overwrite what the next one recorded.
    Message.objects.filter(pk=message.pk, claimed_by=worker_id).update(
        status=Message.Status.SENT,
        sent_at=now,
        lease_until=None,
        last_error="",
    )


def _record_failure(
    message: Message,
    exc: BaseException,
    *,
    worker_id: str,
    report: DeliveryReport,
    now: dt.datetime,
) -> None:
    permanent, reason = classify(exc)
    mine = Message.objects.filter(pk=message.pk, claimed_by=worker_id)
    if permanent or message.attempts >= MAX_ATTEMPTS:
        mine.update(status=Message.Status.FAILED, lease_until=None, last_error=reason[:500])
        report.failed += 1
        logger.warning("message %s failed for good: %s", message.pk, reason)
        return
    wait = BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
    mine.update(
        status=Message.Status.QUEUED,
        lease_until=None,
        next_attempt_at=now + wait,
        last_error=reason[:500],
    )
    report.retrying += 1
    logger.info("message %s will be retried at %s: %s", message.pk, now + wait, reason)


def classify(exc: BaseException) -> tuple[bool, str]:
    """Whether a failure is for good, and the reason in words a person can act on."""
    if isinstance(exc, Permanent):
        return True, str(exc)
    if isinstance(exc, Transient):
        return False, str(exc)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()]
        answer = "; ".join(
            f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
            for code, text in exc.recipients.values()
        )
        permanent = all(code >= 500 for code in codes)
        return permanent, _("the mail server refused the address: {answer}").format(answer=answer)
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error
        answer = (
            f"{exc.smtp_code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
        )
        return exc.smtp_code >= 500, _("the mail server answered: {answer}").format(answer=answer)
    if isinstance(exc, (smtplib.SMTPException, OSError, socket.timeout)):
        return False, _("the mail server could not be reached: {error}").format(error=exc)
    return False, _("sending failed: {error}").format(error=type(exc).__name__)


def message_id(message: Message) -> str:
    """The same ``Message-ID`` on every attempt: what lets a receiver drop a duplicate."""
    digest = hashlib.sha256(message.key.encode()).hexdigest()[:32]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "tribe.invalid"
    return f"<{digest}@{domain}>"


def build_email(message: Message) -> EmailMultiAlternatives:
    """The e-mail for a message: text, optional HTML and iMIP part, and only validated headers."""
    headers = {"Message-ID": message_id(message)}
    if message.kind in (
        Message.Kind.DIGEST,
        Message.Kind.NUDGE,
        Message.Kind.PROGRAMME_NUDGE,
        Message.Kind.PROGRAMME_OFFER,
    ):
        headers["Auto-Submitted"] = "auto-generated"
    if message.unsubscribe_url:
        # RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the address.
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=headers,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.calendar:
        # iMIP (RFC 6047): the part's method matches the METHOD inside, so mail
        # clients show their accept and decline buttons.
        email.attach_alternative(
            message.calendar, f"text/calendar; method={message.calendar_method}"
        )
    return email


def sender_on_behalf(name: str) -> str:
    """A From address that says who wrote, sent from Tribe's own address."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "tribe@localhost"
    return formataddr((_("{name} via Tribe").format(name=" ".join(name.split())[:80]), address))


def send_chat(message: Message) -> None:
    """Post a message to a Slack incoming webhook or a Teams workflow webhook."""
    if message.channel == Message.Channel.SLACK:
        _send_slack(message)
        return
    post_webhook(
        message.to,
        {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "content": {
                        "type": "AdaptiveCard",
                        "version": "1.4",
                        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                        "body": [
                            {
                                "type": "TextBlock",
                                "text": message.subject,
                                "weight": "Bolder",
                                "wrap": True,
                            },
                            {"type": "TextBlock", "text": message.body_text, "wrap": True},
                        ],
                    },
                }
            ],
        },
    )


def _send_slack(message: Message) -> None:
    from slack_sdk.webhook import WebhookClient

    client = WebhookClient(message.to, timeout=WEBHOOK_TIMEOUT)
    try:
        answer = client.send(text=f"*{message.subject}*\n{message.body_text}")
    except (urllib.error.URLError, OSError) as exc:
        raise Transient(_("the webhook could not be reached: {error}").format(error=exc)) from exc
    _judge_status(answer.status_code)


def _judge_status(status: int) -> None:
    if status < 400:
        return
    reason = _("the webhook answered {status}").format(status=status)
    if status in (408, 429) or status >= 500:
        raise Transient(reason)
    raise Permanent(reason)


def post_webhook(url: str, payload: dict[str, object]) -> None:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as answer:
            answer.read(1024)
    except urllib.error.HTTPError as exc:
        _judge_status(exc.code)
    except (urllib.error.URLError, OSError) as exc:
        raise Transient(_("the webhook could not be reached: {error}").format(error=exc)) from exc
