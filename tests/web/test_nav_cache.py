"""The site navigation is rendered once per page and language, then kept:
each page still marks itself, in the visitor's language, and the mentor links
show only to people open to mentoring."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests.web.conftest import client_for
from tribe.people.models import Person


def _current(page: str) -> list[str]:
    """The navigation entries marked as the current page."""
    return re.findall(r'<a href="([^"]+)" aria-current="page">', page)


def test_each_page_marks_itself_after_another_was_shown(alice_client: Client) -> None:
    for name in ("today", "goals", "today", "advice_log", "contacts", "goals"):
        page = alice_client.get(reverse(f"web:{name}")).content.decode()
        assert _current(page) == [reverse(f"web:{name}")], name


def test_a_page_outside_the_navigation_marks_nothing(alice_client: Client) -> None:
    alice_client.get(reverse("web:today"))
    page = alice_client.get(reverse("web:goal_new")).content.decode()
    assert _current(page) == []


def test_the_navigation_follows_the_language(alice_client: Client) -> None:
    english = alice_client.get(reverse("web:goals"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    german = alice_client.get(reverse("web:goals"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f'<a href="{reverse("web:relationships")}">Relationships</a>' in english
    assert f'<a href="{reverse("web:relationships")}">Beziehungen</a>' in german
    assert f'<a href="{reverse("web:overdue")}">Überfällig</a>' in german


def test_mentor_links_show_only_to_people_open_to_mentoring(
    web_alice: Person, web_bob: Person
) -> None:
    requests = f'<a href="{reverse("web:requests")}">'
    assert web_bob.open_to_mentoring and not web_alice.open_to_mentoring
    assert requests in client_for(web_bob).get(reverse("web:today")).content.decode()
    assert requests not in client_for(web_alice).get(reverse("web:today")).content.decode()
