"""``tribe ask`` (the mentee's request) and ``tribe requests`` (the mentor's answers)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import GoalFactory, RelationshipFactory
from tribe.cli.errors import CliCode
from tribe.core.zones import local
from tribe.outreach import selectors as outreach_selectors
from tribe.outreach import services as outreach
from tribe.outreach.errors import OutreachCode
from tribe.people.models import Person
from tribe.relationships.errors import MSG_NO_PROSPECT, ConsentCode
from tribe.relationships.models import Relationship

Status = Relationship.Status
MAYA = ("--as", "maya@example.com")
RAVI = ("--as", "ravi@example.com")


@pytest.fixture
def prospect(maya: Person, ravi: Person) -> Relationship:
    """Maya plans to ask Ravi, with her purpose, ask and reasons written down."""
    rel = RelationshipFactory(mentee=maya, mentor=ravi, status=Status.PROSPECT, purpose="")
    rel.goals.add(GoalFactory(person=maya, title="Lead a team of PMs"))
    return outreach.outreach_prepare(
        actor=maya,
        relationship=rel,
        purpose="I want to learn how you grew a product org.",
        ask="Could we meet monthly for 30 minutes for six months?",
        why_them="you built the PM guild at Acme",
    )


@pytest.fixture
def asked(prospect: Relationship) -> Relationship:
    """Maya asked Ravi eight days ago: a nudge is due."""
    return outreach.outreach_send(
        actor=prospect.mentee,
        relationship=prospect,
        message="Dear Ravi,\nWould you mentor me?\nMaya",
        now=timezone.now() - dt.timedelta(days=8),
    )


def unchanged(rel: Relationship) -> bool:
    """The relationship in the database is as ``rel`` was loaded: nothing written."""
    fields = ("status", "request_message", "asked_at", "info_request", "decline_message")
    before = {f: getattr(rel, f) for f in fields}
    rel.refresh_from_db()
    return {f: getattr(rel, f) for f in fields} == before


# ------------------------------------------------------------------- tribe ask


def test_ask_prints_the_draft(tribe, maya, prospect) -> None:
    run = tribe("ask", "Ravi", *MAYA)

    assert run.code == 0, run.err
    assert run.out == outreach_selectors.request_draft(relationship=prospect, sender=maya)
    assert run.out.startswith("Dear Ravi,\n")
    assert "I want to learn how you grew a product org." in run.out
    assert unchanged(prospect)


def test_ask_send_records_the_draft_as_sent(tribe, maya, prospect) -> None:
    draft = outreach_selectors.request_draft(relationship=prospect, sender=maya).strip()

    run = tribe("ask", "ravi@example.com", "--send", "--json", *MAYA)

    assert run.code == 0, run.err
    prospect.refresh_from_db()
    assert prospect.status == Status.ASKED and prospect.request_message == draft
    data = json.loads(run.out)
    asked_on = local(prospect.asked_at, maya.timezone).date()
    assert data == {
        "relationship_id": prospect.pk,
        "with": "Ravi Menon",
        "status": "asked",
        "sent": True,
        "message": draft,
        "asked_at": prospect.asked_at.astimezone(dt.UTC).isoformat(),
        "nudge_due_on": (asked_on + dt.timedelta(days=7)).isoformat(),
        "size": outreach_selectors.ask_size_of(relationship=prospect).as_dict(),
        "give_back": "I could help with: product discovery.",
    }


def test_ask_send_says_when_a_nudge_is_due(tribe, maya, prospect) -> None:
    maya.nudge_after_days = 10
    maya.save()

    run = tribe("ask", "Ravi Menon", "--send", *MAYA)

    assert run.code == 0, run.err
    prospect.refresh_from_db()
    asked_on = local(prospect.asked_at, maya.timezone).date()
    due = asked_on + dt.timedelta(days=10)
    assert run.out == (
        f"Recorded your request to Ravi Menon as sent on {asked_on:%d %b %Y}. "
        f"If no answer comes, a nudge is due on {due:%d %b %Y}.\n"
    )


def test_ask_send_a_message_of_ones_own(tribe, maya, prospect, tmp_path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Ravi — à bientôt?\n", encoding="utf-8")

    run = tribe("ask", "Ravi", "--send", "--message", letter, *MAYA)

    assert run.code == 0, run.err
    prospect.refresh_from_db()
    assert prospect.request_message == "Dear Ravi — à bientôt?"
    assert prospect.status == Status.ASKED


def test_ask_without_a_purpose_statement_writes_nothing(tribe, maya, ravi) -> None:
    rel = RelationshipFactory(mentee=maya, mentor=ravi, status=Status.PROSPECT, purpose="")
    for extra in ((), ("--send",)):
        run = tribe("ask", "Ravi", *extra, *MAYA)
        assert run.code == 2
        assert run.error_line == f"tribe ask: error: purpose: {OutreachCode.NO_PURPOSE.template}"
        assert run.out == ""
        assert unchanged(rel)


def test_ask_a_mentor_at_capacity_writes_nothing(tribe, maya, ravi, prospect) -> None:
    ravi.mentee_capacity = 1
    ravi.save()
    RelationshipFactory(mentor=ravi, status=Status.ACTIVE)

    run = tribe("ask", "Ravi", "--send", *MAYA)

    assert run.code == 2
    message = OutreachCode.OVER_CAPACITY.template.format(name="Ravi Menon", count=1, capacity=1)
    assert run.error_line == f"tribe ask: error: mentor: {message}"
    assert unchanged(prospect)
    assert prospect.status == Status.PROSPECT


def test_ask_names_only_ones_own_prospects(tribe, maya, sam, prospect, sam_maya, eve) -> None:
    # Sam is Maya's mentee, not someone she plans to ask; Eve is a stranger.
    for query in ("Sam", "eve@example.com", "Nobody"):
        run = tribe("ask", query, *MAYA)
        assert run.code == 3
        assert run.error_line == "tribe ask: error: WITH: " + MSG_NO_PROSPECT.format(query=query)


def test_ask_twice_finds_no_prospect_left(tribe, maya, prospect) -> None:
    assert tribe("ask", "Ravi", "--send", *MAYA).code == 0
    prospect.refresh_from_db()

    run = tribe("ask", "Ravi", "--send", *MAYA)

    assert run.code == 3
    assert unchanged(prospect)


def test_ask_message_file_goes_with_send(tribe, maya, prospect, tmp_path) -> None:
    run = tribe("ask", "Ravi", "--message", tmp_path / "x.txt", *MAYA)
    assert run.code == 2
    assert run.error_line == f"tribe ask: error: --message: {CliCode.MESSAGE_ALONE.template}"

    run = tribe("ask", "Ravi", "--send", "--message", tmp_path / "missing.txt", *MAYA)
    assert run.code == 2
    assert run.error_line.startswith("tribe ask: error: --message: cannot read ")
    assert unchanged(prospect)


# -------------------------------------------------------------- tribe requests


def test_requests_lists_what_waits_for_the_mentor(tribe, ravi, asked) -> None:
    run = tribe("requests", *RAVI)

    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "1 request(s) waiting for your answer, oldest first:"
    asked_on = local(asked.asked_at, ravi.timezone).date()
    assert f"#{asked.pk}  Maya Chen, asked {asked_on:%d %b %Y} (8 days ago)" in lines
    assert "    | Would you mentor me?" in lines


def test_requests_json(tribe, ravi, asked) -> None:
    run = tribe("requests", "--json", *RAVI)

    assert run.code == 0, run.err
    (row,) = json.loads(run.out)["requests"]
    assert row == {
        "id": asked.pk,
        "from": "Maya Chen",
        "kind": "mentor",
        "asked_at": asked.asked_at.astimezone(dt.UTC).isoformat(),
        "asked_on": local(asked.asked_at, ravi.timezone).date().isoformat(),
        "days_waiting": 8,
        "purpose": "I want to learn how you grew a product org.",
        "ask": "Could we meet monthly for 30 minutes for six months?",
        "size": outreach_selectors.ask_size_of(relationship=asked).as_dict(),
        "why_them": "you built the PM guild at Acme",
        "goals": ["Lead a team of PMs"],
        "message": "Dear Ravi,\nWould you mentor me?\nMaya",
        "nudges_sent": 0,
        "last_nudge_at": None,
        "nudge": {"state": "nudge", "due_on": row["nudge"]["due_on"]},
        "info_requested": "",
    }


def test_requests_show_nudges_and_questions(tribe, maya, ravi, asked) -> None:
    outreach.outreach_nudge(actor=maya, relationship=asked)
    outreach.request_ask_for_info(actor=ravi, relationship=asked, question="How often?")

    run = tribe("requests", *RAVI)

    assert "    nudged 1 time(s), last on " in run.out
    assert "    you asked: How often? (waiting for their answer)" in run.out
    (row,) = json.loads(tribe("requests", "--json", *RAVI).out)["requests"]
    assert row["nudges_sent"] == 1 and row["nudge"] == {"state": "none", "due_on": None}


def test_requests_are_only_the_mentors_own(tribe, maya, ravi, asked, eve) -> None:
    # Maya sent the request: it waits for Ravi, not for her; Eve sees nothing.
    for who in (MAYA, ("--as", "eve@example.com")):
        run = tribe("requests", *who)
        assert run.code == 0, run.err
        assert run.out == "No requests are waiting for your answer.\n"
        assert json.loads(tribe("requests", "--json", *who).out) == {"requests": []}


def test_accept_moves_on_to_the_intro_meeting(tribe, ravi, asked) -> None:
    run = tribe("requests", "accept", str(asked.pk), *RAVI)

    assert run.code == 0, run.err
    assert run.out.startswith("Accepted Maya Chen's request")
    asked.refresh_from_db()
    assert asked.status == Status.INTRO


def test_accepting_twice_is_refused(tribe, ravi, asked) -> None:
    assert tribe("requests", "--as", "ravi@example.com", "accept", str(asked.pk)).code == 0
    asked.refresh_from_db()

    run = tribe("requests", "accept", str(asked.pk), "--json", *RAVI)

    assert run.code == 2
    assert (
        run.error_line == f"tribe requests: error: status: {OutreachCode.ALREADY_ACCEPTED.template}"
    )
    assert run.out == ""
    assert unchanged(asked)


@pytest.mark.parametrize("answer", [("accept",), ("decline",), ("ask", "--question", "Why?")])
def test_a_stranger_gets_not_found(tribe, eve, asked, answer) -> None:
    for rid in (str(asked.pk), "999999", "abc"):
        run = tribe("requests", answer[0], rid, *answer[1:], "--as", "eve@example.com")
        assert run.code == 3
        assert (
            run.error_line == f"tribe requests: error: {ConsentCode.NO_SUCH_RELATIONSHIP.template}"
        )
    assert unchanged(asked)


def test_only_the_mentor_answers(tribe, maya, asked) -> None:
    run = tribe("requests", "accept", str(asked.pk), *MAYA)

    assert run.code == 2
    assert run.error_line == f"tribe requests: error: {ConsentCode.NOT_ASKED.template}"
    assert unchanged(asked)


def test_accepting_at_capacity_is_refused(tribe, ravi, asked) -> None:
    ravi.mentee_capacity = 1
    ravi.save()
    RelationshipFactory(mentor=ravi, status=Status.ACTIVE)

    run = tribe("requests", "accept", str(asked.pk), *RAVI)

    assert run.code == 2
    message = OutreachCode.OVER_CAPACITY.template.format(name="Ravi Menon", count=1, capacity=1)
    assert run.error_line == f"tribe requests: error: mentor: {message}"
    assert unchanged(asked)


def test_decline_with_the_kind_template(tribe, ravi, asked) -> None:
    template = outreach_selectors.decline_template(relationship=asked, mentor=ravi).strip()

    run = tribe("requests", "decline", str(asked.pk), *RAVI)

    assert run.code == 0, run.err
    assert run.out == f"Declined Maya Chen's request with this message:\n\n{template}\n"
    asked.refresh_from_db()
    assert asked.status == Status.DECLINED and asked.decline_message == template


def test_decline_with_ones_own_words(tribe, ravi, asked) -> None:
    run = tribe(
        "requests", "decline", str(asked.pk), "--message", "Not this year, sorry.", "--json", *RAVI
    )

    assert run.code == 0, run.err
    assert json.loads(run.out) == {
        "id": asked.pk,
        "from": "Maya Chen",
        "status": "declined",
        "message": "Not this year, sorry.",
        "ask_again_months": None,
    }
    run = tribe("requests", "decline", str(asked.pk), *RAVI)
    assert run.code == 2
    assert "there is no open request to answer (status: declined)" in run.error_line


def test_decline_with_an_empty_message_writes_nothing(tribe, ravi, asked) -> None:
    run = tribe("requests", "decline", str(asked.pk), "--message", "  ", *RAVI)

    assert run.code == 2
    assert run.error_line.startswith("tribe requests: error: --message:")
    assert unchanged(asked)


def test_ask_for_more_information(tribe, ravi, asked) -> None:
    run = tribe("requests", "ask", str(asked.pk), "--question", "What have you tried?", *RAVI)

    assert run.code == 0, run.err
    assert (
        run.out == "Asked Maya Chen: What have you tried? (the request waits for their answer).\n"
    )
    asked.refresh_from_db()
    assert asked.status == Status.ASKED and asked.info_request == "What have you tried?"


def test_ask_for_more_information_needs_a_question(tribe, ravi, asked) -> None:
    run = tribe("requests", "ask", str(asked.pk), *RAVI)

    assert run.code == 2
    assert (
        run.error_line
        == f"tribe requests: error: --question: {OutreachCode.QUESTION_NEEDED.template}"
    )
    assert unchanged(asked)


def test_requests_list_runs_a_fixed_number_of_queries(
    tribe, ravi, asked, django_assert_num_queries
) -> None:
    tribe("requests", *RAVI)
    with CaptureQueriesContext(connection) as first:
        tribe("requests", "--json", *RAVI)
    for _ in range(4):
        rel = RelationshipFactory(mentor=ravi, status=Status.ASKED, asked_at=timezone.now())
        rel.goals.add(GoalFactory(person=rel.mentee))
    with django_assert_num_queries(len(first.captured_queries)):
        run = tribe("requests", "--json", *RAVI)
    assert len(json.loads(run.out)["requests"]) == 5


def test_ask_sets_the_purpose_ask_and_why_then_drafts(tribe, maya, ravi) -> None:
    from tests.factories import RelationshipFactory

    rel = RelationshipFactory(mentee=maya, mentor=ravi, status="prospect", purpose="")
    run = tribe(
        "ask",
        "Ravi",
        "--purpose",
        "Learn to lead PMs.",
        "--ask",
        "Monthly, 30 minutes?",
        "--why",
        "you built the PM guild",
        "--as",
        maya.email,
    )
    assert run.code == 0, run.err
    assert "Monthly, 30 minutes?" in run.out and "because you built the PM guild." in run.out
    rel.refresh_from_db()
    assert (rel.purpose, rel.ask, rel.why_them) == (
        "Learn to lead PMs.",
        "Monthly, 30 minutes?",
        "you built the PM guild",
    )
    too_long = tribe("ask", "Ravi", "--ask", "x" * 501, "--as", maya.email)
    assert too_long.code == 2 and too_long.error_line.startswith(
        "tribe ask: error: --ask: must be at most 500"
    )


def test_block_declines_the_request_and_refuses_the_next(tribe, maya, ravi, asked) -> None:
    from tribe.people.models import Block

    run = tribe("requests", "block", str(asked.pk), *RAVI)
    assert run.code == 0, run.err
    assert "Blocked Maya Chen" in run.out
    asked.refresh_from_db()
    assert asked.status == Status.DECLINED
    assert Block.objects.filter(blocker=ravi, blocked=maya).exists()
    # Maya cannot block herself through her own request.
    run = tribe("requests", "block", str(asked.pk), *MAYA)
    assert run.code == 3
