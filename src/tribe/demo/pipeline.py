"""The demo's people and what they have started: accounts, goals, relationships, contacts.

Built only through the services, the way a person would go: every relationship
between two accounts starts as a request the other person accepts
(``relationships/consent.py``), whatever its kind, so the demo exercises the
same rules as real use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tribe.demo.personas import DEMO_PASSWORD, PEOPLE, PEOPLE_BY_KEY, DemoPerson
from tribe.demo.scope import demo_accounts
from tribe.outreach import selectors as outreach_drafts
from tribe.outreach import services as outreach
from tribe.people import services as people
from tribe.people.models import Goal, Person
from tribe.relationships import services as relationships
from tribe.relationships.models import Relationship

Status = Relationship.Status


class GoalSpec(NamedTuple):
    title: str
    why: str = ""
    in_days: int | None = None  # the target date, counted from the load
    status: str = Goal.Status.OPEN


#: Each person's goals; a relationship of theirs is for the first one.
GOALS: dict[str, tuple[GoalSpec, ...]] = {
    "maya": (
        GoalSpec(
            "Learn to lead a team of product managers",
            "I want to become a group PM within 18 months.",
            500,
            Goal.Status.IN_PROGRESS,
        ),
        GoalSpec("Get better at pricing decisions", "Our next launch depends on it."),
        # Its words ask for practice: the first step of finding suggests a coach for it.
        GoalSpec("Rehearse my roadmap pitch until it is second nature", in_days=60),
    ),
    "ravi": (
        GoalSpec(
            "Build an engineering-product partnership at director level",
            status=Goal.Status.IN_PROGRESS,
        ),
    ),
    "elena": (GoalSpec("Prepare for a CTO role", in_days=700),),
    "sam": (GoalSpec("Run my first discovery project end to end", in_days=120),),
    "priya": (GoalSpec("Move from analyst to data scientist"),),
    "tomas": (GoalSpec("Learn how product managers think"),),
}


class RelationshipSpec(NamedTuple):
    mentee: str
    mentor: str
    status: str  # how far along the pipeline it got
    purpose: str
    kind: str = "mentor"
    days_ago: int = 60  # when the mentee asked
    later: tuple[str, int] | None = None  # a status it moved on to, and how many days ago


#: In this order: a chain of mentors who have mentors (Sam → Maya → Ravi → Elena →
#: Grace) first, then one relationship in every other state of the pipeline.
RELATIONSHIPS = (
    RelationshipSpec(
        "sam", "maya", Status.ACTIVE, "Learn how to run discovery without a research team."
    ),
    RelationshipSpec(
        "maya", "ravi", Status.ACTIVE, "Grow from senior PM to leading PMs.", days_ago=200
    ),
    RelationshipSpec(
        "ravi", "elena", Status.ACTIVE, "Partner better with engineering leadership.", days_ago=120
    ),
    RelationshipSpec(
        "elena", "grace", Status.ACTIVE, "Get ready for an executive role.", "coach", 90
    ),
    RelationshipSpec(
        "ravi", "hugo", Status.ACTIVE, "Be visible for the next GM opening.", "sponsor", 45
    ),
    RelationshipSpec(
        "maya", "aisha", Status.ACTIVE, "Trade notes on payments launches.", "peer", 30
    ),
    RelationshipSpec(
        "tomas", "ravi", Status.INTRO, "Understand product management from the inside.", days_ago=10
    ),
    RelationshipSpec(
        "sam", "lina", Status.DECLINED, "Learn user research from a design lead.", days_ago=40
    ),
    RelationshipSpec(
        "priya", "elena", Status.ASKED, "Hear how leaders evaluate data work.", days_ago=5
    ),
    RelationshipSpec(
        "priya",
        "kofi",
        Status.ACTIVE,
        "Become a data scientist.",
        days_ago=150,
        later=(Status.PAUSED, 20),
    ),
    RelationshipSpec(
        "priya",
        "jonas",
        Status.ACTIVE,
        "Learn to write about technical work.",
        days_ago=300,
        # Ended long enough ago for Priya to be asked to pay it forward (six months a mentee).
        later=(Status.ENDED, 200),
    ),
)

#: How long a mentor who says no asks to wait before being asked again.
ASK_AGAIN_MONTHS = 3

#: The relationships that have an agreement, and how often they meet.
AGREED = {
    ("sam", "maya"): 14,
    ("maya", "ravi"): 28,
    ("ravi", "elena"): 28,
    ("elena", "grace"): 28,
    ("priya", "kofi"): 28,
}


@dataclass
class Cast:
    """Who is in the demo and what they started, for the later steps to refer to."""

    moment: dt.datetime
    people: dict[str, Person] = field(default_factory=dict)
    goals: dict[str, list[Goal]] = field(default_factory=dict)
    #: The relationships between two demo accounts, by (mentee, mentor).
    relationships: dict[tuple[str, str], Relationship] = field(default_factory=dict)

    def between(self, mentee: str, mentor: str) -> Relationship:
        return self.relationships[mentee, mentor]


def demo_person(spec: DemoPerson, moment: dt.datetime) -> Person:
    """The demo account for ``spec``: created, or reset to the demo's profile and password."""
    profile: dict[str, Any] = {
        "name": spec.name,
        "timezone": spec.timezone,
        "headline": spec.headline,
        "languages": spec.languages,
        "expertise": spec.expertise,
        "offers": f"Happy to share what I learned about {', '.join(spec.expertise[:2])}."
        if spec.capacity
        else "",
        "seniority": spec.seniority,
        "open_to_mentoring": spec.capacity > 0,
        "mentee_capacity": spec.capacity,
    }
    existing = demo_accounts().filter(email__iexact=spec.email).first()
    if existing is None:
        person = people.person_create(email=spec.email, password=DEMO_PASSWORD, **profile)
    else:
        person = people.person_update_profile(
            person=existing,
            preferred_cadence_days=None,
            nudge_after_days=7,
            share_mentors=False,
            **profile,
        )
        person.set_password(DEMO_PASSWORD)
        person.is_active = True
    person.is_demo = True
    person.email_verified_at = person.email_verified_at or moment
    person.save(
        update_fields=["password", "is_active", "is_demo", "email_verified_at", "updated_at"]
    )
    return person


