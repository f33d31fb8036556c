"""Preparation and follow-up: the agenda before a meeting, the drafts after it.

Read-only, like the selectors: everything is gathered in a fixed number of
queries and rendered as Markdown (printable, pastable into an e-mail, shown
by ``tribe prep``). Private notes never appear in any of it: the agenda is
shared with the other side, and drafts are written to be sent.

It lives in the ledger, above meetings: an agenda is a meeting's view of the
ledger (questions collected, wins, advice to report back).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core.labels import in_sentence
from tribe.core.zones import local
from tribe.ledger.health import add_days
from tribe.ledger.models import Advice, MentorUpdate, Question, Win
from tribe.ledger.sides import BOTH, keeper_sides, side_name
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

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
    #: What the mentee learned and shared from their journal since last time.
    learned: list[str] = field(default_factory=list)
    edited: str = ""
    #: Peers ask and advise both ways: questions, wins and report-backs are of
    #: both sides, and the agenda says whose each one is.
    symmetric: bool = False

    def _sides(self) -> list[tuple[int | None, str]]:
        r = self.relationship
        return [(r.mentee_id, r.mentee_name), (r.mentor_id, r.mentor_name)]

    def _of_side(self, rows: Sequence[Any], person_id: int | None, attribute: str) -> list[Any]:
        """The rows of one side; anything not the mentor side's is the mentee side's."""
        mentor_id = self.relationship.mentor_id
        if person_id == mentor_id and mentor_id is not None:
            return [row for row in rows if getattr(row, attribute) == mentor_id]
        return [row for row in rows if mentor_id is None or getattr(row, attribute) != mentor_id]

    def markdown(self, *, zone_name: str) -> str:
        if self.edited:
            return self.edited
        return self.built_markdown(zone_name=zone_name)

    def built_markdown(self, *, zone_name: str) -> str:
        starts = local(self.meeting.starts_at, zone_name)
        r = self.relationship
        heading = gettext("{title}: {mentee} and {mentor}").format(
            title=self.meeting.title or gettext("Meeting"),
            mentee=r.mentee_name,
            mentor=r.mentor_name,
        )
        no_purpose = gettext("No purpose statement yet: write one sentence on why you meet.")
        lines = [
            f"# {heading}",
            f"{date_format(starts, 'PADDED_LONG_DATETIME_FORMAT')} ({zone_name})",
            "",
            "## " + gettext("Purpose"),
            self.purpose or f"_{no_purpose}_",
        ]

        def section(title: str, rows: list[str], empty: str) -> None:
            lines.extend(["", f"## {title}"])
            lines.extend(rows or [f"_{empty}_"])

        def by_side(rows: Sequence[Any], attribute: str, line: Callable[[Any], str]) -> list[str]:
            """Peers' rows under each one's name (both sides ask, report and win)."""
            if not self.symmetric:
                return [line(row) for row in rows]
            out: list[str] = []
            for person_id, name in self._sides():
                mine = self._of_side(rows, person_id, attribute)
                if mine:
                    out += [f"### {name}", *(line(row) for row in mine)]
            return out

        section(
            gettext("Questions"),
            by_side(self.questions, "author_id", lambda q: f"- {q.text}"),
            gettext("No questions collected yet."),
        )
        section(
            gettext("Open action items"),
            [
                "- [ ] "
                + (
                    gettext("{title} ({owner}, due {due})")
                    if a.due_on
                    else gettext("{title} ({owner})")
                ).format(title=a.title, owner=_owner(r, a), due=_day_month(a.due_on))
                for a in self.action_items
            ],
            gettext("Nothing open."),
        )
        news: list[str] = []
        if self.symmetric:
            for person_id, name in self._sides():
                wins = self._of_side(self.wins, person_id, "person_id")
                goals = self._of_side(self.goals, person_id, "person_id")
                if wins or goals:
                    news += [f"### {name}", *_news_lines(wins, goals)]
        else:
            news = _news_lines(self.wins, self.goals)
        section(
            gettext("Wins and changes since last time"),
            news,
            gettext("Nothing recorded since the last meeting."),
        )
        if self.learned:
            section(
                gettext("Since last time I learned"),
                [f"- {line}" for line in self.learned],
                "",
            )
        section(
            gettext("Advice to report back on"),
            by_side(
                self.report_back,
                "recorded_by_id",
                lambda a: (
                    "- "
                    + gettext("{advice} — decided: {decision}. How it went: {outcome}").format(
                        advice=a.text, decision=in_sentence(a, "decision"), outcome=a.outcome
                    )
                ),
            ),
            gettext("Nothing to report back."),
        )
        return "\n".join(lines) + "\n"


def agenda_for(
    *,
    person: Person,
    meeting: Meeting,
    now: dt.datetime | None = None,
    learned: Sequence[str] = (),
) -> Agenda:
    """The agenda of ``meeting`` (already fetched for ``person``): six queries.

    Both sides read the same agenda. Wins, goal progress and the advice to
    report back on are the mentee's; in a peer relationship they are each
    side's, and so are the questions, each under its author's name (each sees
    what they asked and what they must report back).

    ``learned`` are the lines the mentee shared from their learning journal
    since the last meeting; the caller reads them
    (:func:`tribe.journal.selectors.learned_for_agenda`), because the journal
    builds on the ledger, not the other way round.
    """
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
    symmetric = keeper_sides(relationship.kind) == BOTH
    sides = [relationship.mentee, relationship.mentor] if symmetric else [relationship.mentee]
    keepers = [side for side in sides if side is not None]
    if keepers:
        # Wins are dated in each keeper's calendar: compare in their zone, not UTC.
        dated = []
        for keeper in keepers:
            meeting_day = local(meeting.starts_at, keeper.timezone).date()
            day = Q(person=keeper, happened_on__lte=meeting_day)
            if previous:
                day &= Q(happened_on__gt=local(previous, keeper.timezone).date())
            dated.append(day)
        wins = list(Win.objects.filter(reduce(operator.or_, dated))[: 20 * len(keepers)])
        goal_rows = Goal.objects.filter(person__in=keepers, relationships=relationship)
        if previous:
            goal_rows = goal_rows.filter(updated_at__gt=previous)
        goals = list(goal_rows)
        report_back = list(
            Advice.objects.filter(
                relationship=relationship,
                recorded_by__in=keepers,
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
        learned=list(learned),
        edited=meeting.agenda,
        symmetric=symmetric,
    )


def _owner(relationship: Relationship, item: ActionItem) -> str:
    """Whose an action item is: "mentee"/"mentor" in a mentor relationship, else a name."""
    if relationship.kind == Relationship.Kind.MENTOR:
        return in_sentence(item, "owner")
    return side_name(relationship, item.owner)


def _news_lines(wins: Sequence[Win], goals: Sequence[Goal]) -> list[str]:
    lines = [f"- {_day_month(w.happened_on)}: {w.text}" for w in wins]
    lines += [
        "- "
        + gettext("Goal “{title}”: {status}").format(title=g.title, status=in_sentence(g, "status"))
        for g in goals
    ]
    return lines


def next_upcoming_meeting(*, relationship: Relationship, after: dt.datetime) -> Meeting | None:
    return (
        Meeting.objects.filter(
            relationship=relationship, status=Meeting.Status.PLANNED, starts_at__gt=after
        )
        .order_by("starts_at")
        .first()
    )


def _day_month(day: dt.date | None) -> str:
    """A due date or a win's day in the active language ("08 Mar"); "" for none."""
    return "" if day is None else date_format(day, "PADDED_MONTH_DAY_FORMAT")


