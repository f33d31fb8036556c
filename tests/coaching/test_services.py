"""Writes for coaching: who may, what is refused (naming the field), and nothing partial."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.coaching.conftest import TODAY
from tribe.coaching.errors import CoachingCode
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.coaching.services import (
    exercise_add,
    exercise_retire,
    exercise_update,
    practice_log,
    terms_set,
)
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

FIRST = dt.date(2026, 3, 1)


def _add(actor: Person, relationship: Relationship, **fields: object) -> Exercise:
    values: dict[str, object] = {
        "title": "Breathe", "every_days": 1, "started_on": FIRST, "today": TODAY,
    }  # fmt: skip
    return exercise_add(actor=actor, relationship=relationship, **(values | fields))  # type: ignore[arg-type]


# -- the regimen --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["maya", "ravi"])
def test_either_side_adds_an_exercise_and_who_is_recorded(
    who: str, request: pytest.FixtureRequest, coaching: Relationship
) -> None:
    actor = request.getfixturevalue(who)
    exercise = _add(actor, coaching, title="  Slow scales ", instructions="Ten minutes")
    assert (exercise.title, exercise.instructions, exercise.every_days) == (
        "Slow scales",
        "Ten minutes",
        1,
    )
    assert exercise.added_by == actor and exercise.retired_on is None


def test_a_stranger_adds_nothing(eve: Person, coaching: Relationship) -> None:
    with pytest.raises(NotFound):
        _add(eve, coaching)
    assert not Exercise.objects.exists()


def test_a_mentoring_relationship_carries_no_regimen(maya: Person, maya_ravi: Relationship) -> None:
    with pytest.raises(Conflict) as caught:
        _add(maya, maya_ravi)
    assert caught.value.code == CoachingCode.NOT_COACHING
    assert caught.value.field == "relationship"
    assert "mentor" in caught.value.message
    assert not Exercise.objects.exists()


def test_nothing_is_planned_before_the_coach_said_yes(
    maya: Person, sam: Person, asked: Relationship
) -> None:
    with pytest.raises(Conflict) as caught:
        _add(maya, asked)
    assert caught.value.code == CoachingCode.NOT_AGREED
    assert "Sam Okafor" in caught.value.message
    with pytest.raises(NotFound):  # Sam has not said yes: it is not his to see
        _add(sam, asked)


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"title": "   "}, "title", CoreCode.REQUIRED),
        ({"title": "x" * 201}, "title", CoreCode.TOO_LONG),
        ({"title": "two\nlines"}, "title", CoreCode.LINE_BREAK),
        ({"instructions": "x" * 2001}, "instructions", CoreCode.TOO_LONG),
        ({"every_days": 0}, "every_days", CoreCode.OUT_OF_RANGE),
        ({"every_days": 91}, "every_days", CoreCode.OUT_OF_RANGE),
        ({"every_days": -3}, "every_days", CoreCode.OUT_OF_RANGE),
        ({"every_days": None}, "every_days", CoreCode.OUT_OF_RANGE),
        ({"started_on": dt.date(1800, 1, 1)}, "started_on", CoreCode.DATE_RANGE),
    ],
)
def test_a_bad_exercise_is_refused_naming_its_field(
    ravi: Person, coaching: Relationship, fields: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _add(ravi, coaching, **fields)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert not Exercise.objects.exists()


def test_an_exercise_may_start_ahead(ravi: Person, coaching: Relationship) -> None:
    assert _add(ravi, coaching, started_on=TODAY + dt.timedelta(days=7)).started_on > TODAY


def test_the_mentee_edits_the_coachs_exercise(maya: Person, scales: Exercise) -> None:
    exercise_update(
        actor=maya, exercise=scales, title="Pitch in 90 s", every_days=3, started_on=FIRST
    )
    scales.refresh_from_db()
    assert (scales.title, scales.every_days, scales.instructions) == ("Pitch in 90 s", 3, "")


def test_a_refused_edit_changes_nothing(ravi: Person, eve: Person, scales: Exercise) -> None:
    with pytest.raises(ValidationError):
        exercise_update(
            actor=ravi, exercise=scales, title="New title", every_days=0, started_on=FIRST
        )
    with pytest.raises(NotFound):
        exercise_update(actor=eve, exercise=scales, title="Mine", every_days=1, started_on=FIRST)
    scales.refresh_from_db()
    assert (scales.title, scales.every_days) == ("Pitch in two minutes", 2)


def test_retiring_keeps_the_log_and_happens_once(
    maya: Person, ravi: Person, scales: Exercise
) -> None:
    practice_log(actor=maya, exercise=scales, practised_on=FIRST, minutes=10, today=TODAY)
    exercise_retire(actor=ravi, exercise=scales, today=TODAY)
    scales.refresh_from_db()
    assert scales.retired_on == TODAY and scales.practice.count() == 1
    with pytest.raises(Conflict) as caught:
        exercise_retire(actor=maya, exercise=scales, today=TODAY + dt.timedelta(days=1))
    assert caught.value.code == CoachingCode.ALREADY_RETIRED
    scales.refresh_from_db()
    assert scales.retired_on == TODAY


def test_a_stranger_retires_nothing(eve: Person, scales: Exercise) -> None:
    with pytest.raises(NotFound):
        exercise_retire(actor=eve, exercise=scales, today=TODAY)
    scales.refresh_from_db()
    assert scales.retired_on is None


def test_a_relationship_whose_kind_changed_keeps_its_regimen_but_grows_no_more(
    maya: Person, scales: Exercise, coaching: Relationship
) -> None:
    Relationship.objects.filter(pk=coaching.pk).update(kind="mentor")
    scales.refresh_from_db()
    with pytest.raises(Conflict) as caught:
        practice_log(actor=maya, exercise=scales, practised_on=TODAY, minutes=5, today=TODAY)
    assert caught.value.code == CoachingCode.NOT_COACHING
    assert Exercise.objects.filter(pk=scales.pk).exists()


# -- the practice log -----------------------------------------------------------------


def test_the_mentee_logs_practice(maya: Person, scales: Exercise) -> None:
    entry = practice_log(
        actor=maya, exercise=scales, practised_on=TODAY, minutes=15, note=" Better ", today=TODAY
    )
    assert (entry.minutes, entry.note, entry.logged_by) == (15, "Better", maya)


def test_the_coach_reads_but_does_not_log(ravi: Person, scales: Exercise) -> None:
    with pytest.raises(Conflict) as caught:
        practice_log(actor=ravi, exercise=scales, practised_on=TODAY, minutes=15, today=TODAY)
    assert caught.value.code == CoachingCode.MENTEE_PRACTISES
    assert "Maya Chen" in caught.value.message
    assert not PracticeEntry.objects.exists()


def test_the_coach_logs_for_a_client_without_an_account(
    ravi: Person, client_contact: Relationship
) -> None:
    exercise = _add(ravi, client_contact)
    entry = practice_log(actor=ravi, exercise=exercise, practised_on=TODAY, minutes=5, today=TODAY)
    assert entry.logged_by == ravi


def test_a_stranger_logs_nothing(eve: Person, scales: Exercise) -> None:
    with pytest.raises(NotFound):
        practice_log(actor=eve, exercise=scales, practised_on=TODAY, minutes=5, today=TODAY)
    assert not PracticeEntry.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"minutes": -5}, "minutes", CoreCode.OUT_OF_RANGE),
        ({"minutes": 0}, "minutes", CoreCode.OUT_OF_RANGE),
        ({"minutes": 721}, "minutes", CoreCode.OUT_OF_RANGE),
        ({"minutes": None}, "minutes", CoreCode.OUT_OF_RANGE),
        ({"practised_on": TODAY + dt.timedelta(days=1)}, "practised_on", CoachingCode.FUTURE_DATE),
        ({"practised_on": dt.date(1899, 12, 31)}, "practised_on", CoreCode.DATE_RANGE),
        ({"note": "x" * 501}, "note", CoreCode.TOO_LONG),
        ({"note": "bad\x00byte"}, "note", CoreCode.CONTROL_CHARACTER),
    ],
)
def test_bad_practice_is_refused_naming_its_field(
    maya: Person, scales: Exercise, fields: dict[str, object], field: str, code: str
) -> None:
    values: dict[str, object] = {"practised_on": TODAY, "minutes": 10, "note": ""}
    with pytest.raises(ValidationError) as caught:
        practice_log(actor=maya, exercise=scales, today=TODAY, **(values | fields))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)
    assert not PracticeEntry.objects.exists()


def test_practice_after_retirement_is_refused_up_to_the_day_it_is_fine(
    maya: Person, ravi: Person, scales: Exercise
) -> None:
    retired = TODAY - dt.timedelta(days=2)
    exercise_retire(actor=ravi, exercise=scales, today=retired)
    practice_log(actor=maya, exercise=scales, practised_on=retired, minutes=10, today=TODAY)
    with pytest.raises(Conflict) as caught:
        practice_log(actor=maya, exercise=scales, practised_on=TODAY, minutes=10, today=TODAY)
    assert (caught.value.code, caught.value.field) == (CoachingCode.RETIRED, "practised_on")
    assert PracticeEntry.objects.count() == 1


# -- the terms of sessions ------------------------------------------------------------


@pytest.mark.parametrize("who", ["maya", "ravi"])
def test_either_side_records_paid_terms(
    who: str, request: pytest.FixtureRequest, coaching: Relationship
) -> None:
    actor = request.getfixturevalue(who)
    terms = terms_set(
        actor=actor,
        relationship=coaching,
        paid=True,
        amount="79.5",
        currency=" eur ",
        payer="employer",
        note="Invoiced monthly",
    )
    terms.refresh_from_db()
    assert (terms.amount, terms.currency, terms.payer) == (Decimal("79.50"), "EUR", "employer")
    assert terms.updated_by == actor and terms.note == "Invoiced monthly"


def test_terms_are_one_record_that_changes(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    terms_set(
        actor=maya, relationship=coaching, paid=True, amount=80, currency="GBP", payer="mentee"
    )
    terms_set(actor=ravi, relationship=coaching, paid=False)
    terms = SessionTerms.objects.get()
    assert (terms.paid, terms.amount, terms.currency, terms.payer) == (False, None, "", "")
    assert terms.updated_by == ravi


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"currency": "EURO"}, "currency", CoachingCode.BAD_CURRENCY),
        ({"currency": "ABC"}, "currency", CoachingCode.BAD_CURRENCY),
        ({"currency": "XXX"}, "currency", CoachingCode.BAD_CURRENCY),
        ({"currency": "XAU"}, "currency", CoachingCode.BAD_CURRENCY),
        ({"currency": ""}, "currency", CoreCode.REQUIRED),
        ({"amount": None}, "amount", CoreCode.REQUIRED),
        ({"amount": 0}, "amount", CoachingCode.BAD_AMOUNT),
        ({"amount": "-10"}, "amount", CoachingCode.BAD_AMOUNT),
        ({"amount": "ten"}, "amount", CoachingCode.BAD_AMOUNT),
        ({"amount": "NaN"}, "amount", CoachingCode.BAD_AMOUNT),
        ({"amount": "Infinity"}, "amount", CoachingCode.BAD_AMOUNT),
        ({"amount": "1.234"}, "amount", CoachingCode.BAD_AMOUNT),
        ({"amount": "1e12"}, "amount", CoachingCode.BAD_AMOUNT),
        ({"amount": Decimal("10000000000")}, "amount", CoachingCode.BAD_AMOUNT),
        ({"payer": ""}, "payer", CoreCode.REQUIRED),
        ({"payer": "boss"}, "payer", CoachingCode.BAD_PAYER),
        ({"note": "x" * 501}, "note", CoreCode.TOO_LONG),
    ],
)
def test_bad_paid_terms_are_refused_and_the_old_ones_stay(
    maya: Person, coaching: Relationship, fields: dict[str, object], field: str, code: str
) -> None:
    terms_set(
        actor=maya, relationship=coaching, paid=True, amount=50, currency="USD", payer="mentee"
    )
    values: dict[str, object] = {"amount": "80", "currency": "EUR", "payer": "employer"}
    with pytest.raises(ValidationError) as caught:
        terms_set(actor=maya, relationship=coaching, paid=True, **(values | fields))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)
    terms = SessionTerms.objects.get()
    assert (terms.amount, terms.currency, terms.payer) == (Decimal("50.00"), "USD", "mentee")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount": "10"}, "amount"),
        ({"currency": "EUR"}, "currency"),
        ({"payer": "other"}, "payer"),
    ],
)
def test_free_sessions_carry_no_price(
    maya: Person, coaching: Relationship, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        terms_set(actor=maya, relationship=coaching, paid=False, **fields)  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.field) == (CoachingCode.FREE_HAS_NO_PRICE, field)
    assert not SessionTerms.objects.exists()


def test_terms_are_refused_outside_an_agreed_coaching_relationship(
    maya: Person, eve: Person, maya_ravi: Relationship, coaching: Relationship, asked: Relationship
) -> None:
    with pytest.raises(Conflict) as wrong_kind:
        terms_set(actor=maya, relationship=maya_ravi, paid=False)
    with pytest.raises(Conflict) as not_agreed:
        terms_set(actor=maya, relationship=asked, paid=False)
    with pytest.raises(NotFound):
        terms_set(actor=eve, relationship=coaching, paid=False)
    assert wrong_kind.value.code == CoachingCode.NOT_COACHING
    assert not_agreed.value.code == CoachingCode.NOT_AGREED
    assert not SessionTerms.objects.exists()
