"""Reading asks: both sides of the relationship, nobody else; what is due, in one query."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.advocacy.conftest import LATER, TODAY
from tests.factories import PersonFactory, RelationshipFactory
from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.advocacy.pipeline import Step, steps_for
from tribe.advocacy.selectors import advocacy_due_for_many, ask_get_for, asks_for, asks_of
from tribe.advocacy.services import ask_agree, ask_create, ask_mark_done, ask_record_outcome
from tribe.core.errors import NotFound
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def test_both_sides_read_the_asks_and_a_stranger_nothing(
    ask: AdvocacyAsk, maya: Person, ravi: Person, eve: Person, sponsorship: Relationship
) -> None:
    assert list(asks_of(person=maya, relationship=sponsorship)) == [ask]
    assert list(asks_of(person=ravi, relationship=sponsorship)) == [ask]
    assert list(asks_of(person=eve, relationship=sponsorship)) == []
    assert ask_get_for(person=ravi, ask_id=ask.pk) == ask
    for wanted in (ask.pk, ask.pk + 1000, "x", None):
        with pytest.raises(NotFound):
            ask_get_for(person=eve, ask_id=wanted)  # type: ignore[arg-type]
    assert list(asks_for(person=eve)) == []


def test_a_sponsor_who_has_not_said_yes_reads_nothing(
    ask: AdvocacyAsk, ravi: Person, sponsorship: Relationship
) -> None:
    Relationship.objects.filter(pk=sponsorship.pk).update(mentor_consented_at=None)
    with pytest.raises(NotFound):
        ask_get_for(person=ravi, ask_id=ask.pk)


def test_the_steps_each_side_may_take(ask: AdvocacyAsk, maya: Person, ravi: Person) -> None:
    assert steps_for(ask, maya) == {Step.WITHDRAW}
    assert steps_for(ask, ravi) == {Step.AGREE, Step.DECLINE}
    ask = ask_agree(actor=ravi, ask=ask, today=TODAY)
    assert steps_for(ask, maya) == {Step.WITHDRAW}
    assert steps_for(ask, ravi) == {Step.DONE}
    ask = ask_mark_done(actor=ravi, ask=ask, today=TODAY)
    assert steps_for(ask, maya) == steps_for(ask, ravi) == {Step.OUTCOME}
    ask = ask_record_outcome(actor=maya, ask=ask, today=TODAY, outcome="Yes")
    assert steps_for(ask, maya) == steps_for(ask, ravi) == frozenset()


def _sponsored(sponsor: Person, **fields: object) -> tuple[Person, Relationship]:
    protege = PersonFactory()
    relationship = RelationshipFactory(
        mentee=protege, mentor=sponsor, created_by=protege, kind="sponsor", **fields
    )
    return protege, relationship


def _ask(protege: Person, relationship: Relationship, **fields: object) -> AdvocacyAsk:
    return ask_create(
        author=protege,
        relationship=relationship,
        audience="the board",
        opportunity="a seat",
        today=TODAY,
        **fields,  # type: ignore[arg-type]
    )


def test_what_is_due_for_many_people(
    django_assert_num_queries, ask: AdvocacyAsk, maya: Person, ravi: Person, eve: Person
) -> None:  # type: ignore[no-untyped-def]
    # Ravi sponsors two more; one ask of each waits, one is past its date.
    others = [_sponsored(ravi) for _ in range(2)]
    waiting = [_ask(p, r) for p, r in others]
    late = _ask(*others[0], by_when=TODAY)
    ask_agree(actor=ravi, ask=late, today=TODAY)
    settled = _ask(*others[1], by_when=TODAY)
    ask_agree(actor=ravi, ask=settled, today=TODAY)
    ask_mark_done(actor=ravi, ask=settled, today=TODAY)
    ask_record_outcome(actor=ravi, ask=settled, today=TODAY, outcome="Done and dusted")
    after = TODAY + dt.timedelta(days=1)
    people = [maya, ravi, eve, *(p for p, _ in others)]
    with django_assert_num_queries(1):
        due = advocacy_due_for_many(people=people, today=after)
        for person in people:  # everything they show is loaded
            for row in (*due[person.pk].to_answer, *due[person.pk].past_date):
                assert row.relationship.mentee_name and row.asked_by.name
    assert due[ravi.pk].to_answer == [ask, *waiting]
    assert due[ravi.pk].past_date == [late]
    assert due[maya.pk].to_answer == [] and due[maya.pk].past_date == []
    assert due[others[0][0].pk].past_date == [late]  # the protégé is reminded too
    assert due[others[0][0].pk].to_answer == []  # it waits for the sponsor, not for them
    assert not due[eve.pk]
    # Maya's ask is past its date after LATER; for both of them.
    later = advocacy_due_for_many(people=[maya, ravi], today=LATER + dt.timedelta(days=1))
    assert ask in later[maya.pk].past_date and ask in later[ravi.pk].past_date


def test_nothing_is_due_in_a_closed_relationship_or_for_nobody(
    ask: AdvocacyAsk, ravi: Person, sponsorship: Relationship
) -> None:
    assert advocacy_due_for_many(people=[], today=TODAY) == {}
    Relationship.objects.filter(pk=sponsorship.pk).update(status="ended")
    assert not advocacy_due_for_many(people=[ravi], today=TODAY)[ravi.pk]


def test_a_contact_sponsors_answer_is_due_from_the_protege(
    maya: Person, contact_sponsor: Relationship
) -> None:
    ask = _ask(maya, contact_sponsor)
    due = advocacy_due_for_many(people=[maya], today=TODAY)[maya.pk]
    assert due.to_answer == [ask] and ask.status == AskStatus.ASKED
