"""Check fit: rank the candidate mentors of one person for one goal, explained."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.matching.errors import MSG_NONE_OPEN, MatchingCode
from tribe.matching.models import NotAMatch
from tribe.matching.profiles import (
    contact_profile,
    mentor_profile,
    seeker_profile,
    windows_by_person,
)
from tribe.people.errors import PeopleCode
from tribe.people.models import Block, Contact, Goal, Person
from tribe.relationships.models import ASK_AGAIN_MONTHS, CLOSED_STATUSES, Relationship
from tribe_engine import Explanation, Rules, rank_candidates

#: What a candidate's profile needs: loading only these keeps 5,000 candidates cheap.
PROFILE_FIELDS = (
    "id",
    "name",
    "headline",
    "offers",
    "expertise",
    "seniority",
    "languages",
    "timezone",
    "mentee_capacity",
    "open_to_mentoring",
)


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
            "close_in_meaning": [
                {"want": m.want, "offer": m.offer, "contribution": round(m.share, 4)}
                for m in e.meanings
            ],
            "unknown": list(e.unknown),
            "timezone_overlap_hours": e.overlap_hours,
            "shared_languages": list(e.shared_languages),
            "seniority_gap": self.seniority_gap,
            "has_capacity": self.has_capacity,
            "free_places": self.free_places,
        }


def goal_for_fit(*, person: Person, goal: str | int | None) -> Goal:
    """The open goal named by id or (part of) its title; the only open one when not named."""
    goals = Goal.objects.filter(person=person).exclude(
        status__in=[Goal.Status.ACHIEVED, Goal.Status.DROPPED]
    )
    text = "" if goal is None else str(goal).strip()
    if not text:
        found = list(goals[:50])
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFound(MatchingCode.NO_OPEN_GOAL, field="goal")
        raise NotFound(MatchingCode.WHICH_GOAL, field="goal", goals=_listing(found))
    matches = list(goals.filter(pk=int(text))) if text.isdigit() else []
    if not matches:  # also a title such as "2026" that happens to be digits
        matches = list(goals.filter(title__icontains=text)[:50])
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFound(MatchingCode.WHICH_GOAL, field="goal", goals=_listing(matches))
    everything = list(goals[:50])
    listing = _listing(everything) if everything else gettext(MSG_NONE_OPEN)
    raise NotFound(MatchingCode.NO_GOAL, field="goal", goal=text, goals=listing)


def _listing(goals: list[Goal]) -> str:
    return "; ".join(f"{g.pk} “{g.title}”" for g in goals)


def fit_ranking(
    *, person: Person, goal: Goal, limit: int | None = 50, now: dt.datetime | None = None
) -> list[FitRow]:
    """Candidates for ``goal``, best first: open mentors and contacts not ruled out.

    Mentors with a free place come before full ones, and candidates whose
    offer meets the goal (by word or by meaning) before those it does not.

    Candidates already in an open relationship with ``person`` as their
    mentor, and those marked "not a match" (for this goal or for all), are
    left out. A fixed number of queries, whatever the number of candidates.
    """
    if goal.person_id != person.pk:
        raise NotFound(PeopleCode.NO_GOAL, field="goal")
    moment = clock.resolve(now)
    ruled_out = NotAMatch.objects.filter(person=person).filter(Q(goal=goal) | Q(goal__isnull=True))
    skip_people = set(
        ruled_out.exclude(candidate_person=None).values_list("candidate_person_id", flat=True)
    )
    skip_contacts = set(
        ruled_out.exclude(candidate_contact=None).values_list("candidate_contact_id", flat=True)
    )
    open_with = Relationship.objects.filter(mentee=person).exclude(status__in=CLOSED_STATUSES)
    skip_people |= set(open_with.exclude(mentor=None).values_list("mentor_id", flat=True))
    skip_contacts |= set(
        open_with.exclude(mentor_contact=None).values_list("mentor_contact_id", flat=True)
    )

    mentors = list(
        candidate_mentors(person=person)
        .exclude(pk__in=skip_people)
        .only(*PROFILE_FIELDS)
        .annotate(active=Count("as_mentor", filter=Q(as_mentor__status=Relationship.Status.ACTIVE)))
    )
    contacts = list(
        Contact.objects.filter(owner=person, person__isnull=True).exclude(pk__in=skip_contacts)
    )
    windows = windows_by_person([person.pk, *(m.pk for m in mentors)])
    seeker = person
    profiles = [
        mentor_profile(
            m, free_places=m.mentee_capacity - m.active, windows=windows.get(m.pk, ()), at=moment
        )
        for m in mentors
    ]
    profiles += [contact_profile(c, at=moment) for c in contacts]
    if not profiles:
        return []
    by_id: dict[str, Person | Contact] = {f"person:{m.pk}": m for m in mentors}
    by_id.update({f"contact:{c.pk}": c for c in contacts})
    explanations = rank_candidates(
        seeker_profile(seeker, goal, windows=windows.get(person.pk, ()), at=moment),
        profiles,
        rules=Rules(),
        limit=limit,
    )
    rows = []
    for explanation in explanations:
        who = by_id[explanation.mentor]
        if isinstance(who, Person):
            free = who.mentee_capacity - who.active  # type: ignore[attr-defined]
            rows.append(
                FitRow(
                    "person",
                    who.pk,
                    who.name,
                    who.headline,
                    explanation.score,
                    explanation,
                    free > 0,
                    max(free, 0),
                    float(who.seniority - person.seniority),
                    who.timezone,
                )
            )
        else:
            rows.append(
                FitRow(
                    "contact",
                    who.pk,
                    who.name,
                    who.headline or who.position,
                    explanation.score,
                    explanation,
                    True,
                    None,
                    None,
                    who.timezone or person.timezone,
                )
            )
    return rows


def not_a_match_of(*, person: Person) -> list[NotAMatch]:
    return list(
        NotAMatch.objects.filter(person=person).select_related(
            "goal", "candidate_person", "candidate_contact"
        )
    )


# Added for the web pages of issue 5 --------------------------------------------


def candidate_mentors(*, person: Person, now: dt.datetime | None = None) -> QuerySet[Person]:
    """The accounts ``person`` may see as candidates: active, open to mentoring,
    verified, and willing to hear from them.

    The one definition the ranking, the count, the directory and the lookup by
    id share, so that naming an account by id finds it only if the ranking
    could list it.  Left out: whoever blocked ``person``, and a mentor who
    declined their request, unless the mentor offered "ask again in N months"
    and those months have passed (a no without that offer stays a no).
    """
    moment = clock.resolve(now)
    blocked_me = Block.objects.filter(blocker=OuterRef("pk"), blocked=person)
    still_no = Q(ask_again_months__isnull=True)
    for months in range(ASK_AGAIN_MONTHS[0], ASK_AGAIN_MONTHS[1] + 1):
        # "Ask again in N months", not yet passed; one term per allowed N keeps
        # the month arithmetic out of SQL, which each database spells its own way.
        since = _months_before(moment, months)
        still_no |= Q(ask_again_months=months, status_changed_at__gt=since)
    declined_me = Relationship.objects.filter(
        still_no, mentee=person, mentor=OuterRef("pk"), status=Relationship.Status.DECLINED
    )
    return (
        Person.objects.filter(
            is_active=True, open_to_mentoring=True, email_verified_at__isnull=False
        )
        .exclude(pk=person.pk)
        .exclude(Exists(blocked_me))
        .exclude(Exists(declined_me))
    )


def _months_before(moment: dt.datetime, months: int) -> dt.datetime:
    month = moment.month - 1 - months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))


def open_mentor_count(*, person: Person) -> int:
    """How many other people are open to mentoring: step 2 of the search, one query."""
    return candidate_mentors(person=person).count()


def fit_candidate_get(*, person: Person, kind: str, candidate_id: int | str) -> Person | Contact:
    """A candidate named on the fit page: a candidate mentor, or one of my contacts.

    Any other account, whether it exists or not, is the same "no such
    candidate": the id must not tell anyone's name or that an account exists.
    """
    try:
        pk = int(candidate_id)
        if kind == "person":
            return candidate_mentors(person=person).get(pk=pk)
        if kind == "contact":
            return Contact.objects.get(owner=person, pk=pk)
    except (Person.DoesNotExist, Contact.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(MatchingCode.NO_CANDIDATE, field="candidate") from exc
    raise NotFound(MatchingCode.NO_CANDIDATE, field="candidate")