def _greeting(name: str) -> str:
    return gettext("Hi {name},").format(name=name)


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
        _greeting(other),
        "",
        gettext("Thank you for your time on {when}. It helped.").format(
            when=date_format(when, "PADDED_LONG_DAY_FORMAT")
        ),
    ]
    discussed = [n.body.strip() for n in shared]
    if discussed:
        lines += ["", gettext("What we discussed:")] + [f"- {text}" for text in discussed]
    me = gettext("me")
    next_steps = [
        "- "
        + (gettext("{step} ({who}, by {due})") if a.due_on else gettext("{step} ({who})")).format(
            step=a.title,
            who=me if a.owner == relationship.role_of(person) else other,
            due=_day_month(a.due_on),
        )
        for a in steps
    ]
    if next_steps:
        lines += ["", gettext("Next steps:"), *next_steps]
    if upcoming is not None:
        nxt = local(upcoming.starts_at, person.timezone)
        said = gettext("Our next meeting: {when} ({zone}).")
        when_next = date_format(nxt, "PADDED_LONG_DAY_TIME_FORMAT")
        lines += ["", said.format(when=when_next, zone=person.timezone)]
    elif relationship.cadence_days:
        target = add_days(when.date(), relationship.cadence_days)  # never overflows
        said = gettext("Shall we meet again around {day}? I'll send an invitation.")
        lines += ["", said.format(day=date_format(target, "PADDED_FULL_MONTH_DAY_FORMAT"))]
    lines += ["", gettext("With thanks,"), person.get_short_name()]
    return "\n".join(lines) + "\n"


def update_draft(
    *,
    person: Person,
    relationship: Relationship,
    now: dt.datetime | None = None,
    learned: Sequence[str] = (),
) -> str:
    """A news update for the mentor: wins, goal progress and advice outcomes
    since the last one, and ``learned``: what the person shared from their
    learning journal since then (:func:`tribe.journal.selectors.learned_for_update`)."""
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
        _greeting(other),
        "",
        gettext("A short update on how things are going since {since}.").format(
            since=date_format(last, "PADDED_FULL_MONTH_DAY_FORMAT")
        )
        if last
        else gettext("A short update on how things are going."),
    ]
    win_lines = [f"- {w.text}" for w in wins[:10]]
    if win_lines:
        lines += ["", gettext("Wins:"), *win_lines]
    goal_lines = [f"- {g.title}: {in_sentence(g, 'status')}" for g in goals]
    if goal_lines:
        lines += ["", gettext("Goals:"), *goal_lines]
    advice_lines = [
        "- "
        + gettext("You suggested: {advice}. I decided to {decision}: {outcome}").format(
            advice=a.text, decision=in_sentence(a, "decision"), outcome=a.outcome
        )
        for a in outcomes
    ]
    if advice_lines:
        lines += ["", gettext("Your advice, and how it went:"), *advice_lines]
    if learned:
        lines += ["", gettext("What I learned:"), *(f"- {line}" for line in learned)]
    if not (win_lines or goal_lines or advice_lines or learned):
        lines += [
            "",
            gettext(
                "(Add wins, goal progress or advice outcomes in Tribe and they will appear here.)"
            ),
        ]
    lines += ["", gettext("Thank you for being part of this."), person.get_short_name()]
    return "\n".join(lines) + "\n"
