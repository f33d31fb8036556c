"""Services and selectors that keep a relationship alive."""

import datetime as dt

import pytest

from tests.factories import MeetingFactory, RelationshipFactory
from tribe.core.codes import CoreCode
from tribe.core.errors import NotFound, ValidationError
from tribe.ledger import selectors, services
from tribe.ledger.errors import LedgerCode
from tribe.ledger.health import State
from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Touchpoint, Win
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def rel(maya_ravi: Relationship, now: dt.datetime) -> Relationship:
    maya_ravi.cadence_days = 28
    maya_ravi.starts_on = (now - dt.timedelta(days=200)).date()
    maya_ravi.save()
    return maya_ravi


def _health(rel: Relationship, now: dt.datetime):  # type: ignore[no-untyped-def]
    (row,) = [
        r
        for r in selectors.relationships_with_health(person=rel.mentee, now=now)
        if r.relationship == rel
    ]
    return row.health


def _held(rel: Relationship, when: dt.datetime, **kw: object) -> Meeting:
    return MeetingFactory(
        relationship=rel, starts_at=when, ends_at=when + dt.timedelta(hours=1), status="held", **kw
    )


# Cadence follows real contact --------------------------------------------------


def test_a_held_meeting_resets_the_clock(rel: Relationship, now: dt.datetime) -> None:
    assert _health(rel, now).state == State.DORMANT  # 200 days since the start, no contact
    _held(rel, now - dt.timedelta(days=10), follow_up_sent_at=now)
    health = _health(rel, now)
    assert health.state == State.HEALTHY
    assert health.next_contact_due == (now - dt.timedelta(days=10)).date() + dt.timedelta(days=28)


def test_planned_and_cancelled_meetings_are_not_contact(
    rel: Relationship, now: dt.datetime
) -> None:
    MeetingFactory(
        relationship=rel,
        starts_at=now - dt.timedelta(days=3),
        ends_at=now - dt.timedelta(days=3, hours=-1),
        status="cancelled",
    )
    MeetingFactory(relationship=rel)  # planned, upcoming
    assert _health(rel, now).state == State.DORMANT


def test_a_back_dated_log_counts_from_when_it_happened(rel: Relationship, now: dt.datetime) -> None:
    today = now.date()
    services.touchpoint_log(
        actor=rel.mentee,
        relationship=rel,
        kind="call",
        happened_on=today - dt.timedelta(days=40),
        today=today,
    )
    health = _health(rel, now)
    assert health.state == State.DUE  # 40 days against 28: due, not healthy although logged today
    assert health.reasons[0].startswith("no contact for 6 weeks against a 4-week cadence")
    services.touchpoint_log(
        actor=rel.mentor,
        relationship=rel,
        kind="message",
        happened_on=today - dt.timedelta(days=2),
        today=today,
    )
    assert _health(rel, now).state == State.HEALTHY  # the mentor's log resets the shared clock


def test_a_log_in_the_future_is_refused(rel: Relationship, now: dt.datetime) -> None:
    with pytest.raises(ValidationError) as exc:
        services.touchpoint_log(
            actor=rel.mentee,
            relationship=rel,
            kind="call",
            happened_on=now.date() + dt.timedelta(days=1),
            today=now.date(),
        )
    assert exc.value.field == "happened_on"
    with pytest.raises(ValidationError) as exc:
        services.touchpoint_log(
            actor=rel.mentee,
            relationship=rel,
            kind="carrier pigeon",
            happened_on=now.date(),
            today=now.date(),
        )
    assert exc.value.field == "kind"
    assert not Touchpoint.objects.exists()


def test_log_notes_are_their_authors_only(rel: Relationship, now: dt.datetime) -> None:
    services.touchpoint_log(
        actor=rel.mentee,
        relationship=rel,
        kind="call",
        happened_on=now.date(),
        note="she seemed tired",
        today=now.date(),
    )
    assert (
        selectors.touchpoints_of(person=rel.mentee, relationship=rel)[0].note == "she seemed tired"
    )
    assert selectors.touchpoints_of(person=rel.mentor, relationship=rel)[0].note == ""


