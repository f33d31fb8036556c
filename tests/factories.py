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
