"""Meetings, notes and action items of one relationship.

Each object is fetched through its ``*_get_for`` selector, so someone outside
the relationship (or, for notes, anyone but the author) gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from tribe.core.errors import TribeError
from tribe.meetings.models import Meeting
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
from tribe.relationships.selectors import relationship_get_for
from tribe.web.forms import (
    FAILED,
    ActionItemForm,
    MeetingForm,
    NoteEditForm,
    NoteForm,
    run_service,
)
from tribe.web.views.common import (
    back_to,
    confirm_page,
    form_page,
    me,
    person_page,
    save_or_show,
)

# -- meetings -----------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
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
        done="Meeting added.",
        back=back_to(relationship.pk, "meetings"),
        title=f"New meeting with {relationship.other_name(person)}",
        submit="Add meeting",
    )


@person_page
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    person = me(request)
    meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    form = MeetingForm(
        request.POST or None, initial=MeetingForm.initial_for(meeting), zone_name=person.timezone
    )
    return save_or_show(
        request,
        form,
        meeting_update,
        lambda data: {"actor": person, "meeting": meeting, "timezone": person.timezone, **data},
        done="Meeting saved.",
        back=back_to(meeting.relationship_id, "meetings"),
        title=f"Edit meeting with {meeting.relationship.other_name(person)}",
        submit="Save meeting",
    )


@person_page
@require_POST
def meeting_mark(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The one-button "held" / "cancelled" on the relationship page."""
    person = me(request)
    meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    status = request.POST.get("status", "")
    if status not in (Meeting.Status.HELD, Meeting.Status.CANCELLED, Meeting.Status.PLANNED):
        messages.error(request, "Choose held, cancelled or planned.")
    else:
        try:
            meeting_set_status(actor=person, meeting=meeting, status=status)
        except TribeError as exc:
            # A one-button form has no field to show the error on.
            messages.error(request, f"Not changed: {exc.message}.")
        else:
            messages.success(request, f"Meeting marked {meeting.get_status_display().lower()}.")
    return redirect(back_to(meeting.relationship_id, "meetings"))


@person_page
@require_http_methods(["GET", "POST"])
def meeting_remove(request: HttpRequest, meeting_id: int) -> HttpResponse:
    person = me(request)
    meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    back = back_to(meeting.relationship_id, "meetings")
    return confirm_page(
        request,
        act=lambda: meeting_delete(actor=person, meeting=meeting),
        done="Meeting deleted.",
        then=back,
        title="Delete meeting",
        question="Delete this meeting and the notes written about it? "
        "To keep a record, mark it cancelled instead.",
        submit="Delete meeting",
        cancel_url=back,
    )


# -- notes --------------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def note_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    meetings = relationship_timeline(person=person, relationship=relationship).meetings
    form = NoteForm(request.POST or None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        note = run_service(
            form, note_create, author=person, relationship=relationship, **form.cleaned_data
        )
        if note is not FAILED:
            messages.success(request, "Note added.")
            return redirect(back_to(relationship.pk, "notes"))
    return form_page(
        request,
        title=f"New note: {relationship.other_name(person)}",
        form=form,
        submit="Add note",
        cancel_url=back_to(relationship.pk, "notes"),
        intro="A private note is yours alone. A shared note is also read by the other person.",
    )


@person_page
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, note_id: int) -> HttpResponse:
    person = me(request)
    note = note_get_for_author(person=person, note_id=note_id)
    form = NoteEditForm(
        request.POST or None, initial={"body": note.body, "visibility": note.visibility}
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, note_update, author=person, note=note, **form.cleaned_data)
        if saved is not FAILED:
            messages.success(request, "Note saved.")
            return redirect(back_to(note.relationship_id, "notes"))
    return form_page(
        request,
        title="Edit note",
        form=form,
        submit="Save note",
        cancel_url=back_to(note.relationship_id, "notes"),
    )


@person_page
@require_http_methods(["GET", "POST"])
def note_remove(request: HttpRequest, note_id: int) -> HttpResponse:
    person = me(request)
    note = note_get_for_author(person=person, note_id=note_id)
    back = back_to(note.relationship_id, "notes")
    return confirm_page(
        request,
        act=lambda: note_delete(author=person, note=note),
        done="Note deleted.",
        then=back,
        title="Delete note",
        question="Delete this note? It cannot be brought back.",
        submit="Delete note",
        cancel_url=back,
    )


# -- action items -------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = run_service(
            form, action_item_create, actor=person, relationship=relationship, **form.cleaned_data
        )
        if item is not FAILED:
            messages.success(request, f"Action item “{item.title}” added.")
            return redirect(back_to(relationship.pk, "actions"))
    return form_page(
        request,
        title=f"New action item: {relationship.other_name(person)}",
        form=form,
        submit="Add action item",
        cancel_url=back_to(relationship.pk, "actions"),
    )


@person_page
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    person = me(request)
    item = action_item_get_for(person=person, item_id=item_id)
    form = ActionItemForm(request.POST or None, initial=ActionItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, action_item_update, actor=person, item=item, **form.cleaned_data)
        if saved is not FAILED:
            messages.success(request, "Action item saved.")
            return redirect(back_to(item.relationship_id, "actions"))
    return form_page(
        request,
        title="Edit action item",
        form=form,
        submit="Save action item",
        cancel_url=back_to(item.relationship_id, "actions"),
    )


@person_page
@require_POST
def action_done(request: HttpRequest, item_id: int) -> HttpResponse:
    person = me(request)
    item = action_item_get_for(person=person, item_id=item_id)
    done = request.POST.get("done") == "1"
    action_item_set_done(actor=person, item=item, done=done)
    messages.success(request, f"“{item.title}” marked {'done' if done else 'not done'}.")
    return redirect(back_to(item.relationship_id, "actions"))


@person_page
@require_http_methods(["GET", "POST"])
def action_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    person = me(request)
    item = action_item_get_for(person=person, item_id=item_id)
    back = back_to(item.relationship_id, "actions")
    return confirm_page(
        request,
        act=lambda: action_item_delete(actor=person, item=item),
        done=f"Action item “{item.title}” deleted.",
        then=back,
        title="Delete action item",
        question=f"Delete the action item “{item.title}”?",
        submit="Delete action item",
        cancel_url=back,
    )
