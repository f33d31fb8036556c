"""Programme pairs written directly with the ORM: an accepted offer and its relationship.

Runs and offers have their own services and tests; engagement, surveys and
reports only read what they leave behind, so these tests build it quickly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.factories import MeetingFactory, PersonFactory, RelationshipFactory
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.programs.models import (
    Answer,
    Cohort,
    MatchOffer,
    MatchRun,
    OfferStatus,
    Participant,
    Programme,
    Role,
)
from tribe.relationships.models import Relationship

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


def participant(
    programme: Programme,
    role: str = Role.MENTEE,
    *,
    cohort: Cohort | None = None,
    person: Person | None = None,
    **fields: Any,
) -> Participant:
    fields.setdefault("joined_at", NOW - dt.timedelta(days=200))
    return Participant.objects.create(
        programme=programme,
        cohort=cohort,
        person=person or PersonFactory(timezone="UTC"),
        role=role,
        capacity=0 if role == Role.MENTEE else 2,
        **fields,
    )


def run_of(programme: Programme, cohort: Cohort | None = None) -> MatchRun:
    run = MatchRun.objects.filter(programme=programme, cohort=cohort).first()
    return run or MatchRun.objects.create(programme=programme, cohort=cohort, status="published")


def pair(
    programme: Programme,
    *,
    cohort: Cohort | None = None,
    started: dt.date | None = None,
    cadence: int | None = 30,
    score: float = 0.7,
    held: tuple[int, ...] = (),
    mentee: Participant | None = None,
    mentor: Participant | None = None,
    **relationship: Any,
) -> MatchOffer:
    """An accepted offer, its relationship (started ``started``), and meetings held
    ``held`` days after the start."""
    started = started or (NOW - dt.timedelta(days=90)).date()
    mentee = mentee or participant(programme, Role.MENTEE, cohort=cohort)
    mentor = mentor or participant(programme, Role.MENTOR, cohort=cohort)
    rel: Relationship = RelationshipFactory(
        mentee=mentee.person,
        mentor=mentor.person,
        created_by=mentee.person,
        starts_on=started,
        cadence_days=cadence,
        status_changed_at=dt.datetime.combine(started, dt.time(9), tzinfo=dt.UTC),
        **relationship,
    )
    for days in held:
        starts = dt.datetime.combine(started, dt.time(10), tzinfo=dt.UTC) + dt.timedelta(days=days)
        MeetingFactory(
            relationship=rel,
            status=Meeting.Status.HELD,
            starts_at=starts,
            follow_up_sent_at=starts + dt.timedelta(hours=2),
        )
    return MatchOffer.objects.create(
        programme=programme,
        run=run_of(programme, cohort),
        mentee=mentee,
        mentor=mentor,
        score=score,
        status=OfferStatus.ACCEPTED,
        mentee_answer=Answer.ACCEPTED,
        mentor_answer=Answer.ACCEPTED,
        relationship=rel,
    )


def many_pairs(programme: Programme, n: int, *, cohort: Cohort | None = None) -> None:
    """``n`` pairs, each with a meeting held, some of them at risk."""
    for k in range(n):
        pair(
            programme,
            cohort=cohort,
            score=(k % 10) / 10 + 0.05,
            held=(5,) if k % 3 else (),
            started=(NOW - dt.timedelta(days=40 + k % 150)).date(),
        )


#: Words the two people of a pair write: no administrator's page, export or command shows them.
PRIVATE = {
    "note": "SECRET-note-7c1",
    "shared_note": "SECRET-shared-note-7c2",
    "agenda": "SECRET-agenda-7c3",
    "meeting_title": "SECRET-meeting-title-7c4",
    "advice": "SECRET-advice-7c5",
    "journal": "SECRET-journal-7c6",
    "goal": "SECRET-goal-7c7",
    "goal_why": "SECRET-goal-why-7c8",
    "purpose": "SECRET-purpose-7c9",
    "touchpoint": "SECRET-touchpoint-7ca",
    "snooze": "SECRET-snooze-7cb",
    "survey_text": "SECRET-unshared-survey-7cc",
}


def private_pair(programme: Programme, *, cohort: Cohort | None = None) -> MatchOffer:
    """A pair whose people wrote something private in every place they can."""
    from tests.factories import NoteFactory
    from tribe.journal.services import entry_create
    from tribe.ledger.services import advice_record
    from tribe.people.services import goal_create
    from tribe.programs.models import Survey, SurveyResponse

    offer = pair(
        programme,
        cohort=cohort,
        held=(10, 40),
        purpose=PRIVATE["purpose"],
        snooze_reason=PRIVATE["snooze"],
    )
    rel = offer.relationship
    assert rel is not None
    maya, ravi = offer.mentee.person, offer.mentor.person
    today = dt.datetime.now(dt.UTC).date()
    meeting = rel.meetings.order_by("starts_at").first()
    assert meeting is not None
    Meeting.objects.filter(pk=meeting.pk).update(
        agenda=PRIVATE["agenda"], title=PRIVATE["meeting_title"]
    )
    NoteFactory(relationship=rel, author=maya, body=PRIVATE["note"], meeting=meeting)
    NoteFactory(relationship=rel, author=ravi, body=PRIVATE["shared_note"], visibility="shared")
    advice_record(actor=maya, relationship=rel, text=PRIVATE["advice"], given_on=today, today=today)
    entry_create(
        author=maya, written_on=today, today=today, learned=PRIVATE["journal"], relationship=rel
    )
    goal = goal_create(person=maya, title=PRIVATE["goal"], why=PRIVATE["goal_why"])
    rel.goals.add(goal)
    from tribe.ledger.models import Touchpoint

    Touchpoint.objects.create(
        relationship=rel, author=maya, kind="call", happened_on=today, note=PRIVATE["touchpoint"]
    )
    survey = Survey.objects.filter(programme=programme).first() or Survey.objects.create(
        programme=programme,
        name="Pulse",
        questions=[
            {"key": "q1", "label": "Useful?", "kind": "rating", "min": 1, "max": 5},
            {"key": "q2", "label": "Anything else?", "kind": "text"},
        ],
    )
    SurveyResponse.objects.create(
        survey=survey,
        participant=offer.mentee,
        offer=offer,
        point=30,
        ratings={"q1": 4},
        texts={"q2": PRIVATE["survey_text"]},
        share_texts=False,
        submitted_at=NOW,
    )
    return offer
