"""Sending a request and the thank-you after a no by e-mail, through a real SMTP server."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import parseaddr

import pytest

from tests.factories import ContactFactory, NoteFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.ledger.errors import LedgerCode
from tribe.outbox.delivery import deliver_due
from tribe.outbox.models import Message
from tribe.outreach import mail
from tribe.outreach import services as outreach
from tribe.outreach.errors import OutreachCode
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
Status = Relationship.Status

TEXT = "Dear Ravi,\n\nWould you mentor me for six months?\n\nWith thanks,\nMaya Chen\n"


@pytest.fixture
def prospect(maya: Person, ravi: Person) -> Relationship:
    return RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        status=Status.PROSPECT,
        purpose="Learn to lead a product team",
        ask="Monthly, 30 minutes",
    )


def _text(arrived: EmailMessage) -> str:
    """The text as a mail client shows it: the wire's CRLF line ends read as plain ones."""
    return str(arrived.get_content()).replace("\r\n", "\n").strip()


def _deliver(now: dt.datetime) -> None:
    deliver_due(worker_id="test", now=now)


def test_a_request_arrives_on_behalf_of_the_mentee_with_her_exact_text(
    smtp_server: SmtpServer, prospect: Relationship, maya: Person, now: dt.datetime
) -> None:
    NoteFactory(relationship=prospect, author=maya, body="PRIVATE: Ravi seems busy")
    sent = mail.request_send_by_email(
        actor=maya, relationship=prospect, message=TEXT.replace("\n", "\r\n"), now=now
    )
    assert (sent.status, sent.asked_at, sent.request_message) == (Status.ASKED, now, TEXT.strip())
    _deliver(now)
    [arrived] = smtp_server.messages()
    assert arrived["To"] == "ravi@example.com"
    name, address = parseaddr(arrived["From"])
    assert name == "Maya Chen via Tribe" and address != "maya@example.com"
    assert arrived["Reply-To"] == "maya@example.com"
    assert arrived["Subject"] == "Would you mentor me? Learn to lead a product team"
    assert _text(arrived) == TEXT.strip()
    assert "PRIVATE" not in arrived.as_string()
    message = Message.objects.get()
    assert (message.key, message.kind, message.person_id, message.status) == (
        f"outreach:request:{prospect.pk}:1",
        Message.Kind.OUTREACH,
        maya.pk,  # the sender's mail: a failure shows in her list of messages
        Message.Status.SENT,
    )


def test_a_line_break_in_the_purpose_or_name_never_reaches_a_header(
    smtp_server: SmtpServer, prospect: Relationship, maya: Person, now: dt.datetime
) -> None:
    prospect.purpose = "Lead\r\nBcc: victim@example.com"
    prospect.save()
    maya.name = "Maya\r\nBcc: other@example.com"
    maya.save()
    mail.request_send_by_email(actor=maya, relationship=prospect, message=TEXT, now=now)
    _deliver(now)
    [arrival] = smtp_server.handler.arrivals
    assert arrival.rcpt_tos == ["ravi@example.com"]
    arrived = arrival.message
    assert "Bcc" not in arrived
    assert arrived["Subject"] == "Would you mentor me? Lead Bcc: victim@example.com"
    assert parseaddr(arrived["From"])[0] == "Maya Bcc: other@example.com via Tribe"


def test_someone_elses_request_does_not_exist(
    prospect: Relationship, eve: Person, ravi: Person, now: dt.datetime
) -> None:
    for stranger in (eve, ravi):
        with pytest.raises(NotFound):
            mail.request_send_by_email(actor=stranger, relationship=prospect, message=TEXT, now=now)
    prospect.refresh_from_db()
    assert prospect.status == Status.PROSPECT and not Message.objects.exists()


