from typing import Any

from tests.api.authz import SIGNED_IN, Case, World
from tests.factories import ContactFactory, PersonFactory
from tribe.matching.models import NotAMatch


def _ruled_out(world: World) -> dict[str, Any]:
    contact = ContactFactory(owner=world.people["mentee"])
    mark = NotAMatch.objects.create(
        person=world.people["mentee"], candidate_contact=contact, reason="no time"
    )
    return {"contact": contact.pk, "not_a_match": mark.pk}


def _more_ruled_out(world: World) -> None:
    for contact in ContactFactory.create_batch(3, owner=world.people["mentee"]):
        NotAMatch.objects.create(
            person=world.people["mentee"], candidate_contact=contact, reason="not now"
        )


def _more_mentors(world: World) -> None:
    PersonFactory.create_batch(3, open_to_mentoring=True, mentee_capacity=1)


def _rule_out(world: World) -> dict[str, Any]:
    return {
        "kind": "contact",
        "candidate_id": world["contact"],
        "goal": world["goal"],
        "reason": "x",
    }


CASES = [
    # The ranking is for one of my goals: anyone else's goal is a 404.
    Case("fit_read", "GET", "/api/fit?goal={goal}", allowed=("mentee",)),
    Case(
        "not_a_match_list", "GET", "/api/fit/not-a-match", allowed=SIGNED_IN, grow=_more_ruled_out
    ),
    Case(
        "not_a_match_add",
        "POST",
        "/api/fit/not-a-match",
        prepare=_ruled_out,
        body=_rule_out,
        allowed=("mentee",),
        ok=201,
    ),
    Case(
        "not_a_match_remove",
        "DELETE",
        "/api/fit/not-a-match/{not_a_match}",
        prepare=_ruled_out,
        allowed=("mentee",),
        ok=204,
    ),
    Case(
        "fit_prospect",
        "POST",
        "/api/fit/prospects",
        prepare=_ruled_out,
        body=lambda w: {"goal": w["goal"], "kind": "contact", "candidate_id": w["contact"]},
        allowed=("mentee",),
        ok=201,
    ),
    Case("mentor_list", "GET", "/api/fit/mentors", allowed=SIGNED_IN, grow=_more_mentors),
    # Ravi is listed for everyone but himself (nobody is their own candidate).
    Case(
        "mentor_read",
        "GET",
        "/api/fit/mentors/{mentor_id}",
        allowed=("mentee", "stranger", "admin", "other_admin"),
    ),
]
