"""Ask well and start right; the mentor's answers; introductions."""

import datetime as dt

import pytest

from tests.factories import ContactFactory, GoalFactory, PersonFactory, RelationshipFactory
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.outreach import selectors
from tribe.outreach import services as outreach
from tribe.outreach.errors import OutreachCode
from tribe.outreach.models import Introduction
from tribe.people.models import Person
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
Status = Relationship.Status


@pytest.fixture
def prospect(maya: Person, ravi: Person) -> Relationship:
    rel = RelationshipFactory(mentee=maya, mentor=ravi, status=Status.PROSPECT, purpose="")
    rel.goals.add(GoalFactory(person=maya, title="Lead a team of PMs"))
    return rel


def _prepare(rel: Relationship) -> Relationship:
    return outreach.outreach_prepare(
        actor=rel.mentee,
        relationship=rel,
        purpose="I want to learn how you grew a product org.",
        ask="Could we meet monthly for 30 minutes for six months?",
        why_them="you built the PM guild at Acme",
    )


def test_the_request_draft_uses_purpose_ask_goals_and_why_them(prospect: Relationship) -> None:
    draft = selectors.request_draft(relationship=_prepare(prospect), sender=prospect.mentee)
    assert draft.startswith("Dear Ravi,")
    assert "because you built the PM guild at Acme." in draft
    assert "I want to learn how you grew a product org." in draft
    assert "What I want to learn: Lead a team of PMs." in draft
    assert "Could we meet monthly" in draft


def test_no_outreach_without_a_purpose_statement(prospect: Relationship, now: dt.datetime) -> None:
    with pytest.raises(ValidationError) as exc:
        outreach.outreach_send(actor=prospect.mentee, relationship=prospect, message="Hi", now=now)
    assert (exc.value.field, exc.value.message) == ("purpose", OutreachCode.NO_PURPOSE.template)
    prospect.refresh_from_db()
    assert prospect.status == Status.PROSPECT and prospect.asked_at is None


def test_sending_moves_to_asked(prospect: Relationship, now: dt.datetime) -> None:
    rel = outreach.outreach_send(
        actor=prospect.mentee, relationship=_prepare(prospect), message="Dear Ravi…", now=now
    )
    assert (
        rel.status == Status.ASKED and rel.asked_at == now and rel.request_message == "Dear Ravi…"
    )
    with pytest.raises(Conflict):
        outreach.outreach_send(actor=prospect.mentee, relationship=rel, message="again", now=now)


@pytest.mark.parametrize("status", [Status.ASKED, Status.ACTIVE, Status.DECLINED])
def test_once_sent_the_words_and_size_of_a_request_cannot_change(
    prospect: Relationship, now: dt.datetime, status: str
) -> None:
    sent = outreach.outreach_send(
        actor=prospect.mentee, relationship=_prepare(prospect), message="Dear Ravi…", now=now
    )
    Relationship.objects.filter(pk=sent.pk).update(status=status)
    sent.refresh_from_db()
    with pytest.raises(Conflict) as exc:
        outreach.outreach_prepare(
            actor=sent.mentee,
            relationship=sent,
            purpose="x",
            ask="every day, for hours",
            why_them="",
            cadence_days=1,
            meeting_minutes=480,
            months=24,
        )
    assert exc.value.code == OutreachCode.ALREADY_SENT.value
    sent.refresh_from_db()
    assert sent.purpose.startswith("I want to learn") and sent.ask_meeting_minutes != 480


def test_only_the_mentee_sends_and_the_prospect_and_strangers_get_not_found(
    prospect: Relationship, eve: Person, now: dt.datetime
) -> None:
    """A prospect not yet asked is the mentee's private shortlist: Ravi cannot even see it."""
    _prepare(prospect)
    for who in (prospect.mentor, eve):
        with pytest.raises(NotFound):
            outreach.outreach_send(actor=who, relationship=prospect, message="x", now=now)


def test_a_request_to_a_mentor_at_capacity_is_refused(
    prospect: Relationship, now: dt.datetime
) -> None:
    ravi = prospect.mentor
    ravi.mentee_capacity = 1
    ravi.save()
    RelationshipFactory(mentor=ravi, status=Status.ACTIVE)
    with pytest.raises(Conflict) as exc:
        outreach.outreach_send(
            actor=prospect.mentee, relationship=_prepare(prospect), message="x", now=now
        )
    assert exc.value.message == OutreachCode.OVER_CAPACITY.template.format(
        name="Ravi Menon", count=1, capacity=1
    )
    prospect.refresh_from_db()
    assert prospect.status == Status.PROSPECT


