"""Programmes I run: settings and rules, administrators, cohorts, participants,
invitations, match runs and the figures (``/api/programmes``).

Every operation reads the programme through ``programme_get_for_admin``, so a
programme the caller does not administer is a 404 for everything in it, and
every id below it is read through that programme. What answers carry is what
the administrator's pages show: counts, dates, states, scores and names, never
an intake's words, a note, a goal, a journal entry or one person's survey answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import (
    MAX_ID,
    ApiRouter,
    ObjectId,
    Page,
    PageQuery,
    page_of,
    patched,
)
from tribe.core import clock
from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import NotFound, ValidationError
from tribe.people.models import Person
from tribe.programs import services
from tribe.programs.engagement import programme_engagement
from tribe.programs.enrolment import (
    invitation_create,
    invitation_revoke,
    participant_leave,
    signup_link_close,
    signup_link_open,
)
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    CADENCE_DAYS,
    CAPACITY_MAX,
    LENGTH_MONTHS,
    TEXT_MAX,
    Cohort,
    Invitation,
    MatchRun,
    PairRule,
    Participant,
    Programme,
    RunStatus,
)
from tribe.programs.reports import programme_report, report_data
from tribe.programs.runs import (
    pair_rule_clear,
    pair_rule_set,
    run_create,
    run_discard,
    run_is_superseded,
    run_publish,
)
from tribe.programs.selectors import (
    cohort_get_for_admin,
    cohorts_of,
    invitation_get_for_admin,
    invitation_state,
    invitations_of,
    pair_rules_of,
    participants_of,
    programme_get_for_admin,
    programmes_run_by,
    run_get_for_admin,
    run_pairs,
    run_unmatched,
    runs_of,
)
from tribe.programs.services import CohortFields
from tribe.programs.surveys import survey_get_for_admin, survey_results, surveys_of

router = ApiRouter(tags=["programmes"])

Mode = Literal["optimal", "stable"]
Objective = Literal["most_matched", "total_fit", "fairness_floor"]
WeightName = Literal["text", "seniority", "language", "timezone", "ranking"]
ParticipantRole = Literal["mentee", "mentor", "both"]
ParticipantState = Literal["enrolled", "left"]
InvitationState = Literal["open", "used", "revoked", "expired"]
RunState = Literal["preview", "published", "discarded"]
RuleKind = Literal["lock", "forbid"]
Breakdown = Literal["cohort", "point", "role"]
Weight = Annotated[float, Field(ge=0, le=1)]


class ProgrammePerson(Schema):
    """Someone in a programme, as its administrators see them: id and name."""

    id: int
    name: str


class IntakeQuestion(Schema):
    key: str = Field(max_length=40, pattern=r"^[a-z][a-z0-9_]{0,39}$")
    label: str = Field(max_length=300)
    kind: Literal["text", "choice"] = "text"
    choices: list[str] = Field([], max_length=30)


class ProgrammeSettings(Schema):
    """Every setting a programme has (the same on create and change)."""

    description: str = Field("", max_length=TEXT_MAX)
    evergreen: bool = False
    default_cadence_days: int = Field(30, ge=CADENCE_DAYS[0], le=CADENCE_DAYS[1])
    default_length_months: int = Field(6, ge=LENGTH_MONTHS[0], le=LENGTH_MONTHS[1])
    mode: Mode = "optimal"
    objective: Objective = "most_matched"
    fairness_floor: float = Field(0.3, ge=0, le=1)
    min_overlap_hours: float = Field(0.0, ge=0, le=24)
    min_seniority_gap: float | None = Field(None, ge=-50, le=50)
    require_shared_language: bool = True
    forbid_same_reporting_line: bool = True
    weights: dict[WeightName, Weight] = Field(
        {}, description="parts of the score, each 0 to 1; left out: the engine's default"
    )
    intake_questions: list[IntakeQuestion] = Field([], max_length=30)


class ProgrammeIn(ProgrammeSettings):
    name: str = Field(max_length=200)
    slug: str = Field(max_length=60, description="lower-case letters, digits and hyphens")


class ProgrammePatch(Schema):
    """Only the fields sent change."""

    name: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=TEXT_MAX)
    evergreen: bool | None = None
    default_cadence_days: int | None = Field(None, ge=CADENCE_DAYS[0], le=CADENCE_DAYS[1])
    default_length_months: int | None = Field(None, ge=LENGTH_MONTHS[0], le=LENGTH_MONTHS[1])
    mode: Mode | None = None
    objective: Objective | None = None
    fairness_floor: float | None = Field(None, ge=0, le=1)
    min_overlap_hours: float | None = Field(None, ge=0, le=24)
    min_seniority_gap: float | None = Field(None, ge=-50, le=50)
    require_shared_language: bool | None = None
    forbid_same_reporting_line: bool | None = None
    weights: dict[WeightName, Weight] | None = None
    intake_questions: list[IntakeQuestion] | None = Field(None, max_length=30)


class ProgrammeOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    evergreen: bool
    default_cadence_days: int
    default_length_months: int
    mode: Mode
    objective: Objective
    fairness_floor: float
    min_overlap_hours: float
    min_seniority_gap: float | None
    require_shared_language: bool
    forbid_same_reporting_line: bool
    weights: dict[str, float]
    intake_questions: list[dict[str, Any]]
    signup_open: bool = Field(description="whether the open sign-up link works")
    archived_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_signup_open(obj: Programme) -> bool:
        return bool(obj.signup_token_hash)


class ProgrammeListOut(ProgrammeOut):
    participant_count: int = Field(description="participants enrolled now")
    cohort_count: int


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Schema values as the service takes them (questions as plain dicts)."""
    questions = values.get("intake_questions")
    if questions is not None:
        values["intake_questions"] = [
            {
                key: value
                for key, value in q.items()
                if key != "choices" or q.get("kind") == "choice"
            }
            for q in questions
        ]
    return values


