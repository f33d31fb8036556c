"""Undoing a practice: who logged it deletes it, nobody else (not found for the other
side, as for a stranger); what is deleted leaves the rest of the log alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.coaching.conftest import TODAY
from tribe.coaching.errors import CoachingCode
from tribe.coaching.models import Exercise, PracticeEntry
from tribe.coaching.selectors import practice_get_for_logger
from tribe.coaching.services import exercise_add, practice_delete, practice_log
from tribe.core.errors import Conflict, NotFound
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _log(actor: Person, exercise: Exercise, minutes: int = 10) -> PracticeEntry:
    return practice_log(
        actor=actor, exercise=exercise, practised_on=TODAY, minutes=minutes, today=TODAY
    )


def test_the_mentee_deletes_a_practice_logged_twice(maya: Person, scales: Exercise) -> None:
    kept, twice = _log(maya, scales), _log(maya, scales)
    entry = practice_get_for_logger(person=maya, practice_id=twice.pk)
    practice_delete(actor=maya, entry=entry)
    assert list(PracticeEntry.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_coach_reads_the_entry_but_does_not_delete_it(
    maya: Person, ravi: Person, scales: Exercise
) -> None:
    entry = _log(maya, scales)
    with pytest.raises(NotFound) as caught:
        practice_get_for_logger(person=ravi, practice_id=entry.pk)
    assert caught.value.code == CoachingCode.NO_PRACTICE
    with pytest.raises(NotFound):  # the service holds the rule too, whatever the caller
        practice_delete(actor=ravi, entry=entry)
    assert PracticeEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("practice_id", ["999999", "abc", "", None, "1.5"])
def test_a_missing_or_malformed_id_is_not_found(
    maya: Person, scales: Exercise, practice_id: object
) -> None:
    _log(maya, scales)
    with pytest.raises(NotFound):
        practice_get_for_logger(person=maya, practice_id=practice_id)  # type: ignore[arg-type]


def test_a_stranger_finds_and_deletes_nothing(maya: Person, eve: Person, scales: Exercise) -> None:
    entry = _log(maya, scales)
    with pytest.raises(NotFound):
        practice_get_for_logger(person=eve, practice_id=entry.pk)
    with pytest.raises(NotFound):
        practice_delete(actor=eve, entry=entry)
    assert PracticeEntry.objects.count() == 1


def test_a_mentee_who_withdrew_is_no_longer_a_side_who_deletes(
    maya: Person, scales: Exercise, coaching: Relationship
) -> None:
    entry = _log(maya, scales)
    Relationship.objects.filter(pk=coaching.pk).update(mentee_consented_at=None)
    with pytest.raises(NotFound):
        practice_get_for_logger(person=maya, practice_id=entry.pk)
    assert PracticeEntry.objects.count() == 1


def test_the_coach_of_a_client_without_an_account_deletes_what_he_logged(
    ravi: Person, client_contact: Relationship
) -> None:
    exercise = exercise_add(
        actor=ravi, relationship=client_contact, title="Scales", every_days=1,
        started_on=TODAY - dt.timedelta(days=2), today=TODAY,
    )  # fmt: skip
    entry = _log(ravi, exercise)
    practice_delete(actor=ravi, entry=practice_get_for_logger(person=ravi, practice_id=entry.pk))
    assert not PracticeEntry.objects.exists()


def test_an_entry_whose_logger_was_erased_is_nobody_s_to_delete(
    maya: Person, scales: Exercise
) -> None:
    entry = _log(maya, scales)
    PracticeEntry.objects.filter(pk=entry.pk).update(logged_by=None)
    entry.refresh_from_db()
    with pytest.raises(NotFound):
        practice_delete(actor=maya, entry=entry)
    assert PracticeEntry.objects.count() == 1


def test_after_the_kind_changed_the_log_is_kept_as_it_is(
    maya: Person, scales: Exercise, coaching: Relationship
) -> None:
    entry = _log(maya, scales)
    Relationship.objects.filter(pk=coaching.pk).update(kind="mentor")
    found = practice_get_for_logger(person=maya, practice_id=entry.pk)
    with pytest.raises(Conflict) as caught:
        practice_delete(actor=maya, entry=found)
    assert caught.value.code == CoachingCode.NOT_COACHING
    assert PracticeEntry.objects.count() == 1
