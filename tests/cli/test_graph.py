"""``tribe graph``: the tribe graph as sentences, or as JSON nodes and edges."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, RelationshipFactory
from tribe.outreach import services as outreach
from tribe.outreach.graph import tribe_graph

MAYA = ("--as", "maya@example.com")


def test_graph_json_is_the_tribe_graph(tribe, maya, ravi, sam, maya_ravi, sam_maya) -> None:
    run = tribe("graph", "--json", *MAYA)

    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data == tribe_graph(person=maya).as_dict()
    assert {(n["name"], n["role"]) for n in data["nodes"]} == {
        ("Maya Chen", "me"),
        ("Ravi Menon", "mentor"),
        ("Sam Okafor", "mentee"),
    }
    me, mentor, mentee = f"person:{maya.pk}", f"person:{ravi.pk}", f"person:{sam.pk}"
    assert {(e["from"], e["to"], e["kind"]) for e in data["edges"]} == {
        (mentor, me, "mentors"),
        (me, mentee, "mentors"),
    }


def test_graph_text_is_the_sentences(tribe, maya, maya_ravi, sam_maya) -> None:
    run = tribe("graph", *MAYA)

    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "The tribe of Maya Chen:"
    assert lines[1:] == [f"  {s}" for s in tribe_graph(person=maya).sentences()]
    assert "  Ravi Menon mentors Maya Chen (mentor)." in lines


def test_graph_shows_mentors_mentors_only_when_shared(tribe, maya, ravi, maya_ravi) -> None:
    RelationshipFactory(mentee=ravi, mentor=PersonFactory(name="Grace Elder"), status="active")

    assert "Grace Elder" not in tribe("graph", *MAYA).out

    ravi.share_mentors = True
    ravi.save()
    data = json.loads(tribe("graph", "--json", *MAYA).out)
    assert ("Grace Elder", "mentors_mentor") in {(n["name"], n["role"]) for n in data["nodes"]}


def test_graph_credits_introductions(tribe, maya, ravi, sam, maya_ravi, now) -> None:
    outreach.introduction_record(
        actor=ravi,
        introducer=ravi,
        mentee=maya,
        to_person=sam,
        introduced_on=now.date(),
        today=now.date(),
    )

    data = json.loads(tribe("graph", "--json", *MAYA).out)

    assert {
        "from": f"person:{ravi.pk}",
        "to": f"person:{sam.pk}",
        "kind": "introduced",
        "label": "Maya Chen",
    } in data["edges"]
    assert "Ravi Menon introduced Maya Chen to Sam Okafor." in tribe("graph", *MAYA).out


def test_graph_of_a_newcomer_says_what_to_do(tribe, maya, maya_ravi, eve) -> None:
    run = tribe("graph", "--as", "eve@example.com")

    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "The tribe of Eve Stranger:",
        "No mentors, mentees or introductions yet: `tribe fit` finds candidates for a goal.",
    ]
    assert json.loads(tribe("graph", "--json", "--as", "eve@example.com").out) == {
        "nodes": [{"id": f"person:{eve.pk}", "name": "Eve Stranger", "role": "me"}],
        "edges": [],
    }


def test_graph_for_an_unknown_account(tribe, maya, ravi) -> None:
    run = tribe("graph", "--as", "nobody@example.com")

    assert run.code == 3
    assert run.error_line.startswith("tribe graph: error: --as:")
    assert run.out == ""


def test_graph_runs_a_fixed_number_of_queries(tribe, maya, django_assert_num_queries) -> None:
    for _ in range(2):
        RelationshipFactory(mentee=maya, status="active")
    tribe("graph", *MAYA)
    with CaptureQueriesContext(connection) as first:
        tribe("graph", *MAYA)
    for _ in range(5):
        RelationshipFactory(mentee=maya, status="active")
        RelationshipFactory(mentor=maya, status="active")
    with django_assert_num_queries(len(first.captured_queries)):
        run = tribe("graph", "--json", *MAYA)
    assert len(json.loads(run.out)["edges"]) == 12
