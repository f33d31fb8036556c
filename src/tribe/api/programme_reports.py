"""The figures of a programme I run (``/api/programmes/{id}/report``, ``engagement``,
``surveys``): counts, dates, states and scores, and survey results only above
the anonymity threshold, never one person's words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema

from tribe.api.common import (
    MAX_ID,
    ApiRouter,
    ObjectId,
    Page,
    PageQuery,
    page_of,
)
from tribe.api.programmes import Named, programme_for
from tribe.core import clock
from tribe.programs.engagement import programme_engagement
from tribe.programs.reports import programme_report, report_data
from tribe.programs.selectors import (
    cohort_get_for_admin,
)
from tribe.programs.surveys import survey_get_for_admin, survey_results, surveys_of

router = ApiRouter(tags=["programme reports"])


Breakdown = Literal["cohort", "point", "role"]


# -- figures: the report, engagement, survey results ---------------------------------


class ScoreBinOut(Schema):
    low: float
    high: float
    count: int


class ScoresOut(Schema):
    count: int
    mean: float | None
    bins: list[ScoreBinOut]


class MonthCountOut(Schema):
    month: dt.date
    count: int


class MonthHealthOut(Schema):
    month: dt.date
    states: dict[str, int] = Field(description="pairs in each health state at the month's end")


class ReportQuestionOut(Schema):
    key: str
    label: str
    kind: Literal["rating", "text"]
    answered: int | None = Field(description="null: too few responses to show")
    mean: float | None
    too_few: bool


class ReportSurveyOut(Schema):
    name: str
    responses: int | None = Field(description="null: fewer people than the anonymity threshold")
    questions: list[ReportQuestionOut]


class CohortEngagementOut(Schema):
    cohort_id: int | None
    name: str | None
    mentees: int
    mentors: int
    pairs: int
    meetings_held: int
    cadence_kept: int = Field(description="pairs that held the meetings their cadence asked for")
    health: dict[str, int]
    at_risk: int
    waiting: int
    offers_open: int
    last_contact_on: dt.date | None


class EngagementTotalsOut(Schema):
    total: CohortEngagementOut
    cohorts: list[CohortEngagementOut]


class ReportOut(Schema):
    """The dashboard's figures: counts, dates, states and scores."""

    programme: str
    slug: str
    as_of: dt.date
    funnel: dict[str, int] = Field(
        description="roster, invited, enrolled, mentees, offered, accepted, met"
    )
    scores: ScoresOut
    meetings_per_month: list[MonthCountOut]
    health_over_time: list[MonthHealthOut]
    surveys: list[ReportSurveyOut]
    engagement: EngagementTotalsOut


@router.get("/{programme_id}/report", response=ReportOut)
def programme_report_read(request: HttpRequest, programme_id: ObjectId) -> dict[str, Any]:
    """The programme's figures, as the dashboard and its exports give them (days in my zone)."""
    person, programme = programme_for(request, programme_id)
    report = programme_report(programme=programme, zone_name=person.timezone, now=clock.now())
    return report_data(report)


#: Rows of each list the engagement answer carries (the counts are whole).
LIST_LIMIT = 100


class PairEngagementOut(Schema):
    offer_id: int
    relationship_id: int
    cohort_id: int | None
    mentee: str
    mentor: str
    score: float
    status: str
    started_on: dt.date
    cadence_days: int | None
    meetings_held: int
    meetings_expected: int | None
    last_contact_on: dt.date | None
    health: str
    next_contact_due: dt.date | None


class WaitingOut(Schema):
    participant_id: int
    name: str
    cohort_id: int | None
    joined_on: dt.date
    days_waiting: int


class OpenOfferOut(Schema):
    offer_id: int
    cohort_id: int | None
    mentee: str
    mentor: str
    offered_on: dt.date
    waiting_for: Literal["mentee", "mentor", "both"]


class EngagementOut(Schema):
    """How the pairs keep in touch: per cohort, the total, and (the first 100 of
    each) the pairs at risk, the people waiting and the offers not answered yet."""

    as_of: dt.date
    cohorts: list[CohortEngagementOut]
    total: CohortEngagementOut
    at_risk: list[PairEngagementOut]
    at_risk_more: int
    waiting: list[WaitingOut]
    waiting_more: int
    open_offers: list[OpenOfferOut]
    open_offers_more: int
    pairs: list[PairEngagementOut] = Field(description="every pair of the cohort chosen")
    pairs_more: int


