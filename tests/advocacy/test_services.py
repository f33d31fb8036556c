"""Writing an ask and taking its steps: who may take which, in which order, and bad input.

Every refusal carries its code, and nothing is written when one is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.advocacy.conftest import LATER, TODAY
from tests.factories import RelationshipFactory
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
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, TribeError, ValidationError
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _create(author: Person, relationship: Relationship, **fields: Any) -> AdvocacyAsk:
    values: dict[str, Any] = {
        "audience": "the hiring committee",
        "opportunity": "the platform lead role",
        "today": TODAY,
    }
    return ask_create(author=author, relationship=relationship, **{**values, **fields})


def test_the_protege_asks_and_the_sponsor_sees_it_through(
    ask: AdvocacyAsk, maya: Person, ravi: Person
) -> None:
    assert (ask.status, ask.asked_on, ask.asked_by, ask.by_when) == (
        AskStatus.ASKED,
        TODAY,
        maya,
        LATER,
    )
    agreed = ask_agree(actor=ravi, ask=ask, today=TODAY, note="  Happy to.  ")
    assert (agreed.status, agreed.answered_on, agreed.answered_by, agreed.answer_note) == (
        AskStatus.AGREED,
        TODAY,
        ravi,
        "Happy to.",
    )
    spoke = TODAY + dt.timedelta(days=5)
    done = ask_mark_done(
        actor=ravi, ask=agreed, today=spoke + dt.timedelta(days=1), spoke_on=spoke, note="Said so"
    )
    assert (done.status, done.spoke_on, done.done_by, done.done_note) == (
        AskStatus.DONE,
        spoke,
        ravi,
        "Said so",
    )
    finished = ask_record_outcome(actor=maya, ask=done, today=LATER, outcome="Promoted!")
    assert (finished.status, finished.outcome, finished.outcome_on, finished.outcome_by) == (
        AskStatus.OUTCOME,
        "Promoted!",
        LATER,
        maya,
    )
    stored = AdvocacyAsk.objects.get(pk=ask.pk)
    assert stored.status == AskStatus.OUTCOME and stored.answered_by == ravi


def test_the_sponsor_may_decline_and_record_the_outcome_too(ask: AdvocacyAsk, ravi: Person) -> None:
    declined = ask_decline(actor=ravi, ask=ask, today=TODAY, note="Not my area")
    assert (declined.status, declined.answer_note) == (AskStatus.DECLINED, "Not my area")
    with pytest.raises(Conflict) as refused:
        ask_mark_done(actor=ravi, ask=declined, today=TODAY)
    assert refused.value.code == AdvocacyCode.BAD_STEP
    assert "declined" in refused.value.message and "marked done" in refused.value.message


def test_either_side_records_the_outcome(ask: AdvocacyAsk, ravi: Person) -> None:
    ask_agree(actor=ravi, ask=ask, today=TODAY)
    ask_mark_done(actor=ravi, ask=ask, today=TODAY)
    done = ask_record_outcome(actor=ravi, ask=ask, today=TODAY, outcome="They took her on")
    assert (done.status, done.outcome_by) == (AskStatus.OUTCOME, ravi)


@pytest.mark.parametrize(
    "step",
    [
        lambda a, p: ask_agree(actor=p, ask=a, today=TODAY),
        lambda a, p: ask_decline(actor=p, ask=a, today=TODAY),
    ],
    ids=["agree", "decline"],
)
def test_the_protege_cannot_answer_for_the_sponsor(
    ask: AdvocacyAsk, maya: Person, step: Callable[[AdvocacyAsk, Person], object]
) -> None:
    with pytest.raises(Conflict) as refused:
        step(ask, maya)
    assert refused.value.code == AdvocacyCode.SPONSORS_STEP
    assert "Ravi Menon" in refused.value.message
    assert AdvocacyAsk.objects.get(pk=ask.pk).status == AskStatus.ASKED


def test_the_protege_cannot_say_the_sponsor_spoke(
    ask: AdvocacyAsk, maya: Person, ravi: Person
) -> None:
    ask_agree(actor=ravi, ask=ask, today=TODAY)
    with pytest.raises(Conflict) as refused:
        ask_mark_done(actor=maya, ask=ask, today=TODAY)
    assert refused.value.code == AdvocacyCode.SPONSORS_STEP
    assert AdvocacyAsk.objects.get(pk=ask.pk).status == AskStatus.AGREED


def test_only_the_protege_withdraws_and_only_before_the_sponsor_spoke(
    ask: AdvocacyAsk, maya: Person, ravi: Person
) -> None:
    with pytest.raises(Conflict) as refused:
        ask_withdraw(actor=ravi, ask=ask, today=TODAY)
    assert refused.value.code == AdvocacyCode.PROTEGES_STEP
    ask_agree(actor=ravi, ask=ask, today=TODAY)
    withdrawn = ask_withdraw(actor=maya, ask=ask, today=TODAY)
    assert (withdrawn.status, withdrawn.withdrawn_on, withdrawn.withdrawn_by) == (
        AskStatus.WITHDRAWN,
        TODAY,
        maya,
    )
    with pytest.raises(Conflict) as again:
        ask_withdraw(actor=maya, ask=ask, today=TODAY)
    assert again.value.code == AdvocacyCode.BAD_STEP


def test_an_ask_once_done_cannot_be_withdrawn(ask: AdvocacyAsk, maya: Person, ravi: Person) -> None:
    ask_agree(actor=ravi, ask=ask, today=TODAY)
    ask_mark_done(actor=ravi, ask=ask, today=TODAY)
    with pytest.raises(Conflict) as refused:
        ask_withdraw(actor=maya, ask=ask, today=TODAY)
    assert refused.value.code == AdvocacyCode.BAD_STEP


@pytest.mark.parametrize(
    ("setup", "step"),
    [
        ((), lambda a, m, r: ask_mark_done(actor=r, ask=a, today=TODAY)),
        ((), lambda a, m, r: ask_record_outcome(actor=m, ask=a, today=TODAY, outcome="x")),
        (("agree",), lambda a, m, r: ask_agree(actor=r, ask=a, today=TODAY)),
        (("agree",), lambda a, m, r: ask_decline(actor=r, ask=a, today=TODAY)),
        (("agree",), lambda a, m, r: ask_record_outcome(actor=m, ask=a, today=TODAY, outcome="x")),
        (("agree", "done"), lambda a, m, r: ask_mark_done(actor=r, ask=a, today=TODAY)),
    ],
    ids=[
        "done_before_agreed",
        "outcome_before_asked_is_done",
        "agree_twice",
        "decline_after_agreeing",
        "outcome_before_spoken",
        "done_twice",
    ],
)
def test_steps_out_of_order_are_refused(
    ask: AdvocacyAsk,
    maya: Person,
    ravi: Person,
    setup: tuple[str, ...],
    step: Callable[[AdvocacyAsk, Person, Person], object],
) -> None:
    if "agree" in setup:
        ask_agree(actor=ravi, ask=ask, today=TODAY)
    if "done" in setup:
        ask_mark_done(actor=ravi, ask=ask, today=TODAY)
    before = AdvocacyAsk.objects.filter(pk=ask.pk).values().get()
    with pytest.raises(Conflict) as refused:
        step(ask, maya, ravi)
    assert refused.value.code == AdvocacyCode.BAD_STEP
    assert AdvocacyAsk.objects.filter(pk=ask.pk).values().get() == before


def test_a_stranger_is_not_found(ask: AdvocacyAsk, eve: Person, sponsorship: Relationship) -> None:
    for step in (
        lambda: ask_agree(actor=eve, ask=ask, today=TODAY),
        lambda: ask_withdraw(actor=eve, ask=ask, today=TODAY),
        lambda: ask_record_outcome(actor=eve, ask=ask, today=TODAY, outcome="x"),
        lambda: _create(eve, sponsorship),
    ):
        with pytest.raises(NotFound):
            step()
    assert AdvocacyAsk.objects.count() == 1


def test_asks_belong_to_sponsor_relationships_only(maya: Person, maya_ravi: Relationship) -> None:
    with pytest.raises(Conflict) as refused:
        _create(maya, maya_ravi)
    assert (refused.value.code, refused.value.field) == (
        AdvocacyCode.NOT_SPONSORSHIP,
        "relationship",
    )
    assert "mentor relationship" in refused.value.message
    assert not AdvocacyAsk.objects.exists()


def test_the_sponsor_does_not_write_the_ask(ravi: Person, sponsorship: Relationship) -> None:
    with pytest.raises(Conflict) as refused:
        _create(ravi, sponsorship)
    assert refused.value.code == AdvocacyCode.PROTEGES_ASK
    assert "Maya Chen" in refused.value.message


def test_no_ask_before_both_said_yes_nor_after_the_end(maya: Person, ravi: Person) -> None:
    asked = RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="sponsor", status="asked"
    )
    with pytest.raises(Conflict) as refused:
        _create(maya, asked)
    assert refused.value.code == AdvocacyCode.NOT_MUTUAL
    ended = RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="sponsor", status="ended"
    )
    with pytest.raises(Conflict) as closed:
        _create(maya, ended)
    assert closed.value.code == AdvocacyCode.CLOSED and "ended" in closed.value.message
    assert not AdvocacyAsk.objects.exists()


def test_with_a_sponsor_who_is_a_contact_the_protege_keeps_the_whole_record(
    maya: Person, contact_sponsor: Relationship
) -> None:
    ask = _create(maya, contact_sponsor)
    ask = ask_agree(actor=maya, ask=ask, today=TODAY)
    ask = ask_mark_done(actor=maya, ask=ask, today=TODAY)
    ask = ask_record_outcome(actor=maya, ask=ask, today=TODAY, outcome="Got the stage")
    assert (ask.status, ask.answered_by, ask.done_by) == (AskStatus.OUTCOME, maya, maya)


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"audience": "   "}, "audience", CoreCode.REQUIRED),
        ({"opportunity": ""}, "opportunity", CoreCode.REQUIRED),
        ({"audience": "x" * 201}, "audience", CoreCode.TOO_LONG),
        ({"opportunity": "x" * 301}, "opportunity", CoreCode.TOO_LONG),
        ({"case": "x" * 2001}, "case", CoreCode.TOO_LONG),
        ({"audience": "the VP\nand the CTO"}, "audience", CoreCode.LINE_BREAK),
        ({"case": "bad\x00byte"}, "case", CoreCode.CONTROL_CHARACTER),
        ({"by_when": TODAY - dt.timedelta(days=1)}, "by_when", AdvocacyCode.BY_WHEN_PAST),
        ({"by_when": dt.date(9999, 1, 1)}, "by_when", CoreCode.DATE_RANGE),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(
    maya: Person, sponsorship: Relationship, fields: dict[str, Any], field: str, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _create(maya, sponsorship, **fields)
    assert (refused.value.field, refused.value.code) == (field, code)
    assert not AdvocacyAsk.objects.exists()


def test_by_when_may_be_today_or_left_out(maya: Person, sponsorship: Relationship) -> None:
    assert _create(maya, sponsorship, by_when=TODAY).by_when == TODAY
    assert _create(maya, sponsorship, opportunity="another").by_when is None


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"spoke_on": TODAY + dt.timedelta(days=1)}, "spoke_on", AdvocacyCode.FUTURE_DATE),
        (
            {"spoke_on": TODAY - dt.timedelta(days=1)},
            "spoke_on",
            AdvocacyCode.SPOKE_BEFORE_AGREED,
        ),
        ({"note": "x" * 1001}, "note", CoreCode.TOO_LONG),
    ],
)
def test_marking_done_checks_its_day_and_note(
    ask: AdvocacyAsk, ravi: Person, fields: dict[str, Any], field: str, code: str
) -> None:
    ask_agree(actor=ravi, ask=ask, today=TODAY)
    with pytest.raises(TribeError) as refused:
        ask_mark_done(actor=ravi, ask=ask, today=TODAY, **fields)
    assert (refused.value.field, refused.value.code) == (field, code)
    assert AdvocacyAsk.objects.get(pk=ask.pk).status == AskStatus.AGREED


def test_an_outcome_needs_words_within_the_limit(
    ask: AdvocacyAsk, maya: Person, ravi: Person
) -> None:
    ask_agree(actor=ravi, ask=ask, today=TODAY)
    ask_mark_done(actor=ravi, ask=ask, today=TODAY)
    for text, code in (("  ", CoreCode.REQUIRED), ("x" * 2001, CoreCode.TOO_LONG)):
        with pytest.raises(ValidationError) as refused:
            ask_record_outcome(actor=maya, ask=ask, today=TODAY, outcome=text)
        assert (refused.value.field, refused.value.code) == ("outcome", code)
    assert AdvocacyAsk.objects.get(pk=ask.pk).status == AskStatus.DONE


def test_a_too_long_answer_note_writes_nothing(ask: AdvocacyAsk, ravi: Person) -> None:
    with pytest.raises(ValidationError) as refused:
        ask_agree(actor=ravi, ask=ask, today=TODAY, note="x" * 1001)
    assert refused.value.field == "note"
    assert AdvocacyAsk.objects.get(pk=ask.pk).status == AskStatus.ASKED


def test_going_back_to_prospect_closes_the_asks_to_the_sponsor(
    ask: AdvocacyAsk, ravi: Person, sponsorship: Relationship
) -> None:
    Relationship.objects.filter(pk=sponsorship.pk).update(mentor_consented_at=None)
    with pytest.raises(NotFound):
        ask_agree(actor=ravi, ask=ask, today=TODAY)


def test_the_database_holds_the_pipeline_too(ask: AdvocacyAsk) -> None:
    from django.db import IntegrityError, transaction

    for change in (
        {"status": AskStatus.AGREED},  # agreed with no day of the answer
        {"status": AskStatus.OUTCOME, "answered_on": TODAY, "spoke_on": TODAY},  # no outcome
        {"status": "maybe"},
        {"by_when": TODAY - dt.timedelta(days=1)},
        {"audience": ""},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            AdvocacyAsk.objects.filter(pk=ask.pk).update(**change)
