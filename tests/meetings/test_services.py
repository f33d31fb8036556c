import datetime as dt

import pytest

from tests.factories import ActionItemFactory, MeetingFactory, NoteFactory, RelationshipFactory
from tribe.core.errors import NotFound, ValidationError
from tribe.meetings import services
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _slot(now: dt.datetime, minutes: int = 45) -> dict[str, dt.datetime]:
    start = now + dt.timedelta(days=1)
    return {"starts_at": start, "ends_at": start + dt.timedelta(minutes=minutes)}


def test_meeting_create_stores_utc_and_the_zone(maya_ravi: Relationship, now: dt.datetime) -> None:
    london = dt.datetime(2026, 7, 1, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    meeting = services.meeting_create(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        starts_at=london,
        ends_at=london + dt.timedelta(hours=1),
        title="Check-in",
        now=now,
    )
    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2026, 7, 1, 14, 0, tzinfo=dt.UTC)
    assert meeting.timezone == "Europe/London"  # the actor's zone by default
    assert meeting.sequence == 0


@pytest.mark.parametrize(
    ("times", "field", "message"),
    [
        ("end_before_start", "ends_at", services.MSG_END_BEFORE_START),
        ("naive", "starts_at", services.MSG_NAIVE),
        ("too_long", "ends_at", services.MSG_TOO_LONG_MEETING),
    ],
)
def test_meeting_create_rejects_bad_times(
    maya_ravi: Relationship, now: dt.datetime, times: str, field: str, message: str
) -> None:
    start = now + dt.timedelta(days=1)
    slots = {
        "end_before_start": (start, start - dt.timedelta(minutes=1)),
        "naive": (start.replace(tzinfo=None), start + dt.timedelta(hours=1)),
        "too_long": (start, start + dt.timedelta(hours=13)),
    }
    begins, ends = slots[times]
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=maya_ravi.mentee, relationship=maya_ravi, starts_at=begins, ends_at=ends
        )
    assert (exc.value.field, exc.value.message) == (field, message)
    assert not Meeting.objects.exists()


def test_meeting_create_rejects_bad_zone_and_status(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=maya_ravi.mentee,
            relationship=maya_ravi,
            timezone="Atlantis/Capital",
            now=now,
            **_slot(now),
        )
    assert exc.value.field == "timezone"
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=maya_ravi.mentee, relationship=maya_ravi, status="maybe", now=now, **_slot(now)
        )
    assert exc.value.field == "status"


def test_a_stranger_cannot_write_to_a_relationship(
    maya_ravi: Relationship, eve: Person, now: dt.datetime
) -> None:
    with pytest.raises(NotFound):
        services.meeting_create(actor=eve, relationship=maya_ravi, now=now, **_slot(now))
    with pytest.raises(NotFound):
        services.note_create(author=eve, relationship=maya_ravi, body="hi")
    with pytest.raises(NotFound):
        services.action_item_create(actor=eve, relationship=maya_ravi, title="x")


def test_meeting_update_bumps_the_sequence(maya_ravi: Relationship, now: dt.datetime) -> None:
    meeting = MeetingFactory(relationship=maya_ravi)
    uid = meeting.uid
    for expected in (1, 2):
        services.meeting_update(
            actor=maya_ravi.mentor,
            meeting=meeting,
            title="Moved",
            location="Zoom",
            status="planned",
            now=now,
            **_slot(now, 30),
        )
        assert meeting.sequence == expected
    assert meeting.uid == uid


def test_meeting_update_rejects_end_before_start(maya_ravi: Relationship, now: dt.datetime) -> None:
    meeting = MeetingFactory(relationship=maya_ravi, title="Keep")
    with pytest.raises(ValidationError):
        services.meeting_update(
            actor=maya_ravi.mentee,
            meeting=meeting,
            starts_at=now,
            ends_at=now,
            title="Changed",
            location="",
            status="planned",
            now=now,
        )
    meeting.refresh_from_db()
    assert meeting.title == "Keep" and meeting.sequence == 0


def test_meeting_delete(maya_ravi: Relationship) -> None:
    meeting = MeetingFactory(relationship=maya_ravi)
    services.meeting_delete(actor=maya_ravi.mentee, meeting=meeting)
    assert not Meeting.objects.exists()


def test_notes_are_private_by_default_and_editable_by_the_author_only(
    maya_ravi: Relationship,
) -> None:
    note = services.note_create(author=maya_ravi.mentee, relationship=maya_ravi, body=" mine ")
    assert note.visibility == Note.Visibility.PRIVATE and note.body == "mine"
    services.note_update(author=maya_ravi.mentee, note=note, body="shared now", visibility="shared")
    with pytest.raises(NotFound):
        services.note_update(author=maya_ravi.mentor, note=note, body="hijack", visibility="shared")
    with pytest.raises(NotFound):
        services.note_delete(author=maya_ravi.mentor, note=note)
    note.refresh_from_db()
    assert note.body == "shared now"
    services.note_delete(author=maya_ravi.mentee, note=note)
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "x" * 20001}, "body"),
        ({"body": "x", "visibility": "public"}, "visibility"),
    ],
)
def test_note_create_rejects_bad_input(maya_ravi: Relationship, kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.note_create(author=maya_ravi.mentee, relationship=maya_ravi, **kwargs)
    assert exc.value.field == field
    assert not Note.objects.exists()


def test_notes_and_items_refuse_a_meeting_of_another_relationship(maya_ravi: Relationship) -> None:
    elsewhere = MeetingFactory(relationship=RelationshipFactory(mentee=maya_ravi.mentee))
    with pytest.raises(ValidationError) as exc:
        services.note_create(
            author=maya_ravi.mentee, relationship=maya_ravi, body="x", meeting=elsewhere
        )
    assert exc.value.message == services.MSG_MEETING_ELSEWHERE
    with pytest.raises(ValidationError):
        services.action_item_create(
            actor=maya_ravi.mentee, relationship=maya_ravi, title="x", meeting=elsewhere
        )


def test_action_items_lifecycle(maya_ravi: Relationship, now: dt.datetime) -> None:
    item = services.action_item_create(
        actor=maya_ravi.mentor,
        relationship=maya_ravi,
        title="Send article",
        owner="mentor",
        due_on=dt.date(2026, 3, 12),
    )
    assert item.created_by == maya_ravi.mentor and not item.is_done
    services.action_item_set_done(actor=maya_ravi.mentee, item=item, done=True, now=now)
    assert item.done_at == now
    services.action_item_set_done(actor=maya_ravi.mentee, item=item, done=False)
    assert item.done_at is None
    services.action_item_update(
        actor=maya_ravi.mentee, item=item, title="Read article", owner="mentee", due_on=None
    )
    item.refresh_from_db()
    assert (item.title, item.owner) == ("Read article", "mentee")
    services.action_item_delete(actor=maya_ravi.mentee, item=item)
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"), [({"title": ""}, "title"), ({"title": "x", "owner": "boss"}, "owner")]
)
def test_action_item_rejects_bad_input(maya_ravi: Relationship, kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.action_item_create(actor=maya_ravi.mentee, relationship=maya_ravi, **kwargs)
    assert exc.value.field == field


def test_action_item_of_a_stranger(maya_ravi: Relationship, eve: Person) -> None:
    item = ActionItemFactory(relationship=maya_ravi)
    with pytest.raises(NotFound):
        services.action_item_set_done(actor=eve, item=item, done=True)
    NoteFactory(relationship=maya_ravi)
