"""Paying it forward (``outreach/forward.py``): when it applies, the draft, the count of
goals that ask for what one knows, the first request, and the programmes (``mentor_openings``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import GoalFactory, PersonFactory, RelationshipFactory
from tribe.ledger.models import Advice
from tribe.outreach import forward
from tribe.outreach.forward import asked_for_count, pay_it_forward
from tribe.people.models import Person
from tribe.programs.models import Invitation, Participant, Programme, Role
from tribe.programs.selectors import mentor_openings
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

LONG_AGO = dt.timedelta(days=200)


def _mentee_for(person: Person, now: dt.datetime, ago: dt.timedelta = LONG_AGO) -> Relationship:
    return RelationshipFactory(mentee=person, status="active", status_changed_at=now - ago)


def _advice(relationship: Relationship, text: str, decision: str, now: dt.datetime) -> Advice:
    return Advice.objects.create(
        relationship=relationship,
        recorded_by=relationship.mentee,
        given_on=now.date(),
        text=text,
        decision=decision,
    )


# When it applies -------------------------------------------------------------------


def test_not_before_six_months_as_a_mentee(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["public speaking"]
    sam.save()
    assert pay_it_forward(person=sam, now=now) is None  # never a mentee
    _mentee_for(sam, now, dt.timedelta(days=100))
    assert pay_it_forward(person=sam, now=now) is None
    # A request still waiting, or a prospect, is not being a mentee.
    RelationshipFactory(mentee=sam, status="asked", status_changed_at=now - LONG_AGO)
    RelationshipFactory(mentee=sam, status="prospect", status_changed_at=now - LONG_AGO)
    assert pay_it_forward(person=sam, now=now) is None
    _mentee_for(sam, now, dt.timedelta(days=181))
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.state == "ready" and steps.mentee_months == 6


def test_time_as_a_mentee_counts_from_the_agreement(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["public speaking"]
    sam.save()
    r = _mentee_for(sam, now, dt.timedelta(days=10))  # paused ten days ago…
    r.agreed_at = now - dt.timedelta(days=400)  # …after more than a year
    r.save()
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.mentee_months == 13


def test_nothing_to_offer_yet_is_none(sam: Person, now: dt.datetime) -> None:
    _mentee_for(sam, now)
    GoalFactory(person=sam, title="Learn Kubernetes", status="open")
    GoalFactory(person=sam, title="Learn Go", status="dropped")
    assert pay_it_forward(person=sam, now=now) is None
    GoalFactory(person=sam, title="Learn Kubernetes", status="achieved")
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.expertise == ["kubernetes"]


def test_already_mentoring_is_the_doing_it_state(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["public speaking"]
    sam.open_to_mentoring, sam.mentee_capacity = True, 2
    sam.save()
    _mentee_for(sam, now)
    # Open, but nobody has said yes yet: the steps still apply, profile already open.
    RelationshipFactory(mentor=sam, status="asked", asked_at=now - dt.timedelta(days=3))
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.state == "ready" and steps.open_to_mentoring
    RelationshipFactory(mentor=sam, status="active")
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.state == "mentoring"
    assert (steps.mentees, steps.free_places, steps.requests_waiting) == (1, 1, 1)
    # Someone mentoring who was never a mentee has nothing to pay forward.
    mentor = PersonFactory(expertise=["x"], open_to_mentoring=True, mentee_capacity=1)
    RelationshipFactory(mentor=mentor, status="active")
    assert pay_it_forward(person=mentor, now=now) is None


# The draft -------------------------------------------------------------------------


def test_the_draft_comes_from_profile_achieved_goals_and_adopted_advice(
    sam: Person, now: dt.datetime
) -> None:
    sam.expertise = ["Public speaking", "K8s"]
    sam.save()
    r = _mentee_for(sam, now)
    GoalFactory(person=sam, title="Run my first code review", status="achieved")
    GoalFactory(person=sam, title="Negotiate a raise", status="achieved")
    GoalFactory(person=sam, title="Kubernetes in production", status="achieved")  # known
    GoalFactory(person=sam, title="Learn Rust", status="in_progress")  # not reached
    GoalFactory(title="Learn Terraform", status="achieved")  # someone else's
    _advice(r, "Write an ADR before each API design discussion", "adopt", now)
    _advice(r, "Try pair programming", "reject", now)
    # Advice the mentor recorded is not the mentee's own log.
    Advice.objects.create(
        relationship=RelationshipFactory(mentor=sam, status="active"),
        recorded_by=sam,
        given_on=now.date(),
        text="Learn graphql",
        decision="adopt",
    )

    steps = pay_it_forward(person=sam, now=now)

    assert steps is not None
    by_name = {t.name: t for t in steps.topics}
    assert steps.expertise[:2] == ["Public speaking", "K8s"]
    assert by_name["code review"].source == "goal"
    assert by_name["code review"].from_goal == "Run my first code review"
    assert by_name["Negotiate a raise"].source == "goal"  # no skill named: the title
    assert by_name["api design"].source == "advice"
    assert "kubernetes" in by_name  # the glossary's name, from the goal
    assert not {"rust", "terraform", "pair programming", "graphql"} & set(by_name)
    assert steps.capacity == 1
    assert "6 months" in steps.offers and "Run my first code review" in steps.offers
    assert steps.as_dict()["draft"]["expertise"] == steps.expertise


def test_the_draft_keeps_the_persons_own_offer_and_capacity(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["public speaking"]
    sam.offers, sam.mentee_capacity = "Practice talks with you.", 3
    sam.save()
    _mentee_for(sam, now)
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and (steps.offers, steps.capacity) == ("Practice talks with you.", 3)


# Expertise others ask for ------------------------------------------------------------


def test_counts_open_goals_of_others_that_ask_for_it(sam: Person, now: dt.datetime) -> None:
    GoalFactory(title="Run my apps on Kubernetes")  # the same skill…
    GoalFactory(title="Get started with k8s")  # …spelt otherwise
    GoalFactory(title="Ops", why="I need kubernetes for work")  # in the why
    GoalFactory(title="Better UX for our forms", status="in_progress")  # a short one, as a word
    GoalFactory(title="Learn Linux")  # "ux" inside a word is not UX
    GoalFactory(title="Kubernetes certification", status="achieved")  # not open
    GoalFactory(title="Kubernetes", status="dropped")
    GoalFactory(person=PersonFactory(is_active=False), title="Kubernetes at scale")
    GoalFactory(person=sam, title="Kubernetes operators")  # my own
    GoalFactory(title="Bake bread")

    assert asked_for_count(person=sam, expertise=["Kubernetes", "UX"]) == (4, False)
    assert asked_for_count(person=sam, expertise=["Bread baking"]) == (0, False)
    assert asked_for_count(person=sam, expertise=["bake bread"]) == (1, False)
    assert asked_for_count(person=sam, expertise=[]) == (0, False)


def test_the_count_is_a_number_only(sam: Person, now: dt.datetime) -> None:
    other = PersonFactory(name="Secret Person")
    GoalFactory(person=other, title="Secret kubernetes plan")
    sam.expertise = ["kubernetes"]
    sam.save()
    _mentee_for(sam, now)
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.asked_for == 1
    said = repr(steps.as_dict())
    assert "Secret" not in said and str(other.pk) not in steps.why


def test_the_count_reads_a_bounded_number_of_goals(
    sam: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(4):
        GoalFactory(title="Kubernetes")
    monkeypatch.setattr(forward, "GOALS_READ", 3)
    assert asked_for_count(person=sam, expertise=["kubernetes"]) == (3, True)


# A first request --------------------------------------------------------------------


def test_the_first_request_is_the_oldest_sent_to_them(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["public speaking"]
    sam.save()
    _mentee_for(sam, now)
    newer = RelationshipFactory(mentor=sam, status="asked", asked_at=now - dt.timedelta(days=1))
    older = RelationshipFactory(
        mentor=sam, status="asked", asked_at=now - dt.timedelta(days=5), purpose="Speak up"
    )
    RelationshipFactory(mentee=sam, status="asked", asked_at=now - dt.timedelta(days=9))  # mine
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.first_request is not None
    assert steps.first_request.id == older.pk and steps.first_request.purpose == "Speak up"
    assert steps.first_request.from_name == older.mentee.name
    assert steps.requests_waiting == 2 and steps.reach == []
    assert newer.pk != steps.first_request.id


def test_without_a_request_it_says_how_one_can_reach_them(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["public speaking"]
    sam.email_verified_at = None
    sam.save()
    _mentee_for(sam, now)
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.first_request is None and steps.requests_waiting == 0
    assert steps.reach[0].startswith("Verify your e-mail address first")
    assert "Once your profile is open" in steps.reach[1] and "public speaking" in steps.reach[1]


# Programmes to mentor in --------------------------------------------------------------


def _programme(admin: Person, slug: str, **fields: object) -> Programme:
    programme = Programme.objects.create(name=slug.title(), slug=slug, created_by=admin, **fields)
    programme.admins.create(person=admin)
    return programme


def _invite(programme: Programme, email: str, now: dt.datetime, **fields: object) -> Invitation:
    return Invitation.objects.create(
        programme=programme,
        email=email,
        token_hash=f"{programme.slug}-{email}-{len(fields)}",
        expires_at=now + dt.timedelta(days=7),
        **fields,
    )


def test_programmes_to_mentor_in_are_those_they_may_see(
    sam: Person, ada: Person, now: dt.datetime
) -> None:
    joined = now - dt.timedelta(days=30)
    as_mentee = _programme(ada, "alpha")
    as_mentor = _programme(ada, "beta")
    left = _programme(ada, "gamma")
    archived = _programme(ada, "delta", archived_at=now)
    invited = _programme(ada, "epsilon")
    _programme(ada, "zeta", signup_token_hash="x" * 64)  # an open link sam does not hold
    Participant.objects.create(programme=as_mentee, person=sam, role=Role.MENTEE, joined_at=joined)
    Participant.objects.create(programme=as_mentor, person=sam, role=Role.BOTH, joined_at=joined)
    Participant.objects.create(
        programme=left, person=sam, role=Role.MENTEE, joined_at=joined, status="left"
    )
    Participant.objects.create(programme=archived, person=sam, role=Role.MENTEE, joined_at=joined)
    _invite(invited, "SAM@example.com", now)
    _invite(as_mentee, sam.email, now)  # already in it: listed once, as a participant
    _invite(_programme(ada, "eta"), sam.email, now, revoked_at=now)
    _invite(_programme(ada, "theta"), sam.email, now - dt.timedelta(days=8))  # expired
    _invite(_programme(ada, "iota"), "someone@example.com", now)

    openings = mentor_openings(person=sam, now=now)

    assert [(o.slug, o.how) for o in openings] == [
        ("alpha", "participant"),
        ("epsilon", "invitation"),
    ]
    sam.email_verified_at = None
    sam.save()
    assert [o.slug for o in mentor_openings(person=sam, now=now)] == ["alpha"]

    sam.expertise = ["x"]
    sam.save()
    _mentee_for(sam, now)
    steps = pay_it_forward(person=sam, now=now, programmes=openings)
    assert steps is not None and steps.as_dict()["programmes"][1]["how"] == "invitation"


def test_pay_it_forward_runs_a_fixed_number_of_queries(
    sam: Person, now: dt.datetime, django_assert_num_queries
) -> None:
    sam.expertise = ["kubernetes"]
    sam.save()
    r = _mentee_for(sam, now)
    GoalFactory(person=sam, title="Code review", status="achieved")
    GoalFactory(title="Kubernetes")
    _advice(r, "api design", "adopt", now)
    RelationshipFactory(mentor=sam, status="asked", asked_at=now)
    with CaptureQueriesContext(connection) as few:
        pay_it_forward(person=sam, now=now)
    assert len(few) == 8  # the same with no request waiting
    for _ in range(5):
        GoalFactory(person=sam, status="achieved")
        GoalFactory(title="Kubernetes")
        _advice(r, "api design", "adopt", now)
        RelationshipFactory(mentor=sam, status="asked", asked_at=now)
    with django_assert_num_queries(len(few)):
        steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.asked_for == 6 and steps.requests_waiting == 6


def test_why_says_so_when_no_goal_asks_for_it_yet(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["underwater basket weaving"]
    sam.save()
    _mentee_for(sam, now)
    steps = pay_it_forward(person=sam, now=now)
    assert steps is not None and steps.asked_for == 0
    assert steps.why == (
        "You have been a mentee for 6 months. Tribe says how many open goals of other "
        "people ask for what you know once there are at least 5, so that nobody's goal "
        "is singled out."
    )


def test_a_few_goals_read_like_none_so_nobody_is_singled_out(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["bread baking"]
    sam.save()
    _mentee_for(sam, now)
    nobody = pay_it_forward(person=sam, now=now)
    GoalFactory(title="Learn bread baking")  # one other person's private goal
    one = pay_it_forward(person=sam, now=now)
    assert nobody is not None and one is not None and one.asked_for == 1
    assert one.why == nobody.why and one.as_dict()["asked_for"] == 0
    for _ in range(4):
        GoalFactory(title="Bread baking at home")
    five = pay_it_forward(person=sam, now=now)
    assert five is not None and five.as_dict()["asked_for"] == 5
    assert "5 open goals of other people on Tribe ask for what you know." in five.why
