"""The admin shows administrators counts and dates, never the contents of notes."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tribe.meetings.models import Meeting, Note
from tribe.people.models import Contact, Person
from tribe.people.services import person_create
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client: Client) -> Client:
    admin = person_create(email="root@example.com", name="Root", password=None, is_staff=True)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return client


def test_note_bodies_never_appear_in_the_admin(
    admin_client_: Client,
    web_private_note: Note,
    web_shared_note: Note,
    web_meeting: Meeting,
    web_contact: Contact,
) -> None:
    relationship = web_private_note.relationship
    pages = [
        reverse("admin:index"),
        reverse("admin:relationships_relationship_changelist"),
        reverse("admin:relationships_relationship_change", args=[relationship.pk]),
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:meetings_meeting_change", args=[web_meeting.pk]),
        reverse("admin:people_person_changelist"),
        reverse("admin:people_person_change", args=[relationship.mentee_id]),
        reverse("admin:people_contact_changelist"),
        reverse("admin:people_goal_changelist"),
    ]
    for url in pages:
        response = admin_client_.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "PRIVATE" not in text and "SHARED" not in text, url
        assert "Grow into engineering management" not in text, url  # the purpose statement
    listing = admin_client_.get(reverse("admin:relationships_relationship_changelist"))
    assert listing.context["cl"].result_list[0].note_total == 2


def test_notes_are_not_in_the_admin_at_all(admin_client_: Client) -> None:
    assert not admin.site.is_registered(Note)
    assert admin_client_.get("/admin/meetings/note/").status_code == 404


def test_the_admin_is_read_only(admin_client_: Client, web_relationship: Relationship) -> None:
    assert admin_client_.get(reverse("admin:people_person_add")).status_code == 403
    url = reverse("admin:relationships_relationship_change", args=[web_relationship.pk])
    admin_client_.post(url, {"status": "ended"})
    web_relationship.refresh_from_db()
    assert web_relationship.status == "active"
    assert Person.objects.count() == 3


def test_people_who_are_not_staff_cannot_open_the_admin(alice_client: Client) -> None:
    response = alice_client.get(reverse("admin:index"))
    assert response.status_code == 302
