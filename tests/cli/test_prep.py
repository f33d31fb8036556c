"""``tribe prep WITH``: the next meeting's agenda, as Markdown or JSON, never a private note."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests.factories import ActionItemFactory, MeetingFactory, PersonFactory, RelationshipFactory
from tribe.cli.errors import CliCode
from tribe.core.zones import local
from tribe.ledger import services as ledger
from tribe.meetings import services as meetings
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.relationships import services as relationships
from tribe.relationships.errors import MSG_AMBIGUOUS, MSG_NOBODY
from tribe.relationships.models import Relationship

#: Text written where only its author may read it: must never reach an agenda.
PRIVATE = (
    "PRIVATE maya thinks the reorg is a mess",
    "PRIVATE ravi worries maya will leave",
    "PRIVATE call note about salary",
)
MEETING_KEYS = {"id", "title", "starts_at", "starts_local", "ends_at", "timezone", "status"}
AGENDA_KEYS = {
    "meeting",
    "relationship_id",
    "with",
    "since",
    "purpose",
    "questions",
    "action_items",
    "wins",
    "goals",
    "report_back",
    "learned",
    "edited",
    "markdown",
}


@dataclass(frozen=True)
class Prepared:
    next_meeting: Meeting
    later_meeting: Meeting


@pytest.fixture
def prepared(maya: Person, ravi: Person, maya_ravi: Relationship) -> Prepared:
    """Maya and Ravi between two meetings, with something in every agenda section.

    The command reads the wall clock, so the data is placed around it.
    """
    moment = timezone.now()
    today = local(moment, maya.timezone).date()
    maya_ravi.purpose = "Grow from product manager to head of product"
    maya_ravi.save()
    held = MeetingFactory(
        relationship=maya_ravi,
        title="Kick-off",
        status=Meeting.Status.HELD,
        starts_at=moment - dt.timedelta(days=10),
    )
    next_meeting = MeetingFactory(
        relationship=maya_ravi, title="Monthly", starts_at=moment + dt.timedelta(days=3)
    )
    later_meeting = MeetingFactory(
        relationship=maya_ravi, title="Quarterly", starts_at=moment + dt.timedelta(days=30)
    )
    MeetingFactory(  # cancelled meetings are not prepared
        relationship=maya_ravi,
        title="Cancelled one",
        status=Meeting.Status.CANCELLED,
        starts_at=moment + dt.timedelta(days=1),
    )

    ledger.question_add(author=maya, relationship=maya_ravi, text="How do I hire a team?")
    answered = ledger.question_add(author=maya, relationship=maya_ravi, text="Old question")
    ledger.question_set_answered(actor=maya, question=answered, answered_on=today)

    ActionItemFactory(relationship=maya_ravi, title="Draft the product vision", meeting=held)
    done = ActionItemFactory(relationship=maya_ravi, title="Finished item")
    meetings.action_item_set_done(actor=maya, item=done, done=True)

    ledger.win_record(
        person=maya,
        text="Shipped the onboarding flow",
        happened_on=today - dt.timedelta(days=2),
        today=today,
    )
    ledger.win_record(
        person=maya,
        text="Win from before the kick-off",
        happened_on=today - dt.timedelta(days=40),
        today=today,
    )

    advice = ledger.advice_record(
        actor=maya,
        relationship=maya_ravi,
        text="Run weekly user interviews",
        given_on=today - dt.timedelta(days=10),
        today=today,
    )
    ledger.advice_decide(actor=maya, advice=advice, decision="try")
    ledger.advice_record_outcome(
        actor=maya,
        advice=advice,
        outcome="Found three new problems to solve",
        today=today,
        report_back=True,
    )

    meetings.note_create(author=maya, relationship=maya_ravi, body=PRIVATE[0], meeting=held)
    meetings.note_create(author=ravi, relationship=maya_ravi, body=PRIVATE[1], meeting=held)
    ledger.touchpoint_log(
        actor=maya,
        relationship=maya_ravi,
        kind="call",
        happened_on=today,
        note=PRIVATE[2],
        today=today,
    )
    return Prepared(next_meeting=next_meeting, later_meeting=later_meeting)


def assert_no_private_text(text: str) -> None:
    for secret in PRIVATE:
        assert secret not in text
    assert "PRIVATE" not in text


def test_prep_prints_every_section_of_the_next_agenda(tribe, prepared) -> None:
    run = tribe("prep", "Ravi", "--as", "maya@example.com")

    assert run.code == 0, run.err
    assert run.err == ""
    assert run.out.startswith("# Monthly: Maya Chen and Ravi Menon\n")
    starts = local(prepared.next_meeting.starts_at, "Europe/London")
    assert f"{starts:%A %d %B %Y, %H:%M} (Europe/London)" in run.out
    assert "## Purpose\nGrow from product manager to head of product\n" in run.out
    assert "- How do I hire a team?" in run.out
    assert "Old question" not in run.out
    assert "- [ ] Draft the product vision (mentee)" in run.out
    assert "Finished item" not in run.out
    assert ": Shipped the onboarding flow" in run.out
    assert "Win from before the kick-off" not in run.out
    assert (
        "- Run weekly user interviews — decided: try it. How it went: Found three new problems"
        in run.out
    )
    assert_no_private_text(run.out)


def test_prep_json_has_the_documented_shape(tribe, prepared, maya_ravi) -> None:
    run = tribe("prep", "ravi@example.com", "--as", "maya@example.com", "--json")

    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert set(data) == AGENDA_KEYS
    assert set(data["meeting"]) == MEETING_KEYS
    meeting = prepared.next_meeting
    assert data["meeting"]["id"] == meeting.pk
    assert data["meeting"]["title"] == "Monthly"
    assert dt.datetime.fromisoformat(data["meeting"]["starts_at"]) == meeting.starts_at
    assert data["meeting"]["starts_at"].endswith("+00:00")
    starts_local = dt.datetime.fromisoformat(data["meeting"]["starts_local"])
    assert starts_local == meeting.starts_at
    assert starts_local.utcoffset() == local(meeting.starts_at, "Europe/London").utcoffset()
    assert data["meeting"]["timezone"] == "Europe/London"
    assert data["relationship_id"] == maya_ravi.pk
    assert data["with"] == "Ravi Menon"
    assert data["purpose"] == "Grow from product manager to head of product"
    assert [q["text"] for q in data["questions"]] == ["How do I hire a team?"]
    assert [(a["title"], a["owner"]) for a in data["action_items"]] == [
        ("Draft the product vision", "mentee")
    ]
    assert [w["text"] for w in data["wins"]] == ["Shipped the onboarding flow"]
    assert [(a["text"], a["decision"], a["outcome"]) for a in data["report_back"]] == [
        ("Run weekly user interviews", "try", "Found three new problems to solve")
    ]
    assert data["since"] is not None
    assert data["edited"] is False
    assert data["markdown"].startswith("# Monthly: ")
    assert_no_private_text(run.out)


def test_the_mentor_prepares_the_same_meeting_without_anyones_private_notes(
    tribe, prepared
) -> None:
    run = tribe("prep", "maya", "--as", "ravi@example.com")

    assert run.code == 0, run.err
    assert run.out.startswith("# Monthly: Maya Chen and Ravi Menon\n")
    starts = local(prepared.next_meeting.starts_at, "Asia/Kolkata")
    assert f"{starts:%A %d %B %Y, %H:%M} (Asia/Kolkata)" in run.out
    assert "- How do I hire a team?" in run.out
    assert_no_private_text(run.out)

    as_json = tribe("prep", "maya", "--as", "ravi@example.com", "--json")
    assert as_json.code == 0
    assert_no_private_text(as_json.out)


def test_meeting_option_prepares_a_later_meeting(tribe, prepared) -> None:
    later = prepared.later_meeting

    run = tribe(
        "prep", "RAVI MEN", "--as", "maya@example.com", "--meeting", str(later.pk), "--json"
    )

    assert run.code == 0, run.err
    assert json.loads(run.out)["meeting"]["id"] == later.pk


def test_an_edited_agenda_is_printed_as_edited(tribe, prepared, maya) -> None:
    meetings.meeting_set_agenda(
        actor=maya, meeting=prepared.next_meeting, agenda="# My own agenda\n- one thing\n"
    )

    run = tribe("prep", "Ravi", "--as", "maya@example.com")

    assert run.code == 0
    assert run.out == "# My own agenda\n- one thing\n"


def test_a_meeting_of_another_relationship_is_refused(tribe, prepared, sam_maya) -> None:
    other = MeetingFactory(relationship=sam_maya, starts_at=timezone.now() + dt.timedelta(days=2))

    run = tribe("prep", "Ravi", "--as", "maya@example.com", "--meeting", str(other.pk))

    assert run.code == 3
    assert run.out == ""
    message = CliCode.NOT_WITH.template.format(name="Ravi Menon")
    assert run.error_line == f"tribe prep: error: --meeting: {message}"


def test_someone_elses_meeting_is_not_found(tribe, prepared, eve) -> None:
    strangers = RelationshipFactory(mentee=eve)
    hidden = MeetingFactory(relationship=strangers)

    run = tribe("prep", "Ravi", "--as", "maya@example.com", "--meeting", str(hidden.pk))

    assert run.code == 3
    assert run.error_line == "tribe prep: error: --meeting: no such meeting"


def test_an_unknown_person_is_a_one_line_error(tribe, maya, maya_ravi, eve) -> None:
    # Eve has an account, but no relationship with Maya: she is unknown here.
    for query in ("eve", "eve@example.com", "nobody"):
        run = tribe("prep", query, "--as", "maya@example.com")

        assert run.code == 3
        assert run.out == ""
        message = MSG_NOBODY.format(query=query)
        assert run.error_line == f"tribe prep: error: WITH: {message}"


def test_an_ambiguous_name_lists_the_candidates(tribe, maya, maya_ravi, sam_maya) -> None:
    samira = PersonFactory(name="Samira Haddad", email="samira@example.com")
    RelationshipFactory(mentee=maya, mentor=samira)

    run = tribe("prep", "sam", "--as", "maya@example.com")

    assert run.code == 2
    assert run.out == ""
    names = "Sam Okafor <sam@example.com>, Samira Haddad <samira@example.com>"
    message = MSG_AMBIGUOUS.format(query="sam", count=2, names=names)
    assert run.error_line == f"tribe prep: error: WITH: {message}"


def test_a_full_name_or_email_is_never_ambiguous(tribe, maya, sam_maya) -> None:
    okafor_jones = PersonFactory(name="Sam Okafor-Jones", email="soj@example.com")
    RelationshipFactory(mentee=okafor_jones, mentor=maya)
    MeetingFactory(relationship=sam_maya, starts_at=timezone.now() + dt.timedelta(days=2))

    for query in ("sam okafor", "SAM@example.com"):
        run = tribe("prep", query, "--as", "maya@example.com", "--json")

        assert run.code == 0, run.err
        assert json.loads(run.out)["with"] == "Sam Okafor"


def test_no_upcoming_meeting_says_so(tribe, maya, maya_ravi) -> None:
    MeetingFactory(
        relationship=maya_ravi,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - dt.timedelta(days=3),
    )

    run = tribe("prep", "Ravi", "--as", "maya@example.com")

    assert run.code == 3
    assert run.out == ""
    message = CliCode.NO_MEETING.template.format(name="Ravi Menon")
    assert run.error_line == f"tribe prep: error: WITH: {message}"


def test_meetings_of_an_ended_relationship_are_not_prepared(tribe, maya, maya_ravi, now) -> None:
    MeetingFactory(relationship=maya_ravi, starts_at=timezone.now() + dt.timedelta(days=2))
    relationships.relationship_set_status(
        actor=maya_ravi.mentee, relationship=maya_ravi, status="ended", now=now
    )

    run = tribe("prep", "Ravi", "--as", "maya@example.com")

    assert run.code == 3
    assert "no upcoming meeting with Ravi Menon" in run.error_line


def test_prep_runs_a_fixed_number_of_queries(tribe, prepared, maya, django_assert_max_num_queries):
    """More relationships with other people do not cost prep more queries."""
    for _ in range(5):
        RelationshipFactory(mentee=maya)
    with django_assert_max_num_queries(14) as small:
        assert tribe("prep", "Ravi", "--as", "maya@example.com").code == 0
    for _ in range(20):
        RelationshipFactory(mentee=maya)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert tribe("prep", "Ravi", "--as", "maya@example.com").code == 0
