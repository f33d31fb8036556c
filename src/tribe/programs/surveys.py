"""Check-in surveys: administrators set them up, participants answer, results stay anonymous.

A survey is asked at set points of each programme relationship, counted from
the relationship's start: ``first_after_days``, then every ``every_days``
(0: once), and at the end (``at_end``). A point opens on its day and closes
when the next one opens (or the relationship ends); the end's point opens on
the last day and stays open. Each side of the pair answers once per point.

Results are for administrators, and only as aggregates over groups of at
least :data:`~tribe.programs.models.ANONYMITY_MIN` *people*: a group with
fewer is "too few responses", question by question (six responses of which
four answer a question: too few for that question). A breakdown (by cohort,
point or side) could narrow a group by subtraction (the whole minus the
shown groups is the hidden rest), so when the hidden groups of a breakdown
hold fewer than that many people together, more groups are hidden, smallest
first. Free text is shown only where its author shared it, without a name,
sorted by its words rather than by time. Ratings are shown as the number
answering and the mean, never as a distribution (five identical answers
would give each one away).

Known limit: a figure that changes after one more response tells its
difference; figures are as of the moment they are read.

The module is longer than most: the schedule, the answers and the anonymous
results are one model's and share its question format, so they stay together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.zones import local
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    ANONYMITY_MIN,
    TEXT_MAX,
    Cohort,
    MatchOffer,
    OfferStatus,
    Participant,
    ParticipantStatus,
    Programme,
    Survey,
    SurveyResponse,
)
from tribe.programs.selectors import is_admin
from tribe.relationships.models import Relationship

__all__ = [
    "BREAKDOWNS",
    "END",
    "DuePoint",
    "GroupResult",
    "Question",
    "QuestionResult",
    "SurveyFields",
    "SurveyResults",
    "due_point_get",
    "open_points",
    "programme_survey_results",
    "questions_of",
    "survey_answer",
    "survey_create",
    "survey_delete",
    "survey_get_for_admin",
    "survey_results",
    "survey_update",
    "surveys_due",
    "surveys_of",
]

#: The point of the end-of-relationship survey.
END = -1
QUESTIONS_MAX = 20
KINDS = ("rating", "text")
RATING_BOUNDS = (0, 10)
DAYS_MAX = 1000
#: How results may be broken down: the whole survey, or per cohort, point or side.
BREAKDOWNS = ("", "cohort", "point", "role")


# -- questions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    kind: str
    low: int = 1
    high: int = 5


def questions_of(survey: Survey) -> list[Question]:
    """The survey's questions, read tolerantly (a row written by hand may lack bounds)."""
    out = []
    for raw in survey.questions if isinstance(survey.questions, list) else []:
        if not isinstance(raw, Mapping) or not raw.get("key"):
            continue
        kind = raw.get("kind") if raw.get("kind") in KINDS else "text"
        try:
            low, high = int(raw.get("min", 1)), int(raw.get("max", 5))
        except (TypeError, ValueError):
            low, high = 1, 5
        out.append(Question(str(raw["key"]), str(raw.get("label", "")), str(kind), low, high))
    return out


