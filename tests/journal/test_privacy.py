"""An entry is its author's; shared, also the other person of its relationship's; nobody else's."""

from __future__ import annotations

import pytest

from tests.journal.conftest import TODAY
from tribe.core.errors import NotFound
from tribe.journal.models import JournalEntry
from tribe.journal.selectors import entry_get_for, entry_get_for_author
from tribe.journal.services import entry_create, entry_share
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(maya: Person, maya_ravi: Relationship) -> JournalEntry:
    return entry_create(
        author=maya,
        written_on=TODAY,
        today=TODAY,
        learned="PRIVATE-LESSON",
        relationship=maya_ravi,
    )


def readers(entry: JournalEntry, *people: Person) -> list[str]:
    found = []
    for person in people:
        try:
            entry_get_for(person=person, entry_id=entry.pk)
        except NotFound:
            continue
        found.append(person.name.split()[0])
    return found


def test_an_entry_is_private_by_default(
    entry: JournalEntry, maya: Person, ravi: Person, sam: Person, eve: Person
) -> None:
    """Ravi is the other side of its relationship, Sam is Maya's mentee, Eve a stranger."""
    assert readers(entry, maya, ravi, sam, eve) == ["Maya"]


def test_shared_it_is_read_by_the_counterpart_and_still_by_nobody_else(
    entry: JournalEntry, maya: Person, ravi: Person, sam: Person, eve: Person
) -> None:
    entry_share(actor=maya, entry=entry)
    assert readers(entry, maya, ravi, sam, eve) == ["Maya", "Ravi"]


def test_sharing_is_per_entry(
    entry: JournalEntry, maya: Person, ravi: Person, maya_ravi: Relationship
) -> None:
    other = entry_create(
        author=maya, written_on=TODAY, today=TODAY, learned="x", relationship=maya_ravi
    )
    entry_share(actor=maya, entry=entry)
    assert readers(entry, ravi) == ["Ravi"] and readers(other, ravi) == []


def test_reading_is_not_changing(entry: JournalEntry, maya: Person, ravi: Person) -> None:
    entry_share(actor=maya, entry=entry)
    with pytest.raises(NotFound):
        entry_get_for_author(person=ravi, entry_id=entry.pk)
    assert entry_get_for_author(person=maya, entry_id=entry.pk) == entry


def test_back_to_prospect_the_counterpart_reads_it_no_more(
    entry: JournalEntry, maya: Person, ravi: Person, maya_ravi: Relationship
) -> None:
    """Going back to prospect forgets the other side's yes, and what it let them read."""
    entry_share(actor=maya, entry=entry)
    Relationship.objects.filter(pk=maya_ravi.pk).update(status="prospect", mentor_consented_at=None)
    assert readers(entry, maya, ravi) == ["Maya"]


@pytest.mark.parametrize("bad", ["999999", "abc", None, "-1"])
def test_a_bad_id_reads_as_someone_elses(maya: Person, bad: str | None) -> None:
    with pytest.raises(NotFound):
        entry_get_for(person=maya, entry_id=bad)  # type: ignore[arg-type]
