"""``tribe programme create`` and ``list``: the frame of the programme commands."""

from __future__ import annotations

import json

from tests.programs.conftest import enrol
from tribe.programs.models import Programme, Role


def test_create_makes_me_its_administrator(tribe, maya) -> None:
    run = tribe("programme", "create", "guild", "--name", "Design guild", "--as", maya.email)
    assert run.code == 0, run.err
    assert "Created Design guild (guild)" in run.out
    assert Programme.objects.get(slug="guild").admins.filter(person=maya).exists()


def test_a_bad_or_taken_short_name_is_named(tribe, maya) -> None:
    run = tribe("programme", "create", "Not Ok", "--name", "X", "--as", maya.email)
    assert run.code == 2 and "PROGRAMME: use lower-case letters" in run.error_line
    tribe("programme", "create", "guild", "--name", "A", "--as", maya.email)
    again = tribe("programme", "create", "guild", "--name", "B", "--as", maya.email)
    assert again.code == 2 and "already uses" in again.err
    assert Programme.objects.count() == 1


def test_list_shows_what_i_run_and_what_i_am_in(tribe, maya, programme) -> None:
    enrol(programme, Role.MENTEE, person=maya)
    data = json.loads(tribe("programme", "list", "--as", maya.email, "--json").out)
    assert data == {
        "run": [],
        "in": [{"slug": "engineering", "name": "Engineering mentoring", "role": "mentee",
                "status": "enrolled"}],
    }  # fmt: skip
    text = tribe("programme", "list", "--as", "ada@example.com").out
    assert "engineering" in text and "Programmes you run:" in text