def _programme(request: HttpRequest, programme_id: int) -> tuple[Person, Programme]:
    person = me(request)
    return person, programme_get_for_admin(person=person, programme_id=programme_id)


@router.get("", response=Page[ProgrammeListOut])
def programme_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """The programmes I administer, archived ones last."""
    return page_of(programmes_run_by(me(request)), page)


@router.post("", response={201: ProgrammeOut})
def programme_add(request: HttpRequest, payload: ProgrammeIn) -> Status[Programme]:
    """Start a programme; I administer it (and may add others)."""
    values = _clean(payload.model_dump())
    return Status(201, services.programme_create(actor=me(request), **values))


@router.get("/{programme_id}", response=ProgrammeOut)
def programme_read(request: HttpRequest, programme_id: ObjectId) -> Programme:
    """One programme I administer: its settings, rules and intake questions."""
    return _programme(request, programme_id)[1]


@router.patch("/{programme_id}", response=ProgrammeOut)
def programme_change(
    request: HttpRequest, programme_id: ObjectId, payload: ProgrammePatch
) -> Programme:
    """Change the settings sent; the next run uses the rules and weights."""
    person, programme = _programme(request, programme_id)
    changes = _clean(payload.model_dump(exclude_unset=True))
    for name, value in changes.items():
        if value is None and name != "min_seniority_gap":
            raise ValidationError(CoreCode.REQUIRED, field=name)
    return services.programme_update(actor=person, programme=programme, **changes)


@router.post("/{programme_id}/archive", response=ProgrammeOut)
def programme_archive(request: HttpRequest, programme_id: ObjectId) -> Programme:
    """Archive: nobody new joins, no more runs; its relationships and figures stay."""
    person, programme = _programme(request, programme_id)
    return services.programme_archive(actor=person, programme=programme, now=clock.now())


# -- administrators ----------------------------------------------------------------


class AdminIn(Schema):
    email: str = Field(max_length=254, description="the address of someone with an account")


@router.get("/{programme_id}/admins", response=Page[ProgrammePerson])
def programme_admin_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """Who administers the programme."""
    _, programme = _programme(request, programme_id)
    people = Person.objects.filter(programmes_run__programme=programme).order_by("name", "id")
    return page_of(people.only("id", "name"), page)


