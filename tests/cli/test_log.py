"""``tribe log contact|advice|thanks|win``: written through the services, all or nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.factories import GoalFactory, PersonFactory, RelationshipFactory
from tribe.cli.errors import CliCode
from tribe.core.errors import Conflict
from tribe.core.zones import local
from tribe.ledger import services as ledger
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice, Gratitude, Touchpoint, Win
from tribe.ledger.selectors import relationships_with_health
from tribe.people.models import Person
from tribe.relationships import services as relationships
from tribe.relationships.errors import MSG_NOBODY
from tribe.relationships.models import Relationship

MAYA = ("--as", "maya@example.com")


def today_of(person: Person) -> dt.date:
    """The person's own date: the command reads the wall clock, so tests do too."""
    return local(timezone.now(), person.timezone).date()


def nothing_written() -> bool:
    return not (
        Touchpoint.objects.exists()
        or Advice.objects.exists()
        or Gratitude.objects.exists()
        or Win.objects.exists()
    )


# --------------------------------------------------------------------------- contact


def test_log_contact_records_the_day_it_happened(tribe, maya, maya_ravi) -> None:
    day = today_of(maya) - dt.timedelta(days=4)

    run = tribe(
        "log",
        "contact",
        "Ravi",
        "--kind",
        "call",
        "--on",
        day.isoformat(),
        "--note",
        "quick chat",
        *MAYA,
    )

    assert run.code == 0, run.err
    assert run.out == f"Logged a call with Ravi Menon on {day:%d %b %Y}.\n"
    (touch,) = Touchpoint.objects.all()
    assert (touch.relationship_id, touch.author_id) == (maya_ravi.pk, maya.pk)
    assert (touch.kind, touch.happened_on, touch.note) == ("call", day, "quick chat")


def test_log_contact_resets_the_contact_clock(tribe, maya, maya_ravi) -> None:
    day = today_of(maya) - dt.timedelta(days=2)

    assert tribe("log", "contact", "ravi", "--kind", "message", "--on", str(day), *MAYA).code == 0

    (row,) = relationships_with_health(person=maya)
    assert row.relationship.last_touch_on == day


def test_log_contact_json_defaults_to_the_persons_own_today(tribe, maya, maya_ravi) -> None:
    run = tribe("log", "contact", "ravi@example.com", "--kind", "in_person", "--json", *MAYA)

    assert run.code == 0, run.err
    data = json.loads(run.out)
    touch = Touchpoint.objects.get()
    assert data == {
        "id": touch.pk,
        "relationship_id": maya_ravi.pk,
        "with": "Ravi Menon",
        "kind": "in_person",
        "happened_on": today_of(maya).isoformat(),
        "note": "",
    }


def test_today_is_the_persons_local_date_not_the_servers(tribe) -> None:
    # UTC+14: for ten hours of every UTC day, Kiribati is already on tomorrow.
    far_east = PersonFactory(
        name="Tabu Teiwaki", email="tabu@example.com", timezone="Pacific/Kiritimati"
    )
    RelationshipFactory(mentee=far_east)
    their_today = today_of(far_east)

    ok = tribe(
        "log",
        "contact",
        "Person",
        "--kind",
        "call",
        "--on",
        str(their_today),
        "--as",
        "tabu@example.com",
    )
    too_late = tribe(
        "log",
        "contact",
        "Person",
        "--kind",
        "call",
        "--on",
        str(their_today + dt.timedelta(days=1)),
        "--as",
        "tabu@example.com",
    )

    assert ok.code == 0, ok.err
    assert too_late.code == 2
    assert Touchpoint.objects.count() == 1


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "2026-02-30", ""])
def test_a_bad_date_names_the_option_and_writes_nothing(tribe, maya, maya_ravi, value) -> None:
    run = tribe("log", "contact", "Ravi", "--kind", "call", "--on", value, *MAYA)

    assert run.code == 2
    assert run.out == ""
    assert run.error_line == f"tribe log: error: --on: {CliCode.DATE.template.format(value=value)}"
    assert nothing_written()


def test_a_future_date_is_refused_for_every_kind_of_log(tribe, maya, maya_ravi) -> None:
    tomorrow = str(today_of(maya) + dt.timedelta(days=1))
    commands = [
        ("contact", "Ravi", "--kind", "call"),
        ("advice", "Ravi", "Say no more often"),
        ("thanks", "Ravi", "A card"),
        ("win", "Promoted"),
    ]
    for command in commands:
        run = tribe("log", *command, "--on", tomorrow, *MAYA)

        assert run.code == 2, command
        assert run.error_line == f"tribe log: error: --on: {LedgerCode.FUTURE_DATE.template}"
    assert nothing_written()


