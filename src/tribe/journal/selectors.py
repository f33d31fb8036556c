"""Reads for the learning journal: whose entries, who may read one, and the check-in.

An entry is readable by its author, and, once shared, by the other person of
its relationship (who must have said yes to that relationship): nobody else,
administrators included. One predicate says so, :func:`readable_entries_q`.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import reduce
from typing import Any

from django.db.models import Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils.translation import gettext, ngettext

from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.core.zones import local
from tribe.journal.errors import JournalCode
from tribe.journal.models import (
    DEFAULT_PERIOD_DAYS,
    PERIOD_DAYS,
    Cadence,
    JournalCadence,
    JournalEntry,
)
from tribe.ledger.models import SET_ASIDE, TAKEN_UP, Advice, MentorUpdate
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship

__all__ = [
    "CheckIn",
    "Suggestion",
    "Verdict",
    "cadence_of",
    "checkin",
    "entries_for",
    "entry_get_for",
    "entry_get_for_author",
    "journal_due",
    "journal_due_for_many",
    "learned_since",
    "linkable_meetings",
    "meetings_awaiting_reflection",
    "meetings_awaiting_reflection_for_many",
    "readable_entries_q",
    "shared_with",
    "since_last_meeting",
]

_SIDES = (
    "relationship__mentee",
    "relationship__mentor",
    "relationship__mentee_contact",
    "relationship__mentor_contact",
)
#: How long after a meeting Tribe asks for a reflection on it.
REFLECT_WITHIN = dt.timedelta(days=14)
#: How far back the write form offers meetings to link.
LINKABLE_MEETINGS = dt.timedelta(days=90)
#: The most lines of learning an agenda or an update quotes.
MAX_LINES = 20


def readable_entries_q(person: Person) -> Q:
    """The entries ``person`` may read: their own, and those shared with them.

    Shared with them means: shared, in a relationship ``person`` is a side of
    and said yes to, and written by the other side. Going back to "prospect"
    forgets the other side's yes, and with it what they could read.
    """
    return Q(author=person) | (
        Q(shared=True) & consent.consented_q(person, "relationship__") & ~Q(author=person)
    )


def _with_links(rows: QuerySet[JournalEntry]) -> QuerySet[JournalEntry]:
    return rows.select_related("author", "relationship", "meeting", *_SIDES).prefetch_related(
        "goals", "advice"
    )


def entries_for(*, author: Person) -> QuerySet[JournalEntry]:
    """The author's own journal, newest first, with everything each entry links to."""
    return _with_links(JournalEntry.objects.filter(author=author))


