"""Advice outcomes reach the mentor only when the mentee shares them, in the mentee's words.

The services (``advice_share_outcome``, ``advice_unshare_outcome``) and the
mentor's read (``advice_outcomes_for_mentor``): who may share, what is
refused and why, and that nothing of the advice log but the shared words
(and the advice as retold, when given) ever reaches the mentor.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import PersonFactory, RelationshipFactory
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.ledger import services
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice
from tribe.ledger.selectors import advice_outcomes_for_mentor
from tribe.people.models import Contact, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

PRIVATE_TEXT = "PRIVATE advice as Maya wrote it"
PRIVATE_REASON = "PRIVATE reason"
PRIVATE_OUTCOME = "PRIVATE outcome, long and candid"


def _tried(rel: Relationship, now: dt.datetime, *, outcome: str = PRIVATE_OUTCOME) -> Advice:
    """Advice the mentee tried, with an outcome recorded (not flagged to report back)."""
    today = now.date()
    assert rel.mentee is not None
    advice = services.advice_record(
        actor=rel.mentee,
        relationship=rel,
        text=PRIVATE_TEXT,
        given_on=today,
        today=today,
        decision="try",
        reason=PRIVATE_REASON,
    )
    if outcome:
        advice = services.advice_record_outcome(
            actor=rel.mentee, advice=advice, outcome=outcome, today=today, report_back=False
        )
    return advice


def _share(
    advice: Advice, now: dt.datetime, words: str = "Fewer repeated debates", **kw: str
) -> Advice:
    return services.advice_share_outcome(
        actor=advice.recorded_by, advice=advice, words=words, now=now, **kw
    )


# -- the services -------------------------------------------------------------------


def test_the_mentee_shares_chosen_words_and_the_private_record_is_untouched(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    advice = _share(_tried(maya_ravi, now), now, words="  I tried your decision log  ")
    advice.refresh_from_db()
    assert (advice.shared_outcome, advice.shared_advice) == ("I tried your decision log", "")
    assert advice.outcome_shared_at == now
    assert (advice.text, advice.reason, advice.outcome) == (
        PRIVATE_TEXT,
        PRIVATE_REASON,
        PRIVATE_OUTCOME,
    )


def test_editing_the_private_outcome_does_not_change_the_shared_words(
    maya_ravi: Relationship, maya: Person, now: dt.datetime
) -> None:
    advice = _share(_tried(maya_ravi, now), now, words="Shared words")
    services.advice_record_outcome(
        actor=maya, advice=advice, outcome="Rewritten privately", today=now.date()
    )
    advice.refresh_from_db()
    assert advice.outcome == "Rewritten privately" and advice.shared_outcome == "Shared words"


def test_sharing_again_replaces_the_words_and_the_date(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    advice = _share(_tried(maya_ravi, now), now, words="First")
    later = now + dt.timedelta(days=3)
    advice = _share(advice, later, words="Second", advice_summary="Keep a decision log")
    advice.refresh_from_db()
    assert (advice.shared_outcome, advice.shared_advice) == ("Second", "Keep a decision log")
    assert advice.outcome_shared_at == later


def test_unsharing_empties_what_was_shared(maya_ravi: Relationship, now: dt.datetime) -> None:
    advice = _share(_tried(maya_ravi, now), now, advice_summary="Decision log")
    services.advice_unshare_outcome(actor=maya_ravi.mentee, advice=advice)
    advice.refresh_from_db()
    assert (advice.shared_outcome, advice.shared_advice, advice.outcome_shared_at) == ("", "", None)
    assert advice.outcome == PRIVATE_OUTCOME
    # Taking back what is not shared is no error: the result is the same.
    services.advice_unshare_outcome(actor=maya_ravi.mentee, advice=advice)


@pytest.mark.parametrize("who", ["ravi", "sam", "eve"])
def test_only_the_recorder_shares_or_unshares(
    maya_ravi: Relationship, now: dt.datetime, who: str, request: pytest.FixtureRequest
) -> None:
    """The mentor, and anyone else, is told there is no such advice: as for any object
    they may not see."""
    advice = _tried(maya_ravi, now)
    other: Person = request.getfixturevalue(who)
    for attempt in (
        lambda: services.advice_share_outcome(actor=other, advice=advice, words="x", now=now),
        lambda: services.advice_unshare_outcome(actor=other, advice=advice),
    ):
        with pytest.raises(NotFound) as exc:
            attempt()
        assert exc.value.code == LedgerCode.NO_ADVICE
    advice.refresh_from_db()
    assert advice.outcome_shared_at is None


def test_a_shared_outcome_cannot_be_taken_back_by_the_mentor(
    maya_ravi: Relationship, ravi: Person, now: dt.datetime
) -> None:
    advice = _share(_tried(maya_ravi, now), now)
    with pytest.raises(NotFound):
        services.advice_unshare_outcome(actor=ravi, advice=advice)
    advice.refresh_from_db()
    assert advice.outcome_shared_at is not None


@pytest.mark.parametrize(
    ("words", "summary", "field", "code"),
    [
        ("   ", "", "words", CoreCode.REQUIRED),
        ("x" * (services.SHARED_OUTCOME_MAX + 1), "", "words", CoreCode.TOO_LONG),
        ("ok", "y" * (services.SHARED_ADVICE_MAX + 1), "advice_summary", CoreCode.TOO_LONG),
        ("bad \x00 byte", "", "words", CoreCode.CONTROL_CHARACTER),
    ],
)
def test_bad_words_are_refused_naming_the_field(
    maya_ravi: Relationship, now: dt.datetime, words: str, summary: str, field: str, code: str
) -> None:
    advice = _tried(maya_ravi, now)
    with pytest.raises(ValidationError) as exc:
        _share(advice, now, words=words, advice_summary=summary)
    assert (exc.value.field, exc.value.code) == (field, code)
    advice.refresh_from_db()
    assert advice.outcome_shared_at is None and advice.shared_outcome == ""


def test_no_outcome_yet_nothing_to_share(maya_ravi: Relationship, now: dt.datetime) -> None:
    advice = _tried(maya_ravi, now, outcome="")
    with pytest.raises(Conflict) as exc:
        _share(advice, now)
    assert (exc.value.field, exc.value.code) == ("outcome", LedgerCode.NO_OUTCOME_YET)


def test_a_mentor_who_is_a_contact_cannot_be_shared_with(maya: Person, now: dt.datetime) -> None:
    contact = Contact.objects.create(owner=maya, name="Dana Contact")
    rel = RelationshipFactory(mentee=maya, mentor=None, mentor_contact=contact, created_by=maya)
    with pytest.raises(Conflict) as exc:
        _share(_tried(rel, now), now)
    assert (exc.value.field, exc.value.code) == ("relationship", LedgerCode.MENTOR_IS_CONTACT)
    assert "Dana Contact" in exc.value.message


def test_a_mentor_who_has_not_said_yes_cannot_be_shared_with(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    advice = _tried(maya_ravi, now)
    # As after "back to prospect": the mentor's yes is forgotten.
    Relationship.objects.filter(pk=maya_ravi.pk).update(mentor_consented_at=None)
    advice = Advice.objects.select_related("relationship").get(pk=advice.pk)
    with pytest.raises(Conflict) as exc:
        _share(advice, now)
    assert (exc.value.field, exc.value.code) == ("relationship", LedgerCode.MENTOR_NOT_AGREED)


def test_the_database_refuses_a_half_shared_outcome(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    advice = _tried(maya_ravi, now)
    for fields in ({"shared_outcome": "words"}, {"outcome_shared_at": now}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Advice.objects.filter(pk=advice.pk).update(**fields)


# -- what the mentor sees -------------------------------------------------------------


def test_the_mentor_sees_only_the_shared_words_grouped_by_mentee(
    maya: Person, ravi: Person, sam: Person, maya_ravi: Relationship, now: dt.datetime
) -> None:
    sam_ravi = RelationshipFactory(mentee=sam, mentor=ravi, created_by=sam)
    _share(_tried(maya_ravi, now), now, words="Maya: fewer debates")
    _share(
        _tried(maya_ravi, now),
        now + dt.timedelta(hours=1),
        words="Maya: calmer launches",
        advice_summary="Keep a launch checklist",
    )
    _tried(maya_ravi, now)  # an outcome Maya keeps to herself
    _share(_tried(sam_ravi, now), now + dt.timedelta(hours=2), words="Sam: a promotion")

    seen = advice_outcomes_for_mentor(mentor=ravi)

    assert [(g.mentee, g.count) for g in seen.by_mentee] == [("Sam Okafor", 1), ("Maya Chen", 2)]
    assert seen.total == 3
    maya_group = seen.by_mentee[1]
    assert [(o.words, o.advice) for o in maya_group.outcomes] == [
        ("Maya: calmer launches", "Keep a launch checklist"),
        ("Maya: fewer debates", ""),
    ]
    assert {o.relationship_id for o in maya_group.outcomes} == {maya_ravi.pk}
    shown = str(seen.as_dict())
    for private in (PRIVATE_TEXT, PRIVATE_REASON, PRIVATE_OUTCOME):
        assert private not in shown
    # The words, the date and where from: not the decision, nor anything else.
    assert set(maya_group.outcomes[0].as_dict()) == {
        "relationship_id",
        "shared_at",
        "words",
        "advice",
    }


def test_unsharing_removes_it_from_the_mentors_view(
    maya_ravi: Relationship, ravi: Person, now: dt.datetime
) -> None:
    advice = _share(_tried(maya_ravi, now), now)
    assert advice_outcomes_for_mentor(mentor=ravi).total == 1
    services.advice_unshare_outcome(actor=maya_ravi.mentee, advice=advice)
    assert advice_outcomes_for_mentor(mentor=ravi).by_mentee == ()


def test_nobody_else_sees_a_shared_outcome(
    maya: Person, ravi: Person, eve: Person, maya_ravi: Relationship, now: dt.datetime
) -> None:
    _share(_tried(maya_ravi, now), now)
    other_mentor = PersonFactory(name="Other Mentor")
    RelationshipFactory(mentee=maya, mentor=other_mentor, created_by=maya, kind="coach")
    for person in (maya, eve, other_mentor):
        assert advice_outcomes_for_mentor(mentor=person).total == 0


def test_a_mentor_whose_yes_was_forgotten_sees_nothing_any_more(
    maya_ravi: Relationship, ravi: Person, now: dt.datetime
) -> None:
    _share(_tried(maya_ravi, now), now)
    Relationship.objects.filter(pk=maya_ravi.pk).update(mentor_consented_at=None)
    assert advice_outcomes_for_mentor(mentor=ravi).total == 0


def test_the_mentors_read_is_one_query_whatever_the_number(
    ravi: Person, now: dt.datetime, django_assert_num_queries: object
) -> None:
    def count_with(mentees: int) -> int:
        for _ in range(mentees):
            rel = RelationshipFactory(mentor=ravi)
            _share(_tried(rel, now), now)
        with django_assert_num_queries(1):  # type: ignore[operator]
            return advice_outcomes_for_mentor(mentor=ravi).total

    assert (count_with(2), count_with(8)) == (2, 10)
