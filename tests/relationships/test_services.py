import datetime as dt

import pytest

from tests.factories import (
    ContactFactory,
    GoalFactory,
    PersonFactory,
    RelationshipFactory,
    relationship_agreed,
)
from tribe.core.errors import Conflict, ValidationError
from tribe.people.models import Person
from tribe.relationships import errors, services
from tribe.relationships.errors import RelationshipCode
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
Status = Relationship.Status


def test_create_as_mentee_with_an_account(maya: Person, ravi: Person, now: dt.datetime) -> None:
    goal = GoalFactory(person=maya)
    rel = services.relationship_create(
        created_by=maya,
        my_role="mentee",
        other_person=ravi,
        purpose=" Grow ",
        goals=[goal],
        now=now,
    )
    assert (rel.mentee, rel.mentor, rel.created_by) == (maya, ravi, maya)
    assert rel.status == Status.PROSPECT
    assert rel.status_changed_at == now
    assert rel.purpose == "Grow"
    assert list(rel.goals.all()) == [goal]


def test_create_as_mentor_with_a_contact(maya: Person) -> None:
    contact = ContactFactory(owner=maya, name="Junior")
    rel = services.relationship_create(created_by=maya, my_role="mentor", other_contact=contact)
    assert rel.mentor == maya and rel.mentee_contact == contact and rel.mentee is None
    assert rel.mentee_name == "Junior"


def test_a_contact_with_an_account_becomes_the_account(maya: Person, ravi: Person) -> None:
    contact = ContactFactory(owner=maya, person=ravi)
    rel = services.relationship_create(created_by=maya, my_role="mentee", other_contact=contact)
    assert rel.mentor == ravi and rel.mentor_contact is None


def test_one_person_is_mentee_and_mentor_at_once(
    maya_ravi: Relationship, sam_maya: Relationship
) -> None:
    maya = maya_ravi.mentee
    assert maya_ravi.role_of(maya) == "mentee"
    assert sam_maya.role_of(maya) == "mentor"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({}, "other", RelationshipCode.NO_OTHER.template),
        ({"my_role": "boss"}, "my_role", RelationshipCode.BAD_ROLE.template),
        ({"kind": "guru"}, "kind", None),
        ({"purpose": "x" * 301}, "purpose", None),
        ({"status": "nope"}, "status", None),
    ],
)
def test_create_rejects_bad_input(
    maya: Person, kwargs: dict, field: str, message: str | None
) -> None:
    args: dict = {"created_by": maya, "my_role": "mentee"} | kwargs
    if field != "other":
        args.setdefault("other_person", PersonFactory())
    with pytest.raises(ValidationError) as exc:
        services.relationship_create(**args)
    assert exc.value.field == field
    if message:
        assert exc.value.message == message
    assert not Relationship.objects.exists()


def test_create_refuses_self(maya: Person) -> None:
    with pytest.raises(ValidationError) as exc:
        services.relationship_create(created_by=maya, my_role="mentee", other_person=maya)
    assert exc.value.message == RelationshipCode.SELF.template.format(role="mentor")


def test_create_refuses_someone_elses_contact(maya: Person, eve: Person) -> None:
    with pytest.raises(ValidationError) as exc:
        services.relationship_create(
            created_by=maya, my_role="mentee", other_contact=ContactFactory(owner=eve)
        )
    assert exc.value.message == RelationshipCode.FOREIGN_CONTACT.template


def test_create_refuses_goals_of_someone_else(maya: Person, ravi: Person) -> None:
    goal = GoalFactory(person=ravi, title="Ravi's goal")
    with pytest.raises(ValidationError) as exc:
        services.relationship_create(
            created_by=maya, my_role="mentee", other_person=ravi, goals=[goal]
        )
    assert exc.value.message == RelationshipCode.FOREIGN_GOAL.template.format(title="Ravi's goal")
    assert not Relationship.objects.exists()


def test_duplicate_open_relationship_is_refused(maya_ravi: Relationship) -> None:
    with pytest.raises(Conflict) as exc:
        services.relationship_create(
            created_by=maya_ravi.mentor, my_role="mentor", other_person=maya_ravi.mentee
        )
    assert exc.value.code == "duplicate"
    assert exc.value.message == RelationshipCode.DUPLICATE.template.format(
        kind="mentor", mentee="Maya Chen", mentor="Ravi Menon"
    )
    assert Relationship.objects.count() == 1


