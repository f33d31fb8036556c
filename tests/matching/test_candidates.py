"""Who may be offered as a candidate mentor: never someone who blocked me or said no."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory, RelationshipFactory
from tribe.core.errors import NotFound
from tribe.matching.selectors import candidate_mentors, fit_candidate_get
from tribe.people.models import Block, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def open_mentor(name: str) -> Person:
    return PersonFactory(name=name, open_to_mentoring=True, mentee_capacity=2)  # type: ignore[no-any-return]


def names(person: Person) -> set[str]:
    return set(candidate_mentors(person=person, now=NOW).values_list("name", flat=True))


def declined(mentee: Person, mentor: Person, *, ago_days: int, again: int | None) -> None:
    RelationshipFactory(
        mentee=mentee,
        mentor=mentor,
        status=Relationship.Status.DECLINED,
        status_changed_at=NOW - dt.timedelta(days=ago_days),
        ask_again_months=again,
    )


def test_a_mentor_who_blocked_me_is_no_candidate_for_me_only() -> None:
    me, other, lina = PersonFactory(), PersonFactory(), open_mentor("Lina")
    Block.objects.create(blocker=lina, blocked=me)
    assert "Lina" not in names(me) and "Lina" in names(other)
    with pytest.raises(NotFound):
        fit_candidate_get(person=me, kind="person", candidate_id=lina.pk)


def test_a_no_without_ask_again_stays_a_no() -> None:
    me = PersonFactory()
    declined(me, open_mentor("Lina"), ago_days=900, again=None)
    assert "Lina" not in names(me)


def test_ask_again_in_three_months_means_after_three_months() -> None:
    me = PersonFactory()
    declined(me, open_mentor("Soon"), ago_days=60, again=3)
    declined(me, open_mentor("Passed"), ago_days=95, again=3)
    assert {"Soon", "Passed"} & names(me) == {"Passed"}
