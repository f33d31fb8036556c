"""Step 3, check fit: the explained ranking on the page, adding a prospect, and the
not-a-match memory (a ruled-out candidate leaves the page and comes back on undo)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import errors_of
from tribe.matching.errors import MatchingCode
from tribe.matching.models import NotAMatch
from tribe.matching.selectors import fit_ranking
from tribe.people.models import Goal, Person
from tribe.people.services import ContactInput, contact_create, goal_create
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _candidate_html(page: str, kind: str, pk: int) -> str:
    """The part of the fit page about one candidate."""
    start = page.index(f'id="candidate-{kind}-{pk}"')
    end = page.find('<li class="card" id="candidate-', start + 1)
    return page[start : end if end != -1 else len(page)]


def _shown_terms(html: str) -> list[str]:
    return re.findall(r'<span class="term">([^<]*)</span>', html)


def _ranked_ids(response: Any) -> list[tuple[str, int]]:
    return [(row.kind, row.id) for row, _, _ in response.context["rows"]]


@pytest.fixture
def web_kai(make_person: Callable[..., Person]) -> Person:
    """An open mentor whose expertise has nothing to do with Alice's goal."""
    return make_person(
        "Kai Kube",
        open_to_mentoring=True,
        mentee_capacity=1,
        seniority=3,
        expertise=["kubernetes"],
        offers="Cluster operations",
    )


def test_the_page_shows_the_explanation_that_produced_each_score(
    alice_client: Client, web_alice: Person, web_goal: Goal, web_pia: Person, web_kai: Person
) -> None:
    contact_create(
        owner=web_alice,
        data=ContactInput(name="Lena Lead", headline="Leads a team of engineers"),
    )
    response = alice_client.get(reverse("web:fit", args=[web_goal.pk]))
    page = response.content.decode()

    expected = fit_ranking(person=web_alice, goal=web_goal)
    assert _ranked_ids(response) == [(r.kind, r.id) for r in expected]
    assert expected[0].id == web_pia.pk and expected[0].matched_terms  # meets her expertise
    for row in expected:
        html = _candidate_html(page, row.kind, row.id)
        assert _shown_terms(html) == row.matched_terms
        assert f"<strong>{row.score:.3f}</strong>" in html
        for value in row.explanation.contributions.values():
            assert f"{value:.3f}" in html
        hours = row.explanation.overlap_hours
        assert (f"{hours:.1f} hours a day" if hours is not None else "unknown") in html
    pia = _candidate_html(page, "person", web_pia.pk)
    assert "2 free places" in pia
    assert "12 years more than mine" in pia
    assert "<meter" in pia


def test_a_full_mentor_is_shown_as_full(
    alice_client: Client,
    web_goal: Goal,
    web_kai: Person,
    make_person: Callable[..., Person],
) -> None:
    relationship_agreed(
        created_by=make_person("Someone Else"),
        my_role="mentee",
        other_person=web_kai,
        status="active",
    )
    response = alice_client.get(reverse("web:fit", args=[web_goal.pk]))
    html = _candidate_html(response.content.decode(), "person", web_kai.pk)
    assert "<strong>full</strong>" in html
    # Shown as full, not offered: no "add as prospect", and a pointer to one with a place.
    assert "web:fit_prospect" not in html and "Add as prospect" not in html
    assert "cannot be asked" in html
    assert _ranked_ids(response)[-1] == ("person", web_kai.pk)  # after every open one


def test_a_full_mentor_cannot_be_taken_on_and_the_next_open_one_is_named(
    alice_client: Client,
    web_alice: Person,
    web_goal: Goal,
    web_kai: Person,
    web_pia: Person,
    make_person: Callable[..., Person],
) -> None:
    for k in range(web_pia.mentee_capacity):
        relationship_agreed(
            created_by=make_person(f"Mentee {k}"),
            my_role="mentee",
            other_person=web_pia,
            status="active",
        )
    response = alice_client.post(
        reverse("web:fit_prospect", args=[web_goal.pk]), {"candidate": f"person:{web_pia.pk}"}
    )
    assert response.status_code == 200
    (message,) = errors_of(response)["__all__"]
    assert message == MatchingCode.MENTOR_FULL.message(name=web_pia.name, next=web_kai.name)
    assert not Relationship.objects.filter(mentee=web_alice).exists()