@router.post("/{programme_id}/admins", response={201: ProgrammePerson})
def programme_admin_add(
    request: HttpRequest, programme_id: ObjectId, payload: AdminIn
) -> Status[Person]:
    """Make someone with an account an administrator too (by their address)."""
    person, programme = _programme(request, programme_id)
    email = v.email(payload.email)
    other = Person.objects.filter(email__iexact=email, is_active=True).first()
    if other is None:
        raise ValidationError(ProgrammeCode.NO_ACCOUNT, field="email", email=email)
    services.admin_add(actor=person, programme=programme, person=other)
    return Status(201, other)


@router.delete("/{programme_id}/admins/{person_id}", response={204: None})
def programme_admin_remove(
    request: HttpRequest, programme_id: ObjectId, person_id: ObjectId
) -> Status[None]:
    """Stop someone administering the programme (a programme keeps at least one: 409)."""
    person, programme = _programme(request, programme_id)
    row = programme.admins.select_related("person").filter(person_id=person_id).first()
    if row is None:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    services.admin_remove(actor=person, programme=programme, person=row.person)
    return Status(204, None)


# -- cohorts -----------------------------------------------------------------------


class CohortIn(Schema):
    name: str = Field(max_length=200)
    enrol_opens: dt.date | None = None
    enrol_closes: dt.date | None = None
    match_opens: dt.date | None = None
    match_closes: dt.date | None = None
    starts_on: dt.date | None = None
    length_months: int = Field(6, ge=LENGTH_MONTHS[0], le=LENGTH_MONTHS[1])


class CohortPatch(Schema):
    """Only the fields sent change; a date sent as null is cleared."""

    name: str | None = Field(None, max_length=200)
    enrol_opens: dt.date | None = None
    enrol_closes: dt.date | None = None
    match_opens: dt.date | None = None
    match_closes: dt.date | None = None
    starts_on: dt.date | None = None
    length_months: int | None = Field(None, ge=LENGTH_MONTHS[0], le=LENGTH_MONTHS[1])


class CohortOut(Schema):
    id: int
    name: str
    enrol_opens: dt.date | None
    enrol_closes: dt.date | None
    match_opens: dt.date | None
    match_closes: dt.date | None
    starts_on: dt.date | None
    length_months: int
    enrolled: int = Field(0, description="participants enrolled in it now")


COHORT_FIELDS = tuple(CohortIn.model_fields)


def _cohort_out(cohort: Cohort) -> Cohort:
    return cohorts_of(programme=cohort.programme).get(pk=cohort.pk)


@router.get("/{programme_id}/cohorts", response=Page[CohortOut])
def cohort_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The programme's cohorts, the latest start first."""
    _, programme = _programme(request, programme_id)
    return page_of(cohorts_of(programme=programme), page)


@router.post("/{programme_id}/cohorts", response={201: CohortOut})
def cohort_add(request: HttpRequest, programme_id: ObjectId, payload: CohortIn) -> Status[Cohort]:
    """Add a cohort (its enrolment and matching windows, start and length)."""
    person, programme = _programme(request, programme_id)
    made = services.cohort_create(
        actor=person, programme=programme, fields=CohortFields(**payload.model_dump())
    )
    return Status(201, _cohort_out(made))


@router.patch("/{programme_id}/cohorts/{cohort_id}", response=CohortOut)
def cohort_change(
    request: HttpRequest, programme_id: ObjectId, cohort_id: ObjectId, payload: CohortPatch
) -> Cohort:
    """Change the fields sent; the others stay."""
    person, programme = _programme(request, programme_id)
    cohort = cohort_get_for_admin(person=person, programme=programme, cohort_id=cohort_id)
    values = patched({name: getattr(cohort, name) for name in COHORT_FIELDS}, payload)
    for name in ("name", "length_months"):
        if values[name] is None:
            raise ValidationError(CoreCode.REQUIRED, field=name)
    saved = services.cohort_update(actor=person, cohort=cohort, fields=CohortFields(**values))
    return _cohort_out(saved)


# -- participants ------------------------------------------------------------------


class Named(Schema):
    id: int
    name: str


