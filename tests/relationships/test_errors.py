"""Relationships' error codes: one value each across the three tables; counted messages."""

from __future__ import annotations

import pytest

from tribe.core.errors import ValidationError
from tribe.people.models import Person
from tribe.relationships import errors, services
from tribe.relationships.errors import ConsentCode, CounterpartCode, RelationshipCode


def test_no_two_codes_of_the_app_share_a_value() -> None:
    values = [
        code.value for table in (RelationshipCode, ConsentCode, CounterpartCode) for code in table
    ]
    assert len(values) == len(set(values))


def test_a_counted_message_says_the_noun_in_the_number_it_follows() -> None:
    one = errors.MSG_OVER_CAPACITY.format(mentor="Ravi", count=1, capacity=1)
    two = errors.MSG_OVER_CAPACITY.format(mentor="Ravi", count=2, capacity=2)
    assert one == "Ravi already has 1 active mentee, which is their capacity of 1"
    assert two == "Ravi already has 2 active mentees, which is their capacity of 2"
    assert errors.MSG_AMBIGUOUS.format(query="sam", count=2, names="a, b").startswith(
        "“sam” matches 2 people: a, b"
    )


@pytest.mark.django_db
def test_a_refusal_carries_its_code(maya: Person) -> None:
    with pytest.raises(ValidationError) as refused:
        services.relationship_create(created_by=maya, my_role="boss")
    assert refused.value.code is RelationshipCode.BAD_ROLE
