"""``tribe impact``: the mentor's impact journal, and what their advice became."""

from __future__ import annotations

import json

from tribe.ledger import services as ledger
from tribe.outreach.selectors import impact_journal

RAVI = ("--as", "ravi@example.com")
PRIVATE = "PRIVATE outcome Maya keeps"


def _shared(maya_ravi, now, words: str, **kw: str) -> None:  # type: ignore[no-untyped-def]
    today = now.date()
    advice = ledger.advice_record(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        text="PRIVATE advice text",
        given_on=today,
        today=today,
    )
    ledger.advice_record_outcome(
        actor=maya_ravi.mentee, advice=advice, outcome=PRIVATE, today=today, report_back=False
    )
    ledger.advice_share_outcome(actor=maya_ravi.mentee, advice=advice, words=words, now=now, **kw)


def test_impact_lists_thanks_and_the_shared_outcomes_by_mentee(tribe, maya_ravi, now) -> None:
    today = now.date()
    ledger.gratitude_record(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        kind="thank_you",
        given_on=today,
        description="Thank you for the hour",
        today=today,
    )
    _shared(maya_ravi, now, "Fewer repeated debates", advice_summary="A decision log")
    run = tribe("impact", *RAVI)

    assert run.code == 0, run.err
    out = run.out
    assert out.splitlines()[0] == "The impact of Ravi Menon as a mentor, newest first:"
    assert "Thank-you note from Maya Chen" in out and "Thank you for the hour" in out
    assert "What your advice became (1 outcome(s) shared with you):" in out
    assert "  Maya Chen (1)" in out
    assert "your advice: A decision log" in out and "      Fewer repeated debates" in out
    assert PRIVATE not in out and "PRIVATE advice text" not in out


def test_impact_json_holds_the_journal_and_the_outcomes(tribe, ravi, maya_ravi, now) -> None:
    _shared(maya_ravi, now, "Fewer repeated debates")
    run = tribe("impact", "--json", *RAVI)

    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["journal"] == [e.as_dict() for e in impact_journal(mentor=ravi)]
    outcomes = data["advice_outcomes"]
    assert (outcomes["total"], outcomes["mentees"]) == (1, 1)
    group = outcomes["by_mentee"][0]
    assert (group["mentee"], group["count"]) == ("Maya Chen", 1)
    assert group["outcomes"][0]["words"] == "Fewer repeated debates"
    assert group["outcomes"][0]["advice"] == ""
    assert PRIVATE not in run.out


def test_impact_with_nothing_yet_says_so(tribe, ravi, maya_ravi) -> None:
    run = tribe("impact", *RAVI)
    assert run.code == 0, run.err
    assert "Nothing yet." in run.out


def test_the_mentee_sees_no_outcome_she_shared_in_her_own_impact(tribe, maya_ravi, now) -> None:
    _shared(maya_ravi, now, "Fewer repeated debates")
    run = tribe("impact", "--json", "--as", "maya@example.com")
    assert json.loads(run.out)["advice_outcomes"]["total"] == 0