class ParticipantOut(Schema):
    """A participant as administrators see them: no intake words."""

    id: int
    person: ProgrammePerson
    role: ParticipantRole
    status: ParticipantState
    cohort: Named | None
    capacity: int = Field(ge=0, le=CAPACITY_MAX, description="mentees a mentor takes")
    joined_at: dt.datetime
    left_at: dt.datetime | None


class ParticipantFilter(Schema):
    status: ParticipantState | None = Field(None, description="only participants in this state")
    role: ParticipantRole | None = Field(None, description="only participants in this role")
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID, description="only this cohort's")


@router.get("/{programme_id}/participants", response=Page[ParticipantOut])
def participant_list(
    request: HttpRequest,
    programme_id: ObjectId,
    page: Query[PageQuery],
    filters: Query[ParticipantFilter],
) -> dict[str, object]:
    """The programme's participants, enrolled first, by name."""
    _, programme = _programme(request, programme_id)
    rows = participants_of(programme=programme)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.role:
        rows = rows.filter(role=filters.role)
    if filters.cohort_id:
        rows = rows.filter(cohort_id=filters.cohort_id)
    return page_of(rows, page)


@router.post("/{programme_id}/participants/{participant_id}/remove", response=ParticipantOut)
def participant_remove(
    request: HttpRequest, programme_id: ObjectId, participant_id: ObjectId
) -> Participant:
    """Take someone out of the programme: their open offers are withdrawn, their
    relationships stay theirs."""
    person, programme = _programme(request, programme_id)
    participant = participants_of(programme=programme).filter(pk=participant_id).first()
    if participant is None:
        raise NotFound(ProgrammeCode.NO_PARTICIPANT)
    participant_leave(actor=person, participant=participant, now=clock.now())
    return participants_of(programme=programme).get(pk=participant.pk)


# -- invitations and the sign-up link -------------------------------------------------


class InvitationIn(Schema):
    email: str = Field(max_length=254)
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID)


class InvitationOut(Schema):
    id: int
    email: str
    cohort: Named | None
    state: InvitationState
    created_at: dt.datetime
    expires_at: dt.datetime
    used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class IssuedOut(InvitationOut):
    link: str = Field(description="the join link, shown this once (only its hash is kept)")


class LinkOut(Schema):
    link: str = Field(description="the open sign-up link, shown this once")


def _with_state(invitation: Invitation, now: dt.datetime) -> Invitation:
    invitation.state = invitation_state(invitation, now)  # type: ignore[attr-defined]
    return invitation


@router.get("/{programme_id}/invitations", response=Page[InvitationOut])
def invitation_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The programme's invitations, newest first, each with its state."""
    _, programme = _programme(request, programme_id)
    now = clock.now()
    found = page_of(invitations_of(programme=programme), page)
    found["items"] = [_with_state(i, now) for i in found["items"]]
    return found


@router.post("/{programme_id}/invitations", response={201: IssuedOut})
def invitation_add(
    request: HttpRequest, programme_id: ObjectId, payload: InvitationIn
) -> Status[Invitation]:
    """Invite one address (mailed; an earlier open invitation to it stops working)."""
    person, programme = _programme(request, programme_id)
    cohort = None
    if payload.cohort_id is not None:
        cohort = programme.cohorts.filter(pk=payload.cohort_id).first()
        if cohort is None:
            raise ValidationError(ProgrammeCode.NO_COHORT, field="cohort_id")
    now = clock.now()
    issued = invitation_create(
        actor=person,
        programme=programme,
        email=payload.email,
        cohort=cohort,
        base_url=request.build_absolute_uri("/"),
        now=now,
    )
    invitation = _with_state(issued.invitation, now)
    invitation.link = issued.link  # type: ignore[attr-defined]
    return Status(201, invitation)


@router.post("/{programme_id}/invitations/{invitation_id}/revoke", response=InvitationOut)
def invitation_withdraw(
    request: HttpRequest, programme_id: ObjectId, invitation_id: ObjectId
) -> Invitation:
    """Withdraw an invitation not used yet: its link stops working (used: 409)."""
    person, programme = _programme(request, programme_id)
    invitation = invitation_get_for_admin(
        person=person, programme=programme, invitation_id=invitation_id
    )
    now = clock.now()
    return _with_state(invitation_revoke(actor=person, invitation=invitation, now=now), now)


