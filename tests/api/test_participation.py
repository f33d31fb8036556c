"""/api/participation: my programmes, my intake, my offers and my surveys."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory
from tests.programme_fixtures import enrol
from tests.programs.pairs import pair
from tribe.programs.models import (
    MatchOffer,
    MatchRun,
    Participant,
    Role,
    Survey,
    SurveyResponse,
)
from tribe.programs.runs import run_create, run_publish
from tribe.relationships.models import Relationship

M = "/api/participation"


def test_my_programmes_my_intake_and_leaving(api_as, maya, programme, other_programme) -> None:  # type: ignore[no-untyped-def]
    mine = enrol(programme, Role.MENTEE, person=maya, wants="to lead")
    enrol(other_programme, Role.MENTOR, person=PersonFactory())  # someone else's
    client = api_as(maya)
    listed = client.get(M).json_body
    assert [p["id"] for p in listed["items"]] == [mine.pk]
    assert listed["items"][0]["programme"]["slug"] == "engineering"

    read = client.get(f"{M}/{programme.pk}")
    assert read.status_code == 200
    assert (read.json_body["wants"], read.json_body["role"]) == ("to lead", "mentee")

    changed = client.patch(
        f"{M}/{programme.pk}/intake",
        {"role": "both", "offers": "product thinking", "capacity": 2, "languages": ["English"]},
    )
    assert changed.status_code == 200, changed.content
    body = changed.json_body
    assert (body["role"], body["capacity"], body["wants"]) == ("both", 2, "to lead")

    left = client.post(f"{M}/{programme.pk}/leave")
    assert left.status_code == 200 and left.json_body["status"] == "left"
    again = client.post(f"{M}/{programme.pk}/leave")
    assert again.status_code == 409 and again.json_body["code"] == "participant_left"
    late = client.patch(f"{M}/{programme.pk}/intake", {"wants": "more"})
    assert late.status_code == 409


def test_a_programme_i_am_not_in_is_not_found(
    api_as, maya, ada, programme, other_programme
) -> None:  # type: ignore[no-untyped-def]
    enrol(other_programme, Role.MENTEE, person=PersonFactory(), wants="theirs")
    enrol(programme, Role.MENTEE, person=maya, wants="mine")
    assert api_as(maya).get(f"{M}/{other_programme.pk}").status_code == 404
    # Running a programme is not taking part in it.
    response = api_as(ada).get(f"{M}/{programme.pk}")
    assert response.status_code == 404 and response.json_body["code"] == "programme_not_found"
    assert api_as(ada).post(f"{M}/{programme.pk}/leave").status_code == 404
    assert Participant.objects.get(person=maya).status == "enrolled"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "boss"}, "role"),
        ({"role": "mentor", "offers": "x", "capacity": 0}, "capacity"),
        ({"capacity": 21}, "capacity"),
        ({"wants": ""}, "wants"),
        ({"wants": None}, "wants"),
        ({"preferred": [999]}, "preferred"),
        ({"avoid": [1, 1]}, "avoid"),
        ({"answers": {"nope": "x"}}, "answer_nope"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"languages": []}, "languages"),
        ({"wants": "x" * 2001}, "wants"),
        ({"preferred": [2**70]}, "preferred.0"),
        ({"wants": "a\x00b"}, "wants"),
    ],
)
def test_bad_intake_names_the_field_and_changes_nothing(
    api_as, maya, programme, body, field
) -> None:  # type: ignore[no-untyped-def]
    mine = enrol(programme, Role.MENTEE, person=maya, wants="to lead")
    response = api_as(maya).patch(f"{M}/{programme.pk}/intake", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    mine.refresh_from_db()
    maya.refresh_from_db()
    assert (mine.role, mine.wants, mine.avoid, maya.languages) == (
        "mentee",
        "to lead",
        [],
        ["English"],
    )


def test_the_people_my_intake_may_name(api_as, maya, programme) -> None:  # type: ignore[no-untyped-def]
    enrol(programme, Role.MENTEE, person=maya, wants="to lead")
    mentor = enrol(programme, Role.MENTOR, offers="SECRET-offers")
    gone = enrol(programme, Role.MENTOR)
    Participant.objects.filter(pk=gone.pk).update(status="left")
    client = api_as(maya)
    response = client.get(f"{M}/{programme.pk}/people")
    assert response.json_body["items"] == [
        {"participant_id": mentor.pk, "name": mentor.person.name, "role": "mentor"}
    ]
    assert b"SECRET" not in response.content
    ranked = client.patch(f"{M}/{programme.pk}/intake", {"preferred": [mentor.pk]})
    assert ranked.status_code == 200 and ranked.json_body["preferred"] == [mentor.pk]
    refused = client.patch(f"{M}/{programme.pk}/intake", {"preferred": [gone.pk]})
    assert refused.status_code == 422 and refused.json_body["field"] == "preferred"


def _offer(ada, programme):  # type: ignore[no-untyped-def]
    a = enrol(programme, Role.MENTEE, person=PersonFactory(), wants="python")
    x = enrol(programme, Role.MENTOR, person=PersonFactory(), offers="python", capacity=1)
    now = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
    run_publish(actor=ada, run=run_create(actor=ada, programme=programme, now=now), now=now)
    return MatchOffer.objects.get(mentee=a), a, x


def test_both_accepting_an_offer_makes_the_relationship(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    offer, a, x = _offer(ada, programme)
    mentee, mentor = api_as(a.person), api_as(x.person)
    listed = mentee.get(f"{M}/{programme.pk}/offers").json_body["items"]
    assert [(o["id"], o["role"], o["other"]["name"]) for o in listed] == [
        (offer.pk, "mentee", x.person.name)
    ]
    assert listed[0]["my_answer"] == "pending" and "parts" in listed[0]["explanation"]
    first = mentee.post(f"{M}/{programme.pk}/offers/{offer.pk}/answer", {"accept": True})
    assert first.status_code == 200, first.content
    assert (first.json_body["status"], first.json_body["relationship_id"]) == ("open", None)
    twice = mentee.post(f"{M}/{programme.pk}/offers/{offer.pk}/answer", {"accept": False})
    assert twice.status_code == 409 and twice.json_body["code"] == "offer_answered"
    second = mentor.post(f"{M}/{programme.pk}/offers/{offer.pk}/answer", {"accept": True})
    assert second.json_body["status"] == "accepted"
    assert second.json_body["their_answer"] == "accepted"
    assert second.json_body["relationship_id"] == Relationship.objects.get().pk
    closed = mentor.post(f"{M}/{programme.pk}/offers/{offer.pk}/answer", {"accept": True})
    assert closed.status_code == 409


def test_nobody_else_sees_or_answers_my_offer(api_as, ada, programme) -> None:  # type: ignore[no-untyped-def]
    offer, _, _ = _offer(ada, programme)
    other = enrol(programme, Role.MENTEE, person=PersonFactory(), wants="go")
    client = api_as(other.person)
    assert client.get(f"{M}/{programme.pk}/offers").json_body["count"] == 0
    response = client.post(f"{M}/{programme.pk}/offers/{offer.pk}/answer", {"accept": True})
    assert response.status_code == 404 and response.json_body["code"] == "offer_not_found"
    assert (
        api_as(ada)
        .post(f"{M}/{programme.pk}/offers/{offer.pk}/answer", {"accept": True})
        .status_code
        == 404
    )
    assert (
        client.post(
            f"{M}/{programme.pk}/offers/{offer.pk}/answer", {"accept": "perhaps"}
        ).status_code
        == 422
    )
    offer.refresh_from_db()
    assert (offer.mentee_answer, offer.mentor_answer) == ("pending", "pending")
    assert MatchRun.objects.count() == 1


def test_a_survey_due_to_me_is_answered_once(api_as, programme) -> None:  # type: ignore[no-untyped-def]
    offer = pair(programme, started=dt.date(2026, 1, 1))
    survey = Survey.objects.create(
        programme=programme,
        name="Pulse",
        first_after_days=1,
        every_days=0,
        at_end=True,
        questions=[
            {"key": "q1", "label": "Useful?", "kind": "rating", "min": 1, "max": 5},
            {"key": "q2", "label": "Else?", "kind": "text"},
        ],
    )
    client = api_as(offer.mentee.person)
    due = client.get(f"{M}/{programme.pk}/surveys").json_body
    assert due["count"] == 1
    row = due["items"][0]
    assert (row["survey_id"], row["offer_id"], row["role"]) == (survey.pk, offer.pk, "mentee")
    assert [q["key"] for q in row["questions"]] == ["q1", "q2"]
    base = f"{M}/{programme.pk}/surveys/{survey.pk}/answer"
    body = {"offer_id": offer.pk, "point": row["point"]}
    too_high = client.post(base, {**body, "answers": {"q1": 9}})
    assert too_high.status_code == 422 and too_high.json_body["field"] == "q1"
    unknown = client.post(base, {**body, "answers": {"q9": 1}})
    assert unknown.status_code == 422 and unknown.json_body["field"] == "q9"
    empty = client.post(base, {**body, "answers": {}})
    assert empty.status_code == 422
    assert not SurveyResponse.objects.exists()
    made = client.post(base, {**body, "answers": {"q1": 4, "q2": "good"}, "share_texts": True})
    assert made.status_code == 201, made.content
    assert (made.json_body["ratings"], made.json_body["share_texts"]) == ({"q1": 4}, True)
    again = client.post(base, {**body, "answers": {"q1": 5}})
    assert again.status_code == 409 and again.json_body["code"] == "survey_answered"
    assert client.get(f"{M}/{programme.pk}/surveys").json_body["count"] == 0
    # The other side of the pair answers for themselves; a stranger's answer is a 404.
    stranger = enrol(programme, Role.MENTEE, person=PersonFactory(), wants="x")
    lost = api_as(stranger.person).post(base, {**body, "answers": {"q1": 1}})
    assert lost.status_code == 404
    assert SurveyResponse.objects.count() == 1
