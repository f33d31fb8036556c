"""Signing in through the organisation's OpenID Connect provider, end to end.

Each test goes through the whole flow against the provider in
tests/oidc_provider.py: Tribe's /oidc/authenticate/ sends the browser to the
provider, the test follows it there (a real HTTP request), and brings the
provider's redirect back to Tribe's callback with the Django test client.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, PersonFactory
from tests.oidc_provider import CLIENT_ID, Provider, configure, environment
from tribe.accounts.models import OidcIdentity, SecurityEvent
from tribe.cli import main
from tribe.people.models import Person

pytestmark = pytest.mark.django_db

TODAY = "/today/"


def claims(sub: str, email: str, *, verified: Any = True, **more: Any) -> dict[str, Any]:
    return {"sub": sub, "email": email, "email_verified": verified, **more}


def to_provider(client: Client, path: str = "/oidc/authenticate/") -> str:
    """Start signing in; the address the browser is sent to at the provider."""
    response = client.get(path)
    assert response.status_code == 302
    return str(response["Location"])


def at_provider(address: str) -> tuple[str, dict[str, str]]:
    """The browser at the provider: where it is sent back to (path, query)."""
    answer = requests.get(address, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert back.netloc == "testserver"
    return back.path, {k: v[0] for k, v in parse_qs(back.query).items()}


def sign_in(client: Client, provider: Provider, person: dict[str, Any]) -> Any:
    """The whole flow for ``person`` at the provider; Tribe's answer to the callback."""
    provider.person = person
    path, query = at_provider(to_provider(client))
    return client.get(path, query)


def message_of(response: Any) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def signed_in_as(client: Client) -> Person | None:
    user = client.get(TODAY).wsgi_request.user
    return user if user.is_authenticated else None  # type: ignore[return-value]


# --------------------------------------------------------------------------- who signs in


def test_a_new_person_is_made_signed_in_and_lands_on_today(client: Client, oidc: Provider) -> None:
    response = sign_in(
        client,
        oidc,
        claims("acme-1", "Noor@Acme.example", name="Noor Haddad", zoneinfo="Europe/Berlin"),
    )

    assert response.status_code == 302 and response["Location"] == TODAY
    today = client.get(TODAY)
    assert today.status_code == 200
    person = today.wsgi_request.user
    assert isinstance(person, Person)
    assert (person.email, person.name, person.timezone) == (
        "noor@acme.example",
        "Noor Haddad",
        "Europe/Berlin",
    )
    assert person.email_verified_at is not None
    assert not person.has_usable_password()
    identity = OidcIdentity.objects.get(person=person)
    assert (identity.issuer, identity.subject) == (oidc.issuer, "acme-1")
    assert SecurityEvent.objects.filter(person=person, kind="login").count() == 1
    # Tribe asked for the token and the userinfo, and checked the signature's key.
    assert {("POST", "/token"), ("GET", "/userinfo"), ("GET", "/jwks")} <= set(oidc.seen)


def test_the_next_page_is_where_signing_in_ends(client: Client, oidc: Provider) -> None:
    oidc.person = claims("acme-1", "noor@acme.example")
    path, query = at_provider(to_provider(client, "/oidc/authenticate/?next=/profile/"))

    assert client.get(path, query)["Location"] == "/profile/"


def test_an_existing_person_with_that_verified_address_is_matched(
    client: Client, oidc: Provider, maya: Person
) -> None:
    response = sign_in(client, oidc, claims("acme-maya", "MAYA@example.com"))

    assert response["Location"] == TODAY
    assert signed_in_as(client) == maya
    assert Person.objects.count() == 1
    assert OidcIdentity.objects.get(subject="acme-maya").person == maya
    assert SecurityEvent.objects.filter(person=maya, kind="login").exists()


def test_a_changed_address_at_the_provider_keeps_the_account(
    client: Client, oidc: Provider, maya: Person
) -> None:
    sign_in(client, oidc, claims("acme-maya", "maya@example.com"))
    client.logout()

    sign_in(client, oidc, claims("acme-maya", "maya.chen@acme.example", verified=False))

    assert signed_in_as(client) == maya
    assert Person.objects.count() == 1


@pytest.mark.parametrize("verified", [False, None, "false", 1])
def test_an_unverified_address_is_refused_and_links_nothing(
    client: Client, oidc: Provider, maya: Person, verified: Any
) -> None:
    person = claims("attacker", "maya@example.com", verified=verified)
    if verified is None:
        del person["email_verified"]

    response = sign_in(client, oidc, person)

    assert response.status_code == 302 and response["Location"] == reverse("web:login")
    assert "Acme did not confirm your e-mail address" in message_of(response)
    assert signed_in_as(client) is None
    assert not OidcIdentity.objects.exists()
    page = client.get(reverse("web:login"))
    assert "Acme did not confirm your e-mail address" in page.content.decode()


