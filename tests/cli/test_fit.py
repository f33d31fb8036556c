"""``tribe fit``: candidates for a goal, ranked and explained; ruling one out, remembered."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ContactFactory, GoalFactory, PersonFactory
from tribe.cli.errors import CliCode
from tribe.core.languages import language_name
from tribe.matching.errors import MatchingCode
from tribe.matching.models import NotAMatch
from tribe.matching.selectors import fit_ranking
from tribe.people.models import Goal, Person
from tribe.relationships.errors import MSG_NO_CANDIDATE

MAYA = ("--as", "maya@example.com")


@pytest.fixture
def goal(maya: Person) -> Goal:
    return GoalFactory(person=maya, title="Learn pricing strategy", why="launch a paid tier")


@pytest.fixture
def mentors(db) -> dict[str, Person]:  # type: ignore[no-untyped-def]
    return {
        "pia": PersonFactory(
            name="Pia Pricing",
            email="pia@example.com",
            open_to_mentoring=True,
            mentee_capacity=2,
            seniority=12,
            expertise=["pricing strategy"],
            offers="Pricing and packaging for SaaS",
            languages=["English", "German"],
        ),
        "kai": PersonFactory(
            name="Kai Kube",
            email="kai@example.com",
            open_to_mentoring=True,
            mentee_capacity=2,
            seniority=12,
            expertise=["kubernetes"],
            offers="Cluster operations",
        ),
        "cleo": PersonFactory(
            name="Cleo Closed",
            email="cleo@example.com",
            open_to_mentoring=False,
            expertise=["pricing strategy"],
        ),
    }


def ranked_names(tribe, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    run = tribe("fit", "--json", *args, *MAYA)
    assert run.code == 0, run.err
    return [c["name"] for c in json.loads(run.out)["candidates"]]


def table_rows(out: str) -> dict[str, list[str]]:
    """The ranked table, by candidate name: cells are separated by two spaces or more."""
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("#"))
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[header + 1 :]]
    return {row[1]: row for row in rows}


def test_fit_prints_a_ranked_table_with_the_terms_that_scored(tribe, maya, goal, mentors) -> None:
    run = tribe("fit", "--goal", "pricing", *MAYA)

    assert run.code == 0, run.err
    title = f"Candidates for “Learn pricing strategy” (goal {goal.pk}), best first:"
    assert run.out.splitlines()[0] == title
    rows = table_rows(run.out)
    ranked = fit_ranking(person=maya, goal=goal)
    assert list(rows) == [r.name for r in ranked]  # Cleo is not open to mentoring: not a candidate
    assert [row[0] for row in rows.values()] == [str(n) for n in range(1, len(ranked) + 1)]
    for expected in ranked:
        _rank, _name, score, capacity, overlap, languages, terms = rows[expected.name]
        # The terms shown are exactly the ones that produced the text part of the score.
        shown = [] if terms == "-" else terms.split(", ")
        assert shown == expected.matched_terms
        assert score == f"{expected.score:.3f}"
        hours = expected.explanation.overlap_hours
        assert overlap == ("unknown" if hours is None else f"{hours:.1f}")
        named = map(language_name, expected.explanation.shared_languages)
        assert languages == (", ".join(named) or "-")
        assert capacity == f"yes, {expected.free_places} free"
    assert "pricing" in rows["Pia Pricing"][6].split(", ")
    assert rows["Kai Kube"][6] == "-"


def test_fit_json_is_the_goal_and_the_explained_rows(tribe, maya, goal, mentors) -> None:
    ContactFactory(owner=maya, name="Dana Price", headline="Head of pricing at Northwind")

    run = tribe("fit", "--json", *MAYA)  # the only open goal: no --goal needed

    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["goal"] == {
        "id": goal.pk,
        "title": "Learn pricing strategy",
        "why": "launch a paid tier",
        "status": "open",
        "target_date": None,
    }
    assert data["candidates"] == [row.as_dict() for row in fit_ranking(person=maya, goal=goal)]
    by_name = {c["name"]: c for c in data["candidates"]}
    dana = by_name["Dana Price"]
    assert dana["kind"] == "contact" and dana["free_places"] is None
    assert set(by_name["Pia Pricing"]) == {
        "kind",
        "id",
        "name",
        "headline",
        "score",
        "contributions",
        "matched_terms",
        "close_in_meaning",
        "unknown",
        "timezone_overlap_hours",
        "shared_languages",
        "seniority_gap",
        "has_capacity",
        "free_places",
    }
    pia = by_name["Pia Pricing"]
    parts = pia["matched_terms"] + pia["close_in_meaning"]  # words and meaning make the text part
    assert sum(t["contribution"] for t in parts) == pytest.approx(
        by_name["Pia Pricing"]["contributions"]["text"], abs=1e-3
    )


def test_fit_limit(tribe, maya, goal, mentors) -> None:
    run = tribe("fit", "--limit", "1", "--json", *MAYA)
    assert run.code == 0, run.err
    assert [c["name"] for c in json.loads(run.out)["candidates"]] == ["Pia Pricing"]

    for bad in ("0", "many"):
        run = tribe("fit", "--limit", bad, *MAYA)
        assert run.code == 2
        assert run.error_line == f"tribe fit: error: --limit: {CliCode.LIMIT.template}"


def test_fit_with_nobody_to_rank_says_so(tribe, maya, goal) -> None:
    PersonFactory(name="Ravi Menon", email="r@example.com")  # not open to mentoring

    run = tribe("fit", *MAYA)

    assert run.code == 0, run.err
    assert "Nobody yet" in run.out


def test_fit_for_an_unknown_goal_is_not_found(tribe, maya, goal, mentors, eve) -> None:
    eves = GoalFactory(person=eve, title="Learn pricing too")
    for wrong in ("astronomy", "999999", str(eves.pk)):
        run = tribe("fit", "--goal", wrong, *MAYA)
        assert run.code == 3
        listing = f"{goal.pk} “Learn pricing strategy”"
        expected = MatchingCode.NO_GOAL.template.format(goal=wrong, goals=listing)
        assert run.error_line == f"tribe fit: error: --goal: {expected}"
        assert run.out == ""


def test_fit_without_goal_needs_one_when_there_are_several(tribe, maya, goal, mentors) -> None:
    GoalFactory(person=maya, title="Speak at a conference")

    run = tribe("fit", *MAYA)

    assert run.code == 3
    assert run.error_line.startswith(
        "tribe fit: error: --goal: " + MatchingCode.WHICH_GOAL.template.split("{")[0]
    )
    assert "“Speak at a conference”" in run.error_line


def test_fit_asks_whose_ranking_it_is(tribe, maya, mentors) -> None:
    run = tribe("fit", "--as", "nobody@example.com")
    assert run.code == 3
    assert run.error_line.startswith("tribe fit: error: --as:")


def test_fit_runs_a_fixed_number_of_queries(tribe, maya, goal, django_assert_num_queries) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            PersonFactory(open_to_mentoring=True, mentee_capacity=1, expertise=["pricing"])
            ContactFactory(owner=maya, headline="pricing")

    add(2)
    tribe("fit", *MAYA)  # migrations checked and caches warm
    with CaptureQueriesContext(connection) as first:
        assert tribe("fit", *MAYA).code == 0
    add(15)
    with django_assert_num_queries(len(first.captured_queries)):
        run = tribe("fit", "--json", *MAYA)
    assert len(json.loads(run.out)["candidates"]) == 34


# --------------------------------------------------------------------- not a match


def test_not_a_match_by_email_leaves_rankings_for_that_goal(tribe, maya, goal, mentors) -> None:
    other = GoalFactory(person=maya, title="Run a kubernetes cluster")

    run = tribe(
        "fit",
        "--goal",
        "pricing",
        "--not-a-match",
        "PIA@example.com",
        "--reason",
        "no time this year",
        *MAYA,
    )

    assert run.code == 0, run.err
    assert run.out == (
        "Pia Pricing is not a match for “Learn pricing strategy”: "
        "they will not be ranked again (no time this year).\n"
    )
    mark = NotAMatch.objects.get()
    assert (mark.person, mark.goal, mark.candidate_person, mark.reason) == (
        maya,
        goal,
        mentors["pia"],
        "no time this year",
    )
    assert "Pia Pricing" not in ranked_names(tribe, "--goal", "pricing")
    assert "Pia Pricing" in ranked_names(tribe, "--goal", str(other.pk))


def test_not_a_match_a_contact_by_name_for_all_goals(tribe, maya, goal, mentors) -> None:
    dana = ContactFactory(owner=maya, name="Dana Price", headline="Head of pricing")
    ContactFactory(owner=maya, name="Dana Price-Jones", headline="Pricing analyst")

    run = tribe(
        "fit",
        "--not-a-match",
        "dana price",
        "--reason",
        "works for a competitor",
        "--all-goals",
        "--json",
        *MAYA,
    )

    assert run.code == 0, run.err
    mark = NotAMatch.objects.get()
    assert json.loads(run.out) == {
        "id": mark.pk,
        "goal": None,
        "candidate": {"kind": "contact", "id": dana.pk, "name": "Dana Price"},
        "reason": "works for a competitor",
    }
    assert mark.goal is None and mark.candidate_contact == dana
    names = ranked_names(tribe)
    assert "Dana Price" not in names and "Dana Price-Jones" in names


def test_not_a_match_ambiguous_name(tribe, maya, goal) -> None:
    ContactFactory(owner=maya, name="Dana Price")
    ContactFactory(owner=maya, name="Dana Price-Jones")

    run = tribe("fit", "--not-a-match", "dana", "--reason", "x", *MAYA)

    assert run.code == 2
    assert "matches 2 candidates: Dana Price, Dana Price-Jones" in run.error_line
    assert not NotAMatch.objects.exists()


def test_not_a_match_without_a_reason_writes_nothing(tribe, maya, goal, mentors) -> None:
    for reason in (None, "   "):
        extra = () if reason is None else ("--reason", reason)
        run = tribe("fit", "--not-a-match", "pia@example.com", *extra, *MAYA)
        assert run.code == 2
        assert (
            run.error_line == f"tribe fit: error: --reason: {MatchingCode.REASON_NEEDED.template}"
        )
    assert not NotAMatch.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "cleo@example.com",  # an account not open to mentoring is no candidate
        "eve@example.com",
        "maya@example.com",  # not oneself
        "Someone Else's",  # another person's contact
        "Pia Pricing",  # accounts are named by e-mail
    ],
)
def test_not_a_match_unknown_candidate_writes_nothing(
    tribe, maya, goal, mentors, eve, query
) -> None:
    ContactFactory(owner=eve, name="Someone Else's contact")

    run = tribe("fit", "--not-a-match", query, "--reason", "x", *MAYA)

    assert run.code == 3
    message = MSG_NO_CANDIDATE.format(query=query)
    assert run.error_line == f"tribe fit: error: --not-a-match: {message}"
    assert not NotAMatch.objects.exists()


def test_not_a_match_for_an_unknown_goal_writes_nothing(tribe, maya, goal, mentors) -> None:
    run = tribe(
        "fit", "--goal", "astronomy", "--not-a-match", "pia@example.com", "--reason", "x", *MAYA
    )

    assert run.code == 3
    expected = MatchingCode.NO_GOAL.template.format(
        goal="astronomy", goals=f"{goal.pk} “Learn pricing strategy”"
    )
    assert run.error_line == f"tribe fit: error: --goal: {expected}"
    assert not NotAMatch.objects.exists()


def test_not_a_match_a_contact_with_an_account_rules_out_the_account(
    tribe, maya, goal, mentors
) -> None:
    ContactFactory(owner=maya, name="Pia from the meetup", person=mentors["pia"])

    assert tribe("fit", "--not-a-match", "pia from", "--reason", "x", *MAYA).code == 0

    assert NotAMatch.objects.get().candidate_person == mentors["pia"]
    assert "Pia Pricing" not in ranked_names(tribe)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--reason", "busy"), "--reason"),
        (("--all-goals",), "--all-goals"),
    ],
)
def test_marking_options_need_not_a_match(tribe, maya, goal, args, field) -> None:
    run = tribe("fit", *args, *MAYA)

    assert run.code == 2
    assert run.error_line == f"tribe fit: error: {field}: {CliCode.ONLY_WITH_MARK.template}"


def test_goal_and_all_goals_together_are_refused(tribe, maya, goal, mentors) -> None:
    run = tribe(
        "fit",
        "--goal",
        "pricing",
        "--all-goals",
        "--not-a-match",
        "pia@example.com",
        "--reason",
        "x",
        *MAYA,
    )

    assert run.code == 2
    assert "choose --goal or --all-goals" in run.error_line
    assert not NotAMatch.objects.exists()
