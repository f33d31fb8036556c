"""The search's first step asks what each goal needs: the four kinds explained, a suggestion
per open goal with its reason, a one-click yes or another choice; the goal form, the fit page
and the ask page follow the choice."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import client_for, errors_of
from tribe.core.kinds import KINDS
from tribe.people.models import Goal, Person
from tribe.people.needs import suggest_need
from tribe.people.services import goal_create
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def rehearse(web_alice: Person) -> Goal:
    return goal_create(person=web_alice, title="Rehearse conference talks", why="Speak at QCon")


def _text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def _card(page: str, goal: Goal) -> str:
    """The step-1 card of ``goal`` on the find page."""
    found = re.search(rf'<li class="card" id="need-{goal.pk}">(.*?)</li>', page, re.S)
    assert found, f"no card for goal {goal.pk}"
    return found.group(1)


def test_the_first_step_explains_the_four_kinds(alice_client: Client, web_goal: Goal) -> None:
    page = _text(alice_client.get(reverse("web:find")))
    assert "What do you need?" in page
    for info in KINDS.values():
        assert str(info.kind.label) in page
        assert str(info.explanation) in page
        assert str(info.choose_when) in page


def test_each_open_goal_shows_its_suggestion_with_a_reason_and_a_yes(
    alice_client: Client, web_alice: Person, web_goal: Goal, rehearse: Goal
) -> None:
    done = goal_create(person=web_alice, title="Practise Spanish", status="achieved")
    page = _text(alice_client.get(reverse("web:find")))
    card = _card(page, rehearse)
    assert "Suggested:" in card
    assert "<strong>Coach</strong>" in card
    assert suggest_need(rehearse.title, rehearse.why).reason in card
    assert "“rehearse”" in card
    assert 'name="need" value="coach"' in card
    assert "Yes, a coach" in card
    assert "Or choose another" in card
    mentor_card = _card(page, web_goal)
    assert "<strong>Mentor</strong>" in mentor_card and "Yes, a mentor" in mentor_card
    assert f'id="need-{done.pk}"' not in page  # achieved: no longer looked for


def test_yes_chooses_the_suggested_kind_and_comes_back(
    alice_client: Client, rehearse: Goal
) -> None:
    url = reverse("web:find_need", args=[rehearse.pk])
    response = alice_client.post(url, {"need": "coach"})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:find") + f"#need-{rehearse.pk}"
    rehearse.refresh_from_db()
    assert rehearse.need == "coach"
    page = _text(alice_client.get(response["Location"]))
    assert "“Rehearse conference talks” needs: Coach." in page
    card = _card(page, rehearse)
    assert "Kind of help:" in card and "<strong>Coach</strong>" in card
    assert "Yes, a coach" not in card  # chosen: only "change to" is left
    assert '<option value="coach" selected>' in card


def test_another_kind_can_be_chosen_and_the_suggestion_stays_in_view(
    alice_client: Client, rehearse: Goal
) -> None:
    alice_client.post(reverse("web:find_need", args=[rehearse.pk]), {"need": "peer"})
    rehearse.refresh_from_db()
    assert rehearse.need == "peer"
    card = _card(_text(alice_client.get(reverse("web:find"))), rehearse)
    assert "<strong>Peer mentor</strong>" in card
    assert "its words suggest: Coach" in card


@pytest.mark.parametrize("data", [{"need": "boss"}, {"need": ""}, {}])
def test_a_bad_choice_names_the_field_and_changes_nothing(
    alice_client: Client, rehearse: Goal, data: dict[str, str]
) -> None:
    response = alice_client.post(reverse("web:find_need", args=[rehearse.pk]), data)
    assert response.status_code == 200
    assert list(errors_of(response)) == ["need"]
    rehearse.refresh_from_db()
    assert rehearse.need == ""


def test_the_choice_is_a_button_only(alice_client: Client, rehearse: Goal) -> None:
    response = alice_client.get(reverse("web:find_need", args=[rehearse.pk]))
    assert response.status_code == 405


def test_nobody_else_chooses_for_my_goal(
    web_eve: Person, web_bob: Person, rehearse: Goal, client: Client
) -> None:
    url = reverse("web:find_need", args=[rehearse.pk])
    for person in (web_eve, web_bob):
        assert client_for(person).post(url, {"need": "sponsor"}).status_code == 404
    missing = reverse("web:find_need", args=[rehearse.pk + 1000])
    assert client_for(web_eve).post(missing, {"need": "sponsor"}).status_code == 404
    signed_out = client.post(url, {"need": "sponsor"})
    assert signed_out.status_code == 302 and "login" in signed_out["Location"]
    rehearse.refresh_from_db()
    assert rehearse.need == ""


def test_nobody_else_sees_my_goals_suggestion(web_eve: Person, rehearse: Goal) -> None:
    page = _text(client_for(web_eve).get(reverse("web:find")))
    assert rehearse.title not in page
    assert f"need-{rehearse.pk}" not in page


# The goal form and the goal list ---------------------------------------------------------


def test_the_goal_form_sets_and_keeps_the_need(alice_client: Client, web_alice: Person) -> None:
    response = alice_client.post(
        reverse("web:goal_new"), {"title": "Get promoted", "status": "open", "need": "sponsor"}
    )
    assert response.status_code == 302
    goal = Goal.objects.get(person=web_alice, title="Get promoted")
    assert goal.need == "sponsor"
    edit = reverse("web:goal_edit", args=[goal.pk])
    form = alice_client.get(edit).content.decode()
    assert '<option value="sponsor" selected>' in form
    alice_client.post(edit, {"title": "Get promoted", "status": "open", "need": ""})
    goal.refresh_from_db()
    assert goal.need == ""
    listing = _text(alice_client.get(reverse("web:goals")))
    assert "Not chosen yet" in listing


def test_the_goal_form_refuses_an_unknown_need(alice_client: Client, web_alice: Person) -> None:
    response = alice_client.post(
        reverse("web:goal_new"), {"title": "Get promoted", "status": "open", "need": "boss"}
    )
    assert response.status_code == 200
    assert list(errors_of(response)) == ["need"]
    assert not Goal.objects.filter(person=web_alice).exists()


# Fit and ask follow the choice -------------------------------------------------------------


def test_a_prospect_added_for_a_coach_goal_is_asked_to_coach(
    alice_client: Client,
    web_alice: Person,
    web_pia: Person,
) -> None:
    goal = goal_create(person=web_alice, title="Rehearse team leadership talks", need="coach")
    fit = _text(alice_client.get(reverse("web:fit", args=[goal.pk])))
    assert "This goal needs: <strong>Coach</strong>." in fit
    response = alice_client.post(
        reverse("web:fit_prospect", args=[goal.pk]), {"candidate": f"person:{web_pia.pk}"}
    )
    relationship = Relationship.objects.get(mentee=web_alice, mentor=web_pia)
    assert relationship.kind == "coach"
    assert response["Location"] == reverse("web:ask", args=[relationship.pk])
    ask = _text(alice_client.get(response["Location"]))
    assert "Asking for: <strong>Coach</strong>." in ask
    assert str(KINDS["coach"].explanation) in ask
    assert "Would you be open to coaching me?" in ask
    assert "mentoring me" not in ask
    assert "subject=Would you coach me?" in unquote(ask)


def test_a_goal_without_a_need_still_takes_a_mentor(
    alice_client: Client, web_alice: Person, web_goal: Goal, web_pia: Person
) -> None:
    fit = _text(alice_client.get(reverse("web:fit", args=[web_goal.pk])))
    assert "No kind of help chosen for this goal yet" in fit
    alice_client.post(
        reverse("web:fit_prospect", args=[web_goal.pk]), {"candidate": f"person:{web_pia.pk}"}
    )
    assert Relationship.objects.get(mentee=web_alice, mentor=web_pia).kind == "mentor"
