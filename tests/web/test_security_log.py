"""The security log: my log-ins, failures, log-outs, password changes and exports,
on a page only I see."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import PASSWORD
from tribe.accounts.models import SecurityEvent
from tribe.people.models import Person

pytestmark = pytest.mark.django_db


def kinds(person: Person) -> list[str]:
    return list(
        SecurityEvent.objects.filter(person=person)
        .order_by("at", "id")
        .values_list("kind", flat=True)
    )


def test_log_ins_failures_and_log_outs_are_recorded(maya: Person, eve: Person) -> None:
    browser = Client(HTTP_USER_AGENT="TestBrowser/1.0")
    browser.post("/login/", {"username": maya.email, "password": "wrong"})
    browser.post("/login/", {"username": "nobody@example.com", "password": "wrong"})
    # The address as typed, in capitals and with a space, is the same account.
    browser.post("/login/", {"username": f" {maya.email.upper()}", "password": PASSWORD})
    browser.post("/logout/")
    assert kinds(maya) == ["login_failed", "login", "logout"]
    assert SecurityEvent.objects.count() == 3  # an unknown address is nobody's event
    event = SecurityEvent.objects.filter(person=maya, kind="login").get()
    assert (event.ip, event.user_agent) == ("127.0.0.1", "TestBrowser/1.0")
    assert kinds(eve) == []


def test_a_password_change_and_an_export_are_recorded_and_listed(
    client: Client, maya: Person, eve: Person
) -> None:
    client.post("/login/", {"username": maya.email, "password": PASSWORD})
    response = client.post(
        "/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-77",
            "new_password2": "another-long-passphrase-77",
        },
    )
    assert response.status_code == 302
    client.get("/profile/data/")
    assert kinds(maya) == ["login", "password_changed", "export"]
    page = client.get("/profile/security/").content.decode()
    assert "Password changed" in page and "All data downloaded" in page
    SecurityEvent.objects.create(
        person=eve, kind="login", at=SecurityEvent.objects.first().at, ip="10.9.8.7"
    )  # type: ignore[union-attr]
    assert "10.9.8.7" not in client.get("/profile/security/").content.decode()
