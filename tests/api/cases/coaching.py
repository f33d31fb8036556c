"""Coaching: both sides of an agreed coaching relationship read the regimen, the log and
the terms, design exercises and record the terms; only the mentee logs practice (409 for
the coach) and deletes what she logged (404 for the coach); a relationship of another kind carries none of it (409); nobody else sees it."""

import datetime as dt

from tests.api.authz import BOTH_SIDES, Case, World
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.relationships.models import Relationship

DAY = dt.date(2026, 3, 1)


def _coach(world: World) -> dict[str, int]:
    Relationship.objects.filter(pk=world["relationship"]).update(kind="coach")
    return {}


def _exercise(world: World, title: str = "Pitch") -> Exercise:
    return Exercise.objects.create(
        relationship_id=world["relationship"],
        title=title,
        every_days=2,
        started_on=DAY,
        added_by=world.people["mentor"],
    )


def _with_exercise(world: World) -> dict[str, int]:
    _coach(world)
    exercise = _exercise(world)
    entry = PracticeEntry.objects.create(
        exercise=exercise, practised_on=DAY, minutes=10, logged_by=world.people["mentee"]
    )
    SessionTerms.objects.create(
        relationship_id=world["relationship"], paid=True, amount=80, currency="EUR", payer="mentee"
    )
    return {"exercise": exercise.pk, "practice": entry.pk}


def _more_exercises(world: World) -> None:
    for i in range(3):
        _exercise(world, f"Drill {i}")


def _more_practice(world: World) -> None:
    exercise = Exercise.objects.get(pk=world["exercise"])
    for days in range(3):
        PracticeEntry.objects.create(
            exercise=exercise,
            practised_on=DAY + dt.timedelta(days=days),
            minutes=5,
            logged_by=world.people["mentee"],
        )


EXERCISE = "/api/coaching/exercises/{exercise}"
IN = "?relationship={relationship}"
BOTH_SIDES_REFUSED = {"mentee": 409, "mentor": 409}

CASES = [
    Case(
        "exercise_list",
        "GET",
        "/api/coaching/exercises" + IN,
        allowed=BOTH_SIDES,
        prepare=_with_exercise,
        grow=_more_exercises,
    ),
    Case(
        "exercise_add",
        "POST",
        "/api/coaching/exercises",
        body=lambda w: {"relationship": w["relationship"], "title": "Breathe", "every_days": 1},
        prepare=_coach,
        allowed=BOTH_SIDES,
        ok=201,
    ),
    Case(
        "exercise_add",
        "POST",
        "/api/coaching/exercises",
        body=lambda w: {"relationship": w["relationship"], "title": "Breathe", "every_days": 1},
        allowed=(),
        status=BOTH_SIDES_REFUSED,
        label="in a mentoring relationship",
    ),
    Case(
        "exercise_change",
        "PATCH",
        EXERCISE,
        body={"every_days": 3},
        prepare=_with_exercise,
        allowed=BOTH_SIDES,
    ),
    Case(
        "exercise_retire",
        "POST",
        EXERCISE + "/retire",
        prepare=_with_exercise,
        allowed=BOTH_SIDES,
    ),
    Case(
        "practice_list",
        "GET",
        "/api/coaching/practice" + IN,
        allowed=BOTH_SIDES,
        prepare=_with_exercise,
        grow=_more_practice,
    ),
    # The mentee practises, so the mentee logs; the coach reads the log.
    Case(
        "practice_add",
        "POST",
        "/api/coaching/practice",
        body=lambda w: {"exercise": w["exercise"], "minutes": 20, "practised_on": "2026-03-02"},
        prepare=_with_exercise,
        allowed=("mentee",),
        ok=201,
        status={"mentor": 409},
    ),
    # Only who logged a practice deletes it: the coach reads it, and finds nothing to delete.
    Case(
        "practice_remove",
        "DELETE",
        "/api/coaching/practice/{practice}",
        prepare=_with_exercise,
        allowed=("mentee",),
        ok=204,
    ),
    Case(
        "terms_read",
        "GET",
        "/api/coaching/terms" + IN,
        prepare=_with_exercise,
        allowed=BOTH_SIDES,
    ),
    Case(
        "terms_change",
        "PUT",
        "/api/coaching/terms",
        body=lambda w: {
            "relationship": w["relationship"],
            "paid": True,
            "amount": "95.00",
            "currency": "GBP",
            "payer": "employer",
        },
        prepare=_coach,
        allowed=BOTH_SIDES,
    ),
    Case(
        "terms_change",
        "PUT",
        "/api/coaching/terms",
        body=lambda w: {"relationship": w["relationship"], "paid": False},
        allowed=(),
        status=BOTH_SIDES_REFUSED,
        label="in a mentoring relationship",
    ),
]
