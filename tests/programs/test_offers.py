"""Answering an offer: only its two people, and one relationship when both say yes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory
from tests.programs.conftest import enrol
from tribe.core.errors import Conflict, NotFound
from tribe.people.models import Block
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import MatchOffer, OfferStatus, Role
from tribe.programs.offers import offer_answer
from tribe.programs.runs import run_create, run_publish
from tribe.programs.selectors import offer_get_for, offers_of_participant
from tribe.relationships.models import Relationship, RelationshipStatus

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=3)


def _offer(ada, programme):
    a = enrol(programme, Role.MENTEE, person=PersonFactory(), wants="python")
    x = enrol(programme, Role.MENTOR, person=PersonFactory(), offers="python", capacity=1)
    run = run_create(actor=ada, programme=programme, now=NOW)
    run_publish(actor=ada, run=run, now=NOW)
    return MatchOffer.objects.get(mentee=a), a, x


def test_both_accepting_creates_one_relationship_with_both_consents(ada, programme):
    offer, a, x = _offer(ada, programme)
    offer = offer_answer(actor=a.person, offer=offer, accept=True, now=NOW)
    assert offer.status == OfferStatus.OPEN and offer.relationship is None
    assert not Relationship.objects.exists()
    offer = offer_answer(actor=x.person, offer=offer, accept=True, now=LATER)
    assert offer.status == OfferStatus.ACCEPTED
    rel = Relationship.objects.get()
    assert offer.relationship == rel
    assert (rel.mentee, rel.mentor, rel.created_by) == (a.person, x.person, a.person)
    assert rel.status == RelationshipStatus.INTRO
    assert rel.mentee_consented_at == rel.mentor_consented_at == LATER
    assert rel.cadence_days == programme.default_cadence_days
    assert rel.starts_on == LATER.date()
    assert rel.ends_on == dt.date(2026, 12, 1)
    with pytest.raises(Conflict) as again:
        offer_answer(actor=x.person, offer=offer, accept=True, now=LATER)
    assert again.value.code is ProgrammeCode.OFFER_CLOSED
    assert Relationship.objects.count() == 1


def test_answering_twice_is_refused(ada, programme):
    offer, a, _ = _offer(ada, programme)
    offer_answer(actor=a.person, offer=offer, accept=True, now=NOW)
    with pytest.raises(Conflict) as twice:
        offer_answer(actor=a.person, offer=offer, accept=False, now=NOW)
    assert twice.value.code is ProgrammeCode.OFFER_ANSWERED


def test_a_decline_ends_the_offer_and_the_mentee_waits_for_the_next_run(ada, programme):
    offer, _, x = _offer(ada, programme)
    offer = offer_answer(actor=x.person, offer=offer, accept=False, now=NOW)
    assert offer.status == OfferStatus.DECLINED
    assert not Relationship.objects.exists()
    again = run_create(actor=ada, programme=programme, now=LATER)
    assert again.summary["mentees"] == 1  # waiting again


def test_nobody_else_may_answer(ada, programme):
    offer, _, _ = _offer(ada, programme)
    for stranger in (ada, PersonFactory()):
        with pytest.raises(NotFound):
            offer_answer(actor=stranger, offer=offer, accept=True, now=NOW)
    other = enrol(programme, Role.MENTEE, person=PersonFactory())
    with pytest.raises(NotFound):
        offer_get_for(participant=other, offer_id=offer.pk)
    assert offers_of_participant(participant=other) == []


def test_a_block_means_no_relationship(ada, programme):
    offer, a, x = _offer(ada, programme)
    offer_answer(actor=a.person, offer=offer, accept=True, now=NOW)
    Block.objects.create(blocker=a.person, blocked=x.person)
    offer = offer_answer(actor=x.person, offer=offer, accept=True, now=NOW)
    assert offer.status == OfferStatus.WITHDRAWN
    assert not Relationship.objects.exists()


def test_an_open_relationship_they_already_have_is_linked(ada, programme):
    offer, a, x = _offer(ada, programme)
    existing = Relationship.objects.create(
        mentee=a.person,
        mentor=x.person,
        created_by=a.person,
        status=RelationshipStatus.PROSPECT,
        status_changed_at=NOW,
        mentee_consented_at=NOW,
    )
    offer_answer(actor=a.person, offer=offer, accept=True, now=NOW)
    offer = offer_answer(actor=x.person, offer=offer, accept=True, now=LATER)
    assert offer.relationship == existing
    existing.refresh_from_db()
    assert existing.mentor_consented_at == LATER
    assert Relationship.objects.count() == 1


def test_the_participant_reads_their_offers(ada, programme, django_assert_num_queries):
    offer, a, x = _offer(ada, programme)
    with django_assert_num_queries(1):
        mine = offers_of_participant(participant=x)
        assert [o.mentee.person.name for o in mine] == [a.person.name]
    assert offer_get_for(participant=a, offer_id=offer.pk) == offer


def test_an_offer_to_someone_who_left_cannot_start_anything(ada, programme):
    """An offer older than the leaving (or left open by it) cannot be accepted:
    no relationship begins."""
    from tribe.programs.models import MatchRun, Participant

    a, x = enrol(programme, Role.MENTEE), enrol(programme, Role.MENTOR, capacity=1)
    run = MatchRun.objects.create(programme=programme)
    offer = MatchOffer.objects.create(programme=programme, run=run, mentee=a, mentor=x, score=0.5)
    Participant.objects.filter(pk=a.pk).update(status=Participant.Status.LEFT)
    with pytest.raises(Conflict):
        offer_answer(actor=x.person, offer=offer, accept=True)
    offer.refresh_from_db()
    assert offer.relationship is None and offer.mentor_answer == "pending"
    assert not Relationship.objects.exists()


def test_a_programme_mentor_with_no_personal_places_can_start_their_pair(ada, programme):
    """The run gave the pair under the programme's capacity; the personal one (0) is for direct asks."""
    from tribe.outreach.services import agreement_start

    offer, a, x = _offer(ada, programme)
    x.person.mentee_capacity = 0
    x.person.save(update_fields=["mentee_capacity"])
    offer_answer(actor=a.person, offer=offer, accept=True, now=NOW)
    offer = offer_answer(actor=x.person, offer=offer, accept=True, now=LATER)
    rel = agreement_start(
        actor=a.person,
        relationship=offer.relationship,
        purpose="Learn python.",
        cadence_days=30,
        meeting_minutes=45,
        channel="video",
        starts_on=LATER.date(),
        months=6,
        confidentiality="",
        now=LATER,
    )
    assert rel.status == RelationshipStatus.ACTIVE
