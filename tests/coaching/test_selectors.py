"""Reads for coaching: what is due by the schedule, the 30-day count, who sees what,
and a fixed number of queries however many rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.coaching.conftest import NOW, TODAY
from tests.factories import PersonFactory, RelationshipFactory
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.coaching.selectors import (
    exercise_get_for,
    practice_due_for_many,
    practice_log_of,
    regimen_of,
    regimen_row_of,
    terms_of,
)
from tribe.coaching.services import exercise_add, exercise_retire, practice_log, terms_set
from tribe.core.errors import NotFound
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _exercise(actor: Person, relationship: Relationship, **fields: object) -> Exercise:
    values: dict[str, object] = {
        "title": "Drill", "every_days": 3, "started_on": TODAY, "today": TODAY,
    }  # fmt: skip
    return exercise_add(actor=actor, relationship=relationship, **(values | fields))  # type: ignore[arg-type]


def _practise(exercise: Exercise, day: dt.date, minutes: int = 10) -> PracticeEntry:
    mentee = exercise.relationship.mentee
    assert mentee is not None
    return practice_log(
        actor=mentee, exercise=exercise, practised_on=day, minutes=minutes, today=TODAY
    )


def _row(maya: Person, coaching: Relationship, exercise: Exercise):  # type: ignore[no-untyped-def]
    rows = regimen_of(person=maya, relationship=coaching, today=TODAY)
    return next(r for r in rows if r.exercise.pk == exercise.pk)


# -- the schedule -----------------------------------------------------------------------


def test_before_any_practice_it_is_due_on_the_day_it_starts(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    today = _exercise(ravi, coaching, started_on=TODAY)
    ahead = _exercise(ravi, coaching, started_on=TODAY + dt.timedelta(days=3))
    late = _exercise(ravi, coaching, started_on=TODAY - dt.timedelta(days=1))
    s = _row(maya, coaching, today).schedule
    assert (s.next_due_on, s.due, s.overdue, s.last_practised_on) == (TODAY, True, False, None)
    s = _row(maya, coaching, ahead).schedule
    assert (s.next_due_on, s.due, s.overdue) == (TODAY + dt.timedelta(days=3), False, False)
    s = _row(maya, coaching, late).schedule
    assert (s.due, s.overdue) == (True, True)


def test_the_next_practice_is_due_every_days_after_the_last(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    drill = _exercise(ravi, coaching, every_days=3, started_on=TODAY - dt.timedelta(days=20))
    _practise(drill, TODAY - dt.timedelta(days=10))
    _practise(drill, TODAY - dt.timedelta(days=2))
    s = _row(maya, coaching, drill).schedule
    assert s.last_practised_on == TODAY - dt.timedelta(days=2)
    assert (s.next_due_on, s.due, s.overdue) == (TODAY + dt.timedelta(days=1), False, False)
    _exercise_late = _row(maya, coaching, drill)
    assert _exercise_late.recent == 2


def test_overdue_once_the_day_has_passed(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    drill = _exercise(ravi, coaching, every_days=2, started_on=TODAY - dt.timedelta(days=20))
    _practise(drill, TODAY - dt.timedelta(days=2))
    assert _row(maya, coaching, drill).schedule.overdue is False  # due today
    PracticeEntry.objects.all().update(practised_on=TODAY - dt.timedelta(days=3))
    s = _row(maya, coaching, drill).schedule
    assert (s.next_due_on, s.due, s.overdue) == (TODAY - dt.timedelta(days=1), True, True)


def test_the_30_days_are_the_30_ending_today(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    drill = _exercise(ravi, coaching, started_on=TODAY - dt.timedelta(days=60))
    for back in (0, 29, 30, 45):
        _practise(drill, TODAY - dt.timedelta(days=back))
    # A day ahead of "today" (the log was written where it is already tomorrow) is not counted.
    PracticeEntry.objects.create(
        exercise=drill, practised_on=TODAY + dt.timedelta(days=1), minutes=5
    )
    row = _row(maya, coaching, drill)
    assert row.recent == 2
    assert row.schedule.last_practised_on == TODAY


def test_a_retired_exercise_is_due_no_more_and_comes_last(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    old = _exercise(ravi, coaching, title="Old", started_on=TODAY - dt.timedelta(days=40))
    new = _exercise(ravi, coaching, title="New", started_on=TODAY - dt.timedelta(days=5))
    exercise_retire(actor=ravi, exercise=old, today=TODAY)
    rows = regimen_of(person=maya, relationship=coaching, today=TODAY)
    assert [r.exercise.title for r in rows] == ["New", "Old"]
    assert [r.active for r in rows] == [True, False]
    assert (rows[1].schedule.next_due_on, rows[1].schedule.due) == (None, False)
    assert new.pk == rows[0].exercise.pk


def test_one_exercise_as_the_regimen_lists_it(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    drill = _exercise(ravi, coaching, started_on=TODAY - dt.timedelta(days=5))
    _practise(drill, TODAY - dt.timedelta(days=1))
    row = regimen_row_of(person=ravi, exercise=drill, today=TODAY)
    assert (row.recent, row.schedule.next_due_on) == (1, TODAY + dt.timedelta(days=2))


# -- who sees what ----------------------------------------------------------------------


def test_both_sides_read_the_regimen_log_and_terms_and_nobody_else(
    maya: Person, ravi: Person, eve: Person, coaching: Relationship
) -> None:
    drill = _exercise(ravi, coaching)
    _practise(drill, TODAY)
    terms_set(actor=ravi, relationship=coaching, paid=False)
    for side in (maya, ravi):
        assert exercise_get_for(person=side, exercise_id=drill.pk) == drill
        assert len(regimen_of(person=side, relationship=coaching, today=TODAY)) == 1
        assert practice_log_of(person=side, relationship=coaching).count() == 1
        assert terms_of(person=side, relationship=coaching) is not None
    for read in (
        lambda: exercise_get_for(person=eve, exercise_id=drill.pk),
        lambda: regimen_of(person=eve, relationship=coaching, today=TODAY),
        lambda: practice_log_of(person=eve, relationship=coaching),
        lambda: terms_of(person=eve, relationship=coaching),
        lambda: regimen_row_of(person=eve, exercise=drill, today=TODAY),
    ):
        with pytest.raises(NotFound):
            read()


@pytest.mark.parametrize("bad", ["abc", "", "-1", "999999", None])
def test_an_unknown_exercise_id_is_not_found(maya: Person, bad: object) -> None:
    with pytest.raises(NotFound):
        exercise_get_for(person=maya, exercise_id=bad)  # type: ignore[arg-type]


def test_the_asked_coach_sees_nothing_of_the_regimen(
    sam: Person, maya: Person, asked: Relationship
) -> None:
    drill = Exercise.objects.create(
        relationship=asked, title="Mine", every_days=1, started_on=TODAY
    )
    with pytest.raises(NotFound):
        exercise_get_for(person=sam, exercise_id=drill.pk)
    assert exercise_get_for(person=maya, exercise_id=drill.pk) == drill


def test_the_log_is_newest_first_with_its_exercise(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    drill = _exercise(ravi, coaching, started_on=TODAY - dt.timedelta(days=9))
    for back in (5, 1, 3):
        _practise(drill, TODAY - dt.timedelta(days=back))
    days = [e.practised_on for e in practice_log_of(person=ravi, relationship=coaching)]
    assert days == sorted(days, reverse=True)


# -- queries ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 6])
def test_the_regimen_is_one_query_for_any_length(
    count: int, maya: Person, ravi: Person, coaching: Relationship, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(count):
        drill = _exercise(ravi, coaching, title=f"Drill {i}")
        _practise(drill, TODAY)
    with django_assert_num_queries(1):
        rows = regimen_of(person=maya, relationship=coaching, today=TODAY)
        assert [r.exercise.added_by.name for r in rows] == ["Ravi Menon"] * count  # type: ignore[union-attr]


# -- what is due, for many people at once -------------------------------------------------


def _coached(coach: Person, **fields: object) -> Relationship:
    mentee = PersonFactory()
    return RelationshipFactory(
        mentee=mentee, mentor=coach, kind="coach", status_changed_at=NOW, **fields
    )


@pytest.mark.parametrize("people", [2, 8])
def test_practice_due_for_many_is_one_query_for_any_number(
    people: int, ravi: Person, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    relationships = [_coached(ravi) for _ in range(people)]
    for r in relationships:
        _exercise(ravi, r, started_on=TODAY - dt.timedelta(days=4))
    mentees = [r.mentee for r in relationships]
    with django_assert_num_queries(1):
        due = practice_due_for_many(people=mentees, today=TODAY)  # type: ignore[arg-type]
        names = [d.relationship.mentor_name for rows in due.values() for d in rows]
    assert names == ["Ravi Menon"] * people
    assert set(due) == {m.pk for m in mentees}  # type: ignore[union-attr]


def test_practice_due_is_the_mentees_due_and_overdue_only(
    maya: Person, ravi: Person, sam: Person, coaching: Relationship
) -> None:
    overdue = _exercise(ravi, coaching, title="Overdue", started_on=TODAY - dt.timedelta(days=9))
    today = _exercise(ravi, coaching, title="Today", started_on=TODAY)
    done = _exercise(ravi, coaching, title="Done", started_on=TODAY - dt.timedelta(days=9))
    _practise(done, TODAY)
    _exercise(ravi, coaching, title="Ahead", started_on=TODAY + dt.timedelta(days=1))
    retired = _exercise(ravi, coaching, title="Retired", started_on=TODAY - dt.timedelta(days=9))
    exercise_retire(actor=ravi, exercise=retired, today=TODAY)
    # Ravi is the coach: nothing is due for him; Sam coaches nobody who practises.
    due = practice_due_for_many(people=[maya, ravi, sam], today=TODAY)
    assert [d.exercise.title for d in due[maya.pk]] == ["Overdue", "Today"]
    assert [d.schedule.overdue for d in due[maya.pk]] == [True, False]
    assert due[ravi.pk] == [] and due[sam.pk] == []
    assert {overdue.pk, today.pk} == {d.exercise.pk for d in due[maya.pk]}


@pytest.mark.parametrize("status", ["paused", "ended"])
def test_nothing_is_due_in_a_paused_or_ended_relationship(
    status: str, maya: Person, ravi: Person, coaching: Relationship
) -> None:
    _exercise(ravi, coaching, started_on=TODAY - dt.timedelta(days=3))
    Relationship.objects.filter(pk=coaching.pk).update(status=status)
    assert practice_due_for_many(people=[maya], today=TODAY) == {maya.pk: []}


def test_nothing_is_due_for_nobody(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        assert practice_due_for_many(people=[], today=TODAY) == {}


# -- the database holds the same rules ----------------------------------------------------


def test_the_database_refuses_what_the_services_refuse(coaching: Relationship) -> None:
    drill = Exercise.objects.create(
        relationship=coaching, title="x", every_days=1, started_on=TODAY
    )
    bad = [
        lambda: Exercise.objects.create(
            relationship=coaching, title="x", every_days=0, started_on=TODAY
        ),
        lambda: Exercise.objects.create(
            relationship=coaching, title="", every_days=1, started_on=TODAY
        ),
        lambda: PracticeEntry.objects.create(exercise=drill, practised_on=TODAY, minutes=0),
        lambda: SessionTerms.objects.create(
            relationship=coaching, paid=True, currency="EUR", payer="mentee"
        ),
        lambda: SessionTerms.objects.create(relationship=coaching, paid=False, currency="EUR"),
        lambda: SessionTerms.objects.create(
            relationship=coaching, paid=True, amount=0, currency="EUR", payer="mentee"
        ),
    ]
    for create in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            create()
