"""Writes for the learning journal: entries, sharing them, and the author's cadence.

An entry is its author's alone: only they change, share or delete it, and it
links only to their own things (relationships they said yes to, meetings in
them, their goals, the advice they recorded). Each refusal names its field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.journal.errors import JournalCode
from tribe.journal.models import TEXT_MAX, Cadence, JournalCadence, JournalEntry
from tribe.ledger.models import Advice
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship

__all__ = [
    "cadence_set",
    "entry_create",
    "entry_delete",
    "entry_share",
    "entry_unshare",
    "entry_update",
]


def _texts(learned: str, will_try: str, surprised: str) -> dict[str, str]:
    texts = {
        "learned": v.text(learned, field="learned", max_length=TEXT_MAX),
        "will_try": v.text(will_try, field="will_try", max_length=TEXT_MAX),
        "surprised": v.text(surprised, field="surprised", max_length=TEXT_MAX),
    }
    if not any(texts.values()):
        raise ValidationError(JournalCode.EMPTY, field="learned")
    return texts


def _day(written_on: dt.date, today: dt.date) -> dt.date:
    v.date(written_on, field="written_on")
    if written_on > today:
        raise ValidationError(JournalCode.FUTURE_DATE, field="written_on")
    return written_on


def _links(
    author: Person,
    relationship: Relationship | None,
    meeting: Meeting | None,
    goals: Iterable[Goal],
    advice: Iterable[Advice],
) -> tuple[Relationship | None, list[Goal], list[Advice]]:
    """The links, each checked to be the author's own; a meeting brings its relationship."""
    if relationship is not None and not consent.has_consented(relationship, author):
        raise ValidationError(JournalCode.FOREIGN_RELATIONSHIP, field="relationship")
    if meeting is not None:
        if not consent.has_consented(meeting.relationship, author):
            raise ValidationError(JournalCode.FOREIGN_MEETING, field="meeting")
        if relationship is None:
            relationship = meeting.relationship
        elif meeting.relationship_id != relationship.pk:
            raise ValidationError(JournalCode.MEETING_ELSEWHERE, field="meeting")
    goal_rows = list(goals)
    if any(goal.person_id != author.pk for goal in goal_rows):
        raise ValidationError(JournalCode.FOREIGN_GOAL, field="goals")
    advice_rows = list(advice)
    if any(item.recorded_by_id != author.pk for item in advice_rows):
        raise ValidationError(JournalCode.FOREIGN_ADVICE, field="advice")
    return relationship, goal_rows, advice_rows


def _check_shareable(entry: JournalEntry) -> None:
    """Sharing needs someone to share with: an account on the other side who said yes."""
    relationship = entry.relationship
    if relationship is None:
        raise ValidationError(JournalCode.SHARE_WITHOUT_RELATIONSHIP, field="relationship")
    name = relationship.other_name(entry.author)
    if consent.counterpart(relationship, entry.author) is None:
        raise Conflict(JournalCode.SHARE_WITH_CONTACT, field="shared", name=name)
    if not consent.is_mutual(relationship):
        raise Conflict(JournalCode.SHARE_NOT_MUTUAL, field="shared", name=name)


def _own(entry: JournalEntry, actor: Person) -> None:
    # Callers fetch through entry_get_for_author; this is defence in depth.
    if entry.author_id != actor.pk:
        raise NotFound(JournalCode.NO_ENTRY)


@transaction.atomic
def entry_create(
    *,
    author: Person,
    written_on: dt.date,
    today: dt.date,
    learned: str = "",
    will_try: str = "",
    surprised: str = "",
    relationship: Relationship | None = None,
    meeting: Meeting | None = None,
    goals: Iterable[Goal] = (),
    advice: Iterable[Advice] = (),
    shared: bool = False,
) -> JournalEntry:
    """Write a reflection (private unless ``shared``); at least one of its three texts."""
    texts = _texts(learned, will_try, surprised)
    day = _day(written_on, today)
    relationship, goal_rows, advice_rows = _links(author, relationship, meeting, goals, advice)
    entry = JournalEntry(
        author=author, written_on=day, relationship=relationship, meeting=meeting, **texts
    )
    if shared:
        _check_shareable(entry)
        entry.shared = True
    entry.save()
    entry.goals.set(goal_rows)
    entry.advice.set(advice_rows)
    return entry


@transaction.atomic
def entry_update(
    *,
    actor: Person,
    entry: JournalEntry,
    written_on: dt.date,
    today: dt.date,
    learned: str,
    will_try: str,
    surprised: str,
    relationship: Relationship | None = None,
    meeting: Meeting | None = None,
    goals: Iterable[Goal] = (),
    advice: Iterable[Advice] = (),
) -> JournalEntry:
    """Rewrite an entry. A shared entry keeps its relationship: moving it would change
    who reads it without the author saying so, so that is refused until it is unshared."""
    _own(entry, actor)
    texts = _texts(learned, will_try, surprised)
    day = _day(written_on, today)
    relationship, goal_rows, advice_rows = _links(actor, relationship, meeting, goals, advice)
    new_relationship_id = relationship.pk if relationship is not None else None
    if entry.shared and new_relationship_id != entry.relationship_id:
        raise Conflict(JournalCode.SHARED_MOVED, field="relationship")
    for name, value in texts.items():
        setattr(entry, name, value)
    entry.written_on = day
    entry.relationship = relationship
    entry.meeting = meeting
    entry.save()
    entry.goals.set(goal_rows)
    entry.advice.set(advice_rows)
    return entry


@transaction.atomic
def entry_delete(*, actor: Person, entry: JournalEntry) -> None:
    _own(entry, actor)
    entry.delete()


@transaction.atomic
def entry_share(*, actor: Person, entry: JournalEntry) -> JournalEntry:
    """Let the other person of the entry's relationship read it (and nobody else)."""
    _own(entry, actor)
    _check_shareable(entry)
    entry.shared = True
    entry.save(update_fields=["shared", "updated_at"])
    return entry


@transaction.atomic
def entry_unshare(*, actor: Person, entry: JournalEntry) -> JournalEntry:
    _own(entry, actor)
    entry.shared = False
    entry.save(update_fields=["shared", "updated_at"])
    return entry


@transaction.atomic
def cadence_set(*, person: Person, cadence: str) -> JournalCadence:
    """How often ``person`` wants to be asked for a reflection ("off": only after meetings)."""
    if cadence not in Cadence.values:
        raise ValidationError(
            JournalCode.BAD_CADENCE,
            field="cadence",
            value=cadence,
            allowed=", ".join(Cadence.values),
        )
    row, _ = JournalCadence.objects.update_or_create(person=person, defaults={"cadence": cadence})
    return row
