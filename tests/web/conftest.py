"""Fixtures for the page tests: a few people and a relationship, built through the services.

Named ``web_*`` so they never clash with the project-wide persona fixtures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tribe.core import clock
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.meetings.services import action_item_create, meeting_create, note_create
from tribe.people.models import Contact, Goal, Person
from tribe.people.services import ContactInput, contact_create, goal_create, person_create
from tribe.relationships.models import Relationship
from tribe.relationships.services import relationship_create

PASSWORD = "a-long-test-passphrase-42"
NOW = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)
#: Planned meetings must be upcoming (a service rule), so they are placed after
#: the real clock, on a whole hour to keep the page's minutes simple.
SOON = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=2)


@pytest.fixture
def make_person(db: None) -> Callable[..., Person]:
    counter = iter(range(1, 10_000))

    def make(name: str | None = None, **fields: Any) -> Person:
        n = next(counter)
        name = name or f"Person {n}"
        fields.setdefault("email", f"{name.split()[0].lower()}{n}@example.com")
        fields.setdefault("password", PASSWORD)
        return person_create(name=name, **fields)

    return make


@pytest.fixture
def web_alice(make_person: Callable[..., Person]) -> Person:
    """A mentee in Paris."""
    return make_person("Alice Mentee", email="alice@example.com", timezone="Europe/Paris")


@pytest.fixture
def web_bob(make_person: Callable[..., Person]) -> Person:
    """A mentor in New York, with room for three mentees."""
    return make_person(
        "Bob Mentor",
        email="bob@example.com",
        timezone="America/New_York",
        open_to_mentoring=True,
        mentee_capacity=3,
    )


@pytest.fixture
def web_eve(make_person: Callable[..., Person]) -> Person:
    """An outsider: part of nothing the others own."""
    return make_person("Eve Outsider", email="eve@example.com")


@pytest.fixture
def web_goal(web_alice: Person) -> Goal:
    return goal_create(person=web_alice, title="Learn to lead a team", why="New role")


@pytest.fixture
def web_contact(web_alice: Person) -> Contact:
    return contact_create(
        owner=web_alice, data=ContactInput(name="Carol Contact", email="carol@example.org")
    )


@pytest.fixture
def web_relationship(web_alice: Person, web_bob: Person, web_goal: Goal) -> Relationship:
    """Alice is Bob's mentee; active."""
    return relationship_create(
        created_by=web_alice,
        my_role="mentee",
        other_person=web_bob,
        status="active",
        purpose="Grow into engineering management",
        goals=[web_goal],
        now=NOW,
    )


@pytest.fixture
def web_meeting(web_alice: Person, web_relationship: Relationship) -> Meeting:
    return meeting_create(
        actor=web_alice,
        relationship=web_relationship,
        starts_at=SOON,
        ends_at=SOON + dt.timedelta(hours=1),
        title="First chat",
    )


@pytest.fixture
def web_private_note(web_alice: Person, web_relationship: Relationship) -> Note:
    return note_create(
        author=web_alice,
        relationship=web_relationship,
        body="PRIVATE: I am nervous about asking for feedback",
        visibility="private",
    )


@pytest.fixture
def web_shared_note(web_alice: Person, web_relationship: Relationship) -> Note:
    return note_create(
        author=web_alice,
        relationship=web_relationship,
        body="SHARED: thank you for the book tip",
        visibility="shared",
    )


@pytest.fixture
def web_action(web_alice: Person, web_relationship: Relationship) -> ActionItem:
    return action_item_create(
        actor=web_alice, relationship=web_relationship, title="Read the book", owner="mentee"
    )


@pytest.fixture
def alice_client(client: Client, web_alice: Person) -> Client:
    client.force_login(web_alice)
    return client


@pytest.fixture
def bob_client(client: Client, web_bob: Person) -> Client:
    client.force_login(web_bob)
    return client


@pytest.fixture
def eve_client(client: Client, web_eve: Person) -> Client:
    client.force_login(web_eve)
    return client


def errors_of(response: Any) -> dict[str, list[str]]:
    """The field errors of the form on a page (``__all__`` for the others)."""
    form = response.context["form"]
    return {name: list(errors) for name, errors in form.errors.items()}
