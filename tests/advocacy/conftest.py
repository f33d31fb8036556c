"""Advocacy's data: Maya is sponsored by Ravi (both said yes); Eve is a stranger."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, RelationshipFactory
from tribe.advocacy.models import AdvocacyAsk
from tribe.advocacy.services import ask_create
from tribe.people.models import Person
from tribe.relationships.models import Relationship

TODAY = dt.date(2026, 3, 10)
LATER = dt.date(2026, 4, 30)
MOMENT = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)


@pytest.fixture
def sponsorship(maya: Person, ravi: Person) -> Relationship:
    """Ravi sponsors Maya: active, both said yes."""
    return RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="sponsor", status_changed_at=MOMENT
    )


@pytest.fixture
def ask(maya: Person, sponsorship: Relationship) -> AdvocacyAsk:
    return ask_create(
        author=maya,
        relationship=sponsorship,
        audience="the VP of product",
        opportunity="the staff engineer promotion round",
        case="Shipped the billing rewrite; led the on-call overhaul",
        by_when=LATER,
        today=TODAY,
    )


@pytest.fixture
def contact_sponsor(maya: Person) -> Relationship:
    """Maya's sponsor who is only a contact: the record is hers alone."""
    return Relationship.objects.create(
        mentee=maya,
        mentor_contact=ContactFactory(owner=maya, name="Carla Contact"),
        created_by=maya,
        kind="sponsor",
        status="active",
        status_changed_at=MOMENT,
        mentee_consented_at=MOMENT,
    )
