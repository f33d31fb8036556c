"""The mentor directory: people open to mentoring, to browse and to search.

Who is listed is exactly who ``fit`` ranks (``candidate_mentors``: active,
open to mentoring, verified address), and what is shown is what a person
wrote for mentees to read: their name, headline, expertise, what they offer,
the causes they support, languages, time zone, free places and how often they
like to meet. Their
e-mail address, goals, relationships and notes are never part of it.

A search is ranked by the engine like a goal (words and meaning), with
nothing about the searcher's own seniority or languages, so the order says
how well a profile answers the words typed, not how well it fits the
searcher; the filters narrow the list first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tribe.core import clock
from tribe.core.errors import NotFound, ValidationError
from tribe.core.languages import language_code, language_codes
from tribe.matching.errors import MatchingCode
from tribe.matching.profiles import Span, mentor_profile, seeker_availability, windows_by_person
from tribe.matching.selectors import PROFILE_FIELDS, candidate_mentors
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe_engine import Explanation, Profile, canonical_skill, overlap_with, rank_candidates

MAX_QUERY = 200


@dataclass(frozen=True)
class Listing:
    """One mentor as the directory shows them."""

    person: Person
    free_places: int
    #: Hours a day both are free, in UTC; None when either has no windows.
    overlap_hours: float | None
    #: Why they are listed where they are, when the list was searched.
    explanation: Explanation | None

    @property
    def is_full(self) -> bool:
        return self.free_places <= 0


@dataclass(frozen=True)
class Filters:
    query: str = ""
    expertise: str = ""
    language: str = ""
    min_overlap_hours: float = 0.0
    with_places: bool = False

    def validate(self) -> None:
        if len(self.query) > MAX_QUERY:
            raise ValidationError(MatchingCode.QUERY_TOO_LONG, field="q", limit=MAX_QUERY)
        if not 0 <= self.min_overlap_hours <= 24:
            raise ValidationError(MatchingCode.BAD_OVERLAP, field="overlap")


def _listed(person: Person) -> QuerySet[Person]:
    active = Count("as_mentor", filter=Q(as_mentor__status=Relationship.Status.ACTIVE))
    return (
        candidate_mentors(person=person)
        .only(*PROFILE_FIELDS, "preferred_cadence_days", "causes")
        .annotate(active=active)
        .order_by("name", "pk")
    )


def _free(p: Person) -> int:
    active: int = p.active  # type: ignore[attr-defined]  # annotated by _listed
    return max(p.mentee_capacity - active, 0)


def _overlaps(
    person: Person, people: list[Person], windows: dict[int, list[Span]], at: dt.datetime
) -> list[float | None]:
    me = seeker_availability(person, windows=windows.get(person.pk, ()), at=at)
    others = [
        mentor_profile(p, free_places=_free(p), windows=windows.get(p.pk, ()), at=at)
        for p in people
    ]
    return [None if h != h else float(h) for h in overlap_with(me, others).tolist()]


def directory(
    *, person: Person, filters: Filters | None = None, now: dt.datetime | None = None
) -> list[Listing]:
    """The mentors ``person`` may browse, filtered, searched and ordered:
    open ones before full ones; by how well they answer the search when there
    is one, by name otherwise.  Three queries, whatever the number listed.
    """
    f = filters or Filters()
    f.validate()
    moment = clock.resolve(now)
    people = list(_listed(person))
    if f.expertise:
        wanted = canonical_skill(f.expertise)
        people = [p for p in people if wanted in {canonical_skill(e) for e in p.expertise}]
    if f.language:
        # By code, so a filter "de" finds "German" and "Deutsch" finds "de".
        spoken = language_code(f.language)
        people = [p for p in people if spoken in language_codes(p.languages)]
    if f.with_places:
        people = [p for p in people if _free(p) > 0]
    windows = windows_by_person([person.pk, *(p.pk for p in people)])
    overlaps = _overlaps(person, people, windows, moment)
    listed = [
        Listing(p, _free(p), h, None)
        for p, h in zip(people, overlaps, strict=True)
        if f.min_overlap_hours <= 0 or (h is not None and h >= f.min_overlap_hours)
    ]
    query = " ".join(f.query.split())
    if not query or not listed:
        return sorted(listed, key=lambda item: item.is_full)
    profiles = [
        mentor_profile(
            item.person,
            free_places=item.free_places,
            windows=windows.get(item.person.pk, ()),
            at=moment,
        )
        for item in listed
    ]
    searcher = Profile("search", wants=query, seniority=None, utc_offset_hours=None)
    by_id = {f"person:{item.person.pk}": item for item in listed}
    # The engine puts full mentors after open ones, and leaves out no one:
    # only those whose offer meets the words typed are listed.
    return [
        Listing(
            by_id[e.mentor].person, by_id[e.mentor].free_places, by_id[e.mentor].overlap_hours, e
        )
        for e in rank_candidates(searcher, profiles)
        if e.matched
    ]


def directory_profile(
    *, person: Person, mentor_id: int | str, now: dt.datetime | None = None
) -> Listing:
    """One mentor's public profile, if the directory lists them for ``person``;
    NotFound otherwise (the id must not tell whether an account exists).  Three queries."""
    try:
        found = _listed(person).get(pk=int(mentor_id))
    except (Person.DoesNotExist, TypeError, ValueError) as exc:
        raise NotFound(MatchingCode.NO_CANDIDATE, field="mentor") from exc
    windows = windows_by_person([person.pk, found.pk])
    (overlap,) = _overlaps(person, [found], windows, clock.resolve(now))
    return Listing(found, _free(found), overlap, None)
