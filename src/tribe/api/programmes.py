"""Programmes I run: settings and rules, administrators, cohorts, participants and
invitations (``/api/programmes``; match runs are in ``programme_runs``, the
figures in ``programme_reports``, under the same address).

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
    Input,
    ObjectId,
    Page,
    PageQuery,
    page_of,
    patched,
)
from tribe.api.errors import ApiCode
from tribe.core import clock
from tribe.core.codes import CoreCode
from tribe.core.errors import NotFound, ValidationError
from tribe.people.models import Person
from tribe.programs import enrolment, services
from tribe.programs.enrolment import invitation_create, participant_leave
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    CADENCE_DAYS,
    CAPACITY_MAX,
    LENGTH_MONTHS,
    TEXT_MAX,
    Cohort,
    Invitation,
    Participant,
    Programme,
)
from tribe.programs.selectors import (
    admins_of,
    cohort_get_for_admin,
    cohorts_of,
    invitation_get_for_admin,
    invitation_state,
    invitations_of,
    participants_of,
    programme_get_for_admin,
    programmes_run_by,
)
from tribe.programs.services import CohortFields

router = ApiRouter(tags=["programmes"])

Mode = Literal["optimal", "stable"]
Objective = Literal["most_matched", "total_fit", "fairness_floor"]
WeightName = Literal["text", "seniority", "language", "timezone", "ranking"]
ParticipantRole = Literal["mentee", "mentor", "both"]
ParticipantState = Literal["enrolled", "left"]
InvitationState = Literal["open", "used", "revoked", "expired"]
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


class ProgrammeSettings(Input):
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


class ProgrammePatch(Input):
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


def programme_for(request: HttpRequest, programme_id: int) -> tuple[Person, Programme]:
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
    return programme_for(request, programme_id)[1]


@router.patch("/{programme_id}", response=ProgrammeOut)
def programme_change(
    request: HttpRequest, programme_id: ObjectId, payload: ProgrammePatch
) -> Programme:
    """Change the settings sent; the next run uses the rules and weights."""
    person, programme = programme_for(request, programme_id)
    changes = _clean(payload.model_dump(exclude_unset=True))
    for name, value in changes.items():
        if value is None and name != "min_seniority_gap":
            raise ValidationError(CoreCode.REQUIRED, field=name)
    return services.programme_update(actor=person, programme=programme, **changes)


@router.post("/{programme_id}/archive", response=ProgrammeOut)
def programme_archive(request: HttpRequest, programme_id: ObjectId) -> Programme:
    """Archive: nobody new joins, no more runs; its relationships and figures stay."""
    person, programme = programme_for(request, programme_id)
    return services.programme_archive(actor=person, programme=programme, now=clock.now())


# -- administrators ----------------------------------------------------------------


class AdminIn(Input):
    email: str = Field(max_length=254, description="the address of someone with an account")


@router.get("/{programme_id}/admins", response=Page[ProgrammePerson])
def programme_admin_list(
    request: HttpRequest, programme_id: ObjectId, page: Query[PageQuery]
) -> dict[str, object]:
    """Who administers the programme."""
    _, programme = programme_for(request, programme_id)
    return page_of(admins_of(programme=programme).only("id", "name"), page)


@router.post("/{programme_id}/admins", response={201: ProgrammePerson})
def programme_admin_add(
    request: HttpRequest, programme_id: ObjectId, payload: AdminIn
) -> Status[Person]:
    """Make someone with an account an administrator too (by their address)."""
    person, programme = programme_for(request, programme_id)
    other = services.admin_add_by_email(actor=person, programme=programme, email=payload.email)
    return Status(201, other)


@router.delete("/{programme_id}/admins/{person_id}", response={204: None})
def programme_admin_remove(
    request: HttpRequest, programme_id: ObjectId, person_id: ObjectId
) -> Status[None]:
    """Stop someone administering the programme (a programme keeps at least one: 409)."""
    person, programme = programme_for(request, programme_id)
    row = programme.admins.select_related("person").filter(person_id=person_id).first()
    if row is None:  # nobody of that id administers it: say so without naming anyone
        raise NotFound(ApiCode.NOT_FOUND, field="person_id")
    services.admin_remove(actor=person, programme=programme, person=row.person)
    return Status(204, None)


# -- cohorts -----------------------------------------------------------------------


class CohortIn(Input):
    name: str = Field(max_length=200)
    enrol_opens: dt.date | None = None
    enrol_closes: dt.date | None = None
    match_opens: dt.date | None = None
    match_closes: dt.date | None = None
    starts_on: dt.date | None = None
    length_months: int = Field(6, ge=LENGTH_MONTHS[0], le=LENGTH_MONTHS[1])


class CohortPatch(Input):
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
    _, programme = programme_for(request, programme_id)
    return page_of(cohorts_of(programme=programme), page)


@router.post("/{programme_id}/cohorts", response={201: CohortOut})
def cohort_add(request: HttpRequest, programme_id: ObjectId, payload: CohortIn) -> Status[Cohort]:
    """Add a cohort (its enrolment and matching windows, start and length)."""
    person, programme = programme_for(request, programme_id)
    made = services.cohort_create(
        actor=person, programme=programme, fields=CohortFields(**payload.model_dump())
    )
    return Status(201, _cohort_out(made))


@router.patch("/{programme_id}/cohorts/{cohort_id}", response=CohortOut)
def cohort_change(
    request: HttpRequest, programme_id: ObjectId, cohort_id: ObjectId, payload: CohortPatch
) -> Cohort:
    """Change the fields sent; the others stay."""
    person, programme = programme_for(request, programme_id)
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
    _, programme = programme_for(request, programme_id)
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
    person, programme = programme_for(request, programme_id)
    participant = participants_of(programme=programme).filter(pk=participant_id).first()
    if participant is None:
        raise NotFound(ProgrammeCode.NO_PARTICIPANT)
    participant_leave(actor=person, participant=participant, now=clock.now())
    return participants_of(programme=programme).get(pk=participant.pk)


# -- invitations and the sign-up link -------------------------------------------------


class InvitationIn(Input):
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
    _, programme = programme_for(request, programme_id)
    now = clock.now()
    found = page_of(invitations_of(programme=programme), page)
    found["items"] = [_with_state(i, now) for i in found["items"]]
    return found


@router.post("/{programme_id}/invitations", response={201: IssuedOut})
def invitation_add(
    request: HttpRequest, programme_id: ObjectId, payload: InvitationIn
) -> Status[Invitation]:
    """Invite one address (mailed; an earlier open invitation to it stops working)."""
    person, programme = programme_for(request, programme_id)
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
def invitation_revoke(
    request: HttpRequest, programme_id: ObjectId, invitation_id: ObjectId
) -> Invitation:
    """Withdraw an invitation not used yet: its link stops working (used: 409)."""
    person, programme = programme_for(request, programme_id)
    invitation = invitation_get_for_admin(
        person=person, programme=programme, invitation_id=invitation_id
    )
    now = clock.now()
    revoked = enrolment.invitation_revoke(actor=person, invitation=invitation, now=now)
    return _with_state(revoked, now)


@router.post("/{programme_id}/signup-link", response=LinkOut)
def signup_link_open(request: HttpRequest, programme_id: ObjectId) -> dict[str, str]:
    """Open the sign-up link, or replace it (the old one stops working)."""
    person, programme = programme_for(request, programme_id)
    link = enrolment.signup_link_open(
        actor=person, programme=programme, base_url=request.build_absolute_uri("/")
    )
    return {"link": link}


@router.delete("/{programme_id}/signup-link", response={204: None})
def signup_link_close(request: HttpRequest, programme_id: ObjectId) -> Status[None]:
    """Close the sign-up link: only invitations let people join."""
    person, programme = programme_for(request, programme_id)
    enrolment.signup_link_close(actor=person, programme=programme)
    return Status(204, None)
