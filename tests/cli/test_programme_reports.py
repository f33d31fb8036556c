"""``tribe programme report`` and ``tribe programme engagement``: the same figures as
the dashboard, not found for a programme the person does not run, no private word."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run
from tests.programs.pairs import NOW, PRIVATE, pair, private_pair
from tribe.core import clock
from tribe.people.models import Person
from tribe.programs.models import Cohort, Programme
from tribe.programs.reports import programme_report, report_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now() -> object:
    with clock.frozen(NOW):
        yield


def test_report_json_is_the_reports_figures(
    tribe: Callable[..., Run], ada: Person, programme: Programme
) -> None:
    pair(programme, held=(4,))
    done = tribe("programme", "report", "engineering", "--as", ada.email, "--json")
    assert done.code == 0, done.err
    expected = report_data(programme_report(programme=programme, zone_name=ada.timezone, now=NOW))
    assert json.loads(done.out) == json.loads(json.dumps(expected))


def test_report_as_text(tribe: Callable[..., Run], ada: Person, programme: Programme) -> None:
    Cohort.objects.create(programme=programme, name="Spring")
    pair(programme, held=(4,))
    done = tribe("programme", "report", "engineering", "--as", ada.email)
    assert done.code == 0, done.err
    for words in ("Enrolment funnel", "Met at least once", "Match scores", "Spring", "Surveys"):
        assert words in done.out


def test_engagement_per_cohort_and_its_pairs(
    tribe: Callable[..., Run], ada: Person, programme: Programme
) -> None:
    spring = Cohort.objects.create(programme=programme, name="Spring")
    offer = pair(programme, cohort=spring, held=(4,))
    done = tribe("programme", "engagement", "engineering", "--as", ada.email, "--cohort", "Spring")
    assert done.code == 0, done.err
    assert "Spring" in done.out and offer.mentee.person.name in done.out
    data = json.loads(
        tribe("programme", "engagement", "engineering", "--as", ada.email, "--cohort", "Spring",
              "--json").out
    )  # fmt: skip
    assert data["total"]["pairs"] == 1 and data["pairs"][0]["meetings_held"] == 1
    missing = tribe("programme", "engagement", "engineering", "--as", ada.email, "--cohort", "X")
    assert missing.code == 3 and "--cohort" in missing.error_line


def test_another_programme_is_not_found(
    tribe: Callable[..., Run], ada: Person, other_programme: Programme
) -> None:
    for command in ("report", "engagement"):
        done = tribe("programme", command, "sales", "--as", ada.email)
        assert done.code == 3 and done.out == ""
        assert "no such programme" in done.error_line


def test_no_private_word_in_any_output(
    tribe: Callable[..., Run], ada: Person, programme: Programme
) -> None:
    private_pair(programme, cohort=Cohort.objects.create(programme=programme, name="Spring"))
    outputs = [
        tribe("programme", "report", "engineering", "--as", ada.email).out,
        tribe("programme", "report", "engineering", "--as", ada.email, "--json").out,
        tribe("programme", "engagement", "engineering", "--as", ada.email, "--cohort", "Spring").out,
        tribe("programme", "engagement", "engineering", "--as", ada.email, "--cohort", "Spring",
              "--json").out,
    ]  # fmt: skip
    for out in outputs:
        assert out and [m for m in PRIVATE.values() if m in out] == []
