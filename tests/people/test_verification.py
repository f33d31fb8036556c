"""Verified addresses: the mailed token, the neutral sign-up, and which contacts link to whom."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
from django.core import mail

from tests.factories import ContactFactory, PersonFactory
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people import services
from tribe.people.models import Contact, EmailToken, Person

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
PASSWORD = "a-long-passphrase-for-tests"


def _token_in(message: mail.EmailMessage) -> str:
    found = re.search(r"/verify/([^/\s]+)/", message.body)
    assert found is not None, message.body
    return found.group(1)


def _unverified(**fields: Any) -> Person:
    return services.person_create(password=PASSWORD, **({"name": "New"} | fields))


def _send(person: Person, capture: Any, now: dt.datetime = NOW) -> str:
    with capture(execute=True):
        services.email_verification_send(person=person, now=now, base_url="https://t.example/")
    return _token_in(mail.outbox[-1])


def test_person_create_leaves_the_address_unverified_unless_told() -> None:
    assert _unverified(email="a@example.com").email_verified_at is None
    known = services.person_create(
        email="b@example.com", name="B", password=None, email_verified_at=NOW, is_demo=True
    )
    assert (known.email_verified_at, known.is_demo) == (NOW, True)


def test_person_create_links_no_ones_contacts() -> None:
    contact = ContactFactory(email="new@example.com")
    services.person_create(email="new@example.com", name="New", password=None)
    contact.refresh_from_db()
    assert contact.person is None


def test_the_verification_mail_carries_a_strong_single_token_stored_only_as_a_hash(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = _unverified(email="new@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.email_verification_send(person=person, now=NOW, base_url="https://t.example/")
    assert not mail.outbox  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == ["new@example.com"]
    token = _token_in(message)
    assert f"https://t.example/verify/{token}/" in message.body
    assert len(token) >= 43  # token_urlsafe(32): 256 random bits
    row = EmailToken.objects.get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash and row.email == person.email
    assert row.purpose == "verify" and row.used_at is None
    assert row.expires_at == NOW + dt.timedelta(hours=48)


def test_the_configured_site_address_wins_over_the_request_one(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TRIBE_BASE_URL = "https://tribe.example.org"
    person = _unverified(email="new@example.com")
    token = _send(person, django_capture_on_commit_callbacks)
    assert f"https://tribe.example.org/verify/{token}/" in mail.outbox[0].body


def test_email_verify_sets_the_moment_and_uses_the_token_up(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = _unverified(email="new@example.com")
    token = _send(person, django_capture_on_commit_callbacks)
    later = NOW + dt.timedelta(hours=47)
    assert services.email_verify(token=token, now=later) == person
    person.refresh_from_db()
    assert person.email_verified_at == later
    assert EmailToken.objects.get().used_at == later
    with pytest.raises(ValidationError) as exc:
        services.email_verify(token=token, now=later)
    assert exc.value.code == "token_used" and exc.value.field == "token"


@pytest.mark.parametrize(
    ("token", "when", "code"),
    [
        ("made-up", NOW, "token_invalid"),
        ("", NOW, "token_invalid"),
        ("x" * 500, NOW, "token_invalid"),
        (None, NOW + dt.timedelta(hours=48), "token_expired"),
        (None, NOW + dt.timedelta(days=30), "token_expired"),
    ],
)
def test_a_bad_or_expired_token_is_refused_with_its_code(
    token: str | None, when: dt.datetime, code: str, django_capture_on_commit_callbacks: Any
) -> None:
    person = _unverified(email="new@example.com")
    real = _send(person, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as exc:
        services.email_verify(token=real if token is None else token, now=when)
    assert exc.value.code == code
    person.refresh_from_db()
    assert person.email_verified_at is None


def test_a_new_link_replaces_the_earlier_one(django_capture_on_commit_callbacks: Any) -> None:
    person = _unverified(email="new@example.com")
    first = _send(person, django_capture_on_commit_callbacks)
    second = _send(person, django_capture_on_commit_callbacks, now=NOW + dt.timedelta(minutes=5))
    with pytest.raises(ValidationError) as exc:
        services.email_verify(token=first, now=NOW + dt.timedelta(minutes=6))
    assert exc.value.code == "token_expired"
    services.email_verify(token=second, now=NOW + dt.timedelta(minutes=6))


def test_a_link_sent_to_an_address_the_account_no_longer_has_does_nothing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = _unverified(email="old@example.com")
    token = _send(person, django_capture_on_commit_callbacks)
    Person.objects.filter(pk=person.pk).update(email="changed@example.com")
    with pytest.raises(ValidationError) as exc:
        services.email_verify(token=token, now=NOW)
    assert exc.value.code == "token_invalid"


def test_a_verified_address_gets_no_new_link() -> None:
    with pytest.raises(Conflict) as exc:
        services.email_verification_send(person=PersonFactory(), now=NOW)
    assert exc.value.code == "already_verified"
    assert not EmailToken.objects.exists()


# -- the neutral sign-up -------------------------------------------------------------


def test_signup_request_for_a_new_address_makes_an_unverified_account_and_mails_a_link(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = services.signup_request(
            email="New@Example.com", name="New", password=PASSWORD, timezone="Asia/Tokyo", now=NOW
        )
    assert result is None
    person = Person.objects.get(email="new@example.com")
    assert person.email_verified_at is None and person.check_password(PASSWORD)
    assert EmailToken.objects.filter(person=person).count() == 1
    assert "/verify/" in mail.outbox[0].body


def test_signup_request_for_a_taken_address_changes_nothing_and_tells_its_owner(
    django_capture_on_commit_callbacks: Any,
) -> None:
    owner = PersonFactory(email="taken@example.com", name="Tess Owner")
    password_before = owner.password
    with django_capture_on_commit_callbacks(execute=True):
        result = services.signup_request(
            email="TAKEN@example.com", name="Impostor", password=PASSWORD, now=NOW
        )
    assert result is None
    assert Person.objects.count() == 1
    owner.refresh_from_db()
    assert owner.password == password_before and owner.name == "Tess Owner"
    assert not EmailToken.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["taken@example.com"] and "/verify/" not in message.body
    assert "/login/" in message.body and "/password/reset/" in message.body


@pytest.mark.parametrize("taken", [True, False])
def test_signup_request_refuses_bad_input_the_same_way_for_both(taken: bool) -> None:
    if taken:
        PersonFactory(email="x@example.com")
    for fields, field in (
        ({"password": "short-pass"}, "password"),
        ({"password": "password1234"}, "password"),  # a common password
        ({"name": ""}, "name"),
        ({"name": "Evil\r\nBcc: victim@evil.example"}, "name"),  # a name is one line
        ({"name": "Name\u2028Next"}, "name"),
        ({"timezone": "Mars/Base"}, "timezone"),
    ):
        args = {"email": "x@example.com", "name": "X", "password": PASSWORD} | fields
        with pytest.raises(ValidationError) as exc:
            services.signup_request(**args)  # type: ignore[arg-type]
        assert exc.value.field == field
    assert Person.objects.count() == (1 if taken else 0)


def test_sign_ups_with_a_taken_address_tell_its_owner_once_an_hour(
    django_capture_on_commit_callbacks: Any,
) -> None:
    PersonFactory(email="taken@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        for minutes in (0, 10, 59, 61):
            services.signup_request(
                email="taken@example.com",
                name="Impostor",
                password=PASSWORD,
                now=NOW.replace(minute=0) + dt.timedelta(minutes=minutes),
            )
    assert len(mail.outbox) == 2  # the first hour's and the next hour's


# -- contacts link only to verified accounts ----------------------------------------


def test_a_contact_links_only_to_a_verified_active_account() -> None:
    owner = PersonFactory()
    verified = PersonFactory(email="v@example.com")
    PersonFactory(email="u@example.com", email_verified_at=None)
    PersonFactory(email="gone@example.com", is_active=False)

    def add(email: str) -> Contact:
        return services.contact_create(
            owner=owner, data=services.ContactInput(name=email, email=email)
        )

    assert add("V@example.com").person == verified
    assert add("u@example.com").person is None
    assert add("gone@example.com").person is None
    assert add(owner.email).person is None  # not oneself


def test_contact_update_links_a_new_address_only_to_a_verified_account() -> None:
    owner = PersonFactory()
    verified = PersonFactory(email="v@example.com")
    PersonFactory(email="u@example.com", email_verified_at=None)
    contact = services.contact_create(owner=owner, data=services.ContactInput(name="C"))
    services.contact_update(
        actor=owner, contact=contact, data=services.ContactInput(name="C", email="u@example.com")
    )
    assert contact.person is None
    services.contact_update(
        actor=owner, contact=contact, data=services.ContactInput(name="C", email="v@example.com")
    )
    assert contact.person == verified
    services.contact_unlink(actor=owner, contact=contact)
    services.contact_update(
        actor=owner,
        contact=contact,
        data=services.ContactInput(name="C again", email="v@example.com"),
    )
    contact.refresh_from_db()
    assert contact.person is None  # an unlink holds while the address stays


def test_verifying_an_address_links_no_existing_contact(
    django_capture_on_commit_callbacks: Any,
) -> None:
    contact = ContactFactory(email="new@example.com")
    person = _unverified(email="new@example.com")
    services.email_verify(token=_send(person, django_capture_on_commit_callbacks), now=NOW)
    contact.refresh_from_db()
    assert contact.person is None


def test_an_import_links_only_verified_accounts() -> None:
    owner = PersonFactory()
    verified = PersonFactory(email="v@example.com")
    PersonFactory(email="u@example.com", email_verified_at=None)
    data = b"name,email\nVera,v@example.com\nUna,u@example.com\n"
    services.contacts_import(owner=owner, data=data, format="csv")
    assert Contact.objects.get(name="Vera").person == verified
    assert Contact.objects.get(name="Una").person is None


def test_contact_unlink_is_for_the_owner_only() -> None:
    account = PersonFactory(email="v@example.com")
    contact = ContactFactory(email="v@example.com", person=account)
    with pytest.raises(NotFound):
        services.contact_unlink(actor=PersonFactory(), contact=contact)
    contact.refresh_from_db()
    assert contact.person == account
    services.contact_unlink(actor=contact.owner, contact=contact)
    contact.refresh_from_db()
    assert contact.person is None
