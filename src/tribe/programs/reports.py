"""A programme's report: the figures its dashboard draws and its exports carry.

One dataclass tree (:class:`Report`) is built once and read by the page, the
JSON export, the CSV export and ``tribe programme report``, so they cannot
disagree. Every figure is a count, a date, a state or a score:

- the enrolment funnel: in the roster, invited, enrolled, enrolled mentees,
  offered a match, accepted by both, met at least once;
- the distribution of match scores (offers made, withdrawn ones left out);
- meetings held per month, over the last ``MONTHS`` months;
- health over time: the pairs' health as of the end of each month, from the
  inputs whose history is kept (the agreed cadence, the start, the meetings
  held and the contact logged by then), through the ledger's own ``assess``;
- the surveys' results, whole, with the anonymity threshold of ``surveys``;
- engagement per cohort (``engagement``).

Queries: a fixed number, whatever the programme's size (see the tests).
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import datetime as dt
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from tribe.core import clock
from tribe.core.csvsafe import row as safe_row
from tribe.core.zones import local, zone
from tribe.ledger.health import HealthInput, State, assess
from tribe.ledger.models import Touchpoint
from tribe.meetings.models import Meeting
from tribe.programs.engagement import (
    Engagement,
    accepted_at,
    pairs_in_programme,
    programme_engagement,
)
from tribe.programs.models import OfferStatus, ParticipantStatus, Programme, Role
from tribe.programs.surveys import SurveyResults, programme_survey_results
from tribe.relationships.models import Relationship

__all__ = [
    "FUNNEL_LABELS",
    "HEALTH_STATES",
    "MONTHS",
    "SCORE_BINS",
    "FunnelStep",
    "MonthCount",
    "MonthHealth",
    "Report",
    "ScoreBin",
    "programme_report",
    "report_csv",
    "report_json",
]

#: Months shown in the figures over time (the current one included).
MONTHS = 12
#: Bins of the score distribution, over [0, 1].
SCORE_BINS = 10
#: The funnel's steps, in order, as an administrator reads them.
FUNNEL_LABELS = {
    "roster": _("In the roster"),
    "invited": _("Invited"),
    "enrolled": _("Enrolled"),
    "mentees": _("Enrolled mentees"),
    "offered": _("Offered a match"),
    "accepted": _("Accepted by both"),
    "met": _("Met at least once"),
}
#: Health states drawn over time (a pair not running is left out).
HEALTH_STATES = (State.HEALTHY, State.DUE, State.AT_RISK, State.DORMANT)


@dataclass(frozen=True)
class FunnelStep:
    key: str
    count: int


@dataclass(frozen=True)
class ScoreBin:
    low: float
    high: float
    count: int


@dataclass(frozen=True)
class MonthCount:
    month: dt.date
    count: int


@dataclass(frozen=True)
class MonthHealth:
    month: dt.date
    #: Pairs in each state of HEALTH_STATES as of the month's end (or today).
    states: dict[str, int]


@dataclass(frozen=True)
class Report:
    programme: str
    slug: str
    as_of: dt.date
    funnel: tuple[FunnelStep, ...]
    scores: tuple[ScoreBin, ...]
    score_count: int
    score_mean: float | None
    meetings_per_month: tuple[MonthCount, ...]
    health_over_time: tuple[MonthHealth, ...]
    surveys: tuple[SurveyResults, ...]
    engagement: Engagement


def _months(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the last ``count`` months, oldest first, this month last."""
    year, month = today.year, today.month
    out = []
    for _step in range(count):
        out.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _funnel(programme: Programme, now: dt.datetime) -> tuple[FunnelStep, ...]:
    enrolled = Q(status=ParticipantStatus.ENROLLED)
    people = programme.participants.aggregate(
        enrolled=Count("id", filter=enrolled),
        mentees=Count("id", filter=enrolled & Q(role__in=(Role.MENTEE, Role.BOTH))),
    )
    accepted = Q(status=OfferStatus.ACCEPTED)
    # Like "enrolled", the later steps count the mentees still in the programme;
    # "met" counts meetings from the offer's acceptance on, not the pair's before.
    offers = (
        programme.offers.exclude(status=OfferStatus.WITHDRAWN)
        .exclude(mentee__status=ParticipantStatus.LEFT)
        .aggregate(
            offered=Count("mentee", distinct=True),
            accepted=Count("mentee", distinct=True, filter=accepted),
            met=Count(
                "mentee",
                distinct=True,
                filter=accepted
                & Q(
                    relationship__meetings__status=Meeting.Status.HELD,
                    relationship__meetings__starts_at__lte=now,
                    relationship__meetings__starts_at__gte=accepted_at(),
                ),
            ),
        )
    )
    counts = {
        "roster": programme.roster.filter(active=True).count(),
        "invited": programme.invitations.values("email").distinct().count(),
        **people,
        **offers,
    }
    return tuple(FunnelStep(key, counts[key]) for key in FUNNEL_LABELS)