def test_snooze_with_a_reason_and_its_limits(rel: Relationship, now: dt.datetime) -> None:
    today = now.date()
    services.relationship_snooze(
        actor=rel.mentee,
        relationship=rel,
        until=today + dt.timedelta(days=14),
        reason="travelling",
        today=today,
    )
    health = _health(rel, now)
    assert health.state == State.HEALTHY and "travelling" in health.reasons[0]
    for until, reason, field in (
        (today, "x", "until"),
        (today + dt.timedelta(days=400), "x", "until"),
        (today + dt.timedelta(days=3), " ", "reason"),
    ):
        with pytest.raises(ValidationError) as exc:
            services.relationship_snooze(
                actor=rel.mentee, relationship=rel, until=until, reason=reason, today=today
            )
        assert exc.value.field == field
    services.relationship_unsnooze(actor=rel.mentee, relationship=rel)
    assert _health(rel, now).state == State.DORMANT


def test_overdue_contacts_list_only_my_mentee_side_most_urgent_first(
    maya: Person, now: dt.datetime
) -> None:
    start = (now - dt.timedelta(days=300)).date()
    dormant = RelationshipFactory(mentee=maya, cadence_days=14, starts_on=start)
    due = RelationshipFactory(mentee=maya, cadence_days=28, starts_on=start)
    _held(due, now - dt.timedelta(days=30), follow_up_sent_at=now)
    RelationshipFactory(
        mentor=maya, cadence_days=7, starts_on=start
    )  # Maya is the mentor: not her duty
    rows = selectors.overdue_contacts(person=maya, now=now)
    assert [r.relationship for r in rows] == [dormant, due]


def test_health_list_is_one_query(
    maya: Person, now: dt.datetime, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        rel = RelationshipFactory(mentee=maya, cadence_days=14)
        _held(rel, now - dt.timedelta(days=5))
    with django_assert_num_queries(1):
        rows = selectors.relationships_with_health(person=maya, now=now)
    assert len(rows) == 5


# Advice ---------------------------------------------------------------------


def test_advice_lifecycle_is_the_mentees_choice(rel: Relationship, now: dt.datetime) -> None:
    today = now.date()
    advice = services.advice_record(
        actor=rel.mentee, relationship=rel, text="Keep a decision log", given_on=today, today=today
    )
    assert advice.decision == Advice.Decision.UNDECIDED
    with pytest.raises(ValidationError) as exc:
        services.advice_decide(actor=rel.mentee, advice=advice, decision="reject")
    assert exc.value.message == LedgerCode.REASON_NEEDED.template
    services.advice_decide(actor=rel.mentee, advice=advice, decision="try")
    services.advice_record_outcome(
        actor=rel.mentee, advice=advice, outcome="Helped in planning", today=today, report_back=True
    )
    assert advice.report_back and advice.reported_back_on is None
    # The advice log is the mentee's own record.
    assert list(selectors.advice_of(person=rel.mentee)) == [advice]
    assert not selectors.advice_of(person=rel.mentor).exists()
    with pytest.raises(NotFound):
        selectors.advice_get_for(person=rel.mentor, advice_id=advice.pk)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"text": ""}, "text"), ({"text": "x", "future": True}, "given_on")],
)
def test_advice_record_rejects_bad_input(
    rel: Relationship, now: dt.datetime, kwargs: dict, field: str
) -> None:
    today = now.date()
    given = today + dt.timedelta(days=1) if kwargs.pop("future", False) else today
    with pytest.raises(ValidationError) as exc:
        services.advice_record(
            actor=rel.mentee, relationship=rel, given_on=given, today=today, **kwargs
        )
    assert exc.value.field == field
    assert not Advice.objects.exists()


def test_bad_decision_is_named(rel: Relationship, now: dt.datetime) -> None:
    advice = services.advice_record(
        actor=rel.mentee, relationship=rel, text="x", given_on=now.date(), today=now.date()
    )
    with pytest.raises(ValidationError) as exc:
        services.advice_decide(actor=rel.mentee, advice=advice, decision="obey")
    assert exc.value.field == "decision"


# Gratitude and updates ------------------------------------------------------------


def test_unthanked_help_until_thanks_are_recorded(rel: Relationship, now: dt.datetime) -> None:
    today = now.date()
    advice = services.advice_record(
        actor=rel.mentee,
        relationship=rel,
        text="Ask for the stretch project",
        given_on=today,
        today=today,
    )
    services.advice_decide(actor=rel.mentee, advice=advice, decision="adopt")
    assert list(selectors.unthanked_advice(person=rel.mentee)) == [advice]
    assert _health(rel, now).reasons[-1] == "1 piece of help not thanked yet"
    services.gratitude_record(
        actor=rel.mentee,
        relationship=rel,
        kind="thank_you",
        given_on=today,
        description="Thank-you card",
        advice=advice,
        today=today,
    )
    assert not selectors.unthanked_advice(person=rel.mentee).exists()
    # Thanks are visible on both sides: they feed the mentor's impact journal.
    assert selectors.gratitude_of(person=rel.mentor).count() == 1
    assert not selectors.gratitude_of(person=RelationshipFactory().mentee).exists()


