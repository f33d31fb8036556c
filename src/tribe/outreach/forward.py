"""Paying it forward: from mentee to mentor, with concrete first steps.

:func:`pay_it_forward` is a pure read. It answers ``None`` when the steps do
not apply, and otherwise one of two states:

- ``"ready"``: the person has been a mentee for at least
  :data:`~tribe.outreach.selectors.READINESS_AFTER` (a relationship of theirs as
  mentee went active, paused or ended that long ago) and has something to
  offer (expertise on their profile, or goals they achieved). The steps are a
  draft mentor profile, the programmes they could join as a mentor, and a
  first request they might accept.
- ``"mentoring"``: they have been a mentee that long and already did it: they
  are open to mentoring with at least one mentee who said yes (intro meeting,
  active or paused). Then there is nothing to draft; the page says so, with
  their mentees and free places.

"Expertise others ask for" is one number: how many open goals (open or in
progress) of other active people on this installation name what the person
knows, by the skill glossary of the engine (``"k8s"`` and ``"Kubernetes"`` are
one skill) or by the same words. Whose goals, or which, is never said. The
cost is bounded: one query, which the database narrows to goals containing one
of the spellings, reading at most :data:`GOALS_READ` of them (the count then
says "at least").

The programmes come from ``programs`` (above this app): the interfaces read
them with ``programs.selectors.mentor_openings`` and hand them in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, ngettext

from tribe.core import clock
from tribe.ledger.models import Advice
from tribe.outreach.selectors import READINESS_AFTER, incoming_requests
from tribe.people.models import Goal, Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship

__all__ = [
    "GOALS_READ",
    "DraftTopic",
    "FirstRequest",
    "PayItForward",
    "ProgrammeOpening",
    "asked_for_count",
    "mentees_now",
    "pay_it_forward",
]

Status = Relationship.Status

#: The most goals of other people one count reads (after the database narrowed them).
GOALS_READ = 500
#: Fewer goals than this are not counted aloud (programme surveys keep the same threshold).
FEW = 5
#: The most spellings the database is asked about (each skill has a few).
SPELLINGS_MAX = 120
#: The most topics the draft adds to what the profile already lists.
ADDED_TOPICS_MAX = 10
#: The most items a profile's expertise holds (``people.accounts``).
EXPERTISE_MAX = 50
#: The most achieved goals and adopted advice read for the draft.
SOURCES_READ = 50
#: Shorter spellings ("ux", "ml", "c#") are looked for as whole words, not inside others.
SHORT = 3
#: Statuses in which one has been a mentee (the readiness prompt of Today counts the same).
MENTEE_STATUSES = (Status.ACTIVE, Status.PAUSED, Status.ENDED)
#: A mentee who said yes and is not gone: someone one mentors now.
MENTORING_STATUSES = (Status.INTRO, Status.ACTIVE, Status.PAUSED)


@dataclass(frozen=True)
class DraftTopic:
    """One topic of the draft profile and where it came from."""

    name: str
    source: str  # "profile", "goal" or "advice"
    #: The title of the achieved goal it came from ("" for the others).
    from_goal: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "source": self.source, "from_goal": self.from_goal}


@dataclass(frozen=True)
class ProgrammeOpening:
    """A programme the person could mentor in, as ``programs`` finds it."""

    name: str
    slug: str
    #: "participant": enrolled as a mentee, the intake can add the mentor side;
    #: "invitation": invited at their address, the link is in that mail.
    how: str
    expires_at: dt.datetime | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "slug": self.slug,
            "how": self.how,
            "expires_at": self.expires_at.astimezone(dt.UTC).isoformat()
            if self.expires_at
            else None,
        }


@dataclass(frozen=True)
class FirstRequest:
    """The oldest request waiting for the person's answer as a mentor: what they see of it."""

    id: int
    from_name: str
    purpose: str
    asked_at: dt.datetime | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "from": self.from_name,
            "purpose": self.purpose,
            "asked_at": self.asked_at.astimezone(dt.UTC).isoformat() if self.asked_at else None,
        }


