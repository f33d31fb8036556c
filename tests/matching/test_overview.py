"""The five steps of the search for mentors, as ``find_overview`` reads them."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ContactFactory, GoalFactory, PersonFactory, RelationshipFactory
from tribe.matching.overview import find_overview
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
Status = Relationship.Status
ASKED_AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Search(NamedTuple):
    prospect: Relationship
    asked: Relationship
    intro: Relationship


@pytest.fixture
def search(maya: Person, ravi: Person, sam: Person) -> Search:
    """Maya has two goals: one with a prospect without a purpose, one nobody covers;
    she asked Ravi for the first; Sam and she have an intro meeting (she mentors him)."""
    lead = GoalFactory(person=maya, title="Lead a team")
    GoalFactory(person=maya, title="Speak at conferences")
    GoalFactory(person=maya, title="Done already", status=Goal.Status.ACHIEVED)
    pia = PersonFactory(name="Pia", open_to_mentoring=True, mentee_capacity=2)
    prospect = RelationshipFactory(mentee=maya, mentor=pia, status=Status.PROSPECT, purpose="")
    prospect.goals.add(lead)
    asked = RelationshipFactory(
        mentee=maya, mentor=ravi, status=Status.ASKED, purpose="Grow", asked_at=ASKED_AT
    )
    asked.goals.add(lead)
    intro = RelationshipFactory(mentee=sam, mentor=maya, status=Status.INTRO, created_by=sam)
    ContactFactory(owner=maya)
    return Search(prospect, asked, intro)


def test_each_step_reads_where_the_person_stands(maya: Person, search: Search) -> None:
    overview = find_overview(person=maya, today=dt.date(2026, 3, 5))

    by_title = {step.coverage.title: step for step in overview.goals}
    assert set(by_title) == {"Lead a team", "Speak at conferences"}
    assert set(by_title["Lead a team"].linked) == {search.prospect, search.asked}
    assert by_title["Lead a team"].without_purpose == [search.prospect]
    assert by_title["Speak at conferences"].linked == []
    assert overview.uncovered == 2  # a prospect and a request do not cover a goal yet
    assert overview.contact_count == 1
    assert overview.mentor_count >= 2  # Ravi and Pia at least

    states = {step.relationship: step.nudge.state for step in overview.outreach}
    assert states == {search.prospect: "none", search.asked: "waiting"}
    assert overview.starting == [(search.intro, "mentor")]


def test_the_nudge_falls_due_by_the_persons_own_date(maya: Person, search: Search) -> None:
    due_on = ASKED_AT.date() + dt.timedelta(days=maya.nudge_after_days)
    overview = find_overview(person=maya, today=due_on)
    [asked] = [s for s in overview.outreach if s.relationship == search.asked]
    assert (asked.nudge.state, asked.nudge.due_on) == ("nudge", due_on)


def test_the_overview_costs_the_same_for_many_goals(maya: Person, search: Search) -> None:
    with CaptureQueriesContext(connection) as few:
        find_overview(person=maya, today=dt.date(2026, 3, 5))
    for n in range(5):
        goal = GoalFactory(person=maya, title=f"Goal {n}")
        RelationshipFactory(mentee=maya, mentor=PersonFactory(), status=Status.PROSPECT).goals.add(
            goal
        )
    with CaptureQueriesContext(connection) as many:
        find_overview(person=maya, today=dt.date(2026, 3, 5))
    assert len(many) == len(few)
