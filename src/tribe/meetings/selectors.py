"""Reads for meetings, notes and action items.

Every function takes the person asking. A note is readable by its author,
and a shared note also by the other side of the relationship: nobody else,
administrators included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet

from tribe.core.errors import NotFound
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
