"""``tribe journal``: write, list, show, share, check-in and cadence, with ``--json``.

The command is not wired into ``tribe`` yet (``tribe.cli.build_parser``), so these
tests build a parser with it alone and run a command as ``tribe.cli`` does: a
TribeError becomes one line on stderr and an exit status.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run
from tests.factories import GoalFactory
from tribe.cli import journal
from tribe.cli.output import fail
from tribe.core.errors import TribeError
from tribe.journal.models import JournalEntry
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def tribe_journal(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*args: str) -> Run:
        parser = argparse.ArgumentParser(prog="tribe")
        sub = parser.add_subparsers(dest="command", required=True)
        journal.add_parsers(sub)
        namespace = parser.parse_args(["journal", *args])
        capsys.readouterr()
        try:
            code = namespace.handler(namespace)
        except TribeError as exc:
            code = fail(namespace.command, exc)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def test_write_is_private_unless_shared(
    tribe_journal: Callable[..., Run], maya: Person, maya_ravi: Relationship
) -> None:
    done = tribe_journal("write", "--as", maya.email, "--learned", "Listen first")
    assert done.code == 0 and "it is private" in done.out
    shared = tribe_journal(
        "write",
        "--as",
        maya.email,
        "--will-try",
        "Ask twice",
        "--with",
        "ravi",
        "--share",
        "--json",
    )
    data = json.loads(shared.out)
    assert (data["shared"], data["with"], data["relationship_id"]) == (
        True,
        "Ravi Menon",
        maya_ravi.pk,
    )
    assert JournalEntry.objects.filter(shared=True).count() == 1


@pytest.mark.parametrize(
    ("args", "code", "where"),
    [
        ((), 2, "--learned: write at least one of"),
        (("--learned", "x", "--on", "yesterday"), 2, "--on: “yesterday” is not a date"),
        (("--learned", "x", "--on", "2999-01-01"), 2, "--on: must be a date between"),
        (("--learned", "x", "--share"), 2, "--with: choose the relationship"),
        (("--learned", "x", "--with", "nobody"), 3, "--with:"),
        (("--learned", "x", "--goal", "999999"), 3, "--goal:"),
        (("--learned", "x", "--meeting", "999999"), 3, "--meeting:"),
        (("--learned", "x", "--advice", "999999"), 3, "--advice:"),
    ],
)
def test_bad_input_is_one_line_naming_the_option(
    tribe_journal: Callable[..., Run],
    maya: Person,
    maya_ravi: Relationship,
    args: tuple[str, ...],
    code: int,
    where: str,
) -> None:
    result = tribe_journal("write", "--as", maya.email, *args)
    assert result.code == code
    assert f"tribe journal: error: {where}" in result.error_line
    assert not JournalEntry.objects.exists()


def test_someone_elses_goal_is_not_found(
    tribe_journal: Callable[..., Run], maya: Person, ravi: Person
) -> None:
    theirs = GoalFactory(person=ravi)
    result = tribe_journal("write", "--as", maya.email, "--learned", "x", "--goal", str(theirs.pk))
    assert result.code == 3 and "--goal" in result.error_line


def test_list_and_show_and_who_may_read(
    tribe_journal: Callable[..., Run],
    maya: Person,
    ravi: Person,
    eve: Person,
    maya_ravi: Relationship,
) -> None:
    tribe_journal("write", "--as", maya.email, "--learned", "Private lesson", "--with", "ravi")
    entry = JournalEntry.objects.get()
    listed = tribe_journal("list", "--as", maya.email)
    assert f"#{entry.pk}" in listed.out and "Learned: Private lesson" in listed.out
    assert "(private)" in listed.out
    assert json.loads(tribe_journal("list", "--as", maya.email, "--json").out)[0]["id"] == entry.pk
    assert "No entries yet" in tribe_journal("list", "--as", ravi.email).out
    assert tribe_journal("show", str(entry.pk), "--as", ravi.email).code == 3
    shared = tribe_journal("share", str(entry.pk), "--as", maya.email)
    assert "Ravi Menon can read it too, and nobody else" in shared.out
    shown = tribe_journal("show", str(entry.pk), "--as", ravi.email, "--json")
    data = json.loads(shown.out)
    assert data["learned"] == "Private lesson" and "goal_ids" not in data  # hers alone
    assert tribe_journal("show", str(entry.pk), "--as", eve.email).code == 3
    assert tribe_journal("share", str(entry.pk), "--off", "--as", ravi.email).code == 3
    off = tribe_journal("share", str(entry.pk), "--off", "--as", maya.email)
    assert "only you can read it" in off.out
    assert tribe_journal("show", str(entry.pk), "--as", ravi.email).code == 3


def test_check_in_and_cadence(tribe_journal: Callable[..., Run], maya: Person) -> None:
    cadence = tribe_journal("cadence", "weekly", "--as", maya.email)
    assert cadence.code == 0 and "Every week" in cadence.out
    result = tribe_journal("check-in", "--as", maya.email)
    assert result.code == 0 and result.out.startswith("Not enough yet to say")
    tribe_journal("write", "--as", maya.email, "--learned", "Pricing is a story")
    data = json.loads(tribe_journal("check-in", "--as", maya.email, "--json").out)
    assert (data["verdict"], data["learned"], data["period_days"]) == (
        "learning",
        ["Pricing is a story"],
        7,
    )