def test_duplicate_with_a_contact_is_refused(maya: Person) -> None:
    contact = ContactFactory(owner=maya)
    services.relationship_create(created_by=maya, my_role="mentee", other_contact=contact)
    with pytest.raises(Conflict):
        services.relationship_create(created_by=maya, my_role="mentee", other_contact=contact)


def test_other_kinds_and_closed_relationships_are_not_duplicates(maya_ravi: Relationship) -> None:
    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    services.relationship_create(
        created_by=maya, my_role="mentee", other_person=ravi, kind="sponsor"
    )
    services.relationship_set_status(actor=maya, relationship=maya_ravi, status=Status.ENDED)
    again = services.relationship_create(created_by=maya, my_role="mentee", other_person=ravi)
    assert again.pk != maya_ravi.pk


def test_capacity_is_enforced_on_activation(ravi: Person) -> None:
    ravi.mentee_capacity = 1
    ravi.save()
    RelationshipFactory(mentor=ravi, status=Status.ACTIVE)
    waiting = RelationshipFactory(mentor=ravi, status=Status.INTRO)
    with pytest.raises(Conflict) as exc:
        services.relationship_set_status(
            actor=waiting.mentee, relationship=waiting, status=Status.ACTIVE
        )
    assert exc.value.code == "over_capacity"
    assert exc.value.message == errors.MSG_OVER_CAPACITY.format(
        mentor="Ravi Menon", count=1, s="", capacity=1
    )
    waiting.refresh_from_db()
    assert waiting.status == Status.INTRO


def test_capacity_is_enforced_when_created_active(ravi: Person) -> None:
    ravi.mentee_capacity = 1
    ravi.save()
    RelationshipFactory(mentor=ravi, status=Status.ACTIVE)
    with pytest.raises(Conflict):
        relationship_agreed(
            created_by=PersonFactory(), my_role="mentee", other_person=ravi, status=Status.ACTIVE
        )
    assert Relationship.objects.count() == 1


def test_paused_relationships_free_a_place(ravi: Person) -> None:
    ravi.mentee_capacity = 1
    ravi.save()
    first = RelationshipFactory(mentor=ravi, status=Status.ACTIVE)
    second = RelationshipFactory(mentor=ravi, status=Status.INTRO)
    services.relationship_set_status(actor=ravi, relationship=first, status=Status.PAUSED)
    services.relationship_set_status(actor=ravi, relationship=second, status=Status.ACTIVE)
    with pytest.raises(Conflict):
        services.relationship_set_status(actor=ravi, relationship=first, status=Status.ACTIVE)


def test_contact_mentors_have_no_capacity_to_enforce(maya: Person) -> None:
    rel = services.relationship_create(
        created_by=maya,
        my_role="mentee",
        other_contact=ContactFactory(owner=maya),
        status=Status.ACTIVE,
    )
    assert rel.status == Status.ACTIVE


def test_the_whole_pipeline_with_a_contact(maya: Person, now: dt.datetime) -> None:
    """A relationship with a contact is its owner's own record: every step is theirs."""
    rel = services.relationship_create(
        created_by=maya, my_role="mentee", other_contact=ContactFactory(owner=maya), now=now
    )
    for step, status in enumerate(
        [Status.ASKED, Status.INTRO, Status.ACTIVE, Status.PAUSED, Status.ACTIVE, Status.ENDED]
    ):
        moment = now + dt.timedelta(days=step + 1)
        services.relationship_set_status(actor=maya, relationship=rel, status=status, now=moment)
        rel.refresh_from_db()
        assert rel.status == status
        assert rel.status_changed_at == moment


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.ENDED, Status.ACTIVE),
        (Status.ACTIVE, Status.ASKED),
        (Status.PROSPECT, Status.PAUSED),
    ],
)
def test_invalid_transitions_name_the_allowed_ones(start: str, target: str) -> None:
    rel = RelationshipFactory(status=start)
    with pytest.raises(Conflict) as exc:
        services.relationship_set_status(actor=rel.mentee, relationship=rel, status=target)
    assert exc.value.field == "status"
    assert exc.value.code == "bad_transition"
    assert "allowed next" in exc.value.message
    rel.refresh_from_db()
    assert rel.status == start


def test_reopening_a_declined_request_checks_duplicates(maya: Person, ravi: Person) -> None:
    declined = relationship_agreed(
        created_by=maya, my_role="mentee", other_person=ravi, status=Status.DECLINED
    )
    services.relationship_create(created_by=maya, my_role="mentee", other_person=ravi)
    with pytest.raises(Conflict):
        services.relationship_set_status(actor=maya, relationship=declined, status=Status.PROSPECT)


