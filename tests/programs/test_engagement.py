"""Engagement per pair and per cohort: meetings held against the cadence, last contact,
the ledger's health, pairs at risk, people waiting, offers waiting; a fixed number of
queries whatever the number of pairs."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory
from tests.programs.pairs import NOW, many_pairs, pair, participant, run_of
from tribe.ledger.health import State
from tribe.ledger.models import Touchpoint
from tribe.ledger.selectors import relationships_with_health
from tribe.programs.engagement import pair_cadence, programme_engagement
from tribe.programs.models import (
    Answer,
    Cohort,
    MatchOffer,
    OfferStatus,
    ParticipantStatus,
    Programme,
    Role,
)

pytestmark = pytest.mark.django_db

TODAY = NOW.date()


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_a_pair_counts_meetings_against_its_cadence(programme: Programme) -> None:
    offer = pair(programme, started=days_ago(95), cadence=30, held=(20, 50), score=0.81)
    engagement = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    (row,) = engagement.pairs
    assert (row.offer_id, row.relationship_id) == (offer.pk, offer.relationship_id)
    assert (row.meetings_held, row.meetings_expected, row.cadence_kept) == (2, 3, False)
    assert row.last_contact_on == days_ago(95) + dt.timedelta(days=50)
    assert row.score == pytest.approx(0.81)
    assert row.started_on == days_ago(95)


def test_health_is_the_ledgers_own(programme: Programme) -> None:
    healthy = pair(programme, started=days_ago(40), held=(30,))
    due = pair(programme, started=days_ago(45))  # no contact, 45 days against 30: due
    at_risk = pair(programme, started=days_ago(80))  # over two cadences
    dormant = pair(programme, started=days_ago(130))  # over four
    touched = pair(programme, started=days_ago(130))
    assert touched.relationship is not None
    Touchpoint.objects.create(
        relationship=touched.relationship,
        author=touched.mentee.person,
        happened_on=days_ago(3),
        kind="call",
    )
    engagement = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    states = {p.offer_id: p.health for p in engagement.pairs}
    assert states == {
        healthy.pk: State.HEALTHY,
        due.pk: State.DUE,
        at_risk.pk: State.AT_RISK,
        dormant.pk: State.DORMANT,
        touched.pk: State.HEALTHY,
    }
    # The same answer the mentee's own pages give.
    mine = relationships_with_health(person=dormant.mentee.person, now=NOW)
    assert [r.health.state for r in mine] == [State.DORMANT]
    assert [p.offer_id for p in engagement.at_risk] == [dormant.pk, at_risk.pk]
    assert engagement.total.at_risk == 2
    assert engagement.total.health == {
        "healthy": 2,
        "due": 1,
        "at_risk": 1,
        "dormant": 1,
        "inactive": 0,
    }


def test_people_waiting_and_offers_waiting(programme: Programme) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Spring")
    waiting = participant(programme, Role.MENTEE, cohort=cohort)
    both = participant(programme, Role.BOTH, cohort=cohort)
    participant(programme, Role.MENTOR, cohort=cohort)  # a mentor waits for nobody
    participant(programme, Role.MENTEE, cohort=cohort, status=ParticipantStatus.LEFT)
    declined = participant(programme, Role.MENTEE, cohort=cohort)
    offered = participant(programme, Role.MENTEE, cohort=cohort)
    mentor = participant(programme, Role.MENTOR, cohort=cohort)
    run = run_of(programme, cohort)
    MatchOffer.objects.create(
        programme=programme,
        run=run,
        mentee=declined,
        mentor=mentor,
        score=0.5,
        status=OfferStatus.DECLINED,
        mentee_answer=Answer.DECLINED,
    )
    second = run_of(programme, None)
    open_offer = MatchOffer.objects.create(
        programme=programme,
        run=second,
        mentee=offered,
        mentor=mentor,
        score=0.6,
        mentor_answer=Answer.ACCEPTED,
    )
    matched = pair(programme, cohort=cohort)
    engagement = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    assert {w.participant_id for w in engagement.waiting} == {waiting.pk, both.pk, declined.pk}
    assert matched.mentee_id not in {w.participant_id for w in engagement.waiting}
    (offer,) = engagement.open_offers
    assert (offer.offer_id, offer.waiting_for) == (open_offer.pk, "mentee")
    (spring,) = engagement.cohorts
    assert (spring.name, spring.waiting, spring.offers_open, spring.pairs) == ("Spring", 3, 1, 1)
    # Enrolled: three waiting, the offered one and the matched one (both counts as mentee too).
    assert (spring.mentees, spring.mentors) == (5, 4)


def test_per_cohort_and_one_cohort(programme: Programme) -> None:
    spring = Cohort.objects.create(programme=programme, name="Spring")
    autumn = Cohort.objects.create(programme=programme, name="Autumn")
    pair(programme, cohort=spring, held=(10,))
    pair(programme, cohort=spring)
    pair(programme, cohort=autumn, held=(10, 40))
    pair(programme)  # no cohort
    engagement = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    by_name = {c.name: c for c in engagement.cohorts}
    assert set(by_name) == {"Spring", "Autumn", None}
    assert (by_name["Spring"].pairs, by_name["Spring"].meetings_held) == (2, 1)
    assert (by_name["Autumn"].pairs, by_name["Autumn"].meetings_held) == (1, 2)
    assert engagement.total.pairs == 4
    only = programme_engagement(programme=programme, zone_name="UTC", cohort=autumn, now=NOW)
    assert [c.name for c in only.cohorts] == ["Autumn"]
    assert len(only.pairs) == 1 and only.total.meetings_held == 2


def test_another_programme_is_never_counted(
    programme: Programme, other_programme: Programme
) -> None:
    pair(other_programme, held=(3,))
    participant(other_programme, Role.MENTEE)
    engagement = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    assert (engagement.pairs, engagement.waiting, engagement.open_offers) == ((), (), ())
    assert engagement.total.pairs == 0


def test_a_pair_ended_early_owes_no_meetings_after_its_end() -> None:
    assert (
        pair_cadence(started_on=days_ago(300), today=TODAY, ends_on=days_ago(240), cadence_days=30)
        == 2
    )
    assert pair_cadence(started_on=TODAY, today=TODAY, ends_on=None, cadence_days=30) == 0


def test_no_private_text_is_loaded(programme: Programme) -> None:
    offer = pair(programme, purpose="PRIVATE purpose words")
    engagement = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    assert "PRIVATE" not in repr(engagement)
    assert offer.relationship_id == engagement.pairs[0].relationship_id


@pytest.mark.parametrize("pairs", [10, 200])
def test_a_fixed_number_of_queries(
    programme: Programme, pairs: int, django_assert_num_queries: object
) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Big")
    many_pairs(programme, pairs, cohort=cohort)
    for _ in range(pairs // 10):
        participant(programme, Role.MENTEE, cohort=cohort, person=PersonFactory())
    with django_assert_num_queries(5):  # type: ignore[operator]
        engagement = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    assert engagement.total.pairs == pairs
    assert engagement.total.waiting == pairs // 10
