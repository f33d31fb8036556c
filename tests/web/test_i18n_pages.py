"""Words a German-speaking tester found in English, or in the wrong form: the
sign-in field's name, the names of ledger entries and meetings, status codes,
quotes, the language switcher and the import formats. English stays as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tribe.ledger.models import Gratitude, Touchpoint
from tribe.meetings.models import Meeting
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

GERMAN = "de-DE,de;q=0.9,en;q=0.5"
DAY = dt.date(2026, 3, 9)


def _page(client: Client, url: str, accept_language: str | None = None) -> str:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_sign_in_field_is_named_after_the_email_address(client: Client) -> None:
    assert "Email:" in _page(client, reverse("web:login"))
    assert "E-Mail-Adresse:" in _page(client, reverse("web:login"), GERMAN)
    wrong = {"username": "nobody@example.com", "password": "not-it"}
    response = client.post(reverse("web:login"), wrong, headers={"Accept-Language": GERMAN})
    assert "E-Mail-Adresse" in response.content.decode()


def test_entries_and_meetings_name_themselves_with_a_local_date() -> None:
    touchpoint = Touchpoint(kind=Touchpoint.Kind.CALL, happened_on=DAY)
    gratitude = Gratitude(kind=Gratitude.Kind.values[0], given_on=DAY)
    meeting = Meeting(starts_at=dt.datetime(2026, 3, 9, 15, tzinfo=dt.UTC))
    with translation.override("en"):
        assert str(touchpoint) == "Call on 9 Mar 2026"
        assert str(gratitude).endswith(" on 9 Mar 2026")
        assert str(meeting) == "Meeting on 9 Mar 2026"
    with translation.override("de"):
        assert str(touchpoint).endswith(" am 9. März 2026")
        assert str(meeting) == "Treffen am 9. März 2026"


def test_find_shows_each_mentor_s_status_as_its_label(
    alice_client: Client, web_relationship: Relationship
) -> None:
    english = _page(alice_client, reverse("web:find"))
    assert '<span class="meta">(Active)</span>' in english
    assert "(active)" not in english
    assert '<span class="meta">(Aktiv)</span>' in _page(alice_client, reverse("web:find"), GERMAN)


def test_the_switcher_names_each_language_in_itself(client: Client) -> None:
    for accept_language in (None, GERMAN):
        page = _page(client, reverse("web:landing"), accept_language)
        assert 'lang="en"' in page and ">English</option>" in page
        assert 'lang="de"' in page and ">Deutsch</option>" in page


def test_the_import_formats_have_readable_names(alice_client: Client) -> None:
    page = _page(alice_client, reverse("web:contact_import"))
    for value, label in (("linkedin", "LinkedIn export"), ("vcard", "vCard"), ("csv", "CSV")):
        assert f'<option value="{value}">{label}</option>' in page
