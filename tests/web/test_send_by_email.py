"""Sending by e-mail beside "record as sent": the request, the thank-you after a no,
a meeting's follow-up and an update, queued in the outbox and delivered over SMTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.factories import ContactFactory, MeetingFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tribe.core import clock
from tribe.ledger.models import MentorUpdate
from tribe.meetings.models import Meeting
from tribe.outbox.models import Message
from tribe.outreach.services import request_decline
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
TEXT = "Dear Pia,\n\nWould you mentor me?\n\nAlice\n"


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_ask_page_offers_send_by_email_when_there_is_an_address(
    alice_client: Client, web_prospect: Relationship
) -> None:
    page = alice_client.get(reverse("web:ask", args=[web_prospect.pk])).content.decode()
    assert 'id="send-by-email"' in page
    assert f'formaction="{reverse("web:ask_email", args=[web_prospect.pk])}"' in page


def test_no_send_by_email_without_an_address(alice_client: Client, web_alice: Person) -> None:
    contact = ContactFactory(owner=web_alice, name="Olu Ade", email="")
    rel = RelationshipFactory(
        mentee=web_alice, mentor=None, mentor_contact=contact, status="prospect"
    )
    page = alice_client.get(reverse("web:ask", args=[rel.pk])).content.decode()
    assert 'id="send-by-email"' not in page


def test_sending_the_request_by_email_queues_it_and_records_it(
    alice_client: Client,
    web_prospect: Relationship,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    url = reverse("web:ask_email", args=[web_prospect.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url, {"message": TEXT})
    assert response.status_code == 302
    assert any(m.startswith("Queued by e-mail to Pia Leader") for m in messages_of(response))
    web_prospect.refresh_from_db()
    assert web_prospect.status == Relationship.Status.ASKED
    [arrived] = smtp_server.messages()
    assert (arrived["To"], arrived["Reply-To"]) == ("pia@example.com", "alice@example.com")
    assert str(arrived.get_content()).replace("\r\n", "\n").strip() == TEXT.strip()
    page = alice_client.get(reverse("web:ask", args=[web_prospect.pk])).content.decode()
    assert 'id="request-mail-sent"' in page

    again = alice_client.post(url, {"message": TEXT})  # a second click sends nothing
    assert again.status_code == 200
    assert "already been sent" in again.content.decode()
    assert Message.objects.count() == 1


def test_a_failed_request_mail_shows_on_the_ask_page(
    alice_client: Client, web_prospect: Relationship
) -> None:
    alice_client.post(reverse("web:ask_email", args=[web_prospect.pk]), {"message": TEXT})
    Message.objects.update(status=Message.Status.FAILED, last_error="mailbox unknown")
    page = alice_client.get(reverse("web:ask", args=[web_prospect.pk])).content.decode()
    assert 'id="request-mail-failed"' in page and "mailbox unknown" in page


def test_the_thank_you_after_a_no_is_sent_once(
    alice_client: Client, web_asked: Relationship, web_pia: Person
) -> None:
    request_decline(actor=web_pia, relationship=web_asked, message="Not now, sorry.")
    ask = reverse("web:ask", args=[web_asked.pk])
    page = alice_client.get(ask).content.decode()
    assert 'id="thank-you-by-email"' in page
    thanks = alice_client.get(ask).context["after_decline"]["thank_you"]
    response = alice_client.post(
        reverse("web:ask_thank_you_email", args=[web_asked.pk]), {"body": thanks}
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.to, message.body_text) == ("pia@example.com", thanks.strip())
    page = alice_client.get(ask).content.decode()
    assert 'id="thank-you-mailed"' in page and 'id="thank-you-by-email"' not in page


def test_the_follow_up_by_email(alice_client: Client, web_relationship: Relationship) -> None:
    meeting = MeetingFactory(
        relationship=web_relationship, starts_at=clock.now() - dt.timedelta(days=1)
    )
    url = reverse("web:meeting", args=[meeting.pk])
    response = alice_client.get(url)
    assert 'id="follow-up-by-email"' in response.content.decode()
    draft = response.context["draft"]
    posted = alice_client.post(reverse("web:follow_up_email", args=[meeting.pk]), {"body": draft})
    assert posted.status_code == 302
    meeting.refresh_from_db()
    assert meeting.follow_up_sent_at is not None and meeting.status == Meeting.Status.HELD
    message = Message.objects.get()
    assert (message.to, message.body_text) == ("bob@example.com", draft.strip())
    assert 'id="follow-up-by-email"' not in alice_client.get(url).content.decode()
    again = alice_client.post(reverse("web:follow_up_email", args=[meeting.pk]), {"body": draft})
    assert again.status_code == 200 and "already recorded as sent" in again.content.decode()


def test_an_update_by_email(alice_client: Client, web_relationship: Relationship) -> None:
    detail = alice_client.get(reverse("web:relationship", args=[web_relationship.pk]))
    assert 'id="update-by-email"' in detail.content.decode()
    url = reverse("web:update_email", args=[web_relationship.pk])
    form = alice_client.get(url).context["form"]
    body = form.initial["body"]
    response = alice_client.post(url, {"body": body, "sent_on": form.initial["sent_on"]})
    assert response.status_code == 302
    assert messages_of(response) == ["Update queued by e-mail and recorded as sent."]
    update = MentorUpdate.objects.get()
    message = Message.objects.get()
    assert (message.to, message.body_text) == ("bob@example.com", update.body)
