"""Whom a typed name or e-mail address means: one rule for every command that takes one.

A person types a part of a name, a full name or an e-mail address; this finds
the one counterpart it names in a pool that belongs to that person, so a
query can never tell who else uses the installation. The rule is the same for
every pool: names and queries are compared case-blind with white space
folded; an exact e-mail address or full name wins over a part of a name (so
"Sam Okafor" is not ambiguous beside "Sam Okafor-Jones"); anything but exactly
one match is an error that says what was searched, under the field "query".

The pools (:class:`Among`):

- ``RELATIONSHIPS``: the other side of any of the person's relationships,
  each account or contact once, with every relationship shared with them;
- ``PROSPECTS``: the mentor of each prospect relationship in which the person
  is the mentee, one counterpart per relationship (a prospect is a request
  still to be sent, so two of them with one mentor are two things to choose from);
- ``CANDIDATES``: the people ``fit`` ranks: an account open to mentoring,
  named only by its verified address (a name would let anyone search the
  accounts), or one of the person's contacts, by name or address; a contact
  who has an account stands for that account, which is what is ranked.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext

from tribe.core.errors import NotFound, ValidationError
from tribe.people.models import Contact, Person
from tribe.relationships.errors import (
    MSG_AMBIGUOUS,
    MSG_AMBIGUOUS_CANDIDATE,
    MSG_AMBIGUOUS_PROSPECT,
    MSG_NO_CANDIDATE,
    MSG_NO_PROSPECT,
    MSG_NOBODY,
    CounterpartCode,
)
from tribe.relationships.models import CLOSED_STATUSES, Relationship
from tribe.relationships.selectors import relationships_for

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

__all__ = [
    "Among",
    "Counterpart",
    "CounterpartCode",
    "counterpart_resolve",
]

#: The field every error names: the argument the query came in.
FIELD = "query"


class Among(enum.StrEnum):
    """The pool a query is matched in (see the module docstring)."""

    RELATIONSHIPS = "relationships"
    PROSPECTS = "prospects"
    CANDIDATES = "candidates"


#: What each pool says when nobody, or more than one (a count of them), matches.
_MESSAGES: dict[Among, tuple[str, StrPromise]] = {
    Among.RELATIONSHIPS: (MSG_NOBODY, MSG_AMBIGUOUS),
    Among.PROSPECTS: (MSG_NO_PROSPECT, MSG_AMBIGUOUS_PROSPECT),
    Among.CANDIDATES: (MSG_NO_CANDIDATE, MSG_AMBIGUOUS_CANDIDATE),
}


@dataclass(frozen=True)
class Counterpart:
    """The one account or contact a query named, and what the asking person shares with them.

    ``name`` and ``email`` are what the query was matched against. Exactly
    one of ``person`` and ``contact`` is set; ``relationships`` (latest first)
    is empty for a fit candidate.
    """

    name: str
    email: str
    person: Person | None = None
    contact: Contact | None = None
    relationships: tuple[Relationship, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name

    @property
    def side(self) -> Person | Contact:
        side = self.person or self.contact
        assert side is not None  # built with one of the two, always
        return side

    def current_relationship(self) -> Relationship:
        """Where a new entry about them belongs: an open relationship (active first), else
        the latest."""
        rank: dict[str, int] = {Relationship.Status.ACTIVE: 0}
        open_ones = [r for r in self.relationships if r.status not in CLOSED_STATUSES]
        if open_ones:
            return min(open_ones, key=lambda r: rank.get(r.status, 1))  # stable: keeps the order
        return self.relationships[0]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _of(side: Person | Contact, relationships: Sequence[Relationship] = ()) -> Counterpart:
    return Counterpart(
        name=str(side),
        email=side.email or "",
        person=side if isinstance(side, Person) else None,
        contact=side if isinstance(side, Contact) else None,
        relationships=tuple(relationships),
    )


def _other_sides(person: Person) -> list[Counterpart]:
    grouped: dict[tuple[str, int], tuple[Person | Contact, list[Relationship]]] = {}
    for relationship in relationships_for(person=person):
        if relationship.role_of(person) == "mentee":
            side = relationship.mentor or relationship.mentor_contact
        else:
            side = relationship.mentee or relationship.mentee_contact
        if side is not None:
            key = (type(side).__name__, side.pk)
            grouped.setdefault(key, (side, []))[1].append(relationship)
    return [_of(side, relationships) for side, relationships in grouped.values()]


def _prospects(person: Person) -> list[Counterpart]:
    prospects = relationships_for(person=person).filter(
        mentee=person, status=Relationship.Status.PROSPECT
    )
    return [_of(side, [r]) for r in prospects if (side := r.mentor or r.mentor_contact) is not None]


def _candidates(person: Person, wanted: str) -> list[Counterpart]:
    """Only the candidates ``wanted`` can name: the database narrows, the shared rule decides."""
    if "@" in wanted:
        account = (
            Person.objects.filter(
                email__iexact=wanted,
                is_active=True,
                open_to_mentoring=True,
                email_verified_at__isnull=False,
            )
            .exclude(pk=person.pk)
            .first()
        )
        if account is not None:
            return [_of(account)]
        contacts = Contact.objects.filter(owner=person, email__iexact=wanted)
    else:
        contacts = Contact.objects.filter(owner=person, name__icontains=wanted)
    return [_as_ranked(c) for c in contacts.select_related("person")]


def _as_ranked(contact: Contact) -> Counterpart:
    # Matched by the contact's own name and address; stands for its account if it has one.
    found = _of(contact)
    if contact.person is None:
        return found
    return Counterpart(name=found.name, email=found.email, person=contact.person)


def counterpart_resolve(
    *, person: Person, query: str, among: Among = Among.RELATIONSHIPS
) -> Counterpart:
    """The one counterpart ``query`` names in ``person``'s pool ``among``.

    Raises ValidationError (field "query") for a blank or ambiguous query,
    NotFound (field "query") when nobody matches.
    """
    nobody, ambiguous = _MESSAGES[among]
    wanted = _fold(query)
    if not wanted:
        raise ValidationError(
            gettext(nobody).format(query=query), field=FIELD, code=CounterpartCode.BLANK
        )
    if among is Among.RELATIONSHIPS:
        pool = _other_sides(person)
    elif among is Among.PROSPECTS:
        pool = _prospects(person)
    else:
        pool = _candidates(person, wanted)
    exact = [c for c in pool if wanted in (c.email.casefold(), _fold(c.name))]
    matches = exact or [c for c in pool if wanted in _fold(c.name)]
    if not matches:
        raise NotFound(gettext(nobody).format(query=query), field=FIELD, code=CounterpartCode.NONE)
    if len(matches) > 1:
        names = ", ".join(sorted(c.label for c in matches))
        raise ValidationError(
            ambiguous.format(query=query, count=len(matches), names=names),
            field=FIELD,
            code=CounterpartCode.AMBIGUOUS,
        )
    return matches[0]
