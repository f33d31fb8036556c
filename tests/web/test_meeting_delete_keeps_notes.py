"""A meeting is shared, notes are their authors': deleting the meeting keeps every note."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import MeetingFactory
from tribe.meetings import services
from tribe.meetings.models import Meeting
from tribe.relationships.models import Relationship


def test_maya_deletes_the_meeting_ravi_still_reads_his_private_note(
    client: Client, maya_ravi: Relationship
) -> None:
    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    meeting = MeetingFactory(relationship=maya_ravi, title="Monthly check-in")
    services.note_create(
        author=ravi, relationship=maya_ravi, meeting=meeting, body="RAVI-PRIVATE: promote her"
    )
    page = reverse("web:relationship", args=[maya_ravi.pk])

    client.force_login(maya)
    deleted = client.post(reverse("web:meeting_delete", args=[meeting.pk]))
    assert deleted.status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert "RAVI-PRIVATE" not in client.get(page).content.decode()

    client.force_login(ravi)
    response = client.get(page)
    assert response.status_code == 200
    assert "RAVI-PRIVATE: promote her" in response.content.decode()
