"""``tribe advice share-outcome``: the mentee shows the mentor an outcome, or takes it back."""

from __future__ import annotations

import json

import pytest

from tribe.ledger import services as ledger
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice
from tribe.ledger.selectors import advice_outcomes_for_mentor
from tribe.people.models import Person
from tribe.relationships.models import Relationship

MAYA = ("--as", "maya@example.com")
OUTCOME = "PRIVATE: fewer repeated debates, and a calmer team"


def _tried(rel: Relationship, now, *, outcome: str = OUTCOME) -> Advice:  # type: ignore[no-untyped-def]
    assert rel.mentee is not None
    today = now.date()
    advice = ledger.advice_record(
        actor=rel.mentee, relationship=rel, text="Keep a decision log", given_on=today, today=today
    )
    if outcome:
        advice = ledger.advice_record_outcome(
            actor=rel.mentee, advice=advice, outcome=outcome, today=today, report_back=False
        )
    return advice


def test_share_outcome_defaults_to_the_outcome_and_says_who_reads_it(
    tribe, maya_ravi, ravi: Person, now
) -> None:
    advice = _tried(maya_ravi, now)
    run = tribe("advice", "share-outcome", str(advice.pk), *MAYA)

    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "Shared with Ravi Menon, who reads in their impact journal:"
    assert OUTCOME in run.out
    assert advice_outcomes_for_mentor(mentor=ravi).by_mentee[0].outcomes[0].words == OUTCOME


def test_share_outcome_with_own_words_and_the_advice_as_json(tribe, maya_ravi, ravi, now) -> None:
    advice = _tried(maya_ravi, now)
    run = tribe(
        "advice",
        "share-outcome",
        str(advice.pk),
        "--words",
        "I tried your decision log: fewer repeated debates",
        "--summary",
        "A decision log",
        "--json",
        *MAYA,
    )

    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert {k: data[k] for k in ("id", "mentor", "shared", "words", "advice")} == {
        "id": advice.pk,
        "mentor": "Ravi Menon",
        "shared": True,
        "words": "I tried your decision log: fewer repeated debates",
        "advice": "A decision log",
    }
    assert data["shared_at"]


def test_off_takes_it_back(tribe, maya_ravi, ravi, now) -> None:
    advice = _tried(maya_ravi, now)
    ledger.advice_share_outcome(actor=maya_ravi.mentee, advice=advice, words="Shared", now=now)
    run = tribe("advice", "share-outcome", str(advice.pk), "--off", *MAYA)

    assert run.code == 0, run.err
    assert run.out.strip() == f"Ravi Menon no longer sees the outcome of advice #{advice.pk}."
    assert advice_outcomes_for_mentor(mentor=ravi).total == 0


def test_off_and_words_do_not_go_together(tribe, maya_ravi, now) -> None:
    advice = _tried(maya_ravi, now)
    with pytest.raises(SystemExit) as exc:  # argparse's own usage error
        tribe("advice", "share-outcome", str(advice.pk), "--off", "--words", "x", *MAYA)
    assert exc.value.code == 2
    advice.refresh_from_db()
    assert advice.outcome_shared_at is None


def test_off_with_a_summary_is_refused_and_still_shared(tribe, maya_ravi, now) -> None:
    advice = _tried(maya_ravi, now)
    ledger.advice_share_outcome(actor=maya_ravi.mentee, advice=advice, words="Shared", now=now)
    run = tribe("advice", "share-outcome", str(advice.pk), "--off", "--summary", "x", *MAYA)

    assert run.code == 2
    assert run.error_line.startswith("tribe advice: error: --summary: --off stops sharing")
    advice.refresh_from_db()
    assert advice.outcome_shared_at is not None


def test_refusals_name_the_option(tribe, maya_ravi, now) -> None:
    advice = _tried(maya_ravi, now)
    run = tribe("advice", "share-outcome", str(advice.pk), "--words", " ", *MAYA)
    assert run.code == 2 and run.error_line.startswith("tribe advice: error: --words: ")

    bare = _tried(maya_ravi, now, outcome="")
    run = tribe("advice", "share-outcome", str(bare.pk), *MAYA)
    assert run.code == 2
    assert LedgerCode.NO_OUTCOME_YET.template in run.error_line


def test_the_mentor_cannot_share_the_mentees_advice(tribe, maya_ravi, now) -> None:
    advice = _tried(maya_ravi, now)
    run = tribe("advice", "share-outcome", str(advice.pk), "--as", "ravi@example.com")
    assert run.code == 3
    assert run.error_line.startswith("tribe advice: error: ID: ")
    advice.refresh_from_db()
    assert advice.outcome_shared_at is None
