"""Reads for programmes: who administers what, and the programmes a person is in.

Every read of a programme by an administrator goes through
:func:`programme_get_for_admin`, which answers :class:`NotFound` for a
programme the person does not administer, so a page never confirms that
another programme exists. Objects inside a programme are read through it
(``programme.cohorts``, ``programme.participants``…) and never by id alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tribe.core.errors import NotFound
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import Cohort, Participant, Programme, Role

__all__ = [
    "Overview",
    "cohort_get_for_admin",
    "is_admin",
    "participations_of",
    "programme_get_for_admin",
    "programme_get_for_participant",
    "programme_overview",
    "programmes_run_by",
]


def _key(programme_id: int | str, prefix: str = "") -> Q:
    """A programme by its id or its slug (an address carries either)."""
    if isinstance(programme_id, int) or programme_id.isdigit():
        return Q(**{f"{prefix}pk": int(programme_id)})
    return Q(**{f"{prefix}slug": programme_id})


def programmes_run_by(person: Person) -> QuerySet[Programme]:
    """The programmes ``person`` administers, with their counts. One query."""
    return (
        Programme.objects.filter(admins__person=person)
        .annotate(
            participant_count=Count(
                "participants",
                filter=Q(participants__status=Participant.Status.ENROLLED),
                distinct=True,
            ),
            cohort_count=Count("cohorts", distinct=True),
        )
        .order_by("archived_at", "name", "id")
    )


def is_admin(*, person: Person, programme: Programme) -> bool:
    return programme.admins.filter(person=person).exists()


def programme_get_for_admin(*, person: Person, programme_id: int | str) -> Programme:
    """The programme, by id or slug, if ``person`` administers it; else NotFound."""
    if not person.is_authenticated:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    programme = Programme.objects.filter(_key(programme_id), admins__person=person).first()
    if programme is None:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    return programme


def cohort_get_for_admin(*, person: Person, programme: Programme, cohort_id: int) -> Cohort:
    """A cohort of a programme the caller administers (checked again here)."""
    if not is_admin(person=person, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    cohort = programme.cohorts.filter(pk=cohort_id).first()
    if cohort is None:
        raise NotFound(ProgrammeCode.NO_COHORT)
    return cohort


def participations_of(person: Person) -> QuerySet[Participant]:
    """The programmes ``person`` is enrolled in (left ones too), with programme and cohort."""
    return (
        Participant.objects.filter(person=person)
        .select_related("programme", "cohort")
        .order_by("status", "programme__name", "id")
    )


def programme_get_for_participant(*, person: Person, programme_id: int | str) -> Participant:
    """``person``'s participation in the programme (by id or slug); else NotFound."""
    participant = participations_of(person).filter(_key(programme_id, "programme__")).first()
    if participant is None:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    return participant


@dataclass(frozen=True)
class Overview:
    """What a programme's home page shows: its parts, counted. Fixed queries."""

    mentees: int
    mentors: int
    left: int
    cohorts: Sequence[Cohort]
    admins: list[Person]


def programme_overview(*, programme: Programme) -> Overview:
    """Counts by role and status, the cohorts with their participant counts, the
    administrators. Three queries, whatever the size of the programme."""
    enrolled = Q(status=Participant.Status.ENROLLED)
    counts = programme.participants.aggregate(
        mentees=Count("id", filter=enrolled & Q(role__in=(Role.MENTEE, Role.BOTH))),
        mentors=Count("id", filter=enrolled & Q(role__in=(Role.MENTOR, Role.BOTH))),
        left=Count("id", filter=Q(status=Participant.Status.LEFT)),
    )
    cohorts = list(
        programme.cohorts.annotate(
            enrolled=Count(
                "participants", filter=Q(participants__status=Participant.Status.ENROLLED)
            )
        ).order_by("-starts_on", "name", "id")
    )
    admins = list(Person.objects.filter(programmes_run__programme=programme).order_by("name", "id"))
    return Overview(counts["mentees"], counts["mentors"], counts["left"], cohorts, admins)
