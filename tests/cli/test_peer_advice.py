"""Peers from the command line: either side logs advice, shares its outcome, prepares.

Maya and Ravi are peer mentors (Maya asked, so Ravi is on the mentor side).
``tribe log advice`` and ``tribe advice share-outcome`` work for both of
them, and ``tribe impact`` shows each what the other shared; the stranger
finds nothing. In Maya's mentor relationship with Sam (Sam is the mentee),
Maya as the mentor is still refused.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.factories import MeetingFactory, RelationshipFactory
from tribe.ledger import services as ledger
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice
from tribe.people.models import Person
from tribe.relationships.models import Relationship

MAYA = ("--as", "maya@example.com")
RAVI = ("--as", "ravi@example.com")
EVE = ("--as", "eve@example.com")
PRIVATE = "PRIVATE: how it really went for Ravi"


@pytest.fixture
def peers(maya: Person, ravi: Person, now: dt.datetime) -> Relationship:
    return RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="peer", status_changed_at=now
    )


def test_both_peers_log_advice_from_each_other(tribe, peers, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    his = tribe("log", "advice", "Maya", "Write the design doc first", "--json", *RAVI)
    hers = tribe("log", "advice", "Ravi", "Delegate the rota", *MAYA)

    assert his.code == 0, his.err
    assert hers.code == 0, hers.err
    assert json.loads(his.out)["relationship_id"] == peers.pk
    assert hers.out.startswith("Logged advice from Ravi Menon on ")
    assert Advice.objects.get(text="Write the design doc first").recorded_by == ravi
    assert Advice.objects.get(text="Delegate the rota").recorded_by == maya


def test_the_mentor_side_shares_an_outcome_and_the_other_peer_reads_it_in_impact(
    tribe, peers, maya, ravi, now
) -> None:  # type: ignore[no-untyped-def]
    today = now.date()
    advice = ledger.advice_record(
        actor=ravi, relationship=peers, text="PRIVATE advice text", given_on=today, today=today
    )
    ledger.advice_record_outcome(
        actor=ravi, advice=advice, outcome=PRIVATE, today=today, report_back=False
    )

    shared = tribe(
        "advice", "share-outcome", str(advice.pk), "--words", "Saved a sprint", "--json", *RAVI
    )
    assert shared.code == 0, shared.err
    data = json.loads(shared.out)
    assert (data["mentor"], data["shared"], data["words"]) == ("Maya Chen", True, "Saved a sprint")

    impact = tribe("impact", *MAYA)
    assert impact.code == 0, impact.err
    assert "  Ravi Menon (1)" in impact.out and "Saved a sprint" in impact.out
    assert PRIVATE not in impact.out and "PRIVATE advice text" not in impact.out
    assert "Saved a sprint" not in tribe("impact", *RAVI).out

    # Maya cannot take back what Ravi shared: it is not in her log.
    off = tribe("advice", "share-outcome", str(advice.pk), "--off", *MAYA)
    assert off.code == 3 and off.error_line.endswith("ID: no such advice")


def test_the_stranger_finds_neither_the_peers_nor_their_advice(
    tribe, peers, ravi, eve, now
) -> None:  # type: ignore[no-untyped-def]
    today = now.date()
    advice = ledger.advice_record(
        actor=ravi, relationship=peers, text="Ravi's", given_on=today, today=today
    )
    logged = tribe("log", "advice", "Maya", "Eve's advice", *EVE)
    shared = tribe("advice", "share-outcome", str(advice.pk), *EVE)

    assert logged.code != 0 and shared.code == 3
    assert Advice.objects.count() == 1


def test_in_a_mentor_relationship_the_mentor_still_cannot_log_advice(tribe, sam_maya) -> None:  # type: ignore[no-untyped-def]
    run = tribe("log", "advice", "Sam", "Mentor writing", *MAYA)

    assert run.code != 0
    assert run.error_line == f"tribe log: error: {LedgerCode.NOT_MENTEE.template}"
    assert not Advice.objects.exists()


def test_prep_for_a_peer_meeting_says_whose_questions_and_report_backs_they_are(
    tribe, peers, maya, ravi, now
) -> None:  # type: ignore[no-untyped-def]
    today = now.date()
    ledger.question_add(author=maya, relationship=peers, text="MAYA-Q")
    ledger.question_add(author=ravi, relationship=peers, text="RAVI-Q")
    advice = ledger.advice_record(
        actor=ravi, relationship=peers, text="RAVI-REPORTS", given_on=today, today=today
    )
    ledger.advice_record_outcome(
        actor=ravi, advice=advice, outcome="It went well", today=today, report_back=True
    )
    soon = timezone.now() + dt.timedelta(days=1)  # the command reads the wall clock
    MeetingFactory(
        relationship=peers, title="Peers", starts_at=soon, ends_at=soon + dt.timedelta(hours=1)
    )

    run = tribe("prep", "Maya", "--json", *RAVI)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert [(q["text"], q["author_id"]) for q in data["questions"]] == [
        ("MAYA-Q", maya.pk),
        ("RAVI-Q", ravi.pk),
    ]
    assert [(a["text"], a["recorded_by_id"]) for a in data["report_back"]] == [
        ("RAVI-REPORTS", ravi.pk)
    ]
    assert "### Maya Chen\n- MAYA-Q\n### Ravi Menon\n- RAVI-Q" in data["markdown"]
