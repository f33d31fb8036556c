"""Action items: what one side of a relationship promised to do (``/api/action-items``).

Both sides of the relationship read and change its action items; nobody else
sees them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import (
    ApiRouter,
    Input,
    ObjectId,
    Page,
    PageQuery,
    RowId,
    UtcMoment,
    page_of,
    patched,
)
from tribe.meetings.models import ActionItem
from tribe.meetings.selectors import action_item_get_for, action_items_for, meeting_get_for
from tribe.meetings.services import (
    action_item_create,
    action_item_delete,
    action_item_set_done,
    action_item_update,
)
from tribe.relationships.selectors import relationship_get_for

router = ApiRouter(tags=["action items"])

Owner = Literal["mentee", "mentor"]


class ActionItemIn(Input):
    relationship: RowId = Field(description="the id of one of my relationships")
    meeting: RowId | None = Field(None, description="the meeting of it where it was agreed")
    title: str = Field(max_length=300)
    owner: Owner = Field("mentee", description="the side that does it")
    due_on: dt.date | None = None


class ActionItemPatch(Input):
    """Only the fields sent change (``due_on: null`` clears the due date; a null title
    or owner is refused)."""

    title: str | None = Field(None, max_length=300)
    owner: Owner | None = None
    due_on: dt.date | None = None


class ActionItemOut(Schema):
    id: int
    relationship_id: int
    meeting_id: int | None
    title: str
    owner: Owner
    due_on: dt.date | None
    done: bool
    done_at: UtcMoment | None
    created_at: UtcMoment
    updated_at: UtcMoment

    @staticmethod
    def resolve_done(obj: ActionItem) -> bool:
        return obj.is_done


class ActionItemFilter(Schema):
    relationship: RowId | None = Field(None, description="only those of this relationship")
    meeting: RowId | None = Field(None, description="only those agreed at this meeting")
    done: bool | None = Field(None, description="true: only done ones; false: only open ones")


@router.get("", response=Page[ActionItemOut])
def action_item_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[ActionItemFilter]
) -> dict[str, object]:
    """The action items of my relationships, open ones first, soonest due first."""
    items = action_items_for(
        person=me(request), relationship_id=filters.relationship, done=filters.done
    )
    if filters.meeting is not None:
        items = items.filter(meeting_id=filters.meeting)
    return page_of(items, page)


@router.post("", response={201: ActionItemOut})
def action_item_add(request: HttpRequest, payload: ActionItemIn) -> Status[ActionItem]:
    """Add an action item to one of my relationships."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=payload.relationship)
    meeting = None
    if payload.meeting is not None:
        meeting = meeting_get_for(person=person, meeting_id=payload.meeting)
    item = action_item_create(
        actor=person,
        relationship=relationship,
        title=payload.title,
        owner=payload.owner,
        due_on=payload.due_on,
        meeting=meeting,
    )
    return Status(201, item)


@router.get("/{item_id}", response=ActionItemOut)
def action_item_read(request: HttpRequest, item_id: ObjectId) -> ActionItem:
    """An action item of one of my relationships."""
    return action_item_get_for(person=me(request), item_id=item_id)


@router.patch("/{item_id}", response=ActionItemOut)
def action_item_change(
    request: HttpRequest, item_id: ObjectId, payload: ActionItemPatch
) -> ActionItem:
    """Change the fields sent; the others stay."""
    person = me(request)
    item = action_item_get_for(person=person, item_id=item_id)
    current = {"title": item.title, "owner": item.owner, "due_on": item.due_on}
    return action_item_update(actor=person, item=item, **patched(current, payload))


@router.post("/{item_id}/done", response=ActionItemOut)
def action_item_done(request: HttpRequest, item_id: ObjectId) -> ActionItem:
    """Mark it done (now)."""
    person = me(request)
    item = action_item_get_for(person=person, item_id=item_id)
    return action_item_set_done(actor=person, item=item, done=True)


@router.post("/{item_id}/undone", response=ActionItemOut)
def action_item_undone(request: HttpRequest, item_id: ObjectId) -> ActionItem:
    """Mark it not done after all: open again."""
    person = me(request)
    item = action_item_get_for(person=person, item_id=item_id)
    return action_item_set_done(actor=person, item=item, done=False)


@router.delete("/{item_id}", response={204: None})
def action_item_remove(request: HttpRequest, item_id: ObjectId) -> Status[None]:
    """Delete an action item."""
    person = me(request)
    action_item_delete(actor=person, item=action_item_get_for(person=person, item_id=item_id))
    return Status(204, None)
