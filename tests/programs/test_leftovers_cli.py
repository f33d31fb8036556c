"""``tribe programme …`` counts agree with their nouns (one offer, one mentee, one
place, one invitation), and publishing from the command queues the offer mail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run, tribe  # noqa: F401 (the fixture)
from tests.programme_fixtures import enrol
from tests.programs.pairs import pair
from tribe.core import clock
from tribe.outbox.models import Message
from tribe.people.models import Person
from tribe.programs.models import MatchRun, Programme, Role

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now() -> object:
    with clock.frozen(NOW):
        yield


def test_one_of_each_is_said_in_the_singular(
    tribe: Callable[..., Run],  # noqa: F811
    ada: Person,
    programme: Programme,
) -> None:
    enrol(programme, Role.MENTEE, wants="python")
    enrol(programme, Role.MENTOR, offers="python", capacity=1)
    enrol(programme, Role.MENTEE, wants="design")
    match = tribe("programme", "match", "engineering", "--as", ada.email)
    assert match.code == 0, match.err
    assert "1 of 2 mentees matched" in match.out
    assert "1 place too few for everyone" in match.out
    run = MatchRun.objects.get()
    published = tribe("programme", "publish", "engineering", str(run.pk), "--as", ada.email)
    assert published.code == 0, published.err
    assert f"Run {run.pk} published: 1 offer, waiting for both answers." in published.out
    assert Message.objects.filter(kind=Message.Kind.PROGRAMME_OFFER).count() == 2
    people = tribe("programme", "people", "engineering", "--as", ada.email)
    assert "2 mentees, 1 mentor, 0 both, 0 left" in people.out
    assert "0 open invitations" in people.out
    invited = tribe(
        "programme", "invite", "engineering", "--email", "new@example.com", "--as", ada.email
    )
    assert invited.code == 0, invited.err
    assert "1 invitation sent (valid 14 days, for its address):" in invited.out


def test_the_report_and_engagement_count_in_the_singular(
    tribe: Callable[..., Run],  # noqa: F811
    ada: Person,
    programme: Programme,
) -> None:
    pair(programme)
    enrol(programme, Role.MENTEE)
    report = tribe("programme", "report", "engineering", "--as", ada.email)
    assert report.code == 0, report.err
    assert "Match scores: 1 offer, mean 0.70" in report.out
    engagement = tribe("programme", "engagement", "engineering", "--as", ada.email)
    assert engagement.code == 0, engagement.err
    assert "1 person waiting for a match, 0 offers waiting for an answer" in engagement.out
