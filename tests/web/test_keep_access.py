"""Every keep-in-touch page: the owner gets it, an anonymous visitor is sent to log in,
an outsider gets 404; the other side of the relationship reaches what is shared."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

# (url name, fixture holding the object, or None for pages without one)
PAGES: list[tuple[str, str | None]] = [
    ("web:overdue", None),
    ("web:advice_log", None),
    ("web:gratitude", None),
    ("web:updates", None),
    ("web:wins", None),
    ("web:calendar", None),
    ("web:touchpoint_new", "web_relationship"),
    ("web:snooze", "web_relationship"),
    ("web:question_new", "web_relationship"),
    ("web:advice_new", "web_relationship"),
    ("web:gratitude_new", "web_relationship"),
    ("web:update_cadence", "web_relationship"),
    ("web:update_send", "web_relationship"),
    ("web:update_email", "web_relationship"),
    ("web:schedule", "web_relationship"),
    ("web:series_new", "web_relationship"),
    ("web:touchpoint_delete", "web_touchpoint"),
    ("web:question_delete", "web_question"),
    ("web:advice_decide", "web_advice"),
    ("web:advice_outcome", "web_advice"),
    ("web:win_delete", "web_win"),
    ("web:series_cancel", "web_series"),
    ("web:meeting", "web_meeting"),
    ("web:meeting_print", "web_meeting"),
    ("web:agenda_edit", "web_meeting"),
]
DOWNLOADS = [("web:meeting_invite", "web_meeting"), ("web:series_invite", "web_series")]
POST_ONLY = [
    ("web:unsnooze", "web_relationship"),
    ("web:question_answered", "web_question"),
    ("web:advice_report_back", "web_advice"),
    ("web:follow_up_sent", "web_meeting"),
    ("web:follow_up_email", "web_meeting"),
    ("web:calendar_rotate", None),
    ("web:calendar_revoke", None),
]
OBJECTS = [(n, f) for n, f in PAGES + DOWNLOADS + POST_ONLY if f]
#: Objects that are their author's or recorder's alone: the other side gets 404 too.
PERSONAL = {"web_touchpoint", "web_advice", "web_win"}
#: Pages of a shared object that only its author may use (the other side reads it).
AUTHOR_ONLY = {"web:question_delete"}


def _url(name: str, fixture: str | None, request: pytest.FixtureRequest) -> str:
    if fixture is None:
        return reverse(name)
    return reverse(name, args=[request.getfixturevalue(fixture).pk])


@pytest.mark.parametrize(("name", "fixture"), PAGES + DOWNLOADS)
def test_owner_gets_the_page(
    alice_client: Client, name: str, fixture: str | None, request: pytest.FixtureRequest
) -> None:
    response = alice_client.get(_url(name, fixture, request))
    assert response.status_code == 200
    if (name, fixture) in DOWNLOADS:
        assert response["Content-Type"].startswith("text/calendar")
    elif name != "web:meeting_print":
        assert b'<main id="main"' in response.content
        assert b'<nav aria-label="Keep in touch"' in response.content


@pytest.mark.parametrize(("name", "fixture"), PAGES + DOWNLOADS + POST_ONLY)
def test_anonymous_visitor_is_sent_to_log_in(
    client: Client, name: str, fixture: str | None, request: pytest.FixtureRequest
) -> None:
    url = _url(name, fixture, request)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login") + "?next=")


@pytest.mark.parametrize(("name", "fixture"), OBJECTS)
def test_outsider_gets_404_for_get_and_post(
    eve_client: Client, name: str, fixture: str, request: pytest.FixtureRequest
) -> None:
    url = _url(name, fixture, request)
    assert eve_client.get(url).status_code in (404, 405)
    assert eve_client.post(url, {"answered": "1", "report_back": "1"}).status_code == 404


@pytest.mark.parametrize(("name", "fixture"), [(n, f) for n, f in PAGES + DOWNLOADS if f])
def test_the_other_side_reaches_shared_pages_but_not_personal_records(
    bob_client: Client, name: str, fixture: str, request: pytest.FixtureRequest
) -> None:
    expected = 404 if fixture in PERSONAL or name in AUTHOR_ONLY else 200
    assert bob_client.get(_url(name, fixture, request)).status_code == expected


@pytest.mark.parametrize(
    "name",
    [
        "web:meeting",
        "web:meeting_print",
        "web:meeting_invite",
        "web:advice_decide",
        "web:win_delete",
        "web:series_cancel",
        "web:question_delete",
        "web:touchpoint_delete",
        "web:schedule",
    ],
)
def test_unknown_ids_are_404(alice_client: Client, name: str) -> None:
    assert alice_client.get(reverse(name, args=[999999])).status_code == 404


def test_the_nav_marks_the_current_keep_in_touch_page(alice_client: Client) -> None:
    page = alice_client.get(reverse("web:advice_log")).content.decode()
    assert f'<a href="{reverse("web:advice_log")}" aria-current="page">Advice</a>' in page
    assert f'<a href="{reverse("web:overdue")}">Overdue</a>' in page
