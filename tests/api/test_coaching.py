"""/api/coaching: the regimen with what is due, the practice log, the terms of sessions;
refusals with their code and field, and nothing written when refused."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import RelationshipFactory
from tribe.api.common import person_today
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms

pytestmark = pytest.mark.django_db


@pytest.fixture
def coaching(maya, ravi):  # type: ignore[no-untyped-def]
    return RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya, kind="coach")


def test_the_regimen_and_the_log_through_the_api(api_as, maya, ravi, coaching) -> None:  # type: ignore[no-untyped-def]
    coach, mentee = api_as(ravi), api_as(maya)
    today = person_today(maya)
    start = (today - dt.timedelta(days=6)).isoformat()
    made = coach.post(
        "/api/coaching/exercises",
        {"relationship": coaching.pk, "title": "Pitch", "every_days": 2, "started_on": start},
    )
    assert made.status_code == 201, made.content
    exercise = made.json_body
    assert (exercise["overdue"], exercise["next_due_on"], exercise["added_by"]["name"]) == (
        True, start, "Ravi Menon",
    )  # fmt: skip
    logged = mentee.post(
        "/api/coaching/practice",
        {"exercise": exercise["id"], "minutes": 25, "note": "Better"},
    )
    assert logged.status_code == 201, logged.content
    assert logged.json_body["logged_by"]["name"] == "Maya Chen"
    listed = coach.get("/api/coaching/exercises", relationship=coaching.pk).json_body
    row = listed["items"][0]
    assert (row["last_practised_on"], row["practised_last_30_days"], row["due"]) == (
        today.isoformat(), 1, False,
    )  # fmt: skip
    log = coach.get("/api/coaching/practice", relationship=coaching.pk).json_body
    assert [(e["minutes"], e["note"]) for e in log["items"]] == [(25, "Better")]
    path = f"/api/coaching/exercises/{exercise['id']}"
    changed = mentee.patch(path, {"title": "Pitch, slower"})
    assert changed.status_code == 200 and changed.json_body["every_days"] == 2
    retired = coach.post(path + "/retire")
    assert retired.json_body["retired_on"] == person_today(ravi).isoformat()
    assert retired.json_body["next_due_on"] is None
    again = coach.post(path + "/retire")
    assert (again.status_code, again.json_body["code"]) == (409, "already_retired")


def test_the_coach_reads_but_does_not_log(api_as, ravi, coaching) -> None:  # type: ignore[no-untyped-def]
    exercise = Exercise.objects.create(
        relationship=coaching, title="x", every_days=1, started_on=dt.date(2026, 1, 1)
    )
    refused = api_as(ravi).post("/api/coaching/practice", {"exercise": exercise.pk, "minutes": 5})
    assert (refused.status_code, refused.json_body["code"]) == (409, "mentee_practises")
    assert not PracticeEntry.objects.exists()


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"minutes": -5}, 422, None),
        ({"minutes": 0}, 422, None),
        ({"minutes": 10, "practised_on": "2999-01-01"}, 422, "practised_on"),
        ({"minutes": 10, "exercise": 999999}, 404, "exercise"),
    ],
)
def test_bad_practice_is_refused(api_as, maya, coaching, body, status, field) -> None:  # type: ignore[no-untyped-def]
    exercise = Exercise.objects.create(
        relationship=coaching, title="x", every_days=1, started_on=dt.date(2026, 1, 1)
    )
    answer = api_as(maya).post("/api/coaching/practice", {"exercise": exercise.pk} | body)
    assert answer.status_code == status, answer.content
    if field is not None:
        assert answer.json_body["field"] == field
    assert not PracticeEntry.objects.exists()


def test_the_terms_through_the_api(api_as, maya, ravi, coaching) -> None:  # type: ignore[no-untyped-def]
    empty = api_as(maya).get("/api/coaching/terms", relationship=coaching.pk).json_body
    assert (empty["recorded"], empty["paid"], empty["amount"]) == (False, False, None)
    put = api_as(ravi).put(
        "/api/coaching/terms",
        {"relationship": coaching.pk, "paid": True, "amount": 79.5, "currency": "chf",
         "payer": "programme", "note": "Quarterly"},
    )  # fmt: skip
    assert put.status_code == 200, put.content
    terms = api_as(maya).get("/api/coaching/terms", relationship=coaching.pk).json_body
    assert (terms["amount"], terms["currency"], terms["payer"], terms["recorded"]) == (
        "79.50", "CHF", "programme", True,
    )  # fmt: skip
    assert terms["updated_by"]["name"] == "Ravi Menon"


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        (
            {"paid": True, "amount": "80", "currency": "EUX", "payer": "mentee"},
            "currency",
            "bad_currency",
        ),
        (
            {"paid": True, "amount": "-1", "currency": "EUR", "payer": "mentee"},
            "amount",
            "bad_amount",
        ),
        (
            {"paid": True, "amount": "1.001", "currency": "EUR", "payer": "mentee"},
            "amount",
            "bad_amount",
        ),
        ({"paid": True, "currency": "EUR", "payer": "mentee"}, "amount", "required"),
        ({"paid": True, "amount": "80", "currency": "EUR"}, "payer", "required"),
        ({"paid": False, "amount": "80"}, "amount", "free_has_no_price"),
    ],
)
def test_bad_terms_name_their_field_and_write_nothing(
    api_as, maya, coaching, body, field, code
) -> None:  # type: ignore[no-untyped-def]
    answer = api_as(maya).put("/api/coaching/terms", {"relationship": coaching.pk} | body)
    assert answer.status_code == 422, answer.content
    assert (answer.json_body["field"], answer.json_body["code"]) == (field, code)
    assert not SessionTerms.objects.exists()


def test_a_strangers_ids_are_not_found(api_as, eve, coaching) -> None:  # type: ignore[no-untyped-def]
    exercise = Exercise.objects.create(
        relationship=coaching, title="x", every_days=1, started_on=dt.date(2026, 1, 1)
    )
    stranger = api_as(eve)
    assert stranger.get("/api/coaching/exercises", relationship=coaching.pk).status_code == 404
    assert (
        stranger.patch(f"/api/coaching/exercises/{exercise.pk}", {"title": "y"}).status_code == 404
    )
    answer = stranger.post("/api/coaching/practice", {"exercise": exercise.pk, "minutes": 5})
    assert (answer.status_code, answer.json_body["field"]) == (404, "exercise")
    exercise.refresh_from_db()
    assert exercise.title == "x"


@pytest.mark.parametrize(
    "amount",
    ["1e9", "1E9", "+5", "-5", "\uff11\uff10", "1,000", "80.", "10000000000", 10**10, True],
)
def test_an_amount_is_plain_digits_below_the_stated_limit(api_as, maya, coaching, amount) -> None:  # type: ignore[no-untyped-def]
    answer = api_as(maya).put(
        "/api/coaching/terms",
        {"relationship": coaching.pk, "paid": True, "amount": amount, "currency": "EUR",
         "payer": "mentee"},
    )  # fmt: skip
    assert answer.status_code == 422, answer.content
    if amount is not True:  # a boolean is refused by the schema, before the service
        assert (answer.json_body["field"], answer.json_body["code"]) == ("amount", "bad_amount")
        assert "at most 1,000,000,000" in answer.json_body["message"]
    assert not SessionTerms.objects.exists()


@pytest.mark.parametrize(("amount", "stored"), [(".5", "0.50"), ("80", "80.00"), (120, "120.00")])
def test_plain_amounts_are_taken(api_as, maya, coaching, amount, stored) -> None:  # type: ignore[no-untyped-def]
    answer = api_as(maya).put(
        "/api/coaching/terms",
        {"relationship": coaching.pk, "paid": True, "amount": amount, "currency": "EUR",
         "payer": "mentee"},
    )  # fmt: skip
    assert answer.status_code == 200, answer.content
    assert answer.json_body["amount"] == stored


def test_a_currency_without_cents_takes_whole_amounts(api_as, maya, coaching) -> None:  # type: ignore[no-untyped-def]
    body = {"relationship": coaching.pk, "paid": True, "currency": "JPY", "payer": "mentee"}
    refused = api_as(maya).put("/api/coaching/terms", body | {"amount": "8000.50"})
    assert (refused.status_code, refused.json_body["code"]) == (422, "no_minor_unit")
    assert api_as(maya).put("/api/coaching/terms", body | {"amount": "8000"}).status_code == 200


def test_dates_that_make_no_sense_are_refused(api_as, maya, ravi, coaching) -> None:  # type: ignore[no-untyped-def]
    coach, mentee = api_as(ravi), api_as(maya)
    old = coach.post(
        "/api/coaching/exercises",
        {"relationship": coaching.pk, "title": "Old", "every_days": 1, "started_on": "1900-01-01"},
    )
    assert (old.status_code, old.json_body["code"], old.json_body["field"]) == (
        422, "start_too_early", "started_on",
    )  # fmt: skip
    start = person_today(ravi) - dt.timedelta(days=3)
    made = coach.post(
        "/api/coaching/exercises",
        {"relationship": coaching.pk, "title": "Pitch", "every_days": 1,
         "started_on": start.isoformat()},
    ).json_body  # fmt: skip
    before = mentee.post(
        "/api/coaching/practice",
        {"exercise": made["id"], "minutes": 5, "practised_on": "1900-01-01"},
    )
    assert (before.status_code, before.json_body["code"]) == (409, "before_exercise_start")
    first = person_today(maya) - dt.timedelta(days=1)
    assert (
        mentee.post(
            "/api/coaching/practice",
            {"exercise": made["id"], "minutes": 5, "practised_on": first.isoformat()},
        ).status_code
        == 201
    )
    moved = coach.patch(
        f"/api/coaching/exercises/{made['id']}",
        {"started_on": (first + dt.timedelta(days=1)).isoformat()},
    )
    assert (moved.status_code, moved.json_body["code"]) == (409, "start_after_practice")
    assert Exercise.objects.get().started_on == start


def test_who_logged_a_practice_deletes_it_and_nobody_else(
    api_as, maya, ravi, eve, coaching
) -> None:  # type: ignore[no-untyped-def]
    exercise = Exercise.objects.create(
        relationship=coaching, title="x", every_days=1, started_on=dt.date(2026, 1, 1)
    )
    mentee = api_as(maya)
    ids = [
        mentee.post("/api/coaching/practice", {"exercise": exercise.pk, "minutes": 5}).json_body[
            "id"
        ]
        for _ in range(2)
    ]
    path = f"/api/coaching/practice/{ids[1]}"
    for other in (api_as(ravi), api_as(eve)):
        answer = other.delete(path)
        assert (answer.status_code, answer.json_body["code"]) == (404, "practice_not_found")
    assert mentee.delete(path).status_code == 204
    assert list(PracticeEntry.objects.values_list("pk", flat=True)) == [ids[0]]
    assert mentee.delete(path).status_code == 404
    assert mentee.delete("/api/coaching/practice/not-a-number").status_code in (404, 422)
