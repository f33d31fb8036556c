"""Match runs of a programme I run, and its pair rules (``/api/programmes/{id}/runs``,
``/api/programmes/{id}/pair-rules``): previews of the engine over a cohort,
published or discarded by an administrator.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.common import (
    MAX_ID,
    ApiRouter,
    Input,
    ObjectId,
    Page,
    PageQuery,
    page_of,
)
from tribe.api.programmes import Named, programme_for
from tribe.core import clock
from tribe.core.errors import NotFound, ValidationError
from tribe.notifications.programme_mail import offers_publish
from tribe.people.models import Person
from tribe.programs import runs
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    MatchRun,
    PairRule,
    RunStatus,
)
from tribe.programs.runs import pair_rule_clear, pair_rule_set, run_create, run_is_superseded
from tribe.programs.selectors import (
    pair_rules_of,
    run_get_for_admin,
    run_pairs,
    run_unmatched,
    runs_of,
)

router = ApiRouter(tags=["programme runs"])


Objective = Literal["most_matched", "total_fit", "fairness_floor"]
RunState = Literal["preview", "published", "discarded"]
RuleKind = Literal["lock", "forbid"]


# -- match runs and pair rules -------------------------------------------------------


class RunIn(Input):
    cohort_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="the cohort to match; none: everyone not in one"
    )
    objective: Objective | None = Field(None, description="default: the programme's")
    keep: bool = Field(True, description="keep the previous preview's pairs still possible")


class RunOut(Schema):
    id: int
    cohort: Named | None
    status: RunState
    mentees: int = Field(description="mentees the run matched over")
    mentors: int
    matched: int
    unmatched: int
    objective: Objective | None
    created_at: dt.datetime
    published_at: dt.datetime | None

    @staticmethod
    def resolve_mentees(obj: MatchRun) -> int:
        return int(obj.summary.get("mentees", 0))

    @staticmethod
    def resolve_mentors(obj: MatchRun) -> int:
        return int(obj.summary.get("mentors", 0))

    @staticmethod
    def resolve_matched(obj: MatchRun) -> int:
        return int(obj.summary.get("matched", 0))

    @staticmethod
    def resolve_unmatched(obj: MatchRun) -> int:
        return int(obj.summary.get("unmatched", 0))

    @staticmethod
    def resolve_objective(obj: MatchRun) -> str | None:
        chosen = obj.settings.get("objective")
        return str(chosen) if chosen else None


class RunDetailOut(RunOut):
    """A run with every figure its preview shows."""

    superseded: bool = Field(description="a later run of the same people exists")
    publishable: bool = Field(description="a preview that is the latest: it may be published")
    summary: dict[str, Any] = Field(
        description="matched, unmatched, score bins, mentor loads, the trade-offs side by "
        "side, the difference from the previous run"
    )
    settings: dict[str, Any] = Field(description="the rules, weights and trade-off it used")


class RunPerson(Schema):
    """A participant in a run: their participant id and name."""

    participant_id: int
    name: str


class RunPairOut(Schema):
    id: int
    mentee: RunPerson
    mentor: RunPerson
    score: float
    locked: bool
    kept: bool
    explanation: dict[str, Any] = Field(description="the parts of the score")

    @staticmethod
    def resolve_mentee(obj: Any) -> dict[str, Any]:
        return {"participant_id": obj.mentee_id, "name": obj.mentee.person.name}

    @staticmethod
    def resolve_mentor(obj: Any) -> dict[str, Any]:
        return {"participant_id": obj.mentor_id, "name": obj.mentor.person.name}


class RunUnmatchedOut(Schema):
    id: int
    mentee: RunPerson
    reason: str

    @staticmethod
    def resolve_mentee(obj: Any) -> dict[str, Any]:
        return {"participant_id": obj.mentee_id, "name": obj.mentee.person.name}


class PairRuleIn(Input):
    mentee: int = Field(ge=1, le=MAX_ID, description="the mentee's participant id")
    mentor: int = Field(ge=1, le=MAX_ID, description="the mentor's participant id")
    kind: RuleKind


class PairRuleOut(Schema):
    id: int
    mentee: RunPerson
    mentor: RunPerson
    kind: RuleKind
    created_at: dt.datetime

    @staticmethod
    def resolve_mentee(obj: PairRule) -> dict[str, Any]:
        return {"participant_id": obj.mentee_id, "name": obj.mentee.person.name}

    @staticmethod
    def resolve_mentor(obj: PairRule) -> dict[str, Any]:
        return {"participant_id": obj.mentor_id, "name": obj.mentor.person.name}


def _run(request: HttpRequest, programme_id: int, run_id: int) -> tuple[Person, MatchRun]:
    person, programme = programme_for(request, programme_id)
    return person, run_get_for_admin(person=person, programme=programme, run_id=run_id)


def _detail(run: MatchRun) -> MatchRun:
    superseded = run.status == RunStatus.PREVIEW and run_is_superseded(run)
    run.superseded = superseded  # type: ignore[attr-defined]
    run.publishable = run.status == RunStatus.PREVIEW and not superseded  # type: ignore[attr-defined]
    return run


@router.get("/{programme_id}/runs", response=Page[RunOut])
def run_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The programme's match runs, newest first."""
    _, programme = programme_for(request, programme_id)
    return page_of(runs_of(programme=programme), page)