@router.post("/{programme_id}/signup-link", response=LinkOut)
def signup_link_renew(request: HttpRequest, programme_id: ObjectId) -> dict[str, str]:
    """Open the sign-up link, or replace it (the old one stops working)."""
    person, programme = _programme(request, programme_id)
    link = signup_link_open(
        actor=person, programme=programme, base_url=request.build_absolute_uri("/")
    )
    return {"link": link}


@router.delete("/{programme_id}/signup-link", response={204: None})
def signup_link_remove(request: HttpRequest, programme_id: ObjectId) -> Status[None]:
    """Close the sign-up link: only invitations let people join."""
    person, programme = _programme(request, programme_id)
    signup_link_close(actor=person, programme=programme)
    return Status(204, None)


# -- match runs and pair rules -------------------------------------------------------


class RunIn(Schema):
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


class PairRuleIn(Schema):
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
    person, programme = _programme(request, programme_id)
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
    _, programme = _programme(request, programme_id)
    return page_of(runs_of(programme=programme), page)


@router.post("/{programme_id}/runs", response={201: RunDetailOut})
def run_add(request: HttpRequest, programme_id: ObjectId, payload: RunIn) -> Status[MatchRun]:
    """Match the cohort's waiting mentees (as the runs page does, at once) and store
    the preview; nothing is offered until it is published."""
    person, programme = _programme(request, programme_id)
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
def run_release(request: HttpRequest, programme_id: ObjectId, run_id: ObjectId) -> MatchRun:
    """Publish a preview: one offer per pair, once (not the latest preview, or people
    changed since: 409, run again)."""
    person, run = _run(request, programme_id, run_id)
    run_publish(actor=person, run=run, now=clock.now())
    return _detail(run_get_for_admin(person=person, programme=run.programme, run_id=run.pk))


@router.post("/{programme_id}/runs/{run_id}/discard", response=RunDetailOut)
def run_set_aside(request: HttpRequest, programme_id: ObjectId, run_id: ObjectId) -> MatchRun:
    """Discard a preview: its pairs are not offered, the next run ignores them."""
    person, run = _run(request, programme_id, run_id)
    run_discard(actor=person, run=run)
    return _detail(run_get_for_admin(person=person, programme=run.programme, run_id=run.pk))


@router.get("/{programme_id}/pair-rules", response=Page[PairRuleOut])
def pair_rule_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """The pairs every later run keeps (lock) or never makes (forbid)."""
    _, programme = _programme(request, programme_id)
    return page_of(pair_rules_of(programme=programme), page)


@router.post("/{programme_id}/pair-rules", response=PairRuleOut)
def pair_rule_add(request: HttpRequest, programme_id: ObjectId, payload: PairRuleIn) -> PairRule:
    """Lock or forbid a pair of participants (a mentee's new lock replaces their old one)."""
    person, programme = _programme(request, programme_id)
    rule = pair_rule_set(actor=person, programme=programme, **payload.model_dump())
    return pair_rules_of(programme=programme).get(pk=rule.pk)


@router.delete("/{programme_id}/pair-rules/{rule_id}", response={204: None})
def pair_rule_remove(
    request: HttpRequest, programme_id: ObjectId, rule_id: ObjectId
) -> Status[None]:
    """Remove a lock or ban: later runs neither keep nor avoid the pair."""
    person, programme = _programme(request, programme_id)
    rule = programme.pair_rules.filter(pk=rule_id).first()
    if rule is None:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    pair_rule_clear(actor=person, programme=programme, mentee=rule.mentee_id, mentor=rule.mentor_id)
    return Status(204, None)


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
    person, programme = _programme(request, programme_id)
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
    person, programme = _programme(request, programme_id)
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
    _, programme = _programme(request, programme_id)
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
    person, programme = _programme(request, programme_id)
    survey = survey_get_for_admin(person=person, programme=programme, survey_id=survey_id)
    results = survey_results(survey=survey, breakdown=filters.breakdown or "")
    return {
        "survey_id": results.survey_id,
        "name": results.name,
        "breakdown": results.breakdown,
        "whole": _group(results.whole),
        "groups": [_group(g) for g in results.groups],
    }