def _scores(programme: Programme) -> tuple[tuple[ScoreBin, ...], int, float | None]:
    scores = list(
        programme.offers.exclude(status=OfferStatus.WITHDRAWN).values_list("score", flat=True)
    )
    counts = [0] * SCORE_BINS
    for score in scores:
        counts[min(max(int(score * SCORE_BINS), 0), SCORE_BINS - 1)] += 1
    bins = tuple(
        ScoreBin(round(k / SCORE_BINS, 2), round((k + 1) / SCORE_BINS, 2), counts[k])
        for k in range(SCORE_BINS)
    )
    mean = round(sum(scores) / len(scores), 3) if scores else None
    return bins, len(scores), mean


def _pair_relationships(programme: Programme) -> Any:
    return pairs_in_programme(programme)


def _meetings_per_month(
    programme: Programme, months: list[dt.date], now: dt.datetime, zone_name: str
) -> tuple[MonthCount, ...]:
    start = dt.datetime.combine(months[0], dt.time(), tzinfo=zone(zone_name))
    counts = {
        local(row["month"], zone_name).date()
        if isinstance(row["month"], dt.datetime)
        else row["month"]: row["n"]
        for row in Meeting.objects.filter(
            relationship__in=_pair_relationships(programme),
            status=Meeting.Status.HELD,
            starts_at__gte=start,
            starts_at__lte=now,
        )
        .filter(starts_at__gte=accepted_at("relationship__offer"))
        .annotate(month=TruncMonth("starts_at", tzinfo=zone(zone_name)))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    }
    return tuple(MonthCount(m, counts.get(m, 0)) for m in months)


def _health_over_time(
    programme: Programme, months: list[dt.date], today: dt.date, now: dt.datetime, zone_name: str
) -> tuple[MonthHealth, ...]:
    """Each pair's health as of each month's end, from cadence, start and contact then."""
    pairs = list(
        _pair_relationships(programme).values(
            "id", "status", "status_changed_at", "starts_on", "cadence_days"
        )
    )
    contacts: dict[int, list[dt.date]] = defaultdict(list)
    for rel_id, starts_at in Meeting.objects.filter(
        relationship__in=_pair_relationships(programme),
        status=Meeting.Status.HELD,
        starts_at__lte=now,
    ).values_list("relationship_id", "starts_at"):
        contacts[rel_id].append(local(starts_at, zone_name).date())
    for rel_id, day in Touchpoint.objects.filter(
        relationship__in=_pair_relationships(programme)
    ).values_list("relationship_id", "happened_on"):
        contacts[rel_id].append(day)
    for days in contacts.values():
        days.sort()
    for pair in pairs:
        pair["changed_on"] = local(pair["status_changed_at"], zone_name).date()
        pair["started_on"] = pair["starts_on"] or pair["changed_on"]
    # With only cadence, start and contact given, ``assess`` depends on the cadence,
    # the days since the last contact (or the start) and whether there was one: the
    # same answer is reused for the same three (12 months × 10,000 pairs otherwise).
    seen: dict[tuple[int | None, int, bool], State] = {}
    out = []
    for first in months:
        as_of = min(_month_end(first), today)
        states: Counter[str] = Counter()
        for pair in pairs:
            changed, started = pair["changed_on"], pair["started_on"]
            if started > as_of:
                continue
            # A pair that stopped since was running then; one that stopped before was not.
            if pair["status"] != Relationship.Status.ACTIVE and changed <= as_of:
                continue
            days = contacts.get(pair["id"], [])
            k = bisect.bisect_right(days, as_of)
            last = days[k - 1] if k else None
            key = (pair["cadence_days"], (as_of - (last or started)).days, last is None)
            if key not in seen:
                seen[key] = assess(
                    HealthInput(
                        status=Relationship.Status.ACTIVE,
                        today=as_of,
                        cadence_days=pair["cadence_days"],
                        started_on=started,
                        last_contact_on=last,
                    )
                ).state
            states[seen[key].value] += 1
        out.append(MonthHealth(first, {s.value: states[s.value] for s in HEALTH_STATES}))
    return tuple(out)


