"""The demo's kinds mean something, and its people pay it forward, as their selectors read it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tribe.advocacy.models import AdvocacyAsk
from tribe.advocacy.selectors import asks_of
from tribe.coaching.models import Exercise, PracticeEntry
from tribe.coaching.selectors import practice_log_of, regimen_of, terms_of
from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.demo import kinds
from tribe.demo.personas import PEOPLE_BY_KEY
from tribe.demo.services import demo_load
from tribe.ledger.models import Advice
from tribe.outreach.forward import pay_it_forward
from tribe.outreach.graph import tribe_chain
from tribe.people.models import Goal, Person
from tribe.people.needs import suggest_need
from tribe.relationships.models import Relationship


@pytest.fixture(autouse=True)
def _fast_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db, now) -> None:  # type: ignore[no-untyped-def]
    demo_load(now=now)


def person(key: str) -> Person:
    return Person.objects.get(email=PEOPLE_BY_KEY[key].email)


def between(mentee: str, mentor: str) -> Relationship:
    return Relationship.objects.get(mentee=person(mentee), mentor=person(mentor))


def test_grace_coaches_elena_with_a_regimen_a_practice_log_and_paid_sessions(demo, now) -> None:
    elena, grace = person("elena"), person("grace")
    coached = between("elena", "grace")

    regimen = regimen_of(person=elena, relationship=coached, today=now.date())
    log = list(practice_log_of(person=grace, relationship=coached))
    terms = terms_of(person=elena, relationship=coached)

    # Oldest first, as started.
    assert [row.exercise.title for row in regimen] == [title for title, *_ in kinds.REGIMEN]
    assert all(row.recent > 0 for row in regimen)  # practised lately
    assert len(log) == sum(len(practice) for *_, practice in kinds.REGIMEN)
    assert {entry.logged_by_id for entry in log} == {elena.pk}  # the coachee practises
    assert terms is not None and terms.paid
    assert (terms.currency, terms.payer) == ("EUR", "employer")


def test_nobody_else_reads_the_regimen(demo, now) -> None:
    coached = between("elena", "grace")

    for outsider in ("maya", "ravi"):
        with pytest.raises(NotFound):
            practice_log_of(person=person(outsider), relationship=coached)
        with pytest.raises(NotFound):
            regimen_of(person=person(outsider), relationship=coached, today=now.date())


def test_hugo_spoke_up_for_ravi_and_a_new_ask_waits_for_him(demo) -> None:
    ravi, hugo = person("ravi"), person("hugo")
    sponsored = between("ravi", "hugo")

    asks = list(asks_of(person=hugo, relationship=sponsored))

    by_opportunity = {ask.opportunity: ask for ask in asks}
    spoken = by_opportunity[kinds.AGREED_ASK[1]]
    waiting = by_opportunity[kinds.OPEN_ASK[1]]
    assert spoken.spoke_on is not None and spoken.outcome
    assert spoken.status == AdvocacyAsk.Status.OUTCOME
    assert waiting.status == AdvocacyAsk.Status.ASKED
    assert {ask.asked_by_id for ask in asks} == {ravi.pk}
    assert not asks_of(person=person("maya"), relationship=sponsored).exists()  # not hers


def test_maya_and_aisha_advise_each_other_both_ways(demo) -> None:
    peers = between("maya", "aisha")

    recorders = set(Advice.objects.filter(relationship=peers).values_list("recorded_by", flat=True))

    assert recorders == {person("maya").pk, person("aisha").pk}


def test_each_goal_says_which_kind_of_help_it_needs(demo) -> None:
    needs = {
        (key, place): goal.need
        for key in {k for k, _ in kinds.NEEDS}
        for place, goal in enumerate(Goal.objects.filter(person=person(key)).order_by("pk"))
    }

    for spot, need in kinds.NEEDS.items():
        assert needs[spot] == need
    # Maya's third goal is hers to decide: its words suggest a coach.
    third = Goal.objects.filter(person=person("maya")).order_by("pk")[2]
    assert third.need == ""
    assert suggest_need(third.title, third.why).kind == "coach"


def test_mayas_chain_runs_from_her_mentors_mentor_to_her_mentee(demo) -> None:
    paths = tribe_chain(person=person("maya")).paths()

    assert ["Elena Petrova", "Ravi Menon", "Maya Chen", "Sam Okafor"] in paths


def test_sam_sees_mayas_mentor_in_his_chain(demo) -> None:
    paths = tribe_chain(person=person("sam")).paths()

    assert ["Ravi Menon", "Maya Chen", "Sam Okafor"] in paths


def test_priya_is_ready_to_pay_it_forward(demo, now) -> None:
    steps = pay_it_forward(person=person("priya"), now=now)

    assert steps is not None
    assert steps.state == "ready"
    assert "Move from analyst to data scientist" in steps.achieved


def test_the_kinds_are_replaced_on_a_reload_not_duplicated(demo, now) -> None:
    def counts() -> tuple[int, int, int]:
        return Exercise.objects.count(), PracticeEntry.objects.count(), AdvocacyAsk.objects.count()

    before = counts()

    demo_load(now=now)

    assert counts() == before


# On the pages ----------------------------------------------------------------------


def _get(key: str, url: str, now) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    browser = Client()
    browser.force_login(person(key))
    with clock.frozen(now):
        response = browser.get(url)
    return response.status_code, response.content.decode()


def test_elenas_page_with_grace_shows_the_regimen_and_a_stranger_gets_404(demo, now) -> None:
    url = reverse("web:relationship", args=[between("elena", "grace").pk])

    status, body = _get("elena", url, now)

    assert status == 200
    assert 'id="regimen"' in body and 'id="fees"' in body
    assert all(title in body for title, *_ in kinds.REGIMEN)
    assert _get("maya", url, now)[0] == 404


def test_ravis_page_with_hugo_shows_the_advocacy_asks(demo, now) -> None:
    status, body = _get("ravi", reverse("web:relationship", args=[between("ravi", "hugo").pk]), now)

    assert status == 200
    assert 'id="advocacy"' in body
    assert kinds.AGREED_ASK[1] in body and kinds.OPEN_ASK[1] in body


def test_priyas_forward_page_drafts_from_the_goal_she_reached(demo, now) -> None:
    status, body = _get("priya", reverse("web:forward"), now)

    assert status == 200
    assert "Move from analyst to data scientist" in body


def test_the_find_page_suggests_a_coach_for_mayas_rehearsal_goal(demo, now) -> None:
    third = Goal.objects.filter(person=person("maya")).order_by("pk")[2]

    status, body = _get("maya", reverse("web:find"), now)

    assert status == 200
    assert f'id="need-{third.pk}"' in body
    assert "“rehearse”" in body
