"""What the journal reads: the check-in's rule on fixed days, what is due, the agenda's lines."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from tests.factories import MeetingFactory
from tribe.journal.models import JournalEntry
from tribe.journal.selectors import (
    Verdict,
    checkin,
    entries_for,
    journal_due,
    learned_since,
    meetings_awaiting_reflection,
    shared_with,
    since_last_meeting,
)
from tribe.journal.services import cadence_set, entry_create
from tribe.ledger.models import Advice
from tribe.ledger.services import advice_decide, advice_record_outcome, win_record
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

#: The day of the check-in. Weekly: the window is the 14 days 18–31 March.
DAY = dt.date(2026, 3, 31)
FIRST_DAY = dt.date(2026, 3, 18)
LONG_AGO = dt.date(2026, 2, 1)


def write(author: Person, on: dt.date, **fields: Any) -> JournalEntry:
    if not any(fields.get(k) for k in ("learned", "will_try", "surprised")):
        fields["learned"] = "Something"
    return entry_create(author=author, written_on=on, today=DAY, **fields)


@pytest.fixture
def weekly(maya: Person) -> Person:
    """Maya keeps a weekly journal, begun long ago."""
    cadence_set(person=maya, cadence="weekly")
    write(maya, LONG_AGO, learned="How to listen")
    return maya


# -- the check-in's rule -----------------------------------------------------------------


def test_nothing_learned_tried_or_moved_in_two_periods_is_stalled(
    weekly: Person, maya_ravi: Relationship
) -> None:
    write(weekly, FIRST_DAY - dt.timedelta(days=1), learned="Just outside the window")
    write(weekly, FIRST_DAY, will_try="Inside, but nothing learned")
    result = checkin(person=weekly, today=DAY)
    assert result.verdict is Verdict.STALLED
    assert (result.starts_on, result.period_days, result.days) == (FIRST_DAY, 7, 14)
    assert (result.entries, result.learned, result.advice_tried, result.goals_moved) == (
        1,
        [],
        [],
        [],
    )
    assert result.summary.startswith("Your learning has stalled: in the last 14 days")
    kinds = [s.kind for s in result.suggestions]
    assert kinds == ["question", "mentor", "goal"]
    assert result.suggestions[0].relationship_id == maya_ravi.pk
    assert "Ravi Menon" in result.suggestions[0].text


def test_something_learned_on_the_first_day_of_the_window_is_learning(weekly: Person) -> None:
    write(weekly, FIRST_DAY, learned="Say no kindly")
    write(weekly, DAY, learned="say  NO kindly")  # the same thing, written again
    result = checkin(person=weekly, today=DAY)
    assert result.verdict is Verdict.LEARNING
    assert result.learned == ["Say no kindly"]
    assert result.entries == 2
    assert result.suggestions == []
    assert "2 entries" in result.facts and "1 thing learned" in result.facts


def test_advice_tried_in_the_window_is_learning_but_advice_set_aside_is_not(
    weekly: Person, advice: Advice
) -> None:
    advice_decide(actor=weekly, advice=advice, decision="park", reason="Not now")
    advice_record_outcome(actor=weekly, advice=advice, outcome="Did not fit", today=DAY)
    assert checkin(person=weekly, today=DAY).verdict is Verdict.STALLED
    advice_decide(actor=weekly, advice=advice, decision="try")
    result = checkin(person=weekly, today=DAY)
    assert result.verdict is Verdict.LEARNING
    assert result.advice_tried == [advice]
    # An outcome recorded before the window is history.
    advice_record_outcome(actor=weekly, advice=advice, outcome="Helped", today=LONG_AGO)
    assert checkin(person=weekly, today=DAY).verdict is Verdict.STALLED


def test_a_win_towards_a_goal_moves_it_and_is_learning(weekly: Person, goal: Goal) -> None:
    win_record(person=weekly, text="No goal", happened_on=DAY, today=DAY)
    assert checkin(person=weekly, today=DAY).verdict is Verdict.STALLED
    win_record(person=weekly, text="Ran standup", happened_on=FIRST_DAY, today=DAY, goal=goal)
    result = checkin(person=weekly, today=DAY)
    assert (result.verdict, result.goals_moved) == (Verdict.LEARNING, [goal])


def test_a_journal_younger_than_two_periods_is_not_enough_yet(maya: Person) -> None:
    cadence_set(person=maya, cadence="weekly")
    result = checkin(person=maya, today=DAY)
    assert result.verdict is Verdict.NOT_ENOUGH_YET  # no entry at all
    assert [s.kind for s in result.suggestions] == ["write"]
    write(maya, FIRST_DAY + dt.timedelta(days=1), will_try="Begun inside the window")
    assert checkin(person=maya, today=DAY).verdict is Verdict.NOT_ENOUGH_YET
    write(maya, FIRST_DAY, will_try="Begun on its first day: old enough to judge")
    assert checkin(person=maya, today=DAY).verdict is Verdict.STALLED


def test_the_window_follows_the_cadence(maya: Person) -> None:
    """Monthly, and no cadence at all, look back 60 days; fortnightly 28."""
    write(maya, DAY - dt.timedelta(days=40), learned="Forty days ago")
    write(maya, DAY - dt.timedelta(days=100), will_try="The journal's start")
    assert checkin(person=maya, today=DAY).verdict is Verdict.LEARNING  # no cadence: 60 days
    cadence_set(person=maya, cadence="monthly")
    assert checkin(person=maya, today=DAY).starts_on == DAY - dt.timedelta(days=59)
    cadence_set(person=maya, cadence="fortnightly")
    result = checkin(person=maya, today=DAY)
    assert (result.verdict, result.days) == (Verdict.STALLED, 28)


def test_stalled_suggests_advice_waiting_to_be_tried(weekly: Person, advice: Advice) -> None:
    advice_decide(actor=weekly, advice=advice, decision="adopt")
    result = checkin(person=weekly, today=DAY)
    waiting = [s for s in result.suggestions if s.kind == "advice"]
    assert waiting and waiting[0].advice_id == advice.pk
    assert "Ask for feedback weekly" in waiting[0].text


def test_the_check_in_is_json_and_runs_a_fixed_number_of_queries(
    weekly: Person, advice: Advice, goal: Goal, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(7):
        result = checkin(person=weekly, today=DAY)
    assert json.loads(json.dumps(result.as_dict()))["verdict"] == "stalled"
    for k in range(5):
        write(weekly, DAY, learned=f"Thing {k}", goals=[goal], advice=[advice])
        win_record(person=weekly, text=f"Win {k}", happened_on=DAY, today=DAY, goal=goal)
    with django_assert_num_queries(5):  # learning: no suggestions to look for
        result = checkin(person=weekly, today=DAY)
    assert len(result.learned) == 5 and result.goals_moved == [goal]


# -- what is due ------------------------------------------------------------------------


def test_a_reflection_is_due_a_whole_period_after_the_last_entry(maya: Person) -> None:
    assert journal_due(person=maya, today=DAY) is False  # no cadence: only after meetings
    cadence_set(person=maya, cadence="weekly")
    assert journal_due(person=maya, today=DAY) is True  # none written yet
    write(maya, DAY - dt.timedelta(days=6))
    assert journal_due(person=maya, today=DAY) is False
    assert journal_due(person=maya, today=DAY + dt.timedelta(days=1)) is True
    cadence_set(person=maya, cadence="off")
    assert journal_due(person=maya, today=DAY + dt.timedelta(days=30)) is False


def test_meetings_held_lately_and_not_reflected_on_are_waiting(
    maya: Person,
    ravi: Person,
    eve: Person,
    maya_ravi: Relationship,
    held: Meeting,
    now: dt.datetime,
) -> None:
    MeetingFactory(relationship=maya_ravi, starts_at=now + dt.timedelta(days=1))  # planned
    old = now - dt.timedelta(days=20)
    MeetingFactory(
        relationship=maya_ravi, starts_at=old, ends_at=old + dt.timedelta(hours=1), status="held"
    )
    assert list(meetings_awaiting_reflection(person=maya, now=now)) == [held]
    assert list(meetings_awaiting_reflection(person=ravi, now=now)) == [held]
    assert list(meetings_awaiting_reflection(person=eve, now=now)) == []
    write(maya, DAY, meeting=held)
    assert list(meetings_awaiting_reflection(person=maya, now=now)) == []
    assert list(meetings_awaiting_reflection(person=ravi, now=now)) == [held]  # his own to write


# -- the agenda's "since last time I learned" ----------------------------------------------


def test_since_last_meeting_quotes_shared_lines_only_from_that_day_on(
    maya: Person,
    maya_ravi: Relationship,
    sam_maya: Relationship,
    held: Meeting,
    now: dt.datetime,
) -> None:
    meeting_day = held.starts_at.date()
    write(
        maya,
        meeting_day - dt.timedelta(days=1),
        learned="Before",
        relationship=maya_ravi,
        shared=True,
    )
    write(maya, meeting_day, learned="On the day", relationship=maya_ravi, shared=True)
    write(maya, meeting_day, learned="Private", relationship=maya_ravi)
    write(maya, meeting_day, will_try="Nothing learned", relationship=maya_ravi, shared=True)
    write(maya, meeting_day, learned="Told Sam", relationship=sam_maya, shared=True)
    assert since_last_meeting(person=maya, relationship=maya_ravi, now=now) == ["On the day"]
    # Before the first meeting held: everything shared in the relationship.
    before = held.starts_at - dt.timedelta(minutes=1)
    assert since_last_meeting(person=maya, relationship=maya_ravi, now=before) == [
        "Before",
        "On the day",
    ]
    assert learned_since(person=maya, relationship=sam_maya, since=None) == ["Told Sam"]


def test_shared_with_lists_what_the_other_side_shared(
    maya: Person, ravi: Person, eve: Person, maya_ravi: Relationship
) -> None:
    shared = write(maya, DAY, relationship=maya_ravi, shared=True)
    write(maya, DAY, relationship=maya_ravi)
    write(ravi, DAY, relationship=maya_ravi, shared=True)  # Ravi's own, shared with Maya
    assert list(shared_with(viewer=ravi, relationship=maya_ravi)) == [shared]
    assert [e.author for e in shared_with(viewer=maya, relationship=maya_ravi)] == [ravi]
    assert list(shared_with(viewer=eve, relationship=maya_ravi)) == []


def test_entries_for_is_the_authors_own_journal_newest_first(
    maya: Person, ravi: Person, maya_ravi: Relationship
) -> None:
    older = write(maya, DAY - dt.timedelta(days=2))
    newer = write(maya, DAY)
    write(ravi, DAY, relationship=maya_ravi, shared=True)
    assert list(entries_for(author=maya)) == [newer, older]


# -- the agenda and the update read what was shared -------------------------------------------


def test_the_agenda_and_the_update_carry_what_was_shared_and_nothing_private(
    maya: Person, maya_ravi: Relationship
) -> None:
    from tribe.journal.selectors import learned_for_agenda, learned_for_update
    from tribe.ledger.prep import agenda_for, update_draft

    held = MeetingFactory(
        relationship=maya_ravi,
        starts_at=dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 3, 20, 11, tzinfo=dt.UTC),
        status=Meeting.Status.HELD,
    )
    upcoming = MeetingFactory(
        relationship=maya_ravi,
        starts_at=dt.datetime(2026, 4, 2, 10, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 4, 2, 11, tzinfo=dt.UTC),
    )
    write(maya, dt.date(2026, 3, 10), learned="Before the last meeting", relationship=maya_ravi)
    write(maya, DAY, learned="Ask for the decision first", relationship=maya_ravi, shared=True)
    write(maya, DAY, learned="PRIVATE doubt", relationship=maya_ravi)
    now = dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)

    lines = learned_for_agenda(meeting=upcoming, now=now)
    assert lines == ["Ask for the decision first"]
    agenda = agenda_for(person=maya_ravi.mentor, meeting=upcoming, now=now, learned=lines)
    text = agenda.markdown(zone_name="UTC")
    assert "## Since last time I learned\n- Ask for the decision first" in text
    assert "PRIVATE" not in text and held.pk
    update = update_draft(
        person=maya,
        relationship=maya_ravi,
        now=now,
        learned=learned_for_update(person=maya, relationship=maya_ravi),
    )
    assert "What I learned:\n- Ask for the decision first" in update and "PRIVATE" not in update
