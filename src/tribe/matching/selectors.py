"""Check fit: rank the candidate mentors of one person for one goal, explained."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from tribe_engine import Explanation, Rules, rank_candidates

from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.matching.models import NotAMatch
from tribe.matching.profiles import contact_profile, mentor_profile, seeker_profile
from tribe.people.models import AvailabilityWindow, Contact, Goal, Person
from tribe.relationships.models import Relationship

MSG_NO_GOAL = "no such goal: choose one of your goals (see `tribe fit` without --goal, or your goals page)"
CLOSED = (Relationship.Status.ENDED, Relationship.Status.DECLINED)


@dataclass(frozen=True)
class FitRow:
    """One ranked candidate and why."""

    kind: str  # "person" or "contact"
    id: int
    name: str
    headline: str
    score: float
    explanation: Explanation
    has_capacity: bool
    free_places: int | None  # None for a contact: unknown
    seniority_gap: float | None
    timezone: str

    @property
    def matched_terms(self) -> list[str]:
        return [term for term, _ in self.explanation.terms]

    def as_dict(self) -> dict[str, object]:
        e = self.explanation
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "headline": self.headline,
            "score": round(self.score, 4),
            "contributions": {k: round(v, 4) for k, v in e.contributions.items()},
            "matched_terms": [{"term": t, "contribution": round(c, 4)} for t, c in e.terms],
            "timezone_overlap_hours": e.overlap_hours,
            "shared_languages": list(e.shared_languages),
            "seniority_gap": self.seniority_gap,
            "has_capacity": self.has_capacity,
            "free_places": self.free_places,
        }


def goal_for_fit(*, person: Person, goal: str | int | None) -> Goal:
    """The goal named by id or (part of) its title; the only open one when not named."""
    goals = Goal.objects.filter(person=person).exclude(status__in=[Goal.Status.ACHIEVED, Goal.Status.DROPPED])
    if goal is None or str(goal).strip() == "":
        found = list(goals[:2])
        if len(found) == 1:
            return found[0]
        raise NotFound(MSG_NO_GOAL if not found else "say which goal with --goal (you have several)", field="goal")
    text = str(goal).strip()
    if text.isdigit():
        match = Goal.objects.filter(person=person, pk=int(text)).first()
    else:
        candidates = list(goals.filter(title__icontains=text)[:2])
        match = candidates[0] if len(candidates) == 1 else None
    if match is None:
        raise NotFound(MSG_NO_GOAL, field="goal")
    return match


def fit_ranking(
    *, person: Person, goal: Goal, limit: int | None = 50, now: dt.datetime | None = None
) -> list[FitRow]:
    """Candidates for ``goal``, best first: open mentors and contacts not ruled out.

    Candidates already in an open relationship with ``person`` as their
    mentor, and those marked "not a match" (for this goal or for all), are
    left out. A fixed number of queries, whatever the number of candidates.
    """
    if goal.person_id != person.pk:
        raise NotFound(MSG_NO_GOAL, field="goal")
    moment = clock.resolve(now)
    ruled_out = NotAMatch.objects.filter(person=person).filter(Q(goal=goal) | Q(goal__isnull=True))
    skip_people = set(ruled_out.exclude(candidate_person=None).values_list("candidate_person_id", flat=True))
    skip_contacts = set(ruled_out.exclude(candidate_contact=None).values_list("candidate_contact_id", flat=True))
    open_with = Relationship.objects.filter(mentee=person).exclude(status__in=CLOSED)
    skip_people |= set(open_with.exclude(mentor=None).values_list("mentor_id", flat=True))
    skip_contacts |= set(open_with.exclude(mentor_contact=None).values_list("mentor_contact_id", flat=True))

    windows = Prefetch("availability", queryset=AvailabilityWindow.objects.order_by())
    mentors = list(
        Person.objects.filter(is_active=True, open_to_mentoring=True)
        .exclude(pk=person.pk)
        .exclude(pk__in=skip_people)
        .annotate(active=Count("as_mentor", filter=Q(as_mentor__status=Relationship.Status.ACTIVE)))
        .prefetch_related(windows)
    )
    contacts = list(
        Contact.objects.filter(owner=person, person__isnull=True).exclude(pk__in=skip_contacts)
    )
    seeker = Person.objects.prefetch_related(windows).get(pk=person.pk)
    profiles = [mentor_profile(m, free_places=m.mentee_capacity - m.active, at=moment) for m in mentors]
    profiles += [contact_profile(c, seeker=seeker, at=moment) for c in contacts]
    if not profiles:
        return []
    by_id: dict[str, Person | Contact] = {f"person:{m.pk}": m for m in mentors}
    by_id.update({f"contact:{c.pk}": c for c in contacts})
    explanations = rank_candidates(
        seeker_profile(seeker, goal, at=moment), profiles, rules=Rules(), limit=limit
    )
    rows = []
    for explanation in explanations:
        who = by_id[explanation.mentor]
        if isinstance(who, Person):
            free = who.mentee_capacity - who.active  # type: ignore[attr-defined]
            rows.append(
                FitRow("person", who.pk, who.name, who.headline, explanation.score, explanation,
                       free > 0, max(free, 0), float(who.seniority - person.seniority), who.timezone)
            )
        else:
            rows.append(
                FitRow("contact", who.pk, who.name, who.headline or who.position, explanation.score,
                       explanation, True, None, None, who.timezone or person.timezone)
            )
    return rows


def not_a_match_of(*, person: Person) -> list[NotAMatch]:
    return list(
        NotAMatch.objects.filter(person=person).select_related("goal", "candidate_person", "candidate_contact")
    )
