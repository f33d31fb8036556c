"""Writes for programmes themselves: creating one, its settings and rules,
its administrators and its cohorts.

Every service takes the acting person (``actor``) and checks that they
administer the programme, so no caller can change a programme it does not
run; a programme it cannot see answers NotFound, as everywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction

from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError

# The same checks as a person's own webhooks: one rule for where Tribe posts.
from tribe.outbox.preferences import _slack as _slack_webhook
from tribe.outbox.preferences import _teams as _teams_webhook
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    CADENCE_DAYS,
    LENGTH_MONTHS,
    TEXT_MAX,
    Cohort,
    MatchMode,
    MatchObjective,
    Programme,
    ProgrammeAdmin,
)
from tribe.programs.selectors import is_admin

__all__ = [
    "SETTINGS_FIELDS",
    "WEIGHT_NAMES",
    "CohortFields",
    "admin_add",
    "admin_remove",
    "cohort_create",
    "cohort_update",
    "programme_archive",
    "programme_create",
    "programme_set_webhooks",
    "programme_update",
]

SLUG = re.compile(r"^[a-z][a-z0-9-]{1,59}$")

#: The parts of the score a programme may weigh (tribe_engine.Weights); kept
#: here as names so that reading a programme never imports the engine.
WEIGHT_NAMES = ("text", "seniority", "language", "timezone", "ranking")
#: Intake question kinds.
QUESTION_KINDS = ("text", "choice")
QUESTIONS_MAX = 30

#: What programme_update may change, with the check each value gets.
SETTINGS_FIELDS = (
    "name",
    "description",
    "evergreen",
    "default_cadence_days",
    "default_length_months",
    "mode",
    "objective",
    "fairness_floor",
    "min_overlap_hours",
    "min_seniority_gap",
    "require_shared_language",
    "forbid_same_reporting_line",
    "weights",
    "intake_questions",
)


def _require_admin(actor: Person, programme: Programme) -> None:
    if not is_admin(person=actor, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)


def _number(value: Any, *, field: str, low: float, high: float) -> float:
    """A finite number in ``[low, high]`` (a bool is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValidationError(CoreCode.OUT_OF_RANGE, field=field, low=low, high=high)
    return float(value)


def _slug(value: str) -> str:
    slug = v.text(value, field="slug", max_length=60, required=True)
    if not SLUG.match(slug):
        raise ValidationError(ProgrammeCode.BAD_SLUG, field="slug")
    return slug


def _weights(value: Mapping[str, Any]) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise ValidationError(
            ProgrammeCode.BAD_WEIGHT, field="weights", name=value, allowed=", ".join(WEIGHT_NAMES)
        )
    weights: dict[str, float] = {}
    for name, weight in value.items():
        if name not in WEIGHT_NAMES:
            raise ValidationError(
                ProgrammeCode.BAD_WEIGHT,
                field="weights",
                name=name,
                allowed=", ".join(WEIGHT_NAMES),
            )
        weights[name] = _number(weight, field=f"weights.{name}", low=0, high=1)
    return weights


def _questions(value: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Intake questions: a key (letters, digits, _), a label, a kind, choices for a choice."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise ValidationError(
            ProgrammeCode.BAD_QUESTION, field="intake_questions", index=1, problem="not a list"
        )
    if len(value) > QUESTIONS_MAX:
        raise ValidationError(
            CoreCode.TOO_MANY_ENTRIES, field="intake_questions", limit=QUESTIONS_MAX
        )
    questions: list[dict[str, Any]] = []
    keys: set[str] = set()
    for index, raw in enumerate(value, start=1):

        def bad(problem: str, index: int = index) -> ValidationError:
            return ValidationError(
                ProgrammeCode.BAD_QUESTION, field="intake_questions", index=index, problem=problem
            )

        if not isinstance(raw, Mapping):
            raise bad("not a question")
        key = str(raw.get("key", ""))
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key) or key in keys:
            raise bad("a key of lower-case letters, digits and _, unique")
        keys.add(key)
        label = v.text(str(raw.get("label", "")), field="intake_questions", max_length=300)
        if not label:
            raise bad("a label is required")
        kind = raw.get("kind", "text")
        if kind not in QUESTION_KINDS:
            raise bad(f"kind is one of {', '.join(QUESTION_KINDS)}")
        question: dict[str, Any] = {"key": key, "label": label, "kind": kind}
        if kind == "choice":
            choices = v.string_list(
                raw.get("choices"), field="intake_questions", max_items=30, item_length=100
            )
            if len(choices) < 2:
                raise bad("a choice needs at least two choices")
            question["choices"] = choices
        questions.append(question)
    return questions


