"""Agendas and drafts: their contents, their privacy, their query counts."""

import datetime as dt

import pytest

from tests.factories import ActionItemFactory, GoalFactory, MeetingFactory, NoteFactory
from tribe.core.errors import ValidationError
from tribe.ledger import prep
from tribe.ledger import services as rel_services
from tribe.meetings import services
from tribe.meetings.errors import MeetingCode
from tribe.meetings.models import Meeting
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(maya_ravi: Relationship, now: dt.datetime) -> dict[str, object]:
    """Maya met Ravi 20 days ago and meets him again in 3 days."""
    today = now.date()
    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    past = MeetingFactory(
        relationship=maya_ravi,
        status="held",
        starts_at=now - dt.timedelta(days=20),
        ends_at=now - dt.timedelta(days=20, hours=-1),
    )
    upcoming = MeetingFactory(
        relationship=maya_ravi,
        title="Check-in",
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=1),
    )
    rel_services.question_add(
        author=maya, relationship=maya_ravi, text="How do I hire my first PM?"
    )
    answered = rel_services.question_add(author=maya, relationship=maya_ravi, text="Old question")
    rel_services.question_set_answered(actor=maya, question=answered, answered_on=today)
    ActionItemFactory(relationship=maya_ravi, title="Draft the hiring plan", due_on=today)
    ActionItemFactory(relationship=maya_ravi, title="Done already", done_at=now)
    rel_services.win_record(
        person=maya,
        text="Shipped pricing v2",
        happened_on=today - dt.timedelta(days=5),
        today=today,
    )
    rel_services.win_record(
        person=maya, text="Ancient win", happened_on=today - dt.timedelta(days=60), today=today
    )
    advice = rel_services.advice_record(
        actor=maya,
        relationship=maya_ravi,
        text="Write a decision log",
        given_on=today - dt.timedelta(days=20),
        today=today,
    )
    rel_services.advice_decide(actor=maya, advice=advice, decision="try")
    rel_services.advice_record_outcome(
        actor=maya, advice=advice, outcome="Fewer repeated debates", today=today, report_back=True
    )
    goal = GoalFactory(person=maya, title="Lead PMs", status="in_progress")
    maya_ravi.goals.add(goal)
    NoteFactory(
        relationship=maya_ravi,
        meeting=past,
        author=maya,
        body="PRIVATE WORRY",
        visibility="private",
    )
    NoteFactory(
        relationship=maya_ravi, meeting=past, author=ravi, body="RAVI PRIVATE", visibility="private"
    )
    NoteFactory(
        relationship=maya_ravi,
        meeting=past,
        author=maya,
        body="We discussed hiring.",
        visibility="shared",
    )
    return {"past": past, "upcoming": upcoming}


def test_agenda_gathers_purpose_questions_items_wins_goals_and_report_back(
    maya_ravi: Relationship, setting: dict, now: dt.datetime
) -> None:
    agenda = prep.agenda_for(person=maya_ravi.mentee, meeting=setting["upcoming"], now=now)
    text = agenda.markdown(zone_name="Europe/London")
    assert "## Purpose\nLearn to lead" in text
    assert "- How do I hire my first PM?" in text and "Old question" not in text
    assert "Draft the hiring plan" in text and "Done already" not in text
    assert "Shipped pricing v2" in text and "Ancient win" not in text
    assert "Goal “Lead PMs”: in progress" in text
    assert "Write a decision log — decided: try it. How it went: Fewer repeated debates" in text
    assert "PRIVATE" not in text


def test_the_mentor_sees_the_same_agenda(
    maya_ravi: Relationship, setting: dict, now: dt.datetime
) -> None:
    agenda = prep.agenda_for(person=maya_ravi.mentor, meeting=setting["upcoming"], now=now)
    assert "Shipped pricing v2" in agenda.markdown(zone_name="Asia/Kolkata")


