"""/api/goals: my goals over the API."""

from __future__ import annotations

import pytest

from tests.factories import GoalFactory
from tribe.people.models import Goal


def test_add_list_change_delete_a_goal(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    made = client.post(
        "/api/goals", {"title": "Run a workshop", "why": "to teach", "target_date": "2026-09-01"}
    )
    assert made.status_code == 201, made.content
    goal_id = made.json_body["id"]
    assert made.json_body["status"] == "open"

    listed = client.get("/api/goals")
    assert listed.status_code == 200
    assert [g["id"] for g in listed.json_body["items"]] == [goal_id]
    assert listed.json_body["count"] == 1 and listed.json_body["next_offset"] is None

    changed = client.patch(f"/api/goals/{goal_id}", {"status": "achieved"})
    assert changed.status_code == 200
    assert changed.json_body["status"] == "achieved"
    assert changed.json_body["title"] == "Run a workshop"  # left out, so kept

    assert client.delete(f"/api/goals/{goal_id}").status_code == 204
    assert not Goal.objects.filter(pk=goal_id).exists()


def test_a_goal_of_someone_else_is_not_found(api_as, maya, eve) -> None:  # type: ignore[no-untyped-def]
    goal = GoalFactory(person=maya)
    response = api_as(eve).patch(f"/api/goals/{goal.pk}", {"title": "mine now"})
    assert response.status_code == 404
    assert response.json_body["code"] == "goal_not_found"
    goal.refresh_from_db()
    assert goal.title != "mine now"


def test_list_filters_by_status_and_pages(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        GoalFactory(person=maya, status="achieved" if n % 2 else "open")
    client = api_as(maya)
    achieved = client.get("/api/goals", status="achieved")
    assert achieved.json_body["count"] == 2
    first = client.get("/api/goals", limit=2)
    assert len(first.json_body["items"]) == 2 and first.json_body["next_offset"] == 2
    last = client.get("/api/goals", limit=2, offset=4)
    assert len(last.json_body["items"]) == 1 and last.json_body["next_offset"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "title"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": 5}, "title"),
        ({"title": "ok", "status": "finished"}, "status"),
        ({"title": "ok", "target_date": "not a date"}, "target_date"),
    ],
)
def test_bad_input_names_the_field(api_as, maya, body, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/goals", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert field in response.json_body["message"]
    assert not Goal.objects.exists()


def test_goal_list_runs_a_fixed_number_of_queries(api_as, maya, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    client.get("/api/goals")  # the token's first use notes the moment
    GoalFactory.create_batch(3, person=maya)
    # The token with its person, count, page.
    with django_assert_num_queries(3):
        client.get("/api/goals")
    GoalFactory.create_batch(20, person=maya)
    with django_assert_num_queries(3):
        client.get("/api/goals")
