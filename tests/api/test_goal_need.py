"""/api/goals carries the kind of help a goal needs and the kind its words suggest; a prospect
taken on over the API for the goal is of that kind."""

from __future__ import annotations

import pytest

from tests.factories import GoalFactory, PersonFactory
from tribe.people.models import Goal
from tribe.people.needs import suggest_need
from tribe.relationships.models import Relationship


def test_a_goal_is_added_with_its_need_and_shows_the_suggestion(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    made = client.post("/api/goals", {"title": "Rehearse conference talks", "need": "coach"})
    assert made.status_code == 201, made.content
    body = made.json_body
    assert body["need"] == "coach"
    assert body["suggested_need"]["kind"] == "coach"
    assert body["suggested_need"]["word"] == "rehearse"
    assert body["suggested_need"]["reason"] == suggest_need("Rehearse conference talks").reason
    assert Goal.objects.get(pk=body["id"]).need == "coach"


def test_a_goal_without_a_need_says_so_and_suggests_a_mentor(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    made = api_as(maya).post("/api/goals", {"title": "Learn to lead a team"})
    assert made.json_body["need"] == ""
    assert made.json_body["suggested_need"]["kind"] == "mentor"
    assert made.json_body["suggested_need"]["word"] == ""


def test_patch_sets_or_keeps_the_need(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    goal = GoalFactory(person=maya, title="Get promoted")
    client = api_as(maya)
    changed = client.patch(f"/api/goals/{goal.pk}", {"need": "sponsor"})
    assert changed.status_code == 200, changed.content
    assert changed.json_body["need"] == "sponsor"
    kept = client.patch(f"/api/goals/{goal.pk}", {"status": "in_progress"})
    assert kept.json_body["need"] == "sponsor"
    cleared = client.patch(f"/api/goals/{goal.pk}", {"need": ""})
    assert cleared.json_body["need"] == ""
    listed = client.get("/api/goals")
    assert [(g["need"], g["suggested_need"]["kind"]) for g in listed.json_body["items"]] == [
        ("", "sponsor")
    ]


@pytest.mark.parametrize(
    ("method", "need"), [("post", "boss"), ("post", None), ("patch", "boss"), ("patch", None)]
)
def test_an_unknown_need_names_the_field_and_writes_nothing(api_as, maya, method, need) -> None:  # type: ignore[no-untyped-def]
    goal = GoalFactory(person=maya, title="Get promoted", need="mentor")
    client = api_as(maya)
    if method == "post":
        response = client.post("/api/goals", {"title": "Another", "need": need})
    else:
        response = client.patch(f"/api/goals/{goal.pk}", {"title": "Changed", "need": need})
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == "need"
    assert Goal.objects.filter(person=maya).count() == 1
    goal.refresh_from_db()
    assert (goal.title, goal.need) == ("Get promoted", "mentor")


def test_nobody_else_sets_my_goals_need(api_as, maya, eve) -> None:  # type: ignore[no-untyped-def]
    goal = GoalFactory(person=maya, title="Get promoted")
    response = api_as(eve).patch(f"/api/goals/{goal.pk}", {"need": "sponsor"})
    assert response.status_code == 404
    assert response.json_body["code"] == "goal_not_found"
    goal.refresh_from_db()
    assert goal.need == ""


def test_a_prospect_taken_on_over_the_api_is_of_the_goals_need(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    peer = PersonFactory(
        name="Pat Peer", open_to_mentoring=True, mentee_capacity=1, expertise=["rust"]
    )
    goal = GoalFactory(person=maya, title="Study Rust together", need="peer")
    response = api_as(maya).post(
        "/api/fit/prospects", {"goal": goal.pk, "kind": "person", "candidate_id": peer.pk}
    )
    assert response.status_code == 201, response.content
    relationship = Relationship.objects.get(pk=response.json_body["relationship_id"])
    assert relationship.kind == "peer"
