"""A programme pair whose health is at risk: the hourly nudges already reach it.

Nothing programme-specific is needed: an accepted offer is an ordinary
relationship, Today lists "get in touch" for its mentee (who owns the
logistics) once contact slips, and ``personal_nudges`` mails that item once it
is at risk or dormant, once per stage (the day contact fell due). These tests
hold that for a pair made the programme's way: published, accepted by both.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory
from tests.programme_fixtures import enrol
from tribe.ledger.services import touchpoint_log
from tribe.notifications.nudges import send_nudges
from tribe.notifications.programme_mail import offers_publish
from tribe.outbox.models import Message
from tribe.people.models import Person
from tribe.programs.engagement import programme_engagement
from tribe.programs.models import MatchOffer, Programme, Role
from tribe.programs.offers import offer_answer
from tribe.programs.runs import run_create
from tribe.relationships.models import Relationship, RelationshipStatus
from tribe.relationships.services import relationship_set_status

START = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def nudges(person: Person) -> list[Message]:
    return list(Message.objects.filter(person=person, kind=Message.Kind.NUDGE).order_by("pk"))


def run(moment: dt.datetime) -> int:
    return int(send_nudges.call(slot=moment.isoformat()))


@pytest.fixture
def pair(ada: Person, programme: Programme) -> Relationship:
    mia = PersonFactory(name="Mia Mentee", timezone="UTC")
    max_ = PersonFactory(name="Max Mentor", timezone="UTC", mentee_capacity=3)
    enrol(programme, Role.MENTEE, person=mia, wants="python")
    enrol(programme, Role.MENTOR, person=max_, offers="python", capacity=1)
    offers_publish(actor=ada, run=run_create(actor=ada, programme=programme, now=START), now=START)
    offer = MatchOffer.objects.get()
    offer_answer(actor=mia, offer=offer, accept=True, now=START)
    offer = offer_answer(actor=max_, offer=offer, accept=True, now=START)
    assert offer.relationship is not None
    return relationship_set_status(
        actor=mia, relationship=offer.relationship, status=RelationshipStatus.ACTIVE, now=START
    )


def test_the_mentee_of_a_pair_at_risk_is_nudged_once_and_the_mentor_not(
    programme: Programme, pair: Relationship
) -> None:
    cadence = pair.cadence_days
    assert cadence == programme.default_cadence_days
    due_only = START + (cadence + 1) * DAY
    run(due_only)
    assert nudges(pair.mentee) == []  # merely due: Today shows it, no mail
    at_risk = START + (2 * cadence + 1) * DAY
    engagement = programme_engagement(programme=programme, zone_name="UTC", now=at_risk)
    assert [p.relationship_id for p in engagement.at_risk] == [pair.pk]
    run(at_risk)
    [told] = nudges(pair.mentee)
    assert f"at_risk-{pair.pk}-" in told.key
    assert "Get in touch with Max Mentor" in told.body_text
    assert nudges(pair.mentor) == []
    # The next hour, the next day, and slipping further to dormant: the same stage.
    run(at_risk + dt.timedelta(hours=1))
    run(at_risk + DAY)
    run(START + (4 * cadence + 2) * DAY)
    assert len(nudges(pair.mentee)) == 1


def test_after_contact_a_new_slip_is_a_new_nudge(pair: Relationship) -> None:
    cadence = pair.cadence_days
    assert cadence is not None
    first = START + (2 * cadence + 1) * DAY
    run(first)
    touched = first.date()
    touchpoint_log(
        actor=pair.mentee, relationship=pair, kind="call", happened_on=touched, today=touched
    )
    run(first + DAY)
    assert len(nudges(pair.mentee)) == 1  # in touch again: nothing to tell
    run(first + (2 * cadence + 1) * DAY)
    assert len(nudges(pair.mentee)) == 2
    assert nudges(pair.mentor) == []
