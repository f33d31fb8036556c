"""/api/notes: private and shared notes over the API, and what nobody else may read."""

from __future__ import annotations

import json

import pytest

from tests.factories import MeetingFactory, NoteFactory, RelationshipFactory
from tests.programme_fixtures import enrol
from tribe.meetings.models import Note
from tribe.programs.models import Role

SECRET = "I am thinking of leaving the company"


@pytest.fixture
def meeting(maya_ravi):  # type: ignore[no-untyped-def]
    return MeetingFactory(relationship=maya_ravi)


@pytest.fixture
def private(maya_ravi, meeting, maya):  # type: ignore[no-untyped-def]
    """Maya's private note on the meeting: hers alone."""
    return NoteFactory(relationship=maya_ravi, meeting=meeting, author=maya, body=SECRET)


@pytest.fixture
def shared(maya_ravi, meeting, maya):  # type: ignore[no-untyped-def]
    return NoteFactory(
        relationship=maya_ravi,
        meeting=meeting,
        author=maya,
        body="Let us plan Q3",
        visibility="shared",
    )


def test_write_read_share_change_and_delete_a_note(api_as, maya, ravi, maya_ravi, meeting) -> None:  # type: ignore[no-untyped-def]
    mine = api_as(maya)
    made = mine.post(
        "/api/notes", {"relationship": maya_ravi.pk, "meeting": meeting.pk, "body": "  Nervous  "}
    )
    assert made.status_code == 201, made.content
    note = made.json_body
    assert note["visibility"] == "private"  # unless said otherwise
    assert note["body"] == "Nervous"
    assert note["mine"] is True and note["author"] == {"id": maya.pk, "name": "Maya Chen"}
    assert (note["relationship_id"], note["meeting_id"]) == (maya_ravi.pk, meeting.pk)
    assert note["created_at"].endswith("Z") or note["created_at"].endswith("+00:00")

    assert api_as(ravi).get(f"/api/notes/{note['id']}").status_code == 404

    shared = mine.patch(f"/api/notes/{note['id']}", {"visibility": "shared"})
    assert shared.status_code == 200
    assert shared.json_body["body"] == "Nervous"  # left out, so kept
    read = api_as(ravi).get(f"/api/notes/{note['id']}")
    assert read.status_code == 200
    assert read.json_body["body"] == "Nervous" and read.json_body["mine"] is False

    assert mine.get(f"/api/notes/{note['id']}").json_body["visibility"] == "shared"
    assert mine.delete(f"/api/notes/{note['id']}").status_code == 204
    assert not Note.objects.filter(pk=note["id"]).exists()


def test_the_other_side_may_read_a_shared_note_but_never_change_it(api_as, ravi, shared) -> None:  # type: ignore[no-untyped-def]
    client = api_as(ravi)
    changed = client.patch(f"/api/notes/{shared.pk}", {"body": "rewritten by Ravi"})
    assert changed.status_code == 404
    assert changed.json_body["code"] == "note_not_found"
    assert client.delete(f"/api/notes/{shared.pk}").status_code == 404
    shared.refresh_from_db()
    assert shared.body == "Let us plan Q3"


def _every_answer_of(client, private, shared, meeting, relationship):  # type: ignore[no-untyped-def]
    """Everything a person can ask the API about these notes, as raw text."""
    lists = [
        {},
        {"visibility": "private"},
        {"visibility": "shared"},
        {"mine": "false"},
        {"mine": "true"},
        {"relationship": relationship.pk},
        {"meeting": meeting.pk},
        {"relationship": relationship.pk, "meeting": meeting.pk, "visibility": "private"},
        {"limit": 200},
    ]
    answers = [client.get("/api/notes", **query) for query in lists]
    answers += [
        client.get(f"/api/notes/{private.pk}"),
        client.get(f"/api/notes/{shared.pk}"),
        client.get(f"/api/meetings/{meeting.pk}"),
        client.get(f"/api/meetings/{meeting.pk}/agenda"),
        client.get("/api/meetings", relationship=relationship.pk),
        client.patch(f"/api/notes/{private.pk}", {"visibility": "shared"}),
        client.delete(f"/api/notes/{private.pk}"),
    ]
    for answer in answers:
        assert answer.status_code < 500, answer.content
    return answers


def test_the_mentor_never_reads_the_mentees_private_note(  # type: ignore[no-untyped-def]
    api_as, ravi, maya_ravi, meeting, private, shared
) -> None:
    answers = _every_answer_of(api_as(ravi), private, shared, meeting, maya_ravi)
    for answer in answers:
        assert SECRET not in answer.content.decode(), answer.request["PATH_INFO"]
    listed = api_as(ravi).get("/api/notes", limit=200).json_body
    assert [n["id"] for n in listed["items"]] == [shared.pk]
    assert listed["count"] == 1  # not even counted
    detail = api_as(ravi).get(f"/api/meetings/{meeting.pk}").json_body
    assert [n["id"] for n in detail["notes"]] == [shared.pk]
    private.refresh_from_db()
    assert (private.visibility, private.body) == ("private", SECRET)


def test_a_private_note_answers_as_if_it_did_not_exist(api_as, ravi, private) -> None:  # type: ignore[no-untyped-def]
    client = api_as(ravi)
    hidden = client.get(f"/api/notes/{private.pk}")
    missing = client.get(f"/api/notes/{private.pk + 1000}")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json_body == missing.json_body


