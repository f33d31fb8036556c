"""Pages of a coaching relationship: its regimen, practice log and paid sessions.

The two sections sit on the relationship's page (:func:`coaching_context`);
each of their forms posts to its own address here, which on success goes back
to the section and on a mistake shows the form again with its errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext

from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.coaching.rules import Act, logs_for_client, may
from tribe.coaching.selectors import (
    RegimenRow,
    exercise_get_for,
    practice_get_for_logger,
    practice_log_of,
    regimen_of,
    terms_of,
)
from tribe.coaching.services import (
    exercise_add,
    exercise_retire,
    exercise_update,
    practice_delete,
    practice_log,
    terms_set,
)
from tribe.core import clock
from tribe.core.kinds import RelationshipKind
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_get_for
from tribe.relationships.services import kind_is_settled
from tribe.web.forms.coaching import ExerciseForm, PracticeForm, TermsForm
from tribe.web.views.common import back_to, confirm_page, local_today, object_page, save_or_show

#: The most recent practices the relationship page lists.
LOG_ROWS = 20
REGIMEN, FEES = "regimen", "fees"


@dataclass
class CoachingSections:
    """What the relationship page's regimen and paid-sessions sections show."""

    regimen: list[RegimenRow]
    log: list[PracticeEntry]
    terms: SessionTerms | None
    may_design: bool
    may_practise: bool
    may_record_terms: bool
    #: Who practises (and so logs): the mentee's name.
    practiser: str
    forms: dict[str, Any] = field(default_factory=dict)

    @property
    def active(self) -> list[Exercise]:
        return [row.exercise for row in self.regimen if row.active]


def coaching_context(*, person: Person, relationship: Relationship) -> dict[str, Any]:
    """What the relationship page's coaching sections read (nothing for other kinds):
    three queries, however long the regimen and the log."""
    # A regimen recorded before the kind changed stays readable (nothing
    # recorded is hidden); ``may`` offers no form on other kinds. Once the kind
    # is settled it never changed since a regimen could be written: no query.
    if relationship.kind != RelationshipKind.COACH and (
        kind_is_settled(relationship)
        or not (
            Exercise.objects.filter(relationship=relationship).exists()
            or SessionTerms.objects.filter(relationship=relationship).exists()
        )
    ):
        return {}
    today = local_today(person, clock.now())
    regimen = regimen_of(person=person, relationship=relationship, today=today)
    log = list(practice_log_of(person=person, relationship=relationship)[:LOG_ROWS])
    terms = terms_of(person=person, relationship=relationship)
    sections = CoachingSections(
        regimen=regimen,
        log=log,
        terms=terms,
        may_design=may(relationship, person, Act.DESIGN),
        may_practise=may(relationship, person, Act.PRACTISE),
        may_record_terms=may(relationship, person, Act.TERMS),
        practiser=relationship.mentee_name,
    )
    sections.forms = {
        "exercise": ExerciseForm(initial={"started_on": today}),
        "practice": PracticeForm(
            exercises=sections.active,
            by_coach=logs_for_client(relationship, person),
            initial={"practised_on": today},
        ),
        "terms": TermsForm(initial=TermsForm.initial_for(terms)),
    }
    return {"coaching": sections}


@object_page(relationship_get_for)
def exercise_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    today = local_today(person, clock.now())
    return save_or_show(
        request,
        ExerciseForm(request.POST or None, initial={"started_on": today}),
        exercise_add,
        lambda data: {"actor": person, "relationship": relationship, "today": today, **data},
        done=gettext("Exercise added to the regimen."),
        back=back_to(relationship.pk, REGIMEN),
        title=gettext("An exercise with {name}").format(name=relationship.other_name(person)),
        submit=gettext("Add exercise"),
    )


@object_page(exercise_get_for)
def exercise_edit(request: HttpRequest, person: Person, exercise: Exercise) -> HttpResponse:
    today = local_today(person, clock.now())
    return save_or_show(
        request,
        ExerciseForm(request.POST or None, initial=ExerciseForm.initial_for(exercise)),
        exercise_update,
        lambda data: {"actor": person, "exercise": exercise, "today": today, **data},
        done=gettext("Exercise saved."),
        back=back_to(exercise.relationship_id, f"exercise-{exercise.pk}"),
        title=gettext("Edit the exercise “{title}”").format(title=exercise.title),
        submit=gettext("Save exercise"),
        intro=gettext("Its practice log stays as it is."),
    )


@object_page(exercise_get_for)
def exercise_retire_page(request: HttpRequest, person: Person, exercise: Exercise) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: exercise_retire(
            actor=person, exercise=exercise, today=local_today(person, clock.now())
        ),
        done=gettext("Exercise retired: it keeps its log and is no longer due."),
        back=back_to(exercise.relationship_id, REGIMEN),
        title=gettext("Retire exercise"),
        question=gettext(
            "Retire “{title}” from today? Its practice log stays; it will no longer be due."
        ).format(title=exercise.title),
    )


@object_page(relationship_get_for)
def practice_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    # Offered only to who logs: the mentee, or the coach of a client without an
    # account. For anyone else (the coach of a mentee who logs for themselves, or
    # a relationship of another kind) there is no such page, as on the
    # relationship's page, where no form links here.
    if not may(relationship, person, Act.PRACTISE):
        raise Http404
    today = local_today(person, clock.now())
    by_coach = logs_for_client(relationship, person)
    active = [
        row.exercise
        for row in regimen_of(person=person, relationship=relationship, today=today)
        if row.active
    ]
    return save_or_show(
        request,
        PracticeForm(
            request.POST or None,
            exercises=active,
            by_coach=by_coach,
            initial={"practised_on": today},
        ),
        practice_log,
        lambda data: {"actor": person, "today": today, **data},
        done=gettext("Practice logged."),
        back=back_to(relationship.pk, REGIMEN),
        title=gettext("Log practice"),
        submit=gettext("Log practice"),
        intro=(
            gettext("You keep the practice log for {name}, who has no account here.")
            if by_coach
            else gettext("{name} reads the practice log, your notes too.")
        ).format(name=relationship.other_name(person)),
    )


@object_page(practice_get_for_logger)
def practice_delete_page(
    request: HttpRequest, person: Person, entry: PracticeEntry
) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: practice_delete(actor=person, entry=entry),
        done=gettext("Practice deleted from the log."),
        back=back_to(entry.exercise.relationship_id, "practice-log"),
        title=gettext("Delete practice"),
        question=gettext(
            "Delete the practice of “{title}” on {date} ({minutes} minutes) from the log?"
        ).format(
            title=entry.exercise.title,
            date=date_format(entry.practised_on, "DATE_FORMAT"),
            minutes=entry.minutes,
        ),
    )


@object_page(relationship_get_for)
def terms_edit(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    terms = terms_of(person=person, relationship=relationship)
    return save_or_show(
        request,
        TermsForm(request.POST or None, initial=TermsForm.initial_for(terms)),
        terms_set,
        lambda data: {"actor": person, "relationship": relationship, **data},
        done=gettext("Terms of sessions saved."),
        back=back_to(relationship.pk, FEES),
        title=gettext("Sessions with {name}").format(name=relationship.other_name(person)),
        submit=gettext("Save terms"),
        intro=terms_notice(),
    )


def terms_notice() -> str:
    """What the terms are, and are not (the section says it too)."""
    return gettext(
        "A record of what you two agreed, which either of you may change. Tribe takes "
        "no payment and sends no invoice: paying is between you."
    )
