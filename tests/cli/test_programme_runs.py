"""``tribe programme match`` and ``tribe programme publish``: the same runs as the
pages, not found for a programme the person does not run, offers made once."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run
from tests.programs.conftest import enrol
from tribe.core import clock
from tribe.people.models import Person
from tribe.programs.models import Cohort, MatchOffer, MatchRun, Programme, Role

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now() -> object:
    with clock.frozen(NOW):
        yield


def _pool(programme: Programme, mentees: int = 3, capacity: int = 2) -> None:
    for _ in range(mentees):
        enrol(programme, Role.MENTEE, wants="python")
    enrol(programme, Role.MENTOR, offers="python", capacity=capacity)


def test_match_then_publish(tribe: Callable[..., Run], ada: Person, programme: Programme) -> None:
    _pool(programme)
    done = tribe("programme", "match", "engineering", "--as", ada.email, "--json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    run = MatchRun.objects.get()
    assert data["run"] == run.pk and data["summary"]["matched"] == 2
    assert data["summary"]["shortfall"] == 1
    assert set(data["summary"]["compare"]) == {"total_fit", "most_matched", "fairness_floor"}
    done = tribe("programme", "publish", "engineering", str(run.pk), "--as", ada.email)
    assert done.code == 0, done.err
    assert "2 offers" in done.out
    again = tribe("programme", "publish", "engineering", str(run.pk), "--as", ada.email)
    assert again.code == 2 and "only a preview can be published" in again.err
    assert MatchOffer.objects.count() == 2


def test_match_as_text_with_cohort_and_objective(
    tribe: Callable[..., Run], ada: Person, programme: Programme
) -> None:
    spring = Cohort.objects.create(programme=programme, name="Spring")
    a = enrol(programme, Role.MENTEE, wants="python")
    x = enrol(programme, Role.MENTOR, offers="python", capacity=1)
    for p in (a, x):
        p.cohort = spring
        p.save()
    done = tribe(
        "programme",
        "match",
        "engineering",
        "--cohort",
        "Spring",
        "--objective",
        "fairness_floor",
        "--as",
        ada.email,
    )
    assert done.code == 0, done.err
    assert "1 of 1 mentee matched (fairness_floor)" in done.out
    assert "tribe programme publish engineering" in done.out
    missing = tribe("programme", "match", "engineering", "--cohort", "Autumn", "--as", ada.email)
    assert missing.code == 3 and "--cohort" in missing.err


def test_nobody_waiting_is_one_line(
    tribe: Callable[..., Run], ada: Person, programme: Programme
) -> None:
    done = tribe("programme", "match", "engineering", "--as", ada.email)
    assert done.code == 2
    assert len(done.err.strip().splitlines()) == 1 and "nobody is waiting" in done.err


def test_another_programmes_admin_is_told_not_found(
    tribe: Callable[..., Run], ada: Person, otto: Person, programme: Programme
) -> None:
    _pool(programme)
    done = tribe("programme", "match", "engineering", "--as", otto.email)
    assert done.code == 3 and "no such programme" in done.err
    tribe("programme", "match", "engineering", "--as", ada.email)
    run = MatchRun.objects.get()
    done = tribe("programme", "publish", "engineering", str(run.pk), "--as", otto.email)
    assert done.code == 3
    assert not MatchOffer.objects.exists()
