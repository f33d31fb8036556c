"""The demo: a dozen people who mentor each other, in every state of the pipeline.

Built only through the services, so the demo exercises the same rules as
real use.

Whose data it may touch
-----------------------
Demo accounts carry ``Person.is_demo`` (and a verified address). The demo
only ever deletes or replaces what demo people have *among themselves*:

- relationships whose every side is a demo account or a contact owned by one
  (with their meetings, notes, action items, advice, thanks, questions, …);
- the demo people's own goals (those no longer on any relationship), wins,
  contacts and availability; and their profiles and password are reset.

It never deletes or changes an account that is not ``is_demo`` — an address
at ``@tribe.example`` does not make a real person a demo one — nor anything
that involves such an account: a real person's relationships, requests, notes
and contacts with demo people survive every reload, and the demo accounts keep
their ids, so what points at them still does. Before deleting, the whole
cascade is checked (``_delete_demo_only``): if any row in it refers to a real
account, nothing is changed and the load is refused.

Loading into an installation that has real accounts is refused unless
``force=True`` (``tribe demo --force``): the demo would mix made-up people
into real ones' suggestions, and that should be asked for. ``force`` never
widens what may be touched. ``demo_ensure`` (``tribe serve --demo``) loads the
demo only when it is not loaded yet, so a restart keeps everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, cast

from django.db import router, transaction
from django.db.models import Model, Q, QuerySet
from django.db.models.deletion import Collector

from tribe.core import clock
from tribe.core.errors import Conflict
from tribe.meetings import services as meetings
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people import services as people
from tribe.people.models import Contact, Goal, Person, Win
from tribe.relationships import outreach
from tribe.relationships import services as relationships
from tribe.relationships.models import Relationship

DEMO_DOMAIN = "tribe.example"
DEMO_PASSWORD = "tribe-demo-2026"

MSG_REAL_ACCOUNTS = (
    "this installation has {count} real account(s) besides the demo: "
    "`tribe demo --force` loads the demo anyway (it never touches real accounts or their data)"
)
MSG_ADDRESS_TAKEN = (
    "{email} is a real account here, not a demo one: the demo cannot be loaded "
    "(nothing was changed)"
)
MSG_TOUCHES_REAL = (
    "refreshing the demo would change data of a real account ({what}): nothing was changed"
)

Status = Relationship.Status


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    headline: str
    timezone: str
    languages: tuple[str, ...]
    expertise: tuple[str, ...]
    seniority: int
    capacity: int

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


PEOPLE = (
    DemoPerson(
        "maya",
        "Maya Chen",
        "Senior product manager, fintech",
        "Europe/London",
        ("English", "Mandarin"),
        ("product discovery", "roadmaps", "stakeholder management"),
        9,
        2,
    ),
    DemoPerson(
        "ravi",
        "Ravi Menon",
        "Director of product",
        "Asia/Kolkata",
        ("English", "Hindi"),
        ("product strategy", "leading managers", "pricing"),
        15,
        3,
    ),
    DemoPerson(
        "elena",
        "Elena Petrova",
        "VP engineering",
        "Europe/Berlin",
        ("English", "German", "Russian"),
        ("engineering leadership", "org design", "hiring"),
        20,
        2,
    ),
    DemoPerson(
        "grace",
        "Grace Liu",
        "Chief product officer",
        "America/Los_Angeles",
        ("English",),
        ("executive presence", "board communication", "product strategy"),
        25,
        2,
    ),
    DemoPerson(
        "sam",
        "Sam Okafor",
        "Junior product manager",
        "Africa/Lagos",
        ("English", "Yoruba"),
        ("customer interviews",),
        2,
        0,
    ),
    DemoPerson(
        "lina",
        "Lina Haddad",
        "Design lead",
        "Asia/Dubai",
        ("English", "Arabic", "French"),
        ("design systems", "user research"),
        11,
        1,
    ),
    DemoPerson(
        "kofi",
        "Kofi Mensah",
        "Principal data scientist",
        "Africa/Accra",
        ("English",),
        ("machine learning", "experimentation", "statistics"),
        13,
        2,
    ),
    DemoPerson(
        "priya",
        "Priya Nair",
        "Data analyst",
        "Asia/Singapore",
        ("English", "Tamil"),
        ("SQL", "dashboards"),
        3,
        0,
    ),
    DemoPerson(
        "tomas",
        "Tomás García",
        "Product designer",
        "Europe/Madrid",
        ("Spanish", "English"),
        ("prototyping",),
        4,
        0,
    ),
    DemoPerson(
        "jonas",
        "Jonas Weber",
        "Staff engineer",
        "Europe/Berlin",
        ("German", "English"),
        ("distributed systems", "technical writing"),
        14,
        2,
    ),
    DemoPerson(
        "aisha",
        "Aisha Bello",
        "Product manager, payments",
        "Europe/London",
        ("English", "Hausa"),
        ("payments", "compliance"),
        8,
        1,
    ),
    DemoPerson(
        "hugo",
        "Hugo Martin",
        "General manager",
        "Europe/Paris",
        ("French", "English"),
        ("P&L ownership", "sponsorship"),
        22,
        2,
    ),
)


PEOPLE_BY_KEY = {spec.key: spec for spec in PEOPLE}


@dataclass(frozen=True)
class DemoSummary:
    people: list[tuple[str, str]]  # (name, e-mail)
    password: str
    relationships: int
    meetings: int


def _at(base: dt.datetime, days: int, hour: int) -> dt.datetime:
    day = (base + dt.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return day


# Whose data: demo accounts, and what they have among themselves ---------------


def demo_accounts() -> QuerySet[Person]:
    return Person.objects.filter(is_demo=True)


def real_accounts() -> QuerySet[Person]:
    """Every account that is not a demo one, whatever its address."""
    return Person.objects.filter(is_demo=False)


def demo_relationships() -> QuerySet[Relationship]:
    """Relationships between demo people only: every side a demo account or a demo contact."""
    return Relationship.objects.filter(
        Q(created_by__is_demo=True),
        Q(mentee__isnull=True) | Q(mentee__is_demo=True),
        Q(mentor__isnull=True) | Q(mentor__is_demo=True),
        Q(mentee_contact__isnull=True) | Q(mentee_contact__owner__is_demo=True),
        Q(mentor_contact__isnull=True) | Q(mentor_contact__owner__is_demo=True),
    )


def _spec_accounts() -> QuerySet[Person]:
    """Accounts at the demo's exact addresses, demo or not."""
    at = Q()
    for spec in PEOPLE:
        at |= Q(email__iexact=spec.email)
    return Person.objects.filter(at)


