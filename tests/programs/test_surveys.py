"""Surveys: setting them up (every bad field named, nothing partial), what is due for
whom and when, answering once per point, and results only over groups of at least
five people, with free text only where its author shared it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.programs.pairs import NOW, pair
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, TribeError, ValidationError
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    ANONYMITY_MIN,
    TEXT_MAX,
    Cohort,
    MatchOffer,
    Participant,
    Programme,
    Survey,
    SurveyResponse,
)
from tribe.programs.surveys import (
    END,
    SurveyFields,
    open_points,
    programme_survey_results,
    survey_answer,
    survey_create,
    survey_delete,
    survey_get_for_admin,
    survey_results,
    survey_update,
    surveys_due,
)

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"kind": "rating", "label": "How useful?", "min": 1, "max": 5},
    {"kind": "text", "label": "What would help?"},
]


def fields(**changes: Any) -> SurveyFields:
    values: dict[str, Any] = {"name": "Check-in", "questions": QUESTIONS}
    values.update(changes)
    return SurveyFields(**values)


@pytest.fixture
def survey(ada: Person, programme: Programme) -> Survey:
    return survey_create(actor=ada, programme=programme, fields=fields())


def answer(
    offer: MatchOffer, survey: Survey, *, side: str = "mentee", point: int = 30, **answers: Any
) -> SurveyResponse:
    who: Participant = offer.mentee if side == "mentee" else offer.mentor
    share = answers.pop("share_texts", False)
    return survey_answer(
        actor=who.person,
        participant=who,
        survey_id=survey.pk,
        offer_id=offer.pk,
        point=point,
        answers=answers or {"q1": 4},
        share_texts=share,
        now=NOW,
    )


def started(days: int) -> dt.date:
    return (NOW - dt.timedelta(days=days)).date()


# -- setting up ---------------------------------------------------------------------


def test_create_keys_questions_in_order(survey: Survey) -> None:
    assert survey.questions == [
        {"key": "q1", "label": "How useful?", "kind": "rating", "min": 1, "max": 5},
        {"key": "q2", "label": "What would help?", "kind": "text"},
    ]
    assert (survey.first_after_days, survey.every_days, survey.at_end) == (30, 60, True)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"name": ""}, "name", CoreCode.REQUIRED),
        ({"questions": []}, "questions", ProgrammeCode.SURVEY_NO_QUESTIONS),
        ({"questions": [{"kind": "rating", "label": "x", "min": 5, "max": 1}]}, "questions",
         ProgrammeCode.BAD_QUESTION),
        ({"questions": [{"kind": "poll", "label": "x"}]}, "questions", ProgrammeCode.BAD_QUESTION),
        ({"questions": [{"kind": "text", "label": ""}]}, "questions", ProgrammeCode.BAD_QUESTION),
        ({"first_after_days": 0}, "first_after_days", CoreCode.OUT_OF_RANGE),
        ({"every_days": -1}, "every_days", CoreCode.OUT_OF_RANGE),
    ],
)  # fmt: skip
def test_bad_fields_are_named_and_nothing_is_written(
    ada: Person, programme: Programme, changes: dict[str, Any], field: str, code: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        survey_create(actor=ada, programme=programme, fields=fields(**changes))
    assert (caught.value.field, caught.value.code) == (field, code)
    assert not Survey.objects.exists()


def test_names_are_unique_per_programme(
    ada: Person, otto: Person, survey: Survey, other_programme: Programme
) -> None:
    with pytest.raises(Conflict) as caught:
        survey_create(actor=ada, programme=survey.programme, fields=fields())
    assert caught.value.code == ProgrammeCode.SURVEY_NAME_TAKEN
    survey_create(actor=otto, programme=other_programme, fields=fields())  # another programme


def test_only_the_programmes_administrators_set_surveys_up(
    otto: Person, survey: Survey, other_programme: Programme
) -> None:
    with pytest.raises(NotFound):
        survey_create(actor=otto, programme=survey.programme, fields=fields(name="Mine"))
    with pytest.raises(NotFound):
        survey_update(actor=otto, survey=survey, fields=fields(name="Mine"))
    with pytest.raises(NotFound):
        survey_delete(actor=otto, survey=survey)
    with pytest.raises(NotFound):
        survey_get_for_admin(person=otto, programme=survey.programme, survey_id=survey.pk)
    with pytest.raises(NotFound):  # his programme, Ada's survey id
        survey_get_for_admin(person=otto, programme=other_programme, survey_id=survey.pk)
    other_cohort = Cohort.objects.create(programme=other_programme, name="Q1")
    with pytest.raises(NotFound):
        survey_update(
            actor=survey.programme.admins.get().person,
            survey=survey,
            fields=fields(cohort=other_cohort),
        )


def test_questions_are_locked_once_answered(ada: Person, survey: Survey) -> None:
    offer = pair(survey.programme, started=started(35))
    answer(offer, survey)
    with pytest.raises(Conflict) as caught:
        survey_update(
            actor=ada, survey=survey, fields=fields(questions=[{"kind": "text", "label": "New"}])
        )
    assert caught.value.field == "questions"
    survey_update(actor=ada, survey=survey, fields=fields(name="Renamed", every_days=90))
    survey.refresh_from_db()
    assert (survey.name, survey.every_days, len(survey.questions)) == ("Renamed", 90, 2)
    survey_delete(actor=ada, survey=survey)
    assert not SurveyResponse.objects.exists()


# -- what is due ----------------------------------------------------------------------


def test_points_open_and_close() -> None:
    s = Survey(first_after_days=30, every_days=60, at_end=True)
    start = dt.date(2026, 1, 1)

    def points(day: int, ended: dt.date | None = None) -> list[int]:
        today = start + dt.timedelta(days=day)
        return [p for p, _ in open_points(s, started_on=start, ended_on=ended, today=today)]

    assert points(29) == []
    assert points(30) == points(89) == [30]
    assert points(90) == [90]  # the 30-day point has closed
    assert points(200, ended=start + dt.timedelta(days=180)) == [END]
    once = Survey(first_after_days=10, every_days=0, at_end=False)
    assert [
        p
        for p, _ in open_points(
            once, started_on=start, ended_on=None, today=start + dt.timedelta(days=300)
        )
    ] == [10]
    assert open_points(once, started_on=start, ended_on=start, today=start) == []


def test_both_sides_see_what_is_due_until_they_answer(survey: Survey) -> None:
    offer = pair(survey.programme, started=started(35))
    for side in (offer.mentee, offer.mentor):
        (due,) = surveys_due(participant=side, now=NOW)
        assert (due.survey, due.offer_id, due.point) == (survey, offer.pk, 30)
    assert surveys_due(participant=offer.mentee, now=NOW)[0].other == offer.mentor.person.name
    answer(offer, survey)
    assert surveys_due(participant=offer.mentee, now=NOW) == []
    assert len(surveys_due(participant=offer.mentor, now=NOW)) == 1


def test_a_cohorts_survey_asks_only_that_cohort(ada: Person, programme: Programme) -> None:
    spring = Cohort.objects.create(programme=programme, name="Spring")
    autumn = Cohort.objects.create(programme=programme, name="Autumn")
    survey_create(actor=ada, programme=programme, fields=fields(name="Spring", cohort=spring))
    theirs = pair(programme, cohort=autumn, started=started(35))
    mine = pair(programme, cohort=spring, started=started(35))
    assert surveys_due(participant=theirs.mentee, now=NOW) == []
    assert [d.survey.name for d in surveys_due(participant=mine.mentee, now=NOW)] == ["Spring"]


# -- answering --------------------------------------------------------------------------


def test_an_answer_is_kept_with_what_was_asked(survey: Survey) -> None:
    offer = pair(survey.programme, started=started(35))
    response = answer(offer, survey, q1="5", q2="  More time  ", share_texts=True)
    assert (response.ratings, response.texts, response.share_texts) == (
        {"q1": 5},
        {"q2": "More time"},
        True,
    )
    assert (response.point, response.offer_id, response.participant_id) == (
        30,
        offer.pk,
        offer.mentee_id,
    )


@pytest.mark.parametrize(
    ("answers", "field", "code"),
    [
        ({"q1": 6}, "q1", CoreCode.OUT_OF_RANGE),
        ({"q1": "0"}, "q1", CoreCode.OUT_OF_RANGE),
        ({"q1": "four"}, "q1", ProgrammeCode.SURVEY_NOT_A_NUMBER),
        ({"q1": True}, "q1", ProgrammeCode.SURVEY_NOT_A_NUMBER),
        ({"q1": 3, "q2": "x" * (TEXT_MAX + 1)}, "q2", CoreCode.TOO_LONG),
        ({"q1": 3, "q9": "hello"}, "q9", ProgrammeCode.SURVEY_NOT_A_QUESTION),
        ({"q1": "", "q2": "   "}, None, ProgrammeCode.SURVEY_EMPTY_ANSWER),
    ],
)
def test_bad_answers_name_the_field_and_write_nothing(
    survey: Survey, answers: dict[str, Any], field: str | None, code: str
) -> None:
    offer = pair(survey.programme, started=started(35))
    with pytest.raises(ValidationError) as caught:
        answer(offer, survey, **answers)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert not SurveyResponse.objects.exists()


def test_once_per_point_and_only_open_points(survey: Survey, eve: Person) -> None:
    offer = pair(survey.programme, started=started(35))
    answer(offer, survey)
    with pytest.raises(Conflict) as caught:
        answer(offer, survey)
    assert caught.value.code == ProgrammeCode.SURVEY_ANSWERED
    with pytest.raises(NotFound):  # the 90-day point is not open yet
        answer(offer, survey, side="mentor", point=90)
    with pytest.raises(NotFound):  # someone else answering as the mentor
        survey_answer(
            actor=eve,
            participant=offer.mentor,
            survey_id=survey.pk,
            offer_id=offer.pk,
            point=30,
            answers={"q1": 3},
            now=NOW,
        )
    other = pair(survey.programme, started=started(35))
    with pytest.raises(NotFound):  # the mentee of one pair, for another pair's offer
        survey_answer(
            actor=offer.mentee.person,
            participant=offer.mentee,
            survey_id=survey.pk,
            offer_id=other.pk,
            point=30,
            answers={"q1": 3},
            now=NOW,
        )
    assert SurveyResponse.objects.count() == 1


# -- results ----------------------------------------------------------------------------


def responses(survey: Survey, n: int, *, cohort: Cohort | None = None, **answers: Any) -> None:
    for k in range(n):
        offer = pair(survey.programme, cohort=cohort, started=started(35))
        answer(offer, survey, **(answers or {"q1": 1 + k % 5}))


def test_four_people_are_too_few_and_five_are_shown(survey: Survey) -> None:
    responses(survey, ANONYMITY_MIN - 1)
    whole = survey_results(survey=survey).whole
    assert whole.too_few and whole.responses is None
    assert all(q.too_few and q.mean is None for q in whole.questions)
    responses(survey, 1)
    whole = survey_results(survey=survey).whole
    assert whole.responses == 5
    rating = whole.questions[0]
    assert (rating.answered, rating.mean) == (5, pytest.approx((1 + 2 + 3 + 4 + 1) / 5))


def test_a_question_answered_by_four_of_six_is_too_few(survey: Survey) -> None:
    cohort = Cohort.objects.create(programme=survey.programme, name="Spring")
    responses(survey, 4, cohort=cohort, q1=4, q2="texts")
    responses(survey, 2, cohort=cohort, q1=2)
    results = survey_results(survey=survey, breakdown="cohort")
    assert results.whole.responses == 6
    rating, text = results.whole.questions
    assert (rating.answered, text.answered, text.too_few) == (6, None, True)
    (spring,) = results.groups
    assert spring.responses == 6 and spring.questions[1].too_few


def test_the_same_person_five_times_is_still_one_person(survey: Survey) -> None:
    offer = pair(survey.programme, started=started(35))
    for point in (30, 90, 150, 210):
        SurveyResponse.objects.create(
            survey=survey,
            participant=offer.mentee,
            offer=offer,
            point=point,
            ratings={"q1": 5},
            submitted_at=NOW,
        )
    answer(offer, survey, side="mentor")
    assert survey_results(survey=survey).whole.too_few  # five responses, two people


def test_a_breakdown_cannot_single_out_the_rest(survey: Survey) -> None:
    """Six people: five in Spring, one in Autumn. Showing Spring would give Autumn's
    answer away (the whole minus Spring), so both are hidden; the whole is shown."""
    spring = Cohort.objects.create(programme=survey.programme, name="Spring")
    autumn = Cohort.objects.create(programme=survey.programme, name="Autumn")
    responses(survey, 5, cohort=spring, q1=5)
    responses(survey, 1, cohort=autumn, q1=1)
    results = survey_results(survey=survey, breakdown="cohort")
    assert results.whole.questions[0].mean == round(26 / 6, 2)
    assert {g.name: g.too_few for g in results.groups} == {"Spring": True, "Autumn": True}
    # With five in each, both are shown.
    responses(survey, 4, cohort=autumn, q1=1)
    groups = {g.name: g for g in survey_results(survey=survey, breakdown="cohort").groups}
    assert groups["Autumn"].questions[0].mean == 1 and groups["Spring"].questions[0].mean == 5
    roles = survey_results(survey=survey, breakdown="role").groups
    assert [g.key for g in roles] == ["mentee"]  # only mentees answered


def test_unshared_texts_are_never_shown_and_shared_ones_without_names(survey: Survey) -> None:
    for k in range(6):
        offer = pair(survey.programme, started=started(35))
        answer(offer, survey, q1=3, q2=f"UNSHARED-{k}" if k % 2 else f"shared {k}",
               share_texts=not k % 2)  # fmt: skip
    results = survey_results(survey=survey)
    text = results.whole.questions[1]
    assert text.answered == 6
    assert text.texts == ("shared 0", "shared 2", "shared 4")
    assert "UNSHARED" not in repr(results) and "UNSHARED" not in repr(
        programme_survey_results(programme=survey.programme)
    )
    names = [p.person.name for p in Participant.objects.all()]
    assert not any(name in repr(results) for name in names)


def test_a_bad_breakdown_is_refused(survey: Survey) -> None:
    with pytest.raises(TribeError) as caught:
        survey_results(survey=survey, breakdown="person")
    assert caught.value.field == "breakdown"


def test_results_cost_a_fixed_number_of_queries(
    survey: Survey, django_assert_num_queries: Any
) -> None:
    responses(survey, 12)
    with django_assert_num_queries(2):
        survey_results(survey=survey, breakdown="cohort")
    with django_assert_num_queries(2):
        programme_survey_results(programme=survey.programme)
