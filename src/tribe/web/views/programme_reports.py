"""A programme's engagement, reports and surveys: the administrator's dashboard and
exports, setting surveys up and reading their results, and a participant's surveys.

Administrators' pages go through ``admin_page`` (404 for a programme they do
not run) and read surveys through the programme (another programme's survey
id is a 404 too). Every figure comes from ``programs.reports`` /
``engagement`` / ``surveys``: counts, dates, states and scores, never what
people wrote, and survey results only over groups large enough.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from tribe.core import clock
from tribe.ledger.health import State
from tribe.people.models import Person
from tribe.programs.engagement import programme_engagement
from tribe.programs.models import Participant, Programme
from tribe.programs.reports import (
    FUNNEL_LABELS,
    HEALTH_STATES,
    Report,
    programme_report,
    report_csv,
    report_json,
)
from tribe.programs.surveys import (
    SurveyFields,
    SurveyResults,
    due_point_get,
    survey_answer,
    survey_create,
    survey_delete,
    survey_get_for_admin,
    survey_results,
    survey_update,
    surveys_due,
    surveys_of,
)
from tribe.web.forms.programme_reports import (
    AnswerForm,
    BreakdownForm,
    CohortFilterForm,
    SurveyForm,
)
from tribe.web.programme_charts import Chart, Series, bar_chart, funnel_chart, line_chart
from tribe.web.views.common import confirm_page, handle_form, save_or_show
from tribe.web.views.programme_common import admin_page, participant_page

#: Rows listed on the dashboard (at-risk pairs, people waiting, open offers); counts are whole.
LIST_LIMIT = 100


def _surveys_url(programme: Programme) -> str:
    return reverse("web:programme_surveys", args=[programme.slug])


def _month(day: Any) -> str:
    return date_format(day, "YEAR_MONTH_FORMAT")


def _charts(report: Report) -> list[Chart]:
    steps = [(str(FUNNEL_LABELS[s.key]), s.count) for s in report.funnel]
    charts = [
        funnel_chart(
            title=gettext("Enrolment funnel"),
            description=", ".join(f"{label}: {n}" for label, n in steps),
            steps=steps,
            label_header=gettext("Step"),
            value_header=gettext("People"),
        ),
        bar_chart(
            title=gettext("Match scores"),
            description=gettext("{n} offers by score, from 0 to 1.").format(n=report.score_count),
            bars=[(f"{b.low:.1f}–{b.high:.1f}", b.count) for b in report.scores],
            label_header=gettext("Score"),
            value_header=gettext("Offers"),
        ),
    ]
    months = [_month(m.month) for m in report.meetings_per_month]
    charts.append(
        line_chart(
            title=gettext("Meetings held per month"),
            description=", ".join(
                f"{label}: {m.count}"
                for label, m in zip(months, report.meetings_per_month, strict=True)
            ),
            labels=months,
            series=[Series(gettext("Meetings"), tuple(m.count for m in report.meetings_per_month))],
            label_header=gettext("Month"),
        )
    )
    charts.append(
        line_chart(
            title=gettext("Health of the pairs over time"),
            description=gettext(
                "Pairs by health at the end of each month, from the cadence and the contact then."
            ),
            labels=[_month(m.month) for m in report.health_over_time],
            series=[
                Series(
                    State(state).label,
                    tuple(m.states[state.value] for m in report.health_over_time),
                )
                for state in HEALTH_STATES
            ],
            label_header=gettext("Month"),
        )
    )
    too_few = gettext("too few responses")
    for survey in report.surveys:
        ratings = [q for q in survey.whole.questions if q.kind == "rating"]
        if not ratings:
            continue
        high = max(q.high for q in ratings)
        charts.append(
            bar_chart(
                title=gettext("Survey “{name}”: average ratings").format(name=survey.name),
                description=", ".join(
                    f"{q.label}: {too_few if q.mean is None else q.mean}" for q in ratings
                ),
                bars=[(q.label, q.mean) for q in ratings],
                label_header=gettext("Question"),
                value_header=gettext("Average"),
                high=high,
                empty=too_few,
            )
        )
    return charts


@admin_page(methods=["GET"])
def programme_dashboard(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    now = clock.now()
    cohorts = list(programme.cohorts.order_by("-starts_on", "name", "id"))
    chooser = CohortFilterForm(request.GET or None, cohorts=cohorts)
    cohort = chooser.chosen()
    report = programme_report(programme=programme, zone_name=person.timezone, now=now)
    engagement = report.engagement
    if cohort is not None:
        engagement = programme_engagement(
            programme=programme, zone_name=person.timezone, cohort=cohort, now=now
        )
    at_risk = engagement.at_risk
    return render(
        request,
        "web/programmes/reports/dashboard.html",
        {
            "programme": programme,
            "report": report,
            "engagement": engagement,
            "cohort": cohort,
            "chooser": chooser,
            "charts": _charts(report),
            "at_risk": at_risk[:LIST_LIMIT],
            "at_risk_more": max(len(at_risk) - LIST_LIMIT, 0),
            "waiting": engagement.waiting[:LIST_LIMIT],
            "waiting_more": max(len(engagement.waiting) - LIST_LIMIT, 0),
            "offers": engagement.open_offers[:LIST_LIMIT],
            "offers_more": max(len(engagement.open_offers) - LIST_LIMIT, 0),
            "pairs": engagement.pairs[:LIST_LIMIT] if cohort is not None else (),
            "pairs_more": max(len(engagement.pairs) - LIST_LIMIT, 0) if cohort else 0,
            "states": [(s.value, s.label) for s in (*HEALTH_STATES, State.INACTIVE)],
        },
    )


def _download(body: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@admin_page(methods=["GET"])
def programme_report_csv(
    request: HttpRequest, person: Person, programme: Programme
) -> HttpResponse:
    report = programme_report(programme=programme, zone_name=person.timezone, now=clock.now())
    return _download(
        report_csv(report),
        content_type="text/csv; charset=utf-8",
        filename=f"{programme.slug}-report-{report.as_of.isoformat()}.csv",
    )


@admin_page(methods=["GET"])
def programme_report_json(
    request: HttpRequest, person: Person, programme: Programme
) -> HttpResponse:
    report = programme_report(programme=programme, zone_name=person.timezone, now=clock.now())
    return _download(
        report_json(report),
        content_type="application/json; charset=utf-8",
        filename=f"{programme.slug}-report-{report.as_of.isoformat()}.json",
    )


def _fields(data: dict[str, Any]) -> SurveyFields:
    return SurveyFields(
        name=data["name"],
        questions=data["questions"],
        first_after_days=data["first_after_days"],
        every_days=data["every_days"],
        at_end=data["at_end"],
        cohort=data.get("cohort"),
    )


@admin_page()
def programme_surveys(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    cohorts = list(programme.cohorts.order_by("-starts_on", "name", "id"))
    form = SurveyForm(request.POST or None, cohorts=cohorts)
    response = handle_form(
        request,
        form,
        survey_create,
        lambda data: {"actor": person, "programme": programme, "fields": _fields(data)},
        done=gettext("Survey created. Each pair is asked at its points from now on."),
        then=_surveys_url(programme),
    )
    if response is not None:
        return response
    return render(
        request,
        "web/programmes/reports/surveys.html",
        {"programme": programme, "surveys": list(surveys_of(programme)), "form": form},
        status=400 if form.errors else 200,
    )


@admin_page()
def programme_survey_edit(
    request: HttpRequest, person: Person, programme: Programme, survey_id: int
) -> HttpResponse:
    survey = survey_get_for_admin(person=person, programme=programme, survey_id=survey_id)
    cohorts = list(programme.cohorts.order_by("-starts_on", "name", "id"))
    form = SurveyForm(request.POST or None, cohorts=cohorts, initial=SurveyForm.initial_for(survey))
    return save_or_show(
        request,
        form,
        survey_update,
        lambda data: {"actor": person, "survey": survey, "fields": _fields(data)},
        done=gettext("Survey saved."),
        back=_surveys_url(programme),
        title=gettext("Survey %(name)s") % {"name": survey.name},
        submit=gettext("Save"),
        refused=survey.refresh_from_db,
    )


@admin_page(methods=["GET", "POST"])
def programme_survey_delete(
    request: HttpRequest, person: Person, programme: Programme, survey_id: int
) -> HttpResponse:
    survey = survey_get_for_admin(person=person, programme=programme, survey_id=survey_id)
    return confirm_page(
        request,
        act=lambda: survey_delete(actor=person, survey=survey),
        done=gettext("Survey deleted."),
        back=_surveys_url(programme),
        title=gettext("Delete the survey %(name)s") % {"name": survey.name},
        question=gettext("Its responses are deleted with it. Nobody is asked it again."),
    )


@admin_page(methods=["GET"])
def programme_survey_results(
    request: HttpRequest, person: Person, programme: Programme, survey_id: int
) -> HttpResponse:
    survey = survey_get_for_admin(person=person, programme=programme, survey_id=survey_id)
    chooser = BreakdownForm(request.GET or None)
    results: SurveyResults = survey_results(survey=survey, breakdown=chooser.value())
    return render(
        request,
        "web/programmes/reports/survey_results.html",
        {
            "programme": programme,
            "survey": survey,
            "results": results,
            "chooser": chooser,
            "groups": [results.whole, *results.groups],
        },
    )


@participant_page(methods=["GET"])
def my_programme_surveys(
    request: HttpRequest, person: Person, participant: Participant
) -> HttpResponse:
    return render(
        request,
        "web/programmes/reports/my_surveys.html",
        {
            "participant": participant,
            "programme": participant.programme,
            "due": surveys_due(participant=participant, now=clock.now()),
        },
    )


@participant_page()
def my_programme_survey_answer(
    request: HttpRequest, person: Person, participant: Participant, survey_id: int, offer_id: int
) -> HttpResponse:
    point = request.GET.get("point")
    now = clock.now()
    due = due_point_get(
        participant=participant, survey_id=survey_id, offer_id=offer_id, point=point, now=now
    )
    form = AnswerForm(request.POST or None, due=due)
    back = reverse("web:my_programme_surveys", args=[participant.programme.slug])
    return save_or_show(
        request,
        form,
        survey_answer,
        lambda data: {
            "actor": person,
            "participant": participant,
            "survey_id": survey_id,
            "offer_id": offer_id,
            "point": point,
            "answers": form.answers(),
            "share_texts": data.get("share_texts", False),
            "now": now,
        },
        done=gettext("Thank you: your answers are in."),
        back=back,
        title=gettext("%(survey)s, %(point)s, with %(name)s")
        % {"survey": due.survey.name, "point": due.label, "name": due.other},
        submit=gettext("Send my answers"),
        intro=gettext(
            "Administrators see your ratings only as averages over at least five people, "
            "never with your name. Your written answers stay unread unless you share them."
        ),
    )


__all__ = [
    "my_programme_survey_answer",
    "my_programme_surveys",
    "programme_dashboard",
    "programme_report_csv",
    "programme_report_json",
    "programme_survey_delete",
    "programme_survey_edit",
    "programme_survey_results",
    "programme_surveys",
]
