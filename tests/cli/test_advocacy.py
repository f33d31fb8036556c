"""``tribe advocacy``: ask, list (``--json``), agree, decline, done, outcome and withdraw;
ids only among the caller's own relationships; errors name the option."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run
from tests.factories import RelationshipFactory
from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.advocacy.services import ask_create
from tribe.cli.output import person_today
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def sponsorship(maya: Person, ravi: Person) -> Relationship:
    return RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya, kind="sponsor")


@pytest.fixture
def ask(maya: Person, sponsorship: Relationship) -> AdvocacyAsk:
    return ask_create(
        author=maya,
        relationship=sponsorship,
        audience="the VP",
        opportunity="the lead role",
        today=person_today(maya),
    )


def test_ask_then_list_as_json(
    tribe: Callable[..., Run], maya: Person, ravi: Person, sponsorship: Relationship
) -> None:
    by = (person_today(maya) + dt.timedelta(days=20)).isoformat()
    done = tribe(
        "advocacy", "ask", "ravi", "--as", maya.email, "--to", "the CTO",
        "--about", "the platform team", "--case", "Cut costs by half", "--by", by,
    )  # fmt: skip
    assert done.code == 0, done.err
    ask = AdvocacyAsk.objects.get()
    assert f"ask #{ask.pk}" in done.out and "the CTO" in done.out
    assert (ask.relationship, ask.by_when.isoformat()) == (sponsorship, by)
    listed = tribe("advocacy", "list", "--as", ravi.email, "--json")
    assert listed.code == 0
    (row,) = json.loads(listed.out)
    assert row["id"] == ask.pk and row["status"] == "asked" and row["with"] == "Maya Chen"
    assert row["steps"] == ["agree", "decline"] and row["case"] == "Cut costs by half"
    text = tribe("advocacy", "list", "maya", "--as", ravi.email)
    assert f"#{ask.pk}  Asked  Maya Chen" in text.out and "Why me: Cut costs by half" in text.out


def test_the_whole_pipeline(
    tribe: Callable[..., Run], maya: Person, ravi: Person, ask: AdvocacyAsk
) -> None:
    agreed = tribe("advocacy", "agree", str(ask.pk), "--as", ravi.email, "--note", "Gladly")
    assert agreed.code == 0 and f"Agreed to ask #{ask.pk}." in agreed.out
    done = tribe("advocacy", "done", str(ask.pk), "--as", ravi.email, "--json")
    assert json.loads(done.out)["status"] == "done"
    outcome = tribe("advocacy", "outcome", str(ask.pk), "She got it", "--as", maya.email)
    assert outcome.code == 0
    stored = AdvocacyAsk.objects.get()
    assert (stored.status, stored.answer_note, stored.outcome) == (
        AskStatus.OUTCOME,
        "Gladly",
        "She got it",
    )


def test_decline_and_withdraw(
    tribe: Callable[..., Run], maya: Person, ravi: Person, ask: AdvocacyAsk
) -> None:
    assert tribe("advocacy", "withdraw", str(ask.pk), "--as", maya.email).code == 0
    refused = tribe("advocacy", "decline", str(ask.pk), "--as", ravi.email)
    assert refused.code == 2 and "this ask was withdrawn" in refused.error_line


def test_the_protege_cannot_agree_for_the_sponsor(
    tribe: Callable[..., Run], maya: Person, ask: AdvocacyAsk
) -> None:
    refused = tribe("advocacy", "agree", str(ask.pk), "--as", maya.email)
    assert refused.code == 2 and "only the sponsor, Ravi Menon" in refused.error_line
    assert AdvocacyAsk.objects.get().status == AskStatus.ASKED


def test_a_strangers_ids_are_not_found(
    tribe: Callable[..., Run], eve: Person, ask: AdvocacyAsk
) -> None:
    for args in (
        ("agree", str(ask.pk)),
        ("withdraw", str(ask.pk)),
        ("outcome", str(ask.pk), "x"),
        ("done", "nonsense"),
    ):
        run = tribe("advocacy", *args, "--as", eve.email)
        assert run.code == 3 and run.error_line.startswith("tribe advocacy: error: ID:"), args
    asking = tribe("advocacy", "ask", "maya", "--as", eve.email, "--to", "a", "--about", "b")
    assert asking.code != 0 and "WITH" in asking.error_line
    listed = tribe("advocacy", "list", "--as", eve.email, "--json")
    assert json.loads(listed.out) == []
    assert AdvocacyAsk.objects.get().status == AskStatus.ASKED


def test_bad_input_names_the_option_and_writes_nothing(
    tribe: Callable[..., Run], maya: Person, ravi: Person, sponsorship: Relationship
) -> None:
    base = ("advocacy", "ask", "ravi", "--as", maya.email, "--about", "a role")
    for extra, option in (
        (("--to", "x" * 201), "--to"),
        (("--to", "  "), "--to"),
        (("--to", "the VP", "--by", "2020-01-01"), "--by"),
        (("--to", "the VP", "--by", "soon"), "--by"),
    ):
        run = tribe(*base, *extra)
        assert run.code == 2 and f"error: {option}:" in run.error_line, (extra, run.err)
    assert not AdvocacyAsk.objects.exists()


def test_a_mentor_relationship_takes_no_ask(
    tribe: Callable[..., Run], maya: Person, maya_ravi: Relationship
) -> None:
    run = tribe("advocacy", "ask", "ravi", "--as", maya.email, "--to", "a", "--about", "b")
    assert run.code == 2 and "WITH: advocacy asks belong to sponsor relationships" in run.err
    assert not AdvocacyAsk.objects.exists()


def test_done_with_a_day_in_the_future_names_on(
    tribe: Callable[..., Run], ravi: Person, ask: AdvocacyAsk
) -> None:
    tribe("advocacy", "agree", str(ask.pk), "--as", ravi.email)
    future = (person_today(ravi) + dt.timedelta(days=2)).isoformat()
    run = tribe("advocacy", "done", str(ask.pk), "--on", future, "--as", ravi.email)
    assert run.code == 2 and "--on: cannot be in the future" in run.error_line