def test_a_second_subject_claiming_the_same_address_is_refused(
    client: Client, oidc: Provider, maya: Person
) -> None:
    sign_in(client, oidc, claims("acme-maya", "maya@example.com"))
    client.logout()

    response = sign_in(client, oidc, claims("someone-else", "maya@example.com"))

    assert response["Location"] == reverse("web:login")
    assert "already linked to another Acme account" in message_of(response)
    assert signed_in_as(client) is None
    assert list(OidcIdentity.objects.values_list("subject", flat=True)) == ["acme-maya"]


def test_an_account_whose_address_was_never_confirmed_is_not_taken_over(
    client: Client, oidc: Provider
) -> None:
    # Someone signed up with Noor's address and set the password; it was never confirmed.
    squatter = PersonFactory(email="noor@acme.example", email_verified_at=None)

    response = sign_in(client, oidc, claims("acme-noor", "noor@acme.example"))

    assert "its address was never confirmed" in message_of(response)
    assert signed_in_as(client) is None
    assert not OidcIdentity.objects.filter(person=squatter).exists()


def test_a_deactivated_account_is_refused(client: Client, oidc: Provider, maya: Person) -> None:
    sign_in(client, oidc, claims("acme-maya", "maya@example.com"))
    client.logout()
    Person.objects.filter(pk=maya.pk).update(is_active=False)

    response = sign_in(client, oidc, claims("acme-maya", "maya@example.com"))

    assert "deactivated" in message_of(response)
    assert signed_in_as(client) is None


def test_with_creation_off_only_existing_people_get_in(
    client: Client, oidc: Provider, settings: Any, maya: Person
) -> None:
    configure(settings, environment(oidc, TRIBE_OIDC_CREATE="0"))

    refused = sign_in(client, oidc, claims("acme-noor", "noor@acme.example"))
    assert "No Tribe account has this e-mail address" in message_of(refused)
    assert not Person.objects.filter(email="noor@acme.example").exists()

    assert sign_in(client, oidc, claims("acme-maya", "maya@example.com"))["Location"] == TODAY


def test_a_huge_or_odd_name_makes_a_sane_account(client: Client, oidc: Provider) -> None:
    sign_in(client, oidc, claims("acme-x", "x@acme.example", name="A\x00\n" + "b" * 5000))

    person = Person.objects.get(email="x@acme.example")
    assert person.name.startswith("A b") and len(person.name) == 200


@pytest.mark.parametrize("email", ["", "not an address", None, 42, "a@" + "b" * 300 + ".example"])
def test_a_missing_or_malformed_address_is_refused(
    client: Client, oidc: Provider, email: Any
) -> None:
    response = sign_in(client, oidc, claims("acme-x", email))

    assert response["Location"] == reverse("web:login")
    assert signed_in_as(client) is None
    assert not Person.objects.exists()


