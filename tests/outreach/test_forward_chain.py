"""The chain of the tribe graph (``outreach/graph.py``: ``tribe_chain``): my mentor's
mentor → my mentor → me → my mentees, under exactly the graph's privacy rules."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ContactFactory, PersonFactory, RelationshipFactory
from tribe.outreach.graph import tribe_chain, tribe_graph
from tribe.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_chain_reaches_a_mentors_mentors_only_where_shared(
    maya: Person, ravi: Person, sam: Person
) -> None:
    grace = PersonFactory(name="Grace Elder")
    RelationshipFactory(mentee=maya, mentor=ravi)
    RelationshipFactory(mentee=ravi, mentor=grace)
    RelationshipFactory(mentee=grace, mentor=PersonFactory(name="Two Up"))  # never shown
    RelationshipFactory(mentee=sam, mentor=maya)

    chain = tribe_chain(person=maya)
    assert chain.paths() == [["Ravi Menon", "Maya Chen", "Sam Okafor"]]
    assert chain.sentences() == [
        "Ravi Menon → Maya Chen → Sam Okafor",
        "Ravi Menon keeps their own mentors to themselves.",
    ]
    assert chain.links[0].reason == "not_shared"

    ravi.share_mentors = True
    ravi.save()
    chain = tribe_chain(person=maya)
    assert chain.sentences() == ["Grace Elder → Ravi Menon → Maya Chen → Sam Okafor"]
    assert chain.as_dict()["links"] == [
        {
            "mentor": {"id": f"person:{ravi.pk}", "name": "Ravi Menon"},
            "mentors": [{"id": f"person:{grace.pk}", "name": "Grace Elder"}],
            "reason": "shared",
        }
    ]
    assert "Two Up" not in repr(chain.as_dict())


def test_the_chain_holds_only_what_the_graph_shows(maya: Person, ravi: Person) -> None:
    ravi.share_mentors = True
    ravi.save()
    RelationshipFactory(mentee=maya, mentor=ravi)
    # Not yet met, or not yet said yes to: in neither the graph nor the chain.
    RelationshipFactory(mentee=ravi, mentor=PersonFactory(name="Only asked"), status="asked")
    RelationshipFactory(mentee=maya, mentor=PersonFactory(name="Prospect"), status="prospect")
    RelationshipFactory(mentor=maya, mentee=PersonFactory(name="Asking me"), status="asked")
    # Someone who mentors my mentor is me: the chain does not loop.
    RelationshipFactory(mentee=ravi, mentor=maya)

    chain = tribe_chain(person=maya)
    graph_names = {n.name for n in tribe_graph(person=maya).nodes.values()}
    said = " ".join(chain.sentences())
    assert not {"Only asked", "Prospect", "Asking me"} & graph_names
    assert not {"Only asked", "Prospect", "Asking me"} & set(said.split(" → "))
    assert chain.sentences() == [
        "Ravi Menon → Maya Chen → Ravi Menon",
        "Ravi Menon shares their mentors, and has none on Tribe yet.",
    ]


def test_a_contact_mentor_ends_the_chain_and_says_why(maya: Person, sam: Person) -> None:
    mentor = ContactFactory(owner=maya, name="Old Boss")
    RelationshipFactory(mentee=maya, mentor=None, mentor_contact=mentor)
    RelationshipFactory(mentee=sam, mentor=maya)
    RelationshipFactory(mentee=PersonFactory(name="Lee Park"), mentor=maya)

    chain = tribe_chain(person=maya)
    assert chain.sentences() == [
        "Old Boss → Maya Chen → Lee Park, Sam Okafor",
        "Old Boss is one of your contacts: Tribe knows no more of them.",
    ]


def test_a_chain_without_mentors_starts_with_me_and_an_empty_one_is_empty(
    maya: Person, sam: Person, eve: Person
) -> None:
    RelationshipFactory(mentee=sam, mentor=maya)
    assert tribe_chain(person=maya).sentences() == ["Maya Chen → Sam Okafor"]
    empty = tribe_chain(person=eve)
    assert empty.empty and empty.paths() == [] and empty.sentences() == []


def test_several_mentors_each_give_a_line(maya: Person, ravi: Person) -> None:
    ravi.share_mentors = True
    ravi.save()
    ana = PersonFactory(name="Ana Lima", share_mentors=True)
    RelationshipFactory(mentee=maya, mentor=ravi)
    RelationshipFactory(mentee=maya, mentor=ana)
    RelationshipFactory(mentee=ravi, mentor=PersonFactory(name="Grace Elder"))
    RelationshipFactory(mentee=ravi, mentor=PersonFactory(name="Bo Young"))

    assert tribe_chain(person=maya).paths() == [
        ["Ana Lima", "Maya Chen"],
        ["Bo Young", "Ravi Menon", "Maya Chen"],
        ["Grace Elder", "Ravi Menon", "Maya Chen"],
    ]


def test_the_chain_costs_what_the_graph_costs(maya: Person) -> None:
    RelationshipFactory(mentee=maya, mentor=PersonFactory(share_mentors=True))
    with CaptureQueriesContext(connection) as graph:
        tribe_graph(person=maya)
    for _ in range(4):
        mentor = PersonFactory(share_mentors=True)
        RelationshipFactory(mentee=maya, mentor=mentor)
        RelationshipFactory(mentee=mentor)
        RelationshipFactory(mentor=maya)
    with CaptureQueriesContext(connection) as chain:
        found = tribe_chain(person=maya)
    assert len(chain) == len(graph)
    assert len(found.paths()) == 5 and len(found.mentees) == 4
