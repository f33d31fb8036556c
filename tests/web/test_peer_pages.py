"""Peers on the pages: both sides ask, record advice, share outcomes, thank and update.

Alice asked Bob to be peer mentors to each other. Each side's relationship
page offers the advice form ("Record advice {other} gave me"), questions
"for {other}" and the update draft; each advice log is its recorder's; Bob
shares an outcome and Alice reads it under "What your advice became"; Eve
gets a 404. In Alice's mentor relationship with Bob, the mentor side still
has no advice form and the service still refuses him.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import NOW, SOON, client_for, errors_of, today_of
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice, MentorUpdate, Question
from tribe.ledger.services import (
    advice_decide,
    advice_record,
    advice_record_outcome,
    advice_set_report_back,
    question_add,
    relationship_set_update_cadence,
)
from tribe.meetings.models import Meeting
from tribe.meetings.services import meeting_create
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

BOB_PRIVATE = "PRIVATE: Bob's candid outcome"


@pytest.fixture
def peers(web_alice: Person, web_bob: Person) -> Relationship:
    return relationship_agreed(
        created_by=web_alice,
        my_role="mentee",
        other_person=web_bob,
        kind="peer",
        purpose="Trade notes on leading teams",
        now=NOW,
    )


def _page(browser: Client, rel: Relationship) -> str:
    response = browser.get(reverse("web:relationship", args=[rel.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _record_on_page(browser: Client, person: Person, rel: Relationship, text: str) -> Advice:
    response = browser.post(
        reverse("web:advice_new", args=[rel.pk]),
        {"text": text, "given_on": f"{today_of(person):%Y-%m-%d}"},
    )
    assert response.status_code == 302, errors_of(response)
    return Advice.objects.get(text=text)


def _tried_by(person: Person, rel: Relationship, text: str) -> Advice:
    today = today_of(person)
    advice = advice_record(actor=person, relationship=rel, text=text, given_on=today, today=today)
    advice_decide(actor=person, advice=advice, decision="try")
    return advice_record_outcome(
        actor=person, advice=advice, outcome=BOB_PRIVATE, today=today, report_back=False
    )


def test_both_peers_see_the_advice_question_and_update_forms_named_for_the_other(
    peers: Relationship, web_alice: Person, web_bob: Person
) -> None:
    relationship_set_update_cadence(
        actor=web_bob, relationship=peers, every_days=30, keep_in_touch=False
    )
    for me, other in ((web_alice, "Bob Mentor"), (web_bob, "Alice Mentee")):
        page = _page(client_for(me), peers)
        assert f"Record advice {other} gave me" in page
        assert reverse("web:advice_new", args=[peers.pk]) in page
        assert f"Add a question for {other}" in page
        assert reverse("web:update_send", args=[peers.pk]) in page
        assert 'id="update-by-email"' in page  # the other side has an address


def test_each_peer_records_advice_on_the_page_and_reads_only_their_own(
    peers: Relationship, web_alice: Person, web_bob: Person
) -> None:
    alice, bob = client_for(web_alice), client_for(web_bob)
    hers = _record_on_page(alice, web_alice, peers, "FROM-BOB: delegate the rota")
    his = _record_on_page(bob, web_bob, peers, "FROM-ALICE: write the design doc first")
    assert (hers.recorded_by, his.recorded_by) == (web_alice, web_bob)

    alice_page, bob_page = _page(alice, peers), _page(bob, peers)
    assert "FROM-BOB" in alice_page and "FROM-ALICE" not in alice_page
    assert "FROM-ALICE" in bob_page and "FROM-BOB" not in bob_page
    bob_log = bob.get(reverse("web:advice_log")).content.decode()
    assert "FROM-ALICE" in bob_log and "From <a" in bob_log and "Alice Mentee" in bob_log
    assert "FROM-BOB" not in bob_log
    # Neither opens the other's advice.
    assert alice.get(reverse("web:advice_decide", args=[his.pk])).status_code == 404
    assert bob.get(reverse("web:advice_outcome", args=[hers.pk])).status_code == 404


def test_a_peer_shares_an_outcome_and_the_other_reads_it_in_what_your_advice_became(
    peers: Relationship, web_alice: Person, web_bob: Person
) -> None:
    advice = _tried_by(web_bob, peers, "PRIVATE: Alice's advice as Bob wrote it")
    bob = client_for(web_bob)
    share_url = reverse("web:advice_share", args=[advice.pk])
    assert (
        f'href="{share_url}">Share with Alice Mentee'
        in bob.get(reverse("web:advice_log")).content.decode()
    )
    form_page = bob.get(share_url).content.decode()
    assert "What Alice Mentee will read" in form_page
    assert "Alice Mentee will see these words" in form_page

    response = bob.post(share_url, {"words": "Design docs first saved us a sprint"})
    assert response.status_code == 302

    impact = client_for(web_alice).get(reverse("web:impact")).content.decode()
    assert "What your advice became" in impact
    assert "Design docs first saved us a sprint" in impact and "Bob Mentor" in impact
    assert "PRIVATE" not in impact
    # Bob's own view shows nothing of it as if it were his advice that was taken.
    assert "What your advice became" not in bob.get(reverse("web:impact")).content.decode()


def test_the_stranger_gets_404_for_a_peers_pages_and_advice(
    peers: Relationship, web_bob: Person, web_eve: Person
) -> None:
    advice = _tried_by(web_bob, peers, "Alice's advice")
    eve = client_for(web_eve)
    for url in (
        reverse("web:relationship", args=[peers.pk]),
        reverse("web:advice_new", args=[peers.pk]),
        reverse("web:update_send", args=[peers.pk]),
        reverse("web:question_new", args=[peers.pk]),
        reverse("web:advice_share", args=[advice.pk]),
    ):
        assert eve.get(url).status_code == 404, url
    response = eve.post(
        reverse("web:advice_new", args=[peers.pk]), {"text": "x", "given_on": "2025-03-01"}
    )
    assert response.status_code == 404
    assert (
        eve.post(reverse("web:advice_share", args=[advice.pk]), {"words": "x"}).status_code == 404
    )
    assert Advice.objects.count() == 1


def test_the_mentor_side_of_a_peer_relationship_sends_updates_and_sees_them_listed(
    peers: Relationship, web_alice: Person, web_bob: Person
) -> None:
    relationship_set_update_cadence(
        actor=web_bob, relationship=peers, every_days=30, keep_in_touch=False
    )
    bob = client_for(web_bob)
    listed = bob.get(reverse("web:updates")).content.decode()
    assert "Alice Mentee" in listed and reverse("web:update_send", args=[peers.pk]) in listed

    response = bob.post(
        reverse("web:update_send", args=[peers.pk]),
        {"body": "News from Bob", "sent_on": f"{today_of(web_bob):%Y-%m-%d}"},
    )
    assert response.status_code == 302
    assert MentorUpdate.objects.get().author == web_bob
    impact = client_for(web_alice).get(reverse("web:impact")).content.decode()
    assert "Update from Bob Mentor" in impact and "News from Bob" in impact


def test_questions_of_a_peer_relationship_say_who_asked(
    peers: Relationship, web_alice: Person, web_bob: Person
) -> None:
    bob = client_for(web_bob)
    response = bob.post(reverse("web:question_new", args=[peers.pk]), {"text": "BOB-ASKS: how?"})
    assert response.status_code == 302
    assert Question.objects.get().author == web_bob
    assert "asked by Bob Mentor" in _page(client_for(web_alice), peers)
    assert "asked by" not in _page(bob, peers)


def test_a_peer_meeting_agenda_shows_both_sides_questions_and_report_backs(
    peers: Relationship, web_alice: Person, web_bob: Person
) -> None:
    question_add(author=web_alice, relationship=peers, text="ALICE-Q: hiring?")
    question_add(author=web_bob, relationship=peers, text="BOB-Q: on-call?")
    advice = _tried_by(web_bob, peers, "BOB-REPORTS: pairing on reviews")
    advice_set_report_back(actor=web_bob, advice=advice, report_back=True)
    meeting: Meeting = meeting_create(
        actor=web_bob,
        relationship=peers,
        starts_at=SOON,
        ends_at=SOON + dt.timedelta(hours=1),
        title="Peer chat",
    )
    for me in (web_alice, web_bob):
        page = client_for(me).get(reverse("web:meeting", args=[meeting.pk])).content.decode()
        assert "### Alice Mentee" in page and "### Bob Mentor" in page
        assert "ALICE-Q" in page and "BOB-Q" in page and "BOB-REPORTS" in page


# -- a mentor relationship keeps its one-way advice log ------------------------------------


def test_the_mentor_of_a_mentor_relationship_is_offered_no_advice_form_and_is_refused(
    web_relationship: Relationship, web_alice: Person, web_bob: Person
) -> None:
    bob = client_for(web_bob)
    page = _page(bob, web_relationship)
    assert reverse("web:advice_new", args=[web_relationship.pk]) not in page
    assert "gave me" not in page and "Add a question for" not in page
    assert "The advice you give is Alice Mentee's to record and weigh" in page
    response = bob.post(
        reverse("web:advice_new", args=[web_relationship.pk]),
        {"text": "Mentor writing", "given_on": f"{today_of(web_bob):%Y-%m-%d}"},
    )
    assert errors_of(response) == {"__all__": [LedgerCode.NOT_MENTEE.template]}
    assert not Advice.objects.exists()
    # The mentee still records, with the form as before.
    alice_page = _page(client_for(web_alice), web_relationship)
    assert reverse("web:advice_new", args=[web_relationship.pk]) in alice_page
    assert "Record advice" in alice_page and "gave me" not in alice_page
