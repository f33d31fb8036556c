"""The days of an ask's steps when the two sides live in different time zones.

Each side passes its own local today; a step is dated the later of that day and
the previous step's day (``advocacy/services.py``), so the steps never read out
of order and a sponsor behind the asker's calendar can still take them.

Ravi (Asia/Kolkata) asks at 18:54 UTC on 4 December 2026: it is already the 5th
for him, and still the 4th for Hugo, his sponsor, in Paris.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PersonFactory, RelationshipFactory
from tribe.advocacy.errors import AdvocacyCode
from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.advocacy.services import (
    ask_agree,
    ask_create,
    ask_decline,
    ask_mark_done,
    ask_record_outcome,
    ask_withdraw,
)
from tribe.core import clock
from tribe.core.errors import Conflict, ValidationError
from tribe.core.zones import local
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 12, 4, 18, 54, tzinfo=dt.UTC)
DEC_4, DEC_5 = dt.date(2026, 12, 4), dt.date(2026, 12, 5)


def _today(person: Person, moment: dt.datetime = MOMENT) -> dt.date:
    return local(moment, person.timezone).date()


@pytest.fixture
def hugo(db: None) -> Person:
    return PersonFactory(name="Hugo Martin", email="hugo@example.com", timezone="Europe/Paris")


def _sponsorship(protege: Person, sponsor: Person) -> Relationship:
    return RelationshipFactory(
        mentee=protege, mentor=sponsor, created_by=protege, kind="sponsor", status_changed_at=MOMENT
    )


def _ask(protege: Person, sponsor: Person) -> AdvocacyAsk:
    return ask_create(
        author=protege,
        relationship=_sponsorship(protege, sponsor),
        audience="the promotion committee",
        opportunity="the staff role",
        today=_today(protege),
    )


def test_the_two_zones_see_different_days(ravi: Person, hugo: Person) -> None:
    assert (_today(ravi), _today(hugo)) == (DEC_5, DEC_4)


def test_a_sponsor_behind_the_askers_day_answers_speaks_and_records_in_order(
    ravi: Person, hugo: Person
) -> None:
    ask = _ask(ravi, hugo)
    assert ask.asked_on == DEC_5
    agreed = ask_agree(actor=hugo, ask=ask, today=_today(hugo))
    assert agreed.answered_on == DEC_5  # not the 4th: never before the ask
    done = ask_mark_done(actor=hugo, ask=agreed, today=_today(hugo))
    assert done.spoke_on == DEC_5  # "today" for him is at least the day he agreed
    finished = ask_record_outcome(actor=hugo, ask=done, today=_today(hugo), outcome="Promoted")
    stored = AdvocacyAsk.objects.get(pk=finished.pk)
    assert (stored.asked_on, stored.answered_on, stored.spoke_on, stored.outcome_on) == (
        DEC_5,
        DEC_5,
        DEC_5,
        DEC_5,
    )
    # Recorded already: the refusal says where the ask stands in a sentence.
    with pytest.raises(Conflict) as again:
        ask_record_outcome(actor=ravi, ask=stored, today=_today(ravi), outcome="Twice")
    assert again.value.code == AdvocacyCode.BAD_STEP
    assert again.value.message == (
        "this ask's outcome is already recorded, so it cannot be given an outcome now"
    )


def test_a_named_day_lies_between_the_agreement_and_the_later_today(
    ravi: Person, hugo: Person
) -> None:
    agreed = ask_agree(actor=hugo, ask=_ask(ravi, hugo), today=_today(hugo))
    with pytest.raises(ValidationError) as early:
        ask_mark_done(actor=hugo, ask=agreed, today=_today(hugo), spoke_on=DEC_4)
    assert (early.value.code, early.value.field) == (AdvocacyCode.SPOKE_BEFORE_AGREED, "spoke_on")
    assert "5 Dec 2026" in early.value.message
    with pytest.raises(ValidationError) as late:
        ask_mark_done(actor=hugo, ask=agreed, today=_today(hugo), spoke_on=DEC_5 + dt.timedelta(1))
    assert (late.value.code, late.value.field) == (AdvocacyCode.FUTURE_DATE, "spoke_on")
    stored = AdvocacyAsk.objects.get(pk=agreed.pk)
    assert (stored.status, stored.spoke_on) == (AskStatus.AGREED, None)
    # Days later in his own zone, his own today is the day again.
    later = MOMENT + dt.timedelta(days=3)
    done = ask_mark_done(actor=hugo, ask=stored, today=_today(hugo, later))
    assert done.spoke_on == dt.date(2026, 12, 7)


def test_a_no_from_behind_is_not_dated_before_the_ask(ravi: Person, hugo: Person) -> None:
    declined = ask_decline(actor=hugo, ask=_ask(ravi, hugo), today=_today(hugo))
    assert (declined.asked_on, declined.answered_on) == (DEC_5, DEC_5)


def test_a_protege_behind_the_sponsors_day_withdraws_in_order(hugo: Person, ravi: Person) -> None:
    # The other way round: Hugo in Paris is sponsored by Ravi in Kolkata.
    ask = _ask(hugo, ravi)
    assert ask.asked_on == DEC_4
    agreed = ask_agree(actor=ravi, ask=ask, today=_today(ravi))
    assert agreed.answered_on == DEC_5  # his own today, after the ask: kept
    withdrawn = ask_withdraw(actor=hugo, ask=agreed, today=_today(hugo))
    assert withdrawn.withdrawn_on == DEC_5


def _browser(person: Person) -> Client:
    browser = Client()
    browser.force_login(person)
    return browser


def test_the_pages_read_the_steps_in_order(ravi: Person, hugo: Person) -> None:
    sponsorship = _sponsorship(ravi, hugo)
    with clock.frozen(MOMENT):
        asked = _browser(ravi).post(
            reverse("web:advocacy_ask_new", args=[sponsorship.pk]),
            {"audience": "the promotion committee", "opportunity": "the staff role"},
        )
        assert asked.status_code == 302
        ask = AdvocacyAsk.objects.get()
        sponsor = _browser(hugo)
        assert (
            sponsor.post(reverse("web:advocacy_agree", args=[ask.pk]), {"note": ""}).status_code
            == 302
        )
        done = sponsor.post(reverse("web:advocacy_done", args=[ask.pk]), {"spoke_on": ""})
        assert done.status_code == 302
        for person in (ravi, hugo):
            page = _browser(person).get(reverse("web:relationship", args=[sponsorship.pk]))
            text = page.content.decode()
            assert "asked 5 Dec 2026" in text and "agreed 5 Dec 2026" in text
            assert "spoke 5 Dec 2026" in text
            assert "agreed 4 Dec" not in text and "spoke 4 Dec" not in text
