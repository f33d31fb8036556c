"""The report: the funnel, score bins, meetings per month, health over time, survey
results, engagement; CSV (safe against formula injection) and JSON of the same
figures; no private word anywhere; a fixed number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest

from tests.factories import PersonFactory
from tests.programs.pairs import NOW, PRIVATE, many_pairs, pair, participant, private_pair
from tribe.people.models import Person
from tribe.programs.models import (
    Cohort,
    Invitation,
    MatchOffer,
    OfferStatus,
    Programme,
    Role,
    RosterEntry,
    Survey,
    SurveyResponse,
)
from tribe.programs.reports import (
    MONTHS,
    programme_report,
    report_csv,
    report_data,
    report_json,
    report_rows,
)

pytestmark = pytest.mark.django_db


def report(programme: Programme) -> Any:
    return programme_report(programme=programme, zone_name="UTC", now=NOW)


def test_the_enrolment_funnel(programme: Programme, ada: Person) -> None:
    for k in range(5):
        RosterEntry.objects.create(programme=programme, employee_id=f"E{k}", email=f"e{k}@x.org")
    RosterEntry.objects.create(
        programme=programme, employee_id="gone", email="g@x.org", active=False
    )
    for email in ("e1@x.org", "e1@x.org", "e2@x.org", "e3@x.org"):
        Invitation.objects.create(
            programme=programme,
            email=email,
            token_hash=PersonFactory().email,  # any unique value
            expires_at=NOW,
        )
    participant(programme, Role.MENTEE)  # waiting
    participant(programme, Role.MENTOR)
    pair(programme, held=(3,))  # met
    pair(programme)  # accepted, not met yet
    open_offer = pair(programme)
    MatchOffer.objects.filter(pk=open_offer.pk).update(status=OfferStatus.OPEN)
    funnel = {s.key: s.count for s in report(programme).funnel}
    assert funnel == {
        "roster": 5,
        "invited": 3,
        "enrolled": 8,
        "mentees": 4,
        "offered": 3,
        "accepted": 2,
        "met": 1,
    }


def test_scores_are_binned(programme: Programme) -> None:
    for score in (0.05, 0.12, 0.18, 0.99, 1.0):
        pair(programme, score=score)
    withdrawn = pair(programme, score=0.5)
    MatchOffer.objects.filter(pk=withdrawn.pk).update(status=OfferStatus.WITHDRAWN)
    r = report(programme)
    assert [b.count for b in r.scores] == [1, 2, 0, 0, 0, 0, 0, 0, 0, 2]
    assert (r.score_count, r.score_mean) == (5, round((0.05 + 0.12 + 0.18 + 0.99 + 1.0) / 5, 3))
    assert (r.scores[0].low, r.scores[-1].high) == (0.0, 1.0)


def test_meetings_per_month_and_health_over_time(programme: Programme) -> None:
    start = dt.date(2026, 3, 1)
    pair(programme, started=start, cadence=30, held=(10, 40, 45))  # March 11, April 10, 15
    pair(programme, started=start, cadence=30)  # never met
    r = report(programme)
    assert len(r.meetings_per_month) == MONTHS
    assert r.meetings_per_month[-1].month == dt.date(2026, 6, 1)
    by_month = {m.month: m.count for m in r.meetings_per_month}
    assert (by_month[dt.date(2026, 3, 1)], by_month[dt.date(2026, 4, 1)]) == (1, 2)
    assert by_month[dt.date(2026, 2, 1)] == 0
    health = {m.month: m.states for m in r.health_over_time}
    assert sum(health[dt.date(2026, 2, 1)].values()) == 0  # not started yet
    # End of March: one met 20 days before, one silent for 30 days against 30.
    assert health[dt.date(2026, 3, 1)] == {"healthy": 1, "due": 1, "at_risk": 0, "dormant": 0}
    # End of May: the silent one 91 days (at risk); the other 46 days since April 15 (due).
    assert health[dt.date(2026, 5, 1)] == {"healthy": 0, "due": 1, "at_risk": 1, "dormant": 0}


def test_survey_results_keep_the_threshold(programme: Programme) -> None:
    survey = Survey.objects.create(
        programme=programme,
        name="Pulse",
        questions=[{"key": "q1", "label": "Useful?", "kind": "rating", "min": 1, "max": 5}],
    )
    offers = [pair(programme) for _ in range(5)]
    for offer in offers[:4]:
        SurveyResponse.objects.create(
            survey=survey,
            participant=offer.mentee,
            offer=offer,
            point=30,
            ratings={"q1": 4},
            submitted_at=NOW,
        )
    (pulse,) = report(programme).surveys
    assert pulse.whole.too_few
    assert ("survey", "Pulse", "Useful?", "too_few") in report_rows(report(programme))
    SurveyResponse.objects.create(
        survey=survey,
        participant=offers[4].mentee,
        offer=offers[4],
        point=30,
        ratings={"q1": 2},
        submitted_at=NOW,
    )
    (pulse,) = report(programme).surveys
    assert pulse.whole.questions[0].mean == pytest.approx(3.6)
    assert report_data(report(programme))["surveys"][0]["questions"][0]["mean"] == 3.6


def test_csv_cells_never_run_as_formulas(programme: Programme, ada: Person) -> None:
    cohort = Cohort.objects.create(programme=programme, name='=HYPERLINK("https://evil","x")')
    Survey.objects.create(
        programme=programme,
        name="@SUM(A1)",
        questions=[{"key": "q1", "label": "+cmd|' /C calc'!A0", "kind": "rating"}],
    )
    pair(programme, cohort=cohort)
    rows = list(csv.reader(io.StringIO(report_csv(report(programme)))))
    assert rows[0] == ["section", "group", "item", "value"]
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("https://evil","x")' in cells
    assert "'@SUM(A1)" in cells and "'+cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_json_and_csv_carry_the_same_figures(programme: Programme) -> None:
    many_pairs(programme, 6)
    r = report(programme)
    data = json.loads(report_json(r))
    assert data["funnel"] == {s.key: s.count for s in r.funnel}
    assert data["engagement"]["total"]["pairs"] == 6
    assert [b["count"] for b in data["scores"]["bins"]] == [b.count for b in r.scores]
    rows = list(csv.reader(io.StringIO(report_csv(r))))[1:]
    assert [row for row in rows if row[0] == "funnel"] == [
        ["funnel", "", s.key, str(s.count)] for s in r.funnel
    ]
    assert ["engagement", "(all)", "pairs", "6"] in rows


def test_no_private_word_reaches_the_report(programme: Programme) -> None:
    private_pair(programme)
    r = report(programme)
    for text in (repr(r), report_csv(r), report_json(r)):
        leaked = [marker for marker in PRIVATE.values() if marker in text]
        assert leaked == []


def test_another_programme_is_not_in_the_report(
    programme: Programme, other_programme: Programme
) -> None:
    pair(other_programme, held=(3,))
    r = report(programme)
    assert r.engagement.total.pairs == 0 and r.score_count == 0
    assert sum(m.count for m in r.meetings_per_month) == 0


@pytest.mark.parametrize("pairs", [10, 200])
def test_a_fixed_number_of_queries(
    programme: Programme, pairs: int, django_assert_num_queries: Any
) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Big")
    many_pairs(programme, pairs, cohort=cohort)
    Survey.objects.create(programme=programme, name="Pulse", questions=[])
    with django_assert_num_queries(16):
        r = report(programme)
    assert r.engagement.total.pairs == pairs
