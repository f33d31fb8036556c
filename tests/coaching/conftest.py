"""Coaching's data: Maya is coached by Ravi (agreed, active), on fixed days; Eve is a stranger."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, RelationshipFactory
from tribe.coaching.models import Exercise
from tribe.coaching.services import exercise_add
from tribe.people.models import Person
from tribe.relationships.models import Relationship

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@pytest.fixture
def coaching(maya: Person, ravi: Person) -> Relationship:
    """Ravi coaches Maya: both said yes, active."""
    return RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="coach", status_changed_at=NOW
    )


@pytest.fixture
def asked(maya: Person, sam: Person) -> Relationship:
    """Maya asked Sam to coach her; Sam has not answered."""
    return RelationshipFactory(
        mentee=maya, mentor=sam, created_by=maya, kind="coach", status="asked"
    )


@pytest.fixture
def client_contact(ravi: Person) -> Relationship:
    """Ravi coaches a client who has no account: his own record."""
    return Relationship.objects.create(
        mentee_contact=ContactFactory(owner=ravi, name="Carla Client"),
        mentor=ravi,
        created_by=ravi,
        kind="coach",
        status="active",
        status_changed_at=NOW,
        mentor_consented_at=NOW,
    )


@pytest.fixture
def scales(ravi: Person, coaching: Relationship) -> Exercise:
    """Ravi's exercise for Maya: every two days from 1 March."""
    return exercise_add(
        actor=ravi,
        relationship=coaching,
        title="Pitch in two minutes",
        instructions="Record yourself; listen back once.",
        every_days=2,
        started_on=dt.date(2026, 3, 1),
        today=TODAY,
    )