def programme_report(
    *, programme: Programme, zone_name: str, now: dt.datetime | None = None
) -> Report:
    """The whole report of a programme its caller administers (checked by the caller)."""
    moment = clock.resolve(now)
    today = local(moment, zone_name).date()
    months = _months(today)
    bins, count, mean = _scores(programme)
    return Report(
        programme=programme.name,
        slug=programme.slug,
        as_of=today,
        funnel=_funnel(programme, moment),
        scores=bins,
        score_count=count,
        score_mean=mean,
        meetings_per_month=_meetings_per_month(programme, months, moment, zone_name),
        health_over_time=_health_over_time(programme, months, today, moment, zone_name),
        surveys=tuple(programme_survey_results(programme=programme)),
        engagement=programme_engagement(programme=programme, zone_name=zone_name, now=moment),
    )


# -- exports -----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data (dates as ISO text): what ``--json`` and the JSON export give."""
    engagement = report.engagement
    cohorts = [dataclasses.asdict(c) for c in engagement.cohorts]
    data = {
        "programme": report.programme,
        "slug": report.slug,
        "as_of": report.as_of,
        "funnel": {step.key: step.count for step in report.funnel},
        "scores": {
            "count": report.score_count,
            "mean": report.score_mean,
            "bins": [dataclasses.asdict(b) for b in report.scores],
        },
        "meetings_per_month": [dataclasses.asdict(m) for m in report.meetings_per_month],
        "health_over_time": [dataclasses.asdict(m) for m in report.health_over_time],
        "surveys": [
            {
                "name": s.name,
                "responses": s.whole.responses,
                "questions": [
                    {
                        "key": q.key,
                        "label": q.label,
                        "kind": q.kind,
                        "answered": q.answered,
                        "mean": q.mean,
                        "too_few": q.too_few,
                    }
                    for q in s.whole.questions
                ],
            }
            for s in report.surveys
        ],
        "engagement": {
            "total": dataclasses.asdict(engagement.total),
            "cohorts": cohorts,
        },
    }
    return dict(_plain(data))


def report_json(report: Report) -> str:
    return json.dumps(report_data(report), indent=2, ensure_ascii=False)


CSV_HEADER = ("section", "group", "item", "value")


def report_rows(report: Report) -> list[tuple[str, str, str, object]]:
    """The report as long rows (section, group, item, value); a hidden figure is "too_few"."""
    rows: list[tuple[str, str, str, object]] = []
    rows += [("funnel", "", step.key, step.count) for step in report.funnel]
    rows += [("scores", "", f"{b.low:.1f}-{b.high:.1f}", b.count) for b in report.scores]
    rows.append(("scores", "", "mean", report.score_mean))
    rows += [
        ("meetings_per_month", "", m.month.isoformat()[:7], m.count)
        for m in report.meetings_per_month
    ]
    for month in report.health_over_time:
        rows += [
            ("health", month.month.isoformat()[:7], state, n) for state, n in month.states.items()
        ]
    for survey in report.surveys:
        whole = survey.whole
        rows.append(
            ("survey", survey.name, "responses", "too_few" if whole.too_few else whole.responses)
        )
        for q in whole.questions:
            if q.kind == "rating":
                rows.append(("survey", survey.name, q.label, "too_few" if q.too_few else q.mean))
    engagement = report.engagement
    groups = [(c.name or "(no cohort)", c) for c in engagement.cohorts]
    for group, cohort in [*groups, ("(all)", engagement.total)]:
        for item in (
            "mentees",
            "mentors",
            "pairs",
            "meetings_held",
            "cadence_kept",
            "at_risk",
            "waiting",
            "offers_open",
        ):
            rows.append(("engagement", group, item, getattr(cohort, item)))
        rows += [("engagement", group, f"health_{s}", n) for s, n in cohort.health.items()]
    return rows


def report_csv(report: Report) -> str:
    """The report as CSV, every text cell safe against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in report_rows(report):
        writer.writerow(safe_row(row))
    return out.getvalue()
