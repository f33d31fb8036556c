"""The authorization walk's vocabulary: the roles, the world they act in, and a case.

Every operation of the API is listed in a case (``tests/api/cases/<capability>.py``,
a module-level ``CASES`` list); ``test_authorization.py`` runs each case as
every role and fails for an operation of the document that no case lists.

The world, built fresh for each case:

- **mentee** Maya, whose mentor is **mentor** Ravi (one active, mutual relationship);
- **stranger** Eve, in no relationship and no programme;
- **admin** Ada, who runs the programme Maya (mentee) and Ravi (mentor) are in;
- **other_admin** Otto, who runs another programme with nobody of theirs in it;
- **anonymous**: no credentials at all (401 for every operation).

Objects: Maya's goal; a meeting of the relationship; Maya's private note and her
shared note on it; an action item of it. A case that needs more makes it in its
``prepare`` and returns the ids its path and body refer to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.factories import (
    ActionItemFactory,
    GoalFactory,
    MeetingFactory,
    NoteFactory,
    PersonFactory,
    RelationshipFactory,
)
from tribe.accounts.services import token_create
from tribe.people.models import Person
from tribe.programs.models import Participant, Role
from tribe.programs.services import programme_create

ROLES = ("anonymous", "mentee", "mentor", "stranger", "admin", "other_admin")
#: Everyone signed in.
SIGNED_IN = ("mentee", "mentor", "stranger", "admin", "other_admin")
#: The two sides of the relationship.
BOTH_SIDES = ("mentee", "mentor")
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@dataclass
class World:
    people: dict[str, Person]
    tokens: dict[str, str]
    ids: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.ids[name]


@dataclass(frozen=True)
class Case:
    """One operation on one object, and which roles it succeeds for.

    ``path`` is formatted with the world's ids (``/api/goals/{goal}``); ``body`` is
    a dict or a function of the world. ``allowed`` roles get ``ok``; every other
    signed-in role gets ``denied`` (404: a caller never learns that the object
    exists), ``anonymous`` always 401. ``status`` overrides one role's answer
    where it is neither (a 409, a 422 that is the right answer for that role).
    """

    operation: str
    method: str
    path: str
    allowed: tuple[str, ...]
    body: dict[str, Any] | Callable[[World], dict[str, Any]] | None = None
    query: dict[str, Any] | None = None
    prepare: Callable[[World], dict[str, Any]] | None = None
    ok: int = 200
    denied: int = 404
    status: dict[str, int] = field(default_factory=dict)
    #: Said in the test's id, when one operation has several cases.
    label: str = ""
    #: For a list: adds rows the first allowed role sees (at least three, of every kind
    #: the list shows), so ``test_queries.py`` can check the list runs the same number
    #: of queries for few rows and for many. Every list operation needs one case with it.
    grow: Callable[[World], None] | None = None

    def expected(self, role: str) -> int:
        if role in self.status:
            return self.status[role]
        if role == "anonymous":
            return 401
        return self.ok if role in self.allowed else self.denied

    @property
    def name(self) -> str:
        return f"{self.operation}[{self.label}]" if self.label else self.operation


def build_world() -> World:
    maya = PersonFactory(
        name="Maya Chen",
        email="maya@example.com",
        timezone="Europe/London",
        open_to_mentoring=True,
        mentee_capacity=2,
        expertise=["product discovery"],
    )
    ravi = PersonFactory(
        name="Ravi Menon",
        email="ravi@example.com",
        timezone="Asia/Kolkata",
        open_to_mentoring=True,
        mentee_capacity=3,
        expertise=["product strategy"],
    )
    eve = PersonFactory(name="Eve Stranger", email="eve@example.com")
    ada = PersonFactory(name="Ada Admin", email="ada@example.com")
    otto = PersonFactory(name="Otto Other", email="otto@example.com")
    people = {"mentee": maya, "mentor": ravi, "stranger": eve, "admin": ada, "other_admin": otto}
    tokens = {role: token_create(person=p, name="walk")[1] for role, p in people.items()}

    relationship = RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, status_changed_at=NOW
    )
    goal = GoalFactory(person=maya, title="Lead a product team")
    meeting = MeetingFactory(relationship=relationship)
    private_note = NoteFactory(
        relationship=relationship, meeting=meeting, author=maya, body="my own thought"
    )
    shared_note = NoteFactory(
        relationship=relationship,
        meeting=meeting,
        author=maya,
        body="for us both",
        visibility="shared",
    )
    item = ActionItemFactory(relationship=relationship, meeting=meeting, created_by=maya)

    programme = programme_create(actor=ada, name="Engineering mentoring", slug="engineering")
    other = programme_create(actor=otto, name="Sales mentoring", slug="sales")
    joined = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    mentee_p = Participant.objects.create(
        programme=programme, person=maya, role=Role.MENTEE, joined_at=joined, capacity=0
    )
    mentor_p = Participant.objects.create(
        programme=programme, person=ravi, role=Role.MENTOR, joined_at=joined, capacity=2
    )
    ids = {
        "relationship": relationship.pk,
        "goal": goal.pk,
        "meeting": meeting.pk,
        "private_note": private_note.pk,
        "shared_note": shared_note.pk,
        "action_item": item.pk,
        "programme": programme.pk,
        "other_programme": other.pk,
        "mentee_participant": mentee_p.pk,
        "mentor_participant": mentor_p.pk,
        "mentee_id": maya.pk,
        "mentor_id": ravi.pk,
        "stranger_id": eve.pk,
    }
    return World(people=people, tokens=tokens, ids=ids)
