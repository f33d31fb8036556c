"""What I can give back: the draft on fixed facts, and the facts Tribe gathers for it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ContactFactory, GoalFactory, RelationshipFactory
from tribe.ledger.models import Win
from tribe.outreach import selectors
from tribe.outreach.give_back import RECENT_DAYS, GiveBackFacts, draft_give_back
from tribe.people.models import Person
from tribe.relationships.models import Relationship

TODAY = dt.date(2026, 3, 10)
Status = Relationship.Status


def facts(**changes: object) -> GiveBackFacts:
    base: dict[str, object] = {
        "expertise": ["SQL reviews", "dbt"],
        "offers": "",
        "wins": [],
        "my_causes": [],
        "mentor_causes": [],
    }
    return GiveBackFacts(**(base | changes))  # type: ignore[arg-type]


# -- the draft, on fixed facts ------------------------------------------------------


def test_expertise_becomes_what_i_could_help_with() -> None:
    assert draft_give_back(facts(), today=TODAY) == "I could help with: SQL reviews; dbt."


def test_at_most_three_skills_and_offers_when_no_expertise() -> None:
    many = facts(expertise=["a", "b", " ", "c", "d"])
    assert draft_give_back(many, today=TODAY) == "I could help with: a; b; c."
    offer = facts(expertise=[], offers="Reviewing data models. Also talks.")
    assert draft_give_back(offer, today=TODAY) == "I could help with: Reviewing data models."


def test_wins_count_inside_the_window_only() -> None:
    edge = TODAY - dt.timedelta(days=RECENT_DAYS)
    wins = [
        (TODAY - dt.timedelta(days=3), "Shipped the billing migration."),
        (edge, "Ran my first design review"),
        (edge - dt.timedelta(days=1), "Too old to mention"),
        (TODAY + dt.timedelta(days=1), "A plan, not a win"),
        (TODAY - dt.timedelta(days=10), "   "),
    ]
    draft = draft_give_back(facts(expertise=[], wins=wins), today=TODAY)
    assert draft == (
        "Something recent I could share: Shipped the billing migration; Ran my first design review."
    )


def test_the_three_latest_wins_newest_first() -> None:
    wins = [(TODAY - dt.timedelta(days=d), f"win {d}") for d in (30, 1, 20, 10)]
    draft = draft_give_back(facts(expertise=[], wins=wins), today=TODAY)
    assert draft == "Something recent I could share: win 1; win 10; win 20."


def test_a_cause_both_support_is_offered_in_my_spelling() -> None:
    both = facts(expertise=[], my_causes=["Code Club", "Oxfam"], mentor_causes=["code club"])
    assert draft_give_back(both, today=TODAY) == (
        "Like you, I support Code Club: I would be glad to help there."
    )


def test_several_shared_causes_are_joined_with_and() -> None:
    both = facts(
        expertise=[], my_causes=["Code Club", "Oxfam", "Tafel"], mentor_causes=["Tafel", "oxfam"]
    )
    assert draft_give_back(both, today=TODAY) == (
        "Like you, I support Oxfam and Tafel: I would be glad to help there."
    )


def test_the_mentors_causes_are_offered_when_we_share_none() -> None:
    theirs = facts(expertise=[], my_causes=["Oxfam"], mentor_causes=["Code Club", "Girls Who Code"])
    assert draft_give_back(theirs, today=TODAY) == (
        "I would be glad to give some time to Code Club or Girls Who Code, which you support."
    )


def test_without_the_mentors_causes_my_own_are_not_mentioned() -> None:
    assert draft_give_back(facts(expertise=[], my_causes=["Oxfam"]), today=TODAY) == ""


def test_everything_together_and_nothing_at_all() -> None:
    full = facts(
        wins=[(TODAY, "Led the incident review")],
        my_causes=["Code Club"],
        mentor_causes=["Code Club"],
    )
    assert draft_give_back(full, today=TODAY) == (
        "I could help with: SQL reviews; dbt. "
        "Something recent I could share: Led the incident review. "
        "Like you, I support Code Club: I would be glad to help there."
    )
    assert draft_give_back(facts(expertise=[]), today=TODAY) == ""


# -- the facts, from the database -----------------------------------------------------


@pytest.fixture
def prospect(maya: Person, ravi: Person) -> Relationship:
    rel = RelationshipFactory(mentee=maya, mentor=ravi, status=Status.PROSPECT)
    rel.goals.add(GoalFactory(person=maya, title="Lead a team of PMs"))
    return rel


@pytest.mark.django_db
def test_the_facts_are_mine_and_only_the_mentors_public_causes(
    prospect: Relationship, maya: Person, ravi: Person
) -> None:
    maya.causes, maya.offers = ["Code Club"], "Product reviews"
    maya.save()
    ravi.causes = ["Code Club", "Oxfam"]
    ravi.save()
    Win.objects.create(person=maya, happened_on=TODAY - dt.timedelta(days=5), text="Shipped v2")
    Win.objects.create(person=maya, happened_on=TODAY - dt.timedelta(days=200), text="Old news")
    # The mentor's own wins and goals are theirs: never part of my offer.
    Win.objects.create(person=ravi, happened_on=TODAY, text="RAVI-PRIVATE-WIN")
    GoalFactory(person=ravi, title="RAVI-PRIVATE-GOAL")

    found = selectors.give_back_facts(relationship=prospect, sender=maya, today=TODAY)

    assert found == GiveBackFacts(
        expertise=["product discovery"],
        offers="Product reviews",
        wins=[(TODAY - dt.timedelta(days=5), "Shipped v2")],
        my_causes=["Code Club"],
        mentor_causes=["Code Club", "Oxfam"],
    )
    draft = selectors.give_back_draft(
        relationship=prospect,
        sender=maya,
        now=dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC),
    )
    assert "RAVI-PRIVATE" not in draft
    assert draft == (
        "I could help with: product discovery. Something recent I could share: Shipped v2. "
        "Like you, I support Code Club: I would be glad to help there."
    )


@pytest.mark.django_db
def test_a_mentor_not_in_the_directory_shows_no_causes(
    prospect: Relationship, maya: Person, ravi: Person
) -> None:
    """Causes are public where the directory shows them: only for a listed (open) mentor."""
    ravi.causes, ravi.open_to_mentoring, ravi.mentee_capacity = ["Code Club"], False, 0
    ravi.save()
    found = selectors.give_back_facts(relationship=prospect, sender=maya, today=TODAY)
    assert found.mentor_causes == []


@pytest.mark.django_db
def test_a_contact_has_no_causes(maya: Person) -> None:
    rel = RelationshipFactory(
        mentee=maya, mentor=None, mentor_contact=ContactFactory(owner=maya), status=Status.PROSPECT
    )
    found = selectors.give_back_facts(relationship=rel, sender=maya, today=TODAY)
    assert found.mentor_causes == []


@pytest.mark.django_db
def test_what_the_mentee_wrote_replaces_the_draft(prospect: Relationship, maya: Person) -> None:
    assert selectors.give_back_text(relationship=prospect, sender=maya) == (
        "I could help with: product discovery."
    )
    prospect.give_back, prospect.give_back_written = "", True
    assert selectors.give_back_text(relationship=prospect, sender=maya) == ""
    prospect.give_back = "Introductions to the Berlin PM meetup"
    assert selectors.give_back_text(relationship=prospect, sender=maya) == (
        "Introductions to the Berlin PM meetup"
    )
