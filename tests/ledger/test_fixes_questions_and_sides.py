"""Who may take back a question, and how each kind names its sides.

The services the pages, the CLI and the API share: a question is deleted by
its author alone (anyone else gets NotFound, and it stays), either side marks
it answered; a coach or sponsor who tries to write in the advice log is told
whose log it is by name, a mentor in the words of the mentor relationship; the
agenda names an action item's owner by name outside mentor relationships; and
an outcome recorded without saying so is not reported back.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ActionItemFactory, MeetingFactory, RelationshipFactory
from tribe.core.errors import Conflict, NotFound
from tribe.ledger import prep, services
from tribe.ledger.errors import MSG_NOT_KEEPER, LedgerCode
from tribe.ledger.models import Question
from tribe.ledger.selectors import question_get_for, question_get_for_author
from tribe.ledger.sides import side_choices, side_name
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _of_kind(maya: Person, ravi: Person, now: dt.datetime, kind: str) -> Relationship:
    return RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind=kind, status_changed_at=now
    )


@pytest.mark.parametrize("kind", ["mentor", "coach", "sponsor", "peer"])
def test_only_the_author_deletes_a_question(
    maya: Person, ravi: Person, eve: Person, now: dt.datetime, kind: str
) -> None:
    rel = _of_kind(maya, ravi, now, kind)
    hers = services.question_add(author=maya, relationship=rel, text="Hers?")
    his = services.question_add(author=ravi, relationship=rel, text="His?")
    for actor, question in ((ravi, hers), (maya, his), (eve, hers)):
        with pytest.raises(NotFound) as caught:
            services.question_delete(actor=actor, question=question)
        assert caught.value.code == LedgerCode.NO_QUESTION
    assert Question.objects.filter(relationship=rel).count() == 2

    # The selector the pages and the API delete through finds only one's own.
    assert question_get_for(person=ravi, question_id=hers.pk) == hers
    with pytest.raises(NotFound):
        question_get_for_author(person=ravi, question_id=hers.pk)
    with pytest.raises(NotFound):
        question_get_for_author(person=eve, question_id=hers.pk)
    assert question_get_for_author(person=maya, question_id=hers.pk) == hers

    # Either side marks the other's question answered.
    services.question_set_answered(actor=ravi, question=hers, answered_on=now.date())
    hers.refresh_from_db()
    assert hers.answered_on == now.date()

    services.question_delete(actor=maya, question=hers)
    services.question_delete(actor=ravi, question=his)
    assert not Question.objects.exists()


@pytest.mark.parametrize("kind", ["coach", "sponsor"])
def test_a_coach_or_sponsor_is_told_whose_advice_log_it_is_by_name(
    maya: Person, ravi: Person, now: dt.datetime, kind: str
) -> None:
    rel = _of_kind(maya, ravi, now, kind)
    with pytest.raises(Conflict) as caught:
        services.advice_record(
            actor=ravi, relationship=rel, text="x", given_on=now.date(), today=now.date()
        )
    assert caught.value.code == LedgerCode.NOT_MENTEE
    assert caught.value.message == MSG_NOT_KEEPER.format(name="Maya Chen")
    assert "mentee" not in caught.value.message


def test_a_mentor_keeps_the_mentor_relationships_wording(
    maya_ravi: Relationship, ravi: Person, now: dt.datetime
) -> None:
    with pytest.raises(Conflict) as caught:
        services.advice_record(
            actor=ravi, relationship=maya_ravi, text="x", given_on=now.date(), today=now.date()
        )
    assert caught.value.message == LedgerCode.NOT_MENTEE.template


@pytest.mark.parametrize(
    ("kind", "names"),
    [
        ("mentor", ["Mentee", "Mentor"]),
        ("coach", ["Maya Chen", "Ravi Menon"]),
        ("sponsor", ["Maya Chen", "Ravi Menon"]),
        ("peer", ["Maya Chen", "Ravi Menon"]),
    ],
)
def test_sides_are_named_by_the_words_of_the_mentor_relationship_or_by_name(
    maya: Person, ravi: Person, now: dt.datetime, kind: str, names: list[str]
) -> None:
    rel = _of_kind(maya, ravi, now, kind)
    assert [side_name(rel, side) for side in ("mentee", "mentor")] == names
    assert side_choices(rel) == list(zip(["mentee", "mentor"], names, strict=True))


@pytest.mark.parametrize(
    ("kind", "owner"), [("mentor", "(mentee)"), ("coach", "(Maya Chen)"), ("peer", "(Maya Chen)")]
)
def test_the_agenda_names_an_action_items_owner_for_the_kind(
    maya: Person, ravi: Person, now: dt.datetime, kind: str, owner: str
) -> None:
    rel = _of_kind(maya, ravi, now, kind)
    ActionItemFactory(relationship=rel, owner="mentee", created_by=maya, title="Draft the memo")
    meeting = MeetingFactory(relationship=rel, starts_at=now + dt.timedelta(days=2))
    markdown = prep.agenda_for(person=ravi, meeting=meeting, now=now).markdown(zone_name="UTC")
    assert f"- [ ] Draft the memo {owner}" in markdown


def test_an_outcome_is_reported_back_only_when_asked(
    maya_ravi: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    today = now.date()
    advice = services.advice_record(
        actor=maya, relationship=maya_ravi, text="Say no", given_on=today, today=today
    )
    services.advice_record_outcome(
        actor=maya, advice=advice, outcome="SECRET", today=today, report_back=False
    )
    meeting = MeetingFactory(relationship=maya_ravi, starts_at=now + dt.timedelta(days=2))
    agenda = prep.agenda_for(person=ravi, meeting=meeting, now=now)
    assert agenda.report_back == [] and "SECRET" not in agenda.markdown(zone_name="UTC")
