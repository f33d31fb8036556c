"""The journal's data: Maya (Ravi's mentee, Sam's mentor), her goal and advice, on fixed days."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, GoalFactory, MeetingFactory
from tribe.ledger.models import Advice
from tribe.ledger.services import advice_record
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def goal(maya: Person) -> Goal:
    return GoalFactory(person=maya, title="Lead a team")


@pytest.fixture
def advice(maya: Person, maya_ravi: Relationship) -> Advice:
    return advice_record(
        actor=maya,
        relationship=maya_ravi,
        text="Ask for feedback weekly",
        given_on=TODAY,
        today=TODAY,
    )


@pytest.fixture
def held(maya_ravi: Relationship, now: dt.datetime) -> Meeting:
    """A meeting of Maya and Ravi, held three days before ``now``."""
    starts = now - dt.timedelta(days=3)
    return MeetingFactory(
        relationship=maya_ravi,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        status="held",
    )


@pytest.fixture
def with_contact(maya: Person) -> Relationship:
    """Maya's mentor who is only a contact: there is nobody to share with."""
    contact = ContactFactory(owner=maya, name="Carla Contact")
    return Relationship.objects.create(
        mentee=maya,
        mentor_contact=contact,
        created_by=maya,
        status="active",
        status_changed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        mentee_consented_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
