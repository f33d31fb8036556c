"""``tribe forward`` (the first steps from mentee to mentor) and ``tribe graph --chain``."""

from __future__ import annotations

import datetime as dt
import json

from tests.factories import GoalFactory, PersonFactory, RelationshipFactory
from tribe.core import clock
from tribe.outreach.forward import pay_it_forward
from tribe.outreach.graph import tribe_chain
from tribe.people.models import Person

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
SAM = ("--as", "sam@example.com")
MAYA = ("--as", "maya@example.com")


def _seasoned(sam: Person) -> None:
    sam.expertise = ["public speaking"]
    sam.save()
    RelationshipFactory(mentee=sam, status="active", status_changed_at=NOW - dt.timedelta(days=200))
    GoalFactory(person=sam, title="Run my first code review", status="achieved")


def test_forward_shows_the_three_steps(tribe, sam) -> None:  # type: ignore[no-untyped-def]
    _seasoned(sam)
    asked = RelationshipFactory(mentor=sam, status="asked", asked_at=NOW, purpose="Talk well")
    with clock.frozen(NOW):
        run = tribe("forward", *SAM)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith("You have been a mentee for 6 months.")
    assert "   What I know well: public speaking, code review" in lines
    assert "   Mentees at a time: 1" in lines
    assert "   Nothing is switched on: open your profile yourself on the profile page." in lines
    assert "   None that you take part in or are invited to." in lines
    assert f"   #{asked.pk} from {asked.mentee.name}: Talk well" in lines
    sam.refresh_from_db()
    assert sam.open_to_mentoring is False and sam.mentee_capacity == 0  # it only reads


def test_forward_json_is_the_steps(tribe, sam) -> None:  # type: ignore[no-untyped-def]
    _seasoned(sam)
    with clock.frozen(NOW):
        run = tribe("forward", "--json", *SAM)
        expected = pay_it_forward(person=sam, now=NOW)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert expected is not None
    assert data == {"applies": True, "steps": json.loads(json.dumps(expected.as_dict()))}
    assert data["steps"]["draft"]["mentee_capacity"] == 1
    assert data["steps"]["first_request"] is None and data["steps"]["reach"]


def test_forward_not_yet(tribe, sam) -> None:  # type: ignore[no-untyped-def]
    run = tribe("forward", *SAM)
    assert run.code == 0 and run.out.startswith("Not yet:")
    assert json.loads(tribe("forward", "--json", *SAM).out) == {"applies": False, "steps": None}


def test_forward_doing_it(tribe, sam) -> None:  # type: ignore[no-untyped-def]
    _seasoned(sam)
    Person.objects.filter(pk=sam.pk).update(open_to_mentoring=True, mentee_capacity=3)
    RelationshipFactory(mentor=sam, status="active")
    with clock.frozen(NOW):
        run = tribe("forward", *SAM)
    assert "You are doing it" in run.out and "You mentor 1 person. 2 places are free." in run.out


def test_forward_for_an_unknown_account(tribe, sam) -> None:  # type: ignore[no-untyped-def]
    run = tribe("forward", "--as", "nobody@example.com")
    assert run.code == 3 and run.error_line.startswith("tribe forward: error: --as:")
    assert run.out == ""


def test_graph_chain_in_words_and_json(tribe, maya, ravi, sam) -> None:  # type: ignore[no-untyped-def]
    ravi.share_mentors = True
    ravi.save()
    RelationshipFactory(mentee=maya, mentor=ravi)
    RelationshipFactory(mentee=ravi, mentor=PersonFactory(name="Grace Elder"))
    RelationshipFactory(mentee=sam, mentor=maya)

    run = tribe("graph", "--chain", *MAYA)
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "The chain of Maya Chen:",
        "  Grace Elder → Ravi Menon → Maya Chen → Sam Okafor",
    ]
    data = json.loads(tribe("graph", "--chain", "--json", *MAYA).out)
    assert data == tribe_chain(person=maya).as_dict()
    assert data["paths"] == [["Grace Elder", "Ravi Menon", "Maya Chen", "Sam Okafor"]]


def test_graph_chain_keeps_unshared_mentors_private(tribe, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    RelationshipFactory(mentee=maya, mentor=ravi)
    RelationshipFactory(mentee=ravi, mentor=PersonFactory(name="Grace Elder"))
    run = tribe("graph", "--chain", *MAYA)
    assert "Grace Elder" not in run.out
    assert "  Ravi Menon keeps their own mentors to themselves." in run.out.splitlines()


def test_graph_chain_of_a_newcomer(tribe, eve) -> None:  # type: ignore[no-untyped-def]
    run = tribe("graph", "--chain", "--as", "eve@example.com")
    assert run.out.splitlines() == [
        "The chain of Eve Stranger:",
        "No chain yet: it starts with your first mentor or mentee.",
    ]


def test_a_mentor_who_was_never_a_mentee_here_is_told_they_are_doing_it(tribe) -> None:  # type: ignore[no-untyped-def]
    elena = PersonFactory(open_to_mentoring=True, mentee_capacity=3, email="elena@example.org")
    RelationshipFactory(mentor=elena, status="active")
    run = tribe("forward", "--as", "elena@example.org")
    assert "You are doing it already: you mentor 1 person." in run.out
