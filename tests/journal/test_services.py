"""Writing, changing, sharing and deleting journal entries; the author's cadence."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import GoalFactory, MeetingFactory, RelationshipFactory
from tests.journal.conftest import TODAY
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.journal.errors import JournalCode
from tribe.journal.models import JournalCadence, JournalEntry
from tribe.journal.services import (
    cadence_set,
    entry_create,
    entry_delete,
    entry_share,
    entry_unshare,
    entry_update,
)
from tribe.ledger.models import Advice
from tribe.ledger.services import advice_record
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def write(author: Person, **fields: object) -> JournalEntry:
    fields.setdefault("learned", "Silence is a tool")
    return entry_create(author=author, written_on=TODAY, today=TODAY, **fields)  # type: ignore[arg-type]


def test_an_entry_is_private_by_default_and_keeps_its_links(
    maya: Person, maya_ravi: Relationship, goal: Goal, advice: Advice
) -> None:
    entry = write(
        maya, learned="  Silence is a tool ", relationship=maya_ravi, goals=[goal], advice=[advice]
    )
    entry.refresh_from_db()
    assert entry.shared is False
    assert entry.learned == "Silence is a tool"
    assert (entry.author, entry.relationship) == (maya, maya_ravi)
    assert list(entry.goals.all()) == [goal] and list(entry.advice.all()) == [advice]


def test_at_least_one_text_and_the_field_is_named(maya: Person) -> None:
    with pytest.raises(ValidationError) as caught:
        write(maya, learned=" ", will_try="", surprised="")
    assert (caught.value.code, caught.value.field) == (JournalCode.EMPTY, "learned")
    with pytest.raises(ValidationError) as caught:  # shows nothing: empty too
        write(maya, learned="\u200b\ufeff", will_try="", surprised="")
    assert caught.value.code == JournalCode.EMPTY
    assert write(maya, learned="", surprised="How kind they were").surprised


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"written_on": TODAY + dt.timedelta(days=1)}, JournalCode.FUTURE_DATE, "written_on"),
        ({"written_on": dt.date(1800, 1, 1)}, CoreCode.DATE_RANGE, "written_on"),
        ({"will_try": "x" * 2001}, CoreCode.TOO_LONG, "will_try"),
        ({"surprised": "a\x00b"}, CoreCode.CONTROL_CHARACTER, "surprised"),
    ],
)
def test_bad_values_name_their_field_and_write_nothing(
    maya: Person, fields: dict[str, object], code: str, field: str
) -> None:
    day = fields.pop("written_on", TODAY)
    with pytest.raises(ValidationError) as caught:
        entry_create(author=maya, written_on=day, today=TODAY, learned="x", **fields)  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.field) == (code, field)
    assert not JournalEntry.objects.exists()


def test_links_to_what_is_not_the_authors_are_refused_by_field(
    maya: Person, ravi: Person, sam: Person, sam_maya: Relationship, maya_ravi: Relationship
) -> None:
    """Ravi links things of Maya's and Sam's: none of them his."""
    theirs_meeting = MeetingFactory(relationship=sam_maya)
    sams_advice = advice_record(
        actor=sam, relationship=sam_maya, text="Sleep on it", given_on=TODAY, today=TODAY
    )
    cases = [
        ({"relationship": sam_maya}, JournalCode.FOREIGN_RELATIONSHIP, "relationship"),
        ({"meeting": theirs_meeting}, JournalCode.FOREIGN_MEETING, "meeting"),
        ({"goals": [GoalFactory(person=maya)]}, JournalCode.FOREIGN_GOAL, "goals"),
        ({"advice": [sams_advice]}, JournalCode.FOREIGN_ADVICE, "advice"),
    ]
    for fields, code, field in cases:
        with pytest.raises(ValidationError) as caught:
            write(ravi, **fields)
        assert (caught.value.code, caught.value.field) == (code, field)
    assert not JournalEntry.objects.exists()


def test_a_meeting_brings_its_relationship_and_must_match_a_chosen_one(
    maya: Person, maya_ravi: Relationship, sam_maya: Relationship, held: Meeting
) -> None:
    assert write(maya, meeting=held).relationship == maya_ravi
    with pytest.raises(ValidationError) as caught:
        write(maya, meeting=held, relationship=sam_maya)
    assert (caught.value.code, caught.value.field) == (JournalCode.MEETING_ELSEWHERE, "meeting")


def test_sharing_needs_an_account_on_the_other_side_who_said_yes(
    maya: Person, ravi: Person, maya_ravi: Relationship, with_contact: Relationship
) -> None:
    with pytest.raises(ValidationError) as caught:
        write(maya, shared=True)
    assert caught.value.code == JournalCode.SHARE_WITHOUT_RELATIONSHIP
    with pytest.raises(Conflict) as caught:
        write(maya, relationship=with_contact, shared=True)
    assert caught.value.code == JournalCode.SHARE_WITH_CONTACT
    assert "Carla Contact" in caught.value.message
    asked = RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        kind="coach",
        status="asked",
        status_changed_at=maya_ravi.status_changed_at,
    )
    with pytest.raises(Conflict) as caught:
        write(maya, relationship=asked, shared=True)
    assert (caught.value.code, caught.value.field) == (JournalCode.SHARE_NOT_MUTUAL, "shared")
    assert not JournalEntry.objects.exists()
    assert write(maya, relationship=maya_ravi, shared=True).shared


def test_share_and_unshare_are_the_authors_alone(
    maya: Person, ravi: Person, maya_ravi: Relationship
) -> None:
    entry = write(maya, relationship=maya_ravi)
    with pytest.raises(NotFound):
        entry_share(actor=ravi, entry=entry)
    assert entry_share(actor=maya, entry=entry).shared
    with pytest.raises(NotFound):
        entry_unshare(actor=ravi, entry=entry)
    assert not entry_unshare(actor=maya, entry=entry).shared


def test_update_rewrites_and_only_the_author_may(
    maya: Person, ravi: Person, maya_ravi: Relationship, goal: Goal
) -> None:
    entry = write(maya)
    texts = {"learned": "New", "will_try": "Try", "surprised": ""}
    with pytest.raises(NotFound):
        entry_update(actor=ravi, entry=entry, written_on=TODAY, today=TODAY, **texts)
    entry = entry_update(
        actor=maya,
        entry=entry,
        written_on=TODAY,
        today=TODAY,
        relationship=maya_ravi,
        goals=[goal],
        **texts,
    )
    entry.refresh_from_db()
    assert (entry.learned, entry.will_try, entry.relationship) == ("New", "Try", maya_ravi)
    assert list(entry.goals.all()) == [goal]


def test_a_shared_entry_keeps_its_relationship_until_unshared(
    maya: Person, maya_ravi: Relationship, sam_maya: Relationship
) -> None:
    """Moving it would hand it to another reader without Maya saying so."""
    entry = write(maya, relationship=maya_ravi, shared=True)
    texts = {"learned": "x", "will_try": "", "surprised": ""}
    for other in (sam_maya, None):
        with pytest.raises(Conflict) as caught:
            entry_update(
                actor=maya, entry=entry, written_on=TODAY, today=TODAY, relationship=other, **texts
            )
        assert (caught.value.code, caught.value.field) == (JournalCode.SHARED_MOVED, "relationship")
    entry_unshare(actor=maya, entry=entry)
    moved = entry_update(
        actor=maya, entry=entry, written_on=TODAY, today=TODAY, relationship=sam_maya, **texts
    )
    assert moved.relationship == sam_maya


def test_delete_is_the_authors_alone(maya: Person, ravi: Person, maya_ravi: Relationship) -> None:
    entry = write(maya, relationship=maya_ravi, shared=True)
    with pytest.raises(NotFound):
        entry_delete(actor=ravi, entry=entry)
    entry_delete(actor=maya, entry=entry)
    assert not JournalEntry.objects.exists()


def test_an_entry_outlives_its_relationship_and_is_private_again(
    maya: Person, ravi: Person, maya_ravi: Relationship, held: Meeting
) -> None:
    entry = write(maya, meeting=held, shared=True)
    held.delete()
    entry.refresh_from_db()
    assert entry.meeting is None and entry.shared
    maya_ravi.delete()
    entry.refresh_from_db()
    assert (entry.relationship, entry.shared, entry.learned) == (None, False, "Silence is a tool")


def test_cadence_is_chosen_and_changed(maya: Person) -> None:
    with pytest.raises(ValidationError) as caught:
        cadence_set(person=maya, cadence="daily")
    assert (caught.value.code, caught.value.field) == (JournalCode.BAD_CADENCE, "cadence")
    assert "weekly, fortnightly, monthly, off" in caught.value.message
    cadence_set(person=maya, cadence="weekly")
    cadence_set(person=maya, cadence="monthly")
    assert list(JournalCadence.objects.values_list("cadence", flat=True)) == ["monthly"]
