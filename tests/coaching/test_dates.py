"""Dates that make sense: practice between the exercise's start and today; a start
within a year of today either way; a start that moves stays on or before the first
practice (and the day the exercise was retired)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.coaching.conftest import TODAY
from tribe.coaching.errors import CoachingCode
from tribe.coaching.models import Exercise, PracticeEntry
from tribe.coaching.services import exercise_add, exercise_retire, exercise_update, practice_log
from tribe.core import clock
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, ValidationError
from tribe.core.zones import local
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

START = dt.date(2026, 3, 1)  # the ``scales`` exercise's first day


def _add(
    ravi: Person, coaching: Relationship, started_on: dt.date, today: dt.date = TODAY
) -> Exercise:
    return exercise_add(
        actor=ravi, relationship=coaching, title="Breathe", every_days=1, started_on=started_on,
        today=today,
    )  # fmt: skip


def _move(actor: Person, exercise: Exercise, started_on: dt.date, **fields: object) -> Exercise:
    values: dict[str, object] = {"title": exercise.title, "every_days": exercise.every_days}
    return exercise_update(
        actor=actor,
        exercise=exercise,
        started_on=started_on,
        today=TODAY,
        **(values | fields),  # type: ignore[arg-type]
    )


# -- practice: from the start to today ------------------------------------------------


def test_practice_before_the_exercise_starts_is_refused(maya: Person, scales: Exercise) -> None:
    for day in (dt.date(1900, 1, 1), START - dt.timedelta(days=1)):
        with pytest.raises(Conflict) as caught:
            practice_log(actor=maya, exercise=scales, practised_on=day, minutes=10, today=TODAY)
        assert (caught.value.field, caught.value.code) == (
            "practised_on",
            CoachingCode.BEFORE_START,
        )
        assert "1 Mar 2026" in caught.value.message
    assert not PracticeEntry.objects.exists()
    practice_log(actor=maya, exercise=scales, practised_on=START, minutes=10, today=TODAY)
    assert PracticeEntry.objects.get().practised_on == START


def test_an_exercise_that_starts_ahead_takes_no_practice_yet(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    ahead = _add(ravi, coaching, TODAY + dt.timedelta(days=3))
    with pytest.raises(Conflict) as caught:
        practice_log(actor=maya, exercise=ahead, practised_on=TODAY, minutes=5, today=TODAY)
    assert caught.value.code == CoachingCode.BEFORE_START
    with pytest.raises(ValidationError) as future:  # and the future is refused as it was
        practice_log(
            actor=maya, exercise=ahead, practised_on=TODAY + dt.timedelta(days=3), minutes=5,
            today=TODAY,
        )  # fmt: skip
    assert future.value.code == CoachingCode.FUTURE_DATE
    assert not PracticeEntry.objects.exists()


# -- the start: within a year of today ------------------------------------------------


def test_a_start_within_a_year_either_way_is_fine(ravi: Person, coaching: Relationship) -> None:
    assert _add(ravi, coaching, dt.date(2025, 3, 10)).started_on == dt.date(2025, 3, 10)
    assert _add(ravi, coaching, dt.date(2027, 3, 10)).started_on == dt.date(2027, 3, 10)


@pytest.mark.parametrize(
    ("started_on", "code", "named"),
    [
        (dt.date(1900, 1, 1), CoachingCode.START_TOO_EARLY, "10 Mar 2025"),
        (dt.date(2025, 3, 9), CoachingCode.START_TOO_EARLY, "10 Mar 2025"),
        (dt.date(2027, 3, 11), CoachingCode.START_TOO_LATE, "10 Mar 2027"),
        (dt.date(2099, 1, 1), CoachingCode.START_TOO_LATE, "10 Mar 2027"),
    ],
)
def test_a_start_further_away_is_refused_naming_the_bound(
    ravi: Person, coaching: Relationship, started_on: dt.date, code: CoachingCode, named: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _add(ravi, coaching, started_on)
    assert (caught.value.field, caught.value.code) == ("started_on", code)
    assert named in caught.value.message
    assert not Exercise.objects.exists()


def test_out_of_every_calendar_the_date_check_still_comes_first(
    ravi: Person, coaching: Relationship
) -> None:
    with pytest.raises(ValidationError) as caught:
        _add(ravi, coaching, dt.date(1800, 1, 1))
    assert caught.value.code == CoreCode.DATE_RANGE


def test_a_year_back_from_29_february_is_28_february(ravi: Person, coaching: Relationship) -> None:
    leap = dt.date(2028, 2, 29)
    assert _add(ravi, coaching, dt.date(2027, 2, 28), today=leap).started_on.day == 28
    with pytest.raises(ValidationError):
        _add(ravi, coaching, dt.date(2027, 2, 27), today=leap)


def test_without_today_the_window_is_the_actor_s_own_today(
    ravi: Person, coaching: Relationship
) -> None:
    """Left out, ``today`` is the actor's by the clock: a start 2 years back is refused."""
    today = local(clock.now(), ravi.timezone).date()
    with pytest.raises(ValidationError) as caught:
        exercise_add(
            actor=ravi, relationship=coaching, title="Old", every_days=1,
            started_on=today - dt.timedelta(days=800),
        )  # fmt: skip
    assert caught.value.code == CoachingCode.START_TOO_EARLY
    made = exercise_add(
        actor=ravi, relationship=coaching, title="New", every_days=1, started_on=today
    )
    assert made.started_on == today


