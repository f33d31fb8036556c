"""My goals: what I want to learn, why and by when (``/api/goals``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import ApiRouter, Input, ObjectId, Page, PageQuery, page_of, patched
from tribe.people.models import Goal
from tribe.people.selectors import goal_get_for, goals_of
from tribe.people.services import goal_create, goal_delete, goal_update

router = ApiRouter(tags=["goals"])

GoalStatus = Literal["open", "in_progress", "achieved", "dropped"]


class GoalIn(Input):
    title: str = Field(max_length=200)
    why: str = Field("", max_length=2000)
    target_date: dt.date | None = None
    status: GoalStatus = "open"


class GoalPatch(Input):
    """Only the fields sent change (``null`` is refused where a value is required)."""

    title: str | None = Field(None, max_length=200)
    why: str | None = Field(None, max_length=2000)
    target_date: dt.date | None = None
    status: GoalStatus | None = None


class GoalOut(Schema):
    id: int
    title: str
    why: str
    target_date: dt.date | None
    status: GoalStatus
    created_at: dt.datetime
    updated_at: dt.datetime


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
    }
    return goal_update(actor=person, goal=goal, **patched(current, payload))


@router.delete("/{goal_id}", response={204: None})
def goal_remove(request: HttpRequest, goal_id: ObjectId) -> Status[None]:
    """Delete one of my goals; relationships keep going without it."""
    person = me(request)
    goal_delete(actor=person, goal=goal_get_for(person=person, goal_id=goal_id))
    return Status(204, None)
