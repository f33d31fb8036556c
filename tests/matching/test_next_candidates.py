"""After a no: the next open candidates for the same goal, never the one who said no."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, GoalFactory, PersonFactory, RelationshipFactory
from tribe.matching.next_candidates import next_candidates
from tribe.matching.selectors import fit_ranking
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
Status = Relationship.Status


@pytest.fixture
def goal(maya: Person) -> Goal:
    return GoalFactory(person=maya, title="Learn pricing strategy", why="launch a paid tier")


def _mentor(name: str, capacity: int = 2) -> Person:
    return PersonFactory(
        name=name,
        open_to_mentoring=True,
        mentee_capacity=capacity,
        seniority=12,
        expertise=["pricing strategy"],
        offers="Pricing and packaging for SaaS",
    )


def _declined(maya: Person, mentor: Person, goal: Goal) -> Relationship:
    rel = RelationshipFactory(mentee=maya, mentor=mentor, status=Status.DECLINED)
    rel.goals.add(goal)
    return rel


def test_the_mentor_who_said_no_and_full_mentors_are_left_out(
    maya: Person, goal: Goal, now: dt.datetime
) -> None:
    said_no = _mentor("Ada Declined")
    full = _mentor("Fay Full", capacity=1)
    RelationshipFactory(mentor=full, status=Status.ACTIVE)  # her one place is taken
    others = [_mentor(f"Open {n}") for n in range(4)]
    rel = _declined(maya, said_no, goal)

    found = next_candidates(person=maya, relationship=rel, now=now)

    # A no without "ask again" leaves the ranking too; a full mentor stays in it,
    # after the open ones, but is no next step.
    ranked = {row.name for row in fit_ranking(person=maya, goal=goal, now=now)}
    assert full.name in ranked and said_no.name not in ranked
    assert found is not None
    found_goal, rows = found
    assert found_goal == goal
    names = [row.name for row in rows]
    assert len(names) == 3
    assert set(names) <= {p.name for p in others}
    assert all(row.has_capacity for row in rows)


def test_fewer_open_candidates_than_wanted(maya: Person, goal: Goal, now: dt.datetime) -> None:
    rel = _declined(maya, _mentor("Ada Declined"), goal)
    only = _mentor("Olga Only")
    found = next_candidates(person=maya, relationship=rel, now=now)
    assert found is not None and [row.name for row in found[1]] == [only.name]


def test_a_contact_who_said_no_is_left_out_too(maya: Person, goal: Goal, now: dt.datetime) -> None:
    contact = ContactFactory(owner=maya, name="Carl Contact", expertise=["pricing strategy"])
    other = ContactFactory(owner=maya, name="Cora Contact", expertise=["pricing strategy"])
    rel = RelationshipFactory(
        mentee=maya, mentor=None, mentor_contact=contact, status=Status.DECLINED
    )
    rel.goals.add(goal)
    found = next_candidates(person=maya, relationship=rel, now=now)
    assert found is not None and [row.name for row in found[1]] == [other.name]


def test_no_goal_no_candidates(maya: Person, now: dt.datetime) -> None:
    rel = RelationshipFactory(mentee=maya, mentor=_mentor("Ada"), status=Status.DECLINED)
    assert next_candidates(person=maya, relationship=rel, now=now) is None
