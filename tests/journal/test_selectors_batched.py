"""The journal's batched reads (Today, the digest): one query for any number of people,
and the same answers as the one-person reads on fixed days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories import MeetingFactory, PersonFactory, RelationshipFactory
from tribe.journal.models import JournalEntry
from tribe.journal.selectors import (
    REFLECT_WITHIN,
    journal_due,
    journal_due_for_many,
    meetings_awaiting_reflection,
    meetings_awaiting_reflection_for_many,
)
from tribe.journal.services import cadence_set, entry_create
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)


def write(author: Person, on: dt.date, **fields: Any) -> JournalEntry:
    return entry_create(author=author, written_on=on, today=on, learned="Something", **fields)


def held_at(relationship: Relationship, starts: dt.datetime) -> Meeting:
    return MeetingFactory(
        relationship=relationship,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        status="held",
    )


# -- a reflection due by the cadence ----------------------------------------------------


def test_due_by_cadence_agrees_with_the_one_person_read(
    maya: Person, ravi: Person, sam: Person, eve: Person
) -> None:
    cadence_set(person=maya, cadence="weekly")
    write(maya, DAY - dt.timedelta(days=6))  # within the week: not due
    cadence_set(person=ravi, cadence="fortnightly")
    write(ravi, DAY - dt.timedelta(days=20))  # a fortnight and more ago: due
    cadence_set(person=sam, cadence="monthly")  # nothing written yet: due at once
    cadence_set(person=eve, cadence="off")  # off: never
    write(eve, DAY - dt.timedelta(days=300))
    people = [maya, ravi, sam, eve]
    for day in (DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=40)):
        batch = journal_due_for_many(people=people, today=day)
        assert batch == {p.pk: journal_due(person=p, today=day) for p in people}
    assert journal_due_for_many(people=people, today=DAY) == {
        maya.pk: False,
        ravi.pk: True,
        sam.pk: True,
        eve.pk: False,
    }


def test_each_person_is_read_on_their_own_day(maya: Person, ravi: Person) -> None:
    """In two zones, two days: an entry written "tomorrow" by one does not count for them today."""
    cadence_set(person=maya, cadence="weekly")
    cadence_set(person=ravi, cadence="weekly")
    write(maya, DAY - dt.timedelta(days=8))
    write(maya, DAY + dt.timedelta(days=1))  # after her today: not yet written, for today
    write(ravi, DAY)
    days = {maya.pk: DAY, ravi.pk: DAY + dt.timedelta(days=1)}
    assert journal_due_for_many(people=[maya, ravi], today=days) == {
        maya.pk: journal_due(person=maya, today=DAY),
        ravi.pk: journal_due(person=ravi, today=DAY + dt.timedelta(days=1)),
    }
    assert journal_due(person=maya, today=DAY) is True
    assert journal_due(person=ravi, today=DAY + dt.timedelta(days=1)) is False


def test_due_by_cadence_is_one_query_for_any_number_of_people(
    maya: Person, django_assert_num_queries: Any
) -> None:
    def people(n: int) -> list[Person]:
        out = [PersonFactory() for _ in range(n)]
        for k, person in enumerate(out):
            cadence_set(person=person, cadence=["weekly", "monthly", "off"][k % 3])
            for back in range(k % 4):
                write(person, DAY - dt.timedelta(days=3 * back))
        return out

    few, many = people(2), people(12)
    with django_assert_num_queries(1):
        journal_due_for_many(people=few, today=DAY)
    with django_assert_num_queries(1):
        due = journal_due_for_many(people=many, today=DAY)
    assert due == {p.pk: journal_due(person=p, today=DAY) for p in many}
    with django_assert_num_queries(0):
        assert journal_due_for_many(people=[], today=DAY) == {}


# -- meetings to reflect on -------------------------------------------------------------


def test_meetings_awaiting_reflection_agree_with_the_one_person_read(
    maya: Person,
    ravi: Person,
    sam: Person,
    eve: Person,
    maya_ravi: Relationship,
    sam_maya: Relationship,
    now: dt.datetime,
) -> None:
    recent = held_at(maya_ravi, now - dt.timedelta(days=2))
    earlier = held_at(maya_ravi, now - dt.timedelta(days=9))
    held_at(maya_ravi, now - REFLECT_WITHIN - dt.timedelta(minutes=1))  # too long ago
    MeetingFactory(relationship=maya_ravi, starts_at=now - dt.timedelta(days=1))  # not marked held
    with_sam = held_at(sam_maya, now - dt.timedelta(days=5))
    write(maya, DAY, meeting=earlier)  # Maya wrote about it; Ravi did not
    write(sam, DAY, meeting=with_sam)
    # Ravi shares his reflection on the recent meeting: his, not Maya's.
    entry_create(
        author=ravi,
        written_on=DAY,
        today=DAY,
        learned="Listen",
        meeting=recent,
        relationship=maya_ravi,
        shared=True,
    )
    people = [maya, ravi, sam, eve]
    batch = meetings_awaiting_reflection_for_many(people=people, now=now)
    assert batch == {p.pk: list(meetings_awaiting_reflection(person=p, now=now)) for p in people}
    assert batch == {
        maya.pk: [recent, with_sam],
        ravi.pk: [earlier],
        sam.pk: [],
        eve.pk: [],
    }


def test_only_a_side_who_said_yes_is_asked_to_reflect(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    """A relationship Ravi has not said yes to (any more) asks nothing of him."""
    relationship = RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya)
    meeting = held_at(relationship, now - dt.timedelta(days=1))
    Relationship.objects.filter(pk=relationship.pk).update(mentor_consented_at=None)
    batch = meetings_awaiting_reflection_for_many(people=[maya, ravi], now=now)
    assert batch == {maya.pk: [meeting], ravi.pk: []}
    assert list(meetings_awaiting_reflection(person=ravi, now=now)) == []


def test_meetings_awaiting_reflection_are_one_query_for_any_number(
    now: dt.datetime, django_assert_num_queries: Any
) -> None:
    def people(n: int) -> list[Person]:
        out = []
        for k in range(n):
            relationship = RelationshipFactory()
            for days in range(1 + k % 3):
                meeting = held_at(relationship, now - dt.timedelta(days=1 + days))
                if days == 1:
                    write(relationship.mentee, DAY, meeting=meeting)
            out += [relationship.mentee, relationship.mentor]
        return out

    few, many = people(2), people(10)
    with django_assert_num_queries(1):
        meetings_awaiting_reflection_for_many(people=few, now=now)
    with django_assert_num_queries(1):
        batch = meetings_awaiting_reflection_for_many(people=many, now=now)
        names = [m.relationship.other_name(p) for p in many for m in batch[p.pk]]
    assert all(names) and len(names) == sum(2 * (1 + k % 3) - (k % 3 > 0) for k in range(10))
    assert batch == {p.pk: list(meetings_awaiting_reflection(person=p, now=now)) for p in many}
    with django_assert_num_queries(0):
        assert meetings_awaiting_reflection_for_many(people=[], now=now) == {}