def test_an_unknown_person_writes_nothing(tribe, maya, maya_ravi, eve) -> None:
    run = tribe("log", "contact", "eve", "--kind", "call", *MAYA)

    assert run.code == 3
    assert run.out == ""
    assert run.error_line == f"tribe log: error: WITH: {MSG_NOBODY.format(query='eve')}"
    assert nothing_written()


def test_an_unknown_kind_is_a_usage_error(tribe, maya, maya_ravi, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        tribe("log", "contact", "Ravi", "--kind", "pigeon", *MAYA)

    assert exit_info.value.code == 2
    assert "invalid choice: 'pigeon'" in capsys.readouterr().err
    assert nothing_written()


def test_an_ended_relationship_can_still_be_logged(tribe, maya, maya_ravi, now) -> None:
    relationships.relationship_set_status(
        actor=maya_ravi.mentee, relationship=maya_ravi, status="ended", now=now
    )

    assert tribe("log", "contact", "Ravi", "--kind", "email", *MAYA).code == 0
    assert Touchpoint.objects.get().relationship_id == maya_ravi.pk


def test_the_open_relationship_is_preferred_over_an_ended_one(tribe, maya, ravi, maya_ravi, now):
    relationships.relationship_set_status(
        actor=maya_ravi.mentee, relationship=maya_ravi, status="ended", now=now
    )
    again = RelationshipFactory(mentee=maya, mentor=ravi, status=Relationship.Status.ACTIVE)

    assert tribe("log", "contact", "Ravi", "--kind", "email", *MAYA).code == 0
    assert Touchpoint.objects.get().relationship_id == again.pk


# --------------------------------------------------------------------------- advice


def test_log_advice_with_a_decision_and_report_back(tribe, maya, maya_ravi) -> None:
    day = today_of(maya) - dt.timedelta(days=1)

    run = tribe(
        "log",
        "advice",
        "Ravi",
        "Write a one-page strategy",
        "--on",
        str(day),
        "--decision",
        "try",
        "--reason",
        "cheap to test",
        "--report-back",
        "--json",
        *MAYA,
    )

    assert run.code == 0, run.err
    advice = Advice.objects.get()
    assert json.loads(run.out) == {
        "id": advice.pk,
        "relationship_id": maya_ravi.pk,
        "with": "Ravi Menon",
        "text": "Write a one-page strategy",
        "given_on": day.isoformat(),
        "decision": "try",
        "reason": "cheap to test",
        "report_back": True,
    }
    assert (advice.recorded_by_id, advice.decision, advice.report_back) == (maya.pk, "try", True)


def test_log_advice_without_a_decision_leaves_it_undecided(tribe, maya, maya_ravi) -> None:
    run = tribe("log", "advice", "Ravi", "Read High Output Management", *MAYA)

    assert run.code == 0, run.err
    assert run.out == f"Logged advice from Ravi Menon on {today_of(maya):%d %b %Y}.\n"
    advice = Advice.objects.get()
    assert (advice.decision, advice.report_back, advice.given_on) == (
        "undecided",
        False,
        today_of(maya),
    )


def test_advice_and_its_decision_are_written_together_or_not_at_all(tribe, maya, maya_ravi):
    # Parking advice needs a reason: the decision fails after the advice was created.
    run = tribe("log", "advice", "Ravi", "Move to sales", "--decision", "park", *MAYA)

    assert run.code == 2
    assert run.error_line == f"tribe log: error: --reason: {LedgerCode.REASON_NEEDED.template}"
    assert nothing_written()


def test_a_reason_without_a_decision_is_refused(tribe, maya, maya_ravi) -> None:
    run = tribe("log", "advice", "Ravi", "Move to sales", "--reason", "not now", *MAYA)

    assert run.code == 2
    assert run.error_line == f"tribe log: error: --reason: {CliCode.REASON_ALONE.template}"
    assert nothing_written()


def test_empty_advice_names_the_argument(tribe, maya, maya_ravi) -> None:
    run = tribe("log", "advice", "Ravi", "   ", *MAYA)

    assert run.code == 2
    assert run.error_line.startswith("tribe log: error: TEXT: ")
    assert nothing_written()


# --------------------------------------------------------------------------- thanks


def test_log_thanks_for_a_piece_of_advice(tribe, maya, maya_ravi) -> None:
    advice = ledger.advice_record(
        actor=maya,
        relationship=maya_ravi,
        text="Ask for the stretch project",
        given_on=today_of(maya),
        today=today_of(maya),
    )

    run = tribe(
        "log",
        "thanks",
        "Ravi",
        "Sent a card",
        "--kind",
        "gift",
        "--advice",
        str(advice.pk),
        "--json",
        *MAYA,
    )

    assert run.code == 0, run.err
    thanks = Gratitude.objects.get()
    assert json.loads(run.out) == {
        "id": thanks.pk,
        "relationship_id": maya_ravi.pk,
        "with": "Ravi Menon",
        "kind": "gift",
        "given_on": today_of(maya).isoformat(),
        "description": "Sent a card",
        "advice_id": advice.pk,
    }
    assert thanks.given_by_id == maya.pk


def test_log_thanks_defaults_to_a_thank_you_note(tribe, maya, maya_ravi) -> None:
    run = tribe("log", "thanks", "Ravi", "Thanks for Tuesday", *MAYA)

    assert run.code == 0, run.err
    assert run.out.startswith("Logged thank-you note for Ravi Menon on ")
    assert Gratitude.objects.get().kind == "thank_you"


def test_thanks_for_advice_from_someone_else_is_refused(tribe, maya, maya_ravi):
    elsewhere = RelationshipFactory(mentee=maya)
    from_sam = ledger.advice_record(
        actor=maya,
        relationship=elsewhere,
        text="Another mentor's idea",
        given_on=today_of(maya),
        today=today_of(maya),
    )

    run = tribe("log", "thanks", "Ravi", "Card", "--advice", str(from_sam.pk), *MAYA)

    assert run.code == 2
    assert run.error_line == (
        "tribe log: error: --advice: is advice from someone other than Ravi Menon"
    )
    assert not Gratitude.objects.exists()


@pytest.mark.parametrize("advice_id", ["999999", "abc"])
def test_thanks_for_unknown_advice_is_not_found(tribe, maya, maya_ravi, advice_id) -> None:
    run = tribe("log", "thanks", "Ravi", "Card", "--advice", advice_id, *MAYA)

    assert run.code == 3
    assert run.error_line == "tribe log: error: --advice: no such advice"
    assert nothing_written()


def test_someone_elses_advice_is_not_found(tribe, maya, maya_ravi, sam) -> None:
    # Sam's advice log is his own, even when Maya can guess its id.
    his = ledger.advice_record(
        actor=sam,
        relationship=RelationshipFactory(mentee=sam),
        text="His note",
        given_on=today_of(sam),
        today=today_of(sam),
    )

    run = tribe("log", "thanks", "Ravi", "Card", "--advice", str(his.pk), *MAYA)

    assert run.code == 3
    assert run.error_line == "tribe log: error: --advice: no such advice"


def test_a_mentor_cannot_write_in_the_mentees_advice_log(maya_ravi, ravi) -> None:
    with pytest.raises(Conflict) as exc:
        ledger.advice_record(
            actor=ravi,
            relationship=maya_ravi,
            text="x",
            given_on=today_of(ravi),
            today=today_of(ravi),
        )
    assert exc.value.message == LedgerCode.NOT_MENTEE.template


# --------------------------------------------------------------------------- win


def test_log_win_for_a_goal(tribe, maya) -> None:
    goal = GoalFactory(person=maya, title="Lead a team")
    day = today_of(maya) - dt.timedelta(days=3)

    run = tribe(
        "log",
        "win",
        "Hired my first report",
        "--goal",
        str(goal.pk),
        "--on",
        str(day),
        "--json",
        *MAYA,
    )

    assert run.code == 0, run.err
    win = Win.objects.get()
    assert json.loads(run.out) == {
        "id": win.pk,
        "text": "Hired my first report",
        "happened_on": day.isoformat(),
        "goal_id": goal.pk,
    }
    assert win.person_id == maya.pk


def test_log_win_text_output(tribe, maya) -> None:
    run = tribe("log", "win", "Gave a talk", *MAYA)

    assert run.code == 0
    assert run.out == f"Logged a win on {today_of(maya):%d %b %Y}: Gave a talk\n"


def test_a_win_for_someone_elses_goal_is_not_found(tribe, maya, ravi) -> None:
    his_goal = GoalFactory(person=ravi)

    run = tribe("log", "win", "Done", "--goal", str(his_goal.pk), *MAYA)

    assert run.code == 3
    assert run.error_line == "tribe log: error: --goal: no such goal"
    assert nothing_written()


def test_a_bad_win_date_writes_nothing(tribe, maya) -> None:
    run = tribe("log", "win", "Done", "--on", "2026-13-01", *MAYA)

    assert run.code == 2
    assert (
        run.error_line
        == f"tribe log: error: --on: {CliCode.DATE.template.format(value='2026-13-01')}"
    )
    assert nothing_written()


def test_the_mentor_is_told_the_advice_log_is_the_mentees(tribe, maya_ravi, ravi) -> None:
    run = tribe("log", "advice", "Maya", "Say no more often", "--as", "ravi@example.com")

    assert run.code == 2
    assert run.error_line == f"tribe log: error: {LedgerCode.NOT_MENTEE.template}"
    assert nothing_written()
