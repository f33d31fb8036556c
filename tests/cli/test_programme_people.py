"""``tribe programme import``, ``invite`` and ``people``: the same services as the
pages, problems by line and column with nothing written, not found for a
programme the person does not run."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.programs.conftest import enrol
from tribe.core import clock
from tribe.people.models import Person
from tribe.programs.models import Invitation, Programme, Role, RosterEntry

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
CSV = (
    "Staff Number,E-mail address,Given name,Surname,Reports To,Status\n"
    "E1,grace@corp.example,Grace,Hopper,,Active\n"
    "E2,alan@corp.example,Alan,Turing,E1,Active\n"
)


@pytest.fixture(autouse=True)
def _now() -> Iterator[None]:
    with clock.frozen(NOW):
        yield


@pytest.fixture
def hr(tmp_path: Path) -> Path:
    path = tmp_path / "hr.csv"
    path.write_text(CSV)
    return path


def test_a_dry_run_then_the_import(
    tribe: Callable[..., Run], ada: Person, programme: Programme, hr: Path
) -> None:
    dry = tribe("programme", "import", "engineering", str(hr), "--as", ada.email, "--dry-run")
    assert dry.code == 0, dry.err
    assert "Dry run, nothing written: 2 rows: 2 new" in dry.out
    assert "Reports To → manager_id" in dry.out
    assert not RosterEntry.objects.exists()
    done = tribe("programme", "import", "engineering", str(hr), "--as", ada.email, "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["new"] == 2 and json.loads(done.out)["applied"]
    assert RosterEntry.objects.get(employee_id="E2").manager == RosterEntry.objects.get(
        employee_id="E1"
    )


def test_map_overrides_a_column(
    tribe: Callable[..., Run], ada: Person, programme: Programme, hr: Path
) -> None:
    done = tribe(
        "programme", "import", "engineering", str(hr), "--as", ada.email, "--map", "Reports To="
    )
    assert done.code == 0, done.err
    assert RosterEntry.objects.get(employee_id="E2").manager is None
    bad = tribe("programme", "import", "engineering", str(hr), "--as", ada.email, "--map", "x")
    assert bad.code == 2 and "--map" in bad.error_line


def test_problems_are_listed_and_nothing_is_written(
    tribe: Callable[..., Run], ada: Person, programme: Programme, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "E3,grace@corp.example,G,H,E9,Gone fishing\n")
    done = tribe("programme", "import", "engineering", str(path), "--as", ada.email)
    assert done.code == 2
    assert "nothing was changed" in done.err
    assert "line 4, E-mail address: “grace@corp.example” is also on line 2" in done.err
    assert "line 4, Status:" in done.err
    assert not RosterEntry.objects.exists()
    missing = tribe(
        "programme", "import", "engineering", str(tmp_path / "no.csv"), "--as", ada.email
    )
    assert missing.code == 2 and "no.csv" in missing.error_line


def test_deactivate_missing(
    tribe: Callable[..., Run], ada: Person, programme: Programme, hr: Path, tmp_path: Path
) -> None:
    tribe("programme", "import", "engineering", str(hr), "--as", ada.email)
    shorter = tmp_path / "shorter.csv"
    shorter.write_text(CSV.splitlines(keepends=True)[0] + CSV.splitlines(keepends=True)[1])
    done = tribe(
        "programme",
        "import",
        "engineering",
        str(shorter),
        "--as",
        ada.email,
        "--deactivate-missing",
    )
    assert done.code == 0 and "1 deactivated" in done.out
    assert not RosterEntry.objects.get(employee_id="E2").active


def test_invite_prints_the_links(
    tribe: Callable[..., Run], ada: Person, programme: Programme, hr: Path
) -> None:
    done = tribe(
        "programme", "invite", "engineering", "--as", ada.email, "--email", "x@corp.example"
    )
    assert done.code == 0, done.err
    assert "x@corp.example" in done.out and "/join/" in done.out
    tribe("programme", "import", "engineering", str(hr), "--as", ada.email)
    roster = tribe("programme", "invite", "engineering", "--as", ada.email, "--roster", "--json")
    assert sorted(r["email"] for r in json.loads(roster.out)) == [
        "alan@corp.example",
        "grace@corp.example",
    ]
    assert Invitation.objects.count() == 3
    again = tribe("programme", "invite", "engineering", "--as", ada.email, "--roster")
    assert again.code == 0 and "Nobody to invite" in again.out
    cohort = tribe(
        "programme", "invite", "engineering", "--as", ada.email, "--roster", "--cohort", "Nope"
    )
    assert cohort.code == 3 and "--cohort" in cohort.error_line
    bad = tribe("programme", "invite", "engineering", "--as", ada.email, "--email", "nope")
    assert bad.code == 2 and "--email" in bad.error_line


def test_people_lists_participants_without_their_words(
    tribe: Callable[..., Run], ada: Person, programme: Programme
) -> None:
    enrol(programme, Role.MENTEE, wants="SECRET-WANTS")
    enrol(programme, Role.MENTOR, capacity=3)
    done = tribe("programme", "people", "engineering", "--as", ada.email)
    assert done.code == 0, done.err
    assert "1 mentee, 1 mentor" in done.out and "SECRET-WANTS" not in done.out
    data = json.loads(tribe("programme", "people", "engineering", "--as", ada.email, "--json").out)
    assert data["counts"]["mentors"] == 1 and len(data["participants"]) == 2
    assert "SECRET-WANTS" not in json.dumps(data)


def test_another_programme_is_not_found(
    tribe: Callable[..., Run], ada: Person, other_programme: Programme, hr: Path
) -> None:
    for args in (
        ("import", "sales", str(hr)),
        ("invite", "sales", "--email", "x@corp.example"),
        ("people", "sales"),
    ):
        done = tribe("programme", *args, "--as", ada.email)
        assert done.code == 3, args
        assert "PROGRAMME" in done.error_line
    assert not RosterEntry.objects.exists() and not Invitation.objects.exists()


def test_a_file_without_end_is_read_only_past_the_limit(tribe, ada, programme, tmp_path) -> None:
    """/dev/zero used to grow the command to gigabytes; now it is one line."""
    run = tribe("programme", "import", "engineering", "/dev/zero", "--dry-run", "--as", ada.email)
    assert run.code == 2
    assert "the limit is 50 MB" in run.err