def test_nudge_timing_then_move_on(prospect: Relationship, now: dt.datetime) -> None:
    maya = prospect.mentee
    rel = outreach.outreach_send(actor=maya, relationship=_prepare(prospect), message="x", now=now)
    state = selectors.nudge_state(
        relationship=rel, wait_days=7, today=now.date() + dt.timedelta(days=6)
    )
    assert (
        state.state == selectors.NudgeState.WAITING
        and state.due_on == now.date() + dt.timedelta(days=7)
    )
    with pytest.raises(ValidationError) as exc:
        outreach.outreach_nudge(actor=maya, relationship=rel, now=now + dt.timedelta(days=6))
    assert exc.value.message == OutreachCode.NUDGE_EARLY.template.format(
        date=f"{now.date() + dt.timedelta(days=7):%d %b %Y}"
    )
    day7 = now + dt.timedelta(days=7)
    assert (
        selectors.nudge_state(relationship=rel, wait_days=7, today=day7.date()).state
        == selectors.NudgeState.NUDGE
    )
    outreach.outreach_nudge(actor=maya, relationship=rel, now=day7)
    assert rel.nudges_sent == 1
    assert (
        selectors.nudge_state(
            relationship=rel, wait_days=7, today=(day7 + dt.timedelta(days=6)).date()
        ).state
        == selectors.NudgeState.WAITING
    )
    later = day7 + dt.timedelta(days=7)
    assert (
        selectors.nudge_state(relationship=rel, wait_days=7, today=later.date()).state
        == selectors.NudgeState.MOVE_ON
    )
    with pytest.raises(Conflict) as exc:
        outreach.outreach_nudge(actor=maya, relationship=rel, now=later)
    assert exc.value.code == "move_on"


def test_the_wait_is_configurable(prospect: Relationship, now: dt.datetime) -> None:
    maya = prospect.mentee
    maya.nudge_after_days = 3
    maya.save()
    rel = outreach.outreach_send(actor=maya, relationship=_prepare(prospect), message="x", now=now)
    outreach.outreach_nudge(actor=maya, relationship=rel, now=now + dt.timedelta(days=3))


def test_accept_once(prospect: Relationship, now: dt.datetime) -> None:
    rel = outreach.outreach_send(
        actor=prospect.mentee, relationship=_prepare(prospect), message="x", now=now
    )
    with pytest.raises(Conflict) as exc:
        outreach.request_accept(actor=prospect.mentee, relationship=rel, now=now)
    assert exc.value.message == ConsentCode.NOT_ASKED.template
    outreach.request_accept(actor=prospect.mentor, relationship=rel, now=now)
    assert rel.status == Status.INTRO
    with pytest.raises(Conflict) as exc:
        outreach.request_accept(actor=prospect.mentor, relationship=rel, now=now)
    assert exc.value.code == "already_accepted"


def test_accept_checks_capacity(prospect: Relationship, now: dt.datetime) -> None:
    rel = outreach.outreach_send(
        actor=prospect.mentee, relationship=_prepare(prospect), message="x", now=now
    )
    ravi = prospect.mentor
    ravi.mentee_capacity = 1
    ravi.save()
    RelationshipFactory(mentor=ravi, status=Status.ACTIVE)
    with pytest.raises(Conflict) as exc:
        outreach.request_accept(actor=ravi, relationship=rel, now=now)
    assert exc.value.code == "over_capacity"
    rel.refresh_from_db()
    assert rel.status == Status.ASKED


def test_decline_with_a_kind_message(prospect: Relationship, now: dt.datetime) -> None:
    rel = outreach.outreach_send(
        actor=prospect.mentee, relationship=_prepare(prospect), message="x", now=now
    )
    template = selectors.decline_template(relationship=rel, mentor=prospect.mentor)
    assert template.startswith("Dear Maya,") and "Ravi Menon" in template
    with pytest.raises(ValidationError):
        outreach.request_decline(actor=prospect.mentor, relationship=rel, message="", now=now)
    outreach.request_decline(actor=prospect.mentor, relationship=rel, message=template, now=now)
    assert rel.status == Status.DECLINED and rel.decline_message == template.strip()
    with pytest.raises(Conflict):
        outreach.request_accept(actor=prospect.mentor, relationship=rel, now=now)


