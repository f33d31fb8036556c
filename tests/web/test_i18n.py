"""Pages in German: chosen by the browser (Accept-Language) or by the footer's
switcher, with German words, ``<html lang="de">`` and German dates and numbers;
English stays the default."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import today_of
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

GERMAN = "de-DE,de;q=0.9,en;q=0.5"
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]  # fmt: skip


def _page(client: Client, url: str, accept_language: str | None = None) -> str:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_browser_s_language_is_used_on_public_pages(client: Client) -> None:
    landing = _page(client, reverse("web:landing"), GERMAN)
    assert '<html lang="de">' in landing
    assert "<h1>Tribe: Mentoren, die passen, Beziehungen, die halten</h1>" in landing
    assert ">Registrieren</a>" in landing and ">Anmelden</a>" in landing
    assert "Zum Hauptinhalt springen" in landing

    login = _page(client, reverse("web:login"), GERMAN)
    assert "<h1>Anmelden</h1>" in login
    assert ">Passwort vergessen?</a>" in login
    assert '<button type="submit">Anmelden</button>' in login


def test_today_is_in_german_with_a_german_date(alice_client: Client, web_alice: Person) -> None:
    page = _page(alice_client, reverse("web:today"), GERMAN)
    day = today_of(web_alice)
    assert '<html lang="de">' in page
    assert (
        f"<h1>Heute, {WEEKDAYS[day.weekday()]}, {day.day}. {MONTHS[day.month - 1]} {day.year}</h1>"
        in page
    )
    assert '<nav aria-label="Hauptnavigation">' in page
    assert ">Mentoren finden</a>" in page and ">Abmelden</button>" in page
    assert "In Ihrer Zeitzone, Europe/Paris." in page


def test_a_relationship_page_is_in_german(
    alice_client: Client, web_relationship: Relationship
) -> None:
    page = _page(alice_client, reverse("web:relationship", args=[web_relationship.pk]), GERMAN)
    for heading in ("Vereinbarung", "Treffen", "Notizen", "Aufgaben", "Kontaktprotokoll"):
        assert f">{heading}</h2>" in page
    # Active since 10 March 2025 (the fixture's moment), as a German date.
    assert "</strong> seit 10. März 2025" in page
    assert "<summary>Treffen planen</summary>" in page


def test_numbers_use_the_german_decimal_comma(
    alice_client: Client, web_goal: Goal, web_pia: Person
) -> None:
    page = _page(alice_client, reverse("web:fit", args=[web_goal.pk]), GERMAN)
    assert re.search(r"<strong>\d+,\d{3}</strong>", page)  # the score
    assert not re.search(r"<strong>\d+\.\d{3}</strong>", page)
    assert "2 freie Plätze" in page


def test_the_switcher_lists_the_languages_and_remembers_the_choice(client: Client) -> None:
    landing = _page(client, reverse("web:landing"))
    assert f'action="{reverse("set_language")}"' in landing
    assert '<option value="en" lang="en" selected>English</option>' in landing
    assert '<option value="de" lang="de">Deutsch</option>' in landing

    response = client.post(
        reverse("set_language"), {"language": "de", "next": reverse("web:login")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:login")
    # No Accept-Language from here on: the cookie the switcher set decides.
    login = _page(client, reverse("web:login"))
    assert '<html lang="de">' in login and "<h1>Anmelden</h1>" in login
    assert '<option value="de" lang="de" selected>Deutsch</option>' in login

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "<h1>Log in</h1>" in _page(client, reverse("web:login"))


def test_english_is_the_default(client: Client) -> None:
    for accept_language in (None, "fr-FR,fr;q=0.9"):
        page = _page(client, reverse("web:login"), accept_language)
        assert '<html lang="en">' in page and "<h1>Log in</h1>" in page


def test_english_dates_keep_their_form(alice_client: Client, web_alice: Person) -> None:
    page = _page(alice_client, reverse("web:today"))
    day = today_of(web_alice)
    assert f"<h1>Today, {day:%A} {day.day} {day:%B %Y}</h1>" in page
