"""Delivering the outbox through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar

from tests.mail_fixtures import SmtpServer, free_port
from tribe.core.errors import ValidationError
from tribe.outbox.delivery import BACKOFF, MAX_ATTEMPTS, deliver_due, message_id
from tribe.outbox.models import Message
from tribe.outbox.services import message_queue

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tribe//test//EN\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:m1@tribe\r\nDTSTAMP:20260310T120000Z\r\n"
    "DTSTART:20260312T090000Z\r\nDTEND:20260312T093000Z\r\nSUMMARY:Catch-up\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def queue(key: str = "k1", to: str = "ada@example.com", **extra: Any) -> Message:
    fields: dict[str, Any] = {
        "kind": Message.Kind.NUDGE,
        "subject": "A nudge",
        "body_text": "Hello",
        "now": NOW,
        "wake": False,
    }
    fields.update(extra)
    return message_queue(key=key, to=to, **fields)


def test_a_queued_message_arrives_with_a_stable_message_id(smtp_server: SmtpServer) -> None:
    message = queue(unsubscribe_url="https://t.example/u/abc/")
    report = deliver_due(worker_id="w1", now=NOW)
    assert report.sent == 1
    [arrived] = smtp_server.messages()
    assert arrived["To"] == "ada@example.com"
    assert arrived["Subject"] == "A nudge"
    assert arrived["Message-ID"] == message_id(message)
    assert arrived["List-Unsubscribe"] == "<https://t.example/u/abc/>"
    assert arrived["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert arrived["Auto-Submitted"] == "auto-generated"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.sent_at is not None) == ("sent", 1, True)
    assert deliver_due(worker_id="w1", now=NOW).sent == 0  # nothing twice


def test_the_same_key_is_one_message() -> None:
    first = queue()
    again = queue(subject="Something else")
    assert again.pk == first.pk and Message.objects.count() == 1


def test_the_calendar_part_carries_its_method(smtp_server: SmtpServer) -> None:
    queue(kind=Message.Kind.MEETING, calendar=ICS, calendar_method="REQUEST")
    deliver_due(worker_id="w1", now=NOW)
    [arrived] = smtp_server.messages()
    parts = {part.get_content_type(): part for part in arrived.walk()}
    calendar = parts["text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    parsed = Calendar.from_ical(calendar.get_content())
    assert parsed["METHOD"] == "REQUEST"
    assert "Auto-Submitted" not in arrived  # a meeting invitation is not a bulk message


def test_an_unknown_mailbox_fails_for_good_with_the_servers_words(
    smtp_server: SmtpServer,
) -> None:
    smtp_server.handler.refuse.add("nobody@example.com")
    message = queue(to="nobody@example.com")
    report = deliver_due(worker_id="w1", now=NOW)
    message.refresh_from_db()
    assert (report.failed, message.status) == (1, "failed")
    assert "550" in message.last_error and "no such mailbox" in message.last_error


def test_a_deferred_mailbox_is_retried_with_back_off(smtp_server: SmtpServer) -> None:
    smtp_server.handler.defer.add("busy@example.com")
    message = queue(to="busy@example.com")
    deliver_due(worker_id="w1", now=NOW)
    message.refresh_from_db()
    assert message.status == "queued" and "451" in message.last_error
    # Not due before its wait is over; due after.
    assert deliver_due(worker_id="w1", now=NOW).sent == 0
    smtp_server.handler.defer.clear()
    later = message.next_attempt_at + dt.timedelta(seconds=1)
    assert deliver_due(worker_id="w1", now=later).sent == 1


def test_a_server_that_is_down_loses_nothing_and_gives_up_after_the_last_attempt(
    settings: Any,
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 2
    message = queue()
    moment = NOW
    for attempt in range(1, MAX_ATTEMPTS + 1):
        report = deliver_due(worker_id="w1", now=moment)
        message.refresh_from_db()
        assert message.attempts == attempt
        assert "could not be reached" in message.last_error
        if attempt < MAX_ATTEMPTS:
            assert (report.retrying, message.status) == (1, "queued")
            assert message.next_attempt_at >= moment + BACKOFF[attempt - 1] - dt.timedelta(
                seconds=5
            )
            moment = message.next_attempt_at + dt.timedelta(seconds=1)
    assert message.status == "failed"


def test_a_claim_whose_worker_died_is_taken_over_after_the_lease(
    smtp_server: SmtpServer, settings: Any
) -> None:
    message = queue()
    Message.objects.filter(pk=message.pk).update(
        status="sending", claimed_by="dead", lease_until=NOW + dt.timedelta(minutes=5)
    )
    assert deliver_due(worker_id="w2", now=NOW).sent == 0  # still held
    assert deliver_due(worker_id="w2", now=NOW + dt.timedelta(minutes=6)).sent == 1
    message.refresh_from_db()
    assert (message.status, message.claimed_by) == ("sent", "w2")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("to", "not an address", "bad_address"),
        ("to", "ada@example.com\r\nBcc: x@evil.example", "header_break"),
        ("reply_to", "ok@example.com\nBcc: x@evil.example", "header_break"),
        ("calendar_method", "PUBLISH", "calendar_method"),
        ("body_text", "   ", "empty"),
    ],
)
def test_what_would_break_a_header_or_a_message_is_refused_by_name(
    field: str, value: str, code: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        queue(**{field: value})
    assert caught.value.code == code
    assert caught.value.field == ("subject" if code == "empty" else field)
    assert not Message.objects.exists()


def test_a_subject_with_line_breaks_is_folded_into_one_line(smtp_server: SmtpServer) -> None:
    queue(subject="Hello\r\nBcc: x@evil.example")
    deliver_due(worker_id="w1", now=NOW)
    [arrived] = smtp_server.messages()
    assert arrived["Subject"] == "Hello Bcc: x@evil.example"
    assert arrived["Bcc"] is None
    assert smtp_server.handler.arrivals[0].rcpt_tos == ["ada@example.com"]


def test_a_chat_message_needs_an_https_webhook() -> None:
    with pytest.raises(ValidationError) as caught:
        queue(channel=Message.Channel.SLACK, to="http://hooks.example/x")
    assert caught.value.code == "bad_webhook"


def test_a_batch_is_queued_at_once_and_keeps_the_first_of_each_key() -> None:
    from tribe.outbox.services import message_build, messages_queue

    first = queue(key="batch:0", subject="First")
    built = [
        message_build(
            key=f"batch:{i}",
            kind=Message.Kind.DIGEST,
            to=f"p{i}@example.com",
            subject=f"Digest {i}",
            body_text="Due today",
            now=NOW,
        )
        for i in range(3)
    ]
    ids = messages_queue(messages=built, wake=False)
    assert set(ids) == {"batch:0", "batch:1", "batch:2"}
    assert ids["batch:0"] == first.pk
    assert Message.objects.get(pk=first.pk).subject == "First"  # not replaced
    assert Message.objects.count() == 3


def test_building_a_message_checks_it_like_queueing_does() -> None:
    from tribe.outbox.services import message_build

    with pytest.raises(ValidationError) as caught:
        message_build(key="x", kind=Message.Kind.DIGEST, to="nobody", subject="S", body_text="B")
    assert (caught.value.code, caught.value.field) == ("bad_address", "to")
