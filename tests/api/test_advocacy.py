"""/api/advocacy: asks of a sponsor relationship, each step by the side it belongs to,
bad input named by its field, nothing of it for anyone else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories import RelationshipFactory
from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.api.common import person_today
from tribe.people.models import Person
from tribe.relationships.models import Relationship


@pytest.fixture
def sponsorship(maya: Person, ravi: Person) -> Relationship:
    return RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya, kind="sponsor")


def _body(relationship: Relationship, **fields: Any) -> dict[str, Any]:
    return {
        "relationship": relationship.pk,
        "audience": "the VP",
        "opportunity": "a role",
        **fields,
    }


def test_the_whole_pipeline(api_as, maya, ravi, sponsorship) -> None:  # type: ignore[no-untyped-def]
    mine, sponsor = api_as(maya), api_as(ravi)
    by = (person_today(maya) + dt.timedelta(days=10)).isoformat()
    made = mine.post("/api/advocacy/asks", _body(sponsorship, case="Shipped", by_when=by))
    assert made.status_code == 201, made.content
    ask = made.json_body
    assert (ask["status"], ask["by_when"], ask["steps"]) == ("asked", by, ["withdraw"])
    assert ask["asked_by"] == {"id": maya.pk, "name": "Maya Chen"} and ask["answered_by"] is None
    path = f"/api/advocacy/asks/{ask['id']}"
    seen = sponsor.get(path).json_body
    assert seen["case"] == "Shipped" and seen["steps"] == ["agree", "decline"]
    agreed = sponsor.post(path + "/agree", {"note": "Yes"}).json_body
    assert (agreed["status"], agreed["answer_note"], agreed["answered_by"]["id"]) == (
        "agreed",
        "Yes",
        ravi.pk,
    )
    done = sponsor.post(path + "/done", {"note": "Told them"}).json_body
    assert done["status"] == "done" and done["spoke_on"] == person_today(ravi).isoformat()
    finished = mine.post(path + "/outcome", {"outcome": "Promoted"}).json_body
    assert (finished["status"], finished["outcome_by"]["id"], finished["steps"]) == (
        "outcome",
        maya.pk,
        [],
    )
    listed = sponsor.get("/api/advocacy/asks", relationship=sponsorship.pk).json_body
    assert [row["id"] for row in listed["items"]] == [ask["id"]] and listed["count"] == 1


def test_the_protege_cannot_agree_nor_the_sponsor_withdraw(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, sponsorship
) -> None:
    ask = api_as(maya).post("/api/advocacy/asks", _body(sponsorship)).json_body
    path = f"/api/advocacy/asks/{ask['id']}"
    refused = api_as(maya).post(path + "/agree", {})
    assert (refused.status_code, refused.json_body["code"]) == (409, "not_sponsor")
    refused = api_as(ravi).post(path + "/withdraw")
    assert (refused.status_code, refused.json_body["code"]) == (409, "not_asker")
    out_of_order = api_as(ravi).post(path + "/done", {})
    assert (out_of_order.status_code, out_of_order.json_body["code"]) == (409, "bad_step")
    assert AdvocacyAsk.objects.get().status == AskStatus.ASKED


def test_wrong_kind_and_strangers(  # type: ignore[no-untyped-def]
    api_as, maya, eve, maya_ravi, sponsorship
) -> None:
    wrong = api_as(maya).post("/api/advocacy/asks", _body(maya_ravi))
    assert (wrong.status_code, wrong.json_body["code"], wrong.json_body["field"]) == (
        409,
        "not_sponsorship",
        "relationship",
    )
    ask = api_as(maya).post("/api/advocacy/asks", _body(sponsorship)).json_body
    stranger = api_as(eve)
    assert stranger.get(f"/api/advocacy/asks/{ask['id']}").status_code == 404
    assert stranger.post(f"/api/advocacy/asks/{ask['id']}/agree", {}).status_code == 404
    listed = stranger.get("/api/advocacy/asks", relationship=sponsorship.pk)
    assert (listed.status_code, listed.json_body["field"]) == (404, "relationship")
    made = stranger.post("/api/advocacy/asks", _body(sponsorship))
    assert made.status_code == 404
    assert AdvocacyAsk.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"audience": "x" * 201}, 422, "audience"),
        ({"case": "x" * 2001}, 422, "case"),
        ({"audience": "   "}, 422, "audience"),
        ({"by_when": "2020-01-01"}, 422, "by_when"),
        ({"by_when": "soon"}, 422, "by_when"),
        ({"relationship": True}, 422, "relationship"),
        ({"status": "agreed"}, 422, "status"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(  # type: ignore[no-untyped-def]
    api_as, maya, sponsorship, fields, status, field
) -> None:
    response = api_as(maya).post("/api/advocacy/asks", {**_body(sponsorship), **fields})
    assert (response.status_code, response.json_body["field"]) == (status, field), response.content
    assert not AdvocacyAsk.objects.exists()


def test_a_day_in_the_future_for_done_is_refused(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, sponsorship
) -> None:
    ask = api_as(maya).post("/api/advocacy/asks", _body(sponsorship)).json_body
    path = f"/api/advocacy/asks/{ask['id']}"
    api_as(ravi).post(path + "/agree", {})
    future = (person_today(ravi) + dt.timedelta(days=3)).isoformat()
    response = api_as(ravi).post(path + "/done", {"spoke_on": future})
    assert (response.status_code, response.json_body["code"], response.json_body["field"]) == (
        422,
        "future_date",
        "spoke_on",
    )
    assert AdvocacyAsk.objects.get().status == AskStatus.AGREED
