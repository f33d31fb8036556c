"""Reads for meetings, notes and action items.

Every function takes the person asking. A note is readable by its author,
and a shared note also by the other side of the relationship: nobody else,
administrators included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F, Model, Q, QuerySet

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import NotFound, ValidationError
from tribe.meetings.errors import MeetingCode
from tribe.meetings.models import ActionItem, CalendarFeed, Meeting, MeetingSeries, Note
from tribe.meetings.scheduling import Party, Window
from tribe.people.models import AvailabilityWindow, Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship

M = TypeVar("M", bound=Model)


def _in_my_relationships(person: Person, prefix: str = "relationship__") -> Q:
    """Relationships ``person`` said yes to (consent.py)."""
    return consent.consented_q(person, prefix)


def readable_notes_q(person: Person) -> Q:
    """The notes ``person`` may read: their own, and shared ones in their relationships."""
    return Q(author=person) | (Q(visibility=Note.Visibility.SHARED) & _in_my_relationships(person))


def _get(queryset: QuerySet[M], object_id: int | str, missing: MeetingCode) -> M:
    try:
        return queryset.get(pk=int(object_id))
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(missing) from exc


_RELATED = (
    "relationship",
    "relationship__mentee",
    "relationship__mentor",
    "relationship__mentee_contact",
    "relationship__mentor_contact",
)


def meeting_get_for(*, person: Person, meeting_id: int | str) -> Meeting:
    meetings = Meeting.objects.filter(_in_my_relationships(person)).select_related(*_RELATED)
    return _get(meetings, meeting_id, MeetingCode.NO_MEETING)


def note_get_for_author(*, person: Person, note_id: int | str) -> Note:
    """A note its author may edit; another person's note is "not found", shared or not."""
    notes = Note.objects.filter(author=person).select_related(*_RELATED)
    return _get(notes, note_id, MeetingCode.NO_NOTE)


def action_item_get_for(*, person: Person, item_id: int | str) -> ActionItem:
    items = ActionItem.objects.filter(_in_my_relationships(person)).select_related(*_RELATED)
    return _get(items, item_id, MeetingCode.NO_ACTION_ITEM)


@dataclass(frozen=True)
class Timeline:
    meetings: list[Meeting]
    notes: list[Note]
    action_items: list[ActionItem]

    def notes_for(self, meeting: Meeting) -> list[Note]:
        return [n for n in self.notes if n.meeting_id == meeting.pk]


def relationship_timeline(*, person: Person, relationship: Relationship) -> Timeline:
    """Meetings, readable notes and action items of one relationship: three queries."""
    return Timeline(
        meetings=list(Meeting.objects.filter(relationship=relationship)),
        notes=list(
            Note.objects.filter(readable_notes_q(person), relationship=relationship).select_related(
                "author", "meeting"
            )
        ),
        action_items=list(ActionItem.objects.filter(relationship=relationship)),
    )


def notes_readable_by(*, person: Person) -> QuerySet[Note]:
    return Note.objects.filter(readable_notes_q(person)).select_related("author", "relationship")


# Added for the API ------------------------------------------------------------


def note_get_for(*, person: Person, note_id: int | str) -> Note:
    """A note ``person`` may read: their own, or a shared one of their relationship.

    Someone else's private note is "not found", to the other side of the
    relationship and to administrators alike.
    """
    return _get(notes_readable_by(person=person), note_id, MeetingCode.NO_NOTE)


def meetings_for(
    *,
    person: Person,
    relationship_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    when: Literal["upcoming", "past"] | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[Meeting]:
    """The meetings of the relationships ``person`` said yes to, both sides loaded.

    ``since``/``until``: those starting in that window (``until`` excluded).
    ``when``: "upcoming" (starting from ``now`` on, soonest first) or "past"
    (started before ``now``, latest first).
    """
    # Checked before the query: the database would overflow on the year 9999.
    v.moment(since, field="since")
    v.moment(until, field="until")
    if since is not None and until is not None and until < since:
        raise ValidationError(CoreCode.BEFORE_START, field="until")
    meetings = Meeting.objects.filter(_in_my_relationships(person)).select_related(*_RELATED)
    if relationship_id is not None:
        meetings = meetings.filter(relationship_id=relationship_id)
    if since is not None:
        meetings = meetings.filter(starts_at__gte=since)
    if until is not None:
        meetings = meetings.filter(starts_at__lt=until)
    if when == "upcoming":
        meetings = meetings.filter(starts_at__gte=clock.resolve(now))
    elif when == "past":
        meetings = meetings.filter(starts_at__lt=clock.resolve(now)).order_by("-starts_at", "-id")
    return meetings


def action_items_for(
    *, person: Person, relationship_id: int | None = None, done: bool | None = None
) -> QuerySet[ActionItem]:
    """The action items of the relationships ``person`` said yes to: open ones first,
    then by due date (undated ones last), on every database (PostgreSQL puts nulls
    last, SQLite first: the model's own ordering differs between them)."""
    items = ActionItem.objects.filter(_in_my_relationships(person)).order_by(
        F("done_at").asc(nulls_first=True), F("due_on").asc(nulls_last=True), "id"
    )
    if relationship_id is not None:
        items = items.filter(relationship_id=relationship_id)
    if done is not None:
        items = items.filter(done_at__isnull=not done)
    return items


# Added for the web pages of issue 4 --------------------------------------------


def series_of(*, relationship: Relationship) -> QuerySet[MeetingSeries]:
    """Recurring series of a relationship (callers fetched it for the person)."""
    return MeetingSeries.objects.filter(relationship=relationship)


def series_get_for(*, person: Person, series_id: int | str) -> MeetingSeries:
    series = MeetingSeries.objects.filter(_in_my_relationships(person)).select_related(*_RELATED)
    return _get(series, series_id, MeetingCode.NO_SERIES)


def live_feed_of(*, person: Person) -> CalendarFeed | None:
    """The person's calendar feed that still works, if any (its token is not stored)."""
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).first()


def scheduling_parties(*, person: Person, relationship: Relationship) -> list[Party]:
    """``person`` first, then the other side, with their weekly windows: one query.

    A contact has no windows on record and so does not constrain the choice;
    a contact whose zone is unknown is left out (no local time can be shown).
    """
    sides = [
        relationship.mentee or relationship.mentee_contact,
        relationship.mentor or relationship.mentor_contact,
    ]
    if relationship.role_of(person) == "mentor":
        sides.reverse()
    if not consent.is_mutual(relationship):
        # Until the other person accepts, their zone and hours are theirs alone.
        sides = [s for s in sides if not isinstance(s, Person) or s.pk == person.pk]
    accounts = [s for s in sides if isinstance(s, Person)]
    windows: dict[int, list[Window]] = {p.pk: [] for p in accounts}
    for row in AvailabilityWindow.objects.filter(person__in=accounts).order_by(
        "person", "weekday", "starts"
    ):
        windows[row.person_id].append(Window(row.weekday, row.starts, row.ends))
    parties: list[Party] = []
    for side in sides:
        if isinstance(side, Person):
            parties.append(Party(side.name, side.timezone, tuple(windows[side.pk])))
        elif side is not None and side.timezone:
            parties.append(Party(side.name, side.timezone, ()))
    return parties
