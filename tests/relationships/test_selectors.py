import pytest

from tests.factories import RelationshipFactory
from tribe.core.errors import NotFound
from tribe.people.models import Person
from tribe.relationships import selectors
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def test_get_for_either_side(maya_ravi: Relationship) -> None:
    for person in (maya_ravi.mentee, maya_ravi.mentor):
        assert (
            selectors.relationship_get_for(person=person, relationship_id=maya_ravi.pk) == maya_ravi
        )


@pytest.mark.parametrize("bad_id", ["999999", "abc", None])
def test_get_for_a_stranger_or_a_bad_id_is_not_found(
    maya_ravi: Relationship, eve: Person, bad_id
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound):
        selectors.relationship_get_for(person=eve, relationship_id=maya_ravi.pk)
    with pytest.raises(NotFound):
        selectors.relationship_get_for(person=maya_ravi.mentee, relationship_id=bad_id)


def test_board_groups_by_status_in_pipeline_order(maya: Person) -> None:
    RelationshipFactory(mentee=maya, status="asked")
    RelationshipFactory(mentor=maya, status="active")
    RelationshipFactory(status="active")  # not Maya's
    board = selectors.relationship_board(person=maya)
    assert [c.status for c in board] == list(Relationship.Status.values)
    counts = {c.status: len(c.relationships) for c in board}
    assert counts["asked"] == 1 and counts["active"] == 1 and sum(counts.values()) == 2


def test_board_runs_a_fixed_number_of_queries(maya: Person, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    RelationshipFactory(mentee=maya)
    with django_assert_num_queries(2):  # relationships + their goals
        selectors.relationship_board(person=maya)
    for _ in range(10):
        RelationshipFactory(mentee=maya)
        RelationshipFactory(mentor=maya, status="prospect")
    with django_assert_num_queries(2):
        selectors.relationship_board(person=maya)
