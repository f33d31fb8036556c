"""Coaching relationships (``/api/coaching``): the regimen's exercises with what is due,
the practice log, and the terms of paid sessions.

Both sides of an agreed coaching relationship read the regimen and the log;
either side designs exercises and records the terms; the mentee logs practice
(409 for the coach, and for a relationship of another kind). The terms are a
record of what the two agreed, never a payment: nothing here charges anyone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status
from pydantic import StrictFloat, StrictInt, StrictStr

from tribe.api.auth import me
from tribe.api.common import (
    ApiRouter,
    Input,
    ObjectId,
    Page,
    PageQuery,
    PersonRef,
    RowId,
    page_of,
    person_today,
    referenced,
    relationship_named,
)
from tribe.coaching import selectors, services
from tribe.coaching.models import (
    AMOUNT_MAX,
    INSTRUCTIONS_MAX,
    NOTE_MAX,
    TITLE_MAX,
    Exercise,
    PracticeEntry,
)
from tribe.coaching.selectors import RegimenRow
from tribe.people.models import Person

router = ApiRouter(tags=["coaching"])

PayerName = Literal["mentee", "employer", "programme", "other"]


class CoachingOf(Schema):
    relationship: RowId = Field(description="the coaching relationship")


# The regimen ---------------------------------------------------------------------


class ExerciseIn(Input):
    relationship: RowId
    title: str = Field(max_length=TITLE_MAX)
    instructions: str = Field("", max_length=INSTRUCTIONS_MAX, description="how to practise it")
    every_days: int = Field(ge=1, le=90, description="practised every this many days")
    started_on: dt.date | None = Field(
        None,
        description="the first day it is due (default: today): within a year of today, either way",
    )


class ExercisePatch(Input):
    """Only the fields sent change."""

    title: str | None = Field(None, max_length=TITLE_MAX)
    instructions: str | None = Field(None, max_length=INSTRUCTIONS_MAX)
    every_days: int | None = Field(None, ge=1, le=90)
    started_on: dt.date | None = Field(
        None,
        description="a new first day: within a year of today, and not after the first "
        "practice logged",
    )


class ExerciseOut(Schema):
    id: int
    relationship_id: int
    title: str
    instructions: str
    every_days: int
    started_on: dt.date
    retired_on: dt.date | None
    added_by: PersonRef | None
    last_practised_on: dt.date | None
    next_due_on: dt.date | None = Field(description="null once retired")
    due: bool = Field(description="due today or before")
    overdue: bool = Field(description="due before today")
    practised_last_30_days: int


def _exercise_out(row: RegimenRow) -> dict[str, Any]:
    exercise, schedule = row.exercise, row.schedule
    return {
        "id": exercise.pk,
        "relationship_id": exercise.relationship_id,
        "title": exercise.title,
        "instructions": exercise.instructions,
        "every_days": exercise.every_days,
        "started_on": exercise.started_on,
        "retired_on": exercise.retired_on,
        "added_by": exercise.added_by,
        "last_practised_on": schedule.last_practised_on,
        "next_due_on": schedule.next_due_on,
        "due": schedule.due,
        "overdue": schedule.overdue,
        "practised_last_30_days": row.recent,
    }


def _answer(person: Person, exercise: Exercise) -> dict[str, Any]:
    today = person_today(person)
    return _exercise_out(selectors.regimen_row_of(person=person, exercise=exercise, today=today))


@router.get("/exercises", response=Page[ExerciseOut])
def exercise_list(
    request: HttpRequest, page: Query[PageQuery], of: Query[CoachingOf]
) -> dict[str, object]:
    """The regimen of a relationship, active exercises first, each with when it is next due."""
    person = me(request)
    relationship = relationship_named(person, of.relationship)
    rows = selectors.regimen_of(
        person=person, relationship=relationship, today=person_today(person)
    )
    return page_of([_exercise_out(row) for row in rows], page)


@router.post("/exercises", response={201: ExerciseOut})
def exercise_add(request: HttpRequest, payload: ExerciseIn) -> Status[dict[str, Any]]:
    """Add an exercise to the regimen (either side; 409 for a relationship of another kind,
    or before the other side said yes)."""
    person = me(request)
    relationship = relationship_named(person, payload.relationship)
    today = person_today(person)
    exercise = services.exercise_add(
        actor=person,
        relationship=relationship,
        title=payload.title,
        instructions=payload.instructions,
        every_days=payload.every_days,
        started_on=payload.started_on or today,
        today=today,
    )
    return Status(201, _answer(person, exercise))


@router.patch("/exercises/{exercise_id}", response=ExerciseOut)
def exercise_change(
    request: HttpRequest, exercise_id: ObjectId, payload: ExercisePatch
) -> dict[str, Any]:
    """Change the fields sent; the practice log stays."""
    person = me(request)
    exercise = selectors.exercise_get_for(person=person, exercise_id=exercise_id)
    sent = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    exercise = services.exercise_update(
        actor=person,
        exercise=exercise,
        title=sent.get("title", exercise.title),
        instructions=sent.get("instructions", exercise.instructions),
        every_days=sent.get("every_days", exercise.every_days),
        started_on=sent.get("started_on", exercise.started_on),
        today=person_today(person),
    )
    return _answer(person, exercise)


@router.post("/exercises/{exercise_id}/retire", response=ExerciseOut)
def exercise_retire(request: HttpRequest, exercise_id: ObjectId) -> dict[str, Any]:
    """Retire an exercise from today: it keeps its log and is no longer due (409 if it is
    retired already)."""
    person = me(request)
    exercise = selectors.exercise_get_for(person=person, exercise_id=exercise_id)
    exercise = services.exercise_retire(actor=person, exercise=exercise, today=person_today(person))
    return _answer(person, exercise)


# The practice log ----------------------------------------------------------------


class PracticeIn(Input):
    exercise: RowId
    practised_on: dt.date | None = Field(
        None,
        description="the day (default: today): not in the future, nor before the exercise starts",
    )
    minutes: int = Field(ge=1, le=720)
    note: str = Field("", max_length=NOTE_MAX, description="the coach reads it too")


class PracticeOut(Schema):
    id: int
    exercise_id: int
    practised_on: dt.date
    minutes: int
    note: str
    logged_by: PersonRef | None
    created_at: dt.datetime


@router.get("/practice", response=Page[PracticeOut])
def practice_list(
    request: HttpRequest, page: Query[PageQuery], of: Query[CoachingOf]
) -> dict[str, object]:
    """The practice log of a relationship, newest first (both sides read it)."""
    person = me(request)
    relationship = relationship_named(person, of.relationship)
    return page_of(selectors.practice_log_of(person=person, relationship=relationship), page)


@router.post("/practice", response={201: PracticeOut})
def practice_add(request: HttpRequest, payload: PracticeIn) -> Status[PracticeEntry]:
    """Log a practice of an exercise: the mentee's to log (409 for the coach); not in the
    future, nor after the exercise was retired."""
    person = me(request)
    exercise = referenced(
        "exercise",
        lambda: selectors.exercise_get_for(person=person, exercise_id=payload.exercise),
    )
    today = person_today(person)
    entry = services.practice_log(
        actor=person,
        exercise=exercise,
        practised_on=payload.practised_on or today,
        minutes=payload.minutes,
        note=payload.note,
        today=today,
    )
    return Status(201, entry)


@router.delete("/practice/{practice_id}", response={204: None})
def practice_remove(request: HttpRequest, practice_id: ObjectId) -> Status[None]:
    """Delete a practice I logged (one logged twice, or by mistake). A practice logged by
    the other side is not found (404): only who logged it deletes it."""
    person = me(request)
    entry = selectors.practice_get_for_logger(person=person, practice_id=practice_id)
    services.practice_delete(actor=person, entry=entry)
    return Status(204, None)


# The terms of sessions ---------------------------------------------------------------


class TermsIn(Input):
    relationship: RowId
    paid: bool = Field(description="false: sessions are free (then no amount, currency or payer)")
    # Text, not a Decimal: pydantic's Decimal reads "1e9", "+5" and "１０" too; the
    # service reads ASCII digits only. A JSON number is taken as it prints.
    amount: StrictStr | StrictInt | StrictFloat | None = Field(
        None,
        description=f'per session, best as text such as "79.50": digits with at most two '
        f"decimals after a point (none for a currency without cents, such as JPY), above zero "
        f"and at most {AMOUNT_MAX:,}",
    )
    currency: str = Field("", max_length=3, description="ISO 4217, for example EUR")
    payer: PayerName | None = Field(None, description="who pays")
    note: str = Field("", max_length=NOTE_MAX)


class TermsOut(Schema):
    relationship_id: int
    recorded: bool = Field(description="false until either side records the terms")
    paid: bool
    amount: Decimal | None
    currency: str
    payer: PayerName | None
    note: str
    updated_by: PersonRef | None
    updated_at: dt.datetime | None


def _terms(person: Person, relationship_id: int) -> dict[str, Any]:
    relationship = relationship_named(person, relationship_id)
    terms = selectors.terms_of(person=person, relationship=relationship)
    if terms is None:
        return {
            "relationship_id": relationship.pk, "recorded": False, "paid": False, "amount": None,
            "currency": "", "payer": None, "note": "", "updated_by": None, "updated_at": None,
        }  # fmt: skip
    return {
        "relationship_id": relationship.pk,
        "recorded": True,
        "paid": terms.paid,
        "amount": terms.amount,
        "currency": terms.currency,
        "payer": terms.payer or None,
        "note": terms.note,
        "updated_by": terms.updated_by,
        "updated_at": terms.updated_at,
    }


@router.get("/terms", response=TermsOut)
def terms_read(request: HttpRequest, of: Query[CoachingOf]) -> dict[str, Any]:
    """What the two agreed about paying for sessions (a record: Tribe charges nothing)."""
    return _terms(me(request), of.relationship)


@router.put("/terms", response=TermsOut)
def terms_change(request: HttpRequest, payload: TermsIn) -> dict[str, Any]:
    """Record the terms of sessions (either side): free, or an amount per session in an
    ISO 4217 currency and who pays (422 naming the field for a bad one)."""
    person = me(request)
    relationship = relationship_named(person, payload.relationship)
    services.terms_set(
        actor=person,
        relationship=relationship,
        paid=payload.paid,
        amount=payload.amount,
        currency=payload.currency,
        payer=payload.payer or "",
        note=payload.note,
    )
    return _terms(person, relationship.pk)
