"""``tribe ask --email``: Tribe sends the request on the mentee's behalf and records it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run
from tests.factories import ContactFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tribe.core import clock
from tribe.ledger.errors import LedgerCode
from tribe.outbox.delivery import deliver_due
from tribe.outbox.models import Message
from tribe.outreach import selectors as outreach_selectors
from tribe.people.models import Person
from tribe.relationships.models import Relationship

Status = Relationship.Status
MAYA = ("--as", "maya@example.com")


@pytest.fixture
def prospect(maya: Person, ravi: Person) -> Relationship:
    return RelationshipFactory(
        mentee=maya, mentor=ravi, status=Status.PROSPECT, purpose="Learn to lead a team"
    )


def test_ask_email_sends_the_draft_and_records_it(
    tribe: Callable[..., Run], maya: Person, prospect: Relationship, smtp_server: SmtpServer
) -> None:
    draft = outreach_selectors.request_draft(relationship=prospect, sender=maya).strip()

    run = tribe("ask", "Ravi", "--email", "--json", *MAYA)

    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert (data["status"], data["sent"], data["emailed"], data["message"]) == (
        "asked",
        True,
        True,
        draft,
    )
    prospect.refresh_from_db()
    assert prospect.status == Status.ASKED
    message = Message.objects.get()
    assert message.key == f"outreach:request:{prospect.pk}:1"
    deliver_due(worker_id="test", now=clock.now())
    [arrived] = smtp_server.messages()
    assert (arrived["To"], arrived["Reply-To"]) == ("ravi@example.com", "maya@example.com")
    assert str(arrived.get_content()).replace("\r\n", "\n").strip() == draft


def test_ask_email_says_it_was_queued(tribe: Callable[..., Run], prospect: Relationship) -> None:
    run = tribe("ask", "Ravi", "--email", *MAYA)
    assert run.code == 0, run.err
    assert run.out.startswith("Queued your request to Ravi Menon by e-mail")
    again = tribe("ask", "Ravi", "--email", *MAYA)
    assert again.code != 0 and Message.objects.count() == 1


def test_ask_email_to_a_contact_without_an_address(tribe: Callable[..., Run], maya: Person) -> None:
    contact = ContactFactory(owner=maya, name="Olu Ade", email="")
    RelationshipFactory(
        mentee=maya, mentor=None, mentor_contact=contact, status=Status.PROSPECT, purpose="Lead"
    )
    run = tribe("ask", "Olu", "--email", *MAYA)
    assert run.code == 2
    assert run.error_line.startswith("tribe ask: error: email: ")
    assert "Olu Ade has no e-mail address" in run.error_line
    assert LedgerCode.NO_EMAIL_ADDRESS.value == "no_email_address"
    assert not Message.objects.exists()
