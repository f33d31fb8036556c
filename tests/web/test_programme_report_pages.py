"""The programme's dashboard, exports and surveys pages, and a participant's surveys:
404 for anyone who does not run the programme (and for another programme's survey
ids), no private word on any of them, results only over groups of five, bad input on
its field, and a fixed number of queries however many pairs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.programs.pairs import NOW, PRIVATE, many_pairs, pair, private_pair
from tests.web.conftest import client_for
from tribe.people.models import Person
from tribe.programs.models import Cohort, Programme, Survey, SurveyResponse
from tribe.programs.surveys import SurveyFields, survey_create

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"kind": "rating", "label": "How useful?", "min": 1, "max": 5},
    {"kind": "text", "label": "What would help?"},
]


@pytest.fixture(autouse=True)
def _now(frozen_clock: Callable[[Any], Any]) -> None:
    frozen_clock(NOW)


def url(name: str, programme: Programme, *args: object) -> str:
    return reverse(f"web:{name}", args=[programme.slug, *args])


def make_survey(admin: Person, programme: Programme, name: str = "Check-in") -> Survey:
    return survey_create(
        actor=admin, programme=programme, fields=SurveyFields(name=name, questions=QUESTIONS)
    )


def test_the_dashboard_shows_engagement_and_charts(ada: Person, programme: Programme) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Spring")
    pair(programme, cohort=cohort, held=(10,))
    at_risk = pair(programme, cohort=cohort, started=(NOW.date().replace(month=3)))
    page = client_for(ada).get(url("programme_dashboard", programme))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Spring" in body and at_risk.mentee.person.name in body
    assert body.count("<svg") == 4 and "<script" not in body
    assert "<title id=" in body and "<desc id=" in body and "the figures as a table" in body
    one = client_for(ada).get(url("programme_dashboard", programme) + f"?cohort={cohort.pk}")
    assert one.status_code == 200 and "Every pair of the cohort" in one.content.decode()


def test_exports_carry_the_figures(ada: Person, programme: Programme) -> None:
    many_pairs(programme, 3)
    browser = client_for(ada)
    response = browser.get(url("programme_report_csv", programme))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["engagement", "(all)", "pairs", "3"] in rows
    data = json.loads(browser.get(url("programme_report_json", programme)).content)
    assert data["engagement"]["total"]["pairs"] == 3 and data["slug"] == "engineering"


def test_no_private_word_on_any_page_or_export(
    ada: Person, programme: Programme, make_person: Callable[..., Person]
) -> None:
    offer = private_pair(programme)
    survey = Survey.objects.get(programme=programme)
    browser = client_for(ada)
    pages = [
        url("programme_dashboard", programme),
        url("programme_dashboard", programme) + "?cohort=",
        url("programme_report_csv", programme),
        url("programme_report_json", programme),
        url("programme_surveys", programme),
        url("programme_survey_edit", programme, survey.pk),
        url("programme_survey_results", programme, survey.pk),
        url("programme_survey_results", programme, survey.pk) + "?breakdown=point",
    ]
    for address in pages:
        response = browser.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        assert [m for m in PRIVATE.values() if m in body] == [], address
    assert offer.relationship_id


def test_another_programme_is_a_404_everywhere(
    ada: Person, otto: Person, programme: Programme, other_programme: Programme
) -> None:
    theirs = make_survey(otto, other_programme, "Pulse")
    mine = make_survey(ada, programme)
    browser = client_for(ada)
    for name in (
        "programme_dashboard",
        "programme_report_csv",
        "programme_report_json",
        "programme_surveys",
    ):
        assert browser.get(url(name, other_programme)).status_code == 404, name
    for name in ("programme_survey_edit", "programme_survey_results", "programme_survey_delete"):
        assert browser.get(url(name, other_programme, theirs.pk)).status_code == 404
        assert browser.post(url(name, other_programme, theirs.pk)).status_code in (404, 405)
        # His survey under Ada's own programme's address: still not hers.
        assert browser.get(url(name, programme, theirs.pk)).status_code == 404
        assert browser.get(url(name, programme, mine.pk)).status_code == 200
    assert Survey.objects.filter(pk=theirs.pk).exists()


def test_creating_and_editing_a_survey(ada: Person, programme: Programme) -> None:
    browser = client_for(ada)
    response = browser.post(
        url("programme_surveys", programme),
        {
            "name": "Check-in",
            "first_after_days": "30",
            "every_days": "60",
            "at_end": "on",
            "questions": "rating 1-5: How useful?\ntext: What would help?\n",
        },
    )
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert [q["kind"] for q in survey.questions] == ["rating", "text"]
    bad = browser.post(
        url("programme_surveys", programme),
        {"name": "Other", "first_after_days": "30", "every_days": "0", "questions": "how?"},
    )
    assert bad.status_code == 400
    assert "line 1:" in " ".join(bad.context["form"].errors["questions"])
    backwards = browser.post(
        url("programme_surveys", programme),
        {
            "name": "Other",
            "first_after_days": "30",
            "every_days": "0",
            "questions": "rating 5-1: x",
        },
    )
    assert "question 1:" in " ".join(backwards.context["form"].errors["questions"])
    assert Survey.objects.count() == 1
    edit = browser.post(
        url("programme_survey_edit", programme, survey.pk),
        {
            "name": "Renamed",
            "first_after_days": "14",
            "every_days": "0",
            "questions": "rating 1-5: How useful?\ntext: What would help?",
        },
    )
    assert edit.status_code == 302
    survey.refresh_from_db()
    assert (survey.name, survey.first_after_days, survey.at_end) == ("Renamed", 14, False)
    gone = browser.post(url("programme_survey_delete", programme, survey.pk))
    assert gone.status_code == 302 and not Survey.objects.exists()


def test_results_show_too_few_then_the_average(ada: Person, programme: Programme) -> None:
    survey = make_survey(ada, programme)
    offers = [pair(programme) for _ in range(5)]

    def respond(offer: Any, rating: int, text: str, share: bool) -> None:
        SurveyResponse.objects.create(
            survey=survey,
            participant=offer.mentee,
            offer=offer,
            point=30,
            ratings={"q1": rating},
            texts={"q2": text},
            share_texts=share,
            submitted_at=NOW,
        )

    for k, offer in enumerate(offers[:4]):
        respond(offer, 4, f"shared words {k}", True)
    browser = client_for(ada)
    page = browser.get(url("programme_survey_results", programme, survey.pk)).content.decode()
    assert "Too few responses" in page and "shared words" not in page
    respond(offers[4], 2, "UNSHARED-words", False)
    page = browser.get(url("programme_survey_results", programme, survey.pk)).content.decode()
    assert "Too few responses" not in page
    assert "3.6" in page and "shared words 0" in page and "UNSHARED" not in page
    assert offers[0].mentee.person.name not in page


def test_a_participant_answers_a_due_survey(ada: Person, programme: Programme, eve: Person) -> None:
    survey = make_survey(ada, programme)
    offer = pair(programme, started=(NOW.date().replace(day=1).replace(month=5)))  # day 45
    maya = offer.mentee.person
    browser = client_for(maya)
    listing = browser.get(url("my_programme_surveys", programme))
    assert listing.status_code == 200 and "Check-in" in listing.content.decode()
    answer_url = url("my_programme_survey_answer", programme, survey.pk, offer.pk) + "?point=30"
    assert browser.get(answer_url).status_code == 200
    bad = browser.post(answer_url, {"q1": "9", "q2": "ok"})
    assert bad.status_code == 200 and "q1" in bad.context["form"].errors
    too_long = browser.post(answer_url, {"q1": "3", "q2": "x" * 2001})
    assert "q2" in too_long.context["form"].errors
    assert not SurveyResponse.objects.exists()
    done = browser.post(answer_url, {"q1": "3", "q2": "More time", "share_texts": "on"})
    assert done.status_code == 302
    response = SurveyResponse.objects.get()
    assert (response.ratings, response.share_texts) == ({"q1": 3}, True)
    assert browser.get(answer_url).status_code == 404  # answered: no longer open
    assert client_for(eve).get(url("my_programme_surveys", programme)).status_code == 404
    assert client_for(eve).get(answer_url).status_code == 404
    assert client_for(offer.mentor.person).get(answer_url).status_code == 200


@pytest.mark.parametrize("pairs", [10, 200])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    ada: Person, programme: Programme, pairs: int, django_assert_num_queries: Any
) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Big")
    many_pairs(programme, pairs, cohort=cohort)
    make_survey(ada, programme)
    browser: Client = client_for(ada)
    browser.get(url("programme_dashboard", programme))  # session and caches warm
    with django_assert_num_queries(QUERIES):
        assert browser.get(url("programme_dashboard", programme)).status_code == 200


#: The dashboard's queries: the session, the programme, its cohorts, the report.
QUERIES = 20


def test_a_cohort_of_a_few_hundred_pairs_keeps_the_same_count(
    ada: Person, programme: Programme, django_assert_num_queries: Any
) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Big")
    many_pairs(programme, 300, cohort=cohort)
    browser = client_for(ada)
    with django_assert_num_queries(QUERIES):
        assert browser.get(url("programme_dashboard", programme)).status_code == 200
    with django_assert_num_queries(QUERIES + 5):  # the cohort's own engagement too
        page = browser.get(url("programme_dashboard", programme) + f"?cohort={cohort.pk}")
    assert page.status_code == 200 and "And 200 more." in page.content.decode()


@pytest.mark.parametrize("surveys", [1, 6])
def test_the_survey_pages_run_a_fixed_number_of_queries(
    ada: Person, programme: Programme, surveys: int, django_assert_num_queries: Any
) -> None:
    offer = pair(programme, started=NOW.date().replace(month=5))
    for k in range(surveys):
        make_survey(ada, programme, f"Survey {k}")
    admin, maya = client_for(ada), client_for(offer.mentee.person)
    admin.get(url("programme_surveys", programme))
    with django_assert_num_queries(5):  # session, person, programme, cohorts, surveys
        assert admin.get(url("programme_surveys", programme)).status_code == 200
    maya.get(url("my_programme_surveys", programme))
    with django_assert_num_queries(7):  # the same for one survey and for six
        page = maya.get(url("my_programme_surveys", programme))
    assert page.content.decode().count("?point=30") == surveys
