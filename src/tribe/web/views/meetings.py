"""Meetings, notes and action items of one relationship.

Each object is fetched through its ``*_get_for`` selector, so someone outside
the relationship (or, for notes, anyone but the author) gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext

from tribe.core.errors import TribeError
from tribe.core.labels import in_sentence
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.meetings.selectors import (
    action_item_get_for,
    meeting_get_for,
    note_get_for_author,
    relationship_timeline,
)
from tribe.meetings.services import (
    action_item_create,
    action_item_delete,
    action_item_set_done,
    action_item_update,
    meeting_create,
    meeting_delete,
    meeting_set_status,
    meeting_update,
    note_create,
    note_delete,
    note_update,
)
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_get_for
from tribe.web.forms.meetings import ActionItemForm, MeetingForm, NoteEditForm, NoteForm
from tribe.web.views.common import BUTTON, back_to, confirm_page, object_page, save_or_show

# -- meetings -----------------------------------------------------------------


@object_page(relationship_get_for)
def meeting_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    form = MeetingForm(request.POST or None, zone_name=person.timezone)
    return save_or_show(
        request,
        form,
        meeting_create,
        lambda data: {
            "actor": person,
            "relationship": relationship,
            "timezone": person.timezone,
            **data,
        },
        done=gettext("Meeting added."),
        back=back_to(relationship.pk, "meetings"),
        title=gettext("New meeting with {name}").format(name=relationship.other_name(person)),
        submit=gettext("Add meeting"),
    )


@object_page(meeting_get_for)
def meeting_edit(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    form = MeetingForm(
        request.POST or None, initial=MeetingForm.initial_for(meeting), zone_name=person.timezone
    )
    return save_or_show(
        request,
        form,
        meeting_update,
        lambda data: {"actor": person, "meeting": meeting, "timezone": person.timezone, **data},
        done=gettext("Meeting saved."),
        back=back_to(meeting.relationship_id, "meetings"),
        title=gettext("Edit meeting with {name}").format(
            name=meeting.relationship.other_name(person)
        ),
        submit=gettext("Save meeting"),
    )


@object_page(meeting_get_for, methods=BUTTON)
def meeting_mark(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    """The one-button "held" / "cancelled" on the relationship page."""
    status = request.POST.get("status", "")
    if status not in (Meeting.Status.HELD, Meeting.Status.CANCELLED, Meeting.Status.PLANNED):
        messages.error(request, gettext("Choose held, cancelled or planned."))
    else:
        try:
            meeting_set_status(actor=person, meeting=meeting, status=status)
        except TribeError as exc:
            # A one-button form has no field to show the error on.
            messages.error(request, gettext("Not changed: {reason}.").format(reason=exc.message))
        else:
            messages.success(
                request,
                gettext("Meeting marked {status}.").format(status=in_sentence(meeting, "status")),
            )
    return redirect(back_to(meeting.relationship_id, "meetings"))


@object_page(meeting_get_for)
def meeting_remove(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: meeting_delete(actor=person, meeting=meeting),
        done=gettext("Meeting deleted."),
        back=back_to(meeting.relationship_id, "meetings"),
        title=gettext("Delete meeting"),
        question=gettext(
            "Delete this meeting and the notes written about it? "
            "To keep a record, mark it cancelled instead."
        ),
    )


# -- notes --------------------------------------------------------------------


@object_page(relationship_get_for)
def note_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    meetings = relationship_timeline(person=person, relationship=relationship).meetings
    return save_or_show(
        request,
        NoteForm(request.POST or None, meetings=meetings),
        note_create,
        lambda data: {"author": person, "relationship": relationship, **data},
        done=gettext("Note added."),
        back=back_to(relationship.pk, "notes"),
        title=gettext("New note: {name}").format(name=relationship.other_name(person)),
        submit=gettext("Add note"),
        intro=gettext(
            "A private note is yours alone. A shared note is also read by the other person."
        ),
    )


@object_page(note_get_for_author)
def note_edit(request: HttpRequest, person: Person, note: Note) -> HttpResponse:
    return save_or_show(
        request,
        NoteEditForm(
            request.POST or None, initial={"body": note.body, "visibility": note.visibility}
        ),
        note_update,
        lambda data: {"author": person, "note": note, **data},
        done=gettext("Note saved."),
        back=back_to(note.relationship_id, "notes"),
        title=gettext("Edit note"),
        submit=gettext("Save note"),
    )


@object_page(note_get_for_author)
def note_remove(request: HttpRequest, person: Person, note: Note) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: note_delete(author=person, note=note),
        done=gettext("Note deleted."),
        back=back_to(note.relationship_id, "notes"),
        title=gettext("Delete note"),
        question=gettext("Delete this note? It cannot be brought back."),
    )


# -- action items -------------------------------------------------------------


@object_page(relationship_get_for)
def action_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    return save_or_show(
        request,
        ActionItemForm(request.POST or None, relationship=relationship),
        action_item_create,
        lambda data: {"actor": person, "relationship": relationship, **data},
        done=lambda item: gettext("Action item “{title}” added.").format(title=item.title),
        back=back_to(relationship.pk, "actions"),
        title=gettext("New action item: {name}").format(name=relationship.other_name(person)),
        submit=gettext("Add action item"),
    )


@object_page(action_item_get_for)
def action_edit(request: HttpRequest, person: Person, item: ActionItem) -> HttpResponse:
    return save_or_show(
        request,
        ActionItemForm(
            request.POST or None,
            initial=ActionItemForm.initial_for(item),
            relationship=item.relationship,
        ),
        action_item_update,
        lambda data: {"actor": person, "item": item, **data},
        done=gettext("Action item saved."),
        back=back_to(item.relationship_id, "actions"),
        title=gettext("Edit action item"),
        submit=gettext("Save action item"),
    )


@object_page(action_item_get_for, methods=BUTTON)
def action_done(request: HttpRequest, person: Person, item: ActionItem) -> HttpResponse:
    done = request.POST.get("done") == "1"
    action_item_set_done(actor=person, item=item, done=done)
    marked = gettext("“{title}” marked done.") if done else gettext("“{title}” marked not done.")
    messages.success(request, marked.format(title=item.title))
    return redirect(back_to(item.relationship_id, "actions"))


@object_page(action_item_get_for)
def action_remove(request: HttpRequest, person: Person, item: ActionItem) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: action_item_delete(actor=person, item=item),
        done=gettext("Action item “{title}” deleted.").format(title=item.title),
        back=back_to(item.relationship_id, "actions"),
        title=gettext("Delete action item"),
        question=gettext("Delete the action item “{title}”?").format(title=item.title),
    )