def test_agreement_is_recorded(maya_ravi: Relationship) -> None:
    services.relationship_set_agreement(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        cadence_days=28,
        meeting_minutes=45,
        channel="video",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        confidentiality="Chatham House",
    )
    maya_ravi.refresh_from_db()
    assert (maya_ravi.cadence_days, maya_ravi.channel) == (28, "video")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"cadence_days": 0}, "cadence_days"),
        ({"cadence_days": 400}, "cadence_days"),
        ({"meeting_minutes": 1}, "meeting_minutes"),
        ({"channel": "pigeon"}, "channel"),
        ({"starts_on": dt.date(2026, 5, 1), "ends_on": dt.date(2026, 4, 1)}, "ends_on"),
    ],
)
def test_agreement_rejects_bad_input(maya_ravi: Relationship, overrides: dict, field: str) -> None:
    args: dict = {
        "actor": maya_ravi.mentee,
        "relationship": maya_ravi,
        "cadence_days": 14,
        "meeting_minutes": 30,
        "channel": "",
        "starts_on": None,
        "ends_on": None,
        "confidentiality": "",
    } | overrides
    with pytest.raises(ValidationError) as exc:
        services.relationship_set_agreement(**args)
    assert exc.value.field == field
    maya_ravi.refresh_from_db()
    assert maya_ravi.cadence_days is None


def test_update_and_delete(maya_ravi: Relationship) -> None:
    goal = GoalFactory(person=maya_ravi.mentee)
    services.relationship_update(
        actor=maya_ravi.mentee, relationship=maya_ravi, kind="mentor", purpose="New", goals=[goal]
    )
    maya_ravi.refresh_from_db()
    assert maya_ravi.purpose == "New" and list(maya_ravi.goals.all()) == [goal]
    # Ravi accepted: his notes in it are his, so it can only be ended, not deleted.
    with pytest.raises(Conflict) as exc:
        services.relationship_delete(actor=maya_ravi.mentee, relationship=maya_ravi)
    assert exc.value.code == "other_consented"
    assert Relationship.objects.filter(pk=maya_ravi.pk).exists()


def test_the_mentor_cannot_rewrite_the_mentees_goals_or_purpose(maya_ravi: Relationship) -> None:
    goal = GoalFactory(person=maya_ravi.mentee)
    maya_ravi.purpose = "Grow into a lead"
    maya_ravi.save()
    maya_ravi.goals.set([goal])
    mentor = maya_ravi.mentor
    for changes, field in (({"goals": []}, "goals"), ({"purpose": "Mine now"}, "purpose")):
        args = {"kind": "mentor", "purpose": "Grow into a lead", "goals": [goal]} | changes
        with pytest.raises(Conflict) as exc:
            services.relationship_update(actor=mentor, relationship=maya_ravi, **args)
        assert (exc.value.code, exc.value.field) == (RelationshipCode.MENTEES_OWN, field)
        assert "Maya Chen's" in exc.value.message
    maya_ravi.refresh_from_db()
    assert maya_ravi.purpose == "Grow into a lead" and list(maya_ravi.goals.all()) == [goal]
    # Sent back unchanged (as the edit page does), they are no change.
    services.relationship_update(
        actor=mentor,
        relationship=maya_ravi,
        kind="mentor",
        purpose=" Grow into a lead ",
        goals=[goal],
    )
    maya_ravi.refresh_from_db()
    assert maya_ravi.kind == "mentor" and list(maya_ravi.goals.all()) == [goal]
    assert maya_ravi.purpose == "Grow into a lead"


def test_a_mentor_writes_the_purpose_when_the_mentee_is_a_contact(maya: Person) -> None:
    contact = ContactFactory(owner=maya, name="Junior")
    rel = services.relationship_create(
        created_by=maya, my_role="mentor", other_contact=contact, purpose="Start"
    )
    services.relationship_update(
        actor=maya, relationship=rel, kind="mentor", purpose="Grow", goals=[]
    )
    rel.refresh_from_db()
    assert rel.purpose == "Grow"


def test_a_private_prospect_can_be_deleted_by_its_creator(maya: Person, ravi: Person) -> None:
    prospect = services.relationship_create(created_by=maya, my_role="mentee", other_person=ravi)
    services.relationship_delete(actor=maya, relationship=prospect)
    assert not Relationship.objects.exists()