def cast_people(moment: dt.datetime) -> Cast:
    """Every demo person, with their weekly hours and goals."""
    cast = Cast(moment)
    cast.people = {spec.key: demo_person(spec, moment) for spec in PEOPLE}
    for person in cast.people.values():
        people.availability_replace(
            person=person,
            windows=[
                people.WindowInput(weekday=day, starts=dt.time(9), ends=dt.time(12))
                for day in (1, 3)
            ]
            + [people.WindowInput(weekday=4, starts=dt.time(14), ends=dt.time(17))],
        )
    for key, specs in GOALS.items():
        cast.goals[key] = [
            people.goal_create(
                person=cast.people[key],
                title=goal.title,
                why=goal.why,
                target_date=None
                if goal.in_days is None
                else (moment + dt.timedelta(days=goal.in_days)).date(),
                status=goal.status,
            )
            for goal in specs
        ]
    return cast


def _through_the_pipeline(cast: Cast, spec: RelationshipSpec) -> Relationship:
    """A relationship that went through the pipeline the way a person would take it."""
    mentee, mentor = cast.people[spec.mentee], cast.people[spec.mentor]
    asked_on = cast.moment - dt.timedelta(days=spec.days_ago)
    created = relationships.relationship_create(
        created_by=mentee,
        my_role="mentee",
        other_person=mentor,
        kind=spec.kind,
        purpose=spec.purpose,
        goals=cast.goals.get(spec.mentee, [])[:1],
        now=asked_on,
    )
    if spec.status == Status.PROSPECT:
        return created
    created.why_them = (
        f"your experience in {PEOPLE_BY_KEY[spec.mentor].expertise[0]} is what I lack"
    )
    created.save(update_fields=["why_them"])
    outreach.outreach_send(
        actor=mentee,
        relationship=created,
        now=asked_on,
        message=outreach_drafts.request_draft(relationship=created, sender=mentee),
    )
    if spec.status == Status.ASKED:
        return created
    answered_on = asked_on + dt.timedelta(days=2)
    if spec.status == Status.DECLINED:
        return outreach.request_decline(
            actor=mentor,
            relationship=created,
            now=answered_on,
            message=outreach_drafts.decline_template(relationship=created, mentor=mentor),
            # A warm no: the ask page then offers the date to ask again (``tribe.demo.ideas``).
            ask_again_months=ASK_AGAIN_MONTHS,
        )
    outreach.request_accept(actor=mentor, relationship=created, now=answered_on)
    if spec.status != Status.INTRO:
        relationships.relationship_set_status(
            actor=mentee,
            relationship=created,
            status=Status.ACTIVE,
            now=cast.moment - dt.timedelta(days=spec.days_ago - 5),
        )
    return created


def cast_relationships(cast: Cast) -> None:
    """Every relationship of ``RELATIONSHIPS``, Maya's contacts, and the agreements."""
    for spec in RELATIONSHIPS:
        relationship = _through_the_pipeline(cast, spec)
        cast.relationships[spec.mentee, spec.mentor] = relationship
        if spec.later is not None:
            status, days_ago = spec.later
            relationships.relationship_set_status(
                actor=cast.people[spec.mentee],
                relationship=relationship,
                status=status,
                now=cast.moment - dt.timedelta(days=days_ago),
            )
    _contacts_of_maya(cast)
    for (mentee, mentor), cadence_days in AGREED.items():
        agreed = cast.between(mentee, mentor)
        relationships.relationship_set_agreement(
            actor=cast.people[mentee],
            relationship=agreed,
            cadence_days=cadence_days,
            meeting_minutes=45,
            channel=Relationship.Channel.VIDEO,
            starts_on=(agreed.status_changed_at - dt.timedelta(days=30)).date(),
            ends_on=(cast.moment + dt.timedelta(days=180)).date(),
            confidentiality="What we discuss stays between us unless we agree otherwise.",
        )


def _contacts_of_maya(cast: Cast) -> None:
    """Maya also keeps contacts; one is a prospective mentor without an account."""
    maya = cast.people["maya"]
    dana = people.contact_create(
        owner=maya,
        data=people.ContactInput(
            name="Dana Whitfield",
            email="dana.whitfield@example.com",
            company="Northwind",
            position="Head of product",
            headline="Head of product at Northwind",
            notes="Met at ProductCamp; spoke about pricing experiments.",
        ),
    )
    people.contact_create(
        owner=maya,
        data=people.ContactInput(
            name="Oliver Brandt", company="Contoso", position="Engineering manager"
        ),
    )
    relationships.relationship_create(
        created_by=maya,
        my_role="mentee",
        other_contact=dana,
        purpose="Learn how to run pricing experiments.",
        goals=cast.goals["maya"][1:],
        now=cast.moment - dt.timedelta(days=3),
    )