def test_gratitude_rejects_bad_input(rel: Relationship, now: dt.datetime) -> None:
    today = now.date()
    other_advice = services.advice_record(
        actor=rel.mentee,
        relationship=RelationshipFactory(mentee=rel.mentee),
        text="x",
        given_on=today,
        today=today,
    )
    for kwargs, field in (
        ({"kind": "money"}, "kind"),
        ({"description": ""}, "description"),
        ({"advice": other_advice}, "advice"),
    ):
        args = {"kind": "gift", "description": "Book", "given_on": today} | kwargs
        with pytest.raises(ValidationError) as exc:
            services.gratitude_record(actor=rel.mentee, relationship=rel, today=today, **args)
        assert exc.value.field == field
    assert not Gratitude.objects.exists()


def test_sending_an_update_reports_back_advice_and_counts_as_contact(
    rel: Relationship, now: dt.datetime
) -> None:
    today = now.date()
    services.relationship_set_update_cadence(
        actor=rel.mentee, relationship=rel, every_days=90, keep_in_touch=True
    )
    advice = services.advice_record(
        actor=rel.mentee, relationship=rel, text="Delegate more", given_on=today, today=today
    )
    services.advice_decide(actor=rel.mentee, advice=advice, decision="adopt")
    services.advice_record_outcome(
        actor=rel.mentee, advice=advice, outcome="Team grew", today=today, report_back=True
    )
    services.update_record_sent(
        actor=rel.mentee, relationship=rel, body="News!", sent_on=today, today=today
    )
    advice.refresh_from_db()
    assert advice.reported_back_on == today
    assert MentorUpdate.objects.count() == 1
    health = _health(rel, now)
    assert health.update_due == today + dt.timedelta(days=90)
    assert health.contact == State.HEALTHY  # the update is contact


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(1899, 12, 31)])
def test_dates_before_the_calendar_are_refused_on_their_field(
    rel: Relationship, now: dt.datetime, day: dt.date
) -> None:
    today = now.date()
    side = {"actor": rel.mentee, "relationship": rel, "today": today}
    writes = [
        ("happened_on", lambda: services.touchpoint_log(kind="call", happened_on=day, **side)),
        (
            "given_on",
            lambda: services.gratitude_record(
                kind="gift", description="Book", given_on=day, **side
            ),
        ),
        ("given_on", lambda: services.advice_record(text="Say no", given_on=day, **side)),
        ("sent_on", lambda: services.update_record_sent(body="News", sent_on=day, **side)),
        (
            "happened_on",
            lambda: services.win_record(
                person=rel.mentee, text="Won", happened_on=day, today=today
            ),
        ),
    ]
    for field, write in writes:
        with pytest.raises(ValidationError) as exc:
            write()
        assert (exc.value.field, exc.value.code) == (field, CoreCode.DATE_RANGE)
    question = services.question_add(author=rel.mentee, relationship=rel, text="How?")
    with pytest.raises(ValidationError) as exc:
        services.question_set_answered(actor=rel.mentee, question=question, answered_on=day)
    assert exc.value.field == "answered_on"
    assert not Touchpoint.objects.exists() and not Gratitude.objects.exists()
    assert not Advice.objects.exists() and not MentorUpdate.objects.exists()
    assert not Win.objects.exists()
    question.refresh_from_db()
    assert question.answered_on is None


def test_update_cadence_is_bounded(rel: Relationship) -> None:
    with pytest.raises(ValidationError) as exc:
        services.relationship_set_update_cadence(
            actor=rel.mentee, relationship=rel, every_days=1, keep_in_touch=False
        )
    assert exc.value.field == "update_every_days"


def test_questions_backlog(rel: Relationship, now: dt.datetime, eve: Person) -> None:
    question = services.question_add(
        author=rel.mentee, relationship=rel, text=" How do you say no? "
    )
    assert question.text == "How do you say no?"
    with pytest.raises(ValidationError):
        services.question_add(author=rel.mentee, relationship=rel, text="")
    with pytest.raises(NotFound):
        services.question_add(author=eve, relationship=rel, text="hi")
    with pytest.raises(NotFound):
        selectors.question_get_for(person=eve, question_id=question.pk)
    services.question_set_answered(actor=rel.mentor, question=question, answered_on=now.date())
    assert question.answered_on == now.date()
