"""/api/action-items: what each side of a relationship promised to do, over the API."""

from __future__ import annotations

import pytest

from tests.factories import ActionItemFactory, MeetingFactory
from tests.programme_fixtures import enrol
from tribe.meetings.models import ActionItem
from tribe.programs.models import Role


def test_add_list_change_finish_reopen_and_delete(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    meeting = MeetingFactory(relationship=maya_ravi)
    mine = api_as(maya)
    made = mine.post(
        "/api/action-items",
        {"relationship": maya_ravi.pk, "meeting": meeting.pk, "title": "Send the deck"},
    )
    assert made.status_code == 201, made.content
    item = made.json_body
    assert (item["owner"], item["done"], item["due_on"]) == ("mentee", False, None)
    assert item["meeting_id"] == meeting.pk

    theirs = api_as(ravi)
    assert [i["id"] for i in theirs.get("/api/action-items").json_body["items"]] == [item["id"]]
    changed = theirs.patch(
        f"/api/action-items/{item['id']}", {"owner": "mentor", "due_on": "2027-02-01"}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json_body["title"] == "Send the deck"  # left out, so kept
    assert (changed.json_body["owner"], changed.json_body["due_on"]) == ("mentor", "2027-02-01")

    done = theirs.post(f"/api/action-items/{item['id']}/done")
    assert done.status_code == 200
    assert done.json_body["done"] is True and done.json_body["done_at"] is not None
    reopened = mine.post(f"/api/action-items/{item['id']}/undone")
    assert reopened.json_body["done"] is False and reopened.json_body["done_at"] is None

    cleared = mine.patch(f"/api/action-items/{item['id']}", {"due_on": None})
    assert cleared.json_body["due_on"] is None
    assert mine.get(f"/api/action-items/{item['id']}").json_body["owner"] == "mentor"
    assert mine.delete(f"/api/action-items/{item['id']}").status_code == 204
    assert not ActionItem.objects.exists()


def test_list_filters_and_pages(api_as, maya, maya_ravi, sam_maya, now) -> None:  # type: ignore[no-untyped-def]
    meeting = MeetingFactory(relationship=maya_ravi)
    ActionItemFactory(relationship=maya_ravi, meeting=meeting, title="at the meeting")
    ActionItemFactory(relationship=maya_ravi, title="finished", done_at=now)
    ActionItemFactory(relationship=maya_ravi, title="open")
    ActionItemFactory(relationship=maya_ravi, title="due soon", due_on=now.date())
    ActionItemFactory(relationship=sam_maya, title="Sam's")
    ActionItemFactory(title="someone else's")
    client = api_as(maya)

    def titles(**query):  # type: ignore[no-untyped-def]
        response = client.get("/api/action-items", **query)
        assert response.status_code == 200, response.content
        return sorted(i["title"] for i in response.json_body["items"])

    assert titles() == ["Sam's", "at the meeting", "due soon", "finished", "open"]
    assert titles(relationship=maya_ravi.pk) == ["at the meeting", "due soon", "finished", "open"]
    assert titles(done="true") == ["finished"]
    assert titles(done="false", relationship=maya_ravi.pk) == ["at the meeting", "due soon", "open"]
    assert titles(done="false", relationship=sam_maya.pk) == ["Sam's"]
    assert titles(meeting=meeting.pk) == ["at the meeting"]
    # Open ones first, the dated before the undated; on SQLite and PostgreSQL alike.
    listed = client.get("/api/action-items", relationship=maya_ravi.pk).json_body["items"]
    assert [i["title"] for i in listed] == ["due soon", "at the meeting", "open", "finished"]
    page = client.get("/api/action-items", limit=3).json_body
    assert page["count"] == 5 and page["next_offset"] == 3 and len(page["items"]) == 3


def test_nobody_outside_the_relationship_sees_or_changes_them(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, eve, ada, programme, maya_ravi
) -> None:
    enrol(programme, Role.MENTEE, person=maya)
    enrol(programme, Role.MENTOR, person=ravi)
    item = ActionItemFactory(relationship=maya_ravi, title="Ours")
    for outsider in (eve, ada):
        client = api_as(outsider)
        assert client.get("/api/action-items").json_body["count"] == 0
        for method, path, sent in [
            ("GET", f"/api/action-items/{item.pk}", None),
            ("PATCH", f"/api/action-items/{item.pk}", {"title": "Theirs"}),
            ("POST", f"/api/action-items/{item.pk}/done", None),
            ("POST", f"/api/action-items/{item.pk}/undone", None),
            ("DELETE", f"/api/action-items/{item.pk}", None),
        ]:
            response = client.request(method, path, sent)
            assert response.status_code == 404, (outsider, method, path)
            assert response.json_body["code"] == "action_item_not_found"
        added = client.post("/api/action-items", {"relationship": maya_ravi.pk, "title": "x"})
        assert added.status_code == 404
    item.refresh_from_db()
    assert (item.title, item.done_at) == ("Ours", None)
    assert ActionItem.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "relationship"),
        ({"relationship": "REL"}, "title"),
        ({"relationship": "REL", "title": "   "}, "title"),
        ({"relationship": "REL", "title": "x" * 301}, "title"),
        ({"relationship": "REL", "title": "x\x07"}, "title"),
        ({"relationship": "REL", "title": "x", "owner": "both"}, "owner"),
        ({"relationship": "REL", "title": "x", "due_on": "9999-01-01"}, "due_on"),
        ({"relationship": "REL", "title": "x", "due_on": "next week"}, "due_on"),
        ({"relationship": "REL", "title": "x", "meeting": "OTHER_MEETING"}, "meeting"),
        ({"relationship": 10**30, "title": "x"}, "relationship"),
    ],
)
def test_bad_input_names_the_field(api_as, maya, maya_ravi, sam_maya, body, field) -> None:  # type: ignore[no-untyped-def]
    stand_in = {"REL": maya_ravi.pk, "OTHER_MEETING": MeetingFactory(relationship=sam_maya).pk}
    sent = {k: stand_in.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = api_as(maya).post("/api/action-items", sent)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not ActionItem.objects.exists()


def test_a_change_may_not_empty_what_is_required(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    item = ActionItemFactory(relationship=maya_ravi, title="Keep me")
    client = api_as(maya)
    for patch, field in (
        ({"title": None}, "title"),
        ({"title": ""}, "title"),
        ({"owner": None}, "owner"),
        ({"due_on": "0001-01-01"}, "due_on"),
    ):
        response = client.patch(f"/api/action-items/{item.pk}", patch)
        assert response.status_code == 422, (patch, response.content)
        assert response.json_body["field"] == field
    item.refresh_from_db()
    assert (item.title, item.owner, item.due_on) == ("Keep me", "mentee", None)
