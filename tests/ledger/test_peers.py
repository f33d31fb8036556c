"""Peers ask, advise and thank both ways; mentor relationships keep their one-way rules.

A peer pair, Maya (the mentee side, who asked) and Ravi (the mentor side):
each records advice from the other in their own log, each shares outcomes
with the other, and each reads what the other shared in "what your advice
became"; Eve, the stranger, reaches nothing. In Sam's mentor relationship
with Maya, the mentor still does not write in the mentee's log.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, MeetingFactory, RelationshipFactory
from tribe.core.errors import Conflict, NotFound
from tribe.core.kinds import RelationshipKind
from tribe.ledger import prep, services
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice, Win
from tribe.ledger.selectors import (
    advice_get_for,
    advice_of,
    advice_outcomes_for_mentor,
    relationship_get_with_health,
    relationships_with_health,
)
from tribe.ledger.sides import BOTH, MENTEE_ONLY, keeper_sides, keeps_ledger
from tribe.meetings.models import Meeting
from tribe.outreach.selectors import impact_journal
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

MAYA_PRIVATE = "PRIVATE: Maya's own words on Ravi's advice"
RAVI_PRIVATE = "PRIVATE: Ravi's own words on Maya's advice"


@pytest.fixture
def peers(maya: Person, ravi: Person, now: dt.datetime) -> Relationship:
    """Maya asked Ravi to be peer mentors to each other; both said yes."""
    return RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="peer", status_changed_at=now
    )


def _record(actor: Person, rel: Relationship, text: str, now: dt.datetime) -> Advice:
    today = now.date()
    return services.advice_record(
        actor=actor, relationship=rel, text=text, given_on=today, today=today
    )


def _tried(actor: Person, rel: Relationship, text: str, now: dt.datetime, outcome: str) -> Advice:
    """Advice ``actor`` took from the other side, tried, and wrote down how it went."""
    advice = _record(actor, rel, text, now)
    services.advice_decide(actor=actor, advice=advice, decision="try")
    return services.advice_record_outcome(
        actor=actor, advice=advice, outcome=outcome, today=now.date(), report_back=False
    )


# -- who keeps the ledger ------------------------------------------------------------


def test_peers_keep_the_ledger_on_both_sides_every_other_kind_on_the_mentees() -> None:
    assert keeper_sides(RelationshipKind.PEER) == BOTH == {"mentee", "mentor"}
    for kind in (RelationshipKind.MENTOR, RelationshipKind.COACH, RelationshipKind.SPONSOR):
        assert keeper_sides(kind) == MENTEE_ONLY == {"mentee"}
    assert keeper_sides("no-such-kind") == MENTEE_ONLY  # old data reads as mentoring


def test_keeps_ledger_answers_for_each_side_and_nobody_else(
    peers: Relationship,
    sam_maya: Relationship,
    maya: Person,
    ravi: Person,
    sam: Person,
    eve: Person,
) -> None:
    assert keeps_ledger(peers, maya) and keeps_ledger(peers, ravi)
    assert not keeps_ledger(peers, eve)
    assert keeps_ledger(sam_maya, sam)
    assert not keeps_ledger(sam_maya, maya)  # Maya is Sam's mentor there


# -- the advice log: each side's own -------------------------------------------------


def test_each_peer_records_advice_from_the_other_and_reads_only_their_own_log(
    peers: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    from_ravi = _record(maya, peers, "Write a decision log", now)
    from_maya = _record(ravi, peers, "Block two hours for deep work", now)

    assert from_ravi.recorded_by == maya and from_maya.recorded_by == ravi
    assert list(advice_of(person=maya)) == [from_ravi]
    assert list(advice_of(person=ravi, relationship=peers)) == [from_maya]
    # The giver is named from the recorder's side, whichever it is.
    assert from_ravi.giver_name == "Ravi Menon"
    assert from_maya.giver_name == "Maya Chen"
    with pytest.raises(NotFound):
        advice_get_for(person=maya, advice_id=from_maya.pk)
    with pytest.raises(NotFound):
        advice_get_for(person=ravi, advice_id=from_ravi.pk)


def test_a_peers_decisions_and_outcomes_stay_in_their_own_log(
    peers: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    advice = _record(ravi, peers, "Say no to one meeting a week", now)
    services.advice_record(
        actor=ravi,
        relationship=peers,
        text="Ask for the budget in writing",
        given_on=now.date(),
        today=now.date(),
        decision="reject",
        reason=RAVI_PRIVATE,
    )
    services.advice_decide(actor=ravi, advice=advice, decision="adopt")
    services.advice_record_outcome(
        actor=ravi, advice=advice, outcome=RAVI_PRIVATE, today=now.date()
    )

    assert list(advice_of(person=maya)) == []
    assert advice_outcomes_for_mentor(mentor=maya).total == 0  # nothing shared yet


def test_the_stranger_can_neither_record_nor_read_nor_reach_a_peers_advice(
    peers: Relationship, ravi: Person, eve: Person, now: dt.datetime
) -> None:
    advice = _tried(ravi, peers, "Keep a brag document", now, RAVI_PRIVATE)
    services.advice_share_outcome(actor=ravi, advice=advice, words="It helped", now=now)

    with pytest.raises(NotFound):
        _record(eve, peers, "Butt in", now)
    with pytest.raises(NotFound):
        advice_get_for(person=eve, advice_id=advice.pk)
    with pytest.raises(NotFound):
        services.advice_share_outcome(actor=eve, advice=advice, words="mine now", now=now)
    assert list(advice_of(person=eve)) == []
    assert advice_outcomes_for_mentor(mentor=eve).total == 0


def test_in_a_mentor_relationship_the_mentor_still_cannot_record_advice(
    sam_maya: Relationship, maya: Person, sam: Person, now: dt.datetime
) -> None:
    with pytest.raises(Conflict) as refused:
        _record(maya, sam_maya, "Advice Maya gave Sam", now)
    assert refused.value.code == LedgerCode.NOT_MENTEE
    assert not Advice.objects.exists()
    assert _record(sam, sam_maya, "Advice Maya gave Sam", now).recorded_by == sam


def test_a_relationship_that_is_peer_only_in_name_elsewhere_does_not_open_the_mentor_side(
    maya_ravi: Relationship, peers: Relationship, ravi: Person, now: dt.datetime
) -> None:
    """Ravi is Maya's peer and, separately, her mentor: the mentor relationship stays one-way."""
    _record(ravi, peers, "Peer advice from Maya", now)
    with pytest.raises(Conflict):
        _record(ravi, maya_ravi, "Mentor writing in the mentee's log", now)


