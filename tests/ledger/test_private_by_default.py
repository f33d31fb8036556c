"""An outcome is private by default: it reaches the other side only when its recorder says so.

``advice_record_outcome`` called without ``report_back`` keeps the outcome out
of the next agenda (which the mentor reads), out of the mentee's report-back
duty and out of the next update, the same as the page and the API, so a
caller that forgets the argument cannot leak what the mentee wrote for
themselves.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import MeetingFactory
from tribe.ledger import prep, services
from tribe.ledger.models import Advice
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.today.selectors import today_for

pytestmark = pytest.mark.django_db

OUTCOME = "PRIVATE-OUTCOME: the team pushed back"


def _tried(rel: Relationship, maya: Person, now: dt.datetime) -> Advice:
    today = now.date()
    advice = services.advice_record(
        actor=maya, relationship=rel, text="Say no kindly", given_on=today, today=today
    )
    return services.advice_decide(actor=maya, advice=advice, decision="try")


def _next_meeting(rel: Relationship, now: dt.datetime) -> Meeting:
    return MeetingFactory(
        relationship=rel,
        starts_at=now + dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=2, hours=1),
    )


def _duties(person: Person, now: dt.datetime) -> list[str]:
    return [i.kind for i in today_for(person=person, now=now).items]


def _in_agenda(person: Person, meeting: Meeting, now: dt.datetime) -> bool:
    agenda = prep.agenda_for(person=person, meeting=meeting, now=now)
    return bool(agenda.report_back) or OUTCOME in agenda.markdown(zone_name="UTC")


def test_an_outcome_recorded_without_saying_so_stays_out_of_the_mentors_agenda(
    maya_ravi: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    advice = _tried(maya_ravi, maya, now)
    meeting = _next_meeting(maya_ravi, now)

    services.advice_record_outcome(actor=maya, advice=advice, outcome=OUTCOME, today=now.date())

    advice.refresh_from_db()
    assert advice.outcome == OUTCOME and advice.report_back is False
    assert not _in_agenda(ravi, meeting, now)
    assert not _in_agenda(maya, meeting, now)
    assert "report_back" not in _duties(maya, now)
    # An update sent afterwards reports nothing back either.
    services.update_record_sent(
        actor=maya, relationship=maya_ravi, body="News", sent_on=now.date(), today=now.date()
    )
    advice.refresh_from_db()
    assert advice.reported_back_on is None

    # Only her saying so puts it on the agenda: the same outcome, now asked for.
    services.advice_set_report_back(actor=maya, advice=advice, report_back=True)
    assert _in_agenda(ravi, meeting, now)
    assert "report_back" in _duties(maya, now)


def test_rewriting_a_reported_outcome_without_saying_so_takes_it_back_off_the_agenda(
    maya_ravi: Relationship, maya: Person, ravi: Person, now: dt.datetime
) -> None:
    advice = _tried(maya_ravi, maya, now)
    meeting = _next_meeting(maya_ravi, now)
    services.advice_record_outcome(
        actor=maya, advice=advice, outcome="Went well", today=now.date(), report_back=True
    )
    assert _in_agenda(ravi, meeting, now)

    services.advice_record_outcome(actor=maya, advice=advice, outcome=OUTCOME, today=now.date())

    assert not _in_agenda(ravi, meeting, now)
    advice.refresh_from_db()
    assert advice.report_back is False
