"""`candidate=person:<id>` on the fit page tells nothing about accounts that are not candidates."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import errors_of
from tribe.core.errors import NotFound
from tribe.matching.errors import MatchingCode
from tribe.matching.models import NotAMatch
from tribe.matching.selectors import (
    fit_candidate_get,
    fit_ranking,
    open_mentor_count,
)
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def others(make_person: Callable[..., Person]) -> dict[str, Person]:
    """Accounts that are not candidates, each for one reason, and one that is."""
    mentor = {"open_to_mentoring": True, "mentee_capacity": 2, "expertise": ["team leadership"]}
    people = {
        "candidate": make_person("Cand Idate", **mentor),
        "not_open": make_person("Nora Closed", expertise=["team leadership"]),
        "unverified": make_person("Una Verified", **mentor),
        "inactive": make_person("Ina Active", **mentor),
    }
    Person.objects.filter(pk__in=[p.pk for p in people.values()]).update(
        email_verified_at="2026-01-01T00:00:00Z"
    )
    Person.objects.filter(pk=people["unverified"].pk).update(email_verified_at=None)
    Person.objects.filter(pk=people["inactive"].pk).update(is_active=False)
    for person in people.values():
        person.refresh_from_db()
    return people


HIDDEN = ["not_open", "unverified", "inactive"]


def test_the_lookup_answers_no_such_candidate_for_anyone_not_listed(
    web_alice: Person, others: dict[str, Person]
) -> None:
    for which in HIDDEN:
        with pytest.raises(NotFound) as exc:
            fit_candidate_get(person=web_alice, kind="person", candidate_id=others[which].pk)
        assert (exc.value.message, exc.value.field) == (
            MatchingCode.NO_CANDIDATE.template,
            "candidate",
        ), which
    found = fit_candidate_get(person=web_alice, kind="person", candidate_id=others["candidate"].pk)
    assert found == others["candidate"]


def test_the_ranking_lists_exactly_the_accounts_the_lookup_finds(
    web_alice: Person, web_goal: Goal, others: dict[str, Person]
) -> None:
    ranked = {
        row.id for row in fit_ranking(person=web_alice, goal=web_goal) if row.kind == "person"
    }
    assert others["candidate"].pk in ranked
    assert not ranked & {others[w].pk for w in HIDDEN}
    assert open_mentor_count(person=web_alice) == len(ranked)


@pytest.mark.parametrize(
    ("page", "extra"), [("web:not_a_match", {"reason": "x"}), ("web:fit_prospect", {})]
)
def test_the_pages_answer_the_same_for_a_hidden_account_as_for_no_account(
    alice_client: Client,
    web_goal: Goal,
    others: dict[str, Person],
    page: str,
    extra: dict[str, str],
) -> None:
    url = reverse(page, args=[web_goal.pk])

    def answer(pk: int) -> tuple[int, bytes, Any]:
        response = alice_client.post(url, {"candidate": f"person:{pk}", "scope": "goal", **extra})
        # The page gives back what was sent (the hidden field), and nothing more.
        body = CSRF.sub(b"", response.content).replace(f"person:{pk}".encode(), b"person:ID")
        return response.status_code, body, errors_of(response)

    nobody = answer(99_999_999)
    assert nobody[0] == 200 and nobody[2] == {"__all__": [MatchingCode.NO_CANDIDATE.template]}
    for which in HIDDEN:
        hidden = others[which]
        assert answer(hidden.pk) == nobody, which
        assert hidden.name.encode() not in nobody[1]
    assert not NotAMatch.objects.exists() and not Relationship.objects.exists()
    # A listed candidate is found as before.
    found = alice_client.post(
        url, {"candidate": f"person:{others['candidate'].pk}", "scope": "goal", **extra}
    )
    assert found.status_code == 302
