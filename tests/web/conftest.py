"""Fixtures for the page tests: a few people and a relationship, built through the services.

Named ``web_*`` so they never clash with the project-wide persona fixtures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.factories import relationship_agreed
from tribe.core import clock
from tribe.ledger.models import Advice, Question, Touchpoint, Win
from tribe.ledger.services import advice_record, question_add, touchpoint_log, win_record
from tribe.meetings.models import ActionItem, Meeting, MeetingSeries, Note
from tribe.meetings.services import (
    action_item_create,
    meeting_create,
    note_create,
    series_create,
)
from tribe.people.models import Contact, Goal, Person
from tribe.people.services import (
    ContactInput,
    contact_create,
    goal_create,
    person_create,
)
from tribe.relationships.models import Relationship
from tribe.relationships.services import relationship_create

PASSWORD = "a-long-test-passphrase-42"
NOW = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)
#: Planned meetings must be upcoming (a service rule), so they are placed after
#: the real clock, on a whole hour to keep the page's minutes simple.
SOON = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=2)


@pytest.fixture
def frozen_clock() -> Iterator[Callable[[dt.datetime], dt.datetime]]:
    """``frozen_clock(moment)``: from then on the pages, and the services and selectors
    they call, take ``moment`` for now (``tribe.core.clock.frozen``, no patching).

    Call it again to move the clock on; the real clock is back after the test.
    """
    with ExitStack() as stack:

        def freeze(moment: dt.datetime) -> dt.datetime:
            return stack.enter_context(clock.frozen(moment))

        yield freeze


@pytest.fixture
def make_person(db: None) -> Callable[..., Person]:
    counter = iter(range(1, 10_000))

    def make(name: str | None = None, **fields: Any) -> Person:
        n = next(counter)
        name = name or f"Person {n}"
        fields.setdefault("email", f"{name.split()[0].lower()}{n}@example.com")
        fields.setdefault("password", PASSWORD)
        person = person_create(name=name, **fields)
        # Verified, as after following the link in the welcome mail: only a
        # verified address can receive requests.
        Person.objects.filter(pk=person.pk).update(email_verified_at=clock.now())
        person.refresh_from_db()
        return person

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
    return relationship_agreed(
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


# -- keeping the relationship alive ---------------------------------------------


def today_of(person: Person) -> dt.date:
    """The person's own date, as the pages compute it."""
    return clock.now().astimezone(ZoneInfo(person.timezone)).date()


@pytest.fixture
def web_held_meeting(web_alice: Person, web_relationship: Relationship) -> Meeting:
    """A meeting that took place three days ago, its follow-up not sent yet."""
    starts = clock.now().replace(minute=0, second=0, microsecond=0) - dt.timedelta(days=3)
    return meeting_create(
        actor=web_alice,
        relationship=web_relationship,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        title="Career chat",
        status="held",
    )


@pytest.fixture
def web_touchpoint(web_alice: Person, web_relationship: Relationship) -> Touchpoint:
    today = today_of(web_alice)
    return touchpoint_log(
        actor=web_alice,
        relationship=web_relationship,
        kind="call",
        happened_on=today,
        note="NOTE-ONLY-ALICE: she sounded tired",
        today=today,
    )


@pytest.fixture
def web_question(web_alice: Person, web_relationship: Relationship) -> Question:
    return question_add(
        author=web_alice, relationship=web_relationship, text="How do I say no to my boss?"
    )


@pytest.fixture
def web_advice(web_alice: Person, web_relationship: Relationship) -> Advice:
    today = today_of(web_alice)
    return advice_record(
        actor=web_alice,
        relationship=web_relationship,
        text="Block two hours a week for deep work",
        given_on=today,
        today=today,
    )


@pytest.fixture
def web_series(web_alice: Person, web_relationship: Relationship) -> MeetingSeries:
    return series_create(
        actor=web_alice,
        relationship=web_relationship,
        first_date=SOON.date() + dt.timedelta(days=1),
        start_time=dt.time(9, 0),
        duration_minutes=45,
        rrule="FREQ=WEEKLY;COUNT=4",
        timezone="Europe/Paris",
        title="Weekly",
    )


@pytest.fixture
def web_win(web_alice: Person) -> Win:
    return win_record(
        person=web_alice,
        text="Gave my first team talk",
        happened_on=today_of(web_alice),
        today=today_of(web_alice),
    )


# -- finding mentors and mentor mode ---------------------------------------------


@pytest.fixture
def web_pia(make_person: Callable[..., Person]) -> Person:
    """An open mentor whose expertise meets Alice's goal, with room for two."""
    return make_person(
        "Pia Leader",
        email="pia@example.com",
        timezone="Europe/Berlin",
        open_to_mentoring=True,
        mentee_capacity=2,
        seniority=12,
        languages=["English", "German"],
        expertise=["team leadership", "engineering management"],
        offers="I help new managers learn to lead a team",
    )


@pytest.fixture
def web_prospect(web_alice: Person, web_pia: Person, web_goal: Goal) -> Relationship:
    """Alice thinks of asking Pia, for her goal; nothing sent yet."""
    return relationship_create(
        created_by=web_alice,
        my_role="mentee",
        other_person=web_pia,
        purpose="Learn to lead my new team well",
        goals=[web_goal],
    )


@pytest.fixture
def web_asked(web_alice: Person, web_prospect: Relationship) -> Relationship:
    """Alice's request to Pia, sent now."""
    from tribe.outreach.services import outreach_send

    return outreach_send(
        actor=web_alice, relationship=web_prospect, message="Dear Pia, would you mentor me?"
    )


def client_for(person: Person) -> Client:
    """A separate browser for ``person`` (the ``client`` fixture is one shared browser)."""
    browser = Client()
    browser.force_login(person)
    return browser
