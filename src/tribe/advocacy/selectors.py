"""Reads for advocacy asks: a relationship's asks, one ask, and what is due.

Both sides of a sponsor relationship read its asks, once they said yes to it
(``consent.consented_q``); nobody else does, administrators included. An ask
someone may not read is "not found", the same as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet

from tribe.advocacy.errors import AdvocacyCode
from tribe.advocacy.models import OPEN, AdvocacyAsk, AskStatus
from tribe.advocacy.pipeline import STEPS, Step, may
from tribe.core.errors import NotFound
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.models import CLOSED_STATUSES, Relationship

__all__ = [
    "AdvocacyDue",
    "advocacy_due_for_many",
    "ask_get_for",
    "asks_for",
    "asks_of",
    "readable_asks_q",
]

#: Everything an ask's page, row or answer shows, in the one query that reads it.
_RELATED = (
    "relationship__mentee",
    "relationship__mentor",
    "relationship__mentee_contact",
    "relationship__mentor_contact",
    "asked_by",
    "answered_by",
    "done_by",
    "outcome_by",
    "withdrawn_by",
)


def readable_asks_q(person: Person) -> Q:
    """The asks ``person`` may read: those of relationships they are a side of and said yes to."""
    return consent.consented_q(person, "relationship__")


def asks_for(*, person: Person) -> QuerySet[AdvocacyAsk]:
    """Every ask ``person`` may read, newest first, with who recorded each step."""
    return AdvocacyAsk.objects.filter(readable_asks_q(person)).select_related(*_RELATED)


def asks_of(*, person: Person, relationship: Relationship) -> QuerySet[AdvocacyAsk]:
    """The asks of ``relationship``, newest first (none if ``person`` may not read them)."""
    return asks_for(person=person).filter(relationship=relationship)


def ask_get_for(*, person: Person, ask_id: int | str) -> AdvocacyAsk:
    """An ask ``person`` may read (either side of its relationship); NotFound otherwise."""
    try:
        return asks_for(person=person).get(pk=int(ask_id))
    except (AdvocacyAsk.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotFound(AdvocacyCode.NO_ASK) from exc


@dataclass(frozen=True)
class AdvocacyDue:
    """What one person has to do about advocacy asks today."""

    #: Asks waiting for this person's answer: they are the sponsor (or keep the
    #: record of a sponsor who is a contact).
    to_answer: list[AdvocacyAsk] = field(default_factory=list)
    #: Asks of theirs past their date ("by when") and still without an outcome.
    past_date: list[AdvocacyAsk] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.to_answer or self.past_date)


def advocacy_due_for_many(
    *, people: Iterable[Person], today: dt.date | Mapping[int, dt.date]
) -> dict[int, AdvocacyDue]:
    """For each of ``people`` (by id), the asks waiting for their answer and those past
    their date with no outcome, in open relationships they said yes to: one query,
    however many people and asks.

    ``today`` is one day for everybody, or each person's own (by primary key:
    people in different zones are on different days, as on Today). Everyone
    asked about has an entry, empty when nothing is due. Soonest date first
    (asks without one last), then oldest.
    """
    persons = {p.pk: p for p in people}
    if not persons:
        return {}
    days = {pk: today if isinstance(today, dt.date) else today[pk] for pk in persons}
    ids = list(persons)
    sides = Q(relationship__mentee_id__in=ids, relationship__mentee_consented_at__isnull=False) | Q(
        relationship__mentor_id__in=ids, relationship__mentor_consented_at__isnull=False
    )
    waiting = Q(status=AskStatus.ASKED)
    # Past the latest of the days: whose date it is past is read per person below.
    late = Q(status__in=list(OPEN), by_when__lt=max(days.values()))
    rows = (
        AdvocacyAsk.objects.filter(sides, waiting | late)
        .exclude(relationship__status__in=list(CLOSED_STATUSES))
        .select_related(*_RELATED)
        .order_by(F("by_when").asc(nulls_last=True), "asked_on", "id")
    )
    due: dict[int, AdvocacyDue] = {pk: AdvocacyDue() for pk in ids}
    answer = STEPS[Step.AGREE]
    for ask in rows:
        relationship = ask.relationship
        for pk in (relationship.mentee_id, relationship.mentor_id):
            person = persons.get(pk) if pk is not None else None
            if person is None or not consent.has_consented(relationship, person):
                continue
            if ask.status in answer.after and may(relationship, person, answer.who):
                due[person.pk].to_answer.append(ask)
            if ask.status in OPEN and ask.by_when is not None and ask.by_when < days[person.pk]:
                due[person.pk].past_date.append(ask)
    return due
