"""Landing, sign-up, log-in, log-out and passwords."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD, errors_of
from tribe.people.models import Person

pytestmark = pytest.mark.django_db


def test_landing_invites_visitors_and_points_members_to_today(
    client: Client, web_alice: Person
) -> None:
    anonymous = client.get(reverse("web:landing")).content.decode()
    assert reverse("web:signup") in anonymous and reverse("web:login") in anonymous
    client.force_login(web_alice)
    assert reverse("web:today") in client.get(reverse("web:landing")).content.decode()


def test_sign_up_creates_an_unverified_person_and_logs_nobody_in(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("web:signup"),
            {
                "name": "New Person",
                "email": "New@Example.com",
                "password": PASSWORD,
                "password_again": PASSWORD,
                "timezone": "Asia/Tokyo",
            },
        )
    assert response.status_code == 302 and response["Location"] == reverse("web:signup_sent")
    person = Person.objects.get(email="new@example.com")
    assert person.timezone == "Asia/Tokyo"
    assert person.email_verified_at is None
    # Not logged in: the mailed link finishes the sign-up (tests/web/test_signup_verification.py).
    assert client.get(reverse("web:today")).status_code == 302
    assert [m.to for m in mail.outbox] == [["new@example.com"]]
    assert "/verify/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"name": ""}, "name"),
        ({"password": "123", "password_again": "123"}, "password"),
        ({"password_again": "something else"}, "password_again"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_sign_up_with_bad_input_shows_the_field_and_creates_nobody(
    client: Client, changes: dict[str, str], field: str
) -> None:
    data = {
        "name": "New Person",
        "email": "new@example.com",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "timezone": "UTC",
    } | changes
    response = client.post(reverse("web:signup"), data)
    assert response.status_code == 200
    assert field in errors_of(response)
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Person.objects.exists()


def test_sign_up_with_a_taken_email_says_nothing_and_creates_nobody(
    client: Client, web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("web:signup"),
            {
                "name": "Other",
                "email": "ALICE@example.com",
                "password": PASSWORD,
                "password_again": PASSWORD,
                "timezone": "UTC",
            },
        )
    # The same answer as for a new address (compared in test_signup_verification.py).
    assert response.status_code == 302 and response["Location"] == reverse("web:signup_sent")
    assert Person.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
    assert "/verify/" not in mail.outbox[0].body


def test_log_in_and_log_out(client: Client, web_alice: Person) -> None:
    bad = client.post(reverse("web:login"), {"username": web_alice.email, "password": "wrong"})
    assert bad.status_code == 200 and "__all__" in errors_of(bad)
    good = client.post(reverse("web:login"), {"username": web_alice.email, "password": PASSWORD})
    assert good.status_code == 302 and good["Location"] == reverse("web:today")
    assert client.post(reverse("web:logout")).status_code == 302
    assert client.get(reverse("web:today")).status_code == 302


def test_password_change(client: Client, web_alice: Person) -> None:
    client.force_login(web_alice)
    bad = client.post(
        reverse("web:password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    assert "old_password" in errors_of(bad)
    ok = client.post(
        reverse("web:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-phrase-7",
            "new_password2": "another-long-phrase-7",
        },
    )
    assert ok.status_code == 302
    web_alice.refresh_from_db()
    assert web_alice.check_password("another-long-phrase-7")


def test_password_reset_mails_a_link_that_sets_a_new_password(
    client: Client, web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:password_reset"), {"email": web_alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-phrase-9", "new_password2": "a-brand-new-phrase-9"},
    )
    assert done.status_code == 302
    web_alice.refresh_from_db()
    assert web_alice.check_password("a-brand-new-phrase-9")


def test_without_a_mail_server_the_page_says_where_the_mail_went(
    client: Client, web_alice: Person, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    page = client.get(reverse("web:password_reset_done"))
    assert "printed in the terminal where Tribe runs" in page.content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    page = client.get(reverse("web:password_reset_done"))
    assert "printed in the terminal" not in page.content.decode()
