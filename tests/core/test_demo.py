"""demo_load: a dozen people in every state of the pipeline, reloadable without harm."""

from __future__ import annotations

import pytest

from tests.factories import (
    ContactFactory,
    GoalFactory,
    NoteFactory,
    PersonFactory,
    RelationshipFactory,
)
from tribe.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, PEOPLE, DemoSummary, demo_load
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people.models import Contact, Goal, Person
from tribe.relationships.models import Relationship
from tribe.today.selectors import today_for

Status = Relationship.Status


@pytest.fixture(autouse=True)
def _fast_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    # Twelve Argon2 hashes per load add seconds and test nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db, now) -> DemoSummary:  # type: ignore[no-untyped-def]
    return demo_load(now=now)


def demo_people():  # type: ignore[no-untyped-def]
    return Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")


def demo_relationships():  # type: ignore[no-untyped-def]
    return Relationship.objects.filter(created_by__email__endswith=f"@{DEMO_DOMAIN}")


def longest_mentor_chain(relationships: list[Relationship]) -> list[int]:
    """The longest mentee → mentor → mentor's mentor … path, as person ids."""
    mentors: dict[int, set[int]] = {}
    for r in relationships:
        if r.mentee_id and r.mentor_id:
            mentors.setdefault(r.mentee_id, set()).add(r.mentor_id)

    def walk(person: int, seen: tuple[int, ...]) -> list[int]:
        best = [person]
        for mentor in mentors.get(person, ()):
            if mentor not in seen:
                path = [person, *walk(mentor, (*seen, mentor))]
                best = max(best, path, key=len)
        return best

    return max((walk(p, (p,)) for p in mentors), key=len, default=[])


def test_twelve_people_who_can_log_in(demo) -> None:
    people = demo_people()

    assert people.count() == 12
    assert demo.people == [(spec.name, spec.email) for spec in PEOPLE]
    assert set(people.values_list("email", flat=True)) == {spec.email for spec in PEOPLE}
    assert demo.password == DEMO_PASSWORD
    assert all(person.check_password(DEMO_PASSWORD) for person in people)
    assert all(person.availability.count() == 3 for person in people)


def test_someone_is_both_mentee_and_mentor(demo) -> None:
    relationships = demo_relationships()
    mentees = set(relationships.values_list("mentee", flat=True))
    mentors = set(relationships.values_list("mentor", flat=True))

    both = Person.objects.filter(pk__in=mentees & mentors)

    assert {"maya@tribe.example", "ravi@tribe.example"} <= set(both.values_list("email", flat=True))


def test_a_chain_of_mentors_who_have_mentors(demo) -> None:
    active = list(demo_relationships().filter(status=Status.ACTIVE))

    chain = longest_mentor_chain(active)

    assert len(chain) - 1 >= 3  # at least three mentor links in a row
    names = dict(Person.objects.values_list("pk", "name"))
    assert [names[p] for p in chain] == [
        "Sam Okafor", "Maya Chen", "Ravi Menon", "Elena Petrova", "Grace Liu",
    ]  # fmt: skip


def test_relationships_in_every_status(demo) -> None:
    statuses = set(demo_relationships().values_list("status", flat=True))

    assert statuses == set(Status.values)
    assert demo.relationships == demo_relationships().count()


def test_a_prospective_mentor_who_is_only_a_contact(demo) -> None:
    maya = Person.objects.get(email="maya@tribe.example")

    with_contact = Relationship.objects.get(mentee=maya, mentor_contact__isnull=False)

    assert with_contact.mentor_contact.name == "Dana Whitfield"
    assert with_contact.status == Status.PROSPECT
    assert Contact.objects.filter(owner=maya).count() == 2


def test_meetings_notes_and_action_items(demo) -> None:
    meetings = Meeting.objects.filter(relationship__in=demo_relationships())
    notes = Note.objects.filter(relationship__in=demo_relationships())
    items = ActionItem.objects.filter(relationship__in=demo_relationships())

    assert meetings.count() == demo.meetings > 0
    assert {Meeting.Status.HELD, Meeting.Status.PLANNED} <= set(
        meetings.values_list("status", flat=True)
    )
    assert set(notes.values_list("visibility", flat=True)) == {"private", "shared"}
    # Both sides keep private notes on the same relationship.
    private_authors = notes.filter(visibility="private").values_list("relationship", "author")
    per_relationship: dict[int, set[int]] = {}
    for relationship, author in private_authors:
        per_relationship.setdefault(relationship, set()).add(author)
    assert any(len(authors) == 2 for authors in per_relationship.values())
    assert items.filter(done_at__isnull=True).exists()
    assert items.filter(done_at__isnull=False).exists()
    assert set(items.values_list("owner", flat=True)) == {"mentee", "mentor"}
    assert Goal.objects.filter(person__in=demo_people()).exists()


def test_the_demo_gives_today_something_to_show(demo, now) -> None:
    maya = Person.objects.get(email="maya@tribe.example")

    kinds = {item.kind for item in today_for(person=maya, now=now).items}

    assert {"meeting", "action_item", "schedule"} <= kinds


def test_loading_twice_replaces_the_demo(demo, now) -> None:
    before = {
        "people": demo_people().count(),
        "relationships": demo_relationships().count(),
        "meetings": Meeting.objects.count(),
        "notes": Note.objects.count(),
        "items": ActionItem.objects.count(),
        "contacts": Contact.objects.count(),
        "goals": Goal.objects.count(),
    }
    old_ids = set(demo_people().values_list("pk", flat=True))

    again = demo_load(now=now)

    assert again == demo
    assert {
        "people": demo_people().count(),
        "relationships": demo_relationships().count(),
        "meetings": Meeting.objects.count(),
        "notes": Note.objects.count(),
        "items": ActionItem.objects.count(),
        "contacts": Contact.objects.count(),
        "goals": Goal.objects.count(),
    } == before
    assert old_ids.isdisjoint(demo_people().values_list("pk", flat=True))


def test_reloading_leaves_other_accounts_alone(db, now) -> None:
    owner = PersonFactory(email="owner@example.org", name="Real Owner")
    mentor = PersonFactory(email="mentor@example.org")
    relationship = RelationshipFactory(mentee=owner, mentor=mentor)
    note = NoteFactory(relationship=relationship, author=owner, body="mine")
    goal = GoalFactory(person=owner)
    knows_demo_maya = ContactFactory(
        owner=owner, name="Maya from the demo", email="maya@tribe.example"
    )
    lookalike = PersonFactory(email="someone@not-tribe.example")

    demo_load(now=now)
    demo_load(now=now)

    others = Person.objects.exclude(email__endswith=f"@{DEMO_DOMAIN}")
    assert set(others.values_list("pk", flat=True)) == {owner.pk, mentor.pk, lookalike.pk}
    assert Relationship.objects.filter(pk=relationship.pk).exists()
    assert Note.objects.get(pk=note.pk).body == "mine"
    assert Goal.objects.filter(pk=goal.pk).exists()
    knows_demo_maya.refresh_from_db()
    # The contact survives the reload and follows the new demo account.
    assert knows_demo_maya.person == Person.objects.get(email="maya@tribe.example")
    owner.refresh_from_db()
    assert owner.check_password("correct-horse-battery")
