"""Check fit and the mentor directory (``/api/fit``): the candidates for one of my
goals, best first and why; ruling one out ("not a match") and taking that back;
and everyone open to mentoring, as the directory shows them.

A candidate is an account open to mentoring that may hear from me
(``candidate_mentors``) or one of my own contacts. Of an account, only what
its owner wrote for mentees to read is shown, never their address, goals or
relationships; an account that is not a candidate is a 404 whether it exists
or not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import (
    MAX_ID,
    ApiRouter,
    GoalRef,
    Input,
    ObjectId,
    Page,
    PageQuery,
    page_of,
    search_words,
)
from tribe.matching.directory import MAX_QUERY, Filters, Listing, directory, directory_profile
from tribe.matching.models import NotAMatch
from tribe.matching.selectors import FitRow, fit_candidate_get, fit_ranking, not_a_match_of
from tribe.matching.services import fit_prospect_add, not_a_match_mark, not_a_match_undo
from tribe.people.models import Person
from tribe.people.selectors import goal_get_for

router = ApiRouter(tags=["fit"])

CandidateKind = Literal["person", "contact"]


class Term(Schema):
    term: str
    contribution: float


class Closeness(Schema):
    want: str = Field(description="words of the goal; empty: the goal as a whole")
    offer: str = Field(description="words of the candidate's offer; empty: the offer as a whole")
    contribution: float


class CandidateOut(Schema):
    kind: CandidateKind = Field(description="an account on Tribe, or one of my contacts")
    id: int = Field(description="the account's id (``/api/fit/mentors/{id}``) or the contact's")
    name: str
    headline: str
    score: float
    contributions: dict[str, float] = Field(
        description="each part of the score: text, seniority, language, timezone, ranking"
    )
    matched_terms: list[Term] = Field(description="words the goal and the offer share")
    close_in_meaning: list[Closeness]
    unknown: list[str] = Field(description="parts scored neutrally because a profile is silent")
    timezone: str
    timezone_overlap_hours: float | None = Field(description="hours a day we are both free")
    shared_languages: list[str]
    seniority_gap: float | None = Field(description="their years of experience less mine")
    has_capacity: bool
    free_places: int | None = Field(description="null for a contact: unknown")


class CandidateBrief(Schema):
    kind: CandidateKind
    id: int
    name: str


class NotAMatchOut(Schema):
    id: int
    goal_id: int | None = Field(description="the goal it is for; null: for all my goals")
    candidate: CandidateBrief
    reason: str = Field(description="mine alone")
    created_at: dt.datetime

    @staticmethod
    def resolve_candidate(obj: NotAMatch) -> dict[str, object]:
        if obj.candidate_person is not None:
            return {
                "kind": "person",
                "id": obj.candidate_person.pk,
                "name": obj.candidate_person.name,
            }
        contact = obj.candidate_contact
        assert contact is not None  # the table's check: exactly one of the two
        return {"kind": "contact", "id": contact.pk, "name": contact.name}


class FitOut(Schema):
    goal: GoalRef
    candidates: list[CandidateOut] = Field(
        description="best first: those with a free place, then those whose offer meets the goal"
    )
    ruled_out: list[NotAMatchOut] = Field(description="not a match for this goal, or for all")


class FitQuery(Schema):
    goal: int = Field(ge=1, le=MAX_ID, description="the id of one of my goals")
    limit: int = Field(50, ge=1, le=200, description="candidates at most")


def _candidate(row: FitRow) -> dict[str, Any]:
    return {**row.as_dict(), "timezone": row.timezone}


@router.get("", response=FitOut)
def fit_read(request: HttpRequest, query: Query[FitQuery]) -> dict[str, object]:
    """The candidates for one of my goals, best first, each with the reasons for
    its score; and whom I ruled out. A fixed number of queries."""
    person = me(request)
    goal = goal_get_for(person=person, goal_id=query.goal)
    rows = fit_ranking(person=person, goal=goal, limit=query.limit)
    ruled_out = [n for n in not_a_match_of(person=person) if n.goal_id in (None, goal.pk)]
    return {"goal": goal, "candidates": [_candidate(r) for r in rows], "ruled_out": ruled_out}


class NotAMatchIn(Input):
    kind: CandidateKind
    candidate_id: int = Field(ge=1, le=MAX_ID)
    goal: int | None = Field(
        None, ge=1, le=MAX_ID, description="the goal it is for; null or left out: all my goals"
    )
    reason: str = Field(max_length=300, description="why not, for me alone to remember")


@router.get("/not-a-match", response=Page[NotAMatchOut])
def not_a_match_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """Everyone I ruled out, newest first."""
    return page_of(not_a_match_of(person=me(request)), page)


@router.post("/not-a-match", response={201: NotAMatchOut})
def not_a_match_add(request: HttpRequest, payload: NotAMatchIn) -> Status[NotAMatch]:
    """Rule a candidate out, for one goal or for all: later rankings leave them out."""
    person = me(request)
    goal = None if payload.goal is None else goal_get_for(person=person, goal_id=payload.goal)
    chosen = fit_candidate_get(person=person, kind=payload.kind, candidate_id=payload.candidate_id)
    if isinstance(chosen, Person):
        marked = not_a_match_mark(
            person=person, reason=payload.reason, goal=goal, candidate_person=chosen
        )
    else:
        marked = not_a_match_mark(
            person=person, reason=payload.reason, goal=goal, candidate_contact=chosen
        )
    return Status(201, marked)


@router.delete("/not-a-match/{not_a_match_id}", response={204: None})
def not_a_match_remove(request: HttpRequest, not_a_match_id: ObjectId) -> Status[None]:
    """Rule a candidate back in: they are ranked again."""
    not_a_match_undo(person=me(request), not_a_match_id=not_a_match_id)
    return Status(204, None)


class ProspectIn(Input):
    goal: int = Field(ge=1, le=MAX_ID, description="the goal I would ask them about")
    kind: CandidateKind
    candidate_id: int = Field(ge=1, le=MAX_ID)


class ProspectOut(Schema):
    relationship_id: int = Field(
        description="the new relationship, a prospect: nobody is asked yet"
    )
    candidate: CandidateBrief


@router.post("/prospects", response={201: ProspectOut})
def fit_prospect(request: HttpRequest, payload: ProspectIn) -> Status[dict[str, object]]:
    """Take a ranked candidate on as a prospect mentor for the goal (a private
    relationship of mine until I send a request). A mentor with no free place is
    a 409 naming the best-ranked one who has one."""
    person = me(request)
    goal = goal_get_for(person=person, goal_id=payload.goal)
    chosen, relationship = fit_prospect_add(
        person=person, goal=goal, kind=payload.kind, candidate_id=payload.candidate_id
    )
    brief = {"kind": payload.kind, "id": chosen.pk, "name": chosen.name}
    return Status(201, {"relationship_id": relationship.pk, "candidate": brief})


# The directory -----------------------------------------------------------------


class MentorOut(Schema):
    """A mentor as the directory shows them: what they wrote for mentees to read."""

    id: int
    name: str
    headline: str
    expertise: list[str]
    offers: str
    causes: list[str]
    languages: list[str]
    timezone: str
    preferred_cadence_days: int | None = Field(description="how often they like to meet (days)")
    free_places: int
    overlap_hours: float | None = Field(description="hours a day we are both free; null: unknown")
    matched_terms: list[str] = Field(description="for a search: the words their offer shares")
    close_in_meaning: list[Closeness] = Field(description="for a search: what met by meaning")


class DirectoryFilter(Schema):
    q: str = search_words(MAX_QUERY, "what I want to learn, in my own words: ranks the list")
    expertise: str = search_words(100, "only mentors with this expertise")
    language: str = search_words(20, "only mentors speaking it (a code: en, de; or a name)")
    overlap: float = Field(0.0, ge=0, le=24, description="at least this many shared hours a day")
    places: bool = Field(False, description="only mentors with a free place")


def _mentor(item: Listing) -> dict[str, Any]:
    p, e = item.person, item.explanation
    return {
        "id": p.pk,
        "name": p.name,
        "headline": p.headline,
        "expertise": list(p.expertise),
        "offers": p.offers,
        "causes": list(p.causes),
        "languages": list(p.languages),
        "timezone": p.timezone,
        "preferred_cadence_days": p.preferred_cadence_days,
        "free_places": item.free_places,
        "overlap_hours": item.overlap_hours,
        "matched_terms": [t for t, _ in e.terms] if e else [],
        "close_in_meaning": (
            [{"want": m.want, "offer": m.offer, "contribution": m.share} for m in e.meanings]
            if e
            else []
        ),
    }


@router.get("/mentors", response=Page[MentorOut])
def mentor_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[DirectoryFilter]
) -> dict[str, object]:
    """Everyone open to mentoring whom I may ask, those with a free place first;
    by how well they answer ``q`` when given, by name otherwise."""
    wanted = Filters(
        query=filters.q,
        expertise=filters.expertise,
        language=filters.language,
        min_overlap_hours=filters.overlap,
        with_places=filters.places,
    )
    shown = page_of(directory(person=me(request), filters=wanted), page)
    return {**shown, "items": [_mentor(item) for item in shown["items"]]}


@router.get("/mentors/{mentor_id}", response=MentorOut)
def mentor_read(request: HttpRequest, mentor_id: ObjectId) -> dict[str, Any]:
    """One mentor's public profile, if the directory lists them for me."""
    return _mentor(directory_profile(person=me(request), mentor_id=mentor_id))
