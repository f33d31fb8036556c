"""Mentor mode and the rest of issue 5 on the pages: the tribe graph and introductions,
the impact journal, the profile's outreach settings, the readiness prompt, navigation,
and the mentor's view of a relationship (never the mentee's private notes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import client_for, errors_of, today_of
from tribe.ledger.services import gratitude_record, update_record_sent
from tribe.meetings.models import Meeting, Note
from tribe.meetings.services import meeting_set_agenda, note_create
from tribe.outreach.errors import OutreachCode
from tribe.outreach.models import Introduction
from tribe.people.models import Person
from tribe.people.services import ContactInput, contact_create
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


# -- the tribe graph ------------------------------------------------------------------


def test_the_graph_is_inline_svg_with_a_text_alternative(
    alice_client: Client, web_relationship: Relationship
) -> None:
    page = alice_client.get(reverse("web:tribe")).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "<li>Bob Mentor mentors Alice Mentee (mentor).</li>" in page
    assert "Dashed arrow: introduced" in page


def test_names_in_the_graph_are_escaped(
    web_bob: Person, make_person: Callable[..., Person]
) -> None:
    sneaky = make_person("Zoe <script>alert(1)</script>", email="zoe@example.com")
    relationship_agreed(created_by=web_bob, my_role="mentor", other_person=sneaky, status="active")
    page = client_for(web_bob).get(reverse("web:tribe")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "Zoe &lt;script&gt;" in page


def _intro(**changes: str) -> dict[str, str]:
    return {
        "direction": "made",
        "mentee": "",
        "mentor": "",
        "to_email": "",
        "to_contact": "",
        "note": "",
        "introduced_on": "2025-03-01",
    } | changes


def test_a_mentor_records_an_introduction_of_their_mentee(
    bob_client: Client,
    web_alice: Person,
    web_bob: Person,
    web_pia: Person,
    web_relationship: Relationship,
) -> None:
    response = bob_client.post(
        reverse("web:tribe"), _intro(mentee=str(web_alice.pk), to_email="pia@example.com")
    )
    assert response["Location"] == reverse("web:tribe")
    intro = Introduction.objects.get()
    # By address, as one of Bob's contacts: the answer never says whether Pia has an account.
    assert (intro.introducer, intro.mentee, intro.to_person) == (web_bob, web_alice, None)
    assert (intro.to_contact.owner, intro.to_contact.email) == (web_bob, "pia@example.com")
    page = bob_client.get(reverse("web:tribe")).content.decode()
    assert "Bob Mentor introduced Alice Mentee to pia." in page


def test_an_introduction_to_oneself_is_refused_and_writes_nothing(
    bob_client: Client, web_alice: Person, web_relationship: Relationship
) -> None:
    response = bob_client.post(
        reverse("web:tribe"), _intro(mentee=str(web_alice.pk), to_email="alice@example.com")
    )
    assert response.status_code == 200
    assert errors_of(response) == {"to_email": [OutreachCode.INTRO_SELF.template]}
    assert not Introduction.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({}, "mentee"),  # "I introduced one of my mentees" without saying which
        ({"direction": "received"}, "mentor"),
        ({"to_email": "not an address"}, "to_email"),
        ({"introduced_on": "2999-01-01"}, "introduced_on"),
    ],
)
def test_bad_introductions_show_the_field(
    bob_client: Client,
    web_alice: Person,
    web_pia: Person,
    web_relationship: Relationship,
    changes: dict[str, str],
    field: str,
) -> None:
    data = _intro(to_email="pia@example.com") | changes
    if field != "mentee" and data["direction"] == "made":
        data["mentee"] = str(web_alice.pk)
    response = bob_client.post(reverse("web:tribe"), data)
    assert list(errors_of(response)) == [field]
    assert not Introduction.objects.exists()


def test_a_mentee_records_being_introduced_and_starts_a_prospect(
    alice_client: Client, web_alice: Person, web_bob: Person, web_relationship: Relationship
) -> None:
    lena = contact_create(owner=web_alice, data=ContactInput(name="Lena Lead"))
    response = alice_client.post(
        reverse("web:tribe"),
        _intro(
            direction="received",
            mentor=str(web_bob.pk),
            to_contact=str(lena.pk),
            start_prospect="on",
        ),
    )
    assert response["Location"] == reverse("web:tribe")
    intro = Introduction.objects.get()
    assert (intro.introducer, intro.mentee, intro.to_contact) == (web_bob, web_alice, lena)
    assert intro.relationship is not None
    assert (intro.relationship.mentor_contact, intro.relationship.status) == (lena, "prospect")


# -- the impact journal -------------------------------------------------------------


def test_the_impact_journal_collects_thanks_updates_and_introductions(
    bob_client: Client, web_alice: Person, web_relationship: Relationship
) -> None:
    today = today_of(web_alice)
    gratitude_record(
        actor=web_alice,
        relationship=web_relationship,
        kind="thank_you",
        given_on=today,
        description="Thanks for the book tip",
        today=today,
    )
    update_record_sent(
        actor=web_alice,
        relationship=web_relationship,
        body="I led my first retro",
        sent_on=today,
        today=today,
    )
    page = bob_client.get(reverse("web:impact")).content.decode()
    assert "Thanks for the book tip" in page
    assert "I led my first retro" in page
    assert f'href="{reverse("web:relationship", args=[web_relationship.pk])}"' in page


# -- profile, Today, navigation ------------------------------------------------------

PROFILE = {
    "name": "Alice Mentee",
    "headline": "",
    "timezone": "Europe/Paris",
    "languages": "English",
    "expertise": "",
    "offers": "",
    "seniority": "4",
    "mentee_capacity": "0",
    "preferred_cadence_days": "14",
    "nudge_after_days": "10",
    "share_mentors": "on",
}


def test_the_profile_saves_the_outreach_settings(alice_client: Client, web_alice: Person) -> None:
    assert alice_client.post(reverse("web:profile"), PROFILE).status_code == 302
    web_alice.refresh_from_db()
    assert (
        web_alice.preferred_cadence_days,
        web_alice.nudge_after_days,
        web_alice.share_mentors,
    ) == (14, 10, True)


@pytest.mark.parametrize("changes", [{"nudge_after_days": "0"}, {"preferred_cadence_days": "400"}])
def test_bad_outreach_settings_show_the_field_and_save_nothing(
    alice_client: Client, web_alice: Person, changes: dict[str, str]
) -> None:
    response = alice_client.post(reverse("web:profile"), PROFILE | changes)
    assert list(errors_of(response)) == list(changes)
    web_alice.refresh_from_db()
    assert (web_alice.nudge_after_days, web_alice.share_mentors) == (7, False)


def test_today_suggests_mentoring_to_a_seasoned_mentee(
    make_person: Callable[..., Person], web_bob: Person
) -> None:
    sam = make_person("Sam Seasoned", expertise=["public speaking"])
    relationship_agreed(
        created_by=sam,
        my_role="mentee",
        other_person=web_bob,
        status="active",
        now=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    page = client_for(sam).get(reverse("web:today")).content.decode()
    assert "Ready to mentor?" in page and "public speaking" in page
    assert f'href="{reverse("web:profile")}">Open my profile to mentees' in page


def test_today_stays_quiet_for_a_new_mentee(alice_client: Client) -> None:
    assert "Ready to mentor?" not in alice_client.get(reverse("web:today")).content.decode()


def test_navigation_offers_mentoring_pages_only_to_mentors(
    alice_client: Client, web_bob: Person
) -> None:
    alice = alice_client.get(reverse("web:today")).content.decode()
    bob = client_for(web_bob).get(reverse("web:today")).content.decode()
    for page in (alice, bob):
        assert f'href="{reverse("web:find")}"' in page
        assert f'href="{reverse("web:tribe")}"' in page
    assert f'href="{reverse("web:requests")}"' not in alice
    assert f'href="{reverse("web:requests")}"' in bob and f'href="{reverse("web:impact")}"' in bob


# -- the mentor's view of a relationship ----------------------------------------------


def test_the_mentor_sees_shared_notes_the_prepared_agenda_and_own_notes_only(
    bob_client: Client,
    web_alice: Person,
    web_bob: Person,
    web_relationship: Relationship,
    web_meeting: Meeting,
    web_private_note: Note,
    web_shared_note: Note,
) -> None:
    meeting_set_agenda(actor=web_alice, meeting=web_meeting, agenda="1. Feedback on my 1:1s")
    note_create(
        author=web_bob,
        relationship=web_relationship,
        body="BOB-PRIVATE: ask about her boss",
        visibility="private",
    )
    page = bob_client.get(reverse("web:relationship", args=[web_relationship.pk])).content.decode()
    assert "SHARED: thank you for the book tip" in page
    assert "BOB-PRIVATE: ask about her boss" in page
    assert "PRIVATE: I am nervous" not in page
    assert f'href="{reverse("web:meeting", args=[web_meeting.pk])}#agenda">Agenda prepared' in page
    meeting_page = bob_client.get(reverse("web:meeting", args=[web_meeting.pk])).content.decode()
    assert "Feedback on my 1:1s" in meeting_page
    assert "PRIVATE: I am nervous" not in meeting_page
