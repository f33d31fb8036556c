"""Scheduling: proposed times from both people's availability, and recurring series."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from tribe.core import clock
from tribe.core.errors import ValidationError
from tribe.core.zones import zone
from tribe.ledger.selectors import RelationshipHealth, relationship_get_with_health
from tribe.meetings.calendar import series_ics
from tribe.meetings.models import MeetingSeries
from tribe.meetings.recurrence import repeat_for_cadence
from tribe.meetings.scheduling import NoCommonTime, Slot, propose_slots
from tribe.meetings.selectors import scheduling_parties, series_get_for
from tribe.meetings.services import meeting_create, series_cancel, series_create
from tribe.people.models import Person
from tribe.web.forms.schedule import SeriesForm, SlotForm
from tribe.web.views.calendar import ics_response
from tribe.web.views.common import (
    back_to,
    confirm_page,
    handle_form,
    local_today,
    me,
    object_page,
    person_page,
    save_or_show,
)

DEFAULT_MINUTES = 45


def _with_health(person: Person, relationship_id: int, now: dt.datetime) -> RelationshipHealth:
    """One of my relationships with its health: when the next contact is due."""
    return relationship_get_with_health(person=person, relationship_id=relationship_id, now=now)


def _earliest(row: RelationshipHealth, person: Person, now: dt.datetime) -> dt.datetime:
    """From the day the next contact is due (start of that day, in my zone), never the past."""
    due = row.health.next_contact_due
    if due is None:
        return now
    return max(now, dt.datetime.combine(due, dt.time(0), tzinfo=zone(person.timezone)))


def _proposals(person: Person, row: RelationshipHealth, now: dt.datetime) -> dict[str, Any]:
    relationship = row.relationship
    minutes = relationship.meeting_minutes or DEFAULT_MINUTES
    parties = scheduling_parties(person=person, relationship=relationship)
    earliest = _earliest(row, person, now)
    found: dict[str, Any] = {
        "minutes": minutes,
        "earliest": earliest,
        "parties": parties,
        "slots": [],
        "alternatives": [],
        "problem": "",
        # Whose weekly availability actually constrains the times.
        "constraining": [p.name for p in parties if p.windows],
    }
    try:
        found["slots"] = propose_slots(parties=parties, earliest=earliest, minutes=minutes)
    except NoCommonTime as exc:
        found["problem"] = exc.reason
        found["alternatives"] = exc.alternatives
    except ValidationError as exc:
        found["problem"] = exc.message
    return found


def _rows(slots: list[Slot]) -> list[dict[str, Any]]:
    return [
        {"slot": s, "value": s.starts_at.astimezone(dt.UTC).isoformat(), "local": s.local}
        for s in slots
    ]


@person_page
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """Proposed times; picking one (a POST with its start) plans the meeting."""
    person, now = me(request), clock.now()
    row = _with_health(person, relationship_id, now)
    relationship = row.relationship
    found = _proposals(person, row, now)
    form = SlotForm(request.POST or None)
    planned = handle_form(
        request,
        form,
        meeting_create,
        lambda data: {
            "actor": person,
            "relationship": relationship,
            "starts_at": data["starts_at"],
            "ends_at": data["starts_at"] + dt.timedelta(minutes=found["minutes"]),
            "title": data["title"],
            "timezone": person.timezone,
            "now": now,
        },
        done=gettext("Meeting planned. Tribe e-mails you both an invitation for your calendars."),
        then=lambda meeting: reverse("web:meeting", args=[meeting.pk]),
    )
    if planned is not None:
        return planned
    return render(
        request,
        "web/keep/schedule.html",
        {
            "relationship": relationship,
            "other": relationship.other_name(person),
            "health": row.health,
            "found": found,
            "slots": _rows(found["slots"]),
            "alternatives": _rows(found["alternatives"]),
            "form": form,
        },
    )


@person_page
@require_http_methods(["GET", "POST"])
def series_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person, now = me(request), clock.now()
    row = _with_health(person, relationship_id, now)
    relationship = row.relationship
    form = SeriesForm(
        request.POST or None,
        initial={
            "timezone": person.timezone,
            "duration_minutes": relationship.meeting_minutes or DEFAULT_MINUTES,
            # The next contact due, unless that has passed already.
            "first_date": max(
                row.health.next_contact_due or dt.date.min,
                local_today(person, now) + dt.timedelta(days=1),
            ),
            "repeat": repeat_for_cadence(relationship.cadence_days),
        },
    )
    return save_or_show(
        request,
        form,
        series_create,
        lambda data: {
            "actor": person,
            "relationship": relationship,
            "first_date": data["first_date"],
            "start_time": data["start_time"],
            "duration_minutes": data["duration_minutes"],
            "rrule": data["rule"],
            "timezone": data["timezone"],
            "title": data["title"],
            "location": data["location"],
        },
        # A rule built from "repeat" and "count" can only fail on its count.
        aliases=lambda data: None if data["rrule"] else {"rrule": "count"},
        done=_series_planned,
        back=back_to(relationship.pk, "meetings"),
        title=gettext("New series of meetings with {name}").format(
            name=relationship.other_name(person)
        ),
        submit=gettext("Plan the series"),
        intro=gettext(
            "A recurring meeting at the same local time. It must end: at most two years "
            "of weekly meetings."
        ),
    )


def _series_planned(series: MeetingSeries) -> str:
    count = series.occurrences.count()
    return ngettext(
        "Series planned: {count} meeting.", "Series planned: {count} meetings.", count
    ).format(count=count)


@object_page(series_get_for)
def series_remove(request: HttpRequest, person: Person, series: MeetingSeries) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: series_cancel(actor=person, series=series),
        done=gettext("The rest of the series is cancelled; past meetings are kept."),
        back=back_to(series.relationship_id, "meetings"),
        title=gettext("Cancel series"),
        question=gettext(
            "Cancel every upcoming meeting of “{series}”? Meetings already held are kept. "
            "Then download the cancellation to update the other person's calendar."
        ).format(series=series),
        submit=gettext("Cancel the series"),
    )


@object_page(series_get_for, methods=None)
def series_invite(request: HttpRequest, person: Person, series: MeetingSeries) -> HttpResponse:
    method = "CANCEL" if series.cancelled_at else "REQUEST"
    return ics_response(
        series_ics(person=person, series=series, method=method, now=clock.now()),
        filename=f"tribe-series-{series.pk}.ics",
        method=method,
    )
