"""The tribe graph in words (``outreach/graph.py``): peers as equals, a relationship at
its intro meeting as not started yet, an ended one in the past; the same sentences
on the page and from ``tribe graph``."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PersonFactory, RelationshipFactory
from tribe.cli import main
from tribe.outreach.graph import tribe_graph
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def aisha(db: None) -> Person:
    return PersonFactory(name="Aisha Bello", email="aisha@example.com")


def _with(mentor: Person, mentee: Person, *, kind: str, status: str) -> Relationship:
    return RelationshipFactory(
        mentor=mentor, mentee=mentee, created_by=mentee, kind=kind, status=status
    )


@pytest.mark.parametrize(
    ("kind", "status", "sentence"),
    [
        ("peer", "active", "Aisha Bello and Maya Chen are peer mentors."),
        ("peer", "paused", "Aisha Bello and Maya Chen are peer mentors (paused)."),
        ("peer", "ended", "Aisha Bello and Maya Chen were peer mentors (ended)."),
        (
            "peer",
            "intro",
            "Aisha Bello and Maya Chen have not started as peer mentors yet (intro meeting).",
        ),
        (
            "mentor",
            "intro",
            "Aisha Bello has not started mentoring Maya Chen yet (mentor, intro meeting).",
        ),
        ("mentor", "active", "Aisha Bello mentors Maya Chen (mentor)."),
        ("coach", "paused", "Aisha Bello mentors Maya Chen (coach, paused)."),
        ("sponsor", "ended", "Aisha Bello mentored Maya Chen (sponsor, ended)."),
    ],
)
def test_each_kind_and_stage_reads_as_it_is(
    maya: Person, aisha: Person, kind: str, status: str, sentence: str
) -> None:
    _with(aisha, maya, kind=kind, status=status)
    for person in (maya, aisha):  # the same sentence from either side
        assert tribe_graph(person=person).sentences() == [sentence]


def test_a_peer_is_never_said_to_mentor(maya: Person, aisha: Person, sam: Person) -> None:
    _with(aisha, maya, kind="peer", status="active")
    _with(maya, sam, kind="peer", status="intro")
    said = " ".join(tribe_graph(person=maya).sentences())
    assert "mentors" not in said.replace("peer mentors", "")
    assert "(peer mentor" not in said


def test_the_page_and_the_command_say_the_same(
    maya: Person, aisha: Person, sam: Person, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _with(aisha, maya, kind="peer", status="active")
    _with(maya, sam, kind="mentor", status="intro")
    expected = [
        "Aisha Bello and Maya Chen are peer mentors.",
        "Maya Chen has not started mentoring Sam Okafor yet (mentor, intro meeting).",
    ]
    assert sorted(tribe_graph(person=maya).sentences()) == expected

    browser = Client()
    browser.force_login(maya)
    page = browser.get(reverse("web:tribe"))
    assert page.status_code == 200
    assert sorted(page.context["sentences"]) == expected
    text = page.content.decode()
    assert all(f"<li>{s}</li>" in text for s in expected)

    monkeypatch.setenv("TRIBE_LANGUAGE", "en")
    capsys.readouterr()
    assert main(["graph", "--as", maya.email]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sorted(lines[1:]) == [f"  {s}" for s in expected]


def test_a_stranger_sees_none_of_it(maya: Person, aisha: Person, eve: Person) -> None:
    _with(aisha, maya, kind="peer", status="active")
    assert tribe_graph(person=eve).sentences() == []
