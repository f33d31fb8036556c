"""``tribe erase --as EMAIL``: asks on a terminal, refuses to guess elsewhere, and erases."""

from __future__ import annotations

import io
import json

import pytest

from tribe.people.models import Person
from tribe.relationships.models import Relationship


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_without_a_terminal_or_yes_nothing_is_erased(tribe, maya) -> None:
    run = tribe("erase", "--as", maya.email)
    assert run.code == 2
    assert "add --yes to erase" in run.err
    assert Person.objects.filter(pk=maya.pk).exists()


def test_on_a_terminal_the_address_must_be_typed(tribe, maya, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("not my address\n"))
    run = tribe("erase", "--as", maya.email)
    assert run.code == 1 and "Nothing was erased." in run.out
    assert Person.objects.filter(pk=maya.pk).exists()
    monkeypatch.setattr("sys.stdin", Terminal(f"{maya.email.upper()}\n"))
    run = tribe("erase", "--as", maya.email)
    assert run.code == 0, run.err
    assert not Person.objects.filter(pk=maya.pk).exists()


def test_yes_erases_and_hands_the_relationships_over(
    tribe, maya: Person, ravi: Person, maya_ravi: Relationship
) -> None:
    run = tribe("erase", "--as", maya.email, "--yes", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out) == {"erased": "maya@example.com", "relationships_handed_over": 1}
    maya_ravi.refresh_from_db()
    assert maya_ravi.mentee is None and maya_ravi.mentor == ravi


@pytest.mark.parametrize("who", ["nobody@example.com"])
def test_an_unknown_account_is_not_found(tribe, maya, who: str) -> None:
    run = tribe("erase", "--as", who, "--yes")
    assert run.code != 0
    assert Person.objects.filter(pk=maya.pk).exists()
