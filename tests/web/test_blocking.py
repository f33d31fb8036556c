"""Blocking from the requests page: a kind way to say "never again", and its undo."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import client_for
from tribe.people.models import Block, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def test_the_person_asked_blocks_and_unblocks(
    web_alice: Person, web_pia: Person, web_asked: Relationship
) -> None:
    pia = client_for(web_pia)
    page = pia.get(reverse("web:requests")).content.decode()
    assert "Block Alice Mentee" in page and "Would like you to mentor them" in page
    assert pia.post(reverse("web:request_block", args=[web_asked.pk])).status_code == 302
    web_asked.refresh_from_db()
    assert web_asked.status == "declined"
    assert Block.objects.filter(blocker=web_pia, blocked=web_alice).exists()
    listed = pia.get(reverse("web:blocked")).content.decode()
    assert "Alice Mentee" in listed
    assert pia.post(reverse("web:unblock", args=[web_alice.pk])).status_code == 302
    assert not Block.objects.exists()


def test_nobody_else_can_block_through_a_request(
    web_asked: Relationship, alice_client: Client, web_eve: Person
) -> None:
    eve = client_for(web_eve)
    assert eve.post(reverse("web:request_block", args=[web_asked.pk])).status_code == 404
    # The requester cannot "block" herself through her own request either.
    assert alice_client.post(reverse("web:request_block", args=[web_asked.pk])).status_code == 404
    assert eve.post(reverse("web:unblock", args=[999])).status_code == 404
    assert not Block.objects.exists()
    web_asked.refresh_from_db()
    assert web_asked.status == "asked"
