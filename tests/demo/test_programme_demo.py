"""The demo's programme: built through the programme services, reloaded without harm."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory
from tribe.core.errors import Conflict
from tribe.demo import programme as demo_programme
from tribe.demo import scope
from tribe.demo.errors import DemoCode
from tribe.demo.personas import PEOPLE_BY_KEY
from tribe.demo.services import DemoSummary, demo_ensure, demo_load
from tribe.people.models import Person
from tribe.programs import enrolment, services
from tribe.programs.enrolment import Intake
from tribe.programs.models import (
    Answer,
    Invitation,
    MatchOffer,
    MatchRun,
    OfferStatus,
    Participant,
    Programme,
    RosterEntry,
    SurveyResponse,
)
from tribe.relationships.models import Relationship
from tribe.today.selectors import today_for

SLUG = demo_programme.PROGRAMME_SLUG


@pytest.fixture
def demo(db, now) -> DemoSummary:  # type: ignore[no-untyped-def]
    return demo_load(now=now)


def person(key: str) -> Person:
    return Person.objects.get(email=PEOPLE_BY_KEY[key].email)


def the_programme() -> Programme:
    return Programme.objects.get(slug=SLUG)


def offer_of(mentee: str) -> MatchOffer:
    return MatchOffer.objects.select_related("mentor__person", "relationship").get(
        programme__slug=SLUG, mentee__person=person(mentee)
    )


def _counts() -> dict[str, int]:
    return {
        "programmes": Programme.objects.count(),
        "participants": Participant.objects.count(),
        "roster": RosterEntry.objects.count(),
        "invitations": Invitation.objects.count(),
        "runs": MatchRun.objects.count(),
        "offers": MatchOffer.objects.count(),
        "answers": SurveyResponse.objects.count(),
        "relationships": Relationship.objects.count(),
    }


def test_elena_runs_the_programme_and_the_summary_names_her(demo) -> None:
    programme = the_programme()

    assert programme.name == demo_programme.PROGRAMME_NAME
    assert list(programme.admins.values_list("person__email", flat=True)) == ["elena@tribe.example"]
    assert demo.programme == (programme.name, "elena@tribe.example")
    assert programme.cohorts.count() == 1


def test_the_roster_has_a_reporting_line(demo) -> None:
    roster = {e.email: e for e in the_programme().roster.select_related("manager")}

    assert len(roster) == 9
    assert roster["sam@tribe.example"].manager.email == "aisha@tribe.example"
    assert roster["tomas@tribe.example"].manager.email == "lina@tribe.example"
    assert roster["jonas@tribe.example"].manager.manager.email == "morgan.reyes@tribe.example"
    # Each participant's row is linked to their account as they joined.
    assert roster["sam@tribe.example"].person == person("sam")
    assert roster["morgan.reyes@tribe.example"].person is None


def test_six_demo_people_joined_with_their_intake(demo) -> None:
    joined = Participant.objects.filter(programme__slug=SLUG).select_related("person", "cohort")

    assert {p.person.email.split("@")[0] for p in joined} == {j.key for j in demo_programme.JOINERS}
    assert all(p.person.is_demo and p.cohort is not None for p in joined)
    assert all(p.wants for p in joined if p.is_mentee)
    assert all(p.offers and p.capacity == 1 for p in joined if p.is_mentor)
    assert all(p.roster_entry_id is not None for p in joined)
    # Inês, on the roster without an account, has an open invitation.
    assert (
        the_programme()
        .invitations.filter(
            email="ines.duarte@tribe.example", used_at__isnull=True, revoked_at__isnull=True
        )
        .exists()
    )


def test_one_published_run_two_pairs_accepted_and_one_waiting(demo, now) -> None:
    assert list(MatchRun.objects.filter(programme__slug=SLUG).values_list("status", flat=True)) == [
        "published"
    ]
    for mentee in demo_programme.ACCEPTED_BY_BOTH:
        accepted = offer_of(mentee)
        assert accepted.status == OfferStatus.ACCEPTED
        assert accepted.relationship is not None
        assert accepted.relationship in scope.demo_relationships()
        assert accepted.relationship.mentee == person(mentee)
    waiting = offer_of("tomas")
    assert (waiting.status, waiting.mentee_answer, waiting.mentor_answer) == (
        OfferStatus.OPEN,
        Answer.PENDING,
        Answer.ACCEPTED,
    )
    # The pairs the intakes point at; a reporting line keeps Aisha from Sam.
    assert offer_of("sam").mentor.person == person("kofi")
    assert waiting.mentor.person == person("aisha")

    items = [i for i in today_for(person=person("tomas"), now=now).items if i.kind == "offer"]

    assert len(items) == 1
    assert "Aisha Bello" in items[0].title
    assert not [i for i in today_for(person=person("aisha"), now=now).items if i.kind == "offer"]


def test_the_first_check_in_has_a_few_answers(demo) -> None:
    answers = SurveyResponse.objects.filter(survey__programme__slug=SLUG)

    assert answers.count() == len(demo_programme.SURVEY_ANSWERS)
    assert set(answers.values_list("survey__name", flat=True)) == {"First check-in"}
    assert answers.filter(share_texts=True).count() == 1


# Reloading ------------------------------------------------------------------------


def test_reloading_replaces_the_programme_without_duplicating_it(demo, now) -> None:
    before = _counts()
    old = the_programme().pk

    again = demo_load(now=now + dt.timedelta(days=1))

    assert _counts() == before
    assert the_programme().pk != old
    assert again.programme == demo.programme


def test_a_restart_keeps_the_programme_as_it_is(demo, now) -> None:
    kept = the_programme().pk

    summary, loaded = demo_ensure(now=now + dt.timedelta(days=1))

    assert loaded is False
    assert the_programme().pk == kept
    assert summary.programme == demo.programme


def test_a_programme_demo_people_made_among_themselves_goes_with_a_reload(demo, now) -> None:
    services.programme_create(actor=person("maya"), name="Maya's circle", slug="mayas-circle")

    demo_load(now=now)

    assert not Programme.objects.filter(slug="mayas-circle").exists()
    assert Programme.objects.count() == 1


def test_a_real_persons_programme_with_demo_people_in_it_stays(demo, now) -> None:
    owner = PersonFactory(email="owner@example.org")
    theirs = services.programme_create(actor=owner, name="Real programme", slug="real")
    services.admin_add(actor=owner, programme=theirs, person=person("elena"))

    demo_load(now=now, force=True)

    theirs.refresh_from_db()
    assert set(theirs.admins.values_list("person__email", flat=True)) == {
        "owner@example.org",
        "elena@tribe.example",
    }


def _join_as_real_person(now: dt.datetime) -> Participant:
    real = PersonFactory(email="nina@example.org", email_verified_at=now)
    issued = enrolment.invitation_create(
        actor=person("elena"), programme=the_programme(), email=real.email, now=now
    )
    token = issued.link.rstrip("/").rsplit("/", 1)[-1]
    intake = Intake(role="mentee", wants="Learn how data teams plan their quarter.")
    return enrolment.participant_enrol(actor=real, token=token, intake=intake, now=now)


def test_a_real_participant_in_the_demo_programme_refuses_the_reload(demo, now) -> None:
    joined = _join_as_real_person(now)
    before = _counts()

    with pytest.raises(Conflict) as refused:
        demo_load(now=now, force=True)

    assert refused.value.code is DemoCode.TOUCHES_REAL
    assert refused.value.message == DemoCode.TOUCHES_REAL.template.format(
        what="participant of nina@example.org"
    )
    assert Participant.objects.filter(pk=joined.pk).exists()
    assert _counts() == before


def test_a_real_programme_at_the_demo_slug_refuses_the_load(db, now) -> None:
    owner = PersonFactory(email="owner@example.org")
    theirs = services.programme_create(actor=owner, name="Theirs", slug=SLUG)

    with pytest.raises(Conflict) as refused:
        demo_load(now=now, force=True)

    assert refused.value.code is DemoCode.TOUCHES_REAL
    assert "owner@example.org" in refused.value.message
    assert Programme.objects.get(slug=SLUG) == theirs
    assert not Person.objects.filter(is_demo=True).exists()


def test_loading_the_demo_mails_nobody(demo) -> None:
    from tribe.outbox.models import Message

    # Its invitations and meetings are made up (and @tribe.example).
    assert Invitation.objects.exists()
    assert not Message.objects.exists()
