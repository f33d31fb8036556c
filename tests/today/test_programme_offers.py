"""A programme's match offer waits on Today for each side's answer, and leaves it
once they answered."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.programs.conftest import enrol
from tribe.people.models import Person
from tribe.programs import models as pm
from tribe.programs.models import Programme, Role
from tribe.today.selectors import today_for


def offered(programme: Programme, ada: Person) -> pm.MatchOffer:
    mentee, mentor = enrol(programme, Role.MENTEE), enrol(programme, Role.MENTOR)
    run = pm.MatchRun.objects.create(programme=programme, created_by=ada)
    return pm.MatchOffer.objects.create(
        programme=programme, run=run, mentee=mentee, mentor=mentor, score=0.7
    )


def test_both_sides_are_asked_to_answer(
    programme: Programme, ada: Person, now: dt.datetime
) -> None:
    offer = offered(programme, ada)
    for side, other in ((offer.mentee, offer.mentor), (offer.mentor, offer.mentee)):
        (item,) = today_for(person=side.person, now=now).items
        assert (item.kind, item.object_id, item.programme) == ("offer", offer.pk, "engineering")
        assert item.relationship_id is None
        assert item.title == f"Engineering mentoring offers you a match with {other.person.name}"
    offer.mentee_answer = pm.Answer.ACCEPTED
    offer.save()
    assert today_for(person=offer.mentee.person, now=now).items == []
    assert [i.kind for i in today_for(person=offer.mentor.person, now=now).items] == ["offer"]
    offer.status = pm.OfferStatus.WITHDRAWN
    offer.save()
    assert today_for(person=offer.mentor.person, now=now).items == []


def test_offers_cost_one_query_however_many(programme: Programme, ada: Person, now) -> None:  # type: ignore[no-untyped-def]
    one = offered(programme, ada)
    with CaptureQueriesContext(connection) as baseline:
        today_for(person=one.mentee.person, now=now)
    with CaptureQueriesContext(connection) as again:
        today_for(person=one.mentee.person, now=now)
    assert len(again.captured_queries) == len(baseline.captured_queries)


def test_the_page_links_to_the_offer(client, programme: Programme, ada: Person) -> None:  # type: ignore[no-untyped-def]
    offer = offered(programme, ada)
    client.force_login(offer.mentee.person)
    page = client.get("/today/").content.decode()
    assert f'href="/my-programmes/engineering/offers/#offer-{offer.pk}"' in page
