"""Meetings, notes and action items on a relationship; privacy of notes; Today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import SOON, errors_of
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.meetings.services import action_item_create, meeting_create
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def _local(moment: dt.datetime, zone: ZoneInfo = PARIS) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def test_meeting_times_are_typed_in_the_person_zone_and_stored_in_utc(
    alice_client: Client, web_relationship: Relationship
) -> None:
    starts = SOON.astimezone(PARIS).replace(hour=18)
    response = alice_client.post(
        reverse("web:meeting_new", args=[web_relationship.pk]),
        {
            "title": "Intro",
            "starts_at": _local(starts),
            "ends_at": _local(starts + dt.timedelta(hours=1)),
            "location": "",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == starts  # the same instant...
    assert meeting.timezone == "Europe/Paris"
    page = alice_client.get(
        reverse("web:relationship", args=[web_relationship.pk])
    ).content.decode()
    assert "18:00" in page and "Europe/Paris" in page  # ...shown back in her zone


def test_the_other_side_sees_the_meeting_in_their_own_zone(
    bob_client: Client, web_meeting: Meeting
) -> None:
    page = bob_client.get(reverse("web:relationship", args=[web_meeting.relationship_id]))
    new_york = web_meeting.starts_at.astimezone(ZoneInfo("America/New_York"))
    assert new_york.strftime("%H:%M") in page.content.decode()
    assert "America/New_York" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": ""}, "starts_at"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"ends_at": "BEFORE"}, "ends_at"),  # the service: end after start
        ({"ends_at": "LONG"}, "ends_at"),  # the service: at most 12 hours
        ({"starts_at": "PAST", "ends_at": "PAST_END"}, "starts_at"),  # planned in the past
        ({"status": "postponed"}, "status"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_meeting_bad_input_writes_nothing(
    alice_client: Client, web_relationship: Relationship, changes: dict[str, str], field: str
) -> None:
    values = {
        "BEFORE": _local(SOON - dt.timedelta(hours=1)),
        "LONG": _local(SOON + dt.timedelta(hours=13)),
        "PAST": _local(SOON - dt.timedelta(days=30)),
        "PAST_END": _local(SOON - dt.timedelta(days=30) + dt.timedelta(hours=1)),
    }
    data = {
        "title": "",
        "starts_at": _local(SOON),
        "ends_at": _local(SOON + dt.timedelta(hours=1)),
        "location": "",
        "status": "planned",
    }
    data |= {k: values.get(v, v) for k, v in changes.items()}
    response = alice_client.post(reverse("web:meeting_new", args=[web_relationship.pk]), data)
    assert response.status_code == 200
    assert field in errors_of(response)
    assert not Meeting.objects.exists()


def test_meeting_edit_mark_and_delete(bob_client: Client, web_meeting: Meeting) -> None:
    edit = reverse("web:meeting_edit", args=[web_meeting.pk])
    ny = ZoneInfo("America/New_York")
    page = bob_client.get(edit).content.decode()
    assert f'value="{_local(web_meeting.starts_at, ny)}"' in page  # prefilled in his zone
    new_start = SOON + dt.timedelta(days=1)
    response = bob_client.post(
        edit,
        {
            "title": "Moved",
            "starts_at": _local(new_start, ny),
            "ends_at": _local(new_start + dt.timedelta(hours=1), ny),
            "location": "Café",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    web_meeting.refresh_from_db()
    assert (web_meeting.title, web_meeting.starts_at, web_meeting.sequence) == (
        "Moved",
        new_start,
        1,
    )
    # A meeting that has not happened cannot be marked held; cancelling works.
    mark = reverse("web:meeting_mark", args=[web_meeting.pk])
    bob_client.post(mark, {"status": "held"})
    web_meeting.refresh_from_db()
    assert web_meeting.status == "planned"
    bob_client.post(mark, {"status": "cancelled"})
    web_meeting.refresh_from_db()
    assert web_meeting.status == "cancelled"
    bob_client.post(reverse("web:meeting_delete", args=[web_meeting.pk]))
    assert not Meeting.objects.exists()


def test_notes_add_edit_delete(
    alice_client: Client, web_relationship: Relationship, web_meeting: Meeting
) -> None:
    response = alice_client.post(
        reverse("web:note_new", args=[web_relationship.pk]),
        {"body": "Ask about budgets", "visibility": "shared", "meeting": str(web_meeting.pk)},
    )
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.visibility, note.meeting) == ("shared", web_meeting)
    alice_client.post(
        reverse("web:note_edit", args=[note.pk]), {"body": "Changed", "visibility": "private"}
    )
    note.refresh_from_db()
    assert (note.body, note.visibility) == ("Changed", "private")
    alice_client.post(reverse("web:note_delete", args=[note.pk]))
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"body": "", "visibility": "private"}, "body"),
        ({"body": "   ", "visibility": "private"}, "body"),
        ({"body": "x", "visibility": "public"}, "visibility"),
        ({"body": "x", "visibility": "private", "meeting": "OTHER"}, "meeting"),
    ],
)
def test_note_bad_input_writes_nothing(
    alice_client: Client,
    web_relationship: Relationship,
    web_alice: Person,
    make_person: Callable[..., Person],
    data: dict[str, str],
    field: str,
) -> None:
    other = relationship_agreed(
        created_by=web_alice, my_role="mentee", other_person=make_person(), status="intro"
    )
    elsewhere = meeting_create(
        actor=web_alice, relationship=other, starts_at=SOON, ends_at=SOON + dt.timedelta(hours=1)
    )
    data = {k: str(elsewhere.pk) if v == "OTHER" else v for k, v in data.items()}
    response = alice_client.post(reverse("web:note_new", args=[web_relationship.pk]), data)
    assert field in errors_of(response)
    assert not Note.objects.exists()


def test_note_edit_bad_input_keeps_the_note(alice_client: Client, web_private_note: Note) -> None:
    response = alice_client.post(
        reverse("web:note_edit", args=[web_private_note.pk]), {"body": "", "visibility": "shared"}
    )
    assert "body" in errors_of(response)
    web_private_note.refresh_from_db()
    assert web_private_note.visibility == "private" and web_private_note.body.startswith("PRIVATE")


def test_mentor_sees_shared_notes_but_never_private_ones(
    bob_client: Client,
    alice_client: Client,
    web_private_note: Note,
    web_shared_note: Note,
    web_bob: Person,
) -> None:
    url = reverse("web:relationship", args=[web_private_note.relationship_id])
    alice_page = alice_client.get(url).content.decode()
    assert "PRIVATE: I am nervous" in alice_page and "SHARED: thank you" in alice_page
    bob_client.force_login(web_bob)
    bob_page = bob_client.get(url).content.decode()
    assert "SHARED: thank you" in bob_page
    assert "PRIVATE" not in bob_page and "nervous" not in bob_page
    assert reverse("web:note_edit", args=[web_shared_note.pk]) not in bob_page


def test_outsider_sees_nothing_of_the_relationship(
    eve_client: Client, web_shared_note: Note
) -> None:
    response = eve_client.get(reverse("web:relationship", args=[web_shared_note.relationship_id]))
    assert response.status_code == 404
    assert b"SHARED" not in response.content and b"Alice" not in response.content
    assert b"Bob" not in eve_client.get(reverse("web:relationships")).content


def test_action_items_add_toggle_edit_delete(
    bob_client: Client, web_relationship: Relationship, web_bob: Person
) -> None:
    response = bob_client.post(
        reverse("web:action_new", args=[web_relationship.pk]),
        {"title": "Send the article", "owner": "mentor", "due_on": "2030-01-02"},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.owner, item.due_on, item.created_by) == ("mentor", dt.date(2030, 1, 2), web_bob)
    bob_client.post(reverse("web:action_done", args=[item.pk]), {"done": "1"})
    item.refresh_from_db()
    assert item.is_done
    bob_client.post(reverse("web:action_done", args=[item.pk]), {"done": "0"})
    item.refresh_from_db()
    assert not item.is_done
    bob_client.post(
        reverse("web:action_edit", args=[item.pk]),
        {"title": "Send two articles", "owner": "mentee", "due_on": ""},
    )
    item.refresh_from_db()
    assert (item.title, item.owner, item.due_on) == ("Send two articles", "mentee", None)
    bob_client.post(reverse("web:action_delete", args=[item.pk]))
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "owner": "mentee"}, "title"),
        ({"title": "x" * 301, "owner": "mentee"}, "title"),
        ({"title": "ok", "owner": "both"}, "owner"),
        ({"title": "ok", "owner": "mentee", "due_on": "someday"}, "due_on"),
    ],
)
def test_action_item_bad_input_writes_nothing(
    alice_client: Client, web_action: ActionItem, data: dict[str, str], field: str
) -> None:
    for url in (
        reverse("web:action_new", args=[web_action.relationship_id]),
        reverse("web:action_edit", args=[web_action.pk]),
    ):
        assert field in errors_of(alice_client.post(url, data))
    web_action.refresh_from_db()
    assert web_action.title == "Read the book" and ActionItem.objects.count() == 1


def test_today_lists_what_is_due(
    alice_client: Client, web_meeting: Meeting, web_action: ActionItem
) -> None:
    response = alice_client.get(reverse("web:today"))
    page = response.content.decode()
    assert "Prepare: First chat with Bob Mentor" in page
    assert "Read the book" in page
    assert reverse("web:relationship", args=[web_meeting.relationship_id]) in page
    assert "Europe/Paris" in page


def test_today_runs_a_fixed_number_of_queries(
    alice_client: Client,
    web_alice: Person,
    make_person: Callable[..., Person],
    django_assert_max_num_queries: Any,
) -> None:
    def count_for(rows: int) -> int:
        while Relationship.objects.filter(mentee=web_alice).count() < rows:
            n = Relationship.objects.count()
            mentor = make_person(f"Mentor {n}", open_to_mentoring=True, mentee_capacity=2)
            relationship = relationship_agreed(
                created_by=web_alice, my_role="mentee", other_person=mentor, status="active"
            )
            if n % 2:  # half have a meeting coming, half must be scheduled
                meeting_create(
                    actor=web_alice,
                    relationship=relationship,
                    starts_at=SOON + dt.timedelta(hours=n),
                    ends_at=SOON + dt.timedelta(hours=n, minutes=30),
                )
            action_item_create(actor=web_alice, relationship=relationship, title=f"Do {n}")
        # Session, person, then today_for's own queries (their number grows as Today
        # learns new duties); what matters is that rows never add queries.
        with django_assert_max_num_queries(14) as ctx:
            response = alice_client.get(reverse("web:today"))
        assert sum(len(items) for _, items in response.context["groups"]) >= rows * 2
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)
