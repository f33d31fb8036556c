"""Today: everything due for one person, across all their relationships.

Built from a fixed number of queries whatever the number of relationships,
and returned as a flat list of items sorted by urgency so that later kinds of
duty (follow-ups, thanks, updates) slot in without changing the callers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum

from django.db.models import Exists, OuterRef, Q

from tribe.core import clock
from tribe.core.zones import local
from tribe.meetings.models import ActionItem, Meeting
from tribe.people.models import Person
from tribe.relationships.models import Relationship

#: How far ahead upcoming meetings appear.
HORIZON = dt.timedelta(days=7)


class Urgency(IntEnum):
    """Lower sorts first."""

    OVERDUE = 0
    TODAY = 1
    SOON = 2
    OPEN = 3


@dataclass(frozen=True)
class TodayItem:
    kind: str  # "meeting", "action_item", "schedule"
    title: str
    detail: str
    urgency: Urgency
    due: dt.date | None
    relationship_id: int
    object_id: int
    with_name: str

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "urgency": self.urgency.name.lower(),
            "due": self.due.isoformat() if self.due else None,
            "relationship_id": self.relationship_id,
            "id": self.object_id,
            "with": self.with_name,
        }


@dataclass(frozen=True)
class Today:
    person: Person
    date: dt.date
    items: list[TodayItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "person": self.person.email,
            "date": self.date.isoformat(),
            "items": [item.as_dict() for item in self.items],
        }


def _urgency(due: dt.date | None, today: dt.date) -> Urgency:
    if due is None:
        return Urgency.OPEN
    if due < today:
        return Urgency.OVERDUE
    if due == today:
        return Urgency.TODAY
    return Urgency.SOON


def today_for(*, person: Person, now: dt.datetime | None = None) -> Today:
    moment = clock.resolve(now)
    today = local(moment, person.timezone).date()
    mine = Q(mentee=person) | Q(mentor=person)
    sides = ("mentee", "mentor", "mentee_contact", "mentor_contact")
    items: list[TodayItem] = []

    upcoming = (
        Meeting.objects.filter(
            Q(relationship__mentee=person) | Q(relationship__mentor=person),
            status=Meeting.Status.PLANNED,
            starts_at__gte=moment,
            starts_at__lt=moment + HORIZON,
        )
        .select_related("relationship", *(f"relationship__{s}" for s in sides))
        .order_by("starts_at")
    )
    for meeting in upcoming:
        starts = local(meeting.starts_at, person.timezone)
        items.append(
            TodayItem(
                kind="meeting",
                title=f"Prepare: {meeting.title or 'meeting'} with {meeting.relationship.other_name(person)}",
                detail=f"{starts:%a %d %b, %H:%M} ({person.timezone})",
                urgency=_urgency(starts.date(), today),
                due=starts.date(),
                relationship_id=meeting.relationship_id,
                object_id=meeting.pk,
                with_name=meeting.relationship.other_name(person),
            )
        )

    has_next = Meeting.objects.filter(
        relationship=OuterRef("pk"), status=Meeting.Status.PLANNED, starts_at__gte=moment
    )
    unscheduled = (
        Relationship.objects.filter(mine, status__in=[Relationship.Status.ACTIVE, Relationship.Status.INTRO])
        .filter(~Exists(has_next))
        .select_related(*sides)
    )
    for relationship in unscheduled:
        other = relationship.other_name(person)
        items.append(
            TodayItem(
                kind="schedule",
                title=f"Schedule the next meeting with {other}",
                detail=f"{relationship.get_status_display()} {relationship.get_kind_display().lower()} "
                "relationship with no meeting planned",
                urgency=Urgency.OPEN,
                due=None,
                relationship_id=relationship.pk,
                object_id=relationship.pk,
                with_name=other,
            )
        )

    my_items = (
        ActionItem.objects.filter(done_at__isnull=True)
        .filter(
            Q(relationship__mentee=person, owner=ActionItem.Owner.MENTEE)
            | Q(relationship__mentor=person, owner=ActionItem.Owner.MENTOR)
        )
        .exclude(relationship__status__in=[Relationship.Status.ENDED, Relationship.Status.DECLINED])
        .select_related("relationship", *(f"relationship__{s}" for s in sides))
    )
    for item in my_items:
        other = item.relationship.other_name(person)
        items.append(
            TodayItem(
                kind="action_item",
                title=item.title,
                detail=f"due {item.due_on:%d %b %Y}" if item.due_on else "no due date",
                urgency=_urgency(item.due_on, today),
                due=item.due_on,
                relationship_id=item.relationship_id,
                object_id=item.pk,
                with_name=other,
            )
        )

    items.sort(key=lambda i: (i.urgency, i.due or dt.date.max, i.kind, i.object_id))
    return Today(person=person, date=today, items=items)
