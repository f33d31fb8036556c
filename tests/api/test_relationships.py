"""/api/relationships: the pipeline, the agreement and keeping in touch, by consent."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, GoalFactory, PersonFactory, RelationshipFactory
from tribe.core import clock
from tribe.relationships.models import Relationship


def _soon(days: int = 10) -> str:
    return (clock.now().date() + dt.timedelta(days=days)).isoformat()


def test_start_read_change_move_and_delete_a_relationship_with_a_contact(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    lin = ContactFactory(owner=maya, name="Lin Park", email="lin@example.org")
    goal = GoalFactory(person=maya, title="Run discovery")
    made = client.post(
        "/api/relationships",
        {"my_role": "mentee", "other_contact": lin.pk, "purpose": "Learn", "goals": [goal.pk]},
    )
    assert made.status_code == 201, made.content
    body = made.json_body
    assert body["counterpart"] == {"kind": "contact", "id": lin.pk, "name": "Lin Park"}
    assert body["my_side"] == "mentee" and body["status"] == "prospect"
    assert body["goals"] == [{"id": goal.pk, "title": "Run discovery"}]
    assert body["mutual"] is True and body["created_by_me"] is True
    assert "asked" in body["allowed_moves"] and "active" in body["allowed_moves"]
    assert body["health"]["state"] == "inactive"
    path = f"/api/relationships/{body['id']}"

    changed = client.patch(path, {"purpose": "Learn to interview", "goals": []})
    assert changed.status_code == 200, changed.content
    assert changed.json_body["purpose"] == "Learn to interview"
    assert changed.json_body["goals"] == [] and changed.json_body["kind"] == "mentor"

    moved = client.post(path + "/move", {"status": "active"})
    assert moved.status_code == 200, moved.content
    assert moved.json_body["status"] == "active"
    assert set(moved.json_body["allowed_moves"]) == {"paused", "ended"}

    agreed = client.put(
        path + "/agreement",
        {"cadence_days": 14, "meeting_minutes": 45, "channel": "phone", "starts_on": "2026-03-01"},
    )
    assert agreed.status_code == 200, agreed.content
    assert agreed.json_body["agreement"]["cadence_days"] == 14
    assert agreed.json_body["agreement"]["channel"] == "phone"
    assert agreed.json_body["agreement"]["ends_on"] is None

    assert client.delete(path).status_code == 204
    assert not Relationship.objects.filter(pk=body["id"]).exists()


def test_an_address_becomes_a_contact_and_never_tells_whether_it_has_an_account(  # type: ignore[no-untyped-def]
    api_as, maya, ravi
) -> None:
    made = api_as(maya).post(
        "/api/relationships", {"my_role": "mentee", "other_email": "ravi@example.com"}
    )
    assert made.status_code == 201, made.content
    assert made.json_body["counterpart"]["kind"] == "contact"
    relationship = Relationship.objects.get(pk=made.json_body["id"])
    assert relationship.mentor is None
    # Ravi knows nothing of it: it is Maya's private prospect.
    assert api_as(ravi).get(f"/api/relationships/{relationship.pk}").status_code == 404
    assert api_as(ravi).get("/api/relationships").json_body["count"] == 0


def test_nobody_is_put_into_a_running_relationship_without_their_say(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    # A contact linked to Ravi's account is Ravi: only a prospect, until he accepts.
    linked = ContactFactory(owner=maya, person=ravi, email="ravi@example.com")
    response = api_as(maya).post(
        "/api/relationships", {"my_role": "mentee", "other_contact": linked.pk, "status": "active"}
    )
    assert response.status_code == 422, response.content
    assert response.json_body["code"] == "starts_private"
    assert response.json_body["field"] == "status"
    assert not Relationship.objects.exists()


def test_each_side_reads_its_own_view(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    path = f"/api/relationships/{maya_ravi.pk}"
    snoozed = api_as(maya).post(path + "/snooze", {"until": _soon(), "reason": "Ravi on leave"})
    assert snoozed.status_code == 200, snoozed.content
    mine = snoozed.json_body["keeping"]
    assert mine["snoozed_by_me"] is True and mine["snooze_reason"] == "Ravi on leave"
    assert any("Ravi on leave" in reason for reason in snoozed.json_body["health"]["reasons"])

    seen = api_as(ravi).get(path)
    assert seen.status_code == 200
    body = seen.json_body
    assert body["counterpart"] == {"kind": "person", "id": maya.pk, "name": "Maya Chen"}
    assert body["my_side"] == "mentor" and body["created_by_me"] is False
    # The reason is a note to herself: Ravi sees that reminders are quiet, not why.
    assert body["keeping"]["snoozed_until"] == _soon()
    assert body["keeping"]["snooze_reason"] == ""
    assert body["keeping"]["snoozed_by_me"] is False
    assert "Ravi on leave" not in seen.content.decode()

    unsnoozed = api_as(ravi).post(path + "/unsnooze")
    assert unsnoozed.status_code == 200
    assert unsnoozed.json_body["keeping"]["snoozed_until"] is None


def test_a_stranger_and_an_administrator_change_nothing(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, maya_ravi, eve, ada, programme
) -> None:
    from tests.programme_fixtures import enrol
    from tribe.programs.models import Role

    enrol(programme, person=maya)
    enrol(programme, Role.MENTOR, person=ravi)
    path = f"/api/relationships/{maya_ravi.pk}"
    for who in (eve, ada):
        for call in (
            lambda c: c.get(path),
            lambda c: c.patch(path, {"purpose": "mine now"}),
            lambda c: c.post(path + "/move", {"status": "ended"}),
            lambda c: c.put(path + "/updates", {"update_every_days": 30}),
            lambda c: c.post(path + "/snooze", {"until": _soon(), "reason": "x"}),
            lambda c: c.delete(path),
        ):
            response = call(api_as(who))
            assert response.status_code == 404
            assert response.json_body["code"] == "not_found"
        assert api_as(who).get("/api/relationships").json_body["count"] == 0
    maya_ravi.refresh_from_db()
    assert maya_ravi.purpose == "Learn to lead" and maya_ravi.status == "active"
    assert maya_ravi.update_every_days is None


def test_a_request_waiting_for_an_answer_is_not_the_asked_persons_relationship(  # type: ignore[no-untyped-def]
    api_as, eve, ravi
) -> None:
    asked = RelationshipFactory(mentee=eve, mentor=ravi, status="asked")
    client = api_as(ravi)
    assert client.get(f"/api/relationships/{asked.pk}").status_code == 404
    assert (
        client.post(f"/api/relationships/{asked.pk}/move", {"status": "intro"}).status_code == 404
    )
    assert client.get("/api/relationships").json_body["count"] == 0
    # Eve, who asked, sees it; accepting is not hers to do.
    refused = api_as(eve).post(f"/api/relationships/{asked.pk}/move", {"status": "intro"})
    assert refused.status_code == 409
    assert refused.json_body["code"] == "not_allowed"
    asked.refresh_from_db()
    assert asked.status == "asked"


def test_the_list_filters_by_status_and_side_and_pages(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        RelationshipFactory(mentee=maya)
    RelationshipFactory(mentor=maya, created_by=maya, status="paused")
    client = api_as(maya)
    assert client.get("/api/relationships").json_body["count"] == 4
    as_mentor = client.get("/api/relationships", side="mentor").json_body
    assert as_mentor["count"] == 1 and as_mentor["items"][0]["my_side"] == "mentor"
    assert client.get("/api/relationships", status="paused").json_body["count"] == 1
    assert client.get("/api/relationships", side="mentee", status="paused").json_body["count"] == 0
    first = client.get("/api/relationships", limit=3).json_body
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    assert client.get("/api/relationships", side="boss").status_code == 422


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "my_role"),
        ({"my_role": "boss", "other_email": "a@example.org"}, "my_role"),
        ({"my_role": "mentee", "other_email": "a@example.org", "status": "ended"}, "status"),
        ({"my_role": "mentee", "other_email": "a@example.org", "kind": "boss"}, "kind"),
        ({"my_role": "mentee", "other_email": "not an address"}, "other_email"),
        ({"my_role": "mentee", "other_email": "a@example.org", "purpose": "x" * 301}, "purpose"),
        ({"my_role": "mentee", "other_email": "a@example.org", "goals": ["x"]}, "goals.0"),
        ({"my_role": "mentee", "other_contact": 2**63}, "other_contact"),
        ({"my_role": "mentee"}, "other"),
    ],
)
def test_bad_input_names_the_field(api_as, maya, body, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/relationships", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not Relationship.objects.exists()


def test_someone_elses_contact_or_goal_is_not_found(api_as, maya, eve) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    theirs = ContactFactory(owner=eve)
    response = client.post("/api/relationships", {"my_role": "mentee", "other_contact": theirs.pk})
    assert response.status_code == 404
    assert response.json_body["field"] == "other_contact"
    goal = GoalFactory(person=eve)
    response = client.post(
        "/api/relationships",
        {"my_role": "mentee", "other_email": "a@example.org", "goals": [goal.pk]},
    )
    assert response.status_code == 404
    assert response.json_body["field"] == "goals"
    assert not Relationship.objects.exists()


def test_the_mentor_links_only_the_goals_already_linked(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    linked, other = GoalFactory(person=maya), GoalFactory(person=maya)
    maya_ravi.goals.add(linked)
    path = f"/api/relationships/{maya_ravi.pk}"
    refused = api_as(ravi).patch(path, {"goals": [linked.pk, other.pk]})
    assert refused.status_code == 404 and refused.json_body["field"] == "goals"
    kept = api_as(ravi).patch(path, {"kind": maya_ravi.kind})
    assert kept.status_code == 200
    assert kept.json_body["goals"] == [{"id": linked.pk, "title": linked.title}]


def test_moves_follow_the_pipeline_and_capacity(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    path = f"/api/relationships/{maya_ravi.pk}"
    refused = api_as(maya).post(path + "/move", {"status": "prospect"})
    assert refused.status_code == 409
    assert refused.json_body["code"] == "bad_transition"
    paused = api_as(ravi).post(path + "/move", {"status": "paused"})
    assert paused.status_code == 200 and paused.json_body["status"] == "paused"
    # Ravi fills his places meanwhile: no coming back from the pause over his capacity.
    RelationshipFactory.create_batch(3, mentor=ravi)
    full = api_as(maya).post(path + "/move", {"status": "active"})
    assert full.status_code == 409
    assert full.json_body["code"] == "over_capacity"
    maya_ravi.refresh_from_db()
    assert maya_ravi.status == "paused"


def test_an_accepted_relationship_is_ended_not_deleted(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    path = f"/api/relationships/{maya_ravi.pk}"
    by_creator = api_as(maya).delete(path)
    assert by_creator.status_code == 409
    assert by_creator.json_body["code"] == "other_consented"
    by_other = api_as(ravi).delete(path)
    assert by_other.status_code == 409
    assert by_other.json_body["code"] == "not_creator"
    assert Relationship.objects.filter(pk=maya_ravi.pk).exists()


def test_the_agreement_at_the_intro_meeting_starts_it(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    intro = RelationshipFactory(mentee=maya, mentor=ravi, status="intro")
    path = f"/api/relationships/{intro.pk}/start"
    agreement = {
        "purpose": "Lead a team",
        "cadence_days": 14,
        "meeting_minutes": 30,
        "channel": "video",
        "starts_on": "2026-03-01",
        "months": 6,
    }
    far = api_as(ravi).post(path, {**agreement, "starts_on": "9999-12-01"})
    assert far.status_code == 422, far.content
    assert far.json_body["field"] == "starts_on"
    started = api_as(ravi).post(path, agreement)
    assert started.status_code == 200, started.content
    body = started.json_body
    assert body["status"] == "active"
    assert body["agreement"]["ends_on"] == "2026-09-01"
    assert body["agreement"]["agreed_at"] is not None
    again = api_as(maya).post(path, agreement)
    assert again.status_code == 409 and again.json_body["code"] == "not_in_intro"


def test_snooze_and_update_reminders_check_their_ranges(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    path = f"/api/relationships/{maya_ravi.pk}"
    for body, field in (
        ({"until": _soon(-1), "reason": "late"}, "until"),
        ({"until": _soon(400), "reason": "long"}, "until"),
        ({"until": _soon(), "reason": ""}, "reason"),
        ({"until": "tomorrow", "reason": "x"}, "until"),
    ):
        response = client.post(path + "/snooze", body)
        assert response.status_code == 422, (body, response.content)
        assert response.json_body["field"] == field
    assert client.put(path + "/updates", {"update_every_days": 3}).status_code == 422
    saved = client.put(path + "/updates", {"update_every_days": 90, "keep_in_touch": True})
    assert saved.status_code == 200
    assert saved.json_body["keeping"]["update_every_days"] == 90
    assert saved.json_body["keeping"]["keep_in_touch"] is True
    maya_ravi.refresh_from_db()
    assert maya_ravi.snoozed_until is None


def test_the_list_runs_a_fixed_number_of_queries(api_as, maya, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    RelationshipFactory(mentee=maya)
    client.get("/api/relationships")
    # The token with its person, count, page, goals.
    with django_assert_num_queries(4):
        client.get("/api/relationships")
    for _ in range(5):
        RelationshipFactory(mentor=maya, mentee=PersonFactory(), created_by=maya)
    with django_assert_num_queries(4):
        client.get("/api/relationships")
