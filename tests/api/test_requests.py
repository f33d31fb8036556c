"""/api/requests: asking a mentor and answering, by consent."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import GoalFactory, PersonFactory, RelationshipFactory
from tribe.core import clock
from tribe.outreach.models import Introduction
from tribe.people.models import Block
from tribe.relationships.models import Relationship


def _prospect(client, email: str = "ravi@example.com") -> int:  # type: ignore[no-untyped-def]
    made = client.post("/api/relationships", {"my_role": "mentee", "other_email": email})
    assert made.status_code == 201, made.content
    return int(made.json_body["id"])


def test_ask_answer_a_question_and_be_accepted(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    mine = api_as(maya)
    goal = GoalFactory(person=maya, title="Lead a product team")
    rid = _prospect(mine)
    mine.patch(f"/api/relationships/{rid}", {"goals": [goal.pk]})
    path = f"/api/requests/mine/{rid}"

    prepared = mine.patch(
        path,
        {
            "purpose": "Learn to lead a product team",
            "ask": "Would you meet me once a month?",
            "why_them": "you built a team from scratch",
            "cadence_days": 30,
            "months": 3,
        },
    )
    assert prepared.status_code == 200, prepared.content
    body = prepared.json_body
    assert body["status"] == "prospect" and body["message"] == ""
    assert body["size"]["months"] == 3 and body["size"]["meetings"] == 3
    assert "Would you meet me once a month?" in body["draft"]
    assert body["nudge"] == {"state": "none", "due_on": None}

    sent = mine.post(path + "/send", {})
    assert sent.status_code == 200, sent.content
    assert sent.json_body["status"] == "asked"
    assert sent.json_body["message"] == body["draft"].strip()  # the draft, as it stood
    # The address was Ravi's: the request went to his account.
    assert sent.json_body["mentor"] == {"kind": "person", "id": ravi.pk, "name": "Ravi Menon"}

    theirs = api_as(ravi)
    waiting = theirs.get("/api/requests").json_body
    assert waiting["count"] == 1
    row = waiting["items"][0]
    assert row["id"] == rid and row["requester"] == {"id": maya.pk, "name": "Maya Chen"}
    assert row["my_side"] == "mentor" and row["goals"] == ["Lead a product team"]
    assert row["message"] == body["draft"].strip() and row["size"]["months"] == 3
    assert row["decline_draft"].startswith("Dear Maya")
    # Until he says yes it is a request, not a relationship of his.
    assert theirs.get(f"/api/relationships/{rid}").status_code == 404
    assert theirs.get(path).status_code == 404

    asked = theirs.post(f"/api/requests/{rid}/ask", {"question": "What have you tried?"})
    assert asked.status_code == 200, asked.content
    assert asked.json_body["info_request"] == "What have you tried?"
    assert mine.get(path).json_body["info_request"] == "What have you tried?"
    answered = mine.post(path + "/answer", {"answer": "Reading, and a course."})
    assert answered.status_code == 200, answered.content
    assert answered.json_body["info_request"] == ""
    assert "Reading, and a course." in answered.json_body["message"]

    accepted = theirs.post(f"/api/requests/{rid}/accept")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json_body["status"] == "intro" and accepted.json_body["my_side"] == "mentor"
    assert accepted.json_body["mutual"] is True
    assert theirs.get(f"/api/relationships/{rid}").status_code == 200
    assert theirs.get("/api/requests").json_body["count"] == 0
    again = theirs.post(f"/api/requests/{rid}/accept")
    assert again.status_code == 409 and again.json_body["code"] == "already_accepted"


def test_a_mentor_never_reads_a_request_meant_for_another(api_as, maya, ravi, sam) -> None:  # type: ignore[no-untyped-def]
    mine = api_as(maya)
    rid = _prospect(mine)
    mine.patch(f"/api/requests/mine/{rid}", {"purpose": "Learn", "ask": "Secret ask"})
    assert (
        mine.post(f"/api/requests/mine/{rid}/send", {"message": "For Ravi only"}).status_code == 200
    )
    other = api_as(sam)
    assert other.get("/api/requests").json_body["count"] == 0
    for response in (
        other.post(f"/api/requests/{rid}/accept"),
        other.post(f"/api/requests/{rid}/decline", {}),
        other.post(f"/api/requests/{rid}/ask", {"question": "?"}),
        other.post(f"/api/requests/{rid}/block"),
        other.get(f"/api/requests/mine/{rid}"),
        other.get(f"/api/relationships/{rid}"),
    ):
        assert response.status_code == 404
        assert "For Ravi only" not in response.content.decode()
    assert Relationship.objects.get(pk=rid).status == "asked"


def test_a_kind_no_reaches_the_requester_and_the_request_leaves_the_mentor(  # type: ignore[no-untyped-def]
    api_as, maya, ravi
) -> None:
    asked = RelationshipFactory(
        mentee=maya, mentor=ravi, status="asked", asked_at=clock.now(), request_message="Please?"
    )
    declined = api_as(ravi).post(f"/api/requests/{asked.pk}/decline", {"ask_again_months": 3})
    assert declined.status_code == 200, declined.content
    assert declined.json_body["status"] == "declined"
    assert declined.json_body["message"].startswith("Dear Maya")  # the template, as sent
    assert declined.json_body["ask_again_months"] == 3
    assert api_as(ravi).get("/api/requests").json_body["count"] == 0
    assert api_as(ravi).get(f"/api/relationships/{asked.pk}").status_code == 404
    hers = api_as(maya).get(f"/api/requests/mine/{asked.pk}").json_body
    assert hers["status"] == "declined"
    assert hers["decline_message"] == declined.json_body["message"]
    assert hers["ask_again_on"] is not None
    no_twice = api_as(ravi).post(f"/api/requests/{asked.pk}/decline", {"message": "No."})
    assert no_twice.status_code == 409


def test_a_blocked_person_asks_in_vain(api_as, eve, ravi) -> None:  # type: ignore[no-untyped-def]
    waiting = RelationshipFactory(mentee=eve, mentor=ravi, status="asked", asked_at=clock.now())
    blocked = api_as(ravi).post(f"/api/requests/{waiting.pk}/block")
    assert blocked.status_code == 200, blocked.content
    assert blocked.json_body["person"] == {"id": eve.pk, "name": "Eve Stranger"}
    waiting.refresh_from_db()
    assert waiting.status == "declined"
    assert waiting.decline_message == ""  # declined, with no words of his

    # Her next request goes nowhere: the service tells her he takes none from her.
    hers = api_as(eve)
    rid = _prospect(hers)
    hers.patch(f"/api/requests/mine/{rid}", {"purpose": "Learn"})
    refused = hers.post(f"/api/requests/mine/{rid}/send", {})
    assert refused.status_code == 409, refused.content
    assert refused.json_body["code"] == "blocked"
    assert Relationship.objects.get(pk=rid).status == "prospect"
    assert api_as(ravi).get("/api/requests").json_body["count"] == 0

    blocks = api_as(ravi).get("/api/requests/blocks").json_body
    assert [b["person"]["id"] for b in blocks["items"]] == [eve.pk]
    # Eve sees nothing of Ravi's blocks, and cannot lift one.
    assert api_as(eve).get("/api/requests/blocks").json_body["count"] == 0
    assert api_as(eve).delete(f"/api/requests/blocks/{eve.pk}").status_code == 404
    assert api_as(ravi).delete(f"/api/requests/blocks/{eve.pk}").status_code == 204
    assert not Block.objects.exists()
    assert api_as(ravi).delete(f"/api/requests/blocks/{eve.pk}").status_code == 404


def test_the_requester_cannot_block_or_answer_their_own_request(api_as, eve, ravi) -> None:  # type: ignore[no-untyped-def]
    waiting = RelationshipFactory(mentee=eve, mentor=ravi, status="asked", asked_at=clock.now())
    client = api_as(eve)
    assert client.post(f"/api/requests/{waiting.pk}/block").status_code == 404
    accepted = client.post(f"/api/requests/{waiting.pk}/accept")
    assert accepted.status_code == 409 and accepted.json_body["code"] == "not_asked"
    assert not Block.objects.exists()
    waiting.refresh_from_db()
    assert waiting.status == "asked" and waiting.mentor_consented_at is None


def test_nudges_wait_their_turn(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    fresh = RelationshipFactory(mentee=maya, mentor=ravi, status="asked", asked_at=clock.now())
    early = api_as(maya).post(f"/api/requests/mine/{fresh.pk}/nudge")
    assert early.status_code == 422 and early.json_body["code"] == "nudge_too_early"
    old = RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        kind="coach",
        status="asked",
        asked_at=clock.now() - dt.timedelta(days=30),
    )
    nudged = api_as(maya).post(f"/api/requests/mine/{old.pk}/nudge")
    assert nudged.status_code == 200, nudged.content
    assert nudged.json_body["nudges_sent"] == 1
    assert nudged.json_body["nudge"]["state"] == "waiting"


def test_accepting_needs_a_free_place(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    RelationshipFactory.create_batch(3, mentor=ravi)
    asked = RelationshipFactory(mentee=maya, mentor=ravi, status="asked", asked_at=clock.now())
    response = api_as(ravi).post(f"/api/requests/{asked.pk}/accept")
    assert response.status_code == 409 and response.json_body["code"] == "over_capacity"
    asked.refresh_from_db()
    assert asked.status == "asked" and asked.mentor_consented_at is None


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/mine/{id}", {"months": 25}, "months"),
        ("/mine/{id}", {"meeting_minutes": "long"}, "meeting_minutes"),
        ("/mine/{id}", {"ask": "x" * 501}, "ask"),
        ("/mine/{id}/send", {}, "purpose"),
        ("/mine/{id}/send", {"message": "x" * 5001}, "message"),
    ],
)
def test_bad_input_to_my_request_names_the_field(api_as, maya, path, body, field) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    rid = _prospect(client, "lin@example.org")
    method = client.patch if path == "/mine/{id}" else client.post
    response = method("/api/requests" + path.format(id=rid), body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    relationship = Relationship.objects.get(pk=rid)
    assert relationship.status == "prospect" and relationship.ask_months == 6


@pytest.mark.parametrize(
    ("verb", "body", "field"),
    [
        ("decline", {"ask_again_months": 99}, "ask_again_months"),
        ("decline", {"message": ""}, "message"),
        ("ask", {"question": ""}, "question"),
        ("ask", {}, "question"),
    ],
)
def test_bad_answers_name_the_field(api_as, maya, ravi, verb, body, field) -> None:  # type: ignore[no-untyped-def]
    asked = RelationshipFactory(mentee=maya, mentor=ravi, status="asked", asked_at=clock.now())
    response = api_as(ravi).post(f"/api/requests/{asked.pk}/{verb}", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    asked.refresh_from_db()
    assert asked.status == "asked" and asked.info_request == ""


def test_introductions_are_between_a_mentor_and_their_mentee(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, eve, maya_ravi
) -> None:
    made = api_as(ravi).post(
        "/api/requests/introductions",
        {
            "direction": "made",
            "mentee_id": maya.pk,
            "to_email": "lin@example.org",
            "introduced_on": "2026-03-05",
            "note": "Lin runs research",
        },
    )
    assert made.status_code == 201, made.content
    assert made.json_body["introducer"]["id"] == ravi.pk
    assert made.json_body["mentee"]["id"] == maya.pk
    assert made.json_body["relationship_id"] is None
    received = api_as(maya).post(
        "/api/requests/introductions",
        {
            "direction": "received",
            "mentor_id": ravi.pk,
            "to_email": "lin@example.org",
            "introduced_on": "2026-03-05",
            "start_prospect": True,
        },
    )
    assert received.status_code == 201, received.content
    prospect = Relationship.objects.get(pk=received.json_body["relationship_id"])
    assert prospect.status == "prospect" and prospect.mentee == maya
    # Eve is nobody's mentee here: nothing recorded.
    refused = api_as(ravi).post(
        "/api/requests/introductions",
        {
            "direction": "made",
            "mentee_id": eve.pk,
            "to_email": "x@example.org",
            "introduced_on": "2026-03-05",
        },
    )
    assert refused.status_code == 404 and refused.json_body["field"] == "mentee_id"
    future = api_as(ravi).post(
        "/api/requests/introductions",
        {
            "direction": "made",
            "mentee_id": maya.pk,
            "to_email": "x@example.org",
            "introduced_on": (clock.now().date() + dt.timedelta(days=5)).isoformat(),
        },
    )
    assert future.status_code == 422 and future.json_body["field"] == "introduced_on"
    assert Introduction.objects.count() == 2


def test_the_incoming_list_pages_with_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    api_as, ravi, django_assert_num_queries
) -> None:
    def ask() -> None:
        RelationshipFactory(
            mentee=PersonFactory(), mentor=ravi, status="asked", asked_at=clock.now()
        )

    client = api_as(ravi)
    ask()
    client.get("/api/requests")
    # The token with its person, count, page, goals.
    with django_assert_num_queries(4):
        client.get("/api/requests")
    for _ in range(4):
        ask()
    with django_assert_num_queries(4):
        page = client.get("/api/requests", limit=2)
    assert page.json_body["count"] == 5 and page.json_body["next_offset"] == 2
