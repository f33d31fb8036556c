"""factory_boy factories: valid rows with the least fuss, for tests that need data fast.

Tests of a service build through that service; the factories are for the
data around it.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people.models import Contact, Goal, Person
from tribe.relationships.models import Relationship

PASSWORD = "correct-horse-battery"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    timezone = "Europe/London"
    languages = factory.LazyFunction(lambda: ["English"])
    email_verified_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):  # type: ignore[no-untyped-def]
        if create:
            instance.save()


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    person = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    owner = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")


def _consent(r, side):  # type: ignore[no-untyped-def]
    if side is None:
        return None
    agreed = r.status in ("intro", "active", "paused", "ended")
    return r.status_changed_at if agreed or side == r.created_by else None


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    mentee = factory.SubFactory(PersonFactory)
    mentor = factory.SubFactory(PersonFactory, open_to_mentoring=True, mentee_capacity=5)
    created_by = factory.SelfAttribute("mentee")
    status = Relationship.Status.ACTIVE
    status_changed_at = factory.LazyFunction(timezone.now)
    # Past the request, both accounts have said yes; before it, only the creator.
    mentee_consented_at = factory.LazyAttribute(lambda r: _consent(r, r.mentee))
    mentor_consented_at = factory.LazyAttribute(lambda r: _consent(r, r.mentor))
    purpose = "Learn to lead"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    relationship = factory.SubFactory(RelationshipFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + dt.timedelta(minutes=45))
    title = "Check-in"


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    relationship = factory.SubFactory(RelationshipFactory)
    author = factory.SelfAttribute("relationship.mentee")
    body = factory.Sequence(lambda n: f"note body {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    relationship = factory.SubFactory(RelationshipFactory)
    created_by = factory.SelfAttribute("relationship.mentee")
    title = factory.Sequence(lambda n: f"action {n}")


def relationship_agreed(
    *,
    created_by: Person,
    my_role: str,
    other_person: Person,
    status: str = Relationship.Status.ACTIVE,
    now: dt.datetime | None = None,
    **fields: object,
) -> Relationship:
    """A relationship with another account, made by its service and then agreed to.

    ``relationship_create`` starts every relationship with an account as a
    private prospect; this records the request and (past "asked") the other
    person's yes, as the outreach services would, for tests about what comes
    after. Tests of the consent steps themselves go through those services.
    """
    from django.db import transaction

    from tribe.relationships.services import move, relationship_create

    moment = now or timezone.now()
    with transaction.atomic():
        rel = relationship_create(
            created_by=created_by, my_role=my_role, other_person=other_person, now=moment, **fields
        )
        if status == Relationship.Status.PROSPECT:
            return rel
        rel.asked_at = moment
        rel.request_message = rel.request_message or "Would you?"
        agreed = status not in (Relationship.Status.ASKED, Relationship.Status.DECLINED)
        if agreed:
            rel.mentee_consented_at = rel.mentee_consented_at or moment
            rel.mentor_consented_at = rel.mentor_consented_at or moment
        rel.status = Relationship.Status.INTRO if agreed else status
        rel.status_changed_at = moment
        rel.save()
        # On from the intro meeting by the service, so capacity still counts.
        path = {
            Relationship.Status.ACTIVE: ["active"],
            Relationship.Status.PAUSED: ["active", "paused"],
            Relationship.Status.ENDED: ["ended"],
        }.get(status, [])
        for step in path:
            move(actor=created_by, relationship=rel, status=step, now=moment, step=True)
    return rel
