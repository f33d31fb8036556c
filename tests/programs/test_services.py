"""Creating a programme, its settings and rules, administrators and cohorts."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people.models import Person
from tribe.programs.models import Programme, ProgrammeAdmin
from tribe.programs.services import (
    CohortFields,
    admin_add,
    admin_remove,
    cohort_create,
    cohort_update,
    programme_archive,
    programme_create,
    programme_update,
)

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def test_the_creator_administers_the_new_programme(ada: Person, programme: Programme) -> None:
    assert list(programme.admins.values_list("person", flat=True)) == [ada.pk]
    assert programme.created_by == ada
    assert (programme.default_cadence_days, programme.default_length_months) == (30, 6)


@pytest.mark.parametrize("slug", ["", "Upper", "9lives", "a", "has space", "ü-nicode"])
def test_a_bad_slug_is_refused_by_name(ada: Person, slug: str) -> None:
    with pytest.raises(ValidationError) as caught:
        programme_create(actor=ada, name="X", slug=slug)
    assert caught.value.field == "slug"
    assert not Programme.objects.exists()


def test_a_taken_slug_is_a_conflict(ada: Person, programme: Programme) -> None:
    with pytest.raises(Conflict) as caught:
        programme_create(actor=ada, name="Again", slug=programme.slug)
    assert caught.value.code == "slug_taken"
    assert Programme.objects.count() == 1


def test_settings_change_only_what_is_named(ada: Person, programme: Programme) -> None:
    programme_update(
        actor=ada,
        programme=programme,
        min_overlap_hours=2,
        min_seniority_gap=3,
        objective="fairness_floor",
        weights={"text": 0.7, "timezone": 0.1},
        intake_questions=[
            {"key": "team", "label": "Your team", "kind": "choice", "choices": ["A", "B"]}
        ],
    )
    programme.refresh_from_db()
    assert programme.min_overlap_hours == 2.0
    assert programme.min_seniority_gap == 3.0
    assert programme.objective == "fairness_floor"
    assert programme.weights == {"text": 0.7, "timezone": 0.1}
    assert programme.intake_questions[0]["choices"] == ["A", "B"]
    assert programme.name == "Engineering mentoring"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"min_overlap_hours": 25}, "min_overlap_hours"),
        ({"min_overlap_hours": float("nan")}, "min_overlap_hours"),
        ({"min_overlap_hours": True}, "min_overlap_hours"),
        ({"fairness_floor": -0.1}, "fairness_floor"),
        ({"default_cadence_days": 0}, "default_cadence_days"),
        ({"default_length_months": 37}, "default_length_months"),
        ({"mode": "greedy"}, "mode"),
        ({"objective": "fastest"}, "objective"),
        ({"weights": {"charm": 0.5}}, "weights"),
        ({"weights": {"text": 2}}, "weights.text"),
        ({"name": "   "}, "name"),
        ({"intake_questions": [{"key": "Bad Key", "label": "x"}]}, "intake_questions"),
        ({"intake_questions": [{"key": "k", "label": "x", "kind": "choice"}]}, "intake_questions"),
        ({"intake_questions": [{"key": "k", "label": ""}]}, "intake_questions"),
        (
            {"intake_questions": [{"key": "k", "label": "a"}, {"key": "k", "label": "b"}]},
            "intake_questions",
        ),
        ({"intake_questions": "not a list"}, "intake_questions"),
    ],
)
def test_a_bad_setting_names_its_field_and_changes_nothing(
    ada: Person, programme: Programme, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        programme_update(actor=ada, programme=programme, description="Changed", **changes)
    assert caught.value.field == field
    programme.refresh_from_db()
    assert (programme.name, programme.description) == ("Engineering mentoring", "")


def test_someone_else_cannot_change_a_programme(otto: Person, programme: Programme) -> None:
    with pytest.raises(NotFound):
        programme_update(actor=otto, programme=programme, name="Mine now")
    with pytest.raises(NotFound):
        admin_add(actor=otto, programme=programme, person=otto)
    with pytest.raises(NotFound):
        cohort_create(actor=otto, programme=programme, fields=CohortFields(name="Spring"))
    with pytest.raises(NotFound):
        programme_archive(actor=otto, programme=programme, now=NOW)
    programme.refresh_from_db()
    assert programme.name == "Engineering mentoring"
    assert not programme.cohorts.exists()


def test_administrators_are_added_and_the_last_one_stays(ada: Person, programme: Programme) -> None:
    bea = PersonFactory(name="Bea")
    admin_add(actor=ada, programme=programme, person=bea)
    with pytest.raises(Conflict):
        admin_add(actor=ada, programme=programme, person=bea)
    admin_remove(actor=bea, programme=programme, person=ada)
    with pytest.raises(Conflict) as caught:
        admin_remove(actor=bea, programme=programme, person=bea)
    assert caught.value.code == "last_admin"
    assert list(ProgrammeAdmin.objects.values_list("person", flat=True)) == [bea.pk]


def test_removing_someone_who_is_no_administrator_says_so(
    ada: Person, otto: Person, programme: Programme
) -> None:
    with pytest.raises(NotFound) as caught:
        admin_remove(actor=ada, programme=programme, person=otto)
    assert caught.value.code == "not_admin"
    assert caught.value.message == f"{otto.name} is not an administrator of this programme"
    assert list(ProgrammeAdmin.objects.values_list("person", flat=True)) == [ada.pk]


def test_cohorts_keep_their_windows_in_order(ada: Person, programme: Programme) -> None:
    spring = cohort_create(
        actor=ada,
        programme=programme,
        fields=CohortFields(
            name="Spring 2026",
            enrol_opens=dt.date(2026, 3, 1),
            enrol_closes=dt.date(2026, 3, 20),
            starts_on=dt.date(2026, 4, 1),
        ),
    )
    with pytest.raises(ValidationError) as caught:
        cohort_update(
            actor=ada,
            cohort=spring,
            fields=CohortFields(
                name="Spring 2026",
                enrol_opens=dt.date(2026, 3, 20),
                enrol_closes=dt.date(2026, 3, 1),
            ),
        )
    assert caught.value.field == "enrol_closes"
    with pytest.raises(Conflict):
        cohort_create(actor=ada, programme=programme, fields=CohortFields(name="Spring 2026"))
    with pytest.raises(ValidationError) as caught:
        cohort_create(
            actor=ada, programme=programme, fields=CohortFields(name="Long", length_months=40)
        )
    assert caught.value.field == "length_months"
    spring.refresh_from_db()
    assert spring.enrol_opens == dt.date(2026, 3, 1)


def test_archiving_is_dated_once(ada: Person, programme: Programme) -> None:
    programme_archive(actor=ada, programme=programme, now=NOW)
    programme_archive(actor=ada, programme=programme, now=NOW + dt.timedelta(days=1))
    programme.refresh_from_db()
    assert programme.archived_at == NOW