def _one(rows: QuerySet[JournalEntry], entry_id: int | str) -> JournalEntry:
    try:
        return rows.get(pk=int(entry_id))
    except (JournalEntry.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(JournalCode.NO_ENTRY) from exc


def entry_get_for(*, person: Person, entry_id: int | str) -> JournalEntry:
    """An entry ``person`` may read (theirs, or shared with them); NotFound otherwise."""
    return _one(_with_links(JournalEntry.objects.filter(readable_entries_q(person))), entry_id)


def entry_get_for_author(*, person: Person, entry_id: int | str) -> JournalEntry:
    """An entry ``person`` may change: only their own (a shared one too is "not found")."""
    return _one(entries_for(author=person), entry_id)


def shared_with(*, viewer: Person, relationship: Relationship) -> QuerySet[JournalEntry]:
    """What the other side of ``relationship`` shared with ``viewer``, newest first."""
    return (
        JournalEntry.objects.filter(
            readable_entries_q(viewer), relationship=relationship, shared=True
        )
        .exclude(author=viewer)
        .select_related("author", "meeting")
    )


# The agenda and the update ------------------------------------------------------


def learned_since(
    *, person: Person, relationship: Relationship, since: dt.date | None
) -> list[str]:
    """What ``person`` learned and shared in ``relationship`` from ``since`` on (oldest first).

    Only shared entries: an agenda and an update are read by both sides, and
    a private entry stays private.
    """
    rows = JournalEntry.objects.filter(
        author=person, relationship=relationship, shared=True
    ).exclude(learned="")
    if since is not None:
        rows = rows.filter(written_on__gte=since)
    latest = list(rows.order_by("-written_on", "-id").values_list("learned", flat=True)[:MAX_LINES])
    return latest[::-1]


def since_last_meeting(
    *, person: Person, relationship: Relationship, now: dt.datetime | None = None
) -> list[str]:
    """ "Since last time I learned…": shared lines since the last meeting held (two queries).

    The day of that meeting counts (a reflection on it is written after it,
    the same day); before any meeting, everything shared in the relationship.
    """
    previous = (
        Meeting.objects.filter(
            relationship=relationship,
            status=Meeting.Status.HELD,
            starts_at__lt=clock.resolve(now),
        )
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    since = local(previous, person.timezone).date() if previous is not None else None
    return learned_since(person=person, relationship=relationship, since=since)


def learned_for_agenda(*, meeting: Meeting, now: dt.datetime | None = None) -> list[str]:
    """The agenda's "Since last time I learned": the mentee's shared lines (two queries)."""
    relationship = meeting.relationship
    mentee = relationship.mentee
    if mentee is None:
        return []
    return since_last_meeting(person=mentee, relationship=relationship, now=now)


def learned_for_update(*, person: Person, relationship: Relationship) -> list[str]:
    """An update's "What I learned": what ``person`` shared since their last
    update (two queries)."""
    last = (
        MentorUpdate.objects.filter(relationship=relationship)
        .order_by("-sent_on")
        .values_list("sent_on", flat=True)
        .first()
    )
    return learned_since(person=person, relationship=relationship, since=last)


# The cadence and what is due ------------------------------------------------------


def cadence_of(*, person: Person) -> str:
    """The author's cadence; "off" (only after meetings) until they choose one."""
    row = JournalCadence.objects.filter(person=person).values_list("cadence", flat=True).first()
    return row or Cadence.OFF


def period_days(cadence: str) -> int:
    return PERIOD_DAYS.get(cadence, DEFAULT_PERIOD_DAYS)


def journal_due(*, person: Person, today: dt.date) -> bool:
    """Whether a reflection is due by the cadence: a whole period since the last entry.

    Never with the cadence "off"; with a cadence and no entry yet, at once.
    """
    cadence = cadence_of(person=person)
    if cadence == Cadence.OFF:
        return False
    last = (
        JournalEntry.objects.filter(author=person, written_on__lte=today)
        .order_by("-written_on")
        .values_list("written_on", flat=True)
        .first()
    )
    return last is None or (today - last).days >= period_days(cadence)


def meetings_awaiting_reflection(
    *, person: Person, now: dt.datetime | None = None
) -> QuerySet[Meeting]:
    """Meetings held in the last two weeks that ``person`` has not written an entry about."""
    moment = clock.resolve(now)
    reflected = JournalEntry.objects.filter(author=person, meeting=OuterRef("pk"))
    return (
        Meeting.objects.filter(
            consent.consented_q(person, "relationship__"),
            status=Meeting.Status.HELD,
            starts_at__lte=moment,
            starts_at__gte=moment - REFLECT_WITHIN,
        )
        .exclude(Exists(reflected))
        .select_related("relationship", *_SIDES)
        .order_by("-starts_at", "-id")
    )


def journal_due_for_many(
    *, people: Sequence[Person], today: dt.date | Mapping[int, dt.date]
) -> dict[int, bool]:
    """:func:`journal_due` for many people at once (Today, the digest): one query.

    ``today`` is one day for everybody, or each person's own (by primary key:
    people in different zones are on different days). The answer has every
    person of ``people``.
    """
    days = {p.pk: today if isinstance(today, dt.date) else today[p.pk] for p in people}
    due = dict.fromkeys(days, False)
    if not days:
        return due
    by_day: dict[dt.date, list[int]] = {}
    for pk, day in days.items():
        by_day.setdefault(day, []).append(pk)
    # The last entry up to each person's own today, in the same query as the cadence.
    written = "person__journal_entries__written_on"
    up_to_today = reduce(
        operator.or_,
        (Q(person__in=pks, **{f"{written}__lte": day}) for day, pks in by_day.items()),
    )
    rows = (
        JournalCadence.objects.filter(person__in=list(days))
        .exclude(cadence=Cadence.OFF)
        .annotate(last=Max(written, filter=up_to_today))
        .values_list("person_id", "cadence", "last")
    )
    for pk, cadence, last in rows:
        due[pk] = last is None or (days[pk] - last).days >= period_days(cadence)
    return due


def meetings_awaiting_reflection_for_many(
    *, people: Sequence[Person], now: dt.datetime | None = None
) -> dict[int, list[Meeting]]:
    """:func:`meetings_awaiting_reflection` for many people at once: one query.

    Each person's list has the meetings held in the last two weeks, in a
    relationship they are a side of and said yes to, that they have not
    written an entry about (an entry by the other side is theirs, not this
    person's), newest first. The answer has every person of ``people``; a
    meeting between two of them is in each list that lacks its entry.
    """
    moment = clock.resolve(now)
    out: dict[int, list[Meeting]] = {p.pk: [] for p in people}
    if not out:
        return out
    ids = list(out)
    rows = (
        Meeting.objects.filter(
            Q(relationship__mentee__in=ids, relationship__mentee_consented_at__isnull=False)
            | Q(relationship__mentor__in=ids, relationship__mentor_consented_at__isnull=False),
            status=Meeting.Status.HELD,
            starts_at__lte=moment,
            starts_at__gte=moment - REFLECT_WITHIN,
        )
        .annotate(
            mentee_reflected=Exists(
                JournalEntry.objects.filter(
                    author=OuterRef("relationship__mentee"), meeting=OuterRef("pk")
                )
            ),
            mentor_reflected=Exists(
                JournalEntry.objects.filter(
                    author=OuterRef("relationship__mentor"), meeting=OuterRef("pk")
                )
            ),
        )
        .select_related("relationship", *_SIDES)
        .order_by("-starts_at", "-id")
    )
    for meeting in rows:
        relationship = meeting.relationship
        for pk, agreed, reflected in (
            (relationship.mentee_id, relationship.mentee_consented_at, meeting.mentee_reflected),
            (relationship.mentor_id, relationship.mentor_consented_at, meeting.mentor_reflected),
        ):
            if pk in out and agreed is not None and not reflected:
                out[pk].append(meeting)
    return out


def linkable_meetings(*, person: Person, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Meetings an entry may be about: not cancelled, begun in the last 90 days."""
    moment = clock.resolve(now)
    return (
        Meeting.objects.filter(
            consent.consented_q(person, "relationship__"),
            starts_at__lte=moment,
            starts_at__gte=moment - LINKABLE_MEETINGS,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("relationship", *_SIDES)
        .order_by("-starts_at", "-id")
    )


# The check-in ----------------------------------------------------------------------


class Verdict(StrEnum):
    LEARNING = "learning"
    STALLED = "stalled"
    NOT_ENOUGH_YET = "not_enough_yet"


@dataclass(frozen=True)
class Suggestion:
    """Something to do about it. ``kind`` is stable (pages link it): write, question,
    advice, mentor, goal; ``text`` is in the active language."""

    kind: str
    text: str
    relationship_id: int | None = None
    advice_id: int | None = None


@dataclass(frozen=True)
class CheckIn:
    today: dt.date
    cadence: str
    period_days: int
    #: The first day looked back over (the last day is ``today``).
    starts_on: dt.date
    entries: int
    #: Distinct things learned in the period, oldest first.
    learned: list[str]
    #: Advice whose outcome was recorded in the period (what happened when it was tried).
    advice_tried: list[Advice]
    #: Goals with a win towards them in the period.
    goals_moved: list[Goal]
    verdict: Verdict
    #: The verdict in plain words, and the counts behind it, in the active language.
    summary: str
    facts: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.today - self.starts_on).days + 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "cadence": self.cadence,
            "period_days": self.period_days,
            "starts_on": self.starts_on.isoformat(),
            "entries": self.entries,
            "learned": self.learned,
            "advice_tried": [{"id": a.pk, "text": a.text} for a in self.advice_tried],
            "goals_moved": [{"id": g.pk, "title": g.title} for g in self.goals_moved],
            "verdict": str(self.verdict),
            "summary": self.summary,
            "facts": self.facts,
            "suggestions": [
                {
                    "kind": s.kind,
                    "text": s.text,
                    "relationship_id": s.relationship_id,
                    "advice_id": s.advice_id,
                }
                for s in self.suggestions
            ],
        }


def _distinct(texts: list[str]) -> list[str]:
    """Each thing once, however it was capitalised or spaced."""
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(" ".join(text.split()).casefold(), text)
    return list(seen.values())


def checkin(*, person: Person, today: dt.date) -> CheckIn:
    """ "Am I learning?", looked back over the last two cadence periods (seven queries at most).

    The rule, over the window of two periods ending ``today`` (two weeks for a
    weekly cadence, 60 days for "monthly" and when no cadence is chosen):

    - **learning** when, in the window, at least one entry says something
      learned, or the outcome of a piece of advice was recorded (it was tried;
      advice parked or set aside does not count), or a win was recorded
      towards a goal (the goal moved);
    - otherwise **not enough yet** when the journal is younger than the window
      (its first entry is after the window's first day, or there is none):
      too soon to call it stalled;
    - otherwise **stalled**: the journal has been kept for at least two
      periods, and in the last two nothing was learned, tried or moved. The
      suggestions then say what to do: a new question for a mentor, advice
      waiting to be tried, a new mentor, a new goal.
    """
    cadence = cadence_of(person=person)
    period = period_days(cadence)
    starts_on = today - dt.timedelta(days=2 * period - 1)
    window = (starts_on, today)
    entries = list(
        JournalEntry.objects.filter(author=person, written_on__range=window)
        .order_by("written_on", "id")
        .values_list("learned", flat=True)
    )
    learned = _distinct([text for text in entries if text])
    tried = list(
        Advice.objects.filter(recorded_by=person, outcome_on__range=window)
        .exclude(decision__in=SET_ASIDE)
        .exclude(outcome="")
        .order_by("outcome_on", "id")
    )
    moved = list(
        Goal.objects.filter(person=person, wins__happened_on__range=window)
        .distinct()
        .order_by("id")
    )
    first = JournalEntry.objects.filter(author=person).aggregate(first=Min("written_on"))["first"]
    days = 2 * period
    suggestions: list[Suggestion] = []
    if learned or tried or moved:
        verdict = Verdict.LEARNING
        summary = gettext("Yes: you are learning.")
    elif first is None or first > starts_on:
        verdict = Verdict.NOT_ENOUGH_YET
        summary = gettext(
            "Not enough yet to say: the check-in looks back over {days} days of your journal. "
            "Keep writing, and ask again."
        ).format(days=days)
        suggestions.append(
            Suggestion("write", gettext("Write a short entry: one thing you learned this week."))
        )
    else:
        verdict = Verdict.STALLED
        summary = gettext(
            "Your learning has stalled: in the last {days} days you wrote down nothing you "
            "learned, tried no advice and moved no goal."
        ).format(days=days)
        suggestions = _when_stalled(person)
    facts = [
        ngettext("{count} entry", "{count} entries", len(entries)).format(count=len(entries)),
        ngettext("{count} thing learned", "{count} things learned", len(learned)).format(
            count=len(learned)
        ),
        ngettext(
            "{count} piece of advice tried", "{count} pieces of advice tried", len(tried)
        ).format(count=len(tried)),
        ngettext("{count} goal moved", "{count} goals moved", len(moved)).format(count=len(moved)),
    ]
    return CheckIn(
        today=today,
        cadence=cadence,
        period_days=period,
        starts_on=starts_on,
        entries=len(entries),
        learned=learned,
        advice_tried=tried,
        goals_moved=moved,
        verdict=verdict,
        summary=summary,
        facts=facts,
        suggestions=suggestions,
    )


def _when_stalled(person: Person) -> list[Suggestion]:
    """A new question, advice waiting to be tried, a new mentor, a new goal (two queries)."""
    suggestions = []
    mentor = (
        Relationship.objects.filter(
            consent.consented_q(person), mentee=person, status=Relationship.Status.ACTIVE
        )
        .select_related("mentor", "mentor_contact")
        .order_by("-status_changed_at", "-id")
        .first()
    )
    if mentor is not None:
        suggestions.append(
            Suggestion(
                "question",
                gettext("Bring {name} a question you have not asked yet.").format(
                    name=mentor.mentor_name
                ),
                relationship_id=mentor.pk,
            )
        )
    waiting = (
        Advice.objects.filter(recorded_by=person, decision__in=TAKEN_UP, outcome="")
        .order_by("-given_on", "-id")
        .first()
    )
    if waiting is not None:
        suggestions.append(
            Suggestion(
                "advice",
                gettext("Try “{advice}” and write down how it went.").format(advice=waiting.text),
                advice_id=waiting.pk,
            )
        )
    suggestions.append(
        Suggestion(
            "mentor", gettext("Look for a new mentor: someone who knows what you do not know yet.")
        )
    )
    suggestions.append(
        Suggestion("goal", gettext("Set a new goal: what do you want to learn next?"))
    )
    return suggestions
