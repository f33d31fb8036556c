"""Every page: the owner gets it, an anonymous visitor is sent to log in, an outsider gets 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

PUBLIC = [
    "web:landing",
    "web:login",
    "web:signup",
    "web:password_reset",
    "web:password_reset_done",
    "web:password_reset_complete",
]

# (url name, fixture holding the object, or None for pages without one)
OWN_PAGES: list[tuple[str, str | None]] = [
    ("web:today", None),
    ("web:profile", None),
    ("web:availability", None),
    ("web:password_change", None),
    ("web:goals", None),
    ("web:goal_new", None),
    ("web:goal_edit", "web_goal"),
    ("web:goal_delete", "web_goal"),
    ("web:contacts", None),
    ("web:contact_new", None),
    ("web:contact_import", None),
    ("web:contact_edit", "web_contact"),
    ("web:contact_delete", "web_contact"),
    ("web:relationships", None),
    ("web:relationship_new", None),
    ("web:relationship", "web_relationship"),
    ("web:relationship_edit", "web_relationship"),
    ("web:relationship_status", "web_relationship"),
    ("web:agreement_edit", "web_relationship"),
    ("web:relationship_delete", "web_relationship"),
    ("web:meeting_new", "web_relationship"),
    ("web:note_new", "web_relationship"),
    ("web:action_new", "web_relationship"),
    ("web:meeting_edit", "web_meeting"),
    ("web:meeting_delete", "web_meeting"),
    ("web:note_edit", "web_private_note"),
    ("web:note_delete", "web_private_note"),
    ("web:action_edit", "web_action"),
    ("web:action_delete", "web_action"),
]
OBJECT_PAGES = [(name, fixture) for name, fixture in OWN_PAGES if fixture]
# POST-only endpoints that change one object.
POST_ONLY = [("web:meeting_mark", "web_meeting"), ("web:action_done", "web_action")]


def _url(name: str, fixture: str | None, request: pytest.FixtureRequest) -> str:
    if fixture is None:
        return reverse(name)
    return reverse(name, args=[request.getfixturevalue(fixture).pk])


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_answer_anonymous_visitors(client: Client, name: str) -> None:
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize(("name", "fixture"), OWN_PAGES)
def test_owner_gets_the_page(
    alice_client: Client, name: str, fixture: str | None, request: pytest.FixtureRequest
) -> None:
    response = alice_client.get(_url(name, fixture, request))
    assert response.status_code == 200
    assert b'<main id="main"' in response.content


@pytest.mark.parametrize(("name", "fixture"), OWN_PAGES + POST_ONLY)
def test_anonymous_visitor_is_sent_to_log_in(
    client: Client, name: str, fixture: str | None, request: pytest.FixtureRequest
) -> None:
    url = _url(name, fixture, request)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login") + "?next=")


@pytest.mark.parametrize(("name", "fixture"), OBJECT_PAGES + POST_ONLY)
def test_outsider_gets_404_for_get_and_post(
    eve_client: Client, name: str, fixture: str, request: pytest.FixtureRequest
) -> None:
    url = _url(name, fixture, request)
    assert eve_client.get(url).status_code in (404, 405)
    assert eve_client.post(url, {"status": "held", "done": "1", "body": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("name", "fixture"),
    [(n, f) for n, f in OBJECT_PAGES if f != "web_goal" and f != "web_contact"] + POST_ONLY,
)
def test_the_other_side_reaches_shared_pages_but_not_notes_it_did_not_write(
    bob_client: Client, name: str, fixture: str, request: pytest.FixtureRequest
) -> None:
    """Bob is Alice's mentor: the relationship is his too, her notes are not."""
    url = _url(name, fixture, request)
    expected = 404 if name.startswith("web:note_") and fixture == "web_private_note" else 200
    if (name, fixture) in POST_ONLY:
        assert bob_client.get(url).status_code == 405
    else:
        assert bob_client.get(url).status_code == expected


def test_a_shared_note_is_still_only_editable_by_its_author(
    bob_client: Client, web_shared_note: Any
) -> None:
    for name in ("web:note_edit", "web:note_delete"):
        url = reverse(name, args=[web_shared_note.pk])
        assert bob_client.get(url).status_code == 404
        assert bob_client.post(url, {"body": "changed", "visibility": "shared"}).status_code == 404
    web_shared_note.refresh_from_db()
    assert web_shared_note.body.startswith("SHARED")


@pytest.mark.parametrize(
    "name",
    [
        "web:goal_edit",
        "web:contact_edit",
        "web:relationship",
        "web:meeting_edit",
        "web:note_edit",
        "web:action_edit",
    ],
)
def test_unknown_ids_are_404(alice_client: Client, name: str) -> None:
    assert alice_client.get(reverse(name, args=[999999])).status_code == 404


def test_logout_needs_post(alice_client: Client) -> None:
    assert alice_client.get(reverse("web:logout")).status_code == 405
    response = alice_client.post(reverse("web:logout"))
    assert response.status_code == 302
    assert alice_client.get(reverse("web:today")).status_code == 302
