"""Proposing times from both people's availability and zones; recurring series."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.web.conftest import SOON, errors_of, today_of
from tribe.meetings.errors import MeetingCode
from tribe.meetings.models import Meeting, MeetingSeries
from tribe.meetings.recurrence import MAX_OCCURRENCES
from tribe.people.models import Contact, Person
from tribe.people.services import WindowInput, availability_replace
from tribe.relationships.models import Relationship
from tribe.relationships.services import relationship_create

pytestmark = pytest.mark.django_db

WEEKDAYS = range(7)


def _windows(person: Person, starts: int, ends: int, days: Sequence[int] = WEEKDAYS) -> None:
    availability_replace(
        person=person,
        windows=[WindowInput(day, dt.time(starts), dt.time(ends)) for day in days],
    )


def _pick_buttons(page: str) -> list[str]:
    return [
        chunk.split('"', 1)[0]
        for chunk in page.split('<input type="hidden" name="starts_at" value="')[1:]
    ]


def test_overlapping_windows_give_times_in_both_zones_and_picking_one_plans_it(
    alice_client: Client, web_alice: Person, web_bob: Person, web_relationship: Relationship
) -> None:
    _windows(web_alice, 9, 18)  # Paris: 09:00 to 18:00
    _windows(web_bob, 9, 17)  # New York: 09:00 to 17:00, 15:00 to 23:00 in Paris
    url = reverse("web:schedule", args=[web_relationship.pk])
    response = alice_client.get(url)
    page = response.content.decode()
    slots = response.context["found"]["slots"]
    assert 1 <= len(slots) <= 3 and "No common time" not in page
    for slot in slots:
        paris = slot.starts_at.astimezone(ZoneInfo("Europe/Paris"))
        new_york = slot.starts_at.astimezone(ZoneInfo("America/New_York"))
        assert 15 <= paris.hour < 18 and 9 <= new_york.hour < 17
        assert f"{paris:%H:%M}" in page and f"{new_york:%H:%M}" in page
    first = _pick_buttons(page)[0]
    response = alice_client.post(url, {"starts_at": first})
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("web:meeting", args=[meeting.pk])
    assert meeting.starts_at == dt.datetime.fromisoformat(first)
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(minutes=45)  # no length agreed
    assert meeting.timezone == "Europe/Paris"


def test_agreed_length_and_next_contact_due_set_the_search(
    alice_client: Client, web_alice: Person, web_bob: Person, web_relationship: Relationship
) -> None:
    _windows(web_alice, 9, 18)
    _windows(web_bob, 9, 17)
    web_relationship.meeting_minutes = 90
    web_relationship.cadence_days = 14
    web_relationship.starts_on = today_of(web_alice) - dt.timedelta(days=4)  # due in 10 days
    web_relationship.save()
    found = alice_client.get(reverse("web:schedule", args=[web_relationship.pk])).context["found"]
    due = today_of(web_alice) + dt.timedelta(days=10)
    assert found["minutes"] == 90
    assert all(
        s.starts_at.astimezone(ZoneInfo("Europe/Paris")).date() >= due for s in found["slots"]
    )
    assert all(s.ends_at - s.starts_at == dt.timedelta(minutes=90) for s in found["slots"])


def test_windows_that_never_meet_are_explained_with_pickable_alternatives(
    alice_client: Client, web_alice: Person, web_bob: Person, web_relationship: Relationship
) -> None:
    _windows(web_alice, 8, 10)  # Paris mornings
    _windows(web_bob, 8, 10)  # New York mornings: 14:00 to 16:00 in Paris
    url = reverse("web:schedule", args=[web_relationship.pk])
    response = alice_client.get(url)
    page = response.content.decode()
    assert "No common time" in page
    assert "Alice Mentee and Bob Mentor have no common time of at least 45 minutes" in page
    alternatives = response.context["alternatives"]
    assert alternatives and "outside" in alternatives[0]["slot"].note
    assert escape(alternatives[0]["slot"].note) in page
    picked = _pick_buttons(page)[0]
    assert alice_client.post(url, {"starts_at": picked}).status_code == 302
    assert Meeting.objects.get().starts_at == dt.datetime.fromisoformat(picked)


def test_a_contact_without_windows_does_not_constrain(
    alice_client: Client, web_alice: Person
) -> None:
    from tribe.people.services import ContactInput, contact_create

    contact = contact_create(
        owner=web_alice, data=ContactInput(name="Dana Contact", timezone="Asia/Tokyo")
    )
    relationship = relationship_create(
        created_by=web_alice, my_role="mentee", other_contact=contact, status="active"
    )
    _windows(web_alice, 9, 11)
    response = alice_client.get(reverse("web:schedule", args=[relationship.pk]))
    page = response.content.decode()
    assert response.context["found"]["slots"]
    assert "Dana Contact" in page and "Asia/Tokyo" in page
    assert "Only the availability of Alice Mentee is on record" in page
    assert isinstance(relationship.mentor_contact, Contact)


def test_without_any_availability_the_page_says_what_to_do(
    alice_client: Client, web_relationship: Relationship
) -> None:
    page = alice_client.get(reverse("web:schedule", args=[web_relationship.pk])).content.decode()
    assert MeetingCode.NO_WINDOWS.template.capitalize() in page
    assert reverse("web:availability") in page


@pytest.mark.parametrize("value", ["", "tomorrow", "2030-01-01T10:00"])
def test_a_malformed_pick_writes_nothing(
    alice_client: Client, web_relationship: Relationship, value: str
) -> None:
    response = alice_client.post(
        reverse("web:schedule", args=[web_relationship.pk]), {"starts_at": value}
    )
    assert response.status_code == 200 and "starts_at" in errors_of(response)
    assert not Meeting.objects.exists()


# -- series ------------------------------------------------------------------------


def _series_data(**changes: str) -> dict[str, str]:
    data = {
        "title": "Fortnightly",
        "first_date": f"{SOON.date() + dt.timedelta(days=1):%Y-%m-%d}",
        "start_time": "09:00",
        "duration_minutes": "45",
        "timezone": "Europe/London",
        "repeat": "biweekly",
        "count": "5",
        "rrule": "",
        "location": "",
    }
    return data | changes


def test_series_from_a_simple_repeat_keeps_local_time_across_dst(
    alice_client: Client, web_relationship: Relationship
) -> None:
    page = alice_client.get(reverse("web:series_new", args=[web_relationship.pk])).content.decode()
    assert '<option value="Europe/Paris" selected>' in page  # my zone by default
    response = alice_client.post(
        reverse("web:series_new", args=[web_relationship.pk]), _series_data(count="12")
    )
    assert response.status_code == 302
    series = MeetingSeries.objects.get()
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2;COUNT=12"
    starts = [m.starts_at.astimezone(ZoneInfo("Europe/London")) for m in series.occurrences.all()]
    assert len(starts) == 12 and {(s.hour, s.minute) for s in starts} == {(9, 0)}
    assert {s.utcoffset() for s in starts} == {dt.timedelta(0), dt.timedelta(hours=1)}


def test_series_from_an_advanced_rule(alice_client: Client, web_relationship: Relationship) -> None:
    response = alice_client.post(
        reverse("web:series_new", args=[web_relationship.pk]),
        _series_data(rrule="RRULE:FREQ=MONTHLY;COUNT=3", count=""),
    )
    assert response.status_code == 302
    assert Meeting.objects.count() == 3


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"rrule": "FREQ=SOMETIMES;COUNT=2"}, "rrule", None),
        ({"rrule": "every tuesday"}, "rrule", None),
        (
            {"rrule": "FREQ=WEEKLY"},
            "rrule",
            MeetingCode.UNBOUNDED.template.format(limit=MAX_OCCURRENCES),
        ),
        ({"rrule": "FREQ=HOURLY;COUNT=3"}, "rrule", None),
        ({"count": str(MAX_OCCURRENCES + 1)}, "count", None),
        ({"count": ""}, "count", None),
        ({"first_date": "2020-01-06"}, "first_date", None),  # planned in the past
        ({"duration_minutes": "1000"}, "duration_minutes", None),
        ({"timezone": "Mars/Olympus"}, "timezone", None),
        ({"repeat": "hourly"}, "repeat", None),
    ],
)
def test_series_bad_input_writes_nothing(
    alice_client: Client,
    web_relationship: Relationship,
    changes: dict[str, str],
    field: str,
    message: str | None,
) -> None:
    response = alice_client.post(
        reverse("web:series_new", args=[web_relationship.pk]), _series_data(**changes)
    )
    assert response.status_code == 200
    errors = errors_of(response)
    assert field in errors, errors
    if message:
        assert errors[field] == [message]
    assert not MeetingSeries.objects.exists() and not Meeting.objects.exists()


def test_series_invitation_and_cancel(
    bob_client: Client, web_series: MeetingSeries, web_relationship: Relationship
) -> None:
    invite = bob_client.get(reverse("web:series_invite", args=[web_series.pk]))
    calendar = icalendar.Calendar.from_ical(invite.content)
    assert calendar["METHOD"] == "REQUEST"
    assert "COUNT=4" in calendar.walk("VEVENT")[0]["RRULE"].to_ical().decode()
    page = bob_client.get(reverse("web:relationship", args=[web_relationship.pk])).content.decode()
    assert reverse("web:series_cancel", args=[web_series.pk]) in page
    assert bob_client.post(reverse("web:series_cancel", args=[web_series.pk])).status_code == 302
    assert set(web_series.occurrences.values_list("status", flat=True)) == {"cancelled"}
    cancel = bob_client.get(reverse("web:series_invite", args=[web_series.pk]))
    assert icalendar.Calendar.from_ical(cancel.content)["METHOD"] == "CANCEL"
