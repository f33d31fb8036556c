"""The fresh calendar-feed address is shown once, in the answer to the POST, and kept nowhere."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tribe.web.views.calendar import SESSION_KEY

pytestmark = pytest.mark.django_db


def _token_of(links: dict[str, str]) -> str:
    return links["https"].rsplit("/", 1)[1].removesuffix(".ics")


def test_the_new_address_is_in_the_answer_and_never_in_the_session(alice_client: Client) -> None:
    response = alice_client.post(reverse("web:calendar_rotate"))
    # Not in the session, not even between the POST and the page that shows it.
    assert SESSION_KEY not in alice_client.session
    assert response.status_code == 200
    token = _token_of(response.context["links"])
    assert len(token) >= 40 and token in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert "made. Any earlier address no longer works" in response.content.decode()

    for row in Session.objects.all():
        assert token not in row.session_data
        assert token not in repr(row.get_decoded())
    assert SESSION_KEY not in alice_client.session
    # Shown once: the settings page no longer has it.
    again = alice_client.get(reverse("web:calendar"))
    assert again.context["links"] is None and token not in again.content.decode()


def test_an_address_left_in_a_session_by_an_earlier_version_is_dropped_unshown(
    alice_client: Client,
) -> None:
    session = alice_client.session
    session[SESSION_KEY] = "an-old-token-kept-in-the-session"
    session.save()
    page = alice_client.get(reverse("web:calendar"))
    assert page.context["links"] is None
    assert "an-old-token" not in page.content.decode()
    assert SESSION_KEY not in alice_client.session
