"""``tribe export``: one person's data as JSON, never another person's private notes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.factories import NoteFactory, RelationshipFactory
from tribe.meetings.models import Note

EXPORT_KEYS = {
    "format", "version", "person", "goals", "contacts", "relationships", "meetings", "notes",
    "action_items", "contact_log", "questions", "advice", "gratitude", "updates", "wins",
    "introductions", "not_a_match", "journal", "journal_cadence",
    "advice_outcomes_shared_with_me", "meeting_series", "blocked", "notification_preference", "security_events", "api_tokens", "programmes", "programmes_i_run",
    "roster_entries", "invitations", "match_offers", "survey_answers", "coaching", "advocacy_asks",
}  # fmt: skip

PRIVATE = Note.Visibility.PRIVATE
SHARED = Note.Visibility.SHARED


def _notes(maya, ravi, sam, eve, maya_ravi, sam_maya) -> None:  # type: ignore[no-untyped-def]
    NoteFactory(relationship=maya_ravi, author=maya, visibility=PRIVATE, body="maya private")
    NoteFactory(relationship=maya_ravi, author=maya, visibility=SHARED, body="maya shared")
    NoteFactory(relationship=maya_ravi, author=ravi, visibility=SHARED, body="ravi shared")
    NoteFactory(relationship=maya_ravi, author=ravi, visibility=PRIVATE, body="ravi private")
    NoteFactory(relationship=sam_maya, author=sam, visibility=SHARED, body="sam shared")
    NoteFactory(relationship=sam_maya, author=sam, visibility=PRIVATE, body="sam private")
    elsewhere = RelationshipFactory(mentee=eve, mentor=ravi)
    NoteFactory(relationship=elsewhere, author=eve, visibility=SHARED, body="eve shared")


def test_export_json_has_the_documented_keys(tribe, maya) -> None:
    run = tribe("export", "--as", maya.email)

    assert run.code == 0
    assert run.err == ""
    data = json.loads(run.out)
    assert set(data) == EXPORT_KEYS
    assert data["format"] == "tribe-person-export"
    assert data["person"]["email"] == "maya@example.com"


def test_export_holds_own_and_shared_notes_but_never_anothers_private_note(
    tribe, maya, ravi, sam, eve, maya_ravi, sam_maya
) -> None:
    _notes(maya, ravi, sam, eve, maya_ravi, sam_maya)

    run = tribe("export", "--as", maya.email, "--format", "json")

    assert run.code == 0
    bodies = {note["body"] for note in json.loads(run.out)["notes"]}
    assert bodies == {"maya private", "maya shared", "ravi shared", "sam shared"}
    for secret in ("ravi private", "sam private", "eve shared"):
        assert secret not in run.out


def test_the_mentors_export_holds_the_mentors_private_note_not_the_mentees(
    tribe, maya, ravi, sam, eve, maya_ravi, sam_maya
) -> None:
    _notes(maya, ravi, sam, eve, maya_ravi, sam_maya)

    run = tribe("export", "--as", ravi.email)

    bodies = {note["body"] for note in json.loads(run.out)["notes"]}
    assert bodies == {"ravi private", "ravi shared", "maya shared", "eve shared"}
    assert "maya private" not in run.out


def test_export_out_writes_the_file_and_says_so_on_stderr(
    tribe, maya, ravi, maya_ravi, tmp_path: Path
) -> None:
    NoteFactory(relationship=maya_ravi, author=maya, body="Ünïcode stays readable: 你好")
    target = tmp_path / "maya.json"

    run = tribe("export", "--as", maya.email, "--out", target)

    assert run.code == 0
    assert run.out == ""
    assert run.error_line == f"Wrote {target}"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["person"]["email"] == maya.email
    assert [n["body"] for n in data["notes"]] == ["Ünïcode stays readable: 你好"]


def test_export_of_an_unknown_person_is_a_one_line_error(tribe, maya, tmp_path: Path) -> None:
    target = tmp_path / "ghost.json"

    run = tribe("export", "--as", "ghost@example.com", "--out", target)

    assert run.code == 3
    assert run.out == ""
    assert run.error_line.startswith("tribe export: error: --as: no account with the e-mail")
    assert not target.exists()


def test_export_with_several_accounts_needs_as(tribe, maya, ravi) -> None:
    run = tribe("export")

    assert run.code == 2
    assert run.out == ""
    assert run.error_line.startswith("tribe export: error: --as: say whose data with --as EMAIL")


def test_an_export_is_noted_in_the_security_log(tribe, maya) -> None:
    from tribe.accounts.models import SecurityEvent

    assert tribe("export", "--as", maya.email).code == 0
    assert list(SecurityEvent.objects.filter(person=maya).values_list("kind", flat=True)) == [
        "export"
    ]
