"""Tribe's own error pages: in the reader's language, never a traceback, and with
the status codes Django gives them."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

GERMAN = "de-DE,de;q=0.9,en;q=0.5"
MISSING = "/no-such-page/"


def _get(client: Client, accept_language: str | None = None) -> tuple[int, str]:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get(MISSING, headers=headers)
    return response.status_code, response.content.decode()


def test_a_missing_page_says_so_in_english(client: Client) -> None:
    status, page = _get(client)
    assert status == 404
    assert '<html lang="en">' in page and "<h1>Page not found</h1>" in page
    assert "Traceback" not in page and "Tribe" in page


def test_a_missing_page_says_so_in_german(client: Client) -> None:
    status, page = _get(client, GERMAN)
    assert status == 404
    assert '<html lang="de">' in page and "<h1>Seite nicht gefunden</h1>" in page
    assert "Page not found" not in page


def test_a_failed_csrf_check_is_explained_in_the_reader_s_language() -> None:
    client = Client(enforce_csrf_checks=True)
    data = {"username": "x@example.com", "password": "x"}
    english = client.post(reverse("web:login"), data)
    assert english.status_code == 403
    assert "<h1>This form could not be sent</h1>" in english.content.decode()
    german = client.post(reverse("web:login"), data, headers={"Accept-Language": GERMAN})
    assert german.status_code == 403
    page = german.content.decode()
    assert '<html lang="de">' in page and "Dieses Formular konnte nicht gesendet werden" in page
    assert "CSRF verification failed" not in page


def test_the_server_error_page_stands_alone() -> None:
    request = RequestFactory().get("/")
    with translation.override("en"):
        english = server_error(request)
    assert english.status_code == 500
    assert '<html lang="en">' in english.content.decode()
    assert "<h1>Server error</h1>" in english.content.decode()
    with translation.override("de"):
        german = server_error(request).content.decode()
    assert '<html lang="de">' in german and "<h1>Serverfehler</h1>" in german
