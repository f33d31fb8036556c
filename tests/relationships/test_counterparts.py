"""``counterpart_resolve``: one rule for whom a typed name or address means, in three pools."""

from __future__ import annotations

import pytest

from tests.factories import ContactFactory, PersonFactory, RelationshipFactory
from tribe.core.errors import NotFound, ValidationError
from tribe.people.models import Person
from tribe.relationships.counterparts import Among, CounterpartCode, counterpart_resolve
from tribe.relationships.errors import (
    MSG_AMBIGUOUS,
    MSG_AMBIGUOUS_PROSPECT,
    MSG_NO_CANDIDATE,
    MSG_NO_PROSPECT,
    MSG_NOBODY,
)
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

Status = Relationship.Status


# The other side of one's relationships ---------------------------------------------


@pytest.mark.parametrize("query", ["ravi", "RAVI", "  menon ", "Ravi Menon", "ravi@example.com"])
def test_a_part_of_the_name_or_the_address_names_the_other_side(
    maya: Person, maya_ravi: Relationship, sam_maya: Relationship, query: str
) -> None:
    found = counterpart_resolve(person=maya, query=query)

    assert found.person == maya_ravi.mentor and found.contact is None
    assert (found.name, found.email) == ("Ravi Menon", "ravi@example.com")
    assert found.relationships == (maya_ravi,)


def test_white_space_is_folded_in_the_query_and_in_names(maya: Person) -> None:
    contact = ContactFactory(owner=maya, name="Dana   Price", email="")
    RelationshipFactory(mentee=maya, mentor=None, mentor_contact=contact, created_by=maya)

    found = counterpart_resolve(person=maya, query="dana price")

    assert found.contact == contact and found.label == "Dana   Price"


@pytest.mark.parametrize("query", ["eve", "eve@example.com", "nobody"])
def test_someone_outside_ones_relationships_is_nobody(
    maya: Person, maya_ravi: Relationship, eve: Person, query: str
) -> None:
    RelationshipFactory(mentee=eve)  # Eve has relationships, none with Maya

    with pytest.raises(NotFound) as caught:
        counterpart_resolve(person=maya, query=query)

    assert caught.value.message == MSG_NOBODY.format(query=query)
    assert caught.value.field == "query"
    assert caught.value.code == CounterpartCode.NONE


def test_an_ambiguous_part_lists_everyone_it_matches(
    maya: Person, maya_ravi: Relationship, sam_maya: Relationship
) -> None:
    samira = PersonFactory(name="Samira Haddad", email="samira@example.com")
    RelationshipFactory(mentee=maya, mentor=samira)

    with pytest.raises(ValidationError) as caught:
        counterpart_resolve(person=maya, query="sam")

    names = "Sam Okafor <sam@example.com>, Samira Haddad <samira@example.com>"
    assert caught.value.message == MSG_AMBIGUOUS.format(query="sam", count=2, names=names)
    assert (caught.value.field, caught.value.code) == ("query", CounterpartCode.AMBIGUOUS)


def test_a_full_name_wins_over_a_part_of_a_longer_one(maya: Person, sam_maya: Relationship) -> None:
    okafor_jones = PersonFactory(name="Sam Okafor-Jones", email="soj@example.com")
    RelationshipFactory(mentee=okafor_jones, mentor=maya, created_by=okafor_jones)

    assert counterpart_resolve(person=maya, query="sam okafor").person == sam_maya.mentee
    assert counterpart_resolve(person=maya, query="okafor-jones").person == okafor_jones


@pytest.mark.parametrize("query", ["", "   "])
def test_a_blank_query_is_refused(maya: Person, maya_ravi: Relationship, query: str) -> None:
    with pytest.raises(ValidationError) as caught:
        counterpart_resolve(person=maya, query=query)

    assert (caught.value.field, caught.value.code) == ("query", CounterpartCode.BLANK)


def test_one_counterpart_carries_every_relationship_and_knows_the_current_one(
    maya: Person, ravi: Person, maya_ravi: Relationship
) -> None:
    ended = RelationshipFactory(
        mentee=maya, mentor=ravi, kind=Relationship.Kind.SPONSOR, status=Status.ENDED
    )

    found = counterpart_resolve(person=maya, query="ravi")

    assert set(found.relationships) == {maya_ravi, ended}
    assert found.current_relationship() == maya_ravi
    for relationship in found.relationships:
        relationship.status = Status.ENDED
    assert found.current_relationship() == found.relationships[0]  # the latest, when all ended