class EngagementQuery(Schema):
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID, description="one cohort's figures")


def _pair(p: Any) -> dict[str, Any]:
    return {
        **{name: getattr(p, name) for name in PairEngagementOut.model_fields if name != "health"},
        "health": p.health.value,
    }


@router.get("/{programme_id}/engagement", response=EngagementOut)
def programme_engagement_read(
    request: HttpRequest, programme_id: ObjectId, filters: Query[EngagementQuery]
) -> dict[str, Any]:
    """Engagement of the programme, or of one cohort (then with every pair of it)."""
    person, programme = programme_for(request, programme_id)
    cohort = None
    if filters.cohort_id is not None:
        cohort = cohort_get_for_admin(
            person=person, programme=programme, cohort_id=filters.cohort_id
        )
    found = programme_engagement(
        programme=programme, zone_name=person.timezone, cohort=cohort, now=clock.now()
    )
    at_risk = found.at_risk
    pairs = list(found.pairs) if cohort is not None else []
    return {
        "as_of": found.as_of,
        "cohorts": found.cohorts,
        "total": found.total,
        "at_risk": [_pair(p) for p in at_risk[:LIST_LIMIT]],
        "at_risk_more": max(len(at_risk) - LIST_LIMIT, 0),
        "waiting": found.waiting[:LIST_LIMIT],
        "waiting_more": max(len(found.waiting) - LIST_LIMIT, 0),
        "open_offers": found.open_offers[:LIST_LIMIT],
        "open_offers_more": max(len(found.open_offers) - LIST_LIMIT, 0),
        "pairs": [_pair(p) for p in pairs[:LIST_LIMIT]],
        "pairs_more": max(len(pairs) - LIST_LIMIT, 0),
    }


class SurveyOut(Schema):
    id: int
    name: str
    cohort: Named | None
    first_after_days: int
    every_days: int
    at_end: bool
    questions: list[dict[str, Any]]
    response_count: int
    people_count: int


class QuestionResultOut(Schema):
    key: str
    label: str
    kind: Literal["rating", "text"]
    low: int
    high: int
    answered: int | None = Field(description="null: too few people answered to show")
    mean: float | None
    too_few: bool
    texts: list[str] = Field(description="answers their authors shared, without names, sorted")


class GroupResultOut(Schema):
    key: str
    name: str
    responses: int | None = Field(description="null: fewer people than the anonymity threshold")
    too_few: bool
    questions: list[QuestionResultOut]


class SurveyResultsOut(Schema):
    survey_id: int
    name: str
    breakdown: str
    whole: GroupResultOut
    groups: list[GroupResultOut]


class BreakdownQuery(Schema):
    breakdown: Breakdown | None = Field(None, description="results per cohort, point or side")


def _group(group: Any) -> dict[str, Any]:
    return {
        "key": group.key,
        "name": group.name,
        "responses": group.responses,
        "too_few": group.too_few,
        "questions": [
            {
                "key": q.key,
                "label": q.label,
                "kind": q.kind,
                "low": q.low,
                "high": q.high,
                "answered": q.answered,
                "mean": q.mean,
                "too_few": q.too_few,
                "texts": list(q.texts),
            }
            for q in group.questions
        ],
    }


@router.get("/{programme_id}/surveys", response=Page[SurveyOut])
def survey_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The programme's check-in surveys, with how many responses each has."""
    _, programme = programme_for(request, programme_id)
    return page_of(surveys_of(programme), page)


@router.get("/{programme_id}/surveys/{survey_id}/results", response=SurveyResultsOut)
def survey_results_read(
    request: HttpRequest,
    programme_id: ObjectId,
    survey_id: ObjectId,
    filters: Query[BreakdownQuery],
) -> dict[str, Any]:
    """A survey's results: counts and means only over groups of at least five people,
    free text only where its author shared it."""
    person, programme = programme_for(request, programme_id)
    survey = survey_get_for_admin(person=person, programme=programme, survey_id=survey_id)
    results = survey_results(survey=survey, breakdown=filters.breakdown or "")
    return {
        "survey_id": results.survey_id,
        "name": results.name,
        "breakdown": results.breakdown,
        "whole": _group(results.whole),
        "groups": [_group(g) for g in results.groups],
    }
