"""Search over my own things: only what I may read, by word and by meaning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ContactFactory,
    GoalFactory,
    NoteFactory,
    PersonFactory,
    RelationshipFactory,
)
from tribe.core.errors import ValidationError
from tribe.journal.services import entry_create
from tribe.ledger import services as ledger
from tribe.meetings.models import Note
from tribe.relationships.models import Relationship
from tribe.search.errors import SearchCode
from tribe.search.selectors import search_mine

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def rel() -> Relationship:
    mentee = PersonFactory(name="Maya Chen")
    mentor = PersonFactory(name="Ravi Patel", open_to_mentoring=True, mentee_capacity=3)
    return RelationshipFactory(mentee=mentee, mentor=mentor)


def kinds(hits) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return {(h.kind, h.id) for h in hits}


def test_finds_my_goals_contacts_and_relationships(rel: Relationship) -> None:
    maya = rel.mentee
    goal = GoalFactory(person=maya, title="Get better at pricing decisions")
    contact = ContactFactory(owner=maya, name="Dana Price", company="Northwind")
    assert ("goal", goal.pk) in kinds(search_mine(person=maya, query="pricing"))
    assert ("contact", contact.pk) in kinds(search_mine(person=maya, query="northwind"))
    assert ("relationship", rel.pk) in kinds(search_mine(person=maya, query="ravi"))


def test_never_finds_another_persons_private_text(rel: Relationship) -> None:
    maya, ravi = rel.mentee, rel.mentor
    private = NoteFactory(relationship=rel, author=ravi, body="zebra private to ravi")
    shared = NoteFactory(
        relationship=rel, author=ravi, body="zebra shared", visibility=Note.Visibility.SHARED
    )
    advice = ledger.advice_record(
        actor=maya, relationship=rel, text="zebra decision log", given_on=TODAY, today=TODAY
    )
    ravis_contact = ContactFactory(owner=ravi, name="Zebra Contact")
    stranger = PersonFactory()
    GoalFactory(person=stranger, title="zebra goal of a stranger")

    found = kinds(search_mine(person=maya, query="zebra"))
    assert ("note", shared.pk) in found and ("advice", advice.pk) in found
    assert ("note", private.pk) not in found
    assert {k for k, _ in found} == {"note", "advice"}  # no one else's contact or goal

    # The advice log is its recorder's own; the mentor finds only what is his or shared.
    ravis = kinds(search_mine(person=ravi, query="zebra"))
    assert ravis == {("note", private.pk), ("note", shared.pk), ("contact", ravis_contact.pk)}


def test_finds_my_journal_and_contact_log_and_only_what_was_shared_of_theirs(
    rel: Relationship,
) -> None:
    maya, ravi = rel.mentee, rel.mentor
    mine = entry_create(author=maya, written_on=TODAY, today=TODAY, learned="okapi lesson")
    shared = entry_create(
        author=maya,
        written_on=TODAY,
        today=TODAY,
        surprised="okapi surprise",
        relationship=rel,
        shared=True,
    )
    ravis_own = entry_create(author=ravi, written_on=TODAY, today=TODAY, learned="okapi of ravi")
    logged = ledger.touchpoint_log(
        actor=maya,
        relationship=rel,
        kind="call",
        happened_on=TODAY,
        note="okapi call notes",
        today=TODAY,
    )

    assert kinds(search_mine(person=maya, query="okapi")) == {
        ("journal", mine.pk),
        ("journal", shared.pk),
        ("touchpoint", logged.pk),
    }
    # Ravi reads what Maya shared with him, his own entry, never her private
    # entry or her note on the call.
    assert kinds(search_mine(person=ravi, query="okapi")) == {
        ("journal", shared.pk),
        ("journal", ravis_own.pk),
    }


def test_a_relationship_not_yet_agreed_is_not_searched_by_the_other_side() -> None:
    mentee = PersonFactory()
    mentor = PersonFactory(open_to_mentoring=True, mentee_capacity=2)
    prospect = RelationshipFactory(
        mentee=mentee, mentor=mentor, status=Relationship.Status.PROSPECT, ask="quokka advice"
    )
    assert ("relationship", prospect.pk) in kinds(search_mine(person=mentee, query="quokka"))
    assert search_mine(person=mentor, query="quokka") == []


def test_finds_by_meaning_and_puts_literal_matches_first(rel: Relationship) -> None:
    maya = rel.mentee
    by_meaning = GoalFactory(person=maya, title="Package my applications in containers")
    literal = GoalFactory(person=maya, title="Learn kubernetes this quarter")
    ContactFactory(owner=maya, name="Sam", headline="Gardening enthusiast")
    hits = search_mine(person=maya, query="kubernetes")
    assert [h.id for h in hits if h.kind == "goal"][:2] == [literal.pk, by_meaning.pk]
    assert hits[0].literal and not hits[1].literal


def test_a_fixed_number_of_queries(rel: Relationship) -> None:
    maya = rel.mentee

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            search_mine(person=maya, query="anything")
        return len(ctx.captured_queries)

    before = count()
    for k in range(5):
        other = RelationshipFactory(mentee=maya)
        NoteFactory(relationship=other, author=maya)
        GoalFactory(person=maya, title=f"goal {k}")
        ContactFactory(owner=maya)
        ledger.question_add(author=maya, relationship=other, text=f"question {k}")
    assert count() == before


@pytest.mark.parametrize(
    ("query", "code"), [("  ", SearchCode.EMPTY), ("x" * 201, SearchCode.TOO_LONG)]
)
def test_bad_queries_say_what_is_wrong(rel: Relationship, query: str, code: SearchCode) -> None:
    with pytest.raises(ValidationError) as exc:
        search_mine(person=rel.mentee, query=query)
    assert exc.value.code == code and exc.value.field == "q"


def test_long_texts_show_the_part_that_matched(rel: Relationship) -> None:
    body = "start " + "filler " * 60 + "the wombat sentence " + "more " * 60
    NoteFactory(relationship=rel, author=rel.mentee, body=body)
    (hit,) = [h for h in search_mine(person=rel.mentee, query="wombat") if h.kind == "note"]
    assert "wombat" in hit.snippet and hit.snippet.startswith("…") and len(hit.snippet) < 170


def test_a_relationships_purpose_is_found_by_both_sides(rel: Relationship) -> None:
    rel.purpose = "Learn to run pricing experiments"
    rel.save(update_fields=["purpose"])
    for person in (rel.mentee, rel.mentor):
        hits = search_mine(person=person, query="pricing experiments")
        assert ("relationship", rel.pk) in kinds(hits)