# -- what your advice became: shared outcomes, both ways -----------------------------


def test_the_mentor_side_shares_an_outcome_and_the_mentee_side_reads_it(
    peers: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    advice = _tried(ravi, peers, "PRIVATE: Maya's advice as Ravi wrote it", now, RAVI_PRIVATE)
    assert advice.outcome_audience == maya
    services.advice_share_outcome(
        actor=ravi, advice=advice, words="I block mornings now", advice_summary="Deep work", now=now
    )

    seen = advice_outcomes_for_mentor(mentor=maya)
    assert seen.total == 1
    [group] = seen.by_mentee
    assert group.mentee == "Ravi Menon"
    [outcome] = group.outcomes
    assert (outcome.relationship_id, outcome.words, outcome.advice) == (
        peers.pk,
        "I block mornings now",
        "Deep work",
    )
    assert "PRIVATE" not in str(seen.as_dict())
    # What Ravi shared is not shown to Ravi as if someone took his advice.
    assert advice_outcomes_for_mentor(mentor=ravi).total == 0


def test_both_peers_share_and_each_reads_only_what_the_other_shared(
    peers: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    mine = _tried(maya, peers, "Ravi's advice", now, MAYA_PRIVATE)
    his = _tried(ravi, peers, "Maya's advice", now, RAVI_PRIVATE)
    services.advice_share_outcome(actor=maya, advice=mine, words="Thanks, Ravi", now=now)
    services.advice_share_outcome(actor=ravi, advice=his, words="Thanks, Maya", now=now)

    for_maya = advice_outcomes_for_mentor(mentor=maya)
    for_ravi = advice_outcomes_for_mentor(mentor=ravi)
    assert [o.words for g in for_maya.by_mentee for o in g.outcomes] == ["Thanks, Maya"]
    assert [o.words for g in for_ravi.by_mentee for o in g.outcomes] == ["Thanks, Ravi"]

    services.advice_unshare_outcome(actor=ravi, advice=his)
    assert advice_outcomes_for_mentor(mentor=maya).total == 0
    assert advice_outcomes_for_mentor(mentor=ravi).total == 1


def test_a_peer_shares_nothing_that_is_not_their_own_record(
    peers: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    his = _tried(ravi, peers, "Maya's advice", now, RAVI_PRIVATE)
    with pytest.raises(NotFound):
        services.advice_share_outcome(actor=maya, advice=his, words="not hers", now=now)
    with pytest.raises(NotFound):
        services.advice_unshare_outcome(actor=maya, advice=his)
    his.refresh_from_db()
    assert his.outcome_shared_at is None


def test_sharing_with_a_peer_who_is_a_contact_is_refused_by_their_name(
    ravi: Person, now: dt.datetime
) -> None:
    """Ravi keeps a peer relationship with a contact: nobody could read a shared outcome."""
    kim = ContactFactory(owner=ravi, name="Kim Contact")
    rel = RelationshipFactory(
        mentee=None, mentee_contact=kim, mentor=ravi, created_by=ravi, kind="peer"
    )
    advice = _tried(ravi, rel, "Kim's advice", now, RAVI_PRIVATE)
    assert advice.giver_name == "Kim Contact" and advice.outcome_audience is None

    with pytest.raises(Conflict) as refused:
        services.advice_share_outcome(actor=ravi, advice=advice, words="It worked", now=now)
    assert refused.value.code == LedgerCode.MENTOR_IS_CONTACT
    assert "Kim Contact" in refused.value.message


def test_sharing_waits_for_the_other_peers_yes(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    """Ravi asked Maya; until she says yes there is nobody to share with, and no relationship
    of hers to record in."""
    rel = RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        created_by=ravi,
        kind="peer",
        status="asked",
        mentee_consented_at=None,
        mentor_consented_at=now,
    )
    advice = _tried(ravi, rel, "Maya's advice", now, RAVI_PRIVATE)
    assert advice.outcome_audience is None
    with pytest.raises(Conflict) as refused:
        services.advice_share_outcome(actor=ravi, advice=advice, words="It worked", now=now)
    assert refused.value.code == LedgerCode.MENTOR_NOT_AGREED
    with pytest.raises(NotFound):
        _record(maya, rel, "Before saying yes", now)


# -- thanks and updates: received both ways -------------------------------------------


def test_peers_thank_and_update_each_other_and_each_journal_shows_what_was_received(
    peers: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    today = now.date()
    advice = _tried(ravi, peers, "Maya's advice", now, RAVI_PRIVATE)
    services.gratitude_record(
        actor=ravi,
        relationship=peers,
        kind="thank_you",
        given_on=today,
        description="Thanks for the deep-work tip",
        today=today,
        advice=advice,
    )
    services.update_record_sent(
        actor=maya, relationship=peers, body="News from Maya", sent_on=today, today=today
    )

    for_maya = [(e.kind, e.title, e.text) for e in impact_journal(mentor=maya)]
    for_ravi = [(e.kind, e.title, e.text) for e in impact_journal(mentor=ravi)]
    assert for_maya == [
        ("thanks", "Thank-you note from Ravi Menon", "Thanks for the deep-work tip")
    ]
    assert for_ravi == [("update", "Update from Maya Chen", "News from Maya")]


def test_in_a_mentor_relationship_thanks_the_mentor_gave_are_nobodys_impact(
    sam_maya: Relationship, maya: Person, sam: Person, now: dt.datetime
) -> None:
    today = now.date()
    services.gratitude_record(
        actor=maya,
        relationship=sam_maya,
        kind="thank_you",
        given_on=today,
        description="Maya thanks her mentee",
        today=today,
    )
    services.gratitude_record(
        actor=sam,
        relationship=sam_maya,
        kind="gift",
        given_on=today,
        description="Sam thanks his mentor",
        today=today,
    )
    assert [e.text for e in impact_journal(mentor=maya)] == ["Sam thanks his mentor"]
    assert impact_journal(mentor=sam) == []


def test_an_update_reports_back_only_its_authors_own_advice(
    peers: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    today = now.date()
    mine = _tried(maya, peers, "Ravi's advice", now, MAYA_PRIVATE)
    his = _tried(ravi, peers, "Maya's advice", now, RAVI_PRIVATE)
    for actor, advice in ((maya, mine), (ravi, his)):
        services.advice_set_report_back(actor=actor, advice=advice, report_back=True)

    services.update_record_sent(
        actor=ravi, relationship=peers, body="Ravi's news", sent_on=today, today=today
    )
    mine.refresh_from_db()
    his.refresh_from_db()
    assert his.reported_back_on == today
    assert mine.reported_back_on is None  # Maya has not told Ravi yet


# -- the agenda of a peer meeting -----------------------------------------------------


@pytest.fixture
def peer_meeting(peers: Relationship, maya: Person, ravi: Person, now: dt.datetime) -> Meeting:
    """Both peers collected questions, won something and have advice to report back on."""
    today = now.date()
    services.question_add(author=maya, relationship=peers, text="How do you plan a quarter?")
    services.question_add(author=ravi, relationship=peers, text="How do you run a retro?")
    services.win_record(person=maya, text="Maya shipped search", happened_on=today, today=today)
    services.win_record(person=ravi, text="Ravi gave a talk", happened_on=today, today=today)
    for actor, text in ((maya, "Ravi's advice on hiring"), (ravi, "Maya's advice on talks")):
        advice = _tried(actor, peers, text, now, f"{actor.name} tried it")
        services.advice_set_report_back(actor=actor, advice=advice, report_back=True)
    # A private decision not flagged to report back never reaches the agenda.
    _tried(ravi, peers, "Unflagged advice", now, RAVI_PRIVATE)
    return MeetingFactory(
        relationship=peers,
        title="Peer check-in",
        starts_at=now + dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=2, hours=1),
    )


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_a_peer_agenda_lists_each_sides_questions_wins_and_report_backs_under_their_name(
    peer_meeting: Meeting, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    text = prep.agenda_for(person=ravi, meeting=peer_meeting, now=now).markdown(zone_name="UTC")

    assert _section(text, "Questions") == (
        "### Maya Chen\n- How do you plan a quarter?\n### Ravi Menon\n- How do you run a retro?\n"
    )
    wins = _section(text, "Wins and changes since last time")
    assert wins.startswith("### Maya Chen\n") and "Maya shipped search" in wins
    assert wins.index("### Ravi Menon") < wins.index("Ravi gave a talk")
    report = _section(text, "Advice to report back on")
    assert report.index("### Maya Chen") < report.index("Ravi's advice on hiring")
    assert report.index("### Ravi Menon") < report.index("Maya's advice on talks")
    assert report.index("Ravi's advice on hiring") < report.index("### Ravi Menon")
    assert "PRIVATE" not in text and "Unflagged" not in text


def test_both_peers_read_the_same_agenda(
    peer_meeting: Meeting, maya: Person, ravi: Person, now
) -> None:  # type: ignore[no-untyped-def]
    hers = prep.agenda_for(person=maya, meeting=peer_meeting, now=now).markdown(zone_name="UTC")
    his = prep.agenda_for(person=ravi, meeting=peer_meeting, now=now).markdown(zone_name="UTC")
    assert hers == his


def test_a_mentor_agenda_keeps_the_mentees_wins_and_report_backs_alone(
    maya_ravi: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    today = now.date()
    services.win_record(person=maya, text="Maya's win", happened_on=today, today=today)
    services.win_record(person=ravi, text="Ravi's own win", happened_on=today, today=today)
    services.question_add(author=ravi, relationship=maya_ravi, text="Ravi's question")
    meeting = MeetingFactory(
        relationship=maya_ravi,
        starts_at=now + dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=2, hours=1),
    )
    text = prep.agenda_for(person=ravi, meeting=meeting, now=now).markdown(zone_name="UTC")
    assert "Maya's win" in text and "Ravi's own win" not in text
    assert "- Ravi's question" in text and "###" not in text


def test_a_peer_agenda_runs_a_fixed_number_of_queries(
    peer_meeting: Meeting,
    peers: Relationship,
    maya: Person,
    ravi: Person,
    now,
    django_assert_num_queries,
) -> None:  # type: ignore[no-untyped-def]
    meeting = Meeting.objects.select_related("relationship__mentee", "relationship__mentor").get(
        pk=peer_meeting.pk
    )
    with django_assert_num_queries(6):
        prep.agenda_for(person=ravi, meeting=meeting, now=now)
    for i in range(5):
        services.question_add(author=ravi, relationship=peers, text=f"q{i}")
        Win.objects.create(person=ravi, happened_on=now.date(), text=f"win {i}")
    with django_assert_num_queries(6):
        prep.agenda_for(person=ravi, meeting=meeting, now=now)


# -- health: thanking is each peer's own duty ----------------------------------------


def _unthanked(person: Person, rel: Relationship, now: dt.datetime) -> int:
    row = relationship_get_with_health(person=person, relationship_id=rel.pk, now=now)
    return row.relationship.unthanked  # type: ignore[attr-defined, no-any-return]


def test_a_peers_health_counts_only_their_own_unthanked_help(
    peers: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    _tried(ravi, peers, "Maya's advice", now, RAVI_PRIVATE)  # tried: Ravi owes thanks

    assert _unthanked(ravi, peers, now) == 1
    assert _unthanked(maya, peers, now) == 0
    reasons = relationship_get_with_health(person=maya, relationship_id=peers.pk, now=now)
    assert not any("not thanked" in r for r in reasons.health.reasons)
    assert [r.relationship.unthanked for r in relationships_with_health(person=ravi, now=now)] == [
        1
    ]  # type: ignore[attr-defined]


def test_a_mentor_relationships_health_still_counts_the_mentees_unthanked_help(
    maya_ravi: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    _tried(maya, maya_ravi, "Ravi's advice", now, MAYA_PRIVATE)
    assert _unthanked(maya, maya_ravi, now) == _unthanked(ravi, maya_ravi, now) == 1
