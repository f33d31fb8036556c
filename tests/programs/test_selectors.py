"""Reading programmes: an administrator reaches only their own, by id or slug."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.programs.conftest import enrol
from tribe.core.errors import NotFound
from tribe.people.models import Person
from tribe.programs.models import Programme, Role
from tribe.programs.selectors import (
    cohort_get_for_admin,
    participations_of,
    programme_get_for_admin,
    programme_get_for_participant,
    programmes_run_by,
)
from tribe.programs.services import CohortFields, cohort_create


def test_an_admin_reaches_their_programme_by_id_or_slug(ada: Person, programme: Programme) -> None:
    assert programme_get_for_admin(person=ada, programme_id=programme.pk) == programme
    assert programme_get_for_admin(person=ada, programme_id=str(programme.pk)) == programme
    assert programme_get_for_admin(person=ada, programme_id="engineering") == programme


def test_another_programme_is_not_found(
    ada: Person, programme: Programme, other_programme: Programme
) -> None:
    for key in (other_programme.pk, other_programme.slug, 10**9, "nope"):
        with pytest.raises(NotFound):
            programme_get_for_admin(person=ada, programme_id=key)
    with pytest.raises(NotFound):
        programme_get_for_admin(person=AnonymousUser(), programme_id=programme.pk)  # type: ignore[arg-type]


def test_a_cohort_is_read_through_its_programme(
    ada: Person, otto: Person, programme: Programme, other_programme: Programme
) -> None:
    theirs = cohort_create(actor=otto, programme=other_programme, fields=CohortFields(name="Q1"))
    with pytest.raises(NotFound):
        cohort_get_for_admin(person=ada, programme=programme, cohort_id=theirs.pk)
    with pytest.raises(NotFound):
        cohort_get_for_admin(person=ada, programme=other_programme, cohort_id=theirs.pk)


def test_the_list_counts_enrolled_people(
    ada: Person, programme: Programme, other_programme: Programme
) -> None:
    enrol(programme)
    enrol(programme, Role.MENTOR)
    enrol(other_programme)
    (listed,) = programmes_run_by(ada)
    assert listed == programme
    assert listed.participant_count == 2  # type: ignore[attr-defined]


def test_a_participant_sees_only_their_programmes(
    programme: Programme, other_programme: Programme
) -> None:
    mine = enrol(programme)
    assert list(participations_of(mine.person)) == [mine]
    assert programme_get_for_participant(person=mine.person, programme_id="engineering") == mine
    with pytest.raises(NotFound):
        programme_get_for_participant(person=mine.person, programme_id="sales")