def test_not_a_match_is_remembered_and_undone(
    alice_client: Client, web_alice: Person, web_goal: Goal, web_pia: Person, web_kai: Person
) -> None:
    fit = reverse("web:fit", args=[web_goal.pk])
    response = alice_client.post(
        reverse("web:not_a_match", args=[web_goal.pk]),
        {"candidate": f"person:{web_pia.pk}", "reason": "No time this year", "scope": "goal"},
    )
    assert response.status_code == 302 and response["Location"] == fit

    page = alice_client.get(fit)
    assert ("person", web_pia.pk) not in _ranked_ids(page)
    assert [n.reason for n in page.context["ruled_out"]] == ["No time this year"]
    # Only for this goal: another goal still ranks her.
    other = goal_create(person=web_alice, title="Engineering management basics")
    assert ("person", web_pia.pk) in _ranked_ids(
        alice_client.get(reverse("web:fit", args=[other.pk]))
    )

    entry = NotAMatch.objects.get(person=web_alice)
    response = alice_client.post(reverse("web:not_a_match_undo", args=[web_goal.pk, entry.pk]))
    assert response.status_code == 302
    page = alice_client.get(fit)
    assert ("person", web_pia.pk) in _ranked_ids(page)
    assert page.context["ruled_out"] == []


def test_not_a_match_for_all_goals_leaves_every_ranking(
    alice_client: Client, web_alice: Person, web_goal: Goal, web_pia: Person
) -> None:
    other = goal_create(person=web_alice, title="Engineering management basics")
    alice_client.post(
        reverse("web:not_a_match", args=[web_goal.pk]),
        {"candidate": f"person:{web_pia.pk}", "reason": "We work together", "scope": "all"},
    )
    for goal in (web_goal, other):
        page = alice_client.get(reverse("web:fit", args=[goal.pk]))
        assert ("person", web_pia.pk) not in _ranked_ids(page)
        assert [n.reason for n in page.context["ruled_out"]] == ["We work together"]


def test_not_a_match_without_a_reason_is_refused_and_writes_nothing(
    alice_client: Client, web_goal: Goal, web_pia: Person
) -> None:
    response = alice_client.post(
        reverse("web:not_a_match", args=[web_goal.pk]),
        {"candidate": f"person:{web_pia.pk}", "reason": "  ", "scope": "goal"},
    )
    assert response.status_code == 200
    assert errors_of(response) == {"reason": [MatchingCode.REASON_NEEDED.template]}
    assert not NotAMatch.objects.exists()


@pytest.mark.parametrize("candidate", ["person:999999", "contact:999999", "robot:1", ""])
def test_not_a_match_for_an_unknown_candidate_is_refused(
    alice_client: Client, web_goal: Goal, candidate: str
) -> None:
    response = alice_client.post(
        reverse("web:not_a_match", args=[web_goal.pk]),
        {"candidate": candidate, "reason": "Nope", "scope": "goal"},
    )
    assert errors_of(response) == {"__all__": [MatchingCode.NO_CANDIDATE.template]}
    assert not NotAMatch.objects.exists()


def test_someone_elses_contact_is_not_a_candidate(
    alice_client: Client, web_goal: Goal, web_eve: Person
) -> None:
    theirs = contact_create(owner=web_eve, data=ContactInput(name="Eve's friend"))
    for name, data in [
        ("web:not_a_match", {"reason": "Nope", "scope": "goal"}),
        ("web:fit_prospect", {}),
    ]:
        response = alice_client.post(
            reverse(name, args=[web_goal.pk]), {"candidate": f"contact:{theirs.pk}", **data}
        )
        assert errors_of(response) == {"__all__": [MatchingCode.NO_CANDIDATE.template]}
    assert not NotAMatch.objects.exists()
    assert not Relationship.objects.exists()


def test_add_as_prospect_links_the_goal_and_goes_to_the_ask_page(
    alice_client: Client, web_alice: Person, web_goal: Goal, web_pia: Person
) -> None:
    fit = reverse("web:fit", args=[web_goal.pk])
    response = alice_client.post(
        reverse("web:fit_prospect", args=[web_goal.pk]), {"candidate": f"person:{web_pia.pk}"}
    )
    relationship = Relationship.objects.get(mentee=web_alice, mentor=web_pia)
    assert response["Location"] == reverse("web:ask", args=[relationship.pk])
    assert relationship.status == "prospect"
    assert list(relationship.goals.all()) == [web_goal]
    # An open relationship takes her off the ranking ...
    assert ("person", web_pia.pk) not in _ranked_ids(alice_client.get(fit))
    # ... and a second one is refused, writing nothing.
    response = alice_client.post(
        reverse("web:fit_prospect", args=[web_goal.pk]), {"candidate": f"person:{web_pia.pk}"}
    )
    assert response.status_code == 200
    assert list(errors_of(response)) == ["__all__"]
    assert "already an open mentor relationship" in errors_of(response)["__all__"][0]
    assert Relationship.objects.count() == 1


def test_a_contact_can_be_added_as_prospect(
    alice_client: Client, web_alice: Person, web_goal: Goal
) -> None:
    lena = contact_create(
        owner=web_alice, data=ContactInput(name="Lena Lead", email="lena@example.org")
    )
    response = alice_client.post(
        reverse("web:fit_prospect", args=[web_goal.pk]), {"candidate": f"contact:{lena.pk}"}
    )
    relationship = Relationship.objects.get(mentee=web_alice, mentor_contact=lena)
    assert response["Location"] == reverse("web:ask", args=[relationship.pk])
