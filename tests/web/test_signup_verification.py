"""Sign-up that tells nobody which addresses have accounts, and the verification link."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD, errors_of
from tribe.people.errors import PeopleCode
from tribe.people.models import Contact, EmailToken, Person
from tribe.relationships.services import relationship_create
from tribe.web.errors import WebCode

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def _form(email: str, **changes: str) -> dict[str, str]:
    return {
        "name": "Someone",
        "email": email,
        "password": PASSWORD,
        "password_again": PASSWORD,
        "timezone": "UTC",
    } | changes


def _sign_up(client: Client, capture: Any, email: str, **changes: str) -> Any:
    with capture(execute=True):
        return client.post(reverse("web:signup"), _form(email, **changes), follow=True)


def _link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"http://testserver(/verify/[^/\s]+/)", message.body)
    assert found is not None, message.body
    return found.group(1)


def test_sign_up_answers_identically_whether_or_not_the_address_has_an_account(
    web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    new, taken = Client(), Client()
    with capture(execute=True):
        first = new.post(reverse("web:signup"), _form("brand-new@example.com"))
        second = taken.post(reverse("web:signup"), _form("Alice@Example.com"))
    assert (first.status_code, first["Location"], first.content) == (
        second.status_code,
        second["Location"],
        second.content,
    )
    new_page, taken_page = new.get(first["Location"]), taken.get(second["Location"])
    assert new_page.status_code == taken_page.status_code == 200
    assert new_page.content == taken_page.content
    assert b"Check your e-mail" in new_page.content
    # Neither visitor is logged in.
    assert (
        new.get(reverse("web:today")).status_code
        == taken.get(reverse("web:today")).status_code
        == 302
    )

    # The difference is only in the mails, which go to each address's owner.
    to_new, to_alice = mail.outbox
    assert to_new.to == ["brand-new@example.com"] and "/verify/" in to_new.body
    assert to_alice.to == ["alice@example.com"] and "/verify/" not in to_alice.body
    assert "already has one" in to_alice.body
    assert "http://testserver" + reverse("web:login") in to_alice.body
    assert "http://testserver" + reverse("web:password_reset") in to_alice.body
    assert not Person.objects.get(email="alice@example.com").email_tokens.exists()


def test_a_refused_sign_up_reads_the_same_for_a_taken_and_a_free_address(
    web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    short = {"password": "eleven-char", "password_again": "eleven-char"}
    pages = []
    for email in ("alice@example.com", "free@example.com"):
        response = _sign_up(Client(), django_capture_on_commit_callbacks, email, **short)
        assert response.status_code == 200
        assert "at least 12 characters" in " ".join(errors_of(response)["password"])
        pages.append(CSRF.sub(b"", response.content).replace(email.encode(), b"EMAIL"))
    assert pages[0] == pages[1]
    assert Person.objects.count() == 1 and not mail.outbox


def test_the_link_verifies_only_after_the_button_and_logs_the_person_in(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    _sign_up(client, django_capture_on_commit_callbacks, "new@example.com")
    person = Person.objects.get(email="new@example.com")
    link = _link_in(mail.outbox[0])

    # Opening the link (as a mail scanner does) changes nothing.
    for _ in range(2):
        page = client.get(link)
        assert page.status_code == 200 and b"Confirm my address" in page.content
    person.refresh_from_db()
    assert person.email_verified_at is None
    assert not EmailToken.objects.filter(used_at__isnull=False).exists()

    wrong = client.post(link, {"password": "not-the-password-at-all"})
    assert WebCode.WRONG_PASSWORD.template in errors_of(wrong)["password"]
    person.refresh_from_db()
    assert person.email_verified_at is None

    done = client.post(link, {"password": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("web:profile")
    person.refresh_from_db()
    assert person.email_verified_at is not None
    profile = client.get(reverse("web:profile"))
    assert profile.status_code == 200 and profile.context["user"] == person
    assert b"E-mail address verified on" in profile.content

    again = Client().post(link, {"password": PASSWORD})
    assert again.status_code == 400
    assert PeopleCode.TOKEN_USED.template.capitalize().encode() in again.content


def test_a_made_up_link_is_refused(client: Client) -> None:
    for method in (client.get, client.post):
        response = method(reverse("web:verify_email", args=["made-up-token"]))
        assert response.status_code == 400
        assert b"This link does not work" in response.content


def test_signed_in_as_the_person_the_button_is_enough(
    web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    Person.objects.filter(pk=web_alice.pk).update(email_verified_at=None)
    browser = Client()
    browser.force_login(web_alice)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("web:verification_resend"))
    link = _link_in(mail.outbox[0])
    assert "password" not in browser.get(link).context["form"].fields
    assert browser.post(link).status_code == 302
    web_alice.refresh_from_db()
    assert web_alice.email_verified_at is not None


def test_profile_shows_the_status_and_resends_a_link(
    web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    Person.objects.filter(pk=web_alice.pk).update(email_verified_at=None)
    browser = Client()
    browser.force_login(web_alice)
    page = browser.get(reverse("web:profile")).content.decode()
    assert "not verified yet" in page and reverse("web:verification_resend") in page
    with django_capture_on_commit_callbacks(execute=True):
        first = browser.post(reverse("web:verification_resend"), follow=True)
        browser.post(reverse("web:verification_resend"))
    assert "A new link is on its way" in first.content.decode()
    old_link, new_link = (_link_in(m) for m in mail.outbox)
    # The newer link replaces the older one.
    assert browser.post(old_link).status_code == 400
    assert browser.post(new_link).status_code == 302
    page = browser.get(reverse("web:profile")).content.decode()
    assert "E-mail address verified on" in page and reverse("web:verification_resend") not in page
    assert browser.get(reverse("web:verification_resend")).status_code == 405


# -- contacts link only to verified accounts, never silently ------------------------


def test_signing_up_with_the_address_of_someone_elses_contact_gives_no_access(
    web_alice: Person,
    web_contact: Contact,
    alice_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Carol is Alice's contact; a stranger signs up with Carol's address."""
    stranger = Client()
    _sign_up(stranger, django_capture_on_commit_callbacks, web_contact.email, name="Not Carol")
    impostor = Person.objects.get(email=web_contact.email)
    web_contact.refresh_from_db()
    assert web_contact.person is None  # not linked

    relationship_create(
        created_by=web_alice,
        my_role="mentee",
        other_contact=web_contact,
        purpose="SECRET-PURPOSE: learn to negotiate my salary",
    )
    stranger.force_login(impostor)
    board = stranger.get(reverse("web:relationships"))
    assert board.status_code == 200
    assert sum(len(c.relationships) for c in board.context["columns"]) == 0
    assert b"SECRET-PURPOSE" not in board.content and b"Alice" not in board.content

    # Even once the address is verified, Alice's contact is not linked to it.
    _link = _link_in(mail.outbox[0])
    assert stranger.post(_link).status_code == 302
    web_contact.refresh_from_db()
    assert web_contact.person is None
    board = stranger.get(reverse("web:relationships"))
    assert sum(len(c.relationships) for c in board.context["columns"]) == 0
    assert b"SECRET-PURPOSE" not in board.content


