"""/api/journal: my reflections, sharing them in one relationship, the cadence, the check-in."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, GoalFactory, MeetingFactory, RelationshipFactory
from tests.programme_fixtures import enrol
from tribe.api.common import MAX_ID
from tribe.journal.models import JournalCadence, JournalEntry
from tribe.ledger.models import Advice, Win
from tribe.programs.models import Role

DAY = "2026-03-01"


@pytest.fixture
def admin(ada, programme, maya, ravi):  # type: ignore[no-untyped-def]
    """Ada runs the programme Maya (mentee) and Ravi (mentor) are in."""
    enrol(programme, Role.MENTEE, person=maya)
    enrol(programme, Role.MENTOR, person=ravi)
    return ada


def test_write_read_change_delete_an_entry(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    goal = GoalFactory(person=maya)
    advice = Advice.objects.create(
        relationship=maya_ravi, recorded_by=maya, given_on=dt.date(2026, 3, 1), text="Listen"
    )
    meeting = MeetingFactory(relationship=maya_ravi)
    made = client.post(
        "/api/journal/entries",
        {
            "written_on": DAY,
            "learned": "to listen first",
            "meeting": meeting.pk,
            "goals": [goal.pk, goal.pk],
            "advice": [advice.pk],
        },
    )
    assert made.status_code == 201, made.content
    entry = made.json_body
    assert entry["relationship_id"] == maya_ravi.pk  # a meeting brings its relationship
    assert (entry["goal_ids"], entry["advice_ids"]) == ([goal.pk], [advice.pk])
    assert (entry["mine"], entry["shared"]) == (True, False)
    assert entry["author"] == {"id": maya.pk, "name": "Maya Chen"}
    path = f"/api/journal/entries/{entry['id']}"

    assert client.get(path).json_body["learned"] == "to listen first"
    changed = client.patch(path, {"will_try": "a pause", "goals": [], "meeting": None})
    assert changed.status_code == 200, changed.content
    assert changed.json_body["learned"] == "to listen first"  # left out, so kept
    assert changed.json_body["will_try"] == "a pause"
    assert changed.json_body["goal_ids"] == []
    assert changed.json_body["advice_ids"] == [advice.pk]
    assert changed.json_body["meeting_id"] is None
    assert changed.json_body["relationship_id"] == maya_ravi.pk

    listed = client.get("/api/journal/entries").json_body
    assert [e["id"] for e in listed["items"]] == [entry["id"]]
    assert client.delete(path).status_code == 204
    assert not JournalEntry.objects.exists()


def test_an_unshared_entry_is_its_authors_alone(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, eve, admin, maya_ravi
) -> None:
    entry = JournalEntry.objects.create(
        author=maya, written_on=dt.date(2026, 3, 1), learned="my secret", relationship=maya_ravi
    )
    path = f"/api/journal/entries/{entry.pk}"
    for other in (ravi, eve, admin):
        client = api_as(other)
        assert client.get(path).status_code == 404
        assert client.patch(path, {"learned": "changed"}).status_code == 404
        assert client.delete(path).status_code == 404
        assert client.post(path + "/share").status_code == 404
        assert client.post(path + "/unshare").status_code == 404
        assert client.get("/api/journal/entries").json_body["count"] == 0
        shared = client.get("/api/journal/shared-with-me", relationship=maya_ravi.pk)
        assert shared.status_code == (200 if other == ravi else 404)
        assert "my secret" not in shared.content.decode()
        assert "my secret" not in client.get("/api/journal/check-in").content.decode()
    entry.refresh_from_db()
    assert (entry.learned, entry.shared) == ("my secret", False)


def test_sharing_lets_the_other_side_read_it_and_nobody_else(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, eve, admin, maya_ravi
) -> None:
    goal = GoalFactory(person=maya)
    entry = JournalEntry.objects.create(
        author=maya, written_on=dt.date(2026, 3, 1), learned="for us", relationship=maya_ravi
    )
    entry.goals.set([goal])
    path = f"/api/journal/entries/{entry.pk}"
    mine, his = api_as(maya), api_as(ravi)
    shared = mine.post(path + "/share")
    assert shared.status_code == 200, shared.content
    assert shared.json_body["shared"] is True

    read = his.get(path)
    assert read.status_code == 200
    assert read.json_body["learned"] == "for us"
    assert read.json_body["mine"] is False
    assert read.json_body["goal_ids"] == []  # Maya's goals stay hers
    listed = his.get("/api/journal/shared-with-me", relationship=maya_ravi.pk).json_body
    assert [e["id"] for e in listed["items"]] == [entry.pk]
    assert listed["items"][0]["author"]["name"] == "Maya Chen"
    # What Maya shared is hers: Ravi reads it, and changes nothing.
    assert his.patch(path, {"learned": "edited"}).status_code == 404
    assert his.post(path + "/unshare").status_code == 404
    assert his.get("/api/journal/entries").json_body["count"] == 0
    # Maya's own view of the relationship lists nothing "shared with her".
    assert (
        mine.get("/api/journal/shared-with-me", relationship=maya_ravi.pk).json_body["count"] == 0
    )
    for outsider in (eve, admin):
        assert api_as(outsider).get(path).status_code == 404
        response = api_as(outsider).get("/api/journal/shared-with-me", relationship=maya_ravi.pk)
        assert response.status_code == 404

    assert mine.post(path + "/unshare").json_body["shared"] is False
    assert his.get(path).status_code == 404
    assert his.get("/api/journal/shared-with-me", relationship=maya_ravi.pk).json_body["count"] == 0


def test_sharing_needs_someone_to_share_with(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    alone = client.post("/api/journal/entries", {"learned": "x", "shared": True})
    assert alone.status_code == 422
    assert alone.json_body["field"] == "relationship"
    with_contact = RelationshipFactory(
        mentee=maya, mentor=None, mentor_contact=ContactFactory(owner=maya), created_by=maya
    )
    contact = client.post(
        "/api/journal/entries",
        {"learned": "x", "relationship": with_contact.pk, "shared": True},
    )
    assert contact.status_code == 409
    assert contact.json_body["code"] == "share_with_contact"
    assert not JournalEntry.objects.exists()

    entry = JournalEntry.objects.create(
        author=maya, written_on=dt.date(2026, 3, 1), learned="x", relationship=with_contact
    )
    refused = client.post(f"/api/journal/entries/{entry.pk}/share")
    assert refused.status_code == 409
    entry.refresh_from_db()
    assert entry.shared is False


def test_a_shared_entry_keeps_its_relationship(api_as, maya, sam, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    maya_sam = RelationshipFactory(mentee=maya, mentor=sam, created_by=maya)
    entry = JournalEntry.objects.create(
        author=maya,
        written_on=dt.date(2026, 3, 1),
        learned="x",
        relationship=maya_ravi,
        shared=True,
    )
    path = f"/api/journal/entries/{entry.pk}"
    for body in ({"relationship": maya_sam.pk}, {"relationship": None}):
        response = api_as(maya).patch(path, body)
        assert response.status_code == 409, response.content
        assert response.json_body["code"] == "shared_relationship_change"
    entry.refresh_from_db()
    assert entry.relationship_id == maya_ravi.pk


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "learned"),
        ({"learned": " ", "will_try": "", "surprised": ""}, "learned"),
        ({"learned": "x" * 2001}, "learned"),
        ({"learned": "x", "written_on": "2999-01-01"}, "written_on"),
        ({"learned": "x", "written_on": "0001-01-01"}, "written_on"),
        ({"learned": "x", "written_on": "soon"}, "written_on"),
        ({"learned": "x", "goals": "1"}, "goals"),
        ({"learned": "x", "goals": [0]}, "goals.0"),
        ({"learned": "x", "advice": [MAX_ID + 1]}, "advice.0"),
        ({"learned": "x", "goals": list(range(1, 52))}, "goals"),
        ({"learned": "x", "shared": "perhaps"}, "shared"),
    ],
)
def test_bad_entry_names_the_field(api_as, maya, body, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/journal/entries", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not JournalEntry.objects.exists()


def test_links_to_what_is_not_mine_are_refused(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    his_goal = GoalFactory(person=ravi)
    advice = Advice.objects.create(
        relationship=maya_ravi, recorded_by=maya, given_on=dt.date(2026, 3, 1), text="Listen"
    )
    client = api_as(ravi)
    for body, field in (
        ({"goals": [GoalFactory(person=maya).pk]}, "goals"),
        ({"advice": [advice.pk]}, "advice"),
        ({"meeting": MeetingFactory().pk}, "meeting"),
        ({"relationship": RelationshipFactory().pk}, "relationship"),
    ):
        response = client.post("/api/journal/entries", {"learned": "x", **body})
        assert response.status_code == 404, body
        assert response.json_body["field"] == field
    assert (
        client.post("/api/journal/entries", {"learned": "x", "goals": [his_goal.pk]}).status_code
        == 201
    )
    assert JournalEntry.objects.count() == 1


def test_entry_list_filters_and_pages(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        JournalEntry.objects.create(
            author=maya,
            written_on=dt.date(2026, 3, n + 1),
            learned=f"thing {n}",
            relationship=maya_ravi if n % 2 else None,
            shared=bool(n % 2),
        )
    client = api_as(maya)
    assert client.get("/api/journal/entries", shared=True).json_body["count"] == 2
    assert client.get("/api/journal/entries", shared=False).json_body["count"] == 3
    assert client.get("/api/journal/entries", relationship=maya_ravi.pk).json_body["count"] == 2
    first = client.get("/api/journal/entries", limit=2).json_body
    assert [e["learned"] for e in first["items"]] == ["thing 4", "thing 3"]
    assert first["next_offset"] == 2
    last = client.get("/api/journal/entries", limit=2, offset=4).json_body
    assert len(last["items"]) == 1 and last["next_offset"] is None
    assert client.get("/api/journal/entries", limit=0).status_code == 422


def test_cadence_read_and_change(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    assert client.get("/api/journal/cadence").json_body == {"cadence": "off", "due": False}
    changed = client.put("/api/journal/cadence", {"cadence": "weekly"})
    assert changed.status_code == 200
    assert changed.json_body == {"cadence": "weekly", "due": True}  # no entry yet: due at once
    bad = client.put("/api/journal/cadence", {"cadence": "hourly"})
    assert bad.status_code == 422 and bad.json_body["field"] == "cadence"
    assert JournalCadence.objects.get(person=maya).cadence == "weekly"
    assert api_as(ravi).get("/api/journal/cadence").json_body["cadence"] == "off"


def test_the_checkin_says_whether_i_am_learning(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    first = client.get("/api/journal/check-in").json_body
    assert first["verdict"] == "not_enough_yet"
    assert first["entries"] == 0
    assert [s["kind"] for s in first["suggestions"]] == ["write"]
    goal = GoalFactory(person=maya, title="Lead")
    made = client.post("/api/journal/entries", {"learned": "to delegate"})
    assert made.status_code == 201
    Win.objects.create(
        person=maya,
        goal=goal,
        happened_on=dt.date.fromisoformat(made.json_body["written_on"]),
        text="Led",
    )
    now = client.get("/api/journal/check-in").json_body
    assert now["verdict"] == "learning"
    assert now["learned"] == ["to delegate"]
    assert now["goals_moved"] == [{"id": goal.pk, "title": "Lead"}]
    assert now["entries"] == 1
