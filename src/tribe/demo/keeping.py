"""The demo's relationships kept alive: meetings, notes, action items, and keeping in touch.

Some duties done and some due, so that Today, the board and the agendas have
something to show from the first log-in. Built through the services, after
``pipeline`` has made the people and their relationships.
"""

from __future__ import annotations

import datetime as dt

from tribe.demo.pipeline import Cast
from tribe.ledger import services as ledger
from tribe.meetings import services as meetings
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people.models import Person
from tribe.relationships import services as relationships
from tribe.relationships.models import Relationship

#: The mentorships with a monthly check-in two weeks ago, and whether the next is planned.
CHECK_INS = ((("sam", "maya"), True), (("maya", "ravi"), True), (("ravi", "elena"), False))

#: The notes of each check-in: (whose, who may read it, what; ``{first_name}`` the mentee's).
CHECK_IN_NOTES = (
    (
        "mentee",
        Note.Visibility.SHARED,
        "We talked about where I spend my week and what to stop doing.",
    ),
    ("mentee", Note.Visibility.PRIVATE, "Private: I'm nervous about asking for the promotion."),
    ("mentor", Note.Visibility.PRIVATE, "Private: {first_name} is ready for more scope."),
)

#: The open action items of each check-in: (whose, what, due in how many days from the load).
CHECK_IN_ITEMS = (
    (ActionItem.Owner.MENTEE, "Write a one-page plan for next quarter", -2),
    (ActionItem.Owner.MENTOR, "Send the article on decision logs", 3),
)


def _at(base: dt.datetime, days: int, hour: int) -> dt.datetime:
    return (base + dt.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _check_in(
    cast: Cast, relationship: Relationship, *, actor: Person, days: int, hour: int, **extra: str
) -> Meeting:
    """A 45-minute "Monthly check-in" ``days`` from the load, at ``hour`` UTC."""
    starts_at = _at(cast.moment, days, hour)
    return meetings.meeting_create(
        actor=actor,
        relationship=relationship,
        title="Monthly check-in",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=45),
        now=cast.moment,
        **extra,
    )


def cast_meetings(cast: Cast) -> int:
    """The check-ins of ``CHECK_INS``, with both sides' notes and action items: how many."""
    moment = cast.moment
    count = 0
    for (mentee_key, mentor_key), next_planned in CHECK_INS:
        r = cast.between(mentee_key, mentor_key)
        mentee, mentor = cast.people[mentee_key], cast.people[mentor_key]
        sides = {"mentee": mentee, "mentor": mentor}
        held = _check_in(cast, r, actor=mentee, days=-14, hour=15, status=Meeting.Status.HELD)
        for side, visibility, body in CHECK_IN_NOTES:
            meetings.note_create(
                author=sides[side],
                relationship=r,
                meeting=held,
                visibility=visibility,
                body=body.format(first_name=mentee.name.split()[0]),
            )
        for owner, title, in_days in CHECK_IN_ITEMS:
            meetings.action_item_create(
                actor=sides[owner],
                relationship=r,
                meeting=held,
                owner=owner,
                title=title,
                due_on=(moment + dt.timedelta(days=in_days)).date(),
            )
        done = meetings.action_item_create(
            actor=mentee, relationship=r, meeting=held, title="Book the next meeting"
        )
        meetings.action_item_set_done(actor=mentee, item=done, done=True, now=moment)
        count += 1
        if next_planned:  # Ravi has not planned his next meeting with Elena yet
            _check_in(cast, r, actor=mentee, days=3, hour=16)
            count += 1
    return count


#: Ravi's other advice to Maya: (what, how many days ago, her decision, and why).
ADVICE_TRIED_OR_PARKED = (
    ("Decline one recurring meeting a week", 14, "try", ""),
    ("Switch to the management track now", 40, "park", "I want one more launch as an IC first."),
)