@router.post("/{programme_id}/runs", response={201: RunDetailOut})
def run_add(request: HttpRequest, programme_id: ObjectId, payload: RunIn) -> Status[MatchRun]:
    """Match the cohort's waiting mentees (as the runs page does, at once) and store
    the preview; nothing is offered until it is published."""
    person, programme = programme_for(request, programme_id)
    cohort = None
    if payload.cohort_id is not None:
        cohort = programme.cohorts.filter(pk=payload.cohort_id).first()
        if cohort is None:
            raise ValidationError(ProgrammeCode.NO_COHORT, field="cohort_id")
    run = run_create(
        actor=person,
        programme=programme,
        cohort=cohort,
        objective=payload.objective,
        keep=payload.keep,
        now=clock.now(),
    )
    return Status(
        201, _detail(run_get_for_admin(person=person, programme=programme, run_id=run.pk))
    )


@router.get("/{programme_id}/runs/{run_id}", response=RunDetailOut)
def run_read(request: HttpRequest, programme_id: ObjectId, run_id: ObjectId) -> MatchRun:
    """One run with its figures."""
    return _detail(_run(request, programme_id, run_id)[1])


@router.get("/{programme_id}/runs/{run_id}/pairs", response=Page[RunPairOut])
def run_pair_list(
    request: HttpRequest, programme_id: ObjectId, run_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The pairs a run proposes, best score first, with the parts of each score."""
    return page_of(run_pairs(run=_run(request, programme_id, run_id)[1]), page)


@router.get("/{programme_id}/runs/{run_id}/unmatched", response=Page[RunUnmatchedOut])
def run_unmatched_list(
    request: HttpRequest, programme_id: ObjectId, run_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The mentees a run left without a mentor, and why."""
    return page_of(run_unmatched(run=_run(request, programme_id, run_id)[1]), page)


@router.post("/{programme_id}/runs/{run_id}/publish", response=RunDetailOut)
def run_publish(request: HttpRequest, programme_id: ObjectId, run_id: ObjectId) -> MatchRun:
    """Publish a preview: one offer per pair, once (not the latest preview, or people
    changed since: 409, run again)."""
    person, run = _run(request, programme_id, run_id)
    offers_publish(actor=person, run=run, now=clock.now())
    return _detail(run_get_for_admin(person=person, programme=run.programme, run_id=run.pk))


@router.post("/{programme_id}/runs/{run_id}/discard", response=RunDetailOut)
def run_discard(request: HttpRequest, programme_id: ObjectId, run_id: ObjectId) -> MatchRun:
    """Discard a preview: its pairs are not offered, the next run ignores them."""
    person, run = _run(request, programme_id, run_id)
    runs.run_discard(actor=person, run=run)
    return _detail(run_get_for_admin(person=person, programme=run.programme, run_id=run.pk))


@router.get("/{programme_id}/pair-rules", response=Page[PairRuleOut])
def pair_rule_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The pairs every later run keeps (lock) or never makes (forbid)."""
    _, programme = programme_for(request, programme_id)
    return page_of(pair_rules_of(programme=programme), page)


@router.post("/{programme_id}/pair-rules", response={201: PairRuleOut})
def pair_rule_add(
    request: HttpRequest, programme_id: ObjectId, payload: PairRuleIn
) -> Status[PairRule]:
    """Lock or forbid a pair of participants (a mentee's new lock replaces their old one)."""
    person, programme = programme_for(request, programme_id)
    rule = pair_rule_set(actor=person, programme=programme, **payload.model_dump())
    return Status(201, pair_rules_of(programme=programme).get(pk=rule.pk))


@router.delete("/{programme_id}/pair-rules/{rule_id}", response={204: None})
def pair_rule_remove(
    request: HttpRequest, programme_id: ObjectId, rule_id: ObjectId
) -> Status[None]:
    """Remove a lock or ban: later runs neither keep nor avoid the pair."""
    person, programme = programme_for(request, programme_id)
    rule = programme.pair_rules.filter(pk=rule_id).first()
    if rule is None:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    pair_rule_clear(actor=person, programme=programme, mentee=rule.mentee_id, mentor=rule.mentor_id)
    return Status(204, None)