def test_a_contact_without_an_address_is_refused_naming_the_field(
    maya: Person, now: dt.datetime
) -> None:
    contact = ContactFactory(owner=maya, name="Olu Ade", email="")
    rel = RelationshipFactory(
        mentee=maya, mentor=None, mentor_contact=contact, status=Status.PROSPECT
    )
    with pytest.raises(ValidationError) as exc:
        mail.request_send_by_email(actor=maya, relationship=rel, message=TEXT, now=now)
    assert (exc.value.code, exc.value.field) == (LedgerCode.NO_EMAIL_ADDRESS, "email")
    rel.refresh_from_db()
    assert rel.status == Status.PROSPECT and not Message.objects.exists()


def test_a_contact_with_an_address_gets_it(
    smtp_server: SmtpServer, maya: Person, now: dt.datetime
) -> None:
    contact = ContactFactory(owner=maya, name="Olu Ade", email="olu@example.org")
    rel = RelationshipFactory(
        mentee=maya, mentor=None, mentor_contact=contact, status=Status.PROSPECT
    )
    mail.request_send_by_email(actor=maya, relationship=rel, message=TEXT, now=now)
    _deliver(now)
    [arrived] = smtp_server.messages()
    assert arrived["To"] == "olu@example.org"
    assert Message.objects.get().person_id == maya.pk


def test_a_request_is_sent_and_recorded_once(
    prospect: Relationship, maya: Person, now: dt.datetime
) -> None:
    mail.request_send_by_email(actor=maya, relationship=prospect, message=TEXT, now=now)
    with pytest.raises(Conflict) as exc:
        mail.request_send_by_email(actor=maya, relationship=prospect, message=TEXT, now=now)
    assert exc.value.code == OutreachCode.ALREADY_SENT
    assert Message.objects.count() == 1


def test_a_request_recorded_by_hand_is_not_mailed_afterwards(
    prospect: Relationship, maya: Person, now: dt.datetime
) -> None:
    outreach.outreach_send(actor=maya, relationship=prospect, message=TEXT, now=now)
    with pytest.raises(Conflict) as exc:
        mail.request_send_by_email(actor=maya, relationship=prospect, message=TEXT, now=now)
    assert exc.value.code == OutreachCode.ALREADY_SENT
    assert not Message.objects.exists()


def test_a_refused_record_sends_nothing(
    prospect: Relationship, maya: Person, now: dt.datetime
) -> None:
    prospect.purpose = ""
    prospect.save()
    with pytest.raises(ValidationError) as exc:
        mail.request_send_by_email(actor=maya, relationship=prospect, message=TEXT, now=now)
    assert exc.value.code == OutreachCode.NO_PURPOSE
    assert not Message.objects.exists()


def test_the_thank_you_after_a_no_goes_once_unless_it_failed(
    smtp_server: SmtpServer, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    rel = RelationshipFactory(mentee=maya, mentor=ravi, status=Status.DECLINED)
    thanks = "Dear Ravi,\n\nThank you for your answer.\n\nMaya\n"
    with pytest.raises(NotFound):
        mail.thank_you_send_by_email(actor=ravi, relationship=rel, body=thanks, now=now)
    smtp_server.handler.refuse.add("ravi@example.com")
    first = mail.thank_you_send_by_email(actor=maya, relationship=rel, body=thanks, now=now)
    with pytest.raises(Conflict) as exc:
        mail.thank_you_send_by_email(actor=maya, relationship=rel, body=thanks, now=now)
    assert exc.value.code == OutreachCode.THANKS_ALREADY_SENT
    _deliver(now)
    first.refresh_from_db()
    assert first.status == Message.Status.FAILED
    smtp_server.handler.refuse.clear()
    again = mail.thank_you_send_by_email(actor=maya, relationship=rel, body=thanks, now=now)
    assert again.key == f"outreach:thanks:{rel.pk}:2"
    _deliver(now)
    [arrived] = smtp_server.messages()
    assert (arrived["Subject"], _text(arrived)) == ("Thank you", thanks.strip())


def test_no_thank_you_before_a_no(prospect: Relationship, maya: Person) -> None:
    with pytest.raises(Conflict) as exc:
        mail.thank_you_send_by_email(actor=maya, relationship=prospect, body="Thanks")
    assert exc.value.code == OutreachCode.NOT_DECLINED
