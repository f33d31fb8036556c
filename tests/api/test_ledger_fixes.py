"""/api/ledger after an outside test: a private outcome stays private, questions are
their author's to delete, and a peer is nobody's mentee.

Maya is Ravi's mentee (``maya_ravi``) with a meeting coming up: an outcome she
records through the API stays out of the agenda Ravi reads unless she sends
``report_back: true``. Each side deletes only the questions they asked (the
other's answers 404, and the question is still there), while either may mark
any of them answered. In a peer pair the shared outcomes name the other by
name and say they are a peer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import MeetingFactory, RelationshipFactory
from tribe.ledger.models import Advice, Question
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.relationships.models import Relationship

SECRET = "MAYA-PRIVATE-OUTCOME-XYZ"


@pytest.fixture
def meeting(maya_ravi: Relationship, now: dt.datetime) -> Meeting:
    return MeetingFactory(
        relationship=maya_ravi,
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, minutes=45),
    )


def _advice(client, rel: Relationship) -> int:  # type: ignore[no-untyped-def]
    made = client.post(
        "/api/ledger/advice",
        {"relationship": rel.pk, "text": "Fresh advice Q", "decision": "try"},
    )
    assert made.status_code == 201, made.content
    assert made.json_body["report_back"] is False
    return int(made.json_body["id"])


def _agenda(client, meeting: Meeting) -> str:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/meetings/{meeting.pk}/agenda")
    assert response.status_code == 200, response.content
    return str(response.json_body["markdown"])


def test_an_outcome_recorded_through_the_api_stays_out_of_the_mentors_agenda(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, maya_ravi, meeting
) -> None:
    hers, his = api_as(maya), api_as(ravi)
    advice_id = _advice(hers, maya_ravi)
    recorded = hers.post(f"/api/ledger/advice/{advice_id}/outcome", {"outcome": SECRET})
    assert recorded.status_code == 200, recorded.content
    assert recorded.json_body["report_back"] is False
    assert recorded.json_body["outcome"] == SECRET
    assert SECRET not in _agenda(his, meeting)
    assert SECRET not in _agenda(hers, meeting)
    assert not Advice.objects.get(pk=advice_id).report_back

    # Sent true on purpose, it goes into the agenda both read.
    again = hers.post(
        f"/api/ledger/advice/{advice_id}/outcome", {"outcome": SECRET, "report_back": True}
    )
    assert again.json_body["report_back"] is True
    assert SECRET in _agenda(his, meeting)
    # Taken back, it leaves the agenda again.
    off = hers.post(f"/api/ledger/advice/{advice_id}/report-back", {"report_back": False})
    assert off.status_code == 200 and off.json_body["report_back"] is False
    assert SECRET not in _agenda(his, meeting)


def test_the_schema_says_report_back_shows_the_mentor_the_outcome(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    schema = api_as(maya).get("/api/openapi.json").json_body["components"]["schemas"]
    for name in ("AdviceOutcomeIn", "AdviceIn", "AdviceReportBackIn"):
        report_back = schema[name]["properties"]["report_back"]
        assert "mentor" in report_back["description"] and "agenda" in report_back["description"]
    assert schema["AdviceOutcomeIn"]["properties"]["report_back"]["default"] is False
    assert schema["AdviceIn"]["properties"]["report_back"]["default"] is False


def test_each_side_deletes_only_the_questions_they_asked(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, maya_ravi
) -> None:
    hers, his = api_as(maya), api_as(ravi)
    mine = hers.post("/api/ledger/questions", {"relationship": maya_ravi.pk, "text": "Hers?"})
    yours = his.post("/api/ledger/questions", {"relationship": maya_ravi.pk, "text": "His?"})
    her_q, his_q = mine.json_body["id"], yours.json_body["id"]

    assert his.delete(f"/api/ledger/questions/{her_q}").status_code == 404
    assert hers.delete(f"/api/ledger/questions/{his_q}").status_code == 404
    assert Question.objects.filter(pk__in=[her_q, his_q]).count() == 2
    # Either side marks the other's question answered: it is answered between them.
    answered = his.post(f"/api/ledger/questions/{her_q}/answer", {})
    assert answered.status_code == 200 and answered.json_body["answered_on"] is not None

    assert hers.delete(f"/api/ledger/questions/{her_q}").status_code == 204
    assert his.delete(f"/api/ledger/questions/{his_q}").status_code == 204
    assert not Question.objects.exists()
    assert hers.delete(f"/api/ledger/questions/{her_q}").status_code == 404


def test_in_a_peer_pair_each_deletes_only_their_own_question(  # type: ignore[no-untyped-def]
    api_as, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    peers = RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="peer", status_changed_at=now
    )
    hers, his = api_as(maya), api_as(ravi)
    her_q = hers.post("/api/ledger/questions", {"relationship": peers.pk, "text": "A"})
    his_q = his.post("/api/ledger/questions", {"relationship": peers.pk, "text": "B"})
    assert his.delete(f"/api/ledger/questions/{her_q.json_body['id']}").status_code == 404
    assert hers.delete(f"/api/ledger/questions/{his_q.json_body['id']}").status_code == 404
    assert Question.objects.filter(relationship=peers).count() == 2


def test_a_peers_shared_outcomes_name_them_a_peer_and_a_mentees_do_not(  # type: ignore[no-untyped-def]
    api_as, maya: Person, ravi: Person, sam: Person, now: dt.datetime
) -> None:
    peers = RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="peer", status_changed_at=now
    )
    mentoring = RelationshipFactory(mentee=sam, mentor=ravi, created_by=sam, status_changed_at=now)
    for person, rel in ((maya, peers), (sam, mentoring)):
        client = api_as(person)
        advice_id = _advice(client, rel)
        client.post(f"/api/ledger/advice/{advice_id}/outcome", {"outcome": "Went well"})
        shared = client.post(f"/api/ledger/advice/{advice_id}/share", {"words": "It helped"})
        assert shared.status_code == 200, shared.content
        assert shared.json_body["given_by"] == "Ravi Menon"
    seen = api_as(ravi).get("/api/ledger/advice-shared-with-me").json_body
    groups = {g["name"]: g for g in seen["by_mentee"]}
    assert groups["Maya Chen"]["peer"] is True
    assert groups["Sam Okafor"]["peer"] is False
    assert groups["Maya Chen"]["mentee"] == "Maya Chen"  # the older field, unchanged
