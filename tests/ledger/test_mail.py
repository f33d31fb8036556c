"""Sending a meeting's follow-up and an update by e-mail, through a real SMTP server."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import parseaddr

import pytest

from tests.factories import ContactFactory, MeetingFactory, NoteFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.ledger import mail
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import MentorUpdate, Touchpoint
from tribe.ledger.prep import follow_up_draft
from tribe.meetings.models import Meeting, Note
from tribe.meetings.services import meeting_record_follow_up
from tribe.outbox.delivery import deliver_due
from tribe.outbox.models import Message
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _text(arrived: EmailMessage) -> str:
    return str(arrived.get_content()).replace("\r\n", "\n").strip()


@pytest.fixture
def held(maya_ravi: Relationship, now: dt.datetime) -> Meeting:
    meeting = MeetingFactory(relationship=maya_ravi, starts_at=now - dt.timedelta(days=1))
    NoteFactory(
        relationship=maya_ravi,
        meeting=meeting,
        author=maya_ravi.mentee,
        body="We discussed hiring",
        visibility=Note.Visibility.SHARED,
    )
    NoteFactory(
        relationship=maya_ravi,
        meeting=meeting,
        author=maya_ravi.mentee,
        body="PRIVATE worry about Ravi",
        visibility=Note.Visibility.PRIVATE,
    )
    return meeting


def test_the_follow_up_arrives_on_behalf_and_is_recorded(
    smtp_server: SmtpServer, held: Meeting, maya: Person, now: dt.datetime
) -> None:
    draft = follow_up_draft(person=maya, meeting=held, now=now)
    mail.follow_up_send_by_email(actor=maya, meeting=held, body=draft, now=now)
    held.refresh_from_db()
    assert held.follow_up_sent_at == now and held.status == Meeting.Status.HELD
    deliver_due(worker_id="test", now=now)
    [arrived] = smtp_server.messages()
    assert arrived["To"] == "ravi@example.com"
    assert parseaddr(arrived["From"])[0] == "Maya Chen via Tribe"
    assert arrived["Reply-To"] == "maya@example.com"
    assert arrived["Subject"] == "Thank you — Check-in"
    assert _text(arrived) == draft.strip()
    assert "We discussed hiring" in _text(arrived)
    assert "PRIVATE" not in arrived.as_string()


def test_a_follow_up_goes_once(held: Meeting, maya: Person, now: dt.datetime) -> None:
    mail.follow_up_send_by_email(actor=maya, meeting=held, body="Thanks!", now=now)
    with pytest.raises(Conflict) as exc:
        mail.follow_up_send_by_email(actor=maya, meeting=held, body="Thanks!", now=now)
    assert exc.value.code == LedgerCode.FOLLOW_UP_ALREADY_SENT
    assert Message.objects.count() == 1


def test_a_follow_up_recorded_by_hand_is_not_mailed(
    held: Meeting, maya: Person, now: dt.datetime
) -> None:
    meeting_record_follow_up(actor=maya, meeting=held, now=now)
    held.refresh_from_db()
    with pytest.raises(Conflict):
        mail.follow_up_send_by_email(actor=maya, meeting=held, body="Thanks!", now=now)
    assert not Message.objects.exists()


def test_a_stranger_cannot_send_the_follow_up(held: Meeting, eve: Person, now: dt.datetime) -> None:
    with pytest.raises(NotFound):
        mail.follow_up_send_by_email(actor=eve, meeting=held, body="Thanks!", now=now)
    assert not Message.objects.exists()


def test_a_follow_up_too_early_sends_nothing(
    maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    later = MeetingFactory(relationship=maya_ravi, starts_at=now + dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        mail.follow_up_send_by_email(actor=maya, meeting=later, body="Thanks!", now=now)
    assert not Message.objects.exists()


def test_an_update_arrives_and_counts_as_contact(
    smtp_server: SmtpServer, maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    body = "Hi Ravi,\n\nI got the job.\n\nMaya"
    update = mail.update_send_by_email(
        actor=maya, relationship=maya_ravi, body=body, sent_on=now.date(), today=now.date(), now=now
    )
    assert update.body == body
    assert Touchpoint.objects.filter(kind=Touchpoint.Kind.UPDATE).count() == 1
    deliver_due(worker_id="test", now=now)
    [arrived] = smtp_server.messages()
    assert (arrived["To"], arrived["Reply-To"]) == ("ravi@example.com", "maya@example.com")
    assert arrived["Subject"] == "An update from Maya Chen"
    assert _text(arrived) == body
    assert Message.objects.get().key == f"ledger:update:{update.pk}:1"
    with pytest.raises(Conflict) as exc:
        mail.update_send_by_email(
            actor=maya,
            relationship=maya_ravi,
            body=body,
            sent_on=now.date(),
            today=now.date(),
            now=now,
        )
    assert exc.value.code == LedgerCode.UPDATE_ALREADY_SENT
    assert MentorUpdate.objects.count() == 1


def test_an_update_to_a_contact_without_address_is_refused(maya: Person, now: dt.datetime) -> None:
    contact = ContactFactory(owner=maya, name="Olu Ade", email="")
    rel = RelationshipFactory(mentee=maya, mentor=None, mentor_contact=contact)
    with pytest.raises(ValidationError) as exc:
        mail.update_send_by_email(
            actor=maya, relationship=rel, body="News", sent_on=now.date(), today=now.date()
        )
    assert (exc.value.code, exc.value.field) == (LedgerCode.NO_EMAIL_ADDRESS, "email")
    assert not MentorUpdate.objects.exists()


def test_an_update_of_someone_else_is_not_found(
    maya_ravi: Relationship, eve: Person, now: dt.datetime
) -> None:
    with pytest.raises(NotFound):
        mail.update_send_by_email(
            actor=eve, relationship=maya_ravi, body="News", sent_on=now.date(), today=now.date()
        )


def test_the_last_message_of_an_item(held: Meeting, maya: Person, now: dt.datetime) -> None:
    assert mail.last_message(prefix=mail.follow_up_prefix(held)) is None
    sent = mail.follow_up_send_by_email(actor=maya, meeting=held, body="Thanks!", now=now)
    found = mail.last_message(prefix=mail.follow_up_prefix(held))
    assert found is not None and found.pk == sent.pk


def test_nothing_is_sent_in_the_name_of_an_address_never_confirmed(
    maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    Person.objects.filter(pk=maya.pk).update(email_verified_at=None)
    maya.refresh_from_db()
    with pytest.raises(Conflict) as caught:
        mail.update_send_by_email(
            actor=maya,
            relationship=maya_ravi,
            body="Shipped it",
            sent_on=now.date(),
            today=now.date(),
            now=now,
        )
    assert caught.value.code == "sender_unverified"
    assert not Message.objects.exists()
    assert not MentorUpdate.objects.exists()  # nothing recorded as sent either


def test_at_most_a_days_worth_of_mail_goes_out_in_ones_name(
    maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    for i in range(mail.MAIL_PER_DAY):
        Message.objects.create(
            key=f"earlier:{i}",
            kind=Message.Kind.OUTREACH,
            person=maya,
            to="x@example.com",
            subject="s",
            body_text="b",
            next_attempt_at=now,
        )
    with pytest.raises(Conflict) as caught:
        mail.update_send_by_email(
            actor=maya,
            relationship=maya_ravi,
            body="One more",
            sent_on=now.date(),
            today=now.date(),
            now=now,
        )
    assert caught.value.code == "mail_limit"
    assert str(mail.MAIL_PER_DAY) in caught.value.message
