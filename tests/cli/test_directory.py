"""``tribe directory`` and ``tribe search``: the same lists as the pages, and errors named."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from tests.factories import GoalFactory, NoteFactory, PersonFactory, RelationshipFactory
from tribe.cli.errors import CliCode
from tribe.matching.directory import Filters, directory
from tribe.people.models import Person
from tribe.search.errors import SearchCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(db) -> Person:  # type: ignore[no-untyped-def]
    return PersonFactory(email="me@example.com")


@pytest.fixture
def mentors(db) -> list[Person]:  # type: ignore[no-untyped-def]
    verified = {"open_to_mentoring": True, "email_verified_at": timezone.now()}
    pia = PersonFactory(name="Pia", mentee_capacity=2, expertise=["pricing"], **verified)
    fay = PersonFactory(name="Fay", mentee_capacity=1, expertise=["pricing"], **verified)
    RelationshipFactory(mentor=fay, status="active")
    kai = PersonFactory(name="Kai", mentee_capacity=1, expertise=["kubernetes"], **verified)
    return [pia, fay, kai]


def test_directory_lists_open_mentors_first_as_the_page_does(tribe, me, mentors) -> None:  # type: ignore[no-untyped-def]
    run = tribe("directory", "--expertise", "Pricing", "--as", me.email)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Mentors open to mentoring:"
    names = [line.split()[0] for line in lines[2:]]
    same = directory(person=me, filters=Filters(expertise="Pricing"))
    assert names == [item.person.name for item in same]
    assert names == ["Pia", "Fay"] and "full" in lines[3]


def test_directory_json_and_search(tribe, me, mentors) -> None:  # type: ignore[no-untyped-def]
    run = tribe("directory", "kubernetes clusters", "--json", "--as", me.email)
    data = json.loads(run.out)
    assert [m["name"] for m in data["mentors"]] == ["Kai"]
    assert "email" not in data["mentors"][0]


def test_directory_refuses_bad_hours_naming_the_option(tribe, me) -> None:  # type: ignore[no-untyped-def]
    run = tribe("directory", "--overlap", "lots", "--as", me.email)
    assert run.code == 2
    assert "--overlap" in run.err and CliCode.HOURS.template in run.err
    run = tribe("directory", "--overlap", "30", "--as", me.email)
    assert run.code == 2 and "--overlap" in run.err


def test_search_finds_mine_only(tribe, me) -> None:  # type: ignore[no-untyped-def]
    rel = RelationshipFactory(mentee=me)
    GoalFactory(person=me, title="Learn axolotl care")
    NoteFactory(relationship=rel, author=rel.mentor, body="axolotl: private to the mentor")
    run = tribe("search", "axolotl", "--json", "--as", me.email)
    assert run.code == 0, run.err
    hits = json.loads(run.out)["hits"]
    assert [h["kind"] for h in hits] == ["goal"]
    text = tribe("search", "axolotl", "--as", me.email)
    assert "Goal" in text.out and "Learn axolotl care" in text.out


def test_an_empty_search_is_refused(tribe, me) -> None:  # type: ignore[no-untyped-def]
    run = tribe("search", "  ", "--as", me.email)
    assert run.code == 2 and SearchCode.EMPTY.template in run.err
