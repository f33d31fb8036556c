"""My API tokens page: the secret is shown once, in the answer to the POST, and kept
nowhere; revoking is a confirmed POST, and only of my own tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.web.conftest import errors_of
from tribe.accounts.models import ApiToken, SecurityEvent
from tribe.accounts.selectors import token_digest, token_person
from tribe.accounts.services import MAX_LIVE_TOKENS, token_create, token_revoke
from tribe.people.models import Person

pytestmark = pytest.mark.django_db

TOKENS = "/profile/tokens/"


def test_sign_in_is_required(client: Client) -> None:
    response = client.get(TOKENS)
    assert response.status_code == 302 and reverse("web:login") in response["Location"]
    assert client.post(TOKENS, {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_the_profile_links_to_the_page(alice_client: Client) -> None:
    assert TOKENS in alice_client.get(reverse("web:profile")).content.decode()


def test_the_secret_is_shown_once_and_kept_nowhere(alice_client: Client, web_alice: Person) -> None:
    empty = alice_client.get(TOKENS)
    assert empty.status_code == 200 and "No API tokens yet." in empty.content.decode()

    made = alice_client.post(TOKENS, {"name": "nightly backup", "read_only": "on", "days": "30"})
    # The answer itself: no redirect that could carry it in an address.
    assert made.status_code == 200
    secret = made.context["secret"]
    page = made.content.decode()
    assert secret.startswith("tribe_") and secret in page
    assert "Copy it now: it will not be shown again." in page
    assert f'curl -H "Authorization: Bearer {secret}" http://testserver/api/goals' in page
    assert "no-store" in made["Cache-Control"]

    token = ApiToken.objects.get(person=web_alice)
    assert (token.name, token.read_only) == ("nightly backup", True)
    assert token.expires_at == token.created_at + dt.timedelta(days=30)
    assert token.digest == token_digest(secret)
    assert token_person(secret=secret) == (web_alice, token)
    # Not in the session, in any form.
    for row in Session.objects.all():
        assert secret not in row.session_data and secret not in repr(row.get_decoded())

    listed = alice_client.get(TOKENS)
    text = listed.content.decode()
    assert "nightly backup" in text and token.prefix in text and "Read only" in text
    assert secret not in text and token.digest not in text
    confirm = alice_client.get(reverse("web:token_revoke", args=[token.pk]))
    assert secret not in confirm.content.decode()
    assert secret not in alice_client.get(reverse("web:security_log")).content.decode()
    assert "API token created" in alice_client.get(reverse("web:security_log")).content.decode()


def test_a_token_without_end_that_may_change_things(
    alice_client: Client, web_alice: Person
) -> None:
    made = alice_client.post(TOKENS, {"name": "sync", "days": ""})
    assert made.status_code == 200
    assert "It works until you revoke it." in made.content.decode()
    token = ApiToken.objects.get(person=web_alice)
    assert (token.read_only, token.expires_at) == (False, None)


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "   "}, "name", ""),
        ({"name": "x" * 101}, "name", "at most 100"),
        ({"name": "nul\x00byte"}, "name", "Null characters are not allowed"),
        ({"name": "bidi\u202eevil"}, "name", "U+202E"),
        ({"name": "ok", "days": "0"}, "days", "from 1 to 550 days"),
        ({"name": "ok", "days": "551"}, "days", "from 1 to 550 days"),
        ({"name": "ok", "days": "9" * 40}, "days", "from 1 to 550 days"),
        ({"name": "ok", "days": "soon"}, "days", "whole number"),
    ],
)
def test_a_refused_form_is_a_400_and_makes_nothing(
    alice_client: Client, data: dict[str, str], field: str, words: str
) -> None:
    response = alice_client.post(TOKENS, data)
    assert response.status_code == 400
    errors = errors_of(response)
    assert field in errors, errors
    assert words in " ".join(errors[field])
    assert "Copy it now" not in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_limit_of_live_tokens_is_said_on_the_form(
    alice_client: Client, web_alice: Person
) -> None:
    for n in range(MAX_LIVE_TOKENS):
        token_create(person=web_alice, name=f"t{n}")
    response = alice_client.post(TOKENS, {"name": "one too many"})
    assert response.status_code == 400
    assert "revoke one you no longer use first" in response.content.decode()
    assert ApiToken.objects.filter(person=web_alice).count() == MAX_LIVE_TOKENS


def test_revoking_asks_first_then_stops_the_token(alice_client: Client, web_alice: Person) -> None:
    token, secret = token_create(person=web_alice, name="laptop")
    listed = alice_client.get(TOKENS).content.decode()
    revoke_url = reverse("web:token_revoke", args=[token.pk])
    assert revoke_url in listed

    asked = alice_client.get(revoke_url)
    assert asked.status_code == 200 and "laptop" in asked.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None  # a GET only asks

    done = alice_client.post(revoke_url, follow=True)
    assert done.redirect_chain[-1][0] == TOKENS
    assert "API token “laptop” revoked." in done.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_person(secret=secret) is None
    # Listed still, as revoked, and with no revoke link any more.
    assert "laptop" in done.content.decode() and revoke_url not in done.content.decode()

    again = alice_client.post(revoke_url, follow=True)
    assert "already revoked" in again.content.decode()
    assert SecurityEvent.objects.filter(person=web_alice, kind="token_revoked").count() == 1


def test_an_expired_token_is_shown_expired_without_a_revoke_link(
    alice_client: Client, web_alice: Person, frozen_clock
) -> None:  # type: ignore[no-untyped-def]
    start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
    token, _ = token_create(person=web_alice, name="short", days=1, now=start)
    frozen_clock(start + dt.timedelta(days=2))
    page = alice_client.get(TOKENS).content.decode()
    assert "Expired" in page and reverse("web:token_revoke", args=[token.pk]) not in page


def test_a_stranger_cannot_see_or_revoke_my_token(eve_client: Client, web_alice: Person) -> None:
    token, secret = token_create(person=web_alice, name="alice's laptop")
    url = reverse("web:token_revoke", args=[token.pk])
    assert eve_client.get(url).status_code == 404
    assert eve_client.post(url).status_code == 404
    assert eve_client.get(reverse("web:token_revoke", args=[10**12])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and token_person(secret=secret) is not None
    page = eve_client.get(TOKENS).content.decode()
    assert "alice's laptop" not in page and token.prefix not in page


def test_a_revoked_token_is_listed_with_when(alice_client: Client, web_alice: Person) -> None:
    token, _ = token_create(person=web_alice, name="old")
    token_revoke(actor=web_alice, token=token)
    response = alice_client.get(TOKENS)
    assert response.context["rows"] == [(ApiToken.objects.get(pk=token.pk), False)]
