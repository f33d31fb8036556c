"""Check fit: ranking one person's candidates for one goal, explained and remembered."""

import datetime as dt

import pytest

from tests.factories import ContactFactory, GoalFactory, PersonFactory, RelationshipFactory
from tribe.core.errors import NotFound, ValidationError
from tribe.matching import selectors, services
from tribe.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(maya: Person):  # type: ignore[no-untyped-def]
    return GoalFactory(person=maya, title="Learn pricing strategy", why="launch a paid tier")


@pytest.fixture
def mentors(db) -> dict[str, Person]:  # type: ignore[no-untyped-def]
    return {
        "pricing": PersonFactory(
            name="Pia Pricing",
            open_to_mentoring=True,
            mentee_capacity=2,
            seniority=12,
            expertise=["pricing strategy"],
            offers="Pricing and packaging for SaaS",
        ),
        "kube": PersonFactory(
            name="Kai Kube",
            open_to_mentoring=True,
            mentee_capacity=2,
            seniority=12,
            expertise=["kubernetes"],
            offers="Cluster operations",
        ),
        "closed": PersonFactory(
            name="Cleo Closed", open_to_mentoring=False, expertise=["pricing strategy"]
        ),
    }


def test_ranks_by_fit_and_explains_with_the_terms_that_scored(
    maya: Person, goal, mentors, now: dt.datetime
) -> None:  # type: ignore[no-untyped-def]
    rows = selectors.fit_ranking(person=maya, goal=goal, now=now)
    assert [r.name for r in rows] == [
        "Pia Pricing",
        "Kai Kube",
    ]  # not open to mentoring: not a candidate
    best = rows[0]
    assert "pricing" in best.matched_terms
    # The explanation adds up: matched words and meanings make the text part,
    # the parts make the score.
    e = best.explanation
    text_parts = sum(c for _, c in e.terms) + sum(m.share for m in e.meanings)
    assert text_parts == pytest.approx(e.contributions["text"])
    assert sum(e.contributions.values()) == pytest.approx(best.score)
    assert rows[1].matched_terms == []
    assert best.as_dict()["matched_terms"][0]["term"] in best.matched_terms


def test_contacts_without_accounts_are_candidates(maya: Person, goal, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    ContactFactory(owner=maya, name="Dana", headline="Head of pricing at Northwind")
    ContactFactory(owner=PersonFactory(), name="Someone else's contact", headline="pricing guru")
    rows = selectors.fit_ranking(person=maya, goal=goal, now=now)
    assert [(r.kind, r.name) for r in rows] == [("contact", "Dana")]
    assert rows[0].free_places is None


def test_capacity_and_existing_mentors(maya: Person, goal, mentors, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    pia = mentors["pricing"]
    RelationshipFactory(mentor=pia, status="active")
    RelationshipFactory(mentor=pia, status="active")
    rows = {r.name: r for r in selectors.fit_ranking(person=maya, goal=goal, now=now)}
    assert rows["Pia Pricing"].has_capacity is False and rows["Pia Pricing"].free_places == 0
    RelationshipFactory(mentee=maya, mentor=mentors["kube"], status="asked")
    assert "Kai Kube" not in {
        r.name for r in selectors.fit_ranking(person=maya, goal=goal, now=now)
    }


def test_not_a_match_is_remembered_per_goal_or_for_all(
    maya: Person, goal, mentors, now: dt.datetime
) -> None:  # type: ignore[no-untyped-def]
    other_goal = GoalFactory(person=maya, title="Learn kubernetes")
    mark = services.not_a_match_mark(
        person=maya, goal=goal, candidate_person=mentors["pricing"], reason="too busy"
    )
    assert "Pia Pricing" not in {
        r.name for r in selectors.fit_ranking(person=maya, goal=goal, now=now)
    }
    assert "Pia Pricing" in {
        r.name for r in selectors.fit_ranking(person=maya, goal=other_goal, now=now)
    }
    services.not_a_match_mark(
        person=maya, candidate_person=mentors["kube"], reason="we clashed before"
    )
    assert selectors.fit_ranking(person=maya, goal=other_goal, now=now)[0].name == "Pia Pricing"
    assert "Kai Kube" not in {
        r.name for r in selectors.fit_ranking(person=maya, goal=other_goal, now=now)
    }
    services.not_a_match_undo(person=maya, not_a_match_id=mark.pk)
    assert "Pia Pricing" in {r.name for r in selectors.fit_ranking(person=maya, goal=goal, now=now)}


def test_not_a_match_rejects_bad_input(maya: Person, goal, mentors, eve: Person) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.not_a_match_mark(
            person=maya, goal=goal, candidate_person=mentors["kube"], reason=" "
        )
    assert exc.value.field == "reason"
    with pytest.raises(ValidationError):
        services.not_a_match_mark(person=maya, reason="x")
    with pytest.raises(NotFound):
        services.not_a_match_mark(
            person=maya, candidate_contact=ContactFactory(owner=eve), reason="x"
        )
    with pytest.raises(NotFound):
        services.not_a_match_undo(person=eve, not_a_match_id=999)


def test_goal_lookup(maya: Person, goal, eve: Person) -> None:  # type: ignore[no-untyped-def]
    assert selectors.goal_for_fit(person=maya, goal=None) == goal
    assert selectors.goal_for_fit(person=maya, goal="pricing") == goal
    assert selectors.goal_for_fit(person=maya, goal=str(goal.pk)) == goal
    for wrong in ("nothing like it", "999999"):
        with pytest.raises(NotFound) as exc:
            selectors.goal_for_fit(person=maya, goal=wrong)
        assert exc.value.field == "goal"
    with pytest.raises(NotFound):
        selectors.goal_for_fit(person=eve, goal=str(goal.pk))
    with pytest.raises(NotFound):
        selectors.fit_ranking(person=eve, goal=goal)


def test_ranking_runs_a_fixed_number_of_queries(
    maya: Person, goal, now: dt.datetime, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    def add(n: int) -> None:
        for _ in range(n):
            PersonFactory(open_to_mentoring=True, mentee_capacity=1, expertise=["pricing"])
            ContactFactory(owner=maya, headline="pricing")

    add(2)
    with django_assert_num_queries(7) as first:
        selectors.fit_ranking(person=maya, goal=goal, now=now)
    add(20)
    with django_assert_num_queries(len(first.captured_queries)):
        rows = selectors.fit_ranking(person=maya, goal=goal, now=now)
    assert len(rows) == 44