def demo_is_loaded() -> bool:
    """Every demo person is there, as a demo account."""
    return _spec_accounts().filter(is_demo=True).count() == len(PEOPLE)


def demo_summary() -> DemoSummary:
    """The logins and the size of the demo as it is now."""
    among = demo_relationships()
    return DemoSummary(
        people=[(s.name, s.email) for s in PEOPLE],
        password=DEMO_PASSWORD,
        relationships=among.count(),
        meetings=Meeting.objects.filter(relationship__in=among).count(),
    )


def _check_may_load(*, force: bool) -> None:
    taken = _spec_accounts().filter(is_demo=False).order_by("email").first()
    if taken is not None:  # --force does not help: that person is never touched
        raise Conflict(MSG_ADDRESS_TAKEN.format(email=taken.email), code="demo_address_taken")
    if not force:
        count = real_accounts().count()
        if count:
            raise Conflict(MSG_REAL_ACCOUNTS.format(count=count), code="demo_real_accounts")


def _rows(collector: Collector) -> Iterator[tuple[type[Model], QuerySet[Any]]]:
    """Every row a collected delete would delete or update, as (model, queryset)."""
    for model, instances in collector.data.items():
        yield model, model._base_manager.filter(pk__in=[obj.pk for obj in instances])
    for queryset in collector.fast_deletes:
        yield queryset.model, queryset
    for batches in collector.field_updates.values():
        batch: Any  # a queryset, or a list of instances
        for batch in batches:
            if isinstance(batch, QuerySet):
                yield batch.model, batch
            elif objs := list(batch):
                model = type(objs[0])
                yield model, model._base_manager.filter(pk__in=[obj.pk for obj in objs])


