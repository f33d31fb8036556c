"""/api/fit: the candidates for one of my goals and why, "not a match", and the
mentor directory, showing of others only what they wrote for mentees."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ContactFactory, GoalFactory, PersonFactory, RelationshipFactory
from tribe.matching.models import NotAMatch
from tribe.people.models import Person
from tribe.relationships.models import Relationship

#: What an account says for itself alone: never in a ranking or the directory.
PRIVATE = ("email", "nudge_after_days", "share_mentors", "seniority", "goals", "notes")


def _mentor(name: str, **fields: Any) -> Person:
    defaults: dict[str, Any] = {
        "open_to_mentoring": True,
        "mentee_capacity": 2,
        "seniority": 12,
        "email": f"{name.split()[0].lower()}@example.com",
    }
    return PersonFactory(name=name, **{**defaults, **fields})


@pytest.fixture
def world(maya, ravi, maya_ravi) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    goal = GoalFactory(person=maya, title="Learn pricing", why="to price our product")
    return {
        "goal": goal,
        "pia": _mentor(
            "Pia Pricing",
            expertise=["pricing"],
            offers="Pricing strategy for SaaS",
            headline="Head of pricing",
            nudge_after_days=9,
        ),
        "kai": _mentor("Kai Kubernetes", expertise=["kubernetes"], offers="Cluster operations"),
        "closed": _mentor(
            "Cleo Closed", open_to_mentoring=False, mentee_capacity=0, expertise=["pricing"]
        ),
        "contact": ContactFactory(owner=maya, name="Con Tact", headline="Pricing consultant"),
        "others_contact": ContactFactory(owner=ravi, name="Ravi's friend"),
    }


def test_the_ranking_explains_each_candidate_and_shows_nothing_private(
    api_as, maya, ravi, world
) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).get("/api/fit", goal=world["goal"].pk)
    assert response.status_code == 200, response.content
    body = response.json_body
    assert body["goal"] == {"id": world["goal"].pk, "title": "Learn pricing"}
    listed = [(c["kind"], c["id"]) for c in body["candidates"]]
    assert listed[0] == ("person", world["pia"].pk)
    assert ("contact", world["contact"].pk) in listed and ("person", world["kai"].pk) in listed
    # Ravi already mentors her; Cleo is not open; Ravi's contact is his.
    ids = {c["id"] for c in body["candidates"] if c["kind"] == "person"}
    assert (
        ids.isdisjoint({world["closed"].pk, maya.pk, ravi.pk})
        and ("contact", world["others_contact"].pk) not in listed
    )
    pia = body["candidates"][0]
    assert "pricing" in [t["term"] for t in pia["matched_terms"]]
    assert pia["has_capacity"] is True and pia["free_places"] == 2 and pia["seniority_gap"] == 12
    assert set(pia["contributions"]) >= {"text"} and pia["score"] > 0
    contact = next(c for c in body["candidates"] if c["kind"] == "contact")
    assert contact["free_places"] is None
    for candidate in body["candidates"]:
        assert not set(candidate) & set(PRIVATE)
    assert "pia@example.com" not in response.content.decode()
    assert body["ruled_out"] == []


def test_someone_elses_goal_or_a_bad_one_is_refused(api_as, maya, ravi, eve, world) -> None:  # type: ignore[no-untyped-def]
    theirs = api_as(ravi).get("/api/fit", goal=world["goal"].pk)
    assert theirs.status_code == 404 and theirs.json_body["code"] == "goal_not_found"
    client = api_as(maya)
    for goal in ("0", str(2**63), "abc", ""):
        response = client.get("/api/fit", goal=goal)
        assert response.status_code == 422 and response.json_body["field"] == "goal", goal
    assert client.get("/api/fit").json_body["field"] == "goal"
    assert client.get("/api/fit", goal=world["goal"].pk, limit=201).json_body["field"] == "limit"


def test_rule_out_then_back_in(api_as, maya, world) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    goal = world["goal"].pk
    marked = client.post(
        "/api/fit/not-a-match",
        {
            "kind": "person",
            "candidate_id": world["pia"].pk,
            "goal": goal,
            "reason": "no time this year",
        },
    )
    assert marked.status_code == 201, marked.content
    mark = marked.json_body
    assert mark["goal_id"] == goal and mark["reason"] == "no time this year"
    assert mark["candidate"] == {"kind": "person", "id": world["pia"].pk, "name": "Pia Pricing"}

    fit = client.get("/api/fit", goal=goal).json_body
    assert ("person", world["pia"].pk) not in [(c["kind"], c["id"]) for c in fit["candidates"]]
    assert [r["id"] for r in fit["ruled_out"]] == [mark["id"]]
    # Ruled out for this goal only: another goal still ranks her.
    other = GoalFactory(person=maya, title="Pricing again")
    again = client.get("/api/fit", goal=other.pk).json_body
    assert ("person", world["pia"].pk) in [(c["kind"], c["id"]) for c in again["candidates"]]
    assert again["ruled_out"] == []

    everywhere = client.post(
        "/api/fit/not-a-match",
        {"kind": "contact", "candidate_id": world["contact"].pk, "reason": "moved away"},
    )
    assert everywhere.status_code == 201 and everywhere.json_body["goal_id"] is None
    listed = client.get("/api/fit/not-a-match").json_body
    assert [m["id"] for m in listed["items"]] == [everywhere.json_body["id"], mark["id"]]

    assert client.delete(f"/api/fit/not-a-match/{mark['id']}").status_code == 204
    back = client.get("/api/fit", goal=goal).json_body
    assert ("person", world["pia"].pk) in [(c["kind"], c["id"]) for c in back["candidates"]]
    gone = client.delete(f"/api/fit/not-a-match/{mark['id']}")
    assert gone.status_code == 404 and gone.json_body["code"] == "not_a_match_not_found"


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        ({"reason": "   "}, 422, "reason_needed", "reason"),
        ({"reason": "x" * 301}, 422, "string_too_long", "reason"),
        ({"kind": "robot"}, 422, "literal_error", "kind"),
        ({"candidate_id": 0}, 422, "greater_than_equal", "candidate_id"),
        ({"candidate": "closed"}, 404, "candidate_not_found", "candidate"),
        (
            {"candidate": "others_contact", "kind": "contact"},
            404,
            "candidate_not_found",
            "candidate",
        ),
        ({"goal": "others_goal"}, 404, "goal_not_found", None),
    ],
)
def test_a_bad_not_a_match_is_refused_and_writes_nothing(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, world, change, status, code, field
) -> None:
    body: dict[str, Any] = {
        "kind": "person",
        "candidate_id": world["pia"].pk,
        "goal": world["goal"].pk,
        "reason": "no",
    }
    if "candidate" in change:
        body["candidate_id"] = world[change.pop("candidate")].pk
    if change.get("goal") == "others_goal":
        change["goal"] = GoalFactory(person=ravi).pk
    response = api_as(maya).post("/api/fit/not-a-match", {**body, **change})
    assert response.status_code == status, response.content
    assert response.json_body["field"] == field
    assert (
        response.json_body["errors"][0]["code"] if status == 422 else response.json_body["code"]
    ) == code
    assert not NotAMatch.objects.exists()


def test_nobody_undoes_or_reads_my_not_a_match(api_as, maya, ravi, world) -> None:  # type: ignore[no-untyped-def]
    mark = NotAMatch.objects.create(
        person=maya, candidate_person=world["pia"], reason="private reason"
    )
    other = api_as(ravi)
    assert other.delete(f"/api/fit/not-a-match/{mark.pk}").status_code == 404
    assert other.get("/api/fit/not-a-match").json_body["items"] == []
    assert NotAMatch.objects.filter(pk=mark.pk).exists()


def test_fit_runs_a_fixed_number_of_queries(api_as, maya, world, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    client.get("/api/fit", goal=world["goal"].pk)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/fit", goal=world["goal"].pk)
    for n in range(5):
        mentor = _mentor(f"Extra{n} Mentor", expertise=["pricing"])
        NotAMatch.objects.create(
            person=maya, goal=world["goal"], candidate_person=mentor, reason="x"
        )
        ContactFactory(owner=maya)
        _mentor(f"More{n} Mentor", expertise=["pricing"])
    with django_assert_num_queries(len(few.captured_queries)):
        many = client.get("/api/fit", goal=world["goal"].pk)
    assert len(many.json_body["ruled_out"]) == 5


def test_take_a_candidate_on_as_a_prospect(api_as, maya, world) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    made = client.post(
        "/api/fit/prospects",
        {"goal": world["goal"].pk, "kind": "person", "candidate_id": world["pia"].pk},
    )
    assert made.status_code == 201, made.content
    assert made.json_body["candidate"] == {
        "kind": "person",
        "id": world["pia"].pk,
        "name": "Pia Pricing",
    }
    relationship = Relationship.objects.get(pk=made.json_body["relationship_id"])
    assert (relationship.mentee, relationship.mentor, relationship.status) == (
        maya,
        world["pia"],
        "prospect",
    )
    assert list(relationship.goals.all()) == [world["goal"]]
    # Now in an open relationship with her, Pia leaves the ranking.
    fit = client.get("/api/fit", goal=world["goal"].pk).json_body
    assert ("person", world["pia"].pk) not in [(c["kind"], c["id"]) for c in fit["candidates"]]


def test_a_full_mentor_cannot_be_a_prospect(api_as, maya, world) -> None:  # type: ignore[no-untyped-def]
    full = _mentor("Fay Full", mentee_capacity=1, expertise=["pricing"])
    RelationshipFactory(mentor=full)
    before = Relationship.objects.count()
    response = api_as(maya).post(
        "/api/fit/prospects", {"goal": world["goal"].pk, "kind": "person", "candidate_id": full.pk}
    )
    assert response.status_code == 409, response.content
    assert (
        response.json_body["code"] == "mentor_full"
        and "Pia Pricing" in response.json_body["message"]
    )
    assert Relationship.objects.count() == before


def test_a_prospect_needs_my_goal_and_a_candidate(api_as, maya, ravi, world) -> None:  # type: ignore[no-untyped-def]
    body = {"goal": world["goal"].pk, "kind": "person", "candidate_id": world["pia"].pk}
    before = Relationship.objects.count()
    assert api_as(ravi).post("/api/fit/prospects", body).json_body["code"] == "goal_not_found"
    hidden = api_as(maya).post("/api/fit/prospects", {**body, "candidate_id": world["closed"].pk})
    assert hidden.status_code == 404 and hidden.json_body["code"] == "candidate_not_found"
    assert Relationship.objects.count() == before


# The directory ------------------------------------------------------------------


def test_the_directory_lists_open_mentors_with_their_public_words_only(
    api_as, maya, eve, world
) -> None:  # type: ignore[no-untyped-def]
    response = api_as(eve).get("/api/fit/mentors")
    assert response.status_code == 200, response.content
    names = [m["name"] for m in response.json_body["items"]]
    # Open to mentoring with a verified address: Maya and Ravi too, never Cleo.
    assert set(names) >= {"Pia Pricing", "Kai Kubernetes", "Maya Chen", "Ravi Menon"}
    assert "Cleo Closed" not in names
    pia = next(m for m in response.json_body["items"] if m["name"] == "Pia Pricing")
    assert pia["offers"] == "Pricing strategy for SaaS" and pia["free_places"] == 2
    assert not set(pia) & set(PRIVATE)
    assert "@example.com" not in response.content.decode()
    # Nobody is listed to themselves.
    assert "Maya Chen" not in [
        m["name"] for m in api_as(maya).get("/api/fit/mentors").json_body["items"]
    ]


def test_the_directory_filters_searches_and_pages(api_as, eve, world) -> None:  # type: ignore[no-untyped-def]
    client = api_as(eve)
    expert = client.get("/api/fit/mentors", expertise="Kubernetes").json_body
    assert [m["name"] for m in expert["items"]] == ["Kai Kubernetes"]
    searched = client.get("/api/fit/mentors", q="pricing strategy").json_body
    assert searched["items"][0]["name"] == "Pia Pricing"
    assert "pricing" in searched["items"][0]["matched_terms"]
    page = client.get("/api/fit/mentors", limit=1, offset=1).json_body
    assert (len(page["items"]), page["next_offset"]) == (1, 2) and page["count"] == 4


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"q": "x" * 10_000}, "q"),
        ({"q": "pricing\x00"}, "q"),
        ({"expertise": "x" * 101}, "expertise"),
        ({"language": "\u202ede"}, "language"),
        ({"overlap": "25"}, "overlap"),
        ({"overlap": "nan"}, "overlap"),
        ({"places": "maybe"}, "places"),
    ],
)
def test_odd_directory_filters_are_refused(api_as, eve, query, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(eve).get("/api/fit/mentors", **query)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field


def test_a_mentors_profile_is_there_only_while_listed(api_as, maya, eve, world) -> None:  # type: ignore[no-untyped-def]
    client = api_as(eve)
    pia = client.get(f"/api/fit/mentors/{world['pia'].pk}")
    assert pia.status_code == 200 and pia.json_body["headline"] == "Head of pricing"
    assert not set(pia.json_body) & set(PRIVATE)
    for hidden in (world["closed"].pk, eve.pk, 2**62):
        response = client.get(f"/api/fit/mentors/{hidden}")
        assert response.status_code == 404 and response.json_body["code"] == "candidate_not_found"