def _questions(value: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Checked questions, keyed ``q1``, ``q2``… in their order."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence) or not value:
        raise ValidationError(ProgrammeCode.SURVEY_NO_QUESTIONS, field="questions")
    if len(value) > QUESTIONS_MAX:
        raise ValidationError(CoreCode.TOO_MANY_ENTRIES, field="questions", limit=QUESTIONS_MAX)
    out: list[dict[str, Any]] = []
    for index, raw in enumerate(value, start=1):

        def bad(problem: str, index: int = index) -> ValidationError:
            return ValidationError(
                ProgrammeCode.BAD_QUESTION, field="questions", index=index, problem=problem
            )

        if not isinstance(raw, Mapping):
            raise bad(gettext("not a question"))
        label = v.text(str(raw.get("label", "")), field="questions", max_length=300)
        if not label:
            raise bad(gettext("a question needs its words"))
        kind = raw.get("kind")
        if kind not in KINDS:
            raise bad(gettext("the kind is “rating” or “text”"))
        question: dict[str, Any] = {"key": f"q{index}", "label": label, "kind": kind}
        if kind == "rating":
            low, high = raw.get("min", 1), raw.get("max", 5)
            if (
                isinstance(low, bool)
                or isinstance(high, bool)
                or not isinstance(low, int)
                or not isinstance(high, int)
                or not RATING_BOUNDS[0] <= low < high <= RATING_BOUNDS[1]
            ):
                raise bad(
                    gettext(
                        "a rating goes from a lower to a higher whole number, {a} to {b}"
                    ).format(a=RATING_BOUNDS[0], b=RATING_BOUNDS[1])
                )
            question.update(min=low, max=high)
        out.append(question)
    return out


# -- administrators: setting surveys up ------------------------------------------


@dataclasses.dataclass(frozen=True)
class SurveyFields:
    """A survey's name, schedule, cohort and questions, checked together."""

    name: str
    questions: Sequence[Mapping[str, Any]]
    first_after_days: int = 30
    every_days: int = 60
    at_end: bool = True
    cohort: Cohort | None = None

    def cleaned(self, programme: Programme) -> dict[str, Any]:
        if self.cohort is not None and self.cohort.programme_id != programme.pk:
            raise NotFound(ProgrammeCode.NO_COHORT, field="cohort")
        return {
            "name": v.text(self.name, field="name", max_length=200, required=True),
            "first_after_days": v.integer(
                self.first_after_days, field="first_after_days", low=1, high=DAYS_MAX
            ),
            "every_days": v.integer(self.every_days, field="every_days", low=0, high=DAYS_MAX),
            "at_end": bool(self.at_end),
            "cohort": self.cohort,
            "questions": _questions(self.questions),
        }


def _require_admin(actor: Person, programme: Programme) -> None:
    if not is_admin(person=actor, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)


def _name_free(programme: Programme, name: str, survey: Survey | None = None) -> None:
    taken = programme.surveys.filter(name=name)
    if survey is not None:
        taken = taken.exclude(pk=survey.pk)
    if taken.exists():
        raise Conflict(ProgrammeCode.SURVEY_NAME_TAKEN, field="name", name=name)


@transaction.atomic
def survey_create(*, actor: Person, programme: Programme, fields: SurveyFields) -> Survey:
    _require_admin(actor, programme)
    values = fields.cleaned(programme)
    _name_free(programme, values["name"])
    try:
        with transaction.atomic():
            return Survey.objects.create(programme=programme, **values)
    except IntegrityError as exc:  # a concurrent create of the same name
        raise Conflict(ProgrammeCode.SURVEY_NAME_TAKEN, field="name", name=values["name"]) from exc


@transaction.atomic
def survey_update(*, actor: Person, survey: Survey, fields: SurveyFields) -> Survey:
    """Change a survey; its questions only while nobody has answered it."""
    programme = survey.programme
    _require_admin(actor, programme)
    values = fields.cleaned(programme)
    _name_free(programme, values["name"], survey)
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if values["questions"] != locked.questions and locked.responses.exists():
        raise Conflict(ProgrammeCode.SURVEY_QUESTIONS_LOCKED, field="questions")
    for name, value in values.items():
        setattr(survey, name, value)
    survey.save()
    return survey


@transaction.atomic
def survey_delete(*, actor: Person, survey: Survey) -> None:
    """Delete a survey and its responses."""
    _require_admin(actor, survey.programme)
    survey.delete()


def surveys_of(programme: Programme) -> QuerySet[Survey]:
    """The programme's surveys, with their cohort and how many answered. One query."""
    return (
        programme.surveys.select_related("cohort")
        .annotate(
            response_count=Count("responses"),
            people_count=Count("responses__participant", distinct=True),
        )
        .order_by("name", "id")
    )


def survey_get_for_admin(*, person: Person, programme: Programme, survey_id: int | str) -> Survey:
    """A survey of a programme ``person`` administers; NotFound for any other."""
    if not is_admin(person=person, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    survey = (
        programme.surveys.select_related("programme", "cohort")
        .filter(pk=int(survey_id) if str(survey_id).isdigit() else -1)
        .first()
    )
    if survey is None:
        raise NotFound(ProgrammeCode.NO_SURVEY)
    return survey


# -- participants: what is due, answering ------------------------------------------


def open_points(
    survey: Survey, *, started_on: dt.date, ended_on: dt.date | None, today: dt.date
) -> list[tuple[int, dt.date]]:
    """The points of ``survey`` open today for a relationship, with the day each opened.

    >>> import datetime as dt
    >>> s = Survey(first_after_days=30, every_days=60, at_end=True)
    >>> open_points(s, started_on=dt.date(2026, 1, 1), ended_on=None, today=dt.date(2026, 4, 5))
    [(90, datetime.date(2026, 4, 1))]
    >>> open_points(s, started_on=dt.date(2026, 1, 1), ended_on=dt.date(2026, 3, 1),
    ...             today=dt.date(2026, 3, 1))
    [(-1, datetime.date(2026, 3, 1))]
    """
    if ended_on is not None and today >= ended_on:
        return [(END, ended_on)] if survey.at_end else []
    elapsed = (today - started_on).days
    first = survey.first_after_days
    if elapsed < first:
        return []
    point = first
    if survey.every_days:
        point = first + (elapsed - first) // survey.every_days * survey.every_days
    return [(point, started_on + dt.timedelta(days=point))]


def point_label(point: int) -> str:
    if point == END:
        return gettext("at the end")
    return gettext("after {days} days").format(days=point)


@dataclass(frozen=True)
class DuePoint:
    """A survey a participant may answer now, for one of their programme relationships."""

    survey: Survey
    offer_id: int
    relationship_id: int
    other: str
    role: str
    point: int
    opened_on: dt.date

    @property
    def label(self) -> str:
        return point_label(self.point)


def _ended_on(relationship: Relationship, zone_name: str) -> dt.date | None:
    ended = relationship.ends_on
    if relationship.status == Relationship.Status.ENDED:
        stopped = local(relationship.status_changed_at, zone_name).date()
        ended = min(ended, stopped) if ended else stopped
    return ended


def surveys_due(*, participant: Participant, now: dt.datetime | None = None) -> list[DuePoint]:
    """What ``participant`` may answer today, unanswered points only. Three queries."""
    if participant.status != ParticipantStatus.ENROLLED:
        return []
    zone_name = participant.person.timezone
    today = local(clock.resolve(now), zone_name).date()
    offers = list(
        MatchOffer.objects.filter(
            Q(mentee=participant) | Q(mentor=participant),
            programme_id=participant.programme_id,
            status=OfferStatus.ACCEPTED,
            relationship__isnull=False,
        )
        .select_related("relationship", "mentee__person", "mentor__person")
        .order_by("id")
    )
    if not offers:
        return []
    surveys = list(Survey.objects.filter(programme_id=participant.programme_id).order_by("id"))
    answered = set(
        SurveyResponse.objects.filter(participant=participant).values_list(
            "survey_id", "offer_id", "point"
        )
    )
    due = []
    for offer in offers:
        relationship = offer.relationship
        assert relationship is not None  # filtered above
        started = relationship.starts_on or local(relationship.status_changed_at, zone_name).date()
        ended = _ended_on(relationship, zone_name)
        is_mentee = offer.mentee_id == participant.pk
        other = offer.mentor.person.name if is_mentee else offer.mentee.person.name
        for survey in surveys:
            if survey.cohort_id is not None and survey.cohort_id != offer.mentee.cohort_id:
                continue
            for point, opened in open_points(
                survey, started_on=started, ended_on=ended, today=today
            ):
                if (survey.pk, offer.pk, point) in answered:
                    continue
                due.append(
                    DuePoint(
                        survey,
                        offer.pk,
                        relationship.pk,
                        other,
                        "mentee" if is_mentee else "mentor",
                        point,
                        opened,
                    )
                )
    return due


def due_point_get(
    *,
    participant: Participant,
    survey_id: int | str,
    offer_id: int | str,
    point: int | str | None,
    now: dt.datetime | None = None,
) -> DuePoint:
    """One open, unanswered point of the participant's; NotFound for anything else."""
    for due in surveys_due(participant=participant, now=now):
        if (str(due.survey.pk), str(due.offer_id), str(due.point)) == (
            str(survey_id),
            str(offer_id),
            str(point),
        ):
            return due
    raise NotFound(ProgrammeCode.NO_SURVEY)


def _rating(value: Any, question: Question) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(ProgrammeCode.SURVEY_NOT_A_NUMBER, field=question.key)
    if isinstance(value, str):
        if not re.fullmatch(r"\s*-?\d{1,6}\s*", value):
            raise ValidationError(ProgrammeCode.SURVEY_NOT_A_NUMBER, field=question.key)
        value = int(value)
    if not isinstance(value, int):
        raise ValidationError(ProgrammeCode.SURVEY_NOT_A_NUMBER, field=question.key)
    if not question.low <= value <= question.high:
        raise ValidationError(
            CoreCode.OUT_OF_RANGE, field=question.key, low=question.low, high=question.high
        )
    return value


def _whole_number(value: int | str | None) -> int | None:
    """An id or point from an address, or None when it is none (it then matches nothing)."""
    text = str(value).strip()
    return int(text) if re.fullmatch(r"-?\d{1,9}", text) else None


@transaction.atomic
def survey_answer(
    *,
    actor: Person,
    participant: Participant,
    survey_id: int | str,
    offer_id: int | str,
    point: int | str | None,
    answers: Mapping[str, Any],
    share_texts: bool = False,
    now: dt.datetime | None = None,
) -> SurveyResponse:
    """``actor`` answers an open point of a survey for one of their relationships.

    ``answers`` maps question keys to a rating (a whole number in its range) or
    a text (at most TEXT_MAX characters); unanswered questions may be left out
    or empty, but at least one is answered. All or nothing.
    """
    if participant.person_id != actor.pk:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    moment = clock.resolve(now)
    keys = (_whole_number(survey_id), _whole_number(offer_id), _whole_number(point))
    if (
        keys[0] is not None
        and keys[1] is not None
        and keys[2] is not None
        and SurveyResponse.objects.filter(
            survey_id=keys[0], participant=participant, offer_id=keys[1], point=keys[2]
        ).exists()
    ):
        raise Conflict(ProgrammeCode.SURVEY_ANSWERED)
    due = due_point_get(
        participant=participant, survey_id=survey_id, offer_id=offer_id, point=point, now=moment
    )
    questions = {q.key: q for q in questions_of(due.survey)}
    for key in answers:
        if key not in questions:
            raise ValidationError(ProgrammeCode.SURVEY_NOT_A_QUESTION, field=key, key=key)
    ratings: dict[str, int] = {}
    texts: dict[str, str] = {}
    for key, question in questions.items():
        raw = answers.get(key)
        if question.kind == "rating":
            rating = _rating(raw, question)
            if rating is not None:
                ratings[key] = rating
        else:
            text = v.text(None if raw is None else str(raw), field=key, max_length=TEXT_MAX)
            if text:
                texts[key] = text
    if not ratings and not texts:
        raise ValidationError(ProgrammeCode.SURVEY_EMPTY_ANSWER)
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                survey=due.survey,
                participant=participant,
                offer_id=due.offer_id,
                point=due.point,
                ratings=ratings,
                texts=texts,
                share_texts=bool(share_texts) and bool(texts),
                submitted_at=moment,
            )
    except IntegrityError as exc:  # the same answer sent twice at once
        raise Conflict(ProgrammeCode.SURVEY_ANSWERED) from exc


# -- results: aggregates only, over groups large enough -----------------------------


@dataclass(frozen=True)
class QuestionResult:
    key: str
    label: str
    kind: str
    low: int
    high: int
    #: How many answered (None: too few responses to show anything).
    answered: int | None
    mean: float | None
    #: Shared answers to a text question, without names, sorted.
    texts: tuple[str, ...] = ()

    @property
    def too_few(self) -> bool:
        return self.answered is None


@dataclass(frozen=True)
class GroupResult:
    """The results of one group: the whole survey, or one cohort, point or side."""

    #: "" for the whole survey; else the cohort id, the point or the side, as text.
    key: str
    name: str
    #: Responses in the group (None: too few to show).
    responses: int | None
    questions: tuple[QuestionResult, ...]

    @property
    def too_few(self) -> bool:
        return self.responses is None


@dataclass(frozen=True)
class SurveyResults:
    survey_id: int
    name: str
    breakdown: str
    whole: GroupResult
    groups: tuple[GroupResult, ...]


@dataclass
class _Cell:
    people: set[int] = dataclasses.field(default_factory=set)
    responses: int = 0
    values: list[int] = dataclasses.field(default_factory=list)
    texts: list[str] = dataclasses.field(default_factory=list)


def _hidden(cells: Mapping[str, set[int]]) -> set[str]:
    """Groups to hide: those with fewer than ANONYMITY_MIN people, and then more,
    smallest first, until the hidden ones hold none or at least that many together
    (else the whole minus the shown groups would give them away)."""
    hidden = {key for key, people in cells.items() if len(people) < ANONYMITY_MIN}
    while True:
        rest: set[int] = set()
        for key in hidden:
            rest |= cells[key]
        shown = [key for key in cells if key not in hidden]
        if not rest or len(rest) >= ANONYMITY_MIN or not shown:
            return hidden
        hidden.add(min(shown, key=lambda key: (len(cells[key]), key)))


def _rows(responses: Iterable[Mapping[str, Any]], breakdown: str) -> list[tuple[str, Any]]:
    out = []
    for row in responses:
        if breakdown == "cohort":
            key = str(row["offer__mentee__cohort_id"] or "")
        elif breakdown == "point":
            key = str(row["point"])
        elif breakdown == "role":
            key = "mentee" if row["participant_id"] == row["offer__mentee_id"] else "mentor"
        else:
            key = ""
        out.append((key, row))
    return out


def _results(
    questions: Sequence[Question],
    keyed: Sequence[tuple[str, Mapping[str, Any]]],
    names: Mapping[str, str],
) -> tuple[GroupResult, ...]:
    keys = sorted({key for key, _ in keyed}, key=lambda k: (names.get(k, k), k))
    group_people: dict[str, set[int]] = {key: set() for key in keys}
    group_responses: Counter[str] = Counter()
    cells: dict[str, dict[str, _Cell]] = {q.key: {key: _Cell() for key in keys} for q in questions}
    for key, row in keyed:
        group_people[key].add(row["participant_id"])
        group_responses[key] += 1
        ratings = row["ratings"] if isinstance(row["ratings"], dict) else {}
        texts = row["texts"] if isinstance(row["texts"], dict) else {}
        for q in questions:
            cell = cells[q.key][key]
            if q.kind == "rating":
                value = ratings.get(q.key)
                if isinstance(value, int) and not isinstance(value, bool):
                    cell.people.add(row["participant_id"])
                    cell.values.append(value)
            else:
                text = texts.get(q.key)
                if isinstance(text, str) and text.strip():
                    cell.people.add(row["participant_id"])
                    cell.responses += 1
                    if row["share_texts"]:
                        cell.texts.append(text)
    hidden_groups = _hidden(group_people)
    hidden = {q.key: _hidden({k: c.people for k, c in cells[q.key].items()}) for q in questions}
    out = []
    for key in keys:
        results = []
        for q in questions:
            cell = cells[q.key][key]
            shown = key not in hidden_groups and key not in hidden[q.key]
            answered = (
                (len(cell.values) if q.kind == "rating" else cell.responses) if shown else None
            )
            mean = round(sum(cell.values) / len(cell.values), 2) if shown and cell.values else None
            results.append(
                QuestionResult(
                    q.key,
                    q.label,
                    q.kind,
                    q.low,
                    q.high,
                    answered,
                    mean,
                    tuple(sorted(cell.texts, key=str.casefold)) if shown else (),
                )
            )
        out.append(
            GroupResult(
                key,
                names.get(key, key),
                None if key in hidden_groups else group_responses[key],
                tuple(results),
            )
        )
    return tuple(out)


RESPONSE_COLUMNS = (
    "survey_id",
    "participant_id",
    "point",
    "ratings",
    "texts",
    "share_texts",
    "offer__mentee_id",
    "offer__mentee__cohort_id",
)


def _whole(survey: Survey, rows: Sequence[Mapping[str, Any]]) -> GroupResult:
    questions = questions_of(survey)
    if not rows:
        return GroupResult(
            "",
            "",
            None,
            tuple(
                QuestionResult(q.key, q.label, q.kind, q.low, q.high, None, None) for q in questions
            ),
        )
    return _results(questions, [("", row) for row in rows], {"": ""})[0]


def survey_results(*, survey: Survey, breakdown: str = "") -> SurveyResults:
    """Results of one survey (fetched through ``survey_get_for_admin``), whole and broken
    down by ``breakdown`` (one of BREAKDOWNS). Two queries."""
    if breakdown not in BREAKDOWNS:
        raise ValidationError(
            ProgrammeCode.BAD_CHOICE,
            field="breakdown",
            value=breakdown,
            allowed=", ".join(b for b in BREAKDOWNS if b),
        )
    rows = list(survey.responses.values(*RESPONSE_COLUMNS).order_by("id"))
    whole = _whole(survey, rows)
    groups: tuple[GroupResult, ...] = ()
    if breakdown and rows:
        names: dict[str, str] = {}
        if breakdown == "cohort":
            names = {
                str(pk): name
                for pk, name in Cohort.objects.filter(programme_id=survey.programme_id).values_list(
                    "id", "name"
                )
            }
            names[""] = gettext("No cohort")
        elif breakdown == "point":
            names = {str(row["point"]): point_label(row["point"]) for row in rows}
        else:
            names = {"mentee": gettext("Mentees"), "mentor": gettext("Mentors")}
        groups = _results(questions_of(survey), _rows(rows, breakdown), names)
    return SurveyResults(survey.pk, survey.name, breakdown, whole, groups)


def programme_survey_results(*, programme: Programme) -> list[SurveyResults]:
    """The whole-survey results of every survey of a programme. Two queries."""
    surveys = list(programme.surveys.order_by("name", "id"))
    by_survey: dict[int, list[Mapping[str, Any]]] = {s.pk: [] for s in surveys}
    for row in (
        SurveyResponse.objects.filter(survey__programme=programme)
        .values(*RESPONSE_COLUMNS)
        .order_by("id")
    ):
        by_survey[row["survey_id"]].append(row)
    return [SurveyResults(s.pk, s.name, "", _whole(s, by_survey[s.pk]), ()) for s in surveys]