# --------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        # Signed with a key the provider's JWKS does not have.
        ({"key": "other"}, "Signature verification failed"),
        ({"aud": "another-client"}, "Audience doesn't match"),
        # Several audiences, and no azp naming this client.
        ({"aud": [CLIENT_ID, "another-client"]}, "issued to another party"),
        ({"nonce": "not-the-sessions-nonce"}, "Nonce verification failed"),
        ({"exp": int(time.time()) - 3600}, "Signature has expired"),
        ({"iss": "https://impostor.example"}, "Invalid issuer"),
        ({"alg_none": True}, "Could not find a valid JWKS"),
        ({"sub": "not-the-userinfo-subject"}, "userinfo is about another subject"),
    ],
    ids=[
        "wrong-key",
        "wrong-audience",
        "extra-audience",
        "wrong-nonce",
        "expired",
        "issuer",
        "unsigned",
        "sub",
    ],
)
def test_a_tampered_id_token_is_refused(
    client: Client,
    oidc: Provider,
    maya: Person,
    tamper: dict[str, Any],
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    oidc.tamper = tamper

    response = sign_in(client, oidc, claims("acme-maya", "maya@example.com"))

    assert reason in caplog.text  # refused for that reason, not another

    assert response.status_code == 302 and response["Location"] == reverse("web:login")
    assert "Signing in with Acme did not work" in message_of(response)
    assert signed_in_as(client) is None
    assert not OidcIdentity.objects.exists()
    assert not SecurityEvent.objects.filter(kind="login").exists()


def test_a_state_this_browser_did_not_start_is_refused(
    client: Client, oidc: Provider, maya: Person
) -> None:
    oidc.person = claims("acme-maya", "maya@example.com")
    path, query = at_provider(to_provider(client))

    response = client.get(path, {**query, "state": "forged-state"})

    assert response["Location"] == reverse("web:login")
    assert "did not work" in message_of(response)
    assert signed_in_as(client) is None
    assert ("POST", "/token") not in oidc.seen  # the code was never even redeemed


def test_a_callback_in_another_browser_is_refused(
    client: Client, oidc: Provider, maya: Person
) -> None:
    """A victim's browser fed the attacker's callback (login CSRF): no state in its session."""
    oidc.person = claims("acme-maya", "maya@example.com")
    path, query = at_provider(to_provider(client))

    victim = Client()
    response = victim.get(path, query)

    assert response["Location"] == reverse("web:login")
    assert signed_in_as(victim) is None


def test_a_callback_is_used_once(client: Client, oidc: Provider, maya: Person) -> None:
    oidc.person = claims("acme-maya", "maya@example.com")
    path, query = at_provider(to_provider(client))
    assert client.get(path, query)["Location"] == TODAY
    client.logout()

    assert client.get(path, query)["Location"] == reverse("web:login")
    assert signed_in_as(client) is None


def test_cancelling_at_the_provider_says_so(client: Client, oidc: Provider) -> None:
    to_provider(client)
    state = next(iter(client.session["oidc_states"]))

    response = client.get("/oidc/callback/", {"error": "access_denied", "state": state})

    assert response["Location"] == reverse("web:login")
    assert "Acme did not sign you in" in message_of(response)
    assert state not in client.session["oidc_states"]


def test_a_provider_that_is_down_is_a_message_not_a_500(
    client: Client, oidc: Provider, settings: Any
) -> None:
    configure(settings, environment(oidc, TRIBE_OIDC_TOKEN_ENDPOINT="http://127.0.0.1:9/token"))

    response = sign_in(client, oidc, claims("acme-x", "x@acme.example"))

    assert response["Location"] == reverse("web:login")
    assert "did not work" in message_of(response)


def test_the_issuer_alone_is_enough_the_rest_is_discovered_at_the_first_sign_in(
    client: Client, oidc: Provider, settings: Any
) -> None:
    configure(
        settings,
        {
            "TRIBE_OIDC_ISSUER": oidc.issuer,
            "TRIBE_OIDC_CLIENT_ID": CLIENT_ID,
            "TRIBE_OIDC_CLIENT_SECRET": "s3cret-of-the-test-client",
        },
    )
    assert ("GET", "/.well-known/openid-configuration") not in oidc.seen

    assert sign_in(client, oidc, claims("acme-x", "x@acme.example"))["Location"] == TODAY
    assert oidc.seen.count(("GET", "/.well-known/openid-configuration")) == 1


# --------------------------------------------------------------------------- beside passwords


def test_the_login_page_offers_the_button_when_configured(client: Client, oidc: Provider) -> None:
    page = client.get(reverse("web:login") + "?next=/profile/").content.decode()

    assert "Sign in with Acme" in page
    assert 'href="/oidc/authenticate/?next=%2Fprofile%2F"' in page


def test_without_configuration_there_is_no_button_and_oidc_answers_404(client: Client) -> None:
    assert "Sign in with" not in client.get(reverse("web:login")).content.decode()
    for address in ("/oidc/authenticate/", "/oidc/callback/?code=x&state=y", "/oidc/logout/"):
        assert client.get(address).status_code == 404
    assert client.post("/oidc/logout/").status_code == 404


def test_the_password_log_in_still_works_beside_it(client: Client, oidc: Provider) -> None:
    alice = PersonFactory(email="alice@example.com")

    response = client.post(
        reverse("web:login"), {"username": "alice@example.com", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert signed_in_as(client) == alice


def test_axes_neither_breaks_it_nor_counts_refusals_as_wrong_passwords(
    client: Client, oidc: Provider, maya: Person, settings: Any
) -> None:
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.AUTHENTICATION_BACKENDS[-1] == "tribe.accounts.oidc.OidcBackend"
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, oidc, claims(f"stranger-{n}", "maya@example.com", verified=False))

    response = sign_in(client, oidc, claims("acme-maya", "maya@example.com"))

    assert response["Location"] == TODAY
    assert signed_in_as(client) == maya


def test_a_locked_out_password_does_not_lock_out_the_provider(
    client: Client, oidc: Provider, maya: Person, settings: Any
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("web:login"), {"username": maya.email, "password": f"wrong-{n}"})

    assert sign_in(client, oidc, claims("acme-maya", "maya@example.com"))["Location"] == TODAY


# --------------------------------------------------------------------------- the command


def test_tribe_oidc_discover_prints_the_lines_to_set(
    oidc_provider: Provider, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["oidc", "discover", oidc_provider.issuer + "/"]) == 0

    out = capsys.readouterr().out.splitlines()
    assert f"TRIBE_OIDC_ISSUER={oidc_provider.issuer}" in out
    assert f"TRIBE_OIDC_TOKEN_ENDPOINT={oidc_provider.base}/token" in out
    assert f"TRIBE_OIDC_JWKS_ENDPOINT={oidc_provider.base}/jwks" in out
    assert "TRIBE_OIDC_CLIENT_ID=" in out


@pytest.mark.parametrize("issuer", ["not-a-url", "http://127.0.0.1:9", "{base}/elsewhere"])
def test_tribe_oidc_discover_refuses_what_is_no_provider_in_one_line(
    oidc_provider: Provider, capsys: pytest.CaptureFixture[str], issuer: str
) -> None:
    code = main(["oidc", "discover", issuer.format(base=oidc_provider.base)])

    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "discovery document could not be used" in err
