"""Programme fixtures for the whole suite (a plugin of tests/conftest.py).

A programme run by Ada, another run by Otto, and people to enrol in them.

Ada must never see anything of Otto's programme (404 everywhere), and the
other way round; the people are plain accounts until they enrol.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories import PersonFactory
from tribe.people.models import Person
from tribe.programs.models import Participant, Programme, Role
from tribe.programs.services import programme_create


@pytest.fixture
def ada(db: None) -> Person:
    return PersonFactory(name="Ada Admin", email="ada@example.com")


@pytest.fixture
def otto(db: None) -> Person:
    return PersonFactory(name="Otto Other", email="otto@example.com")


@pytest.fixture
def programme(ada: Person) -> Programme:
    return programme_create(actor=ada, name="Engineering mentoring", slug="engineering")


@pytest.fixture
def other_programme(otto: Person) -> Programme:
    return programme_create(actor=otto, name="Sales mentoring", slug="sales")


def enrol(
    programme: Programme,
    role: str = Role.MENTEE,
    *,
    person: Person | None = None,
    joined_at: dt.datetime | None = None,
    **intake: Any,
) -> Participant:
    """A participant written directly (the enrolment services have their own tests)."""
    intake.setdefault("capacity", 2 if role != Role.MENTEE else 0)
    return Participant.objects.create(
        programme=programme,
        person=person or PersonFactory(),
        role=role,
        joined_at=joined_at or dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC),
        **intake,
    )
