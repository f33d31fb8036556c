"""``tribe today``: who is asking, text and JSON output, errors."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from tests.factories import ActionItemFactory, MeetingFactory, PersonFactory
from tribe.cli.errors import CliCode
from tribe.people.errors import PeopleCode

ITEM_KEYS = {
    "kind", "title", "detail", "urgency", "due", "relationship_id", "id", "with", "programme",
}  # fmt: skip


def test_today_json_has_the_documented_keys(tribe, maya, maya_ravi) -> None:
    # The command reads the wall clock, so the data is placed around it.
    today = timezone.now().date()
    overdue = ActionItemFactory(
        relationship=maya_ravi, title="Draft the plan", due_on=today - dt.timedelta(days=3)
    )
    meeting = MeetingFactory(
        relationship=maya_ravi, starts_at=timezone.now() + dt.timedelta(days=2)
    )

    run = tribe("today", "--as", "maya@example.com", "--json")

    assert run.code == 0
    assert run.err == ""
    data = json.loads(run.out)
    assert set(data) == {"person", "date", "items"}
    assert data["person"] == "maya@example.com"
    dt.date.fromisoformat(data["date"])
    assert [set(item) for item in data["items"]] == [ITEM_KEYS] * len(data["items"])
    first = data["items"][0]
    assert first["kind"] == "action_item"
    assert first["id"] == overdue.pk
    assert first["urgency"] == "overdue"
    assert first["due"] == overdue.due_on.isoformat()
    assert first["relationship_id"] == maya_ravi.pk
    assert first["with"] == "Ravi Menon"
    assert {"kind": "meeting", "id": meeting.pk} in [
        {"kind": i["kind"], "id": i["id"]} for i in data["items"]
    ]


def test_today_text_lists_the_items(tribe, maya, maya_ravi) -> None:
    ActionItemFactory(
        relationship=maya_ravi,
        title="Draft the plan",
        due_on=timezone.now().date() - dt.timedelta(days=3),
    )

    run = tribe("today", "--as", "maya@example.com")

    assert run.code == 0
    assert run.out.startswith("Today for Maya Chen, ")
    assert " ! Draft the plan — due " in run.out
    # Ravi is active with no planned meeting: Maya is asked to schedule one.
    assert " - Schedule the next meeting with Ravi Menon — " in run.out
    assert run.err == ""


def test_today_with_nothing_due_says_so(tribe, eve) -> None:
    run = tribe("today", "--as", "eve@example.com")

    assert run.code == 0
    assert "Nothing is due." in run.out


def test_today_json_with_nothing_due_has_an_empty_list(tribe, eve) -> None:
    run = tribe("today", "--as", "eve@example.com", "--json")

    assert run.code == 0
    assert json.loads(run.out)["items"] == []


def test_the_only_account_needs_no_as(tribe, maya) -> None:
    run = tribe("today", "--json")

    assert run.code == 0
    assert json.loads(run.out)["person"] == "maya@example.com"


def test_as_matches_the_email_whatever_its_case(tribe, maya, ravi) -> None:
    run = tribe("today", "--as", "MAYA@Example.com", "--json")

    assert run.code == 0
    assert json.loads(run.out)["person"] == "maya@example.com"


def test_an_unknown_as_email_is_a_one_line_error(tribe, maya) -> None:
    run = tribe("today", "--as", "nobody@example.com")

    assert run.code == 3
    assert run.out == ""
    message = PeopleCode.NO_ACCOUNT.template.format(email="nobody@example.com")
    assert run.error_line == f"tribe today: error: --as: {message}"


def test_several_accounts_and_no_as_is_ambiguous(tribe, maya, ravi) -> None:
    PersonFactory()

    run = tribe("today")

    assert run.code == 2
    assert run.out == ""
    assert run.error_line == f"tribe today: error: --as: {CliCode.WHO.template.format(count=3)}"


def test_no_accounts_at_all_points_to_the_demo(tribe) -> None:
    run = tribe("today", "--json")

    assert run.code == 3
    assert run.out == ""
    assert run.error_line == f"tribe today: error: --as: {CliCode.NO_ACCOUNTS.template}"
