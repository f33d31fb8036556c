"""The mentor directory: who is listed, what is shown, filters and search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import PersonFactory, RelationshipFactory
from tribe.core.errors import NotFound, ValidationError
from tribe.matching.directory import Filters, directory, directory_profile
from tribe.matching.errors import MatchingCode
from tribe.people.models import Person
from tribe.people.services import WindowInput, availability_replace

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def mentor(name: str, **kw: object) -> Person:
    fields: dict[str, object] = {
        "open_to_mentoring": True,
        "mentee_capacity": 2,
        "email_verified_at": timezone.now(),
        "languages": ["en"],
    }
    fields.update(kw)
    return PersonFactory(name=name, **fields)  # type: ignore[no-any-return]


@pytest.fixture
def people(db) -> dict[str, Person]:  # type: ignore[no-untyped-def]
    return {
        "pia": mentor("Pia", expertise=["Pricing"], offers="Pricing and packaging for SaaS"),
        "kai": mentor(
            "Kai", expertise=["k8s"], offers="Cluster operations", languages=["de", "en"]
        ),
        "full": mentor("Fay", expertise=["pricing"], mentee_capacity=1),
        "closed": PersonFactory(
            name="Cleo", open_to_mentoring=False, email_verified_at=timezone.now()
        ),
        "unverified": PersonFactory(
            name="Una", open_to_mentoring=True, mentee_capacity=2, email_verified_at=None
        ),
    }


def names(listings) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.person.name for item in listings]


def test_lists_who_fit_would_rank_open_before_full(maya: Person, people) -> None:  # type: ignore[no-untyped-def]
    RelationshipFactory(mentor=people["full"], status="active")
    assert names(directory(person=maya, now=NOW)) == ["Kai", "Pia", "Fay"]


def test_filters_by_expertise_spelling_language_and_free_places(maya: Person, people) -> None:  # type: ignore[no-untyped-def]
    RelationshipFactory(mentor=people["full"], status="active")
    assert names(directory(person=maya, filters=Filters(expertise="kubernetes"))) == ["Kai"]
    assert names(directory(person=maya, filters=Filters(language="DE"))) == ["Kai"]
    assert names(
        directory(person=maya, filters=Filters(expertise="pricing", with_places=True))
    ) == ["Pia"]


def test_search_lists_only_who_answers_it(maya: Person, people) -> None:  # type: ignore[no-untyped-def]
    found = directory(person=maya, filters=Filters(query="kubernetes in production"))
    assert names(found) == ["Kai"]
    assert found[0].explanation is not None and found[0].explanation.matched


def test_a_fixed_number_of_queries(maya: Person, people) -> None:  # type: ignore[no-untyped-def]
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            directory(person=maya, filters=Filters(query="pricing"), now=NOW)
        return len(ctx.captured_queries)

    before = count()
    for k in range(6):
        mentor(f"M{k}", expertise=["pricing"])
    assert count() == before


def test_a_profile_is_found_only_if_the_directory_lists_it(maya: Person, people) -> None:  # type: ignore[no-untyped-def]
    listing = directory_profile(person=maya, mentor_id=people["pia"].pk, now=NOW)
    assert listing.person == people["pia"] and listing.free_places == 2
    for hidden in ("closed", "unverified"):
        with pytest.raises(NotFound):
            directory_profile(person=maya, mentor_id=people[hidden].pk)
    for nonsense in (999999, "x", None):
        with pytest.raises(NotFound):
            directory_profile(person=maya, mentor_id=nonsense)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        directory_profile(person=people["pia"], mentor_id=people["pia"].pk)  # not oneself


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        (Filters(query="x" * 201), MatchingCode.QUERY_TOO_LONG),
        (Filters(min_overlap_hours=25), MatchingCode.BAD_OVERLAP),
        (Filters(min_overlap_hours=-1), MatchingCode.BAD_OVERLAP),
    ],
)
def test_bad_filters_say_what_is_wrong(maya: Person, filters: Filters, code: MatchingCode) -> None:
    with pytest.raises(ValidationError) as exc:
        directory(person=maya, filters=filters)
    assert exc.value.code == code


def office_hours(*people: Person) -> None:
    for person in people:
        availability_replace(
            person=person,
            windows=[WindowInput(weekday=1, starts=dt.time(9), ends=dt.time(17))],
        )


def test_time_zone_overlap_filter(maya: Person, people) -> None:  # type: ignore[no-untyped-def]
    far = mentor("Aki", timezone="Pacific/Auckland", expertise=["pricing"])
    office_hours(maya, far, people["pia"])
    listed = {item.person.name: item for item in directory(person=maya, now=NOW)}
    assert listed["Aki"].overlap_hours == 0
    near = directory(person=maya, filters=Filters(min_overlap_hours=4), now=NOW)
    assert far not in [item.person for item in near] and "Pia" in names(near)


def test_hours_nobody_gave_are_unknown_and_never_pass_an_overlap_filter(  # type: ignore[no-untyped-def]
    maya: Person, people
) -> None:
    office_hours(maya)  # Kai gave a zone but no hours
    listed = {item.person.name: item for item in directory(person=maya, now=NOW)}
    assert listed["Kai"].overlap_hours is None
    near = directory(person=maya, filters=Filters(min_overlap_hours=1), now=NOW)
    assert "Kai" not in names(near)


def test_a_language_is_found_by_code_or_by_name(maya: Person, db) -> None:  # type: ignore[no-untyped-def]
    mentor("Jonas", languages=["German", "English"])
    mentor("Lea", languages=["de"])
    mentor("Ana", languages=["Español"])
    for typed in ("de", "DE", "German", "deutsch"):
        assert names(directory(person=maya, filters=Filters(language=typed))) == ["Jonas", "Lea"]
    assert names(directory(person=maya, filters=Filters(language="es"))) == ["Ana"]
    assert names(directory(person=maya, filters=Filters(language="klingon"))) == []
