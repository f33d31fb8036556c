"""The learning journal: my entries and the form to write one, an entry's page, the
"am I learning?" check-in, and how often to be asked.

An entry is read through ``entry_get_for`` (its author, or the other person of
its relationship once shared) and changed only through ``entry_get_for_author``:
anyone else gets a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from tribe.core import clock
from tribe.core.errors import NotFound, TribeError
from tribe.journal.models import JournalEntry
from tribe.journal.selectors import (
    cadence_of,
    checkin,
    entries_for,
    entry_get_for,
    entry_get_for_author,
    journal_due,
    linkable_meetings,
    meetings_awaiting_reflection,
)
from tribe.journal.services import (
    cadence_set,
    entry_create,
    entry_delete,
    entry_share,
    entry_unshare,
    entry_update,
)
from tribe.ledger.selectors import advice_of
from tribe.people.models import Person
from tribe.people.selectors import goals_of
from tribe.relationships.selectors import relationships_for
from tribe.web.forms.base import ObjectChoiceField
from tribe.web.forms.journal import CadenceForm, JournalEntryForm
from tribe.web.views.common import (
    BUTTON,
    confirm_page,
    handle_form,
    local_today,
    me,
    object_page,
    person_page,
    save_or_show,
)

#: Entries a page of the journal shows, newest first.
PAGE_SIZE = 25


def _entry_url(entry: JournalEntry) -> str:
    return reverse("web:journal_entry", args=[entry.pk])


def _entry_form(
    request: HttpRequest,
    person: Person,
    now: dt.datetime,
    *,
    entry: JournalEntry | None = None,
    initial: dict[str, Any] | None = None,
) -> JournalEntryForm:
    """The write (or edit) form, offering only the person's own things to link."""
    meetings = list(linkable_meetings(person=person, now=now))
    if entry is not None and entry.meeting is not None and entry.meeting not in meetings:
        meetings.append(entry.meeting)  # an older meeting it is already about stays on offer
    return JournalEntryForm(
        request.POST or None,
        initial=initial,
        person=person,
        relationships=list(relationships_for(person=person)),
        meetings=meetings,
        goals=list(goals_of(person=person)),
        advice=list(advice_of(person=person)),
        with_share=entry is None,
    )


def _meeting_asked_for(request: HttpRequest, form: JournalEntryForm) -> int | None:
    """``?meeting=ID`` from "reflect on this meeting", if it is one on offer."""
    wanted = request.GET.get("meeting", "")
    field = form.fields["meeting"]
    assert isinstance(field, ObjectChoiceField)
    return int(wanted) if wanted.isdigit() and int(wanted) in field.objects else None


def _entries_page(person: Person, number: str | None) -> dict[str, Any]:
    page = Paginator(entries_for(author=person), PAGE_SIZE).get_page(number)
    return {
        "page": page,
        "entries": [
            (e, e.relationship.other_name(person) if e.relationship is not None else "")
            for e in page.object_list
        ],
    }


@person_page
@require_http_methods(["GET", "POST"])
def journal(request: HttpRequest) -> HttpResponse:
    """A page of my entries (``?page=N``, newest first; a page out of range shows the
    nearest one, as Django's ``get_page`` does). The write form, the meetings to
    reflect on and the rhythm are on the first page only; a POST is always the first."""
    person = me(request)
    if request.method == "GET":
        context = _entries_page(person, request.GET.get("page"))
        if context["page"].number > 1:
            return render(request, "web/journal/list.html", context)
    now = clock.now()
    today = local_today(person, now)
    awaiting = list(meetings_awaiting_reflection(person=person, now=now))
    initial: dict[str, Any] = {"written_on": today}
    form = _entry_form(request, person, now, initial=initial)
    chosen = _meeting_asked_for(request, form)
    if chosen is not None:
        form.initial["meeting"] = chosen
    saved = handle_form(
        request,
        form,
        entry_create,
        lambda data: {"author": person, "today": today, **data},
        done=lambda entry: (
            gettext("Entry saved. It is shared.")
            if entry.shared
            else gettext("Entry saved. It is private: only you can read it.")
        ),
        then=_entry_url,
    )
    if saved is not None:
        return saved
    if request.method == "POST":
        context = _entries_page(person, None)
    return render(
        request,
        "web/journal/list.html",
        context
        | {
            "form": form,
            "awaiting": [(m, m.relationship.other_name(person)) for m in awaiting],
            "due": journal_due(person=person, today=today),
            "cadence_form": CadenceForm(initial={"cadence": cadence_of(person=person)}),
        },
    )


@object_page(entry_get_for, methods=("GET",))
def journal_entry(request: HttpRequest, person: Person, entry: JournalEntry) -> HttpResponse:
    mine = entry.author_id == person.pk
    relationship = entry.relationship
    return render(
        request,
        "web/journal/entry.html",
        {
            "entry": entry,
            "mine": mine,
            # The person who may read it once shared (or who shared it with me).
            "other": relationship.other_name(person) if relationship is not None else "",
        },
    )


@object_page(entry_get_for_author)
def journal_edit(request: HttpRequest, person: Person, entry: JournalEntry) -> HttpResponse:
    now = clock.now()
    today = local_today(person, now)
    form = _entry_form(
        request, person, now, entry=entry, initial=JournalEntryForm.initial_for(entry)
    )
    return save_or_show(
        request,
        form,
        entry_update,
        lambda data: {"actor": person, "entry": entry, "today": today, **data},
        done=gettext("Entry saved."),
        back=_entry_url(entry),
        title=gettext("Edit journal entry"),
        submit=gettext("Save entry"),
    )


@object_page(entry_get_for_author)
def journal_delete(request: HttpRequest, person: Person, entry: JournalEntry) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: entry_delete(actor=person, entry=entry),
        done=gettext("Entry deleted."),
        back=_entry_url(entry),
        then=reverse("web:journal"),
        title=gettext("Delete journal entry"),
        question=gettext("Delete your journal entry of {date}? This cannot be undone.").format(
            date=date_format(entry.written_on, "DATE_FORMAT")
        ),
    )


@object_page(entry_get_for_author, methods=BUTTON)
def journal_share(request: HttpRequest, person: Person, entry: JournalEntry) -> HttpResponse:
    share = request.POST.get("shared") == "1"
    try:
        if share:
            entry_share(actor=person, entry=entry)
        else:
            entry_unshare(actor=person, entry=entry)
    except NotFound:
        raise
    except TribeError as exc:
        messages.error(request, exc.message)
        return redirect(_entry_url(entry))
    other = entry.relationship.other_name(person) if entry.relationship is not None else ""
    messages.success(
        request,
        gettext("Shared: {name} can read it too.").format(name=other)
        if share
        else gettext("Private again: only you can read it."),
    )
    return redirect(_entry_url(entry))


@person_page
def journal_checkin(request: HttpRequest) -> HttpResponse:
    person = me(request)
    result = checkin(person=person, today=local_today(person, clock.now()))
    return render(request, "web/journal/checkin.html", {"checkin": result})


@person_page
@require_http_methods(["GET", "POST"])
def journal_cadence(request: HttpRequest) -> HttpResponse:
    person = me(request)
    return save_or_show(
        request,
        CadenceForm(request.POST or None, initial={"cadence": cadence_of(person=person)}),
        cadence_set,
        lambda data: {"person": person, **data},
        done=gettext("Saved: your journal rhythm is changed."),
        back=reverse("web:journal"),
        title=gettext("How often to reflect"),
        submit=gettext("Save"),
    )
