"""Log-in throttling (django-axes), the password rules and the idle session limit."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from django.conf import settings
from django.core import mail
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import PASSWORD
from tribe.accounts.idle import SEEN, SINCE
from tribe.people.models import Person
from tribe.people.services import person_create

pytestmark = pytest.mark.django_db

LOCKED = "Log-in paused for 15 minutes"


def _log_in(client: Client, email: str, password: str, **extra: Any) -> Any:
    return client.post(reverse("web:login"), {"username": email, "password": password}, **extra)


def _fail(client: Client, email: str, times: int, **extra: Any) -> list[Any]:
    return [_log_in(client, email, f"wrong-guess-{n}", **extra) for n in range(times)]


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    client: Client, web_alice: Person
) -> None:
    *first, fifth = _fail(client, web_alice.email, 5)
    assert all(r.status_code == 200 and LOCKED not in r.content.decode() for r in first)
    assert fifth.status_code == 429 and LOCKED in fifth.content.decode()

    right = _log_in(client, web_alice.email, PASSWORD)
    assert right.status_code == 429
    page = right.content.decode()
    assert LOCKED in page and "even with the right password" in page
    assert reverse("web:password_reset") in page
    assert client.get(reverse("web:today")).status_code == 302  # not logged in
    # The typed address in another case is the same account, and locked too.
    assert _log_in(client, "  ALICE@example.com ", PASSWORD).status_code == 429


def test_the_lock_holds_for_one_account_from_one_address_only(
    client: Client, web_alice: Person, web_bob: Person
) -> None:
    _fail(client, web_alice.email, 5)
    assert _log_in(client, web_alice.email, PASSWORD).status_code == 429
    # Another account, from the same address, is not affected.
    assert _log_in(Client(), web_bob.email, PASSWORD).status_code == 302
    # Nor is Alice from another address: nobody can lock her out from elsewhere.
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert _log_in(elsewhere, web_alice.email, PASSWORD).status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client: Client, web_alice: Person) -> None:
    from axes.models import AccessAttempt

    _fail(client, web_alice.email, 5)
    assert _log_in(client, web_alice.email, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert _log_in(client, web_alice.email, PASSWORD).status_code == 302


def test_a_success_clears_the_count(client: Client, web_alice: Person) -> None:
    _fail(client, web_alice.email, 4)
    assert _log_in(client, web_alice.email, PASSWORD).status_code == 302
    client.post(reverse("web:logout"))
    # Four more failures do not lock (the count started again) ...
    *_, fourth = _fail(client, web_alice.email, 4)
    assert fourth.status_code == 200
    # ... the fifth in a row does.
    assert _fail(client, web_alice.email, 1)[0].status_code == 429


def test_wrong_passwords_on_the_verification_page_count_too(
    client: Client, web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    from tribe.people.services import email_verification_send

    Person.objects.filter(pk=web_alice.pk).update(email_verified_at=None)
    web_alice.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        email_verification_send(person=web_alice)
    link = re.search(r"(/verify/[^/\s]+/)", mail.outbox[0].body)
    assert link is not None
    for n in range(4):
        client.post(link.group(1), {"password": f"wrong-guess-{n}"})
    assert client.post(link.group(1), {"password": "wrong-again"}).status_code == 429
    assert client.post(link.group(1), {"password": PASSWORD}).status_code == 429
    web_alice.refresh_from_db()
    assert web_alice.email_verified_at is None


def test_password_reset_still_works_while_locked_out(
    client: Client, web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    _fail(client, web_alice.email, 5)
    assert _log_in(client, web_alice.email, PASSWORD).status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        reset = client.post(reverse("web:password_reset"), {"email": web_alice.email})
    assert reset.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.context["validlink"]
    new_password = "a-brand-new-phrase-9"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert done.status_code == 302
    web_alice.refresh_from_db()
    assert web_alice.check_password(new_password)


def test_the_test_client_can_still_log_in() -> None:
    person = person_create(email="t@example.com", name="T", password=PASSWORD)
    browser = Client()
    browser.force_login(person)
    assert browser.get(reverse("web:today")).status_code == 200
    # django-axes counts attempts per request, so authenticate() needs one: the
    # test client's login() passes it like this.
    other = Client()
    assert other.login(request=HttpRequest(), username="t@example.com", password=PASSWORD)
    assert other.get(reverse("web:today")).status_code == 200
    # Without a request it refuses loudly: no code path can skip the count by forgetting it.
    with pytest.raises(AxesBackendRequestParameterRequired):
        Client().login(username="t@example.com", password=PASSWORD)


# -- passwords ------------------------------------------------------------------------


def test_passwords_need_twelve_characters_and_must_not_be_common() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("elevenchars")
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234")
    validate_password("twelve chars")


def test_sign_up_refuses_an_eleven_character_password(client: Client) -> None:
    response = client.post(
        reverse("web:signup"),
        {
            "name": "Short",
            "email": "short@example.com",
            "password": "ab-cd-ef-gh",
            "password_again": "ab-cd-ef-gh",
            "timezone": "UTC",
        },
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not Person.objects.exists()


# -- idle sessions ----------------------------------------------------------------------


def _age_session(client: Client, *, seen_ago: dt.timedelta, since_ago: dt.timedelta) -> None:
    session = client.session
    now = timezone.now().timestamp()
    session[SEEN] = now - seen_ago.total_seconds()
    session[SINCE] = now - since_ago.total_seconds()
    session.save()


def test_a_session_idle_for_three_days_is_logged_out(
    alice_client: Client, web_alice: Person
) -> None:
    idle: dt.timedelta = settings.TRIBE_SESSION_IDLE
    assert idle.days == 3
    _age_session(
        alice_client, seen_ago=dt.timedelta(days=2, hours=23), since_ago=dt.timedelta(days=3)
    )
    assert alice_client.get(reverse("web:today")).status_code == 200
    _age_session(alice_client, seen_ago=dt.timedelta(days=3, minutes=1), since_ago=dt.timedelta(3))
    response = alice_client.get(reverse("web:today"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("web:login"))
    assert "logged out after 3 days away" in response.content.decode()
    assert alice_client.get(reverse("web:today")).status_code == 302


def test_a_visit_keeps_the_session_alive_writing_it_at_most_hourly(
    alice_client: Client,
) -> None:
    alice_client.get(reverse("web:today"))
    first = alice_client.session[SEEN]
    alice_client.get(reverse("web:today"))
    assert alice_client.session[SEEN] == first  # no write for a visit minutes later
    _age_session(alice_client, seen_ago=dt.timedelta(hours=2), since_ago=dt.timedelta(days=1))
    alice_client.get(reverse("web:today"))
    assert alice_client.session[SEEN] > first - 1
    assert timezone.now().timestamp() - alice_client.session[SEEN] < 60


def test_a_session_ends_after_fourteen_days_however_busy(alice_client: Client) -> None:
    _age_session(alice_client, seen_ago=dt.timedelta(minutes=5), since_ago=dt.timedelta(days=15))
    response = alice_client.get(reverse("web:today"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("web:login"))
    assert "a session lasts 14 days at most" in response.content.decode()


def test_a_session_from_before_the_clocks_gets_them_on_its_next_visit(
    alice_client: Client,
) -> None:
    session = alice_client.session
    del session[SEEN], session[SINCE]
    session.save()
    assert alice_client.get(reverse("web:today")).status_code == 200
    assert SEEN in alice_client.session and SINCE in alice_client.session


# -- which client address counts ---------------------------------------------------------


def test_the_client_address_is_the_peer_unless_behind_the_tls_proxy(settings: Any) -> None:
    from django.test import RequestFactory

    from tribe.accounts.lockout import client_ip

    request = RequestFactory().post(
        "/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.4"
    )
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.2"  # a header anyone can send is not trusted
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind the proxy: the entry it added, not the ones the client sent before it.
    assert client_ip(request) == "192.0.2.4"