def test_ask_for_more_information_then_answer(prospect: Relationship, now: dt.datetime) -> None:
    rel = outreach.outreach_send(
        actor=prospect.mentee, relationship=_prepare(prospect), message="Hello", now=now
    )
    with pytest.raises(ValidationError):
        outreach.request_ask_for_info(actor=prospect.mentor, relationship=rel, question=" ")
    outreach.request_ask_for_info(
        actor=prospect.mentor, relationship=rel, question="What do you hope to change?"
    )
    assert (
        selectors.nudge_state(
            relationship=rel, wait_days=7, today=now.date() + dt.timedelta(days=30)
        ).state
        == selectors.NudgeState.NONE
    )
    later = now + dt.timedelta(days=2)
    outreach.outreach_answer_info(
        actor=prospect.mentee, relationship=rel, answer="How I run planning.", now=later
    )
    assert rel.info_request == "" and rel.asked_at == later
    assert "Answer: How I run planning." in rel.request_message


def test_agreement_starts_the_relationship(prospect: Relationship, now: dt.datetime) -> None:
    rel = outreach.outreach_send(
        actor=prospect.mentee, relationship=_prepare(prospect), message="x", now=now
    )
    outreach.request_accept(actor=prospect.mentor, relationship=rel, now=now)
    rel = outreach.agreement_start(
        actor=prospect.mentee,
        relationship=rel,
        purpose="Grow into leading PMs.",
        cadence_days=28,
        meeting_minutes=45,
        channel="video",
        starts_on=dt.date(2026, 1, 31),
        months=6,
        confidentiality="Between us.",
        now=now,
    )
    assert rel.status == Status.ACTIVE and rel.agreed_at == now
    assert (rel.starts_on, rel.ends_on) == (dt.date(2026, 1, 31), dt.date(2026, 7, 31))
    with pytest.raises(Conflict):
        outreach.agreement_start(
            actor=prospect.mentee,
            relationship=rel,
            purpose="x",
            cadence_days=28,
            meeting_minutes=45,
            channel="video",
            starts_on=dt.date(2026, 1, 31),
            months=6,
            confidentiality="",
            now=now,
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"purpose": ""}, "purpose"),
        ({"months": 0}, "months"),
        ({"cadence_days": 0}, "cadence_days"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_agreement_rejects_bad_input_and_writes_nothing(
    prospect: Relationship, now: dt.datetime, overrides: dict, field: str
) -> None:
    prospect.status = Status.INTRO
    prospect.mentor_consented_at = now  # as after Ravi accepted
    prospect.save()
    args = {
        "purpose": "p",
        "cadence_days": 28,
        "meeting_minutes": 45,
        "channel": "video",
        "starts_on": dt.date(2026, 2, 1),
        "months": 6,
        "confidentiality": "",
    } | overrides
    with pytest.raises(ValidationError) as exc:
        outreach.agreement_start(actor=prospect.mentee, relationship=prospect, now=now, **args)
    assert exc.value.field == field
    prospect.refresh_from_db()
    assert prospect.status == Status.INTRO and prospect.cadence_days is None


def test_introductions_are_recorded_and_refuse_self(
    maya: Person, ravi: Person, sam: Person, sam_maya: Relationship, now: dt.datetime
) -> None:
    today = now.date()
    intro = outreach.introduction_record(
        actor=maya,
        introducer=maya,
        mentee=sam,
        to_person=ravi,
        note="Ravi knows discovery",
        introduced_on=today,
        today=today,
    )
    assert intro.to_name == "Ravi Menon" and intro.relationship is None
    for kwargs, field in (
        ({"introducer": maya, "mentee": sam, "to_person": sam}, "to"),
        ({"introducer": maya, "mentee": sam, "to_person": maya}, "to"),
        ({"introducer": maya, "mentee": maya, "to_person": ravi}, "to"),
        ({"introducer": ravi, "mentee": sam, "to_person": PersonFactory()}, "introducer"),
    ):
        with pytest.raises(ValidationError) as exc:
            outreach.introduction_record(actor=maya, introduced_on=today, today=today, **kwargs)
        assert exc.value.field == field
    assert Introduction.objects.count() == 1


def test_an_introduction_can_start_a_prospect(
    maya: Person, sam: Person, sam_maya: Relationship, now: dt.datetime
) -> None:
    contact = ContactFactory(owner=sam, name="Dana")
    intro = outreach.introduction_record(
        actor=sam,
        introducer=maya,
        mentee=sam,
        to_contact=contact,
        introduced_on=now.date(),
        today=now.date(),
        start_prospect=True,
    )
    assert intro.relationship is not None and intro.relationship.mentor_contact == contact
    assert intro.relationship.status == Status.PROSPECT
