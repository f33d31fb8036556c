"""Who may do what in a coaching relationship, as a table: every act by every role."""

from __future__ import annotations

import pytest

from tribe.coaching.rules import MAY, Act, logs_for_client, may
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def test_the_table_says_the_mentee_practises_and_both_design_and_record() -> None:
    assert {
        Act.DESIGN: {"mentee", "mentor"},
        Act.PRACTISE: {"mentee"},
        Act.TERMS: {"mentee", "mentor"},
    } == MAY


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("maya", {Act.DESIGN, Act.PRACTISE, Act.TERMS}),
        ("ravi", {Act.DESIGN, Act.TERMS}),
        ("eve", set()),
    ],
)
def test_in_an_agreed_coaching_relationship(
    who: str, allowed: set[Act], request: pytest.FixtureRequest, coaching: Relationship
) -> None:
    person = request.getfixturevalue(who)
    assert {act for act in Act if may(coaching, person, act)} == allowed


def test_nobody_acts_in_another_kind_or_before_the_yes(
    maya: Person, ravi: Person, sam: Person, maya_ravi: Relationship, asked: Relationship
) -> None:
    for relationship, people in ((maya_ravi, (maya, ravi)), (asked, (maya, sam))):
        for person in people:
            assert not any(may(relationship, person, act) for act in Act)


def test_the_coach_of_a_client_without_an_account_does_it_all(
    ravi: Person, client_contact: Relationship
) -> None:
    assert all(may(client_contact, ravi, act) for act in Act)


def test_only_the_coach_of_a_client_without_an_account_logs_for_the_client(
    maya: Person, ravi: Person, coaching: Relationship, client_contact: Relationship
) -> None:
    assert logs_for_client(client_contact, ravi)
    # Maya has an account: she logs her own practice, and her coach logs none.
    assert not logs_for_client(coaching, ravi) and not logs_for_client(coaching, maya)
