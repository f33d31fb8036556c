"""``tribe goals``, ``tribe goal add|need`` and ``tribe find``: the kind of help each goal
needs and the kind its words suggest, chosen from the command line."""

from __future__ import annotations

import json

import pytest

from tests.factories import GoalFactory
from tribe.cli.errors import CliCode
from tribe.people.errors import PeopleCode
from tribe.people.models import Goal, Person
from tribe.people.needs import suggest_need

MAYA = ("--as", "maya@example.com")


@pytest.fixture
def rehearse(maya: Person) -> Goal:
    return GoalFactory(person=maya, title="Rehearse conference talks", why="Speak at QCon")


def test_goals_lists_the_need_and_the_suggestion(tribe, maya: Person, rehearse: Goal) -> None:  # type: ignore[no-untyped-def]
    GoalFactory(person=maya, title="Get promoted", need="sponsor")
    run = tribe("goals", *MAYA)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Your goals:"
    (rehearse_line,) = [line for line in lines if "Rehearse" in line]
    assert " - " in rehearse_line  # nothing chosen yet
    assert "Coach: " + suggest_need(rehearse.title, rehearse.why).reason in rehearse_line
    (promoted,) = [line for line in lines if "Get promoted" in line]
    assert "Sponsor" in promoted

    listed = json.loads(tribe("goals", *MAYA, "--json").out)
    by_title = {g["title"]: g for g in listed}
    assert by_title["Rehearse conference talks"]["need"] == ""
    assert by_title["Rehearse conference talks"]["suggested_need"] == {
        "kind": "coach",
        "word": "rehearse",
        "reason": suggest_need(rehearse.title).reason,
    }
    assert by_title["Get promoted"]["need"] == "sponsor"


def test_goals_are_the_callers_own(tribe, maya: Person, eve: Person, rehearse: Goal) -> None:  # type: ignore[no-untyped-def]
    run = tribe("goals", "--as", "eve@example.com", "--json")
    assert json.loads(run.out) == []
    assert "No goals yet" in tribe("goals", "--as", "eve@example.com").out


def test_goal_add_with_a_need(tribe, maya: Person) -> None:  # type: ignore[no-untyped-def]
    run = tribe(
        "goal", "add", "Study Rust together", "--why", "a side project", "--by", "2027-03-01",
        "--need", "peer", *MAYA,
    )  # fmt: skip
    assert run.code == 0, run.err
    goal = Goal.objects.get(person=maya)
    assert (goal.title, goal.need, goal.target_date.isoformat()) == (
        "Study Rust together",
        "peer",
        "2027-03-01",
    )
    assert "needs: Peer mentor." in run.out
    made = json.loads(tribe("goal", "add", "Lead a team", *MAYA, "--json").out)
    assert made["need"] == "" and made["suggested_need"]["kind"] == "mentor"


@pytest.mark.parametrize(
    ("args", "option", "message"),
    [
        (
            ("--need", "boss"),
            "--need",
            PeopleCode.BAD_GOAL_NEED.template.format(
                value="boss", choices="mentor, coach, sponsor, peer"
            ),
        ),
        (("--by", "next year"), "--by", CliCode.DATE.template.format(value="next year")),
    ],
)
def test_goal_add_refuses_bad_input_and_writes_nothing(  # type: ignore[no-untyped-def]
    tribe, maya: Person, args: tuple[str, ...], option: str, message: str
) -> None:
    run = tribe("goal", "add", "Lead a team", *args, *MAYA)
    assert run.code != 0
    assert run.error_line == f"tribe goal: error: {option}: {message}"
    assert not Goal.objects.exists()


def test_goal_need_chooses_the_kind(tribe, maya: Person, rehearse: Goal) -> None:  # type: ignore[no-untyped-def]
    run = tribe("goal", "need", str(rehearse.pk), "sponsor", *MAYA)
    assert run.code == 0, run.err
    assert run.out.strip() == (
        "“Rehearse conference talks” needs: Sponsor. Prospects you add for it are asked as "
        "this kind."
    )
    rehearse.refresh_from_db()
    assert rehearse.need == "sponsor"
    # By part of the title, and "suggested" takes what its words say.
    run = tribe("goal", "need", "conference", "suggested", *MAYA, "--json")
    assert json.loads(run.out)["need"] == "coach"
    rehearse.refresh_from_db()
    assert rehearse.need == "coach"
    run = tribe("goal", "need", "conference", "none", *MAYA)
    assert "no kind of help chosen" in run.out
    rehearse.refresh_from_db()
    assert rehearse.need == ""


def test_goal_need_refuses_an_unknown_kind(tribe, maya: Person, rehearse: Goal) -> None:  # type: ignore[no-untyped-def]
    run = tribe("goal", "need", str(rehearse.pk), "boss", *MAYA)
    assert run.code != 0
    assert run.error_line == (
        "tribe goal: error: KIND: “boss” is not one of mentor, coach, sponsor, peer"
    )
    rehearse.refresh_from_db()
    assert rehearse.need == ""


def test_goal_need_finds_only_the_callers_goals(
    tribe, maya: Person, eve: Person, rehearse: Goal
) -> None:  # type: ignore[no-untyped-def]
    run = tribe("goal", "need", str(rehearse.pk), "coach", "--as", "eve@example.com")
    assert run.code != 0
    assert run.error_line.startswith("tribe goal: error: GOAL: ")
    assert "Rehearse" not in run.error_line  # Maya's goals are not named to Eve
    rehearse.refresh_from_db()
    assert rehearse.need == ""


def test_find_shows_the_first_step_with_needs(tribe, maya: Person, rehearse: Goal) -> None:  # type: ignore[no-untyped-def]
    GoalFactory(person=maya, title="Get promoted", need="sponsor")
    GoalFactory(person=maya, title="Practise Spanish", status="achieved")
    run = tribe("find", *MAYA)
    assert run.code == 0, run.err
    out = run.out
    assert out.startswith("Step 1: know your why\n")
    assert "Rehearse conference talks" in out
    reason = suggest_need(rehearse.title, rehearse.why).reason
    assert f"suggested: Coach, because {reason}" in out
    assert "needs: Sponsor" in out
    assert "Practise Spanish" not in out  # achieved
    assert "tribe goal need GOAL KIND" in out
    assert "Step 5: start right" in out

    data = json.loads(tribe("find", *MAYA, "--json").out)
    goals = {g["title"]: g for g in data["goals"]}
    assert set(goals) == {"Rehearse conference talks", "Get promoted"}
    assert goals["Rehearse conference talks"]["need"] == ""
    assert goals["Rehearse conference talks"]["suggested_need"]["kind"] == "coach"
    assert goals["Get promoted"]["need"] == "sponsor"
    assert goals["Get promoted"]["suggested_need"]["kind"] == "sponsor"
    assert data["outreach"] == [] and data["starting"] == []
