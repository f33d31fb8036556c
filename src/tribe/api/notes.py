"""Notes on a relationship, private or shared (``/api/notes``).

A private note is its author's alone: the other side of the relationship and
the programme's administrators get 404 for it, in every operation, exactly as
if it did not exist. A shared note is read by both sides and changed by its
author only.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import (
    ApiRouter,
    Input,
    ObjectId,
    Page,
    PageQuery,
    PersonBrief,
    RowId,
    UtcMoment,
    page_of,
    patched,
)
from tribe.meetings.models import Note
from tribe.meetings.selectors import (
    meeting_get_for,
    note_get_for,
    note_get_for_author,
    notes_readable_by,
)
from tribe.meetings.services import note_create, note_delete, note_update
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_get_for

router = ApiRouter(tags=["notes"])

Visibility = Literal["private", "shared"]


def counterpart_of(relationship: Relationship, person: Person) -> dict[str, Any]:
    """The other side of ``relationship`` from ``person``'s (a person or a contact)."""
    other = consent.counterpart(relationship, person)
    if other is not None:
        return {"id": other.pk, "name": other.name}
    return {"id": None, "name": relationship.other_name(person)}


class NoteIn(Input):
    relationship: RowId = Field(description="the id of one of my relationships")
    meeting: RowId | None = Field(None, description="the meeting of it the note is about")
    body: str = Field(max_length=20000)
    visibility: Visibility = Field(
        "private", description="private: mine alone; shared: the other side reads it too"
    )


class NotePatch(Input):
    """Only the fields sent change (``null`` is refused: a note has both)."""

    body: str | None = Field(None, max_length=20000)
    visibility: Visibility | None = None


class FormerMeeting(Schema):
    """The meeting a note was about, kept once that meeting was deleted."""

    title: str
    starts_at: UtcMoment


class NoteOut(Schema):
    id: int
    relationship_id: int
    meeting_id: int | None
    former_meeting: FormerMeeting | None = Field(
        description="the meeting it was about, when that meeting has been deleted"
    )
    author: PersonBrief
    mine: bool = Field(description="I wrote it (and so may change or delete it)")
    visibility: Visibility
    body: str
    created_at: UtcMoment
    updated_at: UtcMoment

    @staticmethod
    def resolve_former_meeting(obj: Note) -> dict[str, Any] | None:
        if not obj.meeting_deleted:
            return None
        return {"title": obj.meeting_title, "starts_at": obj.meeting_starts_at}

    @staticmethod
    def resolve_author(obj: Note) -> dict[str, Any]:
        return {"id": obj.author_id, "name": obj.author.name}

    @staticmethod
    def resolve_mine(obj: Note, context: dict[str, Any]) -> bool:
        return bool(obj.author_id == me(context["request"]).pk)


class NoteFilter(Schema):
    relationship: RowId | None = Field(None, description="only the notes of this relationship")
    meeting: RowId | None = Field(None, description="only the notes about this meeting")
    visibility: Visibility | None = Field(None, description="only private or only shared notes")
    mine: bool | None = Field(None, description="true: only mine; false: only the other side's")


@router.get("", response=Page[NoteOut])
def note_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[NoteFilter]
) -> dict[str, object]:
    """The notes I may read, newest first: mine, and the ones the other side shared with me."""
    person = me(request)
    notes = notes_readable_by(person=person)
    if filters.relationship is not None:
        notes = notes.filter(relationship_id=filters.relationship)
    if filters.meeting is not None:
        notes = notes.filter(meeting_id=filters.meeting)
    if filters.visibility is not None:
        notes = notes.filter(visibility=filters.visibility)
    if filters.mine is True:
        notes = notes.filter(author=person)
    elif filters.mine is False:
        notes = notes.exclude(author=person)
    return page_of(notes, page)


@router.post("", response={201: NoteOut})
def note_add(request: HttpRequest, payload: NoteIn) -> Status[Note]:
    """Write a note on one of my relationships (about one of its meetings, if given)."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=payload.relationship)
    meeting = None
    if payload.meeting is not None:
        meeting = meeting_get_for(person=person, meeting_id=payload.meeting)
    note = note_create(
        author=person,
        relationship=relationship,
        body=payload.body,
        visibility=payload.visibility,
        meeting=meeting,
    )
    return Status(201, note)


@router.get("/{note_id}", response=NoteOut)
def note_read(request: HttpRequest, note_id: ObjectId) -> Note:
    """A note of mine, or one the other side shared (404 for anyone's private note but mine)."""
    return note_get_for(person=me(request), note_id=note_id)


@router.patch("/{note_id}", response=NoteOut)
def note_change(request: HttpRequest, note_id: ObjectId, payload: NotePatch) -> Note:
    """Change a note of mine: its words, or who may read it (404 for anyone else's)."""
    person = me(request)
    note = note_get_for_author(person=person, note_id=note_id)
    current = {"body": note.body, "visibility": note.visibility}
    return note_update(author=person, note=note, **patched(current, payload))


@router.delete("/{note_id}", response={204: None})
def note_remove(request: HttpRequest, note_id: ObjectId) -> Status[None]:
    """Delete a note of mine (404 for anyone else's, shared or not)."""
    person = me(request)
    note_delete(author=person, note=note_get_for_author(person=person, note_id=note_id))
    return Status(204, None)
