"""``tribe ask`` states the ask's size and what I can give back; ``tribe requests decline``
may offer to be asked again."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.factories import GoalFactory, RelationshipFactory
from tribe.cli.errors import CliCode
from tribe.core.codes import CoreCode
from tribe.outreach import selectors as outreach_selectors
from tribe.outreach import services as outreach
from tribe.outreach.selectors import MSG_NO_IS_FINE
from tribe.people.models import Person
from tribe.relationships.models import Relationship

Status = Relationship.Status
MAYA = ("--as", "maya@example.com")
RAVI = ("--as", "ravi@example.com")


@pytest.fixture
def prospect(maya: Person, ravi: Person) -> Relationship:
    rel = RelationshipFactory(
        mentee=maya, mentor=ravi, status=Status.PROSPECT, purpose="Learn to grow a PM org"
    )
    rel.goals.add(GoalFactory(person=maya, title="Lead a team of PMs"))
    return rel


def test_ask_sets_the_size_and_prints_it_in_the_draft(tribe, maya, prospect) -> None:
    run = tribe("ask", "Ravi", "--every", "14", "--minutes", "30", "--months", "6", *MAYA)

    assert run.code == 0, run.err
    prospect.refresh_from_db()
    assert (prospect.ask_cadence_days, prospect.ask_meeting_minutes, prospect.ask_months) == (
        14,
        30,
        6,
    )
    assert (
        "About 1 hour a month for 6 months: a 30-minute meeting every 2 weeks "
        "(13 meetings, about 6.5 hours in all).\n"
    ) in run.out
    assert "I could help with: product discovery." in run.out
    assert MSG_NO_IS_FINE in run.out
    assert run.out == outreach_selectors.request_draft(relationship=prospect, sender=maya)


def test_ask_json_carries_the_size_and_the_give_back(tribe, maya, prospect) -> None:
    run = tribe(
        "ask", "Ravi", "--months", "3", "--give-back", "Intros to my network", "--json", *MAYA
    )

    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["size"] == {
        "cadence_days": 30,
        "meeting_minutes": 30,
        "months": 3,
        "meetings": 3,
        "minutes_per_month": 30,
        "total_minutes": 90,
        "total_hours": 1.5,
        "sentence": (
            "About 30 minutes a month for 3 months: a 30-minute meeting every month "
            "(3 meetings, about 1.5 hours in all)."
        ),
        "warning": "",
    }
    assert data["give_back"] == "Intros to my network"
    assert "Intros to my network" in data["message"]


def test_an_empty_give_back_leaves_it_out(tribe, maya, prospect) -> None:
    run = tribe("ask", "Ravi", "--give-back", "", "--json", *MAYA)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["give_back"] == "" and "I could help with" not in data["message"]


def test_every_zero_proposes_the_mentors_cadence(tribe, ravi, prospect) -> None:
    ravi.preferred_cadence_days = 21
    ravi.save()
    tribe("ask", "Ravi", "--every", "14", *MAYA)
    run = tribe("ask", "Ravi", "--every", "0", "--json", *MAYA)
    assert run.code == 0, run.err
    assert json.loads(run.out)["size"]["cadence_days"] == 21


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--months", "25", CoreCode.OUT_OF_RANGE.template.format(low=1, high=24)),
        ("--minutes", "1", CoreCode.OUT_OF_RANGE.template.format(low=5, high=480)),
        ("--every", "400", CoreCode.OUT_OF_RANGE.template.format(low=1, high=366)),
        ("--months", "six", CliCode.NOT_A_NUMBER.template.format(value="six")),
    ],
)
def test_bad_sizes_name_the_option_and_write_nothing(
    tribe, prospect, option: str, value: str, message: str
) -> None:
    run = tribe("ask", "Ravi", option, value, "--purpose", "Changed", *MAYA)

    assert run.code == 2
    assert run.error_line == f"tribe ask: error: {option}: {message}"
    prospect.refresh_from_db()
    assert (prospect.purpose, prospect.ask_months, prospect.ask_meeting_minutes) == (
        "Learn to grow a PM org",
        6,
        30,
    )


def test_sent_json_carries_the_size(tribe, prospect) -> None:
    run = tribe("ask", "Ravi", "--send", "--json", *MAYA)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["sent"] is True and data["size"]["months"] == 6


# -- the mentor's side -----------------------------------------------------------------


@pytest.fixture
def asked(prospect: Relationship) -> Relationship:
    return outreach.outreach_send(
        actor=prospect.mentee,
        relationship=prospect,
        message="Dear Ravi,\nWould you mentor me?\nMaya",
        now=timezone.now() - dt.timedelta(days=2),
    )


def test_requests_show_the_size(tribe, asked) -> None:
    run = tribe("requests", *RAVI)
    assert run.code == 0, run.err
    assert "    About 30 minutes a month for 6 months: a 30-minute meeting every month" in run.out


def test_decline_may_offer_to_be_asked_again(tribe, asked) -> None:
    run = tribe("requests", "decline", str(asked.pk), "--ask-again", "3", "--json", *RAVI)
    assert run.code == 0, run.err
    assert json.loads(run.out)["ask_again_months"] == 3
    asked.refresh_from_db()
    assert (asked.status, asked.ask_again_months) == ("declined", 3)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", CoreCode.OUT_OF_RANGE.template.format(low=1, high=24)),
        ("soon", CliCode.NOT_A_NUMBER.template.format(value="soon")),
    ],
)
def test_decline_with_a_bad_ask_again_writes_nothing(
    tribe, asked, value: str, message: str
) -> None:
    run = tribe("requests", "decline", str(asked.pk), "--ask-again", value, *RAVI)
    assert run.code == 2
    assert run.error_line == f"tribe requests: error: --ask-again: {message}"
    asked.refresh_from_db()
    assert asked.status == "asked"


def test_a_large_ask_is_pointed_out_beside_the_draft(tribe, maya, prospect) -> None:
    run = tribe("ask", "Ravi", "--every", "1", "--minutes", "480", "--months", "24", *MAYA)

    assert run.code == 0, run.err
    assert "That is a large ask" in run.err
    assert "large ask" not in run.out  # the draft the mentor reads is unchanged
    data = json.loads(tribe("ask", "Ravi", "--every", "1", "--minutes", "480", "--json", *MAYA).out)
    assert "large ask" in data["size"]["warning"]