def test_an_edited_agenda_wins_and_clearing_it_rebuilds(
    maya_ravi: Relationship, setting: dict, now: dt.datetime
) -> None:
    meeting = setting["upcoming"]
    services.meeting_set_agenda(
        actor=maya_ravi.mentee, meeting=meeting, agenda="1. Hiring\n2. Pricing"
    )
    assert (
        prep.agenda_for(person=maya_ravi.mentee, meeting=meeting).markdown(zone_name="UTC")
        == "1. Hiring\n2. Pricing"
    )
    services.meeting_set_agenda(actor=maya_ravi.mentee, meeting=meeting, agenda="  ")
    assert "## Purpose" in prep.agenda_for(person=maya_ravi.mentee, meeting=meeting).markdown(
        zone_name="UTC"
    )


def test_agenda_runs_a_fixed_number_of_queries(
    maya_ravi: Relationship, setting: dict, now: dt.datetime, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    meeting = Meeting.objects.select_related("relationship__mentee", "relationship__mentor").get(
        pk=setting["upcoming"].pk
    )
    with django_assert_num_queries(6):
        prep.agenda_for(person=maya_ravi.mentee, meeting=meeting, now=now)
    for i in range(10):
        rel_services.question_add(author=maya_ravi.mentee, relationship=maya_ravi, text=f"q{i}")
        ActionItemFactory(relationship=maya_ravi)
    with django_assert_num_queries(6):
        prep.agenda_for(person=maya_ravi.mentee, meeting=meeting, now=now)


def test_follow_up_draft_has_thanks_summary_steps_and_next_meeting_but_no_private_notes(
    maya_ravi: Relationship, setting: dict, now: dt.datetime
) -> None:
    draft = prep.follow_up_draft(person=maya_ravi.mentee, meeting=setting["past"], now=now)
    assert draft.startswith("Hi Ravi,")
    assert "Thank you for your time" in draft
    assert "- We discussed hiring." in draft
    assert "Draft the hiring plan" in draft
    assert "Our next meeting:" in draft
    assert "PRIVATE" not in draft


def test_follow_up_is_recorded_only_after_the_meeting(
    maya_ravi: Relationship, setting: dict, now: dt.datetime
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.meeting_record_follow_up(
            actor=maya_ravi.mentee, meeting=setting["upcoming"], now=now
        )
    assert exc.value.message == MeetingCode.FOLLOW_UP_TOO_EARLY.template
    meeting = services.meeting_record_follow_up(
        actor=maya_ravi.mentee, meeting=setting["past"], now=now
    )
    assert meeting.follow_up_sent_at == now


def test_a_meeting_cannot_be_held_in_the_future_or_planned_in_the_past(
    maya_ravi: Relationship, setting: dict, now: dt.datetime
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.meeting_set_status(
            actor=maya_ravi.mentee, meeting=setting["upcoming"], status="held", now=now
        )
    assert exc.value.message == MeetingCode.FUTURE_HELD.template
    with pytest.raises(ValidationError) as exc:
        services.meeting_set_status(
            actor=maya_ravi.mentee, meeting=setting["past"], status="planned", now=now
        )
    assert exc.value.message == MeetingCode.PAST_PLANNED.template
    cancelled = services.meeting_set_status(
        actor=maya_ravi.mentee, meeting=setting["upcoming"], status="cancelled", now=now
    )
    assert cancelled.sequence == 1


def test_update_draft_covers_wins_goals_and_advice_since_the_last_update(
    maya_ravi: Relationship, setting: dict, now: dt.datetime
) -> None:
    maya = maya_ravi.mentee
    draft = prep.update_draft(person=maya, relationship=maya_ravi, now=now)
    assert "Shipped pricing v2" in draft and "Lead PMs: in progress" in draft
    assert "You suggested: Write a decision log" in draft
    rel_services.update_record_sent(
        actor=maya, relationship=maya_ravi, body=draft, sent_on=now.date(), today=now.date()
    )
    later = prep.update_draft(person=maya, relationship=maya_ravi, now=now + dt.timedelta(days=1))
    assert "Write a decision log" not in later and "Shipped pricing v2" not in later
