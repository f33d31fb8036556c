"""demo_load: a dozen people in every state of the pipeline, reloadable without harm."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.demo_ties import make_real_ties, problems_with
from tests.factories import (
    ContactFactory,
    GoalFactory,
    NoteFactory,
    PersonFactory,
    RelationshipFactory,
)
from tribe.core.errors import Conflict
from tribe.demo import errors as demo_errors
from tribe.demo import scope
from tribe.demo import services as demo_module
from tribe.demo.errors import DemoCode
from tribe.demo.personas import DEMO_PASSWORD, PEOPLE
from tribe.demo.services import DemoSummary, demo_load
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.outreach.models import Introduction
from tribe.people.models import Contact, Goal, Person
from tribe.people.services import person_create
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
    return Person.objects.filter(is_demo=True)


def demo_relationships():  # type: ignore[no-untyped-def]
    return scope.demo_relationships()


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


def test_demo_people_are_demo_accounts_with_a_verified_address(demo, now) -> None:
    people = Person.objects.filter(email__in=[spec.email for spec in PEOPLE])

    assert people.count() == 12
    assert all(person.is_demo for person in people)
    assert all(person.email_verified_at is not None for person in people)


def _counts() -> dict[str, int]:
    return {
        "people": demo_people().count(),
        "relationships": demo_relationships().count(),
        "meetings": Meeting.objects.count(),
        "notes": Note.objects.count(),
        "items": ActionItem.objects.count(),
        "contacts": Contact.objects.count(),
        "goals": Goal.objects.count(),
    }


def test_loading_twice_refreshes_the_demo_and_keeps_its_accounts(demo, now) -> None:
    before = _counts()
    old_people = set(demo_people().values_list("pk", flat=True))
    old_notes = set(Note.objects.values_list("pk", flat=True))
    maya = Person.objects.get(email="maya@tribe.example")
    maya.headline = "Changed by a visitor"
    maya.set_password("a-visitor-changed-this")
    maya.save()

    again = demo_load(now=now)

    assert again == demo
    assert _counts() == before
    # The same accounts (what points at them still does), with fresh data among them.
    assert set(demo_people().values_list("pk", flat=True)) == old_people
    assert old_notes.isdisjoint(Note.objects.values_list("pk", flat=True))
    maya.refresh_from_db()
    assert maya.headline == "Senior product manager, fintech"
    assert maya.check_password(DEMO_PASSWORD)


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

    demo_load(now=now, force=True)
    demo_load(now=now, force=True)

    others = Person.objects.filter(is_demo=False)
    assert set(others.values_list("pk", flat=True)) == {owner.pk, mentor.pk, lookalike.pk}
    assert Relationship.objects.filter(pk=relationship.pk).exists()
    assert Note.objects.get(pk=note.pk).body == "mine"
    assert Goal.objects.filter(pk=goal.pk).exists()
    knows_demo_maya.refresh_from_db()
    # The contact survives the reload, and is not linked to the demo account:
    # a link comes only with that account's yes to a request.
    assert knows_demo_maya.person is None
    owner.refresh_from_db()
    assert owner.check_password("correct-horse-battery")


# Real people and the demo ---------------------------------------------------------


def test_loading_over_real_accounts_is_refused_without_force(db, now) -> None:
    PersonFactory(email="owner@example.org")

    with pytest.raises(Conflict) as refused:
        demo_load(now=now)

    assert refused.value.message == DemoCode.REAL_ACCOUNTS.template.format(count=1)
    assert "--force" in refused.value.message
    assert not demo_people().exists()


def test_reloading_after_someone_signed_up_is_refused_without_force(demo, now) -> None:
    before = _counts()
    notes = set(Note.objects.values_list("pk", flat=True))
    person_create(email="new@example.org", name="New Person", password="a-long-passphrase-1")

    with pytest.raises(Conflict) as refused:
        demo_load(now=now)

    assert refused.value.message == DemoCode.REAL_ACCOUNTS.template.format(count=1)
    assert _counts() == before
    assert set(Note.objects.values_list("pk", flat=True)) == notes  # nothing replaced


def test_force_keeps_a_real_persons_relationships_notes_and_requests_with_demo_people(
    demo, now
) -> None:
    ties = make_real_ties()
    assert problems_with(ties) == []
    demo_before = _counts()

    demo_load(now=now, force=True)
    demo_load(now=now, force=True)

    assert problems_with(ties) == []
    # The demo among itself is whole again, beside her ties.
    assert demo_relationships().count() == demo.relationships
    assert Note.objects.count() == demo_before["notes"]


def test_a_signed_up_tribe_example_account_is_a_real_person(demo, now) -> None:
    someone = person_create(
        email="someone@tribe.example", name="Someone Real", password="a-long-passphrase-1"
    )
    RelationshipFactory(mentee=someone, mentor=Person.objects.get(email="ravi@tribe.example"))

    demo_load(now=now, force=True)

    someone.refresh_from_db()
    assert someone.is_demo is False
    assert someone.check_password("a-long-passphrase-1")
    assert Relationship.objects.filter(mentee=someone).count() == 1
    assert demo_people().count() == 12


def test_a_real_account_at_a_demo_address_is_never_taken_over(db, now) -> None:
    real = person_create(
        email="maya@tribe.example", name="Maya Real", password="a-long-passphrase-1"
    )

    with pytest.raises(Conflict) as refused:
        demo_load(now=now, force=True)

    assert refused.value.message == DemoCode.ADDRESS_TAKEN.template.format(
        email="maya@tribe.example"
    )
    real.refresh_from_db()
    assert (real.name, real.is_demo) == ("Maya Real", False)
    assert real.check_password("a-long-passphrase-1")
    assert not demo_people().exists()


def test_a_reload_that_would_change_real_data_changes_nothing(demo, now) -> None:
    # A real mentor of Sam credits herself for introducing him to Maya: her
    # record points at a relationship among demo people.
    mentor = PersonFactory(email="mentor@example.org", name="Real Mentor")
    sam, maya = (Person.objects.get(email=f"{k}@tribe.example") for k in ("sam", "maya"))
    credited = Introduction.objects.create(
        introducer=mentor,
        mentee=sam,
        to_person=maya,
        introduced_on=now.date(),
        relationship=Relationship.objects.get(mentee=sam, mentor=maya),
    )
    before = _counts()

    with pytest.raises(Conflict) as refused:
        demo_load(now=now, force=True)

    assert refused.value.message == DemoCode.TOUCHES_REAL.template.format(
        what="introduction of mentor@example.org"
    )
    credited.refresh_from_db()
    assert credited.relationship is not None
    assert _counts() == before


def test_ensure_loads_the_demo_once_and_then_keeps_it(db, now) -> None:
    first, loaded = demo_module.demo_ensure(now=now)
    assert loaded is True and first.relationships > 0
    maya = Person.objects.get(email="maya@tribe.example")
    kept = NoteFactory(relationship=Relationship.objects.filter(mentee=maya).first(), author=maya)

    again, loaded = demo_module.demo_ensure(now=now + dt.timedelta(days=3))

    assert loaded is False
    assert again.relationships == first.relationships
    assert Note.objects.filter(pk=kept.pk).exists()
    assert scope.demo_is_loaded()


def test_ensure_with_real_accounts_and_no_demo_is_refused(db, now) -> None:
    PersonFactory(email="owner@example.org")

    with pytest.raises(Conflict):
        demo_module.demo_ensure(now=now)

    assert not demo_people().exists()


def test_refusals_keep_their_codes(db, now) -> None:
    assert [code.value for code in demo_errors.DemoCode] == [
        "demo_real_accounts",
        "demo_address_taken",
        "demo_touches_real",
    ]
    PersonFactory(email="owner@example.org")
    with pytest.raises(Conflict) as refused:
        demo_load(now=now)
    assert refused.value.code is demo_errors.DemoCode.REAL_ACCOUNTS
