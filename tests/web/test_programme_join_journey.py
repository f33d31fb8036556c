"""An invitation to someone without an account: the link leads through sign-up and
the e-mailed confirmation back to the programme, without being opened again."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tribe.people.models import Person
from tribe.programs.enrolment import invitation_create
from tribe.programs.models import Programme

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-passphrase-42"


def test_from_the_invitation_through_sign_up_and_back(
    ada: Person, programme: Programme, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        issued = invitation_create(actor=ada, programme=programme, email="newcomer@example.org")
    join = "/join/" + issued.link.rstrip("/").rsplit("/", 1)[1] + "/"
    visitor = Client()
    page = visitor.get(join).content.decode()
    assert f'href="/signup/?next={join.replace("/", "%2F")}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            f"/signup/?next={join}",
            {
                "email": "newcomer@example.org",
                "name": "New Comer",
                "password": PASSWORD,
                "password_again": PASSWORD,
                "timezone": "Europe/Berlin",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    mail = mailoutbox[-1].body
    link = re.search(r"https?://\S+/verify/\S+", mail)
    assert link is not None and "next=%2Fjoin%2F" in link.group()
    verify = link.group().split("://", 1)[1].split("/", 1)[1]
    done = visitor.post("/" + verify, {"password": PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == join  # back to the invitation, signed in and verified
    assert visitor.get(join).status_code == 200


def test_a_next_elsewhere_is_ignored(client: Client) -> None:
    page = client.get("/signup/?next=https://evil.example/").content.decode()
    assert 'href="/login/"' in page  # the log-in link carries no foreign next