def test_programme_admins_see_nothing_of_notes(  # type: ignore[no-untyped-def]
    api_as, ada, programme, maya, ravi, maya_ravi, meeting, private, shared
) -> None:
    enrol(programme, Role.MENTEE, person=maya)
    enrol(programme, Role.MENTOR, person=ravi)
    client = api_as(ada)
    answers = _every_answer_of(client, private, shared, meeting, maya_ravi)
    for answer in answers:
        body = answer.content.decode()
        assert SECRET not in body and "Let us plan Q3" not in body
    assert client.get("/api/notes").json_body["count"] == 0
    for note in (private, shared):
        assert client.get(f"/api/notes/{note.pk}").status_code == 404
    assert client.get(f"/api/meetings/{meeting.pk}").status_code == 404
    assert Note.objects.filter(pk=private.pk, visibility="private").exists()


def test_list_filters_and_pages(api_as, maya, ravi, maya_ravi, meeting, sam_maya) -> None:  # type: ignore[no-untyped-def]
    NoteFactory(relationship=maya_ravi, meeting=meeting, author=maya, body="a")
    NoteFactory(relationship=maya_ravi, author=maya, body="b", visibility="shared")
    NoteFactory(relationship=maya_ravi, author=ravi, body="c", visibility="shared")
    NoteFactory(relationship=maya_ravi, author=ravi, body="ravi's own")
    NoteFactory(relationship=sam_maya, author=maya, body="about Sam")
    client = api_as(maya)

    def bodies(**query):  # type: ignore[no-untyped-def]
        return sorted(n["body"] for n in client.get("/api/notes", **query).json_body["items"])

    assert bodies() == ["a", "about Sam", "b", "c"]
    assert bodies(relationship=maya_ravi.pk) == ["a", "b", "c"]
    assert bodies(meeting=meeting.pk) == ["a"]
    assert bodies(visibility="shared") == ["b", "c"]
    assert bodies(mine="false") == ["c"]
    assert bodies(mine="true", visibility="private") == ["a", "about Sam"]
    first = client.get("/api/notes", limit=3)
    assert first.json_body["count"] == 4 and first.json_body["next_offset"] == 3
    last = client.get("/api/notes", limit=3, offset=3)
    assert len(last.json_body["items"]) == 1 and last.json_body["next_offset"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "relationship"),
        ({"body": "x"}, "relationship"),
        ({"relationship": "REL"}, "body"),
        ({"relationship": "REL", "body": ""}, "body"),
        ({"relationship": "REL", "body": "   "}, "body"),
        ({"relationship": "REL", "body": "x" * 20001}, "body"),
        ({"relationship": "REL", "body": "a\x00b"}, "body"),
        ({"relationship": "REL", "body": 7}, "body"),
        ({"relationship": "REL", "body": "x", "visibility": "public"}, "visibility"),
        ({"relationship": 2**63, "body": "x"}, "relationship"),
        ({"relationship": "REL", "body": "x", "meeting": 0}, "meeting"),
        ({"relationship": "REL", "body": "x", "meeting": "OTHER_MEETING"}, "meeting"),
    ],
)
def test_bad_input_names_the_field(api_as, maya, maya_ravi, sam_maya, body, field) -> None:  # type: ignore[no-untyped-def]
    other_meeting = MeetingFactory(relationship=sam_maya)
    stand_in = {"REL": maya_ravi.pk, "OTHER_MEETING": other_meeting.pk}
    sent = {k: stand_in.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = api_as(maya).post("/api/notes", sent)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not Note.objects.exists()


def test_a_change_that_breaks_a_rule_changes_nothing(api_as, maya, private) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    for patch, field in (
        ({"body": ""}, "body"),
        ({"body": None}, "body"),
        ({"visibility": None}, "visibility"),
    ):
        response = client.patch(f"/api/notes/{private.pk}", patch)
        assert response.status_code == 422, (patch, response.content)
        assert response.json_body["field"] == field
    private.refresh_from_db()
    assert (private.body, private.visibility) == (SECRET, "private")


def test_notes_only_go_on_my_own_relationships(api_as, eve, maya_ravi, meeting) -> None:  # type: ignore[no-untyped-def]
    response = api_as(eve).post("/api/notes", {"relationship": maya_ravi.pk, "body": "hi"})
    assert response.status_code == 404
    mine = RelationshipFactory(mentee=eve)
    about_theirs = api_as(eve).post(
        "/api/notes", {"relationship": mine.pk, "meeting": meeting.pk, "body": "hi"}
    )
    assert about_theirs.status_code == 404
    assert not Note.objects.exists()


def test_a_note_outlives_its_meeting(api_as, maya, ravi, meeting, private, shared) -> None:  # type: ignore[no-untyped-def]
    assert api_as(ravi).delete(f"/api/meetings/{meeting.pk}").status_code == 204
    read = api_as(maya).get(f"/api/notes/{private.pk}")
    assert read.status_code == 200
    assert read.json_body["meeting_id"] is None
    assert read.json_body["former_meeting"]["title"] == meeting.title
    assert SECRET not in json.dumps(api_as(ravi).get("/api/notes").json_body)
