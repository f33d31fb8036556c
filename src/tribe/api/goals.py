"""My goals: what I want to learn, why and by when (``/api/goals``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import ApiRouter, Input, ObjectId, Page, PageQuery, page_of, patched
from tribe.core.codes import CoreCode
from tribe.core.errors import ValidationError
from tribe.people.models import Goal
from tribe.people.needs import suggest_need
from tribe.people.selectors import goal_get_for, goals_of
from tribe.people.services import goal_create, goal_delete, goal_update

router = ApiRouter(tags=["goals"])

GoalStatus = Literal["open", "in_progress", "achieved", "dropped"]
#: The kind of help a goal needs; "" until its owner chooses.
GoalNeed = Literal["", "mentor", "coach", "sponsor", "peer"]
NEED_HELP = (
    "the kind of help the goal needs (a prospect taken on for it is of this kind); "
    '"" while not chosen'
)


class GoalIn(Input):
    title: str = Field(max_length=200)
    why: str = Field("", max_length=2000)
    target_date: dt.date | None = None
    status: GoalStatus = "open"
    need: GoalNeed = Field("", description=NEED_HELP)


class GoalPatch(Input):
    """Only the fields sent change (``null`` is refused where a value is required)."""

    title: str | None = Field(None, max_length=200)
    why: str | None = Field(None, max_length=2000)
    target_date: dt.date | None = None
    status: GoalStatus | None = None
    need: GoalNeed | None = Field(None, description=NEED_HELP)


class NeedSuggestionOut(Schema):
    """What the goal's own words suggest it needs, and why (Tribe's rule, not a choice)."""

    kind: Literal["mentor", "coach", "sponsor", "peer"]
    word: str = Field(description='the word of the goal that points to the kind ("" for a mentor)')
    reason: str = Field(description="the reason in a sentence, in the caller's language")


class GoalOut(Schema):
    id: int
    title: str
    why: str
    target_date: dt.date | None
    status: GoalStatus
    need: GoalNeed = Field(description=NEED_HELP)
    suggested_need: NeedSuggestionOut
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_suggested_need(goal: Goal) -> dict[str, str]:
        return suggest_need(goal.title, goal.why).as_dict()


class GoalFilter(Schema):
    status: GoalStatus | None = Field(None, description="only goals in this state")


@router.get("", response=Page[GoalOut])
def goal_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[GoalFilter]
) -> dict[str, object]:
    """My goals, open ones first."""
    goals = goals_of(person=me(request))
    if filters.status:
        goals = goals.filter(status=filters.status)
    return page_of(goals, page)


@router.post("", response={201: GoalOut})
def goal_add(request: HttpRequest, payload: GoalIn) -> Status[Goal]:
    """Add a goal."""
    return Status(201, goal_create(person=me(request), **payload.model_dump()))


@router.get("/{goal_id}", response=GoalOut)
def goal_read(request: HttpRequest, goal_id: ObjectId) -> Goal:
    """One of my goals (404 for anyone else's)."""
    return goal_get_for(person=me(request), goal_id=goal_id)


@router.patch("/{goal_id}", response=GoalOut)
def goal_change(request: HttpRequest, goal_id: ObjectId, payload: GoalPatch) -> Goal:
    """Change the fields sent; the others stay."""
    person = me(request)
    goal = goal_get_for(person=person, goal_id=goal_id)
    current = {
        "title": goal.title,
        "why": goal.why,
        "target_date": goal.target_date,
        "status": goal.status,
        "need": goal.need,
    }
    fields = patched(current, payload)
    if fields["need"] is None:  # sent as null: "" is how to say "not chosen"
        raise ValidationError(CoreCode.REQUIRED, field="need")
    return goal_update(actor=person, goal=goal, **fields)


@router.delete("/{goal_id}", response={204: None})
def goal_remove(request: HttpRequest, goal_id: ObjectId) -> Status[None]:
    """Delete one of my goals; relationships keep going without it."""
    person = me(request)
    goal_delete(actor=person, goal=goal_get_for(person=person, goal_id=goal_id))
    return Status(204, None)
