"""The outsider's findings on programmes, held in the read models and services:
an explanation with empty parts reads cleanly; an archived programme takes no
cohort, run, publish, invitation or import; a pair whose mentee left is out of
the figures everywhere; meetings before the offer are not the programme's."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.factories import MeetingFactory, PersonFactory
from tests.programs.pairs import NOW, pair, participant
from tribe.core.errors import Conflict, NotFound
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.programs.engagement import programme_engagement
from tribe.programs.enrolment import invitation_create
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import Cohort, MatchOffer, MatchRun, ParticipantStatus, Programme, Role
from tribe.programs.offers import offer_answer, offer_why
from tribe.programs.reports import programme_report, report_csv, report_data
from tribe.programs.roster_import import roster_import
from tribe.programs.runs import run_create, run_publish
from tribe.programs.services import (
    CohortFields,
    cohort_create,
    cohort_update,
    programme_archive,
)
from tribe.relationships.models import Relationship, RelationshipStatus

DAY = dt.timedelta(days=1)


# -- the explanation ------------------------------------------------------------------


def test_an_explanation_keeps_only_what_counts() -> None:
    why = offer_why(
        {
            "parts": {"text": 0.08, "seniority": 0.0, "language": 0},
            "terms": [["", 0.2], ["  ", 0.1], ["python", 0.3]],
            "languages": ["en", ""],
            "overlap_hours": 3,
        }
    )
    assert why.parts == (("text", "what is wanted and offered", 0.08),)
    assert why.terms == ("python",)
    assert why.languages == ("en",)
    assert why.overlap_hours == 3.0
    assert why


def test_an_empty_or_old_explanation_is_nothing_to_show() -> None:
    for stored in ({}, {"parts": {"text": 0.0}, "terms": [], "overlap_hours": None}):
        why = offer_why(stored)
        assert (why.parts, why.terms, why.languages, why.overlap_hours) == ((), (), (), None)
        assert not why


# -- an archived programme ------------------------------------------------------------


@pytest.fixture
def archived(ada: Person, programme: Programme) -> Programme:
    return programme_archive(actor=ada, programme=programme, now=NOW)


def _refused(call: object) -> None:
    with pytest.raises(Conflict) as refused:
        call()  # type: ignore[operator]
    assert refused.value.code is ProgrammeCode.ARCHIVED


def test_an_archived_programme_takes_no_cohort_and_no_change_to_one(
    ada: Person, programme: Programme
) -> None:
    cohort = cohort_create(actor=ada, programme=programme, fields=CohortFields(name="Spring"))
    programme_archive(actor=ada, programme=programme, now=NOW)
    _refused(
        lambda: cohort_create(actor=ada, programme=programme, fields=CohortFields(name="Autumn"))
    )
    cohort = Cohort.objects.select_related("programme").get(pk=cohort.pk)
    _refused(lambda: cohort_update(actor=ada, cohort=cohort, fields=CohortFields(name="Renamed")))
    assert list(programme.cohorts.values_list("name", flat=True)) == ["Spring"]


def test_an_archived_programme_runs_and_publishes_nothing(
    ada: Person, programme: Programme
) -> None:
    participant(programme, Role.MENTEE, wants="python")
    participant(programme, Role.MENTOR, offers="python")
    run = run_create(actor=ada, programme=programme, now=NOW)
    programme_archive(actor=ada, programme=programme, now=NOW)
    programme.refresh_from_db()
    _refused(lambda: run_create(actor=ada, programme=programme, now=NOW))
    _refused(lambda: run_publish(actor=ada, run=run, now=NOW))
    assert MatchRun.objects.count() == 1 and not MatchOffer.objects.exists()


def test_an_archived_programme_invites_and_imports_nobody(ada: Person, archived: Programme) -> None:
    _refused(lambda: invitation_create(actor=ada, programme=archived, email="new@example.com"))
    _refused(
        lambda: roster_import(
            actor=ada, programme=archived, data=b"email,employee_id\na@example.com,1\n"
        )
    )
    assert not archived.invitations.exists() and not archived.roster.exists()


def test_another_administrators_archived_programme_is_still_not_found(
    otto: Person, archived: Programme
) -> None:
    with pytest.raises(NotFound):
        cohort_create(actor=otto, programme=archived, fields=CohortFields(name="Autumn"))


# -- a pair whose mentee left ---------------------------------------------------------


def _left(offer: MatchOffer) -> None:
    offer.mentee.status = ParticipantStatus.LEFT
    offer.mentee.left_at = NOW - 5 * DAY
    offer.mentee.save(update_fields=["status", "left_at"])


def test_a_pair_whose_mentee_left_is_out_of_every_figure(programme: Programme) -> None:
    staying = pair(programme, held=(5,), started=(NOW - 40 * DAY).date())
    leaving = pair(programme, held=(5,), started=(NOW - 200 * DAY).date())  # at risk, too
    before = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    assert {p.offer_id for p in before.pairs} == {staying.pk, leaving.pk}
    assert leaving.pk in {p.offer_id for p in before.at_risk}
    _left(leaving)
    engagement = programme_engagement(programme=programme, zone_name="UTC", now=NOW)
    assert [p.offer_id for p in engagement.pairs] == [staying.pk]
    assert engagement.at_risk == []
    assert (engagement.total.pairs, engagement.total.meetings_held) == (1, 1)
    assert engagement.total.at_risk == 0
    report = programme_report(programme=programme, zone_name="UTC", now=NOW)
    funnel = {step.key: step.count for step in report.funnel}
    assert (funnel["offered"], funnel["accepted"], funnel["met"]) == (1, 1, 1)
    assert sum(m.count for m in report.meetings_per_month) == 1
    assert sum(sum(h.states.values()) for h in report.health_over_time[-1:]) == 1
    data = report_data(report)
    assert data["engagement"]["total"]["pairs"] == 1
    assert json.loads(json.dumps(data))["funnel"]["accepted"] == 1
    csv_text = report_csv(report)
    assert "engagement,(all),pairs,1" in csv_text
    assert "engagement,(all),at_risk,0" in csv_text
    # The relationship itself is the two people's, untouched.
    assert Relationship.objects.filter(pk=leaving.relationship_id).exists()


# -- meetings before the offer --------------------------------------------------------


def _accepted(offer: MatchOffer, at: dt.datetime) -> None:
    offer.mentee_answered_at = offer.mentor_answered_at = at
    offer.save(update_fields=["mentee_answered_at", "mentor_answered_at"])


def test_meetings_before_the_offer_are_not_the_programmes(programme: Programme) -> None:
    started = (NOW - 90 * DAY).date()
    offer = pair(programme, started=started, held=(5, 60))
    # The two knew each other: the programme matched them a month into it.
    _accepted(offer, dt.datetime.combine(started, dt.time(12), tzinfo=dt.UTC) + 30 * DAY)
    [row] = programme_engagement(programme=programme, zone_name="UTC", now=NOW).pairs
    assert row.meetings_held == 1
    assert row.started_on == started + 30 * DAY  # and the cadence is counted from then
    assert row.meetings_expected == 2
    report = programme_report(programme=programme, zone_name="UTC", now=NOW)
    assert sum(m.count for m in report.meetings_per_month) == 1
    assert {s.key: s.count for s in report.funnel}["met"] == 1


def test_a_pair_that_met_only_before_the_offer_has_not_met(programme: Programme) -> None:
    started = (NOW - 90 * DAY).date()
    offer = pair(programme, started=started, held=(5,))
    _accepted(offer, dt.datetime.combine(started, dt.time(12), tzinfo=dt.UTC) + 30 * DAY)
    [row] = programme_engagement(programme=programme, zone_name="UTC", now=NOW).pairs
    assert row.meetings_held == 0
    report = programme_report(programme=programme, zone_name="UTC", now=NOW)
    assert {s.key: s.count for s in report.funnel}["met"] == 0


def test_an_offer_linked_to_an_older_relationship_counts_from_its_acceptance(
    ada: Person, programme: Programme
) -> None:
    """The real flow: the two had a relationship and a meeting; then both accept."""
    mia = PersonFactory(timezone="UTC")
    max_ = PersonFactory(timezone="UTC", mentee_capacity=3)
    participant(programme, Role.MENTEE, person=mia, wants="python")
    participant(programme, Role.MENTOR, person=max_, offers="python")
    older = Relationship.objects.create(
        mentee=mia,
        mentor=max_,
        created_by=mia,
        kind=Relationship.Kind.MENTOR,
        status=RelationshipStatus.ACTIVE,
        status_changed_at=NOW - 60 * DAY,
        mentee_consented_at=NOW - 60 * DAY,
        mentor_consented_at=NOW - 60 * DAY,
        starts_on=(NOW - 60 * DAY).date(),
        cadence_days=30,
    )
    MeetingFactory(relationship=older, status=Meeting.Status.HELD, starts_at=NOW - 50 * DAY)
    offered = NOW - 20 * DAY
    run_publish(actor=ada, run=run_create(actor=ada, programme=programme, now=offered), now=offered)
    offer = MatchOffer.objects.get()
    offer_answer(actor=mia, offer=offer, accept=True, now=offered)
    offer = offer_answer(actor=max_, offer=offer, accept=True, now=offered)
    assert offer.relationship_id == older.pk
    [row] = programme_engagement(programme=programme, zone_name="UTC", now=NOW).pairs
    assert row.meetings_held == 0
    MeetingFactory(relationship=older, status=Meeting.Status.HELD, starts_at=NOW - 10 * DAY)
    [row] = programme_engagement(programme=programme, zone_name="UTC", now=NOW).pairs
    assert row.meetings_held == 1
