"""/api/ledger: questions, the contact log, the advice log, thanks, updates and wins."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, GoalFactory, MeetingFactory, RelationshipFactory
from tests.programme_fixtures import enrol
from tribe.api.common import MAX_ID
from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Question, Touchpoint, Win
from tribe.programs.models import Role

DAY = "2026-03-01"


@pytest.fixture
def admin(ada, programme, maya, ravi):  # type: ignore[no-untyped-def]
    """Ada runs the programme Maya (mentee) and Ravi (mentor) are in."""
    enrol(programme, Role.MENTEE, person=maya)
    enrol(programme, Role.MENTOR, person=ravi)
    return ada


def _advice(relationship, **fields) -> Advice:  # type: ignore[no-untyped-def]
    return Advice.objects.create(
        relationship=relationship,
        recorded_by=relationship.mentee,
        given_on=dt.date(2026, 3, 1),
        text="Write a one-page strategy",
        **fields,
    )


# Questions -------------------------------------------------------------------------


def test_questions_are_kept_by_both_sides(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    mine, his = api_as(maya), api_as(ravi)
    made = mine.post("/api/ledger/questions", {"relationship": maya_ravi.pk, "text": " How? "})
    assert made.status_code == 201, made.content
    question_id = made.json_body["id"]
    assert made.json_body["text"] == "How?"
    assert made.json_body["answered_on"] is None

    listed = his.get("/api/ledger/questions", relationship=maya_ravi.pk)
    assert [q["id"] for q in listed.json_body["items"]] == [question_id]
    answered = his.post(f"/api/ledger/questions/{question_id}/answer", {})
    assert answered.status_code == 200
    assert answered.json_body["answered_on"] is not None
    reopened = mine.post(f"/api/ledger/questions/{question_id}/answer", {"answered": False})
    assert reopened.json_body["answered_on"] is None

    assert mine.delete(f"/api/ledger/questions/{question_id}").status_code == 204
    assert not Question.objects.exists()


def test_a_question_is_nothing_to_anyone_outside_the_relationship(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, sam, eve, admin, maya_ravi
) -> None:
    # Maya's question for Sam, her other mentor: not Ravi's business, nor Ada's.
    maya_sam = RelationshipFactory(mentee=maya, mentor=sam, created_by=maya)
    question = Question.objects.create(relationship=maya_sam, author=maya, text="private to us")
    for outsider in (ravi, eve, admin):
        client = api_as(outsider)
        listed = client.get("/api/ledger/questions", relationship=maya_sam.pk)
        assert listed.status_code == 404
        assert listed.json_body["field"] == "relationship"
        assert client.post(f"/api/ledger/questions/{question.pk}/answer", {}).status_code == 404
        assert client.delete(f"/api/ledger/questions/{question.pk}").status_code == 404
        added = client.post("/api/ledger/questions", {"relationship": maya_sam.pk, "text": "x"})
        assert added.status_code == 404
    question.refresh_from_db()
    assert question.answered_on is None
    assert Question.objects.count() == 1
    assert "private to us" not in str(
        api_as(ravi).get("/api/ledger/questions", relationship=maya_ravi.pk).content
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "Why?"}, "relationship"),
        ({"relationship": 1}, "text"),
        ({"relationship": 1, "text": ""}, "text"),
        ({"relationship": 1, "text": "x" * 501}, "text"),
        ({"relationship": "one", "text": "Why?"}, "relationship"),
        ({"relationship": MAX_ID + 1, "text": "Why?"}, "relationship"),
    ],
)
def test_bad_question_names_the_field(api_as, maya, maya_ravi, body, field) -> None:  # type: ignore[no-untyped-def]
    if body.get("relationship") == 1:
        body = {**body, "relationship": maya_ravi.pk}
    response = api_as(maya).post("/api/ledger/questions", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not Question.objects.exists()


# The contact log -----------------------------------------------------------------------


def test_contact_is_seen_by_both_sides_and_the_note_by_its_author(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, maya_ravi
) -> None:
    mine, his = api_as(maya), api_as(ravi)
    logged = mine.post(
        "/api/ledger/touchpoints",
        {"relationship": maya_ravi.pk, "kind": "call", "happened_on": DAY, "note": "tired"},
    )
    assert logged.status_code == 201, logged.content
    touch_id = logged.json_body["id"]
    assert logged.json_body["author"] == {"id": maya.pk, "name": "Maya Chen"}

    assert (
        mine.get("/api/ledger/touchpoints", relationship=maya_ravi.pk).json_body["items"][0]["note"]
        == "tired"
    )
    seen = his.get("/api/ledger/touchpoints", relationship=maya_ravi.pk).json_body["items"]
    assert [(t["id"], t["kind"], t["note"]) for t in seen] == [(touch_id, "call", "")]
    # Ravi logs his own; today by default.
    his_own = his.post("/api/ledger/touchpoints", {"relationship": maya_ravi.pk, "kind": "message"})
    assert his_own.status_code == 201
    assert his_own.json_body["happened_on"] is not None

    assert his.delete(f"/api/ledger/touchpoints/{touch_id}").status_code == 404
    assert mine.delete(f"/api/ledger/touchpoints/{touch_id}").status_code == 204
    assert list(Touchpoint.objects.values_list("author", flat=True)) == [ravi.pk]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"kind": "carrier pigeon"}, "kind"),
        ({"kind": "call", "happened_on": "2999-01-01"}, "happened_on"),
        ({"kind": "call", "happened_on": "yesterday"}, "happened_on"),
        ({"kind": "call", "note": "x" * 501}, "note"),
    ],
)
def test_bad_contact_names_the_field(api_as, maya, maya_ravi, extra, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/ledger/touchpoints", {"relationship": maya_ravi.pk, **extra})
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not Touchpoint.objects.exists()


# The advice log -------------------------------------------------------------------------


def test_advice_from_record_to_shared_outcome(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    mine, his = api_as(maya), api_as(ravi)
    meeting = MeetingFactory(relationship=maya_ravi)
    made = mine.post(
        "/api/ledger/advice",
        {"relationship": maya_ravi.pk, "text": "Say no", "given_on": DAY, "meeting": meeting.pk},
    )
    assert made.status_code == 201, made.content
    advice_id = made.json_body["id"]
    assert made.json_body["decision"] == "undecided"
    assert made.json_body["mentor_name"] == "Ravi Menon"
    assert made.json_body["meeting_id"] == meeting.pk
    path = f"/api/ledger/advice/{advice_id}"

    parked = mine.post(path + "/decide", {"decision": "park"})
    assert parked.status_code == 422
    assert parked.json_body["field"] == "reason"
    decided = mine.post(path + "/decide", {"decision": "try"})
    assert decided.json_body["decision"] == "try"

    not_yet = mine.post(path + "/share", {"words": "it worked"})
    assert not_yet.status_code == 409
    assert not_yet.json_body["code"] == "no_outcome_yet"

    outcome = mine.post(path + "/outcome", {"outcome": "my boss was relieved"})
    assert outcome.json_body["outcome"] == "my boss was relieved"
    assert outcome.json_body["report_back"] is False  # private unless sent true
    quiet = mine.post(path + "/report-back", {"report_back": False})
    assert quiet.json_body["report_back"] is False

    shared = mine.post(path + "/share", {"words": "It worked: thank you"})
    assert shared.status_code == 200, shared.content
    assert shared.json_body["shared_outcome"] == "It worked: thank you"
    assert shared.json_body["outcome_shared_at"] is not None

    # Ravi reads the words Maya chose, and nothing else of her record.
    impact = his.get("/api/ledger/advice-shared-with-me").json_body
    assert impact["total"] == 1
    assert impact["by_mentee"][0]["mentee"] == "Maya Chen"
    assert impact["by_mentee"][0]["outcomes"][0]["words"] == "It worked: thank you"
    assert impact["by_mentee"][0]["outcomes"][0]["advice"] == ""
    assert "relieved" not in his.get("/api/ledger/advice-shared-with-me").content.decode()
    assert his.get(path).status_code == 404
    assert his.get("/api/ledger/advice").json_body["count"] == 0

    unshared = mine.post(path + "/unshare")
    assert unshared.json_body["shared_outcome"] == ""
    assert his.get("/api/ledger/advice-shared-with-me").json_body["total"] == 0

    listed = mine.get("/api/ledger/advice", relationship=maya_ravi.pk).json_body
    assert [a["id"] for a in listed["items"]] == [advice_id]
    assert listed["items"][0]["thanked"] is False


def test_the_advice_log_is_the_mentees_alone(api_as, maya, ravi, eve, admin, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    advice = _advice(maya_ravi, outcome="secret outcome", outcome_on=dt.date(2026, 3, 2))
    refused = api_as(ravi).post(
        "/api/ledger/advice", {"relationship": maya_ravi.pk, "text": "mine", "given_on": DAY}
    )
    assert refused.status_code == 409
    assert refused.json_body["code"] == "not_mentee"
    path = f"/api/ledger/advice/{advice.pk}"
    for other in (ravi, eve, admin):
        client = api_as(other)
        assert client.get(path).status_code == 404
        assert client.get("/api/ledger/advice").json_body["count"] == 0
        for verb, body in (
            ("/decide", {"decision": "adopt"}),
            ("/outcome", {"outcome": "changed"}),
            ("/report-back", {"report_back": True}),
            ("/share", {"words": "leaked"}),
            ("/unshare", None),
        ):
            assert client.post(path + verb, body).status_code == 404, verb
        assert "secret" not in client.get("/api/ledger/advice-shared-with-me").content.decode()
    advice.refresh_from_db()
    assert (advice.decision, advice.outcome, advice.shared_outcome) == (
        "undecided",
        "secret outcome",
        "",
    )
    assert Advice.objects.count() == 1


def test_advice_with_its_decision_at_once_and_links_checked(api_as, maya, sam, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    made = client.post(
        "/api/ledger/advice",
        {
            "relationship": maya_ravi.pk,
            "text": "Delegate",
            "decision": "reject",
            "reason": "not now",
        },
    )
    assert made.status_code == 201, made.content
    assert (made.json_body["decision"], made.json_body["reason"]) == ("reject", "not now")
    # A meeting of Maya's other relationship, and one that is not hers at all.
    elsewhere = MeetingFactory(relationship=RelationshipFactory(mentee=maya, mentor=sam))
    strangers = MeetingFactory()
    for meeting, status in ((elsewhere, 422), (strangers, 404)):
        response = client.post(
            "/api/ledger/advice",
            {"relationship": maya_ravi.pk, "text": "x", "meeting": meeting.pk},
        )
        assert response.status_code == status, response.content
        assert response.json_body["field"] == "meeting"
    reason_alone = client.post(
        "/api/ledger/advice", {"relationship": maya_ravi.pk, "text": "x", "reason": "because"}
    )
    assert reason_alone.status_code == 422
    assert reason_alone.json_body["field"] == "reason"
    future = client.post(
        "/api/ledger/advice", {"relationship": maya_ravi.pk, "text": "x", "given_on": "2999-01-01"}
    )
    assert future.json_body["field"] == "given_on"
    assert Advice.objects.count() == 1


def test_an_outcome_is_not_shared_where_no_mentor_could_read_it(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    with_contact = RelationshipFactory(
        mentee=maya, mentor=None, mentor_contact=ContactFactory(owner=maya), created_by=maya
    )
    advice = _advice(with_contact, outcome="it worked", outcome_on=dt.date(2026, 3, 2))
    response = api_as(maya).post(f"/api/ledger/advice/{advice.pk}/share", {"words": "thanks"})
    assert response.status_code == 409
    assert response.json_body["code"] == "mentor_is_contact"
    advice.refresh_from_db()
    assert advice.shared_outcome == ""


def test_advice_list_pages_and_filters(api_as, maya, sam, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    maya_sam = RelationshipFactory(mentee=maya, mentor=sam, created_by=maya)
    for _ in range(3):
        _advice(maya_ravi)
    _advice(maya_sam)
    client = api_as(maya)
    assert client.get("/api/ledger/advice").json_body["count"] == 4
    assert client.get("/api/ledger/advice", relationship=maya_sam.pk).json_body["count"] == 1
    page = client.get("/api/ledger/advice", limit=3).json_body
    assert len(page["items"]) == 3 and page["next_offset"] == 3
    assert client.get("/api/ledger/advice", relationship=MAX_ID).status_code == 404
    assert client.get("/api/ledger/advice", relationship=MAX_ID + 1).status_code == 422


# Thanks and updates -------------------------------------------------------------------


def test_thanks_given_and_received(api_as, maya, ravi, eve, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    advice = _advice(maya_ravi, decision="adopt")
    made = api_as(maya).post(
        "/api/ledger/gratitude",
        {
            "relationship": maya_ravi.pk,
            "kind": "gift",
            "description": "A book",
            "given_on": DAY,
            "advice": advice.pk,
        },
    )
    assert made.status_code == 201, made.content
    assert (made.json_body["kind"], made.json_body["advice_id"]) == ("gift", advice.pk)
    his = api_as(ravi)
    assert his.get("/api/ledger/gratitude").json_body["count"] == 1
    assert his.get("/api/ledger/gratitude", given=True).json_body["count"] == 0
    assert his.get("/api/ledger/gratitude", given=False).json_body["count"] == 1
    assert api_as(maya).get("/api/ledger/advice").json_body["items"][0]["thanked"] is True
    assert api_as(eve).get("/api/ledger/gratitude").json_body["count"] == 0
    # Ravi cannot thank "for" advice in Maya's log: it is not his to name.
    response = his.post(
        "/api/ledger/gratitude",
        {"relationship": maya_ravi.pk, "description": "x", "advice": advice.pk},
    )
    assert response.status_code == 404
    assert response.json_body["field"] == "advice"
    bad = his.post("/api/ledger/gratitude", {"relationship": maya_ravi.pk, "description": ""})
    assert bad.status_code == 422 and bad.json_body["field"] == "description"
    assert Gratitude.objects.count() == 1


def test_an_update_sent_counts_as_contact_and_reports_back(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    advice = _advice(maya_ravi, outcome="done", outcome_on=dt.date(2026, 3, 1), report_back=True)
    response = api_as(maya).post(
        "/api/ledger/updates",
        {"relationship": maya_ravi.pk, "body": "News: I led it", "sent_on": "2026-03-05"},
    )
    assert response.status_code == 201, response.content
    assert response.json_body["sent_on"] == "2026-03-05"
    assert Touchpoint.objects.get().kind == "update"
    advice.refresh_from_db()
    assert advice.reported_back_on == dt.date(2026, 3, 5)
    empty = api_as(maya).post("/api/ledger/updates", {"relationship": maya_ravi.pk, "body": " "})
    assert empty.status_code == 422 and empty.json_body["field"] == "body"
    assert MentorUpdate.objects.count() == 1


# Wins -------------------------------------------------------------------------------


def test_wins_are_their_owners_alone(api_as, maya, ravi, admin) -> None:  # type: ignore[no-untyped-def]
    goal = GoalFactory(person=maya)
    client = api_as(maya)
    made = client.post("/api/ledger/wins", {"text": "Led the review", "goal": goal.pk})
    assert made.status_code == 201, made.content
    assert made.json_body["goal_id"] == goal.pk
    win_id = made.json_body["id"]
    assert [w["id"] for w in client.get("/api/ledger/wins").json_body["items"]] == [win_id]
    for other in (ravi, admin):
        assert api_as(other).get("/api/ledger/wins").json_body["count"] == 0
        assert api_as(other).delete(f"/api/ledger/wins/{win_id}").status_code == 404
    foreign = api_as(ravi).post("/api/ledger/wins", {"text": "mine", "goal": goal.pk})
    assert foreign.status_code == 404 and foreign.json_body["field"] == "goal"
    assert client.delete(f"/api/ledger/wins/{win_id}").status_code == 204
    assert not Win.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": " "}, "text"),
        ({"text": "x" * 501}, "text"),
        ({"text": "ok", "happened_on": "2999-12-31"}, "happened_on"),
        ({"text": "ok", "goal": 0}, "goal"),
    ],
)
def test_bad_win_names_the_field(api_as, maya, body, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/ledger/wins", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not Win.objects.exists()
