"""One meeting's page: when, the agenda (editable, printable), the follow-up
after it, its notes and action items, and its calendar invitation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core.zones import local
from tribe.journal.selectors import learned_for_agenda
from tribe.ledger.mail import follow_up_send_by_email
from tribe.ledger.prep import agenda_for, follow_up_draft
from tribe.meetings.calendar import meeting_ics
from tribe.meetings.models import Meeting
from tribe.meetings.selectors import meeting_get_for, relationship_timeline
from tribe.meetings.services import meeting_record_follow_up, meeting_set_agenda
from tribe.people.models import Person
from tribe.web.forms.prep import AgendaForm, FollowUpEmailForm, FollowUpForm
from tribe.web.views.calendar import ics_response
from tribe.web.views.common import BUTTON, handle_form, mailto, object_page, save_or_show


def other_side(meeting: Meeting, person: Person) -> Any:
    """The other person or contact of the meeting's relationship."""
    r = meeting.relationship
    if r.role_of(person) == "mentee":
        return r.mentor or r.mentor_contact
    return r.mentee or r.mentee_contact


def _meeting_context(meeting: Meeting, person: Person, now: dt.datetime) -> dict[str, Any]:
    other = other_side(meeting, person)
    other_zone = getattr(other, "timezone", "") or ""
    happened = meeting.starts_at <= now and meeting.status != Meeting.Status.CANCELLED
    agenda = agenda_for(
        person=person,
        meeting=meeting,
        now=now,
        learned=learned_for_agenda(meeting=meeting, now=now),
    )
    timeline = relationship_timeline(person=person, relationship=meeting.relationship)
    context: dict[str, Any] = {
        "meeting": meeting,
        "relationship": meeting.relationship,
        "other": meeting.relationship.other_name(person),
        "mine": local(meeting.starts_at, person.timezone),
        "mine_end": local(meeting.ends_at, person.timezone),
        "other_zone": other_zone,
        "theirs": local(meeting.starts_at, other_zone) if other_zone else None,
        "agenda": agenda.markdown(zone_name=person.timezone),
        "agenda_edited": bool(agenda.edited),
        "notes": timeline.notes_for(meeting),
        "action_items": [a for a in timeline.action_items if a.meeting_id == meeting.pk],
        "happened": happened,
        "draft": "",
        "mailto": "",
        "follow_up_form": FollowUpForm(),
    }
    if happened:
        draft = follow_up_draft(person=person, meeting=meeting, now=now)
        context["draft"] = draft
        email = getattr(other, "email", "")
        if email:
            subject = gettext("Thank you — {meeting}").format(
                meeting=meeting.title or gettext("our meeting")
            )
            context["mailto"] = mailto(email, subject, draft)
    return context


@object_page(meeting_get_for, methods=None)
def meeting_detail(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    return render(request, "web/keep/meeting.html", _meeting_context(meeting, person, clock.now()))


@object_page(meeting_get_for, methods=None)
def meeting_print(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    now = clock.now()
    learned = learned_for_agenda(meeting=meeting, now=now)
    agenda = agenda_for(person=person, meeting=meeting, now=now, learned=learned)
    return render(
        request,
        "web/keep/meeting_print.html",
        {
            "meeting": meeting,
            "other": meeting.relationship.other_name(person),
            "agenda": agenda.markdown(zone_name=person.timezone),
        },
    )


@object_page(meeting_get_for)
def agenda_edit(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    initial: dict[str, Any] = {}
    if request.method == "GET":
        now = clock.now()
        learned = learned_for_agenda(meeting=meeting, now=now)
        built = agenda_for(person=person, meeting=meeting, now=now, learned=learned)
        initial["agenda"] = built.markdown(zone_name=person.timezone)
    return save_or_show(
        request,
        AgendaForm(request.POST or None, initial=initial),
        meeting_set_agenda,
        lambda data: {"actor": person, "meeting": meeting, **data},
        done=gettext("Agenda saved."),
        back=reverse("web:meeting", args=[meeting.pk]) + "#agenda",
        title=gettext("Edit the agenda"),
        submit=gettext("Save agenda"),
        intro=gettext("Both of you see this agenda. Private notes never appear in it."),
    )


@object_page(meeting_get_for, methods=BUTTON)
def follow_up_sent(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    now = clock.now()
    form = FollowUpForm(request.POST)
    recorded = handle_form(
        request,
        form,
        meeting_record_follow_up,
        lambda _: {"actor": person, "meeting": meeting, "now": now},
        done=gettext("Follow-up recorded as sent."),
        then=reverse("web:meeting", args=[meeting.pk]) + "#follow-up",
    )
    if recorded is not None:
        return recorded
    context = _meeting_context(meeting, person, now)
    context["follow_up_form"] = context["form"] = form
    return render(request, "web/keep/meeting.html", context)


@object_page(meeting_get_for, methods=BUTTON)
def follow_up_email(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    """Tribe sends the follow-up as the page showed it, and records it as sent."""
    now = clock.now()
    form = FollowUpEmailForm(request.POST)
    sent = handle_form(
        request,
        form,
        follow_up_send_by_email,
        lambda data: {"actor": person, "meeting": meeting, "body": data["body"], "now": now},
        done=gettext("Follow-up queued by e-mail and recorded as sent."),
        then=reverse("web:meeting", args=[meeting.pk]) + "#follow-up",
    )
    if sent is not None:
        return sent
    context = _meeting_context(meeting, person, now)
    context["follow_up_form"] = form  # its errors show above the follow-up's buttons
    return render(request, "web/keep/meeting.html", context)


@object_page(meeting_get_for, methods=None)
def meeting_invite(request: HttpRequest, person: Person, meeting: Meeting) -> HttpResponse:
    """The .ics invitation: a REQUEST, or a CANCEL once the meeting is cancelled."""
    method = "CANCEL" if meeting.status == Meeting.Status.CANCELLED else "REQUEST"
    suffix = "-cancel" if method == "CANCEL" else ""
    return ics_response(
        meeting_ics(person=person, meeting=meeting, method=method, now=clock.now()),
        filename=f"tribe-meeting-{meeting.pk}{suffix}.ics",
        method=method,
    )
