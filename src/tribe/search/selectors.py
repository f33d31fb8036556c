"""Search over what one person may read, by word and by meaning.

Why not a full-text index: what one person may read is small (their own
goals, contacts and relationships, and what those relationships hold: a few
thousand rows for the busiest mentor), while the rules of who reads what live
in the selectors the pages use (a private note is its author's; the advice
log is its recorder's; a relationship counts once both sides said yes).  So
the search asks those same selectors for the person's rows, one query per
kind of thing whatever their number, and ranks them with the engine's text
similarity (skill-aware words plus the embedding's meaning).  Nothing is
indexed across people, so no index can leak one person's text into
another's results; the cost is O(rows the person may read), not O(site).

A row matches when the query appears in it (case-blind) or it is close in
words or meaning; literal matches come first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from django.utils.formats import date_format

from tribe.core.errors import ValidationError
from tribe.journal.models import JournalEntry
from tribe.journal.selectors import readable_entries_q
from tribe.ledger.models import Question, Touchpoint
from tribe.ledger.selectors import advice_of, gratitude_of
from tribe.meetings.models import Note
from tribe.meetings.selectors import readable_notes_q
from tribe.people.models import Contact, Goal, Person
from tribe.relationships.selectors import relationships_for
from tribe.search.errors import SearchCode

#: The kinds of things searched, in the order results of equal rank show.
KINDS = (
    "goal",
    "relationship",
    "contact",
    "question",
    "advice",
    "thanks",
    "note",
    "journal",
    "touchpoint",
)
MAX_QUERY = 200
SNIPPET = 160


@dataclass(frozen=True)
class Hit:
    """One thing found: what it is, where it lives, and the words shown."""

    kind: str
    id: int
    #: The relationship page it belongs to, when it belongs to one.
    relationship_id: int | None
    title: str
    snippet: str
    score: float
    literal: bool


@dataclass(frozen=True)
class _Row:
    kind: str
    id: int
    relationship_id: int | None
    title: str
    text: str


def _rows(person: Person) -> Iterator[_Row]:
    relationships = list(relationships_for(person=person))
    mine = [r.pk for r in relationships]
    for goal in Goal.objects.filter(person=person).order_by("-created_at"):
        yield _Row("goal", goal.pk, None, goal.title, f"{goal.title}. {goal.why}")
    for r in relationships:
        other = r.other_name(person)
        text = " ".join(filter(None, [other, r.purpose, r.ask]))  # both sides read these
        yield _Row("relationship", r.pk, r.pk, other, text)
    for c in Contact.objects.filter(owner=person).order_by("name"):
        fields = [c.name, c.headline, c.company, c.position, c.email, c.notes, *c.expertise]
        yield _Row("contact", c.pk, None, c.name, " ".join(filter(None, fields)))
    by_pk = {r.pk: r for r in relationships}

    def other_side(relationship_id: int) -> str:
        found = by_pk.get(relationship_id)
        return found.other_name(person) if found is not None else ""

    for q in Question.objects.filter(relationship_id__in=mine).order_by("-created_at"):
        yield _Row(
            "question", q.pk, q.relationship_id, by_pk[q.relationship_id].other_name(person), q.text
        )
    for a in advice_of(person=person).filter(relationship_id__in=mine).order_by("-created_at"):
        text = " ".join(filter(None, [a.text, a.reason, a.outcome]))
        yield _Row(
            "advice", a.pk, a.relationship_id, by_pk[a.relationship_id].other_name(person), text
        )
    for g in gratitude_of(person=person).order_by("-created_at"):
        yield _Row("thanks", g.pk, g.relationship_id, other_side(g.relationship_id), g.description)
    notes = Note.objects.filter(readable_notes_q(person), relationship_id__in=mine)
    for n in notes.order_by("-created_at"):
        yield _Row("note", n.pk, n.relationship_id, other_side(n.relationship_id), n.body)
    # The journal: mine, and entries the other side shared with me.
    entries = JournalEntry.objects.filter(readable_entries_q(person)).select_related("author")
    for e in entries.order_by("-written_on", "-pk"):
        text = " ".join(filter(None, [e.learned, e.will_try, e.surprised]))
        title = date_format(e.written_on) if e.author_id == person.pk else e.author.name
        yield _Row("journal", e.pk, None, title, text)
    # What I noted when I logged contact (the note is its author's alone).
    touchpoints = Touchpoint.objects.filter(author=person, relationship_id__in=mine).exclude(
        note=""
    )
    for t in touchpoints.order_by("-happened_on", "-pk"):
        yield _Row("touchpoint", t.pk, t.relationship_id, other_side(t.relationship_id), t.note)


def _snippet(text: str, query: str) -> str:
    flat = " ".join(text.split())
    at = flat.lower().find(query.lower())
    if len(flat) <= SNIPPET:
        return flat
    start = max(0, at - SNIPPET // 3) if at >= 0 else 0
    piece = flat[start : start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(flat) else "")


def search_mine(*, person: Person, query: str, limit: int = 50) -> list[Hit]:
    """What ``person`` may read that matches ``query``, best first.

    A fixed number of queries (one per kind of thing, plus the relationships),
    whatever the number of rows; the ranking is O(rows x query terms) for the
    words and one product with the cached vectors for the meaning.
    """
    from tribe_engine._semantic import HybridText  # the model loads on first use only

    query = " ".join(query.split())
    if not query:
        raise ValidationError(SearchCode.EMPTY, field="q")
    if len(query) > MAX_QUERY:
        raise ValidationError(SearchCode.TOO_LONG, field="q", limit=MAX_QUERY)
    rows = list(_rows(person))
    if not rows:
        return []
    model = HybridText([(query, ())], [(row.text, ()) for row in rows])
    scores = np.asarray(model.rows(np.zeros(1, dtype=np.int64)).toarray()).ravel()
    needle = query.lower()
    literal = np.array([needle in row.text.lower() for row in rows])
    kind_rank = np.array([KINDS.index(row.kind) for row in rows])
    found = np.flatnonzero(literal | (scores > 0))
    order = found[np.lexsort((kind_rank[found], -scores[found], ~literal[found]))][:limit]
    return [
        Hit(
            kind=rows[k].kind,
            id=rows[k].id,
            relationship_id=rows[k].relationship_id,
            title=rows[k].title,
            snippet=_snippet(rows[k].text, query),
            score=float(scores[k]),
            literal=bool(literal[k]),
        )
        for k in order
    ]