def _accounts_touched(collector: Collector) -> dict[int, str]:
    """The accounts referred to by any row the delete would touch: {person id: model name}."""
    touched: dict[int, str] = {}
    for model, rows in _rows(collector):
        if issubclass(model, Person):
            columns = ["pk"]
        else:
            columns = [
                f.attname
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is Person
            ]
        if not columns:
            continue
        for values in rows.values_list(*columns):
            for person_id in values:
                if person_id is not None:
                    touched.setdefault(person_id, str(model._meta.verbose_name))
    return touched


def _delete_demo_only(*querysets: QuerySet[Any]) -> None:
    """Delete ``querysets`` with their cascade, unless any of it refers to a real account."""
    collector = Collector(using=router.db_for_write(Person))
    for queryset in querysets:
        collector.collect(cast(Any, queryset))  # the stubs want a list; Django takes a queryset
    touched = _accounts_touched(collector)
    real = real_accounts().filter(pk__in=touched).order_by("pk").first()
    if real is not None:
        what = f"{touched[real.pk]} of {real.email}"
        raise Conflict(MSG_TOUCHES_REAL.format(what=what), code="demo_touches_real")
    collector.delete()


def _clear_demo() -> None:
    """Delete what the demo people have among themselves; accounts stay (their ids too)."""
    _delete_demo_only(demo_relationships())
    _delete_demo_only(
        # A goal still on a relationship is not the demo's alone any more.
        Goal.objects.filter(person__is_demo=True, relationships__isnull=True),
        Win.objects.filter(person__is_demo=True),
        Contact.objects.filter(owner__is_demo=True),
    )


def _demo_person(spec: DemoPerson, moment: dt.datetime) -> Person:
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


@transaction.atomic
def demo_ensure(*, now: dt.datetime | None = None) -> tuple[DemoSummary, bool]:
    """Load the demo unless it is loaded already: (summary, whether it was loaded now).

    For ``tribe serve --demo``: a restart keeps everything people did, with
    demo people and among them.
    """
    if demo_is_loaded():
        return demo_summary(), False
    return demo_load(now=now), True


