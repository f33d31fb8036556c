"""Writes for coaching: the regimen's exercises, the practice log, and the terms of sessions.

Every write is made by a side of an agreed coaching relationship, as the
table of :mod:`tribe.coaching.rules` allows (the mentee logs practice; either
side designs exercises and records the terms). Each refusal names its field,
and nothing is written unless everything is right.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Min
from django.utils.formats import date_format, number_format

from tribe.coaching.currencies import decimals_of, is_currency
from tribe.coaching.errors import CoachingCode
from tribe.coaching.models import (
    AMOUNT_MAX,
    AMOUNT_PLACES,
    EVERY_DAYS,
    INSTRUCTIONS_MAX,
    MINUTES,
    NOTE_MAX,
    START_WINDOW_YEARS,
    TITLE_MAX,
    Exercise,
    Payer,
    PracticeEntry,
    SessionTerms,
)
from tribe.coaching.rules import Act, check
from tribe.core import clock
from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.zones import local
from tribe.people.models import Person
from tribe.relationships.models import Relationship

__all__ = [
    "exercise_add",
    "exercise_retire",
    "exercise_update",
    "practice_delete",
    "practice_log",
    "terms_set",
]


def _day(value: dt.date) -> str:
    return date_format(value, "DATE_FORMAT")


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=day.year + years, day=28)


def _start(started_on: dt.date, today: dt.date) -> dt.date:
    """The first day of an exercise, if it lies within a year of ``today`` either way."""
    day = v.date(started_on, field="started_on")
    earliest, latest = (
        _years_from(today, -START_WINDOW_YEARS),
        _years_from(today, START_WINDOW_YEARS),
    )
    if day < earliest:
        raise ValidationError(CoachingCode.START_TOO_EARLY, field="started_on", date=_day(earliest))
    if day > latest:
        raise ValidationError(CoachingCode.START_TOO_LATE, field="started_on", date=_day(latest))
    return day


def _exercise_fields(title: str, instructions: str, every_days: int | None) -> dict[str, object]:
    return {
        "title": v.line(title, field="title", max_length=TITLE_MAX, required=True),
        "instructions": v.text(instructions, field="instructions", max_length=INSTRUCTIONS_MAX),
        "every_days": v.integer(
            every_days, field="every_days", low=EVERY_DAYS[0], high=EVERY_DAYS[1]
        ),
    }


def _today_of(person: Person, today: dt.date | None) -> dt.date:
    return today if today is not None else local(clock.now(), person.timezone).date()


@transaction.atomic
def exercise_add(
    *,
    actor: Person,
    relationship: Relationship,
    title: str,
    every_days: int | None,
    started_on: dt.date,
    instructions: str = "",
    today: dt.date | None = None,
) -> Exercise:
    """Add an exercise to the regimen, practised every ``every_days`` days from ``started_on``
    (which may be ahead: it is not due before).

    The first day lies within a year of ``today`` (the actor's, by the clock when
    left out), either way.
    """
    check(relationship, actor, Act.DESIGN)
    fields = _exercise_fields(title, instructions, every_days)
    start = _start(started_on, _today_of(actor, today))
    return Exercise.objects.create(
        relationship=relationship, added_by=actor, started_on=start, **fields
    )


@transaction.atomic
def exercise_update(
    *,
    actor: Person,
    exercise: Exercise,
    title: str,
    every_days: int | None,
    started_on: dt.date,
    instructions: str = "",
    today: dt.date | None = None,
) -> Exercise:
    """Rewrite an exercise (its log stays): title, instructions, schedule, first day.

    A first day that moves lies within a year of ``today`` (as for a new one), and
    not after the first practice logged, nor after the day it was retired; one
    that stays is kept as it is, however long ago that was.
    """
    check(exercise.relationship, actor, Act.DESIGN)
    fields = _exercise_fields(title, instructions, every_days)
    start = v.date(started_on, field="started_on")
    if start != exercise.started_on:
        start = _start(start, _today_of(actor, today))
        first = exercise.practice.aggregate(first=Min("practised_on"))["first"]
        if first is not None and start > first:
            raise Conflict(CoachingCode.START_AFTER_PRACTICE, field="started_on", date=_day(first))
        if exercise.retired_on is not None and start > exercise.retired_on:
            raise Conflict(
                CoachingCode.START_AFTER_RETIRED, field="started_on", date=_day(exercise.retired_on)
            )
    for name, value in fields.items():
        setattr(exercise, name, value)
    exercise.started_on = start
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

    Back-dating is fine down to the day the exercise starts; the future is not,
    nor a day after the exercise was retired.
    """
    check(exercise.relationship, actor, Act.PRACTISE)
    day = v.date(practised_on, field="practised_on")
    if day > today:
        raise ValidationError(CoachingCode.FUTURE_DATE, field="practised_on")
    if day < exercise.started_on:
        raise Conflict(
            CoachingCode.BEFORE_START, field="practised_on", date=_day(exercise.started_on)
        )
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


@transaction.atomic
def practice_delete(*, actor: Person, entry: PracticeEntry) -> None:
    """Delete a practice from the log (one logged twice, or by mistake): only who logged it.

    The other side reads the entry but did not write it: for them, as for
    anyone else, it is "not found" (callers fetch through
    ``practice_get_for_logger``; this is defence in depth).
    """
    if entry.logged_by_id is None or entry.logged_by_id != actor.pk:
        raise NotFound(CoachingCode.NO_PRACTICE)
    check(entry.exercise.relationship, actor, Act.PRACTISE)
    entry.delete()


#: An amount as a person writes it: ASCII digits, then at most a point and two
#: decimals (".5" reads as 0.50). No sign, exponent, grouping or other digits:
#: Python's Decimal would read "1e9", "+5" and "１０" too.
_AMOUNT_TEXT = re.compile(rf"[0-9]+(?:\.[0-9]{{1,{AMOUNT_PLACES}}})?|\.[0-9]{{1,{AMOUNT_PLACES}}}")


def _bad_amount() -> ValidationError:
    limit = number_format(AMOUNT_MAX, force_grouping=True)
    return ValidationError(CoachingCode.BAD_AMOUNT, field="amount", max=limit)


def _amount_text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(value)  # "79.5"; "1e+16" is refused as text is
    raise _bad_amount()


def _amount(value: Decimal | str | int | float | None) -> Decimal:
    if value is None or value == "":
        raise ValidationError(CoreCode.REQUIRED, field="amount")
    text = _amount_text(value)
    if not _AMOUNT_TEXT.fullmatch(text):
        raise _bad_amount()
    amount = Decimal(text)
    if amount <= 0 or amount > AMOUNT_MAX:
        raise _bad_amount()
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
    amount: Decimal | str | int | float | None = None,
    currency: str = "",
    payer: str = "",
    note: str = "",
) -> SessionTerms:
    """Record what the two agreed about sessions: free, or an amount per session in a
    currency, and who pays. Tribe records it and charges nothing.

    An amount is written in ASCII digits with at most two decimals (none in a
    currency without cents, such as JPY), above zero and at most ``AMOUNT_MAX``.
    """
    check(relationship, actor, Act.TERMS)
    clean_note = v.text(note, field="note", max_length=NOTE_MAX)
    if paid:
        price_amount, code = _amount(amount), _currency(currency)
        if decimals_of(code) == 0 and price_amount != price_amount.to_integral_value():
            raise ValidationError(CoachingCode.NO_MINOR_UNIT, field="amount", currency=code)
        price = {"amount": price_amount, "currency": code, "payer": _payer(payer)}
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
