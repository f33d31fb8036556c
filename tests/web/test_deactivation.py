"""A deactivated account is shut out everywhere at once: its open sessions, its
calendar feed and its e-mailed links stop working, without anyone deleting them."""

from __future__ import annotations

import pytest
from django.test import Client

from tribe.meetings.services import feed_rotate
from tribe.people.accounts import email_verification_send
from tribe.people.models import Person
from tribe.people.selectors import email_token_get

pytestmark = pytest.mark.django_db


def test_sessions_feeds_and_links_end_when_the_account_is_deactivated(
    maya: Person, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    browser = Client()
    browser.force_login(maya)
    assert browser.get("/today/").status_code == 200
    token = feed_rotate(person=maya)
    assert Client().get(f"/calendar/{token}.ics").status_code == 200
    maya.email_verified_at = None
    maya.save()
    with django_capture_on_commit_callbacks(execute=True):
        email_verification_send(person=maya)
    link_token = mailoutbox[-1].body.split("/verify/")[1].split("/")[0]
    assert email_token_get(token=link_token).person == maya

    maya.is_active = False
    maya.save()

    assert browser.get("/today/").status_code == 302  # back to the log-in page
    assert Client().get(f"/calendar/{token}.ics").status_code == 404
    with pytest.raises(Exception) as refused:
        email_token_get(token=link_token)
    assert getattr(refused.value, "code", "") == "token_invalid"
