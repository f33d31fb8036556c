"""Pages across all relationships: overdue, advice log, gratitude, updates, wins,
the calendar feed, and Today's links; each with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import SOON, errors_of, today_of
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice, Gratitude, Win
from tribe.ledger.services import (
    advice_decide,
    advice_record,
    advice_record_outcome,
    gratitude_record,
)
from tribe.meetings.models import CalendarFeed, Meeting
from tribe.meetings.services import action_item_create, meeting_create, note_create
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

LONG_AGO = dt.date(2024, 1, 1)


def _mentors(mentee: Person, make_person: Callable[..., Person], rows: int) -> list[Relationship]:
    """``rows`` active relationships of ``mentee``, weekly cadence, silent since long ago."""
    while Relationship.objects.filter(mentee=mentee).count() < rows:
        n = Relationship.objects.count()
        mentor = make_person(f"Mentor {n}", open_to_mentoring=True, mentee_capacity=2)
        relationship = relationship_agreed(
            created_by=mentee, my_role="mentee", other_person=mentor, status="active"
        )
        Relationship.objects.filter(pk=relationship.pk).update(
            cadence_days=7 + n % 3, starts_on=LONG_AGO, update_every_days=30
        )
        advice = advice_record(
            actor=mentee,
            relationship=relationship,
            text=f"Advice {n}",
            given_on=LONG_AGO,
            today=LONG_AGO,
        )
        advice_decide(actor=mentee, advice=advice, decision="adopt")
        if n % 2:
            gratitude_record(
                actor=mentee,
                relationship=relationship,
                kind="thank_you",
                given_on=LONG_AGO,
                description=f"Thanks {n}",
                advice=advice,
                today=LONG_AGO,
            )
    return list(Relationship.objects.filter(mentee=mentee))


# -- overdue --------------------------------------------------------------------------


def test_overdue_lists_slipped_relationships_with_reasons(
    alice_client: Client, web_alice: Person, make_person: Callable[..., Person]
) -> None:
    _mentors(web_alice, make_person, 2)
    page = alice_client.get(reverse("web:overdue")).content.decode()
    assert "health--dormant" in page and "No contact yet" in page and "Mentor " in page


@pytest.mark.parametrize(
    ("name", "queries", "rows_in"),
    [
        # session, person, relationships with their health
        ("web:overdue", 3, lambda c: len(c["rows"])),
        # session, person, advice, its thanks
        ("web:advice_log", 4, lambda c: len(c["rows"])),
        # session, person, relationships, their goals, advice and its thanks (the form's
        # choices), thanks, unthanked advice and its (absent) thanks
        ("web:gratitude", 9, lambda c: len(c["unthanked"]) + len(c["given"])),
        # session, person, relationships with their health
        ("web:updates", 3, lambda c: len(c["rows"])),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    alice_client: Client,
    web_alice: Person,
    make_person: Callable[..., Person],
    django_assert_num_queries: Any,
    name: str,
    queries: int,
    rows_in: Callable[[Any], int],
) -> None:
    def count_for(rows: int) -> int:
        _mentors(web_alice, make_person, rows)
        with django_assert_num_queries(queries) as ctx:
            response = alice_client.get(reverse(name))
        assert rows_in(response.context) == rows
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)


# -- advice log -----------------------------------------------------------------------


def test_advice_log_decide_outcome_and_report_back(
    alice_client: Client, web_advice: Advice
) -> None:
    decide = reverse("web:advice_decide", args=[web_advice.pk])
    response = alice_client.post(decide, {"decision": "park", "reason": ""})
    assert errors_of(response) == {"reason": [LedgerCode.REASON_NEEDED.template]}
    web_advice.refresh_from_db()
    assert web_advice.decision == "undecided"
    assert "decision" in errors_of(alice_client.post(decide, {"decision": "ignore"}))
    alice_client.post(decide, {"decision": "try", "reason": "Cheap to test"})
    web_advice.refresh_from_db()
    assert (web_advice.decision, web_advice.reason) == ("try", "Cheap to test")

    outcome = reverse("web:advice_outcome", args=[web_advice.pk])
    # Reporting back shows the mentor the outcome as written: never ticked for you.
    assert alice_client.get(outcome).context["form"]["report_back"].value() is False
    assert "outcome" in errors_of(alice_client.post(outcome, {"outcome": " "}))
    alice_client.post(outcome, {"outcome": "Two deep-work blocks a week now", "report_back": "on"})
    web_advice.refresh_from_db()
    assert web_advice.outcome.startswith("Two deep-work") and web_advice.report_back

    page = alice_client.get(reverse("web:advice_log")).content.decode()
    assert f'id="advice-{web_advice.pk}"' in page and "To report back" in page
    alice_client.post(reverse("web:advice_report_back", args=[web_advice.pk]), {"report_back": "0"})
    web_advice.refresh_from_db()
    assert not web_advice.report_back


def test_the_advice_log_is_the_recorders_alone(
    bob_client: Client, web_advice: Advice, web_alice: Person
) -> None:
    page = bob_client.get(reverse("web:advice_log")).content.decode()
    assert web_advice.text not in page
    assert (
        bob_client.post(reverse("web:advice_decide", args=[web_advice.pk]), {}).status_code == 404
    )
    bob_client.force_login(web_alice)
    assert web_advice.text in bob_client.get(reverse("web:advice_log")).content.decode()


# -- gratitude ---------------------------------------------------------------------------


def test_gratitude_ledger_unthanked_help_and_recording_thanks(
    alice_client: Client,
    web_alice: Person,
    web_bob: Person,
    web_advice: Advice,
    web_relationship: Relationship,
) -> None:
    advice_decide(actor=web_alice, advice=web_advice, decision="adopt")
    url = reverse("web:gratitude")
    page = alice_client.get(url).content.decode()
    assert f'id="unthanked-{web_advice.pk}"' in page
    assert (
        f"{reverse('web:gratitude_new', args=[web_relationship.pk])}?advice={web_advice.pk}" in page
    )

    today = today_of(web_alice)
    data = {
        "relationship": str(web_relationship.pk),
        "kind": "acknowledgement",
        "given_on": f"{today + dt.timedelta(days=1):%Y-%m-%d}",
        "description": "Credited Bob in my talk",
        "advice": str(web_advice.pk),
    }
    assert errors_of(alice_client.post(url, data)) == {
        "given_on": [LedgerCode.FUTURE_DATE.template]
    }
    assert "relationship" in errors_of(alice_client.post(url, data | {"relationship": "999999"}))
    assert not Gratitude.objects.exists()
    assert alice_client.post(url, data | {"given_on": f"{today:%Y-%m-%d}"}).status_code == 302
    page = alice_client.get(url).content.decode()
    assert "Credited Bob in my talk" in page and f'id="unthanked-{web_advice.pk}"' not in page

    alice_client.force_login(web_bob)  # the mentor sees it as received
    received = alice_client.get(url)
    assert [g.description for g, _ in received.context["received"]] == ["Credited Bob in my talk"]
    assert not received.context["given"]


# -- updates and wins ----------------------------------------------------------------------


def test_updates_lists_relationships_with_an_update_due_and_links_the_draft(
    alice_client: Client, web_relationship: Relationship
) -> None:
    assert not alice_client.get(reverse("web:updates")).context["rows"]
    Relationship.objects.filter(pk=web_relationship.pk).update(update_every_days=30)
    page = alice_client.get(reverse("web:updates")).content.decode()
    assert f'id="relationship-{web_relationship.pk}"' in page and "<strong>Due" in page
    assert reverse("web:update_send", args=[web_relationship.pk]) in page


def test_wins_add_list_delete(alice_client: Client, web_alice: Person, web_goal: Any) -> None:
    url = reverse("web:wins")
    today = today_of(web_alice)
    future = {"text": "Promoted", "happened_on": f"{today + dt.timedelta(days=3):%Y-%m-%d}"}
    assert errors_of(alice_client.post(url, future)) == {
        "happened_on": [LedgerCode.FUTURE_DATE.template]
    }
    assert "text" in errors_of(alice_client.post(url, {"text": "", "happened_on": f"{today}"}))
    assert "goal" in errors_of(
        alice_client.post(url, {"text": "x", "happened_on": f"{today}", "goal": "999999"})
    )
    assert not Win.objects.exists()
    response = alice_client.post(
        url, {"text": "Ran my first retro", "happened_on": f"{today}", "goal": str(web_goal.pk)}
    )
    assert response.status_code == 302
    win = Win.objects.get()
    assert win.goal == web_goal
    assert "Ran my first retro" in alice_client.get(url).content.decode()
    alice_client.post(reverse("web:win_delete", args=[win.pk]))
    assert not Win.objects.exists()


# -- calendar feed -----------------------------------------------------------------------


def test_calendar_feed_shown_once_public_without_notes_rotatable_revocable(
    alice_client: Client,
    client_factory: Any,
    web_alice: Person,
    web_meeting: Meeting,
    web_relationship: Relationship,
) -> None:
    note_create(
        author=web_alice,
        relationship=web_relationship,
        meeting=web_meeting,
        body="SHARED-NOTE-NEVER-IN-FEED",
        visibility="shared",
    )
    assert "Your feed is off" in alice_client.get(reverse("web:calendar")).content.decode()
    response = alice_client.post(reverse("web:calendar_rotate"), follow=True)
    links = response.context["links"]
    assert links["https"].startswith("http") and links["webcal"].startswith("webcal://")
    assert links["webcal"].split("://")[1] == links["https"].split("://")[1]
    page = response.content.decode()
    assert links["webcal"] in page and "shown only this once" in page
    assert alice_client.get(reverse("web:calendar")).context["links"] is None  # once only
    path = "/" + links["https"].split("://")[1].split("/", 1)[1]

    anonymous = client_factory()
    feed = anonymous.get(path)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert b"NEVER-IN-FEED" not in feed.content and b"engineering management" not in feed.content
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [web_meeting.starts_at]

    alice_client.post(reverse("web:calendar_rotate"))  # the old address stops at once
    assert anonymous.get(path).status_code == 404
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1
    alice_client.post(reverse("web:calendar_revoke"))
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()
    assert "Your feed is off" in alice_client.get(reverse("web:calendar")).content.decode()
    assert anonymous.get(reverse("web:calendar_feed", args=["made-up-token"])).status_code == 404


@pytest.fixture
def client_factory() -> Callable[[], Client]:
    return Client


# -- Today -----------------------------------------------------------------------------------


def test_today_links_each_duty_to_where_it_is_done(
    alice_client: Client,
    web_alice: Person,
    web_relationship: Relationship,
    web_meeting: Meeting,
    web_held_meeting: Meeting,
    web_advice: Advice,
) -> None:
    Relationship.objects.filter(pk=web_relationship.pk).update(
        cadence_days=7, update_every_days=30, starts_on=LONG_AGO
    )
    advice_decide(actor=web_alice, advice=web_advice, decision="adopt")
    advice_record_outcome(
        actor=web_alice,
        advice=web_advice,
        outcome="It worked",
        today=today_of(web_alice),
        report_back=True,
    )
    item = action_item_create(actor=web_alice, relationship=web_relationship, title="Read it")
    response = alice_client.get(reverse("web:today"))
    links = {i.kind: link for _, items in response.context["groups"] for i, link, _ in items}
    rid = web_relationship.pk
    assert links == {
        "meeting": reverse("web:meeting", args=[web_meeting.pk]),
        "follow_up": reverse("web:meeting", args=[web_held_meeting.pk]) + "#follow-up",
        "update": reverse("web:updates") + f"#relationship-{rid}",
        "thanks": reverse("web:gratitude") + f"#unthanked-{web_advice.pk}",
        "report_back": reverse("web:advice_log") + f"#advice-{web_advice.pk}",
        "action_item": reverse("web:relationship", args=[rid]) + "#actions",
        "reflect": reverse("web:journal") + f"?meeting={web_held_meeting.pk}#write",
    } | ({"contact": reverse("web:relationship", args=[rid])} if "contact" in links else {})
    page = response.content.decode()
    for link in links.values():
        assert f'href="{link}"' in page
    assert item.title in page and "Follow up" in page


def test_today_links_scheduling_when_nothing_is_planned(
    alice_client: Client, web_relationship: Relationship
) -> None:
    page = alice_client.get(reverse("web:today")).content.decode()
    assert reverse("web:schedule", args=[web_relationship.pk]) in page


def test_today_with_every_duty_runs_a_fixed_number_of_queries(
    alice_client: Client,
    web_alice: Person,
    make_person: Callable[..., Person],
    django_assert_num_queries: Any,
) -> None:
    def count_for(rows: int) -> int:
        for relationship in _mentors(web_alice, make_person, rows):
            if not relationship.meetings.exists():
                meeting_create(
                    actor=web_alice,
                    relationship=relationship,
                    starts_at=SOON,
                    ends_at=SOON + dt.timedelta(hours=1),
                )
        # 13: the twelve of the agenda, and the count of failed messages to her.
        with django_assert_num_queries(13) as ctx:
            response = alice_client.get(reverse("web:today"))
        kinds = [i.kind for _, items in response.context["groups"] for i, _, _ in items]
        assert kinds.count("meeting") == rows
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)
