"""After a no (or a long silence): the next people worth asking for the same goal.

A decline should not end in silence: the mentee's page for that request
offers a warm next step, and part of it is who to ask next. These are the
best candidates of the fit ranking for the request's first goal, without the
person who said no (a declined relationship is closed, so the ranking alone
would offer them again) and without mentors who have no free place (they
cannot be asked).
"""

from __future__ import annotations

import datetime as dt

from tribe.matching.selectors import FitRow, fit_ranking
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

__all__ = ["next_candidates"]


def next_candidates(
    *,
    person: Person,
    relationship: Relationship,
    limit: int = 3,
    now: dt.datetime | None = None,
) -> tuple[Goal, list[FitRow]] | None:
    """The goal and up to ``limit`` open candidates for it, best first; None without a goal.

    The cost of one fit ranking (a fixed number of queries).
    """
    goals = list(relationship.goals.all())
    if not goals:
        return None
    goal = goals[0]
    asked = (
        ("person", relationship.mentor_id)
        if relationship.mentor_id is not None
        else ("contact", relationship.mentor_contact_id)
    )
    # Full mentors rank after open ones, and the one asked is at most one row:
    # a ranking one longer than wanted always holds enough open candidates.
    rows = fit_ranking(person=person, goal=goal, limit=limit + 1, now=now)
    open_rows = [row for row in rows if row.has_capacity and (row.kind, row.id) != asked]
    return goal, open_rows[:limit]