def test_the_pool_costs_the_same_for_many_relationships(
    maya: Person, maya_ravi: Relationship, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        RelationshipFactory(mentee=maya)

    with django_assert_max_num_queries(2):  # the relationships, and their goals
        counterpart_resolve(person=maya, query="ravi")


# Prospects: the mentors one plans to ask -------------------------------------------


def test_only_ones_own_prospects_are_prospects(
    maya: Person, ravi: Person, sam_maya: Relationship, eve: Person
) -> None:
    prospect = RelationshipFactory(mentee=maya, mentor=ravi, status=Status.PROSPECT)

    found = counterpart_resolve(person=maya, query="ravi", among=Among.PROSPECTS)

    assert found.relationships == (prospect,)
    for query in ("sam", "eve@example.com"):  # a mentee, a stranger
        with pytest.raises(NotFound) as caught:
            counterpart_resolve(person=maya, query=query, among=Among.PROSPECTS)
        assert caught.value.message == MSG_NO_PROSPECT.format(query=query)


def test_two_prospects_with_one_mentor_are_two_to_choose_from(maya: Person, ravi: Person) -> None:
    for kind in (Relationship.Kind.MENTOR, Relationship.Kind.SPONSOR):
        RelationshipFactory(mentee=maya, mentor=ravi, kind=kind, status=Status.PROSPECT)

    with pytest.raises(ValidationError) as caught:
        counterpart_resolve(person=maya, query="ravi", among=Among.PROSPECTS)

    names = "Ravi Menon <ravi@example.com>, Ravi Menon <ravi@example.com>"
    assert caught.value.message == MSG_AMBIGUOUS_PROSPECT.format(query="ravi", count=2, names=names)


# Candidates: whom ``fit`` ranks ----------------------------------------------------


def test_an_account_is_a_candidate_by_its_verified_address_only(maya: Person, ravi: Person) -> None:
    found = counterpart_resolve(person=maya, query="RAVI@example.com", among=Among.CANDIDATES)

    assert found.person == ravi and found.side == ravi and found.relationships == ()
    with pytest.raises(NotFound) as caught:
        counterpart_resolve(person=maya, query="Ravi Menon", among=Among.CANDIDATES)
    assert caught.value.message == MSG_NO_CANDIDATE.format(query="Ravi Menon")


@pytest.mark.parametrize(
    "account",
    [
        {"open_to_mentoring": False},
        {"open_to_mentoring": True, "email_verified_at": None},
        {"open_to_mentoring": True, "is_active": False},
    ],
)
def test_an_account_not_open_verified_and_active_is_no_candidate(
    maya: Person, account: dict[str, object]
) -> None:
    PersonFactory(email="pia@example.com", **account)

    with pytest.raises(NotFound):
        counterpart_resolve(person=maya, query="pia@example.com", among=Among.CANDIDATES)


def test_oneself_is_no_candidate(maya: Person) -> None:
    with pytest.raises(NotFound):
        counterpart_resolve(person=maya, query=maya.email, among=Among.CANDIDATES)


def test_a_contact_is_a_candidate_by_name_or_address_and_stands_for_its_account(
    maya: Person, eve: Person
) -> None:
    dana = ContactFactory(owner=maya, name="Dana Price", email="dana@example.com")
    linked = ContactFactory(owner=maya, name="Lee Linked", email="", person=eve)
    ContactFactory(owner=eve, name="Someone Else's contact")

    by_name = counterpart_resolve(person=maya, query="dana", among=Among.CANDIDATES)
    by_address = counterpart_resolve(person=maya, query="DANA@example.com", among=Among.CANDIDATES)
    assert by_name.contact == by_address.contact == dana and by_name.person is None
    found = counterpart_resolve(person=maya, query="lee", among=Among.CANDIDATES)
    assert (found.person, found.contact, found.name) == (eve, None, linked.name)
    with pytest.raises(NotFound):
        counterpart_resolve(person=maya, query="someone", among=Among.CANDIDATES)
