"""The meeting page: times in both zones, the agenda (editable, printable), the
follow-up after it, its readable notes, and its calendar invitation."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import SOON, errors_of
from tribe.ledger.models import Question
from tribe.meetings.errors import MeetingCode
from tribe.meetings.models import Meeting, Note
from tribe.meetings.services import (
    action_item_create,
    meeting_set_status,
    note_create,
)
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _page(client: Client, meeting: Meeting) -> str:
    return client.get(reverse("web:meeting", args=[meeting.pk])).content.decode()


def test_times_in_my_zone_and_theirs(alice_client: Client, web_meeting: Meeting) -> None:
    page = _page(alice_client, web_meeting)
    paris = web_meeting.starts_at.astimezone(ZoneInfo("Europe/Paris"))
    new_york = web_meeting.starts_at.astimezone(ZoneInfo("America/New_York"))
    assert f"{paris:%H:%M}" in page and "Europe/Paris" in page
    assert f"{new_york:%H:%M}" in page and "America/New_York" in page


def test_agenda_is_built_escaped_editable_and_printable(
    alice_client: Client, web_meeting: Meeting, web_alice: Person, web_question: Question
) -> None:
    page = _page(alice_client, web_meeting)
    assert '<pre class="agenda">' in page
    assert "Grow into engineering management" in page  # the purpose
    assert "How do I say no to my boss?" in page
    edit = reverse("web:agenda_edit", args=[web_meeting.pk])
    assert "## Questions" in alice_client.get(edit).content.decode()  # prefilled with the built one
    alice_client.post(edit, {"agenda": "# Mine\n<script>alert(1)</script>"})
    page = _page(alice_client, web_meeting)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "Edited by hand" in page
    printed = alice_client.get(reverse("web:meeting_print", args=[web_meeting.pk])).content.decode()
    assert "# Mine" in printed and "&lt;script&gt;" in printed and "Keep in touch" not in printed
    alice_client.post(edit, {"agenda": ""})  # empty: back to the built agenda
    web_meeting.refresh_from_db()
    assert web_meeting.agenda == ""
    assert "How do I say no to my boss?" in _page(alice_client, web_meeting)


def test_agenda_too_long_writes_nothing(alice_client: Client, web_meeting: Meeting) -> None:
    response = alice_client.post(
        reverse("web:agenda_edit", args=[web_meeting.pk]), {"agenda": "x" * 20001}
    )
    assert "agenda" in errors_of(response)
    web_meeting.refresh_from_db()
    assert web_meeting.agenda == ""


def test_mentor_sees_shared_notes_of_the_meeting_never_private_ones(
    bob_client: Client,
    web_bob: Person,
    web_alice: Person,
    web_held_meeting: Meeting,
    web_relationship: Relationship,
) -> None:
    for visibility in ("private", "shared"):
        note_create(
            author=web_alice,
            relationship=web_relationship,
            meeting=web_held_meeting,
            body=f"{visibility.upper()}-NOTE-TEXT",
            visibility=visibility,
        )
    action_item_create(
        actor=web_alice,
        relationship=web_relationship,
        meeting=web_held_meeting,
        title="Draft the team charter",
    )
    page = _page(bob_client, web_held_meeting)
    assert "SHARED-NOTE-TEXT" in page and "Draft the team charter" in page
    assert "PRIVATE-NOTE-TEXT" not in page
    bob_client.force_login(web_alice)
    assert "PRIVATE-NOTE-TEXT" in _page(bob_client, web_held_meeting)


def test_follow_up_draft_mailto_and_mark_sent(
    alice_client: Client, web_held_meeting: Meeting, web_relationship: Relationship
) -> None:
    page = _page(alice_client, web_held_meeting)
    assert 'id="follow-up-draft"' in page and "Hi Bob," in page
    assert 'href="mailto:bob@example.com?subject=' in page and "&amp;body=Hi%20Bob" in page
    response = alice_client.post(reverse("web:follow_up_sent", args=[web_held_meeting.pk]))
    assert response.status_code == 302
    web_held_meeting.refresh_from_db()
    assert web_held_meeting.follow_up_sent_at is not None


def test_no_mailto_when_the_other_side_has_no_address(
    alice_client: Client, web_held_meeting: Meeting, web_bob: Person
) -> None:
    Person.objects.filter(pk=web_bob.pk).update(email="")
    page = _page(alice_client, web_held_meeting)
    assert "Hi Bob," in page and "mailto:" not in page


def test_follow_up_for_a_meeting_that_has_not_happened_is_refused(
    alice_client: Client, web_meeting: Meeting
) -> None:
    page = _page(alice_client, web_meeting)
    assert "follow-up-draft" not in page
    response = alice_client.post(reverse("web:follow_up_sent", args=[web_meeting.pk]))
    assert response.status_code == 200
    assert errors_of(response) == {"__all__": [MeetingCode.FOLLOW_UP_TOO_EARLY.template]}
    assert "The meeting has not happened yet" in response.content.decode()
    web_meeting.refresh_from_db()
    assert web_meeting.follow_up_sent_at is None and web_meeting.status == "planned"


def _calendar(response: Any) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def test_invitation_download_request_then_cancel(
    alice_client: Client, web_meeting: Meeting, web_alice: Person, web_relationship: Relationship
) -> None:
    note_create(
        author=web_alice,
        relationship=web_relationship,
        meeting=web_meeting,
        body="SHARED-NOTE-NOT-IN-ICS",
        visibility="shared",
    )
    url = reverse("web:meeting_invite", args=[web_meeting.pk])
    response = alice_client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="tribe-meeting-{web_meeting.pk}.ics"' in response["Content-Disposition"]
    assert b"NOTE-NOT-IN-ICS" not in response.content
    calendar = _calendar(response)
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == web_meeting.starts_at
    assert calendar.walk("VTIMEZONE")  # the zone travels with the invitation
    meeting_set_status(actor=web_alice, meeting=web_meeting, status="cancelled")
    cancelled = alice_client.get(url)
    assert _calendar(cancelled)["METHOD"] == "CANCEL"
    assert "-cancel.ics" in cancelled["Content-Disposition"]
    assert _calendar(cancelled).walk("VEVENT")[0]["UID"] == event["UID"]


def test_meeting_page_runs_a_fixed_number_of_queries(
    alice_client: Client,
    web_alice: Person,
    web_relationship: Relationship,
    web_meeting: Meeting,
    django_assert_num_queries: Any,
) -> None:
    from tests.web.test_relationships import keep_alive_rows

    url = reverse("web:meeting", args=[web_meeting.pk])

    def count_for(rows: int) -> int:
        while Note.objects.count() < rows:
            n = Note.objects.count()
            note_create(
                author=web_alice,
                relationship=web_relationship,
                meeting=web_meeting,
                body=f"note {n}",
                visibility="shared",
            )
            action_item_create(
                actor=web_alice, relationship=web_relationship, meeting=web_meeting, title=f"Do {n}"
            )
            keep_alive_rows(web_alice, web_relationship, n)
        # session, person, meeting; agenda: previous meeting, wins, goals, advice to report
        # back, questions, action items; timeline: meetings, notes, action items; what
        # the mentee shared from the journal since the last meeting (that meeting, entries)
        with django_assert_num_queries(14) as ctx:
            response = alice_client.get(url)
        assert len(response.context["notes"]) == rows
        assert response.context["agenda"].count("- [ ]") == rows
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)


def test_a_meeting_in_the_past_cannot_be_planned_from_the_page(
    alice_client: Client, web_relationship: Relationship
) -> None:
    """The proposal page posts a start; an old one is refused, nothing is written."""
    past = (SOON - dt.timedelta(days=30)).astimezone(dt.UTC).isoformat()
    response = alice_client.post(
        reverse("web:schedule", args=[web_relationship.pk]), {"starts_at": past}
    )
    assert response.status_code == 200
    assert "starts_at" in errors_of(response)
    assert not Meeting.objects.exists()