@transaction.atomic
def demo_load(*, now: dt.datetime | None = None, force: bool = False) -> DemoSummary:
    """Load the demo, or refresh it: see the module docstring for what it may touch.

    Refused (``Conflict``) when real accounts exist and ``force`` is false, or
    when a real account holds one of the demo's addresses.
    """
    moment = clock.resolve(now)
    _check_may_load(force=force)
    _clear_demo()

    p: dict[str, Person] = {spec.key: _demo_person(spec, moment) for spec in PEOPLE}
    for person in p.values():
        people.availability_replace(
            person=person,
            windows=[
                people.WindowInput(weekday=day, starts=dt.time(9), ends=dt.time(12))
                for day in (1, 3)
            ]
            + [people.WindowInput(weekday=4, starts=dt.time(14), ends=dt.time(17))],
        )

    goals = {
        "maya": [
            people.goal_create(
                person=p["maya"],
                title="Learn to lead a team of product managers",
                why="I want to become a group PM within 18 months.",
                target_date=(moment + dt.timedelta(days=500)).date(),
                status=Goal.Status.IN_PROGRESS,
            ),
            people.goal_create(
                person=p["maya"],
                title="Get better at pricing decisions",
                why="Our next launch depends on it.",
            ),
        ],
        "ravi": [
            people.goal_create(
                person=p["ravi"],
                title="Build an engineering-product partnership at director level",
                status=Goal.Status.IN_PROGRESS,
            )
        ],
        "elena": [
            people.goal_create(
                person=p["elena"],
                title="Prepare for a CTO role",
                target_date=(moment + dt.timedelta(days=700)).date(),
            )
        ],
        "sam": [
            people.goal_create(
                person=p["sam"],
                title="Run my first discovery project end to end",
                target_date=(moment + dt.timedelta(days=120)).date(),
            )
        ],
        "priya": [
            people.goal_create(person=p["priya"], title="Move from analyst to data scientist")
        ],
        "tomas": [people.goal_create(person=p["tomas"], title="Learn how product managers think")],
    }

    def rel(
        mentee: str,
        mentor: str,
        status: str,
        purpose: str,
        kind: str = "mentor",
        days_ago: int = 60,
    ) -> Relationship:
        """A relationship that went through the pipeline the way a person would take it."""
        asked_on = moment - dt.timedelta(days=days_ago)
        created = relationships.relationship_create(
            created_by=p[mentee],
            my_role="mentee",
            other_person=p[mentor],
            kind=kind,
            purpose=purpose,
            goals=goals.get(mentee, [])[:1],
            now=asked_on,
        )
        if status == Status.PROSPECT:
            return created
        # Every relationship between two people starts as a request the other
        # accepts (consent.py), whatever its kind.
        created.why_them = f"your experience in {PEOPLE_BY_KEY[mentor].expertise[0]} is what I lack"
        created.save(update_fields=["why_them"])
        outreach.outreach_send(
            actor=p[mentee],
            relationship=created,
            now=asked_on,
            message=outreach.request_draft(relationship=created, sender=p[mentee]),
        )
        if status == Status.ASKED:
            return created
        if status == Status.DECLINED:
            return outreach.request_decline(
                actor=p[mentor],
                relationship=created,
                now=asked_on + dt.timedelta(days=2),
                message=outreach.decline_template(relationship=created, mentor=p[mentor]),
            )
        outreach.request_accept(
            actor=p[mentor], relationship=created, now=asked_on + dt.timedelta(days=2)
        )
        if status != Status.INTRO:
            relationships.relationship_set_status(
                actor=p[mentee],
                relationship=created,
                status=Status.ACTIVE,
                now=moment - dt.timedelta(days=days_ago - 5),
            )
        return created

    # A chain of mentors who have mentors: Sam → Maya → Ravi → Elena → Grace.
    sam_maya = rel(
        "sam", "maya", Status.ACTIVE, "Learn how to run discovery without a research team."
    )
    maya_ravi = rel(
        "maya", "ravi", Status.ACTIVE, "Grow from senior PM to leading PMs.", days_ago=200
    )
    ravi_elena = rel(
        "ravi", "elena", Status.ACTIVE, "Partner better with engineering leadership.", days_ago=120
    )
    elena_grace = rel(
        "elena",
        "grace",
        Status.ACTIVE,
        "Get ready for an executive role.",
        kind="coach",
        days_ago=90,
    )
    rel(
        "ravi",
        "hugo",
        Status.ACTIVE,
        "Be visible for the next GM opening.",
        kind="sponsor",
        days_ago=45,
    )
    rel(
        "maya",
        "aisha",
        Status.ACTIVE,
        "Trade notes on payments launches.",
        kind="peer",
        days_ago=30,
    )
    rel(
        "tomas", "ravi", Status.INTRO, "Understand product management from the inside.", days_ago=10
    )
    rel("sam", "lina", Status.DECLINED, "Learn user research from a design lead.", days_ago=40)
    asked = rel("priya", "elena", Status.ASKED, "Hear how leaders evaluate data work.", days_ago=5)
    priya_kofi = rel("priya", "kofi", Status.ACTIVE, "Become a data scientist.", days_ago=150)
    relationships.relationship_set_status(
        actor=p["priya"],
        relationship=priya_kofi,
        status=Status.PAUSED,
        now=moment - dt.timedelta(days=20),
    )
    priya_jonas = rel(
        "priya", "jonas", Status.ACTIVE, "Learn to write about technical work.", days_ago=300
    )
    relationships.relationship_set_status(
        actor=p["priya"],
        relationship=priya_jonas,
        status=Status.ENDED,
        now=moment - dt.timedelta(days=100),
    )
    del asked

    # Maya also keeps contacts; one is a prospective mentor without an account.
    dana = people.contact_create(
        owner=p["maya"],
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
        owner=p["maya"],
        data=people.ContactInput(
            name="Oliver Brandt", company="Contoso", position="Engineering manager"
        ),
    )
    relationships.relationship_create(
        created_by=p["maya"],
        my_role="mentee",
        other_contact=dana,
        purpose="Learn how to run pricing experiments.",
        goals=goals["maya"][1:],
        now=moment - dt.timedelta(days=3),
    )

    for r in (sam_maya, maya_ravi, ravi_elena, elena_grace, priya_kofi):
        relationships.relationship_set_agreement(
            actor=r.mentee,
            relationship=r,
            cadence_days=28 if r is not sam_maya else 14,
            meeting_minutes=45,
            channel=Relationship.Channel.VIDEO,
            starts_on=(r.status_changed_at - dt.timedelta(days=30)).date(),
            ends_on=(moment + dt.timedelta(days=180)).date(),
            confidentiality="What we discuss stays between us unless we agree otherwise.",
        )

    meeting_count = 0
    for r, mentee_key, mentor_key in (
        (sam_maya, "sam", "maya"),
        (maya_ravi, "maya", "ravi"),
        (ravi_elena, "ravi", "elena"),
    ):
        mentee, mentor = p[mentee_key], p[mentor_key]
        held = meetings.meeting_create(
            actor=mentee,
            relationship=r,
            title="Monthly check-in",
            starts_at=_at(moment, -14, 15),
            ends_at=_at(moment, -14, 15) + dt.timedelta(minutes=45),
            status=Meeting.Status.HELD,
            now=moment,
        )
        meetings.note_create(
            author=mentee,
            relationship=r,
            meeting=held,
            visibility=Note.Visibility.SHARED,
            body="We talked about where I spend my week and what to stop doing.",
        )
        meetings.note_create(
            author=mentee,
            relationship=r,
            meeting=held,
            body="Private: I'm nervous about asking for the promotion.",
        )
        meetings.note_create(
            author=mentor,
            relationship=r,
            meeting=held,
            body=f"Private: {mentee.name.split()[0]} is ready for more scope.",
        )
        meetings.action_item_create(
            actor=mentee,
            relationship=r,
            meeting=held,
            title="Write a one-page plan for next quarter",
            due_on=(moment - dt.timedelta(days=2)).date(),
        )
        meetings.action_item_create(
            actor=mentor,
            relationship=r,
            meeting=held,
            owner=ActionItem.Owner.MENTOR,
            title="Send the article on decision logs",
            due_on=(moment + dt.timedelta(days=3)).date(),
        )
        done = meetings.action_item_create(
            actor=mentee, relationship=r, meeting=held, title="Book the next meeting"
        )
        meetings.action_item_set_done(actor=mentee, item=done, done=True, now=moment)
        meeting_count += 1
        if r is not ravi_elena:  # Ravi has not planned his next meeting with Elena yet
            meetings.meeting_create(
                actor=mentee,
                relationship=r,
                title="Monthly check-in",
                starts_at=_at(moment, 3, 16),
                ends_at=_at(moment, 3, 16) + dt.timedelta(minutes=45),
                now=moment,
            )
            meeting_count += 1

    meeting_count += _keeping_in_touch(
        p, moment, maya_ravi=maya_ravi, elena_grace=elena_grace, priya_jonas=priya_jonas
    )

    return replace(demo_summary(), meetings=meeting_count)