def test_a_contact_links_to_a_verified_account_and_shows_it_with_a_way_to_unlink(
    alice_client: Client, web_alice: Person, make_person: Callable[..., Person]
) -> None:
    unverified = make_person("Una Verified", email="una@example.com")
    Person.objects.filter(pk=unverified.pk).update(email_verified_at=None)
    verified = make_person("Vera Verified", email="vera@example.com")
    for name, email in (("Una", "una@example.com"), ("Vera", "VERA@example.com")):
        alice_client.post(reverse("web:contact_new"), {"name": name, "email": email})
    una, vera = Contact.objects.get(name="Una"), Contact.objects.get(name="Vera")
    assert una.person is None  # an unverified account is never linked
    assert vera.person == verified

    listing = alice_client.get(reverse("web:contacts")).content.decode()
    assert listing.count("Linked to their Tribe account") == 1
    assert reverse("web:contact_unlink", args=[vera.pk]) in listing
    page = alice_client.get(reverse("web:contact_edit", args=[vera.pk])).content.decode()
    assert "Linked to their Tribe account" in page
    assert reverse("web:contact_unlink", args=[vera.pk]) in page
    assert "Linked to their Tribe account" not in (
        alice_client.get(reverse("web:contact_edit", args=[una.pk])).content.decode()
    )

    assert alice_client.get(reverse("web:contact_unlink", args=[vera.pk])).status_code == 200
    assert alice_client.post(reverse("web:contact_unlink", args=[vera.pk])).status_code == 302
    vera.refresh_from_db()
    assert vera.person is None
    # Saving the contact with the same address keeps it unlinked.
    alice_client.post(
        reverse("web:contact_edit", args=[vera.pk]),
        {"name": "Vera V.", "email": "vera@example.com"},
    )
    vera.refresh_from_db()
    assert vera.person is None and vera.name == "Vera V."


def test_only_the_owner_can_unlink_a_contact(
    eve_client: Client, web_contact: Contact, make_person: Callable[..., Person]
) -> None:
    account = make_person("Carol Real", email="carol-real@example.org")
    Contact.objects.filter(pk=web_contact.pk).update(person=account)
    assert eve_client.get(reverse("web:contact_unlink", args=[web_contact.pk])).status_code == 404
    assert eve_client.post(reverse("web:contact_unlink", args=[web_contact.pk])).status_code == 404
    web_contact.refresh_from_db()
    assert web_contact.person == account


def test_the_new_account_pages_send_anonymous_visitors_to_log_in(
    client: Client, web_contact: Contact
) -> None:
    for method, url in (
        (client.post, reverse("web:verification_resend")),
        (client.get, reverse("web:contact_unlink", args=[web_contact.pk])),
        (client.post, reverse("web:contact_unlink", args=[web_contact.pk])),
    ):
        response = method(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))
    assert client.get(reverse("web:signup_sent")).status_code == 200
    assert not mail.outbox