def _advice_for_maya(cast: Cast, last_meeting: Meeting | None) -> None:
    """Ravi's advice to Maya: adopted (and thanked for), tried, and parked."""
    today = cast.moment.date()
    maya, maya_ravi = cast.people["maya"], cast.between("maya", "ravi")
    log = ledger.advice_record(
        actor=maya,
        relationship=maya_ravi,
        text="Keep a decision log for the team",
        given_on=today - dt.timedelta(days=14),
        today=today,
        meeting=last_meeting,
    )
    ledger.advice_decide(actor=maya, advice=log, decision="adopt")
    ledger.advice_record_outcome(
        actor=maya,
        advice=log,
        outcome="Fewer repeated debates; new joiners read it first.",
        today=today,
        report_back=True,
    )
    ledger.gratitude_record(
        actor=maya,
        relationship=maya_ravi,
        kind="thank_you",
        given_on=today - dt.timedelta(days=2),
        description="Thank-you note for the decision-log idea",
        advice=log,
        today=today,
    )
    for text, days_ago, decision, reason in ADVICE_TRIED_OR_PARKED:
        advice = ledger.advice_record(
            actor=maya,
            relationship=maya_ravi,
            text=text,
            given_on=today - dt.timedelta(days=days_ago),
            today=today,
        )
        ledger.advice_decide(actor=maya, advice=advice, decision=decision, reason=reason)


#: Updates sent to a mentor: (mentee, mentor, every how many days, what, how many days ago).
#: Priya ended her mentorship with Jonas but still sends him news twice a year.
UPDATES = (
    ("maya", "ravi", 90, "Quarterly news: the team doubled.", 100),
    ("priya", "jonas", 182, "I moved to the data science team!", 190),
)


def cast_keeping_in_touch(cast: Cast) -> int:
    """The duties of keeping in touch, some done and some due: the series' meetings made."""
    moment, today = cast.moment, cast.moment.date()
    maya, ravi, elena = cast.people["maya"], cast.people["ravi"], cast.people["elena"]
    maya_ravi = cast.between("maya", "ravi")
    last_meeting = maya_ravi.meetings.filter(status=Meeting.Status.HELD).first()
    if last_meeting is not None:
        meetings.meeting_record_follow_up(actor=maya, meeting=last_meeting, now=moment)
    _advice_for_maya(cast, last_meeting)
    for question in ("How did you hire your first PM?", "What should I stop doing at my level?"):
        ledger.question_add(author=maya, relationship=maya_ravi, text=question)
    ledger.win_record(
        person=maya,
        text="Launched pricing v2 on time",
        happened_on=today - dt.timedelta(days=6),
        today=today,
        goal=maya.goals.first(),
    )
    ledger.win_record(
        person=maya,
        text="Ran my first hiring loop",
        happened_on=today - dt.timedelta(days=3),
        today=today,
    )
    for mentee_key, mentor_key, every_days, body, days_ago in UPDATES:
        mentee, kept = cast.people[mentee_key], cast.between(mentee_key, mentor_key)
        ledger.relationship_set_update_cadence(
            actor=mentee, relationship=kept, every_days=every_days, keep_in_touch=True
        )
        ledger.update_record_sent(
            actor=mentee,
            relationship=kept,
            body=body,
            sent_on=today - dt.timedelta(days=days_ago),
            today=today,
        )

    # Elena and Grace: coaching every four weeks from next week, and a call logged late.
    elena_grace = cast.between("elena", "grace")
    ledger.touchpoint_log(
        actor=elena,
        relationship=elena_grace,
        kind="call",
        happened_on=today - dt.timedelta(days=61),
        note="Grace suggested shadowing a board meeting.",
        today=today,
    )
    series = meetings.series_create(
        actor=elena,
        relationship=elena_grace,
        first_date=today + dt.timedelta(days=8),
        start_time=dt.time(17),
        duration_minutes=60,
        rrule="FREQ=WEEKLY;INTERVAL=4;COUNT=6",
        timezone="Europe/Berlin",
        title="Coaching session",
        now=moment,
    )

    # Ravi's sponsor is away: the relationship is snoozed, with the reason.
    sponsor = Relationship.objects.get(pk=cast.between("ravi", "hugo").pk)
    relationships.relationship_set_agreement(
        actor=ravi,
        relationship=sponsor,
        cadence_days=42,
        meeting_minutes=30,
        channel=Relationship.Channel.IN_PERSON,
        starts_on=today - dt.timedelta(days=45),
        ends_on=None,
        confidentiality="",
    )
    ledger.relationship_snooze(
        actor=ravi,
        relationship=sponsor,
        until=today + dt.timedelta(days=30),
        reason="Hugo is on sabbatical",
        today=today,
    )
    return series.occurrences.count()
