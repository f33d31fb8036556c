"""Mentor mode: incoming requests, the impact journal, readiness, the goal map and the tribe graph."""

import datetime as dt

import pytest

from tests.factories import GoalFactory, NoteFactory, PersonFactory, RelationshipFactory
from tribe.ledger import services
from tribe.meetings.selectors import relationship_timeline
from tribe.outreach import selectors
from tribe.outreach import services as outreach
from tribe.outreach.graph import tribe_graph
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.web.graph_svg import render

pytestmark = pytest.mark.django_db


def test_incoming_requests_are_the_mentors_asked_ones(
    maya: Person, ravi: Person, sam: Person
) -> None:
    asked = RelationshipFactory(mentee=maya, mentor=ravi, status="asked")
    RelationshipFactory(mentee=sam, mentor=ravi, status="active")
    RelationshipFactory(mentee=ravi, mentor=maya, status="asked")  # Ravi is the one asking here
    assert list(selectors.incoming_requests(person=ravi)) == [asked]


def test_the_mentor_reads_shared_notes_and_own_private_ones_never_the_mentees(
    maya_ravi: Relationship,
) -> None:
    NoteFactory(
        relationship=maya_ravi, author=maya_ravi.mentee, visibility="private", body="mentee private"
    )
    NoteFactory(
        relationship=maya_ravi, author=maya_ravi.mentee, visibility="shared", body="mentee shared"
    )
    NoteFactory(
        relationship=maya_ravi, author=maya_ravi.mentor, visibility="private", body="mentor private"
    )
    bodies = {
        n.body for n in relationship_timeline(person=maya_ravi.mentor, relationship=maya_ravi).notes
    }
    assert bodies == {"mentee shared", "mentor private"}


def test_impact_journal_collects_thanks_updates_and_introductions(
    maya_ravi: Relationship, sam: Person, now: dt.datetime
) -> None:
    today = now.date()
    maya, ravi = maya_ravi.mentee, maya_ravi.mentor
    services.gratitude_record(
        actor=maya,
        relationship=maya_ravi,
        kind="gift",
        given_on=today - dt.timedelta(days=3),
        description="A book on negotiation",
        today=today,
    )
    services.update_record_sent(
        actor=maya,
        relationship=maya_ravi,
        body="I got the promotion!",
        sent_on=today - dt.timedelta(days=1),
        today=today,
    )
    outreach.introduction_record(
        actor=ravi, introducer=ravi, mentee=maya, to_person=sam, introduced_on=today, today=today
    )
    journal = selectors.impact_journal(mentor=ravi)
    assert [e.kind for e in journal] == ["introduction", "update", "thanks"]
    assert journal[1].text == "I got the promotion!" and "from Maya Chen" in journal[2].title
    assert selectors.impact_journal(mentor=maya) == []


def test_readiness_prompt_after_six_months_as_a_mentee_with_expertise(
    sam: Person, now: dt.datetime
) -> None:
    RelationshipFactory(mentee=sam, status="active", status_changed_at=now - dt.timedelta(days=200))
    assert selectors.mentoring_readiness(person=sam, now=now) is None  # no expertise listed
    sam.expertise = ["customer interviews"]
    sam.save()
    prompt = selectors.mentoring_readiness(person=sam, now=now)
    assert prompt is not None and "customer interviews" in prompt and "6 months" in prompt
    sam.open_to_mentoring, sam.mentee_capacity = True, 1
    sam.save()
    assert selectors.mentoring_readiness(person=sam, now=now) is None


def test_readiness_waits_for_six_months(sam: Person, now: dt.datetime) -> None:
    sam.expertise = ["x"]
    sam.save()
    RelationshipFactory(mentee=sam, status="active", status_changed_at=now - dt.timedelta(days=30))
    assert selectors.mentoring_readiness(person=sam, now=now) is None


def test_goal_map_shows_covered_and_uncovered_goals(maya: Person, ravi: Person) -> None:
    lead = GoalFactory(person=maya, title="Lead PMs")
    pricing = GoalFactory(person=maya, title="Pricing")
    GoalFactory(person=maya, title="Old", status="achieved")
    rel = RelationshipFactory(mentee=maya, mentor=ravi, status="active")
    rel.goals.add(lead)
    coverage = {c.title: c for c in selectors.goal_map(person=maya)}
    assert set(coverage) == {"Lead PMs", "Pricing"}
    assert coverage["Lead PMs"].covered and coverage["Lead PMs"].mentors == [
        ("Ravi Menon", "active")
    ]
    assert not coverage["Pricing"].covered
    assert pricing.pk == coverage["Pricing"].goal_id


def test_graph_shows_mentors_their_shared_mentors_mentees_and_introductions(
    maya: Person, ravi: Person, sam: Person, now: dt.datetime
) -> None:
    elena = PersonFactory(name="Elena")
    grace = PersonFactory(name="Grace")
    RelationshipFactory(mentee=maya, mentor=ravi)
    RelationshipFactory(mentee=ravi, mentor=elena)
    RelationshipFactory(mentee=elena, mentor=grace)  # two steps up: not shown
    RelationshipFactory(mentee=sam, mentor=maya)
    RelationshipFactory(mentee=maya, mentor=PersonFactory(name="Only asked"), status="asked")
    outreach.introduction_record(
        actor=maya,
        introducer=maya,
        mentee=sam,
        to_person=elena,
        introduced_on=now.date(),
        today=now.date(),
    )

    graph = tribe_graph(person=maya)
    roles = {n.name: n.role for n in graph.nodes.values()}
    assert roles == {
        "Maya Chen": "me",
        "Ravi Menon": "mentor",
        "Sam Okafor": "mentee",
        "Elena": "introduced",
    }
    ravi.share_mentors = True
    ravi.save()
    graph = tribe_graph(person=maya)
    roles = {n.name: n.role for n in graph.nodes.values()}
    assert roles["Elena"] == "mentors_mentor" and "Grace" not in roles
    assert "Elena mentors Ravi Menon (mentor)." in graph.sentences()
    assert "Maya Chen introduced Sam Okafor to Elena." in graph.sentences()


def test_graph_is_three_queries_and_renders_accessible_svg(
    maya: Person, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        mentor = PersonFactory(share_mentors=True)
        RelationshipFactory(mentee=maya, mentor=mentor)
        RelationshipFactory(mentee=mentor, mentor=PersonFactory(name="<script>x</script>"))
    with django_assert_num_queries(3):
        graph = tribe_graph(person=maya)
    svg = render(graph, title="Maya's tribe")
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
