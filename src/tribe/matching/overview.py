"""The search for mentors at a glance: where one person stands on each of the five steps.

Know your why (goals and their purpose statements), map candidates (contacts
and open mentors), check fit (who covers each goal), ask well (prospects and
requests, with their nudge timing) and start right (intro meetings waiting
for an agreement). The ``/find/`` page shows it; the command line and the
API can read the same selector.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from tribe.matching.selectors import open_mentor_count
from tribe.outreach.selectors import GoalCoverage, Nudge, goal_map, nudge_state
from tribe.people.models import Person
from tribe.people.selectors import contacts_of
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationships_for

__all__ = ["FindOverview", "GoalStep", "OutreachStep", "StartStep", "find_overview"]

Status = Relationship.Status
#: The statuses of step 4: not asked yet, or asked and waiting.
ASKING = (Status.PROSPECT, Status.ASKED)


class GoalStep(NamedTuple):
    """One open goal: who covers it, its relationships, and those still without a purpose."""

    coverage: GoalCoverage
    linked: list[Relationship]
    without_purpose: list[Relationship]


class OutreachStep(NamedTuple):
    """A prospect or a request sent, and where its nudge timing stands."""

    relationship: Relationship
    nudge: Nudge


class StartStep(NamedTuple):
    """An intro meeting waiting for its agreement, and the person's side of it."""

    relationship: Relationship
    role: str | None


@dataclass(frozen=True)
class FindOverview:
    goals: list[GoalStep]
    uncovered: int  # goals nobody covers yet: where to look first
    contact_count: int
    mentor_count: int  # other people open to mentoring
    outreach: list[OutreachStep]
    starting: list[StartStep]


def find_overview(*, person: Person, today: dt.date) -> FindOverview:
    """The five steps for ``person`` on ``today``, their own date (nudges are due by it).

    A fixed number of queries whatever the number of goals and relationships.
    """
    relationships = list(relationships_for(person=person))
    as_mentee = [r for r in relationships if r.mentee_id == person.pk]
    linked: dict[int, list[Relationship]] = {}
    for relationship in as_mentee:
        for goal in relationship.goals.all():
            linked.setdefault(goal.pk, []).append(relationship)
    coverage = goal_map(person=person)
    goals = []
    for covered in coverage:
        rows = linked.get(covered.goal_id, [])
        goals.append(GoalStep(covered, rows, [r for r in rows if not r.purpose]))
    return FindOverview(
        goals=goals,
        uncovered=sum(1 for covered in coverage if not covered.covered),
        contact_count=contacts_of(person=person).count(),
        mentor_count=open_mentor_count(person=person),
        outreach=[
            OutreachStep(
                r,
                nudge_state(
                    relationship=r,
                    wait_days=person.nudge_after_days,
                    today=today,
                    zone_name=person.timezone,
                ),
            )
            for r in as_mentee
            if r.status in ASKING
        ],
        starting=[
            StartStep(r, r.role_of(person)) for r in relationships if r.status == Status.INTRO
        ],
    )
