"""Reads for coaching: the regimen with what is due, the practice log, the terms, and
the practice due for many people at once (for Today).

The regimen and the log are read by both sides of the relationship who said
yes to it, nobody else: an exercise of anyone else's relationship is "not
found". Each read runs a fixed number of queries, however many rows it finds.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce

from django.db.models import Count, Max, Q, QuerySet

from tribe.coaching.errors import CoachingCode
from tribe.coaching.models import RECENT_DAYS, Exercise, PracticeEntry, SessionTerms
from tribe.core.errors import NotFound
from tribe.core.kinds import RelationshipKind
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship

__all__ = [
    "DuePractice",
    "RegimenRow",
    "exercise_get_for",
    "exercises_for",
    "practice_due_for_many",
    "practice_get_for_logger",
    "practice_log_of",
    "regimen_of",
    "regimen_row_of",
    "schedule_of",
    "terms_of",
]

_SIDES = (
    "relationship__mentee",
    "relationship__mentor",
    "relationship__mentee_contact",
    "relationship__mentor_contact",
)
#: The relationship statuses in which practice is due (not before the intro, not paused or over).
DUE_STATUSES = (Relationship.Status.INTRO, Relationship.Status.ACTIVE)


@dataclass(frozen=True)
class Schedule:
    last_practised_on: dt.date | None
    #: The day the next practice is due; None once retired.
    next_due_on: dt.date | None
    #: Due today or before (and not retired).
    due: bool
    #: Due before today: a day or more late.
    overdue: bool


def schedule_of(exercise: Exercise, last: dt.date | None, today: dt.date) -> Schedule:
    """When ``exercise`` is next due, by its schedule, from its last practice (``last``).

    Every ``every_days`` days after the last practice; before any, on the day
    it starts. A retired exercise is due no more.
    """
    if exercise.retired_on is not None:
        return Schedule(last, None, False, False)
    next_due = last + dt.timedelta(days=exercise.every_days) if last else exercise.started_on
    return Schedule(last, next_due, next_due <= today, next_due < today)


@dataclass(frozen=True)
class RegimenRow:
    exercise: Exercise
    schedule: Schedule
    #: Practices on the 30 days ending today.
    recent: int

    @property
    def active(self) -> bool:
        return self.exercise.retired_on is None


def _annotated(rows: QuerySet[Exercise], today: dt.date) -> QuerySet[Exercise]:
    since = today - dt.timedelta(days=RECENT_DAYS - 1)
    return rows.annotate(
        last_practised_on=Max(
            "practice__practised_on", filter=Q(practice__practised_on__lte=today)
        ),
        recent_practice=Count("practice", filter=Q(practice__practised_on__range=(since, today))),
    )


def exercises_for(*, person: Person) -> QuerySet[Exercise]:
    """Every exercise of a relationship ``person`` said yes to, with its relationship."""
    return Exercise.objects.filter(consent.consented_q(person, "relationship__")).select_related(
        "relationship", "added_by", *_SIDES
    )


def exercise_get_for(*, person: Person, exercise_id: int | str) -> Exercise:
    """An exercise of one of ``person``'s relationships; NotFound otherwise (never "forbidden")."""
    try:
        return exercises_for(person=person).get(pk=int(exercise_id))
    except (Exercise.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(CoachingCode.NO_EXERCISE) from exc


def regimen_of(*, person: Person, relationship: Relationship, today: dt.date) -> list[RegimenRow]:
    """The relationship's exercises, the active ones first, each with when it is next due,
    whether it is overdue and how often it was practised in the last 30 days (one query)."""
    consent.require_consented(relationship, person)
    rows = _annotated(
        Exercise.objects.filter(relationship=relationship).select_related("added_by"), today
    ).order_by("started_on", "id")
    regimen = []
    for exercise in rows:
        exercise.relationship = relationship
        last = exercise.last_practised_on  # type: ignore[attr-defined]
        regimen.append(
            RegimenRow(exercise, schedule_of(exercise, last, today), exercise.recent_practice)  # type: ignore[attr-defined]
        )
    # Active first, then the retired by the day they were retired: sorted here, since
    # where nulls go in an ORDER BY differs between databases.
    return sorted(regimen, key=lambda r: (not r.active, r.exercise.retired_on or dt.date.min))


def practice_log_of(*, person: Person, relationship: Relationship) -> QuerySet[PracticeEntry]:
    """The relationship's practice log, newest first, with each exercise (both sides read it)."""
    consent.require_consented(relationship, person)
    return PracticeEntry.objects.filter(exercise__relationship=relationship).select_related(
        "exercise", "logged_by"
    )


def practice_get_for_logger(*, person: Person, practice_id: int | str) -> PracticeEntry:
    """A practice ``person`` logged, in a relationship they said yes to; NotFound otherwise.

    For deleting it: the other side reads the entry but did not write it, so
    for them it is not found, as the notes and the contact log do.
    """
    rows = PracticeEntry.objects.filter(
        consent.consented_q(person, "exercise__relationship__"), logged_by=person
    ).select_related("exercise", "exercise__relationship")
    try:
        return rows.get(pk=int(practice_id))
    except (PracticeEntry.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(CoachingCode.NO_PRACTICE) from exc


def terms_of(*, person: Person, relationship: Relationship) -> SessionTerms | None:
    """What the two agreed about paying for sessions, if anything is recorded yet."""
    consent.require_consented(relationship, person)
    return (
        SessionTerms.objects.filter(relationship=relationship).select_related("updated_by").first()
    )


@dataclass(frozen=True)
class DuePractice:
    """An exercise whose practice is due for its mentee (for Today)."""

    exercise: Exercise
    schedule: Schedule

    @property
    def relationship(self) -> Relationship:
        return self.exercise.relationship


def practice_due_for_many(
    *, people: Iterable[Person], today: dt.date | Mapping[int, dt.date]
) -> dict[int, list[DuePractice]]:
    """For each person (by id), the exercises they are due to practise today or overdue,
    the most overdue first: one query for any number of people.

    ``today`` is one day for everybody, or each person's own (by primary key:
    people in different zones are on different days, as on Today). Only as the
    mentee of an agreed coaching relationship that is under way (the intro
    meeting or active: not paused, not over), and only exercises that have
    started and are not retired. A practice logged on a day after the person's
    own today (written where it already was tomorrow) does not count yet.
    """
    days = {p.pk: today if isinstance(today, dt.date) else today[p.pk] for p in people}
    due: dict[int, list[DuePractice]] = {pk: [] for pk in days}
    if not days:
        return due
    by_day: dict[dt.date, list[int]] = {}
    for pk, day in days.items():
        by_day.setdefault(day, []).append(pk)
    # The last practice up to each mentee's own today, in the same query.
    up_to_today = reduce(
        operator.or_,
        (
            Q(relationship__mentee_id__in=pks, practice__practised_on__lte=day)
            for day, pks in by_day.items()
        ),
    )
    rows = (
        Exercise.objects.filter(
            consent.mutual_q("relationship__"),
            relationship__mentee_id__in=list(days),
            relationship__mentee_consented_at__isnull=False,
            relationship__kind=RelationshipKind.COACH,
            relationship__status__in=DUE_STATUSES,
            retired_on__isnull=True,
            started_on__lte=max(days.values()),
        )
        .select_related("relationship", "relationship__mentor", "relationship__mentor_contact")
        .annotate(last_practised_on=Max("practice__practised_on", filter=up_to_today))
    )
    for exercise in rows:
        mentee_id: int = exercise.relationship.mentee_id  # type: ignore[assignment]
        day = days[mentee_id]
        if exercise.started_on > day:
            continue  # starts on a day that is already here for someone else of the batch
        schedule = schedule_of(exercise, exercise.last_practised_on, day)
        if schedule.due:
            due[mentee_id].append(DuePractice(exercise, schedule))
    for rows_of_one in due.values():
        rows_of_one.sort(key=lambda d: (d.schedule.next_due_on or dt.date.max, d.exercise.pk))
    return due


def regimen_row_of(*, person: Person, exercise: Exercise, today: dt.date) -> RegimenRow:
    """One exercise as the regimen lists it (one query), for an answer about it alone."""
    consent.require_consented(exercise.relationship, person)
    found = _annotated(Exercise.objects.filter(pk=exercise.pk), today).get()
    last, recent = found.last_practised_on, found.recent_practice  # type: ignore[attr-defined]
    return RegimenRow(exercise, schedule_of(exercise, last, today), recent)
