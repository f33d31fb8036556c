"""A goal's kind of help (``Goal.need``): chosen by its owner alone, checked, and the kind of
every prospect taken on for the goal; the request then asks for that kind of help."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from tests.factories import ContactFactory, PersonFactory
from tribe.core.errors import NotFound, ValidationError
from tribe.matching.services import fit_prospect_add
from tribe.outreach.mail import request_subject
from tribe.outreach.selectors import request_draft
from tribe.people import services
from tribe.people.errors import PeopleCode
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def test_a_goal_starts_without_a_need_or_with_the_one_given(maya: Person) -> None:
    assert services.goal_create(person=maya, title="Lead a team").need == ""
    goal = services.goal_create(person=maya, title="Rehearse talks", need="coach")
    goal.refresh_from_db()
    assert goal.need == "coach"


@pytest.mark.parametrize("need", ["boss", "Mentor", " coach", "none"])
def test_an_unknown_need_is_refused_naming_the_field_and_nothing_is_written(
    maya: Person, need: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.goal_create(person=maya, title="Lead a team", need=need)
    assert (exc.value.code, exc.value.field) == (PeopleCode.BAD_GOAL_NEED, "need")
    assert not Goal.objects.exists()


def test_the_owner_sets_and_clears_the_need(maya: Person) -> None:
    goal = services.goal_create(person=maya, title="Get promoted")
    services.goal_set_need(actor=maya, goal=goal, need="sponsor")
    goal.refresh_from_db()
    assert goal.need == "sponsor"
    services.goal_set_need(actor=maya, goal=goal, need="")
    goal.refresh_from_db()
    assert goal.need == ""


def test_nobody_else_sets_a_goals_need(maya: Person, eve: Person) -> None:
    goal = services.goal_create(person=maya, title="Get promoted", need="mentor")
    with pytest.raises(NotFound) as exc:
        services.goal_set_need(actor=eve, goal=goal, need="sponsor")
    assert exc.value.code == PeopleCode.NO_GOAL
    goal.refresh_from_db()
    assert goal.need == "mentor"


def test_setting_an_unknown_need_changes_nothing(maya: Person) -> None:
    goal = services.goal_create(person=maya, title="Get promoted", need="sponsor")
    with pytest.raises(ValidationError) as exc:
        services.goal_set_need(actor=maya, goal=goal, need="patron")
    assert exc.value.code == PeopleCode.BAD_GOAL_NEED
    assert exc.value.field == "need"
    assert "patron" in str(exc.value)
    goal.refresh_from_db()
    assert goal.need == "sponsor"


def test_an_update_keeps_the_need_unless_one_is_given(maya: Person) -> None:
    goal = services.goal_create(person=maya, title="Rehearse talks", need="coach")
    fields = {"title": "Rehearse talks", "why": "", "target_date": None, "status": "open"}
    services.goal_update(actor=maya, goal=goal, **fields)
    goal.refresh_from_db()
    assert goal.need == "coach"
    services.goal_update(actor=maya, goal=goal, need="peer", **fields)
    goal.refresh_from_db()
    assert goal.need == "peer"
    with pytest.raises(ValidationError):
        services.goal_update(
            actor=maya, goal=goal, need="boss", **{**fields, "title": "Something else"}
        )
    goal.refresh_from_db()
    assert (goal.title, goal.need) == ("Rehearse talks", "peer")


def test_the_database_refuses_an_unknown_need(maya: Person) -> None:
    goal = services.goal_create(person=maya, title="Lead", target_date=dt.date(2027, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.filter(pk=goal.pk).update(need="boss")


# The prospect taken on for a goal is of the kind the goal needs ---------------------


@pytest.fixture
def coach(db) -> Person:  # type: ignore[no-untyped-def]
    return PersonFactory(
        name="Cora Coach",
        email="cora@example.com",
        open_to_mentoring=True,
        mentee_capacity=2,
        expertise=["public speaking"],
    )


@pytest.mark.parametrize(("need", "kind"), [("", "mentor"), ("coach", "coach"), ("peer", "peer")])
def test_a_prospect_for_a_goal_is_of_the_goals_need(
    maya: Person, coach: Person, need: str, kind: str
) -> None:
    goal = services.goal_create(person=maya, title="Rehearse public speaking", need=need)
    _, relationship = fit_prospect_add(person=maya, goal=goal, kind="person", candidate_id=coach.pk)
    relationship.refresh_from_db()
    assert relationship.kind == kind
    assert relationship.status == Relationship.Status.PROSPECT
    assert list(relationship.goals.all()) == [goal]


def test_a_contact_taken_on_for_a_sponsor_goal_is_a_sponsor(maya: Person) -> None:
    goal = services.goal_create(person=maya, title="Get promoted", need="sponsor")
    contact = ContactFactory(owner=maya, name="Sol Sponsor", expertise=["promotion"])
    _, relationship = fit_prospect_add(
        person=maya, goal=goal, kind="contact", candidate_id=contact.pk
    )
    assert relationship.kind == "sponsor"


def test_a_goal_that_needs_a_coach_allows_a_coach_beside_a_mentor(
    maya: Person, coach: Person
) -> None:
    """One open relationship of a kind per pair: a coach goal is a new, second kind."""
    mentoring = services.goal_create(person=maya, title="Public speaking")
    practice = services.goal_create(person=maya, title="Rehearse public speaking", need="coach")
    fit_prospect_add(person=maya, goal=mentoring, kind="person", candidate_id=coach.pk)
    fit_prospect_add(person=maya, goal=practice, kind="person", candidate_id=coach.pk)
    kinds = sorted(Relationship.objects.filter(mentee=maya).values_list("kind", flat=True))
    assert kinds == ["coach", "mentor"]


@pytest.mark.parametrize(
    ("kind", "ask", "subject"),
    [
        ("mentor", "Would you be open to mentoring me?", "Would you mentor me? Speak well"),
        ("coach", "Would you be open to coaching me?", "Would you coach me? Speak well"),
        (
            "sponsor",
            "Would you be open to sponsoring me, and putting my name forward when a chance comes?",
            "Would you sponsor me? Speak well",
        ),
        (
            "peer",
            "Would you be open to being peer mentors to each other?",
            "Shall we be peer mentors? Speak well",
        ),
    ],
)
def test_the_request_asks_for_the_kind_of_help(
    maya: Person, coach: Person, kind: str, ask: str, subject: str
) -> None:
    goal = services.goal_create(person=maya, title="Speak well", need=kind)
    _, relationship = fit_prospect_add(person=maya, goal=goal, kind="person", candidate_id=coach.pk)
    relationship.purpose = "Speak well"
    with translation.override("en"):
        draft = request_draft(relationship=relationship, sender=maya)
        assert f"\n{ask}\n" in draft
        assert request_subject(relationship) == subject
    if kind != "mentor":
        assert "mentoring me" not in draft


def test_the_need_is_in_its_owners_export(maya: Person, eve: Person) -> None:
    from tribe.portability.selectors import person_export

    services.goal_create(person=maya, title="Get promoted", need="sponsor")
    services.goal_create(person=eve, title="Eve's goal", need="coach")
    assert [(g["title"], g["need"]) for g in person_export(person=maya)["goals"]] == [
        ("Get promoted", "sponsor")
    ]
