"""Preparation and follow-up: the agenda before a meeting, the drafts after it.

Read-only, like the selectors: everything is gathered in a fixed number of
queries and rendered as Markdown (printable, pastable into an e-mail, shown
by ``tribe prep``). Private notes never appear in any of it: the agenda is
shared with the other side, and drafts are written to be sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from tribe.core import clock
from tribe.core.zones import local
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people.models import Goal, Person, Win
from tribe.relationships.health import add_days
from tribe.relationships.models import Advice, MentorUpdate, Question, Relationship

__all__ = ["Agenda", "agenda_for", "follow_up_draft", "update_draft"]


@dataclass(frozen=True)
class Agenda:
    meeting: Meeting
    relationship: Relationship
    since: dt.datetime | None  # the previous meeting held, if any
    purpose: str
    questions: list[Question] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    wins: list[Win] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    report_back: list[Advice] = field(default_factory=list)
    edited: str = ""

    def markdown(self, *, zone_name: str) -> str:
        if self.edited:
            return self.edited
        return self.built_markdown(zone_name=zone_name)

    def built_markdown(self, *, zone_name: str) -> str:
        starts = local(self.meeting.starts_at, zone_name)
        r = self.relationship
        lines = [
            f"# {self.meeting.title or 'Meeting'}: {r.mentee_name} and {r.mentor_name}",
            f"{starts:%A %d %B %Y, %H:%M} ({zone_name})",
            "",
            "## Purpose",
            self.purpose or "_No purpose statement yet: write one sentence on why you meet._",
        ]

        def section(title: str, rows: list[str], empty: str) -> None:
            lines.extend(["", f"## {title}"])
            lines.extend(rows or [f"_{empty}_"])

        section("Questions", [f"- {q.text}" for q in self.questions], "No questions collected yet.")
        section(
            "Open action items",
            [
                f"- [ ] {a.title} ({a.get_owner_display().lower()}"
                + (f", due {a.due_on:%d %b}" if a.due_on else "")
                + ")"
                for a in self.action_items
            ],
            "Nothing open.",
        )
        news = [f"- {w.happened_on:%d %b}: {w.text}" for w in self.wins]
        news += [f"- Goal “{g.title}”: {g.get_status_display().lower()}" for g in self.goals]
        section(
            "Wins and changes since last time", news, "Nothing recorded since the last meeting."
        )
        section(
            "Advice to report back on",
            [
                f"- {a.text} — decided: {a.get_decision_display().lower()}. "
                f"How it went: {a.outcome}"
                for a in self.report_back
            ],
            "Nothing to report back.",
        )
        return "\n".join(lines) + "\n"


def agenda_for(*, person: Person, meeting: Meeting, now: dt.datetime | None = None) -> Agenda:
    """The agenda of ``meeting`` (already fetched for ``person``): six queries."""
    relationship = meeting.relationship
    previous = (
        Meeting.objects.filter(
            relationship=relationship, status=Meeting.Status.HELD, starts_at__lt=meeting.starts_at
        )
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    wins: list[Win] = []
    goals: list[Goal] = []
    report_back: list[Advice] = []
    mentee = relationship.mentee
    if mentee is not None:
        # Wins are dated in the mentee's calendar: compare in their zone, not UTC.
        since_date = local(previous, mentee.timezone).date() if previous else None
        meeting_day = local(meeting.starts_at, mentee.timezone).date()
        win_rows = Win.objects.filter(person=mentee, happened_on__lte=meeting_day)
        if since_date:
            win_rows = win_rows.filter(happened_on__gt=since_date)
        wins = list(win_rows[:20])
        goal_rows = Goal.objects.filter(person=mentee, relationships=relationship)
        if previous:
            goal_rows = goal_rows.filter(updated_at__gt=previous)
        goals = list(goal_rows)
        report_back = list(
            Advice.objects.filter(
                relationship=relationship,
                recorded_by=mentee,
                report_back=True,
                reported_back_on__isnull=True,
            ).exclude(outcome="")
        )
    return Agenda(
        meeting=meeting,
        relationship=relationship,
        since=previous,
        purpose=relationship.purpose,
        questions=list(
            Question.objects.filter(relationship=relationship, answered_on__isnull=True)
        ),
        action_items=list(
            ActionItem.objects.filter(relationship=relationship, done_at__isnull=True)
        ),
        wins=wins,
        goals=goals,
        report_back=report_back,
        edited=meeting.agenda,
    )


def next_upcoming_meeting(*, relationship: Relationship, after: dt.datetime) -> Meeting | None:
    return (
        Meeting.objects.filter(
            relationship=relationship, status=Meeting.Status.PLANNED, starts_at__gt=after
        )
        .order_by("starts_at")
        .first()
    )


def follow_up_draft(*, person: Person, meeting: Meeting, now: dt.datetime | None = None) -> str:
    """Thanks, what was discussed (shared notes only), next steps, the next meeting."""
    moment = clock.resolve(now)
    relationship = meeting.relationship
    other = relationship.other_name(person).split(" ")[0]
    shared = Note.objects.filter(meeting=meeting, visibility=Note.Visibility.SHARED).order_by(
        "created_at"
    )
    steps = ActionItem.objects.filter(
        Q(meeting=meeting) | Q(relationship=relationship, done_at__isnull=True),
        relationship=relationship,
    ).distinct()
    upcoming = next_upcoming_meeting(
        relationship=relationship, after=max(moment, meeting.starts_at)
    )
    when = local(meeting.starts_at, person.timezone)
    lines = [
        f"Hi {other},",
        "",
        f"Thank you for your time on {when:%A %d %B}. It helped.",
    ]
    discussed = [n.body.strip() for n in shared]
    if discussed:
        lines += ["", "What we discussed:"] + [f"- {text}" for text in discussed]
    next_steps = [
        f"- {a.title} ({'me' if a.owner == relationship.role_of(person) else other}"
        + (f", by {a.due_on:%d %b}" if a.due_on else "")
        + ")"
        for a in steps
    ]
    if next_steps:
        lines += ["", "Next steps:", *next_steps]
    if upcoming is not None:
        nxt = local(upcoming.starts_at, person.timezone)
        lines += ["", f"Our next meeting: {nxt:%A %d %B, %H:%M} ({person.timezone})."]
    elif relationship.cadence_days:
        target = add_days(when.date(), relationship.cadence_days)  # never overflows
        lines += ["", f"Shall we meet again around {target:%d %B}? I'll send an invitation."]
    lines += ["", "With thanks,", person.get_short_name()]
    return "\n".join(lines) + "\n"


def update_draft(
    *, person: Person, relationship: Relationship, now: dt.datetime | None = None
) -> str:
    """A news update for the mentor: wins, goal progress and advice outcomes since the last one."""
    moment = clock.resolve(now)
    last = (
        MentorUpdate.objects.filter(relationship=relationship)
        .order_by("-sent_on")
        .values_list("sent_on", flat=True)
        .first()
    )
    wins = Win.objects.filter(person=person, happened_on__lte=local(moment, person.timezone).date())
    goals = Goal.objects.filter(person=person).exclude(status=Goal.Status.DROPPED)
    if last:
        wins = wins.filter(happened_on__gt=last)
        goals = goals.filter(updated_at__date__gt=last)
    outcomes = Advice.objects.filter(
        relationship=relationship,
        recorded_by=person,
        report_back=True,
        reported_back_on__isnull=True,
    ).exclude(outcome="")
    other = relationship.other_name(person).split(" ")[0]
    lines = [
        f"Hi {other},",
        "",
        "A short update on how things are going" + (f" since {last:%d %B}." if last else "."),
    ]
    win_lines = [f"- {w.text}" for w in wins[:10]]
    if win_lines:
        lines += ["", "Wins:", *win_lines]
    goal_lines = [f"- {g.title}: {g.get_status_display().lower()}" for g in goals]
    if goal_lines:
        lines += ["", "Goals:", *goal_lines]
    advice_lines = [
        f"- You suggested: {a.text}. I decided to {a.get_decision_display().lower()}: {a.outcome}"
        for a in outcomes
    ]
    if advice_lines:
        lines += ["", "Your advice, and how it went:", *advice_lines]
    if not (win_lines or goal_lines or advice_lines):
        lines += [
            "",
            "(Add wins, goal progress or advice outcomes in Tribe and they will appear here.)",
        ]
    lines += ["", "Thank you for being part of this.", person.get_short_name()]
    return "\n".join(lines) + "\n"
