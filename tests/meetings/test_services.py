import datetime as dt

import pytest

from tests.factories import ActionItemFactory, MeetingFactory, NoteFactory, RelationshipFactory
from tribe.core.errors import NotFound, ValidationError
from tribe.ledger.models import Advice, Gratitude
from tribe.meetings import selectors, services
from tribe.meetings.errors import MeetingCode
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
        ("end_before_start", "ends_at", MeetingCode.END_BEFORE_START.template),
        ("naive", "starts_at", MeetingCode.NAIVE.template),
        ("too_long", "ends_at", MeetingCode.TOO_LONG.template),
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
    assert exc.value.message == MeetingCode.ELSEWHERE.template
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


# Deleting a shared meeting never deletes anyone's notes -----------------------


def _readable_bodies(person: Person, relationship: Relationship) -> set[str]:
    """The note bodies ``person`` sees on the relationship page and in their notes list."""
    timeline = selectors.relationship_timeline(person=person, relationship=relationship)
    on_page = {n.body for n in timeline.notes}
    in_list = {n.body for n in selectors.notes_readable_by(person=person)}
    assert on_page == in_list
    return on_page


def test_deleting_a_meeting_keeps_the_other_sides_private_note(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    meeting = MeetingFactory(relationship=maya_ravi, title="Monthly check-in")
    ravis = services.note_create(
        author=ravi, relationship=maya_ravi, meeting=meeting, body="Ravi: Maya is ready"
    )
    mayas = services.note_create(
        author=maya,
        relationship=maya_ravi,
        meeting=meeting,
        visibility=Note.Visibility.SHARED,
        body="Maya: shared summary",
    )

    services.meeting_delete(actor=maya, meeting=meeting)

    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert _readable_bodies(ravi, maya_ravi) == {"Ravi: Maya is ready", "Maya: shared summary"}
    assert _readable_bodies(maya, maya_ravi) == {"Maya: shared summary"}  # never Ravi's private
    ravis.refresh_from_db()
    assert (ravis.author, ravis.relationship, ravis.visibility) == (ravi, maya_ravi, "private")
    # Detached, and it still says which meeting it was about.
    assert ravis.meeting_id is None
    assert (ravis.meeting_title, ravis.meeting_starts_at) == ("Monthly check-in", meeting.starts_at)
    assert ravis.meeting_deleted and ravis.about_meeting_on == meeting.starts_at
    mayas.refresh_from_db()
    assert mayas.meeting_id is None and mayas.meeting_title == "Monthly check-in"
    # Ravi still edits and deletes his own note; Maya still cannot reach it.
    services.note_update(author=ravi, note=ravis, body="Ravi: still mine", visibility="private")
    with pytest.raises(NotFound):
        selectors.note_get_for_author(person=maya, note_id=ravis.pk)


def test_deleting_a_meeting_keeps_action_items_advice_and_thanks(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    meeting = MeetingFactory(relationship=maya_ravi)
    note = NoteFactory(relationship=maya_ravi, author=maya, meeting=meeting, body="mine")
    item = ActionItemFactory(relationship=maya_ravi, created_by=ravi, meeting=meeting)
    advice = Advice.objects.create(
        relationship=maya_ravi, recorded_by=maya, meeting=meeting, given_on=now.date(), text="Log"
    )
    thanks = Gratitude.objects.create(
        relationship=maya_ravi,
        given_by=maya,
        meeting=meeting,
        given_on=now.date(),
        description="Thanks",
    )

    services.meeting_delete(actor=ravi, meeting=meeting)

    for row in (note, item, advice, thanks):
        row.refresh_from_db()  # still there
        assert row.meeting_id is None
    # Detaching is for the meeting only: deleting the relationship takes everything in it.
    other = MeetingFactory(relationship=maya_ravi)
    NoteFactory(relationship=maya_ravi, author=ravi, meeting=other)
    maya_ravi.delete()
    assert not Note.objects.exists() and not Meeting.objects.exists()


def test_deleting_one_occurrence_or_a_whole_series_keeps_the_notes(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    series = services.series_create(
        actor=maya,
        relationship=maya_ravi,
        first_date=(now + dt.timedelta(days=7)).date(),
        start_time=dt.time(9),
        duration_minutes=30,
        rrule="FREQ=WEEKLY;COUNT=3",
        title="Weekly",
        now=now,
    )
    first, second, third = series.occurrences.order_by("starts_at")
    on_first = NoteFactory(relationship=maya_ravi, author=ravi, meeting=first, body="first")
    on_second = NoteFactory(relationship=maya_ravi, author=ravi, meeting=second, body="second")
    on_third = NoteFactory(relationship=maya_ravi, author=maya, meeting=third, body="third")

    # Cancelling the series deletes nothing; deleting an occurrence keeps its notes.
    services.series_cancel(actor=maya, series=series, now=now)
    assert Meeting.objects.filter(series=series).count() == 3
    services.meeting_delete(actor=maya, meeting=first)
    # Deleting the series itself (the admin could) takes its occurrences, not the notes.
    series.delete()

    assert not Meeting.objects.exists()
    assert _readable_bodies(ravi, maya_ravi) == {"first", "second"}
    assert _readable_bodies(maya, maya_ravi) == {"third"}
    for note, meeting in ((on_first, first), (on_second, second), (on_third, third)):
        note.refresh_from_db()
        assert note.meeting_id is None
        assert (note.meeting_title, note.meeting_starts_at) == ("Weekly", meeting.starts_at)