def _cleaned(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Each setting checked, in the order of SETTINGS_FIELDS; unknown names refused."""
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"not a programme setting: {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "name":
            out[name] = v.text(value, field=name, max_length=200, required=True)
        elif name == "description":
            out[name] = v.text(value, field=name, max_length=TEXT_MAX)
        elif name in ("evergreen", "require_shared_language", "forbid_same_reporting_line"):
            out[name] = bool(value)
        elif name == "default_cadence_days":
            out[name] = v.integer(value, field=name, low=CADENCE_DAYS[0], high=CADENCE_DAYS[1])
        elif name == "default_length_months":
            out[name] = v.integer(value, field=name, low=LENGTH_MONTHS[0], high=LENGTH_MONTHS[1])
        elif name == "mode":
            out[name] = _choice(value, MatchMode.values, field=name)
        elif name == "objective":
            out[name] = _choice(value, MatchObjective.values, field=name)
        elif name == "fairness_floor":
            out[name] = _number(value, field=name, low=0, high=1)
        elif name == "min_overlap_hours":
            out[name] = _number(value, field=name, low=0, high=24)
        elif name == "min_seniority_gap":
            out[name] = None if value is None else _number(value, field=name, low=-50, high=50)
        elif name == "weights":
            out[name] = _weights(value)
        elif name == "intake_questions":
            out[name] = _questions(value)
    return out


def _choice(value: Any, allowed: Sequence[str], *, field: str) -> str:
    if value not in allowed:
        raise ValidationError(
            ProgrammeCode.BAD_CHOICE, field=field, value=value, allowed=", ".join(allowed)
        )
    return str(value)


@transaction.atomic
def programme_create(*, actor: Person, name: str, slug: str, **settings: Any) -> Programme:
    """A new programme, administered by ``actor`` (who may add others)."""
    values = _cleaned({"name": name, **settings})
    slug = _slug(slug)
    if Programme.objects.filter(slug=slug).exists():
        raise Conflict(ProgrammeCode.SLUG_TAKEN, field="slug", slug=slug)
    try:
        with transaction.atomic():
            programme = Programme.objects.create(slug=slug, created_by=actor, **values)
    except IntegrityError as exc:  # a concurrent create of the same slug
        raise Conflict(ProgrammeCode.SLUG_TAKEN, field="slug", slug=slug) from exc
    ProgrammeAdmin.objects.create(programme=programme, person=actor)
    return programme


@transaction.atomic
def programme_update(*, actor: Person, programme: Programme, **changes: Any) -> Programme:
    """Change settings, rules, weights or intake questions; only named fields change."""
    _require_admin(actor, programme)
    values = _cleaned(changes)
    for name, value in values.items():
        setattr(programme, name, value)
    programme.save(update_fields=[*values, "updated_at"])
    return programme


@transaction.atomic
def programme_set_webhooks(
    *,
    actor: Person,
    programme: Programme,
    slack_webhook: str | None = None,
    teams_webhook: str | None = None,
) -> Programme:
    """Connect the programme's Slack or Teams channel; ``None`` leaves one as it is.

    The channel hears the administrators' nudges (counts and dates). An
    address is checked as a person's own webhook is (Slack's or Microsoft's
    hosts, https); an empty string removes it. Both are checked before either
    is saved; the error names the field.
    """
    _require_admin(actor, programme)
    changes: dict[str, str] = {}
    if slack_webhook is not None:
        changes["slack_webhook"] = _slack_webhook(slack_webhook.strip())
    if teams_webhook is not None:
        changes["teams_webhook"] = _teams_webhook(teams_webhook.strip())
    for name, value in changes.items():
        setattr(programme, name, value)
    if changes:
        programme.save(update_fields=[*changes, "updated_at"])
    return programme


@transaction.atomic
def programme_archive(*, actor: Person, programme: Programme, now: dt.datetime) -> Programme:
    """Archive: nothing new happens in it (no runs, no enrolment); figures stay."""
    _require_admin(actor, programme)
    if programme.archived_at is None:
        programme.archived_at = now
        programme.save(update_fields=["archived_at", "updated_at"])
    return programme


@transaction.atomic
def admin_add(*, actor: Person, programme: Programme, person: Person) -> ProgrammeAdmin:
    _require_admin(actor, programme)
    if programme.admins.filter(person=person).exists():
        raise Conflict(ProgrammeCode.ALREADY_ADMIN, field="person", name=person.name)
    return ProgrammeAdmin.objects.create(programme=programme, person=person)


@transaction.atomic
def admin_add_by_email(*, actor: Person, programme: Programme, email: str) -> Person:
    """Make the account at ``email`` an administrator too; an address with no active
    account is the field's problem (422 ``email``), not a missing page."""
    address = v.email(email)
    other = Person.objects.filter(email__iexact=address, is_active=True).first()
    if other is None:
        raise ValidationError(ProgrammeCode.NO_ACCOUNT, field="email", email=address)
    admin_add(actor=actor, programme=programme, person=other)
    return other