def _keeping_in_touch(
    p: dict[str, Person],
    moment: dt.datetime,
    *,
    maya_ravi: Relationship,
    elena_grace: Relationship,
    priya_jonas: Relationship,
) -> int:
    """The duties of keeping in touch, some done and some due, for Today to show."""
    today = moment.date()
    maya, ravi, elena = p["maya"], p["ravi"], p["elena"]
    last_meeting = maya_ravi.meetings.filter(status=Meeting.Status.HELD).first()
    if last_meeting is not None:
        meetings.meeting_record_follow_up(actor=maya, meeting=last_meeting, now=moment)

    log = relationships.advice_record(
        actor=maya,
        relationship=maya_ravi,
        text="Keep a decision log for the team",
        given_on=today - dt.timedelta(days=14),
        today=today,
        meeting=last_meeting,
    )
    relationships.advice_decide(actor=maya, advice=log, decision="adopt")
    relationships.advice_record_outcome(
        actor=maya,
        advice=log,
        outcome="Fewer repeated debates; new joiners read it first.",
        today=today,
    )
    relationships.gratitude_record(
        actor=maya,
        relationship=maya_ravi,
        kind="thank_you",
        given_on=today - dt.timedelta(days=2),
        description="Thank-you note for the decision-log idea",
        advice=log,
        today=today,
    )
    no_meetings = relationships.advice_record(
        actor=maya,
        relationship=maya_ravi,
        text="Decline one recurring meeting a week",
        given_on=today - dt.timedelta(days=14),
        today=today,
    )
    relationships.advice_decide(actor=maya, advice=no_meetings, decision="try")
    track = relationships.advice_record(
        actor=maya,
        relationship=maya_ravi,
        text="Switch to the management track now",
        given_on=today - dt.timedelta(days=40),
        today=today,
    )
    relationships.advice_decide(
        actor=maya, advice=track, decision="park", reason="I want one more launch as an IC first."
    )
    relationships.question_add(
        author=maya, relationship=maya_ravi, text="How did you hire your first PM?"
    )
    relationships.question_add(
        author=maya, relationship=maya_ravi, text="What should I stop doing at my level?"
    )
    people.win_record(
        person=maya,
        text="Launched pricing v2 on time",
        happened_on=today - dt.timedelta(days=6),
        today=today,
        goal=maya.goals.first(),
    )
    people.win_record(
        person=maya,
        text="Ran my first hiring loop",
        happened_on=today - dt.timedelta(days=3),
        today=today,
    )
    relationships.relationship_set_update_cadence(
        actor=maya, relationship=maya_ravi, every_days=90, keep_in_touch=True
    )
    relationships.update_record_sent(
        actor=maya,
        relationship=maya_ravi,
        body="Quarterly news: the team doubled.",
        sent_on=today - dt.timedelta(days=100),
        today=today,
    )

    # Priya ended her mentorship with Jonas but still sends him news twice a year.
    relationships.relationship_set_update_cadence(
        actor=p["priya"], relationship=priya_jonas, every_days=182, keep_in_touch=True
    )
    relationships.update_record_sent(
        actor=p["priya"],
        relationship=priya_jonas,
        body="I moved to the data science team!",
        sent_on=today - dt.timedelta(days=190),
        today=today,
    )

    # Elena and Grace: coaching every four weeks from next week, and a call logged late.
    relationships.touchpoint_log(
        actor=elena,
        relationship=elena_grace,
        kind="call",
        happened_on=today - dt.timedelta(days=61),
        note="Grace suggested shadowing a board meeting.",
        today=today,
    )
    series = meetings.series_create(
        actor=elena,
        relationship=elena_grace,
        first_date=today + dt.timedelta(days=8),
        start_time=dt.time(17),
        duration_minutes=60,
        rrule="FREQ=WEEKLY;INTERVAL=4;COUNT=6",
        timezone="Europe/Berlin",
        title="Coaching session",
        now=moment,
    )

    # Ravi's sponsor is away: the relationship is snoozed, with the reason.
    sponsor = Relationship.objects.get(mentee=ravi, mentor=p["hugo"])
    relationships.relationship_set_agreement(
        actor=ravi,
        relationship=sponsor,
        cadence_days=42,
        meeting_minutes=30,
        channel=Relationship.Channel.IN_PERSON,
        starts_on=today - dt.timedelta(days=45),
        ends_on=None,
        confidentiality="",
    )
    relationships.relationship_snooze(
        actor=ravi,
        relationship=sponsor,
        until=today + dt.timedelta(days=30),
        reason="Hugo is on sabbatical",
        today=today,
    )
    return series.occurrences.count()
