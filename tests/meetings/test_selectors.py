import pytest

from tests.factories import ActionItemFactory, MeetingFactory, NoteFactory, RelationshipFactory
from tribe.core.errors import NotFound
from tribe.meetings import selectors
from tribe.meetings.models import Note
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
SHARED, PRIVATE = Note.Visibility.SHARED, Note.Visibility.PRIVATE


@pytest.fixture
def notes(maya_ravi: Relationship) -> dict[str, Note]:
    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    return {
        "maya_private": NoteFactory(
            relationship=maya_ravi, author=maya, visibility=PRIVATE, body="maya private"
        ),
        "maya_shared": NoteFactory(
            relationship=maya_ravi, author=maya, visibility=SHARED, body="maya shared"
        ),
        "ravi_private": NoteFactory(
            relationship=maya_ravi, author=ravi, visibility=PRIVATE, body="ravi private"
        ),
        "ravi_shared": NoteFactory(
            relationship=maya_ravi, author=ravi, visibility=SHARED, body="ravi shared"
        ),
    }


def _bodies(person: Person, relationship: Relationship) -> set[str]:
    timeline = selectors.relationship_timeline(person=person, relationship=relationship)
    return {n.body for n in timeline.notes}


def test_each_side_reads_own_notes_and_shared_ones_never_the_others_private(
    maya_ravi: Relationship, notes: dict[str, Note]
) -> None:
    assert _bodies(maya_ravi.mentee, maya_ravi) == {"maya private", "maya shared", "ravi shared"}
    assert _bodies(maya_ravi.mentor, maya_ravi) == {"ravi private", "ravi shared", "maya shared"}


def test_a_stranger_reads_no_note_even_shared(
    maya_ravi: Relationship, notes: dict[str, Note], eve: Person
) -> None:
    assert _bodies(eve, maya_ravi) == set()
    assert not selectors.notes_readable_by(person=eve).exists()


def test_staff_are_not_special(
    maya_ravi: Relationship, notes: dict[str, Note], eve: Person
) -> None:
    eve.is_staff = eve.is_superuser = True
    eve.save()
    assert not selectors.notes_readable_by(person=eve).exists()


def test_note_get_for_author_hides_other_peoples_notes(
    maya_ravi: Relationship, notes: dict[str, Note]
) -> None:
    assert selectors.note_get_for_author(person=maya_ravi.mentee, note_id=notes["maya_private"].pk)
    with pytest.raises(NotFound):  # shared is readable, but not editable
        selectors.note_get_for_author(person=maya_ravi.mentee, note_id=notes["ravi_shared"].pk)


def test_meeting_and_item_access(maya_ravi: Relationship, eve: Person) -> None:
    meeting = MeetingFactory(relationship=maya_ravi)
    item = ActionItemFactory(relationship=maya_ravi)
    assert selectors.meeting_get_for(person=maya_ravi.mentor, meeting_id=meeting.pk) == meeting
    assert selectors.action_item_get_for(person=maya_ravi.mentee, item_id=item.pk) == item
    with pytest.raises(NotFound):
        selectors.meeting_get_for(person=eve, meeting_id=meeting.pk)
    with pytest.raises(NotFound):
        selectors.action_item_get_for(person=eve, item_id=item.pk)
    with pytest.raises(NotFound):
        selectors.meeting_get_for(person=eve, meeting_id="x")


def test_timeline_runs_three_queries_whatever_the_rows(
    maya_ravi: Relationship, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(3):
        selectors.relationship_timeline(person=maya_ravi.mentee, relationship=maya_ravi)
    for _ in range(5):
        meeting = MeetingFactory(relationship=maya_ravi)
        NoteFactory(relationship=maya_ravi, meeting=meeting)
        ActionItemFactory(relationship=maya_ravi, meeting=meeting)
    RelationshipFactory()
    with django_assert_num_queries(3):
        timeline = selectors.relationship_timeline(person=maya_ravi.mentee, relationship=maya_ravi)
    assert len(timeline.meetings) == 5 and len(timeline.notes_for(timeline.meetings[0])) == 1