@transaction.atomic
def admin_remove(*, actor: Person, programme: Programme, person: Person) -> None:
    _require_admin(actor, programme)
    admins = list(programme.admins.select_for_update())
    if not any(a.person_id == person.pk for a in admins):
        raise NotFound(ProgrammeCode.NOT_ADMIN, field="person", name=person.name)
    if len(admins) == 1:
        raise Conflict(ProgrammeCode.LAST_ADMIN, field="person")
    programme.admins.filter(person=person).delete()


@dataclasses.dataclass(frozen=True)
class CohortFields:
    """A cohort's dates and length, checked together (windows in order)."""

    name: str
    enrol_opens: dt.date | None = None
    enrol_closes: dt.date | None = None
    match_opens: dt.date | None = None
    match_closes: dt.date | None = None
    starts_on: dt.date | None = None
    length_months: int = 6

    def cleaned(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": v.text(self.name, field="name", max_length=200, required=True),
            "length_months": v.integer(
                self.length_months,
                field="length_months",
                low=LENGTH_MONTHS[0],
                high=LENGTH_MONTHS[1],
            ),
        }
        for name in ("enrol_opens", "enrol_closes", "match_opens", "match_closes", "starts_on"):
            out[name] = v.date(getattr(self, name), field=name)
        v.date_order(out["enrol_opens"], out["enrol_closes"], field="enrol_closes")
        v.date_order(out["match_opens"], out["match_closes"], field="match_closes")
        return out


def _require_open(programme: Programme) -> None:
    """An archived programme takes no new cohort and no change to one."""
    if programme.archived_at is not None:
        raise Conflict(ProgrammeCode.ARCHIVED)


@transaction.atomic
def cohort_create(*, actor: Person, programme: Programme, fields: CohortFields) -> Cohort:
    _require_admin(actor, programme)
    _require_open(programme)
    values = fields.cleaned()
    if programme.cohorts.filter(name=values["name"]).exists():
        raise Conflict(ProgrammeCode.COHORT_NAME_TAKEN, field="name", name=values["name"])
    return Cohort.objects.create(programme=programme, **values)


@transaction.atomic
def cohort_update(*, actor: Person, cohort: Cohort, fields: CohortFields) -> Cohort:
    _require_admin(actor, cohort.programme)
    _require_open(cohort.programme)
    values = fields.cleaned()
    if cohort.programme.cohorts.filter(name=values["name"]).exclude(pk=cohort.pk).exists():
        raise Conflict(ProgrammeCode.COHORT_NAME_TAKEN, field="name", name=values["name"])
    for name, value in values.items():
        setattr(cohort, name, value)
    cohort.save()
    return cohort
