"""person_export: everything about one person, and nothing they may not read."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.factories import (
    ActionItemFactory,
    ContactFactory,
    GoalFactory,
    MeetingFactory,
    NoteFactory,
    PersonFactory,
    RelationshipFactory,
)
from tribe.journal.services import cadence_set, entry_create
from tribe.meetings.models import ActionItem, Note
from tribe.people.models import AvailabilityWindow
from tribe.portability.selectors import FORMAT_VERSION, person_export
from tribe.relationships.models import Relationship

PRIVATE = Note.Visibility.PRIVATE
SHARED = Note.Visibility.SHARED


@pytest.fixture
def notes(maya, ravi, sam, eve, maya_ravi, sam_maya) -> dict[str, Note]:  # type: ignore[no-untyped-def]
    """Every kind of note around Maya, keyed by who may read it."""
    elsewhere = RelationshipFactory(mentee=eve, mentor=ravi)
    return {
        "maya private": NoteFactory(relationship=maya_ravi, author=maya, visibility=PRIVATE),
        "maya shared": NoteFactory(relationship=maya_ravi, author=maya, visibility=SHARED),
        "ravi shared": NoteFactory(relationship=maya_ravi, author=ravi, visibility=SHARED),
        "ravi private": NoteFactory(relationship=maya_ravi, author=ravi, visibility=PRIVATE),
        "maya private as mentor": NoteFactory(relationship=sam_maya, author=maya),
        "sam shared": NoteFactory(relationship=sam_maya, author=sam, visibility=SHARED),
        "sam private": NoteFactory(relationship=sam_maya, author=sam, visibility=PRIVATE),
        "eve shared": NoteFactory(relationship=elsewhere, author=eve, visibility=SHARED),
        "ravi private elsewhere": NoteFactory(relationship=elsewhere, author=ravi),
    }


def note_ids(export: dict[str, object]) -> set[int]:
    return {note["id"] for note in export["notes"]}  # type: ignore[attr-defined,index]


def ids(notes: dict[str, Note], *keys: str) -> set[int]:
    return {notes[key].pk for key in keys}


# --------------------------------------------------------------------------- privacy


def test_own_notes_and_shared_notes_of_my_relationships(maya, notes) -> None:
    export = person_export(person=maya)

    assert note_ids(export) == ids(
        notes, "maya private", "maya shared", "ravi shared", "maya private as mentor", "sam shared"
    )


def test_never_another_persons_private_note_on_the_same_relationship(maya, notes) -> None:
    export = person_export(person=maya)

    text = json.dumps(export)
    for secret in ("ravi private", "sam private", "ravi private elsewhere"):
        assert notes[secret].pk not in note_ids(export)
        assert notes[secret].body not in text
    assert notes["eve shared"].body not in text


def test_the_mentor_sees_their_side_only(ravi, notes) -> None:
    assert note_ids(person_export(person=ravi)) == ids(
        notes, "ravi shared", "ravi private", "maya shared", "eve shared", "ravi private elsewhere"
    )


def test_a_stranger_exports_nothing_of_others(eve, maya, maya_ravi, notes) -> None:
    export = person_export(person=eve)

    assert note_ids(export) == ids(notes, "eve shared")
    assert [r["with"] for r in export["relationships"]] == ["Ravi Menon"]
    assert "Maya" not in json.dumps(export)


def test_the_note_records_what_it_is(maya, maya_ravi, now) -> None:
    meeting = MeetingFactory(relationship=maya_ravi, starts_at=now)
    note = NoteFactory(relationship=maya_ravi, meeting=meeting, author=maya, visibility=SHARED,
                       body="We agreed on a plan.")  # fmt: skip

    (exported,) = person_export(person=maya)["notes"]

    assert exported == {
        "id": note.pk,
        "relationship_id": maya_ravi.pk,
        "meeting_id": meeting.pk,
        "meeting_title": "",
        "meeting_starts_at": None,
        "author": "maya@example.com",
        "visibility": "shared",
        "body": "We agreed on a plan.",
        "created_at": note.created_at.isoformat(),
    }


# --------------------------------------------------------------------------- content


def test_the_export_is_plain_json(maya, notes) -> None:
    export = person_export(person=maya)

    # No default= hook: every value is already a JSON type.
    assert json.loads(json.dumps(export)) == export
    assert export["format"] == "tribe-person-export"
    assert export["version"] == FORMAT_VERSION
    assert set(export) == {
        "format", "version", "person", "goals", "contacts", "relationships", "meetings",
        "notes", "action_items", "contact_log", "questions", "advice", "gratitude", "updates",
        "wins", "introductions", "not_a_match", "journal", "journal_cadence",
        "advice_outcomes_shared_with_me", "meeting_series", "blocked", "notification_preference", "security_events", "api_tokens", "programmes", "programmes_i_run",
    "roster_entries", "invitations", "match_offers", "survey_answers",
        "coaching",
        "advocacy_asks",
    }  # fmt: skip


def test_the_profile(maya) -> None:
    AvailabilityWindow.objects.create(
        person=maya, weekday=1, starts=dt.time(9), ends=dt.time(12, 30)
    )

    person = person_export(person=maya)["person"]

    assert person["email"] == "maya@example.com"
    assert person["name"] == "Maya Chen"
    assert person["timezone"] == "Europe/London"
    assert person["expertise"] == ["product discovery"]
    assert person["causes"] == []
    assert person["open_to_mentoring"] is True
    assert person["mentee_capacity"] == 2
    assert person["joined"] == maya.created_at.isoformat()
    assert person["availability"] == [{"weekday": 1, "starts": "09:00:00", "ends": "12:30:00"}]


def test_goals_and_contacts_are_the_persons_own(maya, ravi) -> None:
    goal = GoalFactory(person=maya, title="Lead a team", target_date=dt.date(2027, 1, 31))
    GoalFactory(person=ravi, title="Ravi's goal")
    contact = ContactFactory(owner=maya, name="Dana Whitfield", email="dana@example.com",
                             connected_on=dt.date(2024, 3, 12))  # fmt: skip
    ContactFactory(owner=ravi, name="Ravi's contact")

    export = person_export(person=maya)

    assert export["goals"] == [
        {"id": goal.pk, "title": "Lead a team", "why": "", "target_date": "2027-01-31",
         "status": goal.status, "need": ""},
    ]  # fmt: skip
    assert [c["id"] for c in export["contacts"]] == [contact.pk]
    assert export["contacts"][0]["email"] == "dana@example.com"
    assert export["contacts"][0]["connected_on"] == "2024-03-12"


def test_relationships_on_both_sides_with_role_and_agreement(
    maya, ravi, sam, eve, maya_ravi, sam_maya
) -> None:
    goal = GoalFactory(person=maya)
    maya_ravi.goals.add(goal)
    maya_ravi.cadence_days = 28
    maya_ravi.channel = Relationship.Channel.VIDEO
    maya_ravi.starts_on = dt.date(2026, 1, 1)
    maya_ravi.save()
    RelationshipFactory(mentee=eve, mentor=ravi)

    export = person_export(person=maya)

    by_id = {r["id"]: r for r in export["relationships"]}
    assert set(by_id) == {maya_ravi.pk, sam_maya.pk}
    assert (by_id[maya_ravi.pk]["role"], by_id[maya_ravi.pk]["with"]) == ("mentee", "Ravi Menon")
    assert (by_id[sam_maya.pk]["role"], by_id[sam_maya.pk]["with"]) == ("mentor", "Sam Okafor")
    assert by_id[maya_ravi.pk]["goal_ids"] == [goal.pk]
    assert by_id[maya_ravi.pk]["agreement"] == {
        "cadence_days": 28, "meeting_minutes": None, "channel": "video",
        "starts_on": "2026-01-01", "ends_on": None, "confidentiality": "", "agreed_at": None,
    }  # fmt: skip


def test_a_relationship_with_a_contact_is_named_by_the_contact(maya) -> None:
    dana = ContactFactory(owner=maya, name="Dana Whitfield")
    RelationshipFactory(mentee=maya, mentor=None, mentor_contact=dana)

    (relationship,) = person_export(person=maya)["relationships"]

    assert (relationship["role"], relationship["with"]) == ("mentee", "Dana Whitfield")


def test_meetings_and_action_items_of_my_relationships_only(
    maya, ravi, eve, maya_ravi, sam_maya, now
) -> None:
    mine = MeetingFactory(relationship=maya_ravi, starts_at=now, title="Check-in")
    as_mentor = MeetingFactory(relationship=sam_maya, starts_at=now + dt.timedelta(days=1))
    item = ActionItemFactory(relationship=maya_ravi, owner=ActionItem.Owner.MENTOR,
                             due_on=dt.date(2026, 3, 20))  # fmt: skip
    elsewhere = RelationshipFactory(mentee=eve, mentor=ravi)
    MeetingFactory(relationship=elsewhere, starts_at=now)
    ActionItemFactory(relationship=elsewhere)

    export = person_export(person=maya)

    assert {m["id"] for m in export["meetings"]} == {mine.pk, as_mentor.pk}
    meeting = next(m for m in export["meetings"] if m["id"] == mine.pk)
    assert meeting["starts_at"] == "2026-03-10T12:00:00+00:00"
    assert meeting["uid"] == str(mine.uid)
    assert meeting["relationship_id"] == maya_ravi.pk
    # The other side's promises are part of the relationship, so they are exported too.
    assert export["action_items"] == [
        {"id": item.pk, "relationship_id": maya_ravi.pk, "title": item.title, "owner": "mentor",
         "due_on": "2026-03-20", "done_at": None, "meeting_id": None,
         "created_by_me": item.created_by_id == maya.pk},
    ]  # fmt: skip


def test_a_new_person_exports_empty_lists(db) -> None:
    export = person_export(person=PersonFactory(email="new@example.com"))

    assert export["person"]["email"] == "new@example.com"
    for key in ("goals", "contacts", "relationships", "meetings", "notes", "action_items"):
        assert export[key] == [], key


def test_export_holds_the_keeping_in_touch_records_under_the_same_privacy_rules(
    maya_ravi,
    now,  # type: ignore[no-untyped-def]
) -> None:
    from tribe.ledger import services as rel
    from tribe.ledger.services import win_record

    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    today = now.date()
    rel.touchpoint_log(
        actor=maya,
        relationship=maya_ravi,
        kind="call",
        happened_on=today,
        note="MAYA CALL NOTE",
        today=today,
    )
    rel.touchpoint_log(
        actor=ravi,
        relationship=maya_ravi,
        kind="call",
        happened_on=today,
        note="RAVI CALL NOTE",
        today=today,
    )
    rel.advice_record(
        actor=maya, relationship=maya_ravi, text="MAYA ADVICE", given_on=today, today=today
    )
    rel.gratitude_record(
        actor=maya,
        relationship=maya_ravi,
        kind="gift",
        given_on=today,
        description="A book",
        today=today,
    )
    win_record(person=maya, text="Promoted", happened_on=today, today=today)

    mine = person_export(person=maya)
    theirs = person_export(person=ravi)
    assert [t["note"] for t in mine["contact_log"] if t["mine"]] == ["MAYA CALL NOTE"]
    assert "RAVI CALL NOTE" not in str(mine) and "MAYA CALL NOTE" not in str(theirs)
    assert [a["text"] for a in mine["advice"]] == ["MAYA ADVICE"] and theirs["advice"] == []
    assert (
        theirs["gratitude"][0]["description"] == "A book"
        and not theirs["gratitude"][0]["given_by_me"]
    )
    assert mine["wins"][0]["text"] == "Promoted" and theirs["wins"] == []


def test_journal_entries_mine_and_shared_with_me_only(maya, ravi, maya_ravi) -> None:
    today = dt.date(2026, 3, 10)
    entry_create(author=maya, written_on=today, today=today, learned="MAYA PRIVATE LESSON")
    entry_create(
        author=maya,
        written_on=today,
        today=today,
        surprised="MAYA SHARED SURPRISE",
        relationship=maya_ravi,
        shared=True,
    )
    cadence_set(person=maya, cadence="weekly")

    mine = person_export(person=maya)
    theirs = person_export(person=ravi)
    assert [e["learned"] or e["surprised"] for e in mine["journal"]] == [
        "MAYA PRIVATE LESSON",
        "MAYA SHARED SURPRISE",
    ]
    assert all(e["mine"] for e in mine["journal"]) and mine["journal_cadence"] == "weekly"
    assert [(e["surprised"], e["mine"]) for e in theirs["journal"]] == [
        ("MAYA SHARED SURPRISE", False)
    ]
    assert "MAYA PRIVATE LESSON" not in str(theirs)


def test_shared_advice_outcomes_mine_as_mentee_and_shared_with_me_as_mentor(
    maya, ravi, sam, maya_ravi
) -> None:
    from tribe.ledger import services as rel

    today = dt.date(2026, 3, 10)
    advice = rel.advice_record(
        actor=maya, relationship=maya_ravi, text="MAYA ADVICE", given_on=today, today=today
    )
    rel.advice_record_outcome(
        actor=maya, advice=advice, outcome="MAYA PRIVATE OUTCOME", today=today, report_back=False
    )
    moment = dt.datetime(2026, 3, 11, 9, tzinfo=dt.UTC)
    rel.advice_share_outcome(actor=maya, advice=advice, words="Fewer debates", now=moment)

    mine = person_export(person=maya)
    theirs = person_export(person=ravi)
    assert {k: mine["advice"][0][k] for k in ("shared_outcome", "shared_advice")} == {
        "shared_outcome": "Fewer debates",
        "shared_advice": "",
    }
    assert mine["advice"][0]["outcome_shared_at"] == moment.isoformat()
    assert mine["advice_outcomes_shared_with_me"] == []
    assert theirs["advice_outcomes_shared_with_me"] == [
        {
            "mentee": "Maya Chen",
            "relationship_id": maya_ravi.pk,
            "shared_at": moment.isoformat(),
            "words": "Fewer debates",
            "advice": "",
        }
    ]
    assert "MAYA PRIVATE OUTCOME" not in str(theirs) and "MAYA ADVICE" not in str(theirs)
    assert person_export(person=sam)["advice_outcomes_shared_with_me"] == []
