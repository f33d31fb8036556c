"""Asks in a person's export (both sides', nobody else's) and after an account is erased."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.advocacy.conftest import LATER, TODAY
from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.advocacy.services import ask_agree, ask_mark_done, ask_record_outcome
from tribe.people.models import Person
from tribe.portability.erasure import account_erase
from tribe.portability.selectors import person_export

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)


def _through(ask: AdvocacyAsk, sponsor: Person, recorder: Person) -> AdvocacyAsk:
    ask_agree(actor=sponsor, ask=ask, today=TODAY, note="SPONSOR-answer")
    ask_mark_done(actor=sponsor, ask=ask, today=TODAY, note="SPONSOR-said")
    return ask_record_outcome(actor=recorder, ask=ask, today=TODAY, outcome="OUTCOME-text")


def test_both_sides_export_the_asks_and_a_stranger_nothing(
    ask: AdvocacyAsk, maya: Person, ravi: Person, eve: Person
) -> None:
    _through(ask, ravi, maya)
    (mine,) = person_export(person=maya)["advocacy_asks"]
    (theirs,) = person_export(person=ravi)["advocacy_asks"]
    assert mine["id"] == theirs["id"] == ask.pk
    assert (mine["asked_by_me"], mine["answered_by_me"], mine["outcome_by_me"]) == (
        True,
        False,
        True,
    )
    assert (theirs["asked_by_me"], theirs["answered_by_me"], theirs["done_by_me"]) == (
        False,
        True,
        True,
    )
    assert mine["case"] == ask.case and mine["outcome"] == "OUTCOME-text"
    assert mine["by_when"] == LATER.isoformat()
    assert person_export(person=eve)["advocacy_asks"] == []


def test_erasing_the_sponsor_leaves_the_ask_without_their_words(
    ask: AdvocacyAsk, maya: Person, ravi: Person
) -> None:
    _through(ask, ravi, ravi)
    account_erase(actor=ravi, now=NOW)
    kept = AdvocacyAsk.objects.get(pk=ask.pk)
    assert kept.asked_by == maya and kept.case == ask.case  # hers
    assert (kept.answer_note, kept.done_note, kept.outcome) == ("", "", "")
    assert (kept.status, kept.answered_by, kept.done_by, kept.outcome_on) == (
        AskStatus.DONE,
        None,
        None,
        None,
    )
    assert kept.answered_on == TODAY  # the dates of the steps stay


def test_an_outcome_the_protege_recorded_stays_when_the_sponsor_goes(
    ask: AdvocacyAsk, maya: Person, ravi: Person
) -> None:
    _through(ask, ravi, maya)
    account_erase(actor=ravi, now=NOW)
    kept = AdvocacyAsk.objects.get(pk=ask.pk)
    assert (kept.status, kept.outcome, kept.outcome_by) == (AskStatus.OUTCOME, "OUTCOME-text", maya)


def test_erasing_the_protege_takes_their_asks(ask: AdvocacyAsk, maya: Person, ravi: Person) -> None:
    _through(ask, ravi, ravi)
    account_erase(actor=maya, now=NOW)
    assert not AdvocacyAsk.objects.exists()