# -- moving the start -----------------------------------------------------------------


def test_the_start_cannot_move_after_the_first_practice(
    maya: Person, ravi: Person, scales: Exercise
) -> None:
    first = dt.date(2026, 3, 4)
    practice_log(actor=maya, exercise=scales, practised_on=first, minutes=10, today=TODAY)
    practice_log(actor=maya, exercise=scales, practised_on=TODAY, minutes=10, today=TODAY)
    with pytest.raises(Conflict) as caught:
        _move(ravi, scales, dt.date(2026, 3, 5), title="Moved")
    assert (caught.value.field, caught.value.code) == (
        "started_on",
        CoachingCode.START_AFTER_PRACTICE,
    )
    assert "4 Mar 2026" in caught.value.message
    scales.refresh_from_db()
    assert (scales.started_on, scales.title) == (START, "Pitch in two minutes")
    # Up to the first practice's own day, or earlier, is fine.
    assert _move(ravi, scales, first).started_on == first
    assert _move(maya, scales, dt.date(2026, 2, 1)).started_on == dt.date(2026, 2, 1)


def test_a_start_that_moves_keeps_to_the_window(ravi: Person, scales: Exercise) -> None:
    with pytest.raises(ValidationError) as caught:
        _move(ravi, scales, dt.date(1900, 1, 1))
    assert caught.value.code == CoachingCode.START_TOO_EARLY
    scales.refresh_from_db()
    assert scales.started_on == START


def test_a_start_that_stays_is_kept_however_long_ago(ravi: Person, scales: Exercise) -> None:
    long_ago = dt.date(2024, 1, 1)
    Exercise.objects.filter(pk=scales.pk).update(started_on=long_ago)
    scales.refresh_from_db()
    assert _move(ravi, scales, long_ago, title="Renamed").title == "Renamed"


def test_the_start_cannot_move_after_the_exercise_was_retired(
    ravi: Person, scales: Exercise
) -> None:
    retired = dt.date(2026, 3, 5)
    exercise_retire(actor=ravi, exercise=scales, today=retired)
    with pytest.raises(Conflict) as caught:
        _move(ravi, scales, dt.date(2026, 3, 6))
    assert (caught.value.field, caught.value.code) == (
        "started_on",
        CoachingCode.START_AFTER_RETIRED,
    )
    assert "5 Mar 2026" in caught.value.message
    assert _move(ravi, scales, retired).started_on == retired
