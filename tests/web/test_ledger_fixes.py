"""Pages after an outside test: questions are their author's to delete, and each kind
names its sides the way it means them.

Alice is Bob's mentee (``web_relationship``). Bob may mark Alice's question
answered but not delete it: the relationship page offers him no Delete link,
and the delete page answers 404 to GET and POST alike. In coach, sponsor and
peer relationships the action item form and list name the person who does
it instead of "Mentee"/"Mentor"; a mentor relationship keeps those words. The
outcome form leaves reporting back unticked, so an outcome saved as it comes
stays out of the agenda Bob reads.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ActionItemFactory, relationship_agreed
from tests.web.conftest import NOW, SOON, client_for, errors_of, today_of
from tribe.ledger.models import Advice, Question
from tribe.ledger.services import advice_record, question_add
from tribe.meetings.models import Meeting
from tribe.meetings.services import meeting_create
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _page(browser: Client, rel: Relationship) -> str:
    response = browser.get(reverse("web:relationship", args=[rel.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_other_side_cannot_delete_a_question_but_can_answer_it(
    web_alice: Person, web_bob: Person, web_question: Question, web_relationship: Relationship
) -> None:
    alice_client, bob_client = client_for(web_alice), client_for(web_bob)
    delete = reverse("web:question_delete", args=[web_question.pk])
    assert delete not in _page(bob_client, web_relationship)
    assert delete in _page(alice_client, web_relationship)
    assert bob_client.get(delete).status_code == 404
    assert bob_client.post(delete).status_code == 404
    assert Question.objects.filter(pk=web_question.pk).exists()

    answered = reverse("web:question_answered", args=[web_question.pk])
    assert bob_client.post(answered, {"answered": "1"}).status_code == 302
    web_question.refresh_from_db()
    assert web_question.answered_on is not None

    assert alice_client.get(delete).status_code == 200
    assert alice_client.post(delete).status_code == 302
    assert not Question.objects.filter(pk=web_question.pk).exists()


def test_in_a_peer_pair_each_deletes_only_their_own_question(
    web_alice: Person, web_bob: Person
) -> None:
    peers = relationship_agreed(
        created_by=web_alice, my_role="mentee", other_person=web_bob, kind="peer", now=NOW
    )
    hers = question_add(author=web_alice, relationship=peers, text="Hers?")
    his = question_add(author=web_bob, relationship=peers, text="His?")
    alice, bob = client_for(web_alice), client_for(web_bob)
    assert bob.post(reverse("web:question_delete", args=[hers.pk])).status_code == 404
    assert alice.post(reverse("web:question_delete", args=[his.pk])).status_code == 404
    assert Question.objects.filter(relationship=peers).count() == 2


@pytest.mark.parametrize(
    ("kind", "mentee_side", "mentor_side"),
    [
        ("mentor", "Mentee", "Mentor"),
        ("coach", "Alice Mentee", "Bob Mentor"),
        ("sponsor", "Alice Mentee", "Bob Mentor"),
        ("peer", "Alice Mentee", "Bob Mentor"),
    ],
)
def test_who_does_an_action_item_reads_right_for_each_kind(
    web_alice: Person, web_bob: Person, kind: str, mentee_side: str, mentor_side: str
) -> None:
    rel = relationship_agreed(
        created_by=web_alice, my_role="mentee", other_person=web_bob, kind=kind, now=NOW
    )
    ActionItemFactory(relationship=rel, owner="mentor", created_by=web_alice, title="Intro Dana")
    for person in (web_alice, web_bob):
        page = _page(client_for(person), rel)
        assert f'<option value="mentee" selected>{mentee_side}</option>' in page
        assert f'<option value="mentor">{mentor_side}</option>' in page
        assert f'<span class="meta">{mentor_side}' in page
    meeting = meeting_create(
        actor=web_alice, relationship=rel, starts_at=SOON, ends_at=SOON.replace(hour=23)
    )
    ActionItemFactory(
        relationship=rel, meeting=meeting, owner="mentee", created_by=web_alice, title="Memo"
    )
    shown = client_for(web_bob).get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    assert f'<span class="meta">{mentee_side}' in shown
    new_action = client_for(web_bob).get(reverse("web:action_new", args=[rel.pk]))
    assert f'<option value="mentor">{mentor_side}</option>' in new_action.content.decode()


def test_an_outcome_saved_as_the_form_comes_stays_out_of_the_mentors_agenda(
    web_alice: Person, web_bob: Person, web_relationship: Relationship, web_meeting: Meeting
) -> None:
    alice_client, bob_client = client_for(web_alice), client_for(web_bob)
    today = today_of(web_alice)
    advice = advice_record(
        actor=web_alice, relationship=web_relationship, text="Say no", given_on=today, today=today
    )
    url = reverse("web:advice_outcome", args=[advice.pk])
    form = alice_client.get(url).content.decode()
    [_before, box] = form.split('name="report_back"')
    assert "checked" not in box.split(">")[0]
    response = alice_client.post(url, {"outcome": "ALICE-PRIVATE-OUTCOME"})
    assert response.status_code == 302, errors_of(response)
    assert not Advice.objects.get(pk=advice.pk).report_back
    agenda = bob_client.get(reverse("web:meeting", args=[web_meeting.pk])).content.decode()
    assert "ALICE-PRIVATE-OUTCOME" not in agenda
