"""Every finding-mentors and mentor-mode page: the owner gets it, an anonymous visitor is
sent to log in, an outsider gets 404; outreach is the mentee's and answers the mentor's."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import client_for
from tribe.matching.models import NotAMatch
from tribe.matching.services import not_a_match_mark
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

# (url name, fixture holding the object or None, the fixture of the person it is for)
PAGES: list[tuple[str, str | None, str]] = [
    ("web:find", None, "web_alice"),
    ("web:fit", "web_goal", "web_alice"),
    ("web:not_a_match", "web_goal", "web_alice"),
    ("web:ask", "web_prospect", "web_alice"),
    ("web:start", "web_prospect", "web_alice"),
    ("web:requests", None, "web_pia"),
    ("web:request_decline", "web_asked", "web_pia"),
    ("web:request_info", "web_asked", "web_pia"),
    ("web:impact", None, "web_pia"),
    ("web:tribe", None, "web_alice"),
]
POST_ONLY: list[tuple[str, str, str]] = [
    ("web:fit_prospect", "web_goal", "web_alice"),
    ("web:ask_send", "web_prospect", "web_alice"),
    ("web:ask_email", "web_prospect", "web_alice"),
    ("web:ask_thank_you_email", "web_prospect", "web_alice"),
    ("web:ask_nudge", "web_asked", "web_alice"),
    ("web:ask_answer", "web_asked", "web_alice"),
    ("web:request_accept", "web_asked", "web_pia"),
]
OBJECTS = [(n, f) for n, f, _ in PAGES + POST_ONLY if f]
MENTEE_ONLY = [
    "web:ask",
    "web:ask_send",
    "web:ask_email",
    "web:ask_thank_you_email",
    "web:ask_nudge",
    "web:ask_answer",
]
MENTOR_ONLY = ["web:request_decline", "web:request_info", "web:request_accept"]


def _url(name: str, fixture: str | None, request: pytest.FixtureRequest) -> str:
    if fixture is None:
        return reverse(name)
    return reverse(name, args=[request.getfixturevalue(fixture).pk])


@pytest.fixture
def web_ruled_out(web_alice: Person, web_pia: Person, web_goal: Goal) -> NotAMatch:
    return not_a_match_mark(
        person=web_alice, goal=web_goal, candidate_person=web_pia, reason="Too busy"
    )


@pytest.mark.parametrize(("name", "fixture", "owner"), PAGES)
def test_owner_gets_the_page(
    name: str, fixture: str | None, owner: str, request: pytest.FixtureRequest
) -> None:
    url = _url(name, fixture, request)
    response = client_for(request.getfixturevalue(owner)).get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "fixture"), [(n, f) for n, f, _ in PAGES + POST_ONLY])
def test_anonymous_is_sent_to_log_in(
    client: Client, name: str, fixture: str | None, request: pytest.FixtureRequest
) -> None:
    url = _url(name, fixture, request)
    post_only = (name, fixture) in [(n, f) for n, f, _ in POST_ONLY]
    response = client.post(url) if post_only else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_anonymous_cannot_undo(client: Client, web_goal: Goal, web_ruled_out: NotAMatch) -> None:
    response = client.post(reverse("web:not_a_match_undo", args=[web_goal.pk, web_ruled_out.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize(("name", "fixture"), OBJECTS)
def test_outsider_gets_404(
    eve_client: Client, name: str, fixture: str, request: pytest.FixtureRequest
) -> None:
    url = _url(name, fixture, request)
    assert eve_client.get(url).status_code in (404, 405)
    assert eve_client.post(url).status_code == 404


def test_outsider_cannot_undo_someone_elses_not_a_match(
    make_person: Callable[..., Person], web_goal: Goal, web_ruled_out: NotAMatch
) -> None:
    eve = client_for(make_person("Eve Other"))
    url = reverse("web:not_a_match_undo", args=[web_goal.pk, web_ruled_out.pk])
    assert eve.post(url).status_code == 404
    assert NotAMatch.objects.filter(pk=web_ruled_out.pk).exists()


def test_undo_through_my_own_goal_still_cannot_reach_someone_elses_entry(
    make_person: Callable[..., Person], web_ruled_out: NotAMatch
) -> None:
    from tribe.people.services import goal_create

    eve = make_person("Eve Other")
    her_goal = goal_create(person=eve, title="Her goal")
    url = reverse("web:not_a_match_undo", args=[her_goal.pk, web_ruled_out.pk])
    assert client_for(eve).post(url).status_code == 404
    assert NotAMatch.objects.filter(pk=web_ruled_out.pk).exists()


@pytest.mark.parametrize("name", MENTEE_ONLY)
def test_the_mentor_gets_404_on_the_mentee_only_outreach_pages(
    web_pia: Person, web_asked: Relationship, name: str
) -> None:
    url = reverse(name, args=[web_asked.pk])
    pia = client_for(web_pia)
    assert pia.get(url).status_code in (404, 405)
    assert pia.post(url).status_code == 404


@pytest.mark.parametrize("name", MENTOR_ONLY)
def test_the_mentee_cannot_answer_her_own_request(
    alice_client: Client, web_asked: Relationship, name: str
) -> None:
    """Her own relationship, so no secret to keep: she is told only Pia answers."""
    url = reverse(name, args=[web_asked.pk])
    response = alice_client.post(url, {"message": "No", "question": "Why?"}, follow=True)
    assert response.status_code == 200
    assert "only the person asked answers a request" in response.content.decode()
    web_asked.refresh_from_db()
    assert (web_asked.status, web_asked.info_request) == ("asked", "")


def test_someone_elses_goal_has_no_fit_page(eve_client: Client, web_goal: Goal) -> None:
    for name in ("web:fit", "web:not_a_match"):
        assert eve_client.get(reverse(name, args=[web_goal.pk])).status_code == 404
    assert eve_client.get(reverse("web:fit", args=[999_999])).status_code == 404