@dataclass(frozen=True)
class PayItForward:
    state: str  # "ready" or "mentoring"
    mentee_since: dt.datetime
    mentee_months: int
    #: Open goals of other people that ask for what the person knows: a number only.
    asked_for: int
    #: True when the count stopped at GOALS_READ goals: "at least".
    asked_for_capped: bool
    topics: list[DraftTopic]
    offers: str
    capacity: int
    programmes: list[ProgrammeOpening]
    first_request: FirstRequest | None
    requests_waiting: int
    #: How a request can reach them, when none is waiting (sentences).
    reach: list[str]
    #: In the "mentoring" state: mentees who said yes, and the free places.
    mentees: int = 0
    free_places: int = 0
    open_to_mentoring: bool = False
    achieved: list[str] = field(default_factory=list)

    @property
    def expertise(self) -> list[str]:
        return [t.name for t in self.topics]

    @property
    def why(self) -> str:
        """Why Tribe suggests it, in one or two sentences."""
        months = ngettext(
            "You have been a mentee for {months} month.",
            "You have been a mentee for {months} months.",
            self.mentee_months,
        ).format(months=self.mentee_months)
        if self.asked_for < FEW:
            # 0 and 1–4 read alike: a small count would tell whoever knows the
            # few people on an installation that one of them wants to learn this.
            asked = gettext(
                "Tribe says how many open goals of other people ask for what you know "
                "once there are at least {few}, so that nobody's goal is singled out."
            ).format(few=FEW)
        elif self.asked_for_capped:
            asked = gettext(
                "At least {count} open goals of other people on Tribe ask for what you know."
            )
        else:
            asked = ngettext(
                "{count} open goal of other people on Tribe asks for what you know.",
                "{count} open goals of other people on Tribe ask for what you know.",
                self.asked_for,
            )
        return f"{months} {asked.format(count=self.asked_for)}"

    def as_dict(self) -> dict[str, object]:
        return {
            "state": self.state,
            "why": self.why,
            "mentee_since": self.mentee_since.astimezone(dt.UTC).isoformat(),
            "mentee_months": self.mentee_months,
            "asked_for": self.asked_for if self.asked_for >= FEW else 0,
            "asked_for_capped": self.asked_for_capped,
            "draft": {
                "expertise": self.expertise,
                "topics": [t.as_dict() for t in self.topics],
                "offers": self.offers,
                "mentee_capacity": self.capacity,
            },
            "open_to_mentoring": self.open_to_mentoring,
            "programmes": [p.as_dict() for p in self.programmes],
            "first_request": self.first_request.as_dict() if self.first_request else None,
            "requests_waiting": self.requests_waiting,
            "reach": self.reach,
            "mentees": self.mentees,
            "free_places": self.free_places,
        }


def pay_it_forward(
    *,
    person: Person,
    now: dt.datetime | None = None,
    programmes: Sequence[ProgrammeOpening] = (),
) -> PayItForward | None:
    """The first steps from mentee to mentor, or None when they do not apply (see the module)."""
    moment = clock.resolve(now)
    since = _mentee_since(person)
    if since is None or moment - since < READINESS_AFTER:
        return None
    months = (moment - since).days // 30
    mentees = Relationship.objects.filter(
        consent.mutual_q(), mentor=person, status__in=MENTORING_STATUSES
    )
    mentee_count = mentees.count()
    free = max(0, person.mentee_capacity - mentees.filter(status=Status.ACTIVE).count())
    # Only who asked and the purpose are shown: the request's goals are not needed.
    waiting = incoming_requests(person=person).filter(mentor=person).prefetch_related(None)
    first = waiting.first()
    waiting_count = waiting.count()
    achieved = list(
        Goal.objects.filter(person=person, status=Goal.Status.ACHIEVED)
        .order_by("-updated_at", "-id")
        .values_list("title", "why")[:SOURCES_READ]
    )
    if person.open_to_mentoring and mentee_count:
        state = "mentoring"
        topics = [DraftTopic(t, "profile") for t in person.expertise]
    else:
        if not person.expertise and not achieved:
            return None
        state = "ready"
        topics = _draft_topics(person, achieved)
    count, capped = asked_for_count(person=person, expertise=[t.name for t in topics])
    return PayItForward(
        state=state,
        mentee_since=since,
        mentee_months=months,
        asked_for=count,
        asked_for_capped=capped,
        topics=topics,
        offers=person.offers or _draft_offers(months, [t for t, _ in achieved], topics),
        capacity=person.mentee_capacity or 1,
        programmes=list(programmes),
        first_request=_first(first),
        requests_waiting=waiting_count,
        reach=[] if first is not None else _reach(person, topics),
        mentees=mentee_count,
        free_places=free,
        open_to_mentoring=person.open_to_mentoring,
        achieved=[t for t, _ in achieved],
    )


def mentees_now(*, person: Person) -> int:
    """How many mentees who said yes ``person`` has now: for someone who mentors
    without having been a mentee here, whom paying it forward does not apply to."""
    return Relationship.objects.filter(
        consent.mutual_q(), mentor=person, status__in=MENTORING_STATUSES
    ).count()


def _mentee_since(person: Person) -> dt.datetime | None:
    """When ``person`` first became a mentee: agreed, else the status's own change. One query."""
    found: dt.datetime | None = Relationship.objects.filter(
        mentee=person, mentee_consented_at__isnull=False, status__in=MENTEE_STATUSES
    ).aggregate(first=Min(Coalesce("agreed_at", "status_changed_at")))["first"]
    return found


def _first(r: Relationship | None) -> FirstRequest | None:
    if r is None:
        return None
    return FirstRequest(r.pk, r.created_by.name, r.purpose, r.asked_at)


# The draft ---------------------------------------------------------------------


def _skill_names(text: str) -> list[str]:
    from tribe_engine._glossary import glossary, skills_in  # numpy loads with it: on use

    skills = glossary().skills
    return [skills[m.skill].name for m in skills_in(text, ())]


