"""A realistic history for benchmark relationships, dated from a given moment.

bench/today_bench.py builds the same shape from a fixed date in the past;
the page benchmark asks a real server, which reads the real clock, so its
history is dated from "now" and its relationships are agreed by both sides
(past the request, every relationship is), which Today needs to list duties.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def relationship_history(pairs: list[tuple[Any, Any]], now: dt.datetime) -> list[Any]:
    """One active, agreed relationship per (mentee, mentor), each with its history.

    Every relationship gets: a meeting held three weeks ago (follow-up sent)
    and one held four days ago (follow-up not sent); a planned meeting in the
    next days for two thirds of them; an overdue and an open action item;
    advice adopted and not yet thanked, advice with an outcome to report
    back, and older advice that was thanked; a call and a message; an open
    question; a private and a shared note; and an update sent.
    """
    from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Question, Touchpoint
    from tribe.meetings.models import ActionItem, Meeting, Note
    from tribe.relationships.models import Relationship

    agreed = now - dt.timedelta(days=200)
    rels = Relationship.objects.bulk_create(
        [
            Relationship(
                mentee=mentee,
                mentor=mentor,
                created_by=mentee,
                status=Relationship.Status.ACTIVE,
                status_changed_at=agreed,
                asked_at=agreed - dt.timedelta(days=3),
                agreed_at=agreed,
                mentee_consented_at=agreed,
                mentor_consented_at=agreed,
                purpose="Grow into a lead role",
                cadence_days=14 + 7 * (i % 4),
                update_every_days=90,
            )
            for i, (mentee, mentor) in enumerate(pairs)
        ],
        batch_size=2000,
    )
    day = now.date()
    meetings: list[Any] = []
    items: list[Any] = []
    advice: list[Any] = []
    touches: list[Any] = []
    questions: list[Any] = []
    notes: list[Any] = []
    updates: list[Any] = []
    for i, rel in enumerate(rels):
        for held, sent in (
            (now - dt.timedelta(days=21, hours=i % 7), True),
            (now - dt.timedelta(days=4, hours=i % 5), False),
        ):
            meetings.append(
                Meeting(
                    relationship=rel,
                    title="Check-in",
                    status=Meeting.Status.HELD,
                    starts_at=held,
                    ends_at=held + dt.timedelta(hours=1),
                    follow_up_sent_at=held + dt.timedelta(days=1) if sent else None,
                )
            )
        if i % 3:
            upcoming = now + dt.timedelta(days=1 + i % 10, hours=i % 9)
            meetings.append(
                Meeting(
                    relationship=rel,
                    title="Check-in",
                    starts_at=upcoming,
                    ends_at=upcoming + dt.timedelta(hours=1),
                )
            )
        owner = ActionItem.Owner.MENTEE if i % 2 else ActionItem.Owner.MENTOR
        items += [
            ActionItem(
                relationship=rel,
                title="Draft the plan",
                owner=owner,
                due_on=day - dt.timedelta(days=2),
                created_by=rel.mentee,
            ),
            ActionItem(
                relationship=rel,
                title="Read the book",
                owner=ActionItem.Owner.MENTEE,
                created_by=rel.mentee,
            ),
        ]
        given = day - dt.timedelta(days=21)
        advice += [
            Advice(
                relationship=rel,
                recorded_by=rel.mentee,
                given_on=given,
                text="Write a one-page strategy",
                decision=Advice.Decision.ADOPT,
            ),
            Advice(
                relationship=rel,
                recorded_by=rel.mentee,
                given_on=given,
                text="Run user interviews",
                decision=Advice.Decision.TRY,
                outcome="Found three problems",
                outcome_on=day,
                report_back=True,
            ),
            Advice(
                relationship=rel,
                recorded_by=rel.mentee,
                given_on=day - dt.timedelta(days=60),
                text="Say no more often",
                decision=Advice.Decision.ADOPT,
            ),
        ]
        touches += [
            Touchpoint(
                relationship=rel,
                author=rel.mentee,
                kind=Touchpoint.Kind.CALL,
                happened_on=day - dt.timedelta(days=30 + i % 20),
            ),
            Touchpoint(
                relationship=rel,
                author=rel.mentee,
                kind=Touchpoint.Kind.MESSAGE,
                happened_on=day - dt.timedelta(days=10 + i % 30),
                note="private",
            ),
        ]
        questions.append(Question(relationship=rel, author=rel.mentee, text="How do I hire?"))
        notes += [
            Note(relationship=rel, author=rel.mentee, body="private note"),
            Note(
                relationship=rel,
                author=rel.mentor,
                body="shared note",
                visibility=Note.Visibility.SHARED,
            ),
        ]
        updates.append(
            MentorUpdate(
                relationship=rel,
                author=rel.mentee,
                body="News",
                sent_on=day - dt.timedelta(days=80 + i % 30),
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    ActionItem.objects.bulk_create(items, batch_size=2000)
    saved_advice = Advice.objects.bulk_create(advice, batch_size=2000)
    # The oldest advice of each relationship (every third row) has been thanked.
    Gratitude.objects.bulk_create(
        [
            Gratitude(
                relationship=a.relationship,
                given_by=a.recorded_by,
                advice=a,
                given_on=day - dt.timedelta(days=50),
                description="Thank-you card",
            )
            for a in saved_advice[2::3]
        ],
        batch_size=2000,
    )
    Touchpoint.objects.bulk_create(touches, batch_size=2000)
    Question.objects.bulk_create(questions, batch_size=2000)
    Note.objects.bulk_create(notes, batch_size=2000)
    MentorUpdate.objects.bulk_create(updates, batch_size=2000)
    return rels
