"""One-click unsubscribe: a signed link per person and topic, no sign-in needed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PersonFactory
from tribe.outbox.models import Preference
from tribe.outbox.selectors import is_muted, preference_for
from tribe.outbox.unsubscribe import unsubscribe_token, unsubscribe_url

pytestmark = pytest.mark.django_db


def test_the_link_shows_what_it_switches_off_and_changes_nothing_yet(client: Client) -> None:
    person = PersonFactory()
    token = unsubscribe_token(person_id=person.pk, topic="digest")
    page = client.get(reverse("web:unsubscribe", args=[token]))
    assert page.status_code == 200
    assert "Stop the digest" in page.content.decode()
    assert preference_for(person_id=person.pk).digest == Preference.Digest.WEEKLY


def test_a_mail_clients_one_click_post_needs_no_csrf_token() -> None:
    person = PersonFactory()
    client = Client(enforce_csrf_checks=True)
    url = unsubscribe_url(person_id=person.pk, topic="nudge_at_risk")
    path = url.removeprefix("http://localhost:8000")
    done = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert is_muted(preference_for(person_id=person.pk), "nudge_at_risk")
    assert not is_muted(preference_for(person_id=person.pk), "nudge_request")
    assert client.post(path).status_code == 200  # twice is the same
    assert preference_for(person_id=person.pk).muted == ["nudge_at_risk"]


@pytest.mark.parametrize("token", ["nonsense", "eyJwIjoxLCJ0IjoiZGlnZXN0In0:bad:sig"])
def test_a_forged_or_broken_link_is_a_404_that_changes_nothing(client: Client, token: str) -> None:
    person = PersonFactory()
    answer = client.post(reverse("web:unsubscribe", args=[token]))
    assert answer.status_code == 404
    assert "not valid" in answer.content.decode()
    assert not Preference.objects.filter(person=person).exists()


def test_a_link_of_an_account_that_is_gone_is_refused(client: Client) -> None:
    person = PersonFactory(is_active=False)
    token = unsubscribe_token(person_id=person.pk, topic="digest")
    assert client.post(reverse("web:unsubscribe", args=[token])).status_code == 404
