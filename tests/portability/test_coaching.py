"""A coaching relationship's regimen, log and terms in the export of both sides (and of
nobody else), and what erasing an account leaves of them to the other side."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import RelationshipFactory
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.coaching.services import exercise_add, practice_log, terms_set
from tribe.people.models import Person
from tribe.portability.erasure import account_erase
from tribe.portability.selectors import person_export
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
MARK = "ERASE-ME"


@pytest.fixture
def coaching(maya: Person, ravi: Person) -> Relationship:
    relationship = RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya, kind="coach")
    coachs = exercise_add(
        actor=ravi,
        relationship=relationship,
        title="Ravi's drill",
        every_days=2,
        started_on=DAY,
        today=DAY,
    )
    exercise_add(
        actor=maya,
        relationship=relationship,
        title=f"{MARK} drill",
        every_days=1,
        started_on=DAY,
        today=DAY,
    )
    practice_log(
        actor=maya, exercise=coachs, practised_on=DAY, minutes=12, note=f"{MARK} note", today=DAY
    )
    terms_set(
        actor=maya, relationship=relationship, paid=True, amount="80", currency="EUR",
        payer="mentee", note=f"{MARK} terms",
    )  # fmt: skip
    return relationship


def test_both_sides_export_the_regimen_the_log_and_the_terms(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    for person, mine in ((maya, True), (ravi, False)):
        export = person_export(person=person)["coaching"]
        assert sorted(e["title"] for e in export["exercises"]) == ["ERASE-ME drill", "Ravi's drill"]
        assert [(p["minutes"], p["note"], p["logged_by_me"]) for p in export["practice"]] == [
            (12, f"{MARK} note", mine)
        ]
        [terms] = export["session_terms"]
        assert (terms["amount"], terms["currency"], terms["recorded_by_me"]) == (
            "80.00",
            "EUR",
            mine,
        )


def test_a_stranger_exports_nothing_of_it(eve: Person, coaching: Relationship) -> None:
    assert person_export(person=eve)["coaching"] == {
        "exercises": [],
        "practice": [],
        "session_terms": [],
    }


def test_erasing_the_mentee_leaves_the_coach_his_own_exercise_and_no_word_of_hers(
    maya: Person, ravi: Person, coaching: Relationship
) -> None:
    account_erase(actor=maya, now=NOW)
    assert list(Exercise.objects.values_list("title", flat=True)) == ["Ravi's drill"]
    assert not PracticeEntry.objects.exists()
    terms = SessionTerms.objects.get()
    assert (terms.note, terms.updated_by, terms.paid) == ("", None, True)
    assert MARK not in str(person_export(person=ravi)["coaching"])