def _draft_topics(person: Person, achieved: Sequence[tuple[str, str]]) -> list[DraftTopic]:
    """The profile's expertise, then the skills of achieved goals (or their titles),
    then the skills named in advice the person adopted; each once, whatever its case."""
    topics = [DraftTopic(t, "profile") for t in person.expertise]
    seen = {t.lower() for t in person.expertise}
    added: list[DraftTopic] = []

    def add(name: str, source: str, goal: str = "") -> None:
        name = " ".join(name.split())[:100]
        if name and name.lower() not in seen and len(added) < ADDED_TOPICS_MAX:
            seen.add(name.lower())
            added.append(DraftTopic(name, source, goal))

    for title, why in achieved:
        names = _skill_names(f"{title}. {why}")
        for name in names or [title]:
            add(name, "goal", title)
    adopted = Advice.objects.filter(
        relationship__mentee=person, recorded_by=person, decision=Advice.Decision.ADOPT
    ).values_list("text", flat=True)[:SOURCES_READ]
    for text in adopted:
        for name in _skill_names(text):
            add(name, "advice")
    return (topics + added)[:EXPERTISE_MAX]


def _draft_offers(months: int, achieved: Sequence[str], topics: Sequence[DraftTopic]) -> str:
    """One or two sentences for "what I can offer as a mentor", to edit."""
    names = ", ".join(t.name for t in topics[:5])
    if achieved:
        reached = "; ".join(achieved[:3])
        return gettext(
            "I have been a mentee myself for {months} months and reached goals of my own "
            "({reached}). I can help with {topics}, and I will share what worked for me "
            "and what did not."
        ).format(months=months, reached=reached, topics=names)
    return gettext(
        "I have been a mentee myself for {months} months. I can help with {topics}, "
        "and I will share what worked for me and what did not."
    ).format(months=months, topics=names)


def _reach(person: Person, topics: Sequence[DraftTopic]) -> list[str]:
    """How a request reaches the person, when none is waiting."""
    said = []
    if person.email_verified_at is None:
        said.append(gettext("Verify your e-mail address first: until you do, nobody can ask you."))
    if person.open_to_mentoring:
        said.append(
            gettext(
                "Your profile is open: people whose goals match it find you in the mentor "
                "directory and in their fit results, and their requests wait for your "
                "answer on the Requests page."
            )
        )
    else:
        names = ", ".join(t.name for t in topics[:3])
        said.append(
            gettext(
                "Once your profile is open, people whose goals ask for {topics} find you in "
                "the mentor directory and in their fit results; their requests wait for "
                "your answer on the Requests page, and “no” is always a fine answer."
            ).format(topics=names)
        )
    return said


# Expertise others ask for --------------------------------------------------------


def _spellings(expertise: Iterable[str]) -> tuple[set[int], set[str], list[str]]:
    """The glossary skills of ``expertise``, its own words, and the spellings to look for."""
    from tribe_engine._glossary import glossary, skills_in
    from tribe_engine._skills import split_words

    tags = [t for t in expertise if t.strip()]
    skills = {m.skill for m in skills_in("", tags)}
    terms = {" ".join(split_words(t)) for t in tags} - {""}
    spellings: dict[str, None] = {}
    for k in sorted(skills):
        skill = glossary().skills[k]
        for s in (skill.name, *skill.spellings):
            spellings.setdefault(" ".join(s.lower().split()), None)
    for t in (*terms, *(" ".join(t.lower().split()) for t in tags)):
        spellings.setdefault(t, None)
    return skills, terms, list(spellings)[:SPELLINGS_MAX]


def _contains(spelling: str) -> Q:
    if len(spelling) >= SHORT:
        return Q(title__icontains=spelling) | Q(why__icontains=spelling)
    word = rf"(^|[^a-z0-9]){re.escape(spelling)}($|[^a-z0-9])"
    return Q(title__iregex=word) | Q(why__iregex=word)


def _asks_for(text: str, skills: set[int], terms: set[str]) -> bool:
    from tribe_engine._glossary import skills_in
    from tribe_engine._skills import split_words

    if skills and any(m.skill in skills for m in skills_in(text, ())):
        return True
    words = f" {' '.join(split_words(text))} "
    return any(f" {t} " in words for t in terms)


def asked_for_count(*, person: Person, expertise: Sequence[str]) -> tuple[int, bool]:
    """How many open goals of other active people ask for ``expertise``, and whether the
    count stopped at :data:`GOALS_READ` ("at least"). One query, or none without expertise."""
    skills, terms, spellings = _spellings(expertise)
    if not spellings:
        return 0, False
    narrowed = Q()
    for s in spellings:
        narrowed |= _contains(s)
    rows = list(
        Goal.objects.filter(
            narrowed,
            status__in=[Goal.Status.OPEN, Goal.Status.IN_PROGRESS],
            person__is_active=True,
        )
        .exclude(person=person)
        .order_by("-updated_at", "-id")
        .values_list("title", "why")[: GOALS_READ + 1]
    )
    capped = len(rows) > GOALS_READ
    read = rows[:GOALS_READ]
    count = sum(1 for title, why in read if _asks_for(f"{title}. {why}", skills, terms))
    return count, capped
