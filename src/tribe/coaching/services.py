"""Writes for coaching: the regimen's exercises, the practice log, and the terms of sessions.

Every write is made by a side of an agreed coaching relationship, as the
table of :mod:`tribe.coaching.rules` allows (the mentee logs practice; either
side designs exercises and records the terms). Each refusal names its field,
and nothing is written unless everything is right.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from tribe.coaching.currencies import is_currency
from tribe.coaching.errors import CoachingCode
from tribe.coaching.models import (
    AMOUNT_DIGITS,
    AMOUNT_PLACES,
    EVERY_DAYS,
    INSTRUCTIONS_MAX,
    MINUTES,
    NOTE_MAX,
    TITLE_MAX,
    Exercise,
    Payer,
    PracticeEntry,
    SessionTerms,
)
from tribe.coaching.rules import Act, check
from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, ValidationError
from tribe.people.models import Person
from tribe.relationships.models import Relationship

__all__ = [
    "exercise_add",
    "exercise_retire",
    "exercise_update",
    "practice_log",
    "terms_set",
]


def _exercise_fields(
    title: str, instructions: str, every_days: int | None, started_on: dt.date
) -> dict[str, object]:
    return {
        "title": v.line(title, field="title", max_length=TITLE_MAX, required=True),
        "instructions": v.text(instructions, field="instructions", max_length=INSTRUCTIONS_MAX),
        "every_days": v.integer(
            every_days, field="every_days", low=EVERY_DAYS[0], high=EVERY_DAYS[1]
        ),
        "started_on": v.date(started_on, field="started_on"),
    }


@transaction.atomic
def exercise_add(
    *,
    actor: Person,
    relationship: Relationship,
    title: str,
    every_days: int | None,
    started_on: dt.date,
    instructions: str = "",
) -> Exercise:
    """Add an exercise to the regimen, practised every ``every_days`` days from ``started_on``
    (which may be ahead: it is not due before)."""
    check(relationship, actor, Act.DESIGN)
    fields = _exercise_fields(title, instructions, every_days, started_on)
    return Exercise.objects.create(relationship=relationship, added_by=actor, **fields)


@transaction.atomic
def exercise_update(
    *,
    actor: Person,
    exercise: Exercise,
    title: str,
    every_days: int | None,
    started_on: dt.date,
    instructions: str = "",
) -> Exercise:
    """Rewrite an exercise (its log stays): title, instructions, schedule, first day."""
    check(exercise.relationship, actor, Act.DESIGN)
    for name, value in _exercise_fields(title, instructions, every_days, started_on).items():
        setattr(exercise, name, value)
    exercise.save()
    return exercise


@transaction.atomic
def exercise_retire(*, actor: Person, exercise: Exercise, today: dt.date) -> Exercise:
    """Take an exercise out of the regimen from ``today``: it keeps its log, no longer due."""
    check(exercise.relationship, actor, Act.DESIGN)
    if exercise.retired_on is not None:
        raise Conflict(CoachingCode.ALREADY_RETIRED, date=exercise.retired_on.isoformat())
    exercise.retired_on = v.date(today, field="retired_on")
    exercise.save(update_fields=["retired_on", "updated_at"])
    return exercise


@transaction.atomic
def practice_log(
    *,
    actor: Person,
    exercise: Exercise,
    practised_on: dt.date,
    minutes: int | None,
    today: dt.date,
    note: str = "",
) -> PracticeEntry:
    """Log one practice of ``exercise`` (the mentee's to log; the coach reads it).

    Back-dating is fine, the future is not, nor a day after the exercise was retired.
    """
    check(exercise.relationship, actor, Act.PRACTISE)
    day = v.date(practised_on, field="practised_on")
    if day > today:
        raise ValidationError(CoachingCode.FUTURE_DATE, field="practised_on")
    if exercise.retired_on is not None and day > exercise.retired_on:
        raise Conflict(
            CoachingCode.RETIRED, field="practised_on", date=exercise.retired_on.isoformat()
        )
    return PracticeEntry.objects.create(
        exercise=exercise,
        practised_on=day,
        minutes=v.integer(minutes, field="minutes", low=MINUTES[0], high=MINUTES[1]),
        note=v.text(note, field="note", max_length=NOTE_MAX),
        logged_by=actor,
    )


#: The largest amount the column holds: below 10 ** (digits - places).
_AMOUNT_LIMIT = Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_PLACES)


def _amount(value: Decimal | str | int | None) -> Decimal:
    if value is None or value == "":
        raise ValidationError(CoreCode.REQUIRED, field="amount")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValidationError(CoachingCode.BAD_AMOUNT, field="amount") from exc
    exponent = amount.as_tuple().exponent
    if (
        not amount.is_finite()
        or amount <= 0
        or amount >= _AMOUNT_LIMIT
        or not isinstance(exponent, int)
        or exponent < -AMOUNT_PLACES
    ):
        raise ValidationError(CoachingCode.BAD_AMOUNT, field="amount")
    return amount.quantize(Decimal(1).scaleb(-AMOUNT_PLACES))


def _currency(value: str | None) -> str:
    code = v.line(value, field="currency", max_length=10, required=True).upper()
    if not is_currency(code):
        raise ValidationError(CoachingCode.BAD_CURRENCY, field="currency", value=value)
    return code


def _payer(value: str | None) -> str:
    if not value:
        raise ValidationError(CoreCode.REQUIRED, field="payer")
    if value not in Payer.values:
        raise ValidationError(
            CoachingCode.BAD_PAYER, field="payer", value=value, allowed=", ".join(Payer.values)
        )
    return value


@transaction.atomic
def terms_set(
    *,
    actor: Person,
    relationship: Relationship,
    paid: bool,
    amount: Decimal | str | int | None = None,
    currency: str = "",
    payer: str = "",
    note: str = "",
) -> SessionTerms:
    """Record what the two agreed about sessions: free, or an amount per session in a
    currency, and who pays. Tribe records it and charges nothing."""
    check(relationship, actor, Act.TERMS)
    clean_note = v.text(note, field="note", max_length=NOTE_MAX)
    if paid:
        price = {"amount": _amount(amount), "currency": _currency(currency), "payer": _payer(payer)}
    else:
        for field, value in (("amount", amount), ("currency", currency), ("payer", payer)):
            if value not in (None, ""):
                raise ValidationError(CoachingCode.FREE_HAS_NO_PRICE, field=field)
        price = {"amount": None, "currency": "", "payer": ""}
    terms, _ = SessionTerms.objects.update_or_create(
        relationship=relationship,
        defaults={"paid": paid, "note": clean_note, "updated_by": actor, **price},
    )
    return terms
