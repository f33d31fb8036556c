"""Writes for meetings, notes and action items.

Callers pass a relationship already fetched through
``relationship_get_for`` (so the actor is part of it); services here check
the rules that depend on who the actor is, such as note authorship.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import NotFound, ValidationError
from tribe.core.zones import validate_zone
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people.models import Person
from tribe.relationships.models import Relationship

MSG_END_BEFORE_START = "must be after the start"
MSG_NAIVE = "must include a time zone"
MSG_TOO_LONG_MEETING = "a meeting cannot last more than 12 hours"
MSG_MEETING_ELSEWHERE = "belongs to another relationship"
MSG_NOT_A_SIDE = "you are not part of this relationship"
MSG_STATUS = "“{value}” is not a meeting status"
MSG_OWNER = "must be “mentee” or “mentor”"
MSG_VISIBILITY = "must be “private” or “shared”"


def _require_side(relationship: Relationship, actor: Person) -> str:
    role = relationship.role_of(actor)
    if role is None:  # defence in depth: views fetch through relationship_get_for
        raise NotFound("no such relationship")
    return role


def _times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value.tzinfo is None:
            raise ValidationError(MSG_NAIVE, field=name)
    if ends_at <= starts_at:
        raise ValidationError(MSG_END_BEFORE_START, field="ends_at")
    if ends_at - starts_at > dt.timedelta(hours=12):
        raise ValidationError(MSG_TOO_LONG_MEETING, field="ends_at")


def _meeting_status(status: str) -> str:
    if status not in Meeting.Status.values:
        raise ValidationError(MSG_STATUS.format(value=status), field="status")
    return status


@transaction.atomic
def meeting_create(
    *,
    actor: Person,
    relationship: Relationship,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str = "",
    location: str = "",
    timezone: str | None = None,
    status: str = Meeting.Status.PLANNED,
) -> Meeting:
    _require_side(relationship, actor)
    _times(starts_at, ends_at)
    return Meeting.objects.create(
        relationship=relationship,
        starts_at=starts_at,
        ends_at=ends_at,
        title=v.text(title, field="title", max_length=200),
        location=v.text(location, field="location", max_length=300),
        timezone=validate_zone(timezone or actor.timezone),
        status=_meeting_status(status),
    )


@transaction.atomic
def meeting_update(
    *,
    actor: Person,
    meeting: Meeting,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str,
    location: str,
    status: str,
    timezone: str | None = None,
) -> Meeting:
    """Change a meeting; bumps the iCalendar SEQUENCE so invitations update."""
    _require_side(meeting.relationship, actor)
    _times(starts_at, ends_at)
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.title = v.text(title, field="title", max_length=200)
    meeting.location = v.text(location, field="location", max_length=300)
    meeting.status = _meeting_status(status)
    if timezone:
        meeting.timezone = validate_zone(timezone)
    meeting.sequence = F("sequence") + 1
    meeting.save()
    meeting.refresh_from_db(fields=["sequence"])
    return meeting


@transaction.atomic
def meeting_delete(*, actor: Person, meeting: Meeting) -> None:
    _require_side(meeting.relationship, actor)
    meeting.delete()


def _meeting_of(relationship: Relationship, meeting: Meeting | None) -> Meeting | None:
    if meeting is not None and meeting.relationship_id != relationship.pk:
        raise ValidationError(MSG_MEETING_ELSEWHERE, field="meeting")
    return meeting


@transaction.atomic
def note_create(
    *,
    author: Person,
    relationship: Relationship,
    body: str,
    visibility: str = Note.Visibility.PRIVATE,
    meeting: Meeting | None = None,
) -> Note:
    _require_side(relationship, author)
    if visibility not in Note.Visibility.values:
        raise ValidationError(MSG_VISIBILITY, field="visibility")
    return Note.objects.create(
        relationship=relationship,
        meeting=_meeting_of(relationship, meeting),
        author=author,
        visibility=visibility,
        body=v.text(body, field="body", max_length=20000, required=True),
    )


@transaction.atomic
def note_update(*, author: Person, note: Note, body: str, visibility: str) -> Note:
    if note.author_id != author.pk:  # others may at most read a shared note
        raise NotFound("no such note")
    if visibility not in Note.Visibility.values:
        raise ValidationError(MSG_VISIBILITY, field="visibility")
    note.body = v.text(body, field="body", max_length=20000, required=True)
    note.visibility = visibility
    note.save()
    return note


@transaction.atomic
def note_delete(*, author: Person, note: Note) -> None:
    if note.author_id != author.pk:
        raise NotFound("no such note")
    note.delete()


@transaction.atomic
def action_item_create(
    *,
    actor: Person,
    relationship: Relationship,
    title: str,
    owner: str = ActionItem.Owner.MENTEE,
    due_on: dt.date | None = None,
    meeting: Meeting | None = None,
) -> ActionItem:
    _require_side(relationship, actor)
    if owner not in ActionItem.Owner.values:
        raise ValidationError(MSG_OWNER, field="owner")
    return ActionItem.objects.create(
        relationship=relationship,
        meeting=_meeting_of(relationship, meeting),
        title=v.text(title, field="title", max_length=300, required=True),
        owner=owner,
        due_on=due_on,
        created_by=actor,
    )


@transaction.atomic
def action_item_update(
    *, actor: Person, item: ActionItem, title: str, owner: str, due_on: dt.date | None
) -> ActionItem:
    _require_side(item.relationship, actor)
    if owner not in ActionItem.Owner.values:
        raise ValidationError(MSG_OWNER, field="owner")
    item.title = v.text(title, field="title", max_length=300, required=True)
    item.owner = owner
    item.due_on = due_on
    item.save()
    return item


@transaction.atomic
def action_item_set_done(
    *, actor: Person, item: ActionItem, done: bool, now: dt.datetime | None = None
) -> ActionItem:
    _require_side(item.relationship, actor)
    item.done_at = clock.resolve(now) if done else None
    item.save(update_fields=["done_at", "updated_at"])
    return item


@transaction.atomic
def action_item_delete(*, actor: Person, item: ActionItem) -> None:
    _require_side(item.relationship, actor)
    item.delete()
