"""My data on the profile page: download it whole, or erase my account with my password."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.factories import PASSWORD
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def test_the_download_is_the_whole_export_as_a_file(client: Client, maya: Person) -> None:
    client.force_login(maya)
    response = client.get("/profile/data/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="tribe-export-')
    data = json.loads(response.content)
    assert data["format"] == "tribe-person-export" and data["person"]["email"] == maya.email
    assert "no-store" in response["Cache-Control"]


def test_erasing_needs_my_password_and_then_signs_me_out(
    client: Client, maya: Person, ravi: Person, maya_ravi: Relationship
) -> None:
    client.force_login(maya)
    assert client.get("/profile/erase/").status_code == 200
    wrong = client.post("/profile/erase/", {"password": "not it"})
    assert wrong.status_code == 400
    assert "that is not your password" in wrong.content.decode()
    assert Person.objects.filter(pk=maya.pk).exists()

    done = client.post("/profile/erase/", {"password": PASSWORD}, follow=True)
    assert done.status_code == 200
    assert "are erased" in done.content.decode()
    assert not Person.objects.filter(pk=maya.pk).exists()
    assert client.get("/today/").status_code == 302  # signed out
    maya_ravi.refresh_from_db()
    assert maya_ravi.mentor == ravi and maya_ravi.mentee_contact is not None


def test_erasing_is_a_post_with_the_csrf_token(maya: Person) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(maya)
    assert strict.post("/profile/erase/", {"password": PASSWORD}).status_code == 403
    assert Person.objects.filter(pk=maya.pk).exists()
