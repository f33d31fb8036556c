"""``tribe regimen``, ``tribe practice`` and ``tribe fees``: the same services as the pages,
ids looked up among the caller's own relationships only, ``--json`` on every read."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run
from tests.factories import RelationshipFactory
from tribe.cli.output import person_today
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.coaching.services import exercise_add
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def coaching(maya: Person, ravi: Person) -> Relationship:
    return RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya, kind="coach")


@pytest.fixture
def drill(ravi: Person, coaching: Relationship) -> Exercise:
    return exercise_add(
        actor=ravi,
        relationship=coaching,
        title="Pitch",
        every_days=2,
        started_on=person_today(ravi) - dt.timedelta(days=5),
    )


def test_regimen_add_list_edit_retire(
    tribe: Callable[..., Run], maya: Person, ravi: Person, coaching: Relationship
) -> None:
    added = tribe(
        "regimen", "add", "maya", "--as", ravi.email, "--title", "Scales", "--every", "1",
        "--instructions", "Slowly", "--json",
    )  # fmt: skip
    assert added.code == 0, added.err
    data = json.loads(added.out)
    assert (data["title"], data["every_days"], data["instructions"]) == ("Scales", 1, "Slowly")
    # Listed by Ravi, whose day it started on (in his zone it may already be tomorrow).
    listed = tribe("regimen", "list", "maya", "--as", ravi.email, "--json")
    rows = json.loads(listed.out)
    assert [(r["title"], r["due"], r["practised_last_30_days"]) for r in rows] == [
        ("Scales", True, 0)
    ]
    text = tribe("regimen", "list", "maya", "--as", ravi.email)
    assert "The regimen with Maya Chen:" in text.out and "due today" in text.out
    edited = tribe("regimen", "edit", str(data["id"]), "--as", maya.email, "--every", "3")
    assert edited.code == 0 and "Saved exercise" in edited.out
    assert Exercise.objects.get().every_days == 3 and Exercise.objects.get().title == "Scales"
    retired = tribe("regimen", "retire", str(data["id"]), "--as", ravi.email, "--json")
    assert json.loads(retired.out)["retired_on"] == person_today(ravi).isoformat()
    again = tribe("regimen", "retire", str(data["id"]), "--as", ravi.email)
    assert again.code == 2 and "already retired" in again.error_line


def test_practice_log_and_list(
    tribe: Callable[..., Run], maya: Person, ravi: Person, drill: Exercise
) -> None:
    done = tribe("practice", "log", str(drill.pk), "--as", maya.email, "--minutes", "15",
                 "--note", "Slower")  # fmt: skip
    assert done.code == 0 and "Logged 15 minutes of “Pitch”" in done.out
    listed = json.loads(tribe("practice", "list", "maya", "--as", ravi.email, "--json").out)
    assert [(e["minutes"], e["note"], e["logged_by_me"]) for e in listed] == [(15, "Slower", False)]
    regimen = json.loads(tribe("regimen", "list", "maya", "--as", ravi.email, "--json").out)
    assert regimen[0]["last_practised_on"] == person_today(maya).isoformat()


def test_the_coach_may_not_log_practice(
    tribe: Callable[..., Run], ravi: Person, drill: Exercise
) -> None:
    refused = tribe("practice", "log", str(drill.pk), "--as", ravi.email, "--minutes", "15")
    assert refused.code == 2 and "logs the practice" in refused.error_line
    assert not PracticeEntry.objects.exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("--minutes", "-5"), "--minutes"),
        (("--minutes", "10", "--on", "2999-01-01"), "--on"),
        (("--minutes", "10", "--on", "yesterday"), "--on"),
    ],
)
def test_bad_practice_names_the_option(
    tribe: Callable[..., Run], maya: Person, drill: Exercise, args: tuple[str, ...], option: str
) -> None:
    refused = tribe("practice", "log", str(drill.pk), "--as", maya.email, *args)
    assert refused.code == 2 and f": {option}:" in refused.error_line
    assert not PracticeEntry.objects.exists()


def test_another_persons_exercise_is_not_found(
    tribe: Callable[..., Run], eve: Person, drill: Exercise
) -> None:
    for args in (
        ("practice", "log", str(drill.pk), "--minutes", "5"),
        ("regimen", "edit", str(drill.pk), "--title", "Mine"),
        ("regimen", "retire", str(drill.pk)),
        ("regimen", "retire", "not-a-number"),
    ):
        refused = tribe(*args, "--as", eve.email)
        assert refused.code == 3 and "ID" in refused.error_line, args
    drill.refresh_from_db()
    assert drill.title == "Pitch" and drill.retired_on is None


def test_with_a_stranger_or_a_mentor_there_is_no_regimen(
    tribe: Callable[..., Run], maya: Person, eve: Person, ravi: Person, sam: Person
) -> None:
    RelationshipFactory(mentee=maya, mentor=sam, created_by=maya)  # mentoring
    nobody = tribe("regimen", "list", "eve", "--as", maya.email)
    assert nobody.code == 3 and "WITH" in nobody.error_line
    mentoring = tribe("regimen", "add", "sam", "--as", maya.email, "--title", "X", "--every", "1")
    assert mentoring.code == 2 and "belong to coaching" in mentoring.error_line
    assert not Exercise.objects.exists()


def test_fees_set_and_show(
    tribe: Callable[..., Run], maya: Person, ravi: Person, coaching: Relationship
) -> None:
    shown = json.loads(tribe("fees", "show", "ravi", "--as", maya.email, "--json").out)
    assert shown == {"recorded": False}
    done = tribe("fees", "set", "maya", "--as", ravi.email, "--amount", "120", "--currency",
                 "usd", "--payer", "employer", "--note", "Monthly invoice")  # fmt: skip
    assert done.code == 0 and "120.00 USD each" in done.out
    shown = json.loads(tribe("fees", "show", "ravi", "--as", maya.email, "--json").out)
    assert (shown["paid"], shown["amount"], shown["currency"], shown["payer"]) == (
        True, "120.00", "USD", "employer",
    )  # fmt: skip
    free = tribe("fees", "set", "ravi", "--as", maya.email, "--free")
    assert free.code == 0 and "are free" in free.out
    assert SessionTerms.objects.get().paid is False


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("--amount", "80", "--currency", "EURO", "--payer", "mentee"), "--currency"),
        (("--amount", "-80", "--currency", "EUR", "--payer", "mentee"), "--amount"),
        (("--amount", "eighty", "--currency", "EUR", "--payer", "mentee"), "--amount"),
        (("--currency", "EUR", "--payer", "mentee"), "--amount"),
        (("--amount", "80", "--currency", "EUR"), "--payer"),
        (("--free", "--amount", "80"), "--amount"),
    ],
)
def test_bad_fees_name_the_option_and_write_nothing(
    tribe: Callable[..., Run],
    maya: Person,
    coaching: Relationship,
    args: tuple[str, ...],
    option: str,
) -> None:
    refused = tribe("fees", "set", "ravi", "--as", maya.email, *args)
    assert refused.code == 2 and f": {option}:" in refused.error_line
    assert not SessionTerms.objects.exists()


def test_practice_delete_takes_back_a_practice_logged_twice(
    tribe: Callable[..., Run], maya: Person, ravi: Person, eve: Person, drill: Exercise
) -> None:
    for _ in range(2):
        assert (
            tribe("practice", "log", str(drill.pk), "--as", maya.email, "--minutes", "15").code == 0
        )
    kept, twice = PracticeEntry.objects.order_by("pk")
    listed = tribe("practice", "list", "ravi", "--as", maya.email)
    assert f"#{twice.pk}  " in listed.out  # the list shows the ID to delete
    # Ravi reads the log, but the practice is Maya's: not found for him, as for a stranger.
    for other in (ravi, eve):
        refused = tribe("practice", "delete", str(twice.pk), "--as", other.email)
        assert refused.code == 3 and "ID" in refused.error_line, other
    done = tribe("practice", "delete", str(twice.pk), "--as", maya.email, "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["id"] == twice.pk
    assert list(PracticeEntry.objects.values_list("pk", flat=True)) == [kept.pk]
    said = tribe("practice", "delete", str(kept.pk), "--as", maya.email)
    assert said.code == 0 and "Deleted the practice of “Pitch”" in said.out
    again = tribe("practice", "delete", str(kept.pk), "--as", maya.email)
    assert again.code == 3 and not PracticeEntry.objects.exists()


def test_dates_that_make_no_sense_are_refused(
    tribe: Callable[..., Run], maya: Person, ravi: Person, drill: Exercise, coaching: Relationship
) -> None:
    before = tribe("practice", "log", str(drill.pk), "--as", maya.email, "--minutes", "10",
                   "--on", "1900-01-01")  # fmt: skip
    assert before.code == 2 and ": --on:" in before.error_line
    assert "not logged" in before.error_line and not PracticeEntry.objects.exists()
    old = tribe("regimen", "add", "maya", "--as", ravi.email, "--title", "Old", "--every", "1",
                "--from", "1900-01-01")  # fmt: skip
    assert old.code == 2 and ": --from:" in old.error_line and "a year ago" in old.error_line
    assert tribe("practice", "log", str(drill.pk), "--as", maya.email, "--minutes", "10").code == 0
    later = (person_today(ravi) + dt.timedelta(days=3)).isoformat()
    moved = tribe("regimen", "edit", str(drill.pk), "--as", ravi.email, "--from", later)
    assert moved.code == 2 and ": --from:" in moved.error_line
    assert "first practised on" in moved.error_line
    assert Exercise.objects.count() == 1 and Exercise.objects.get().started_on < person_today(ravi)


@pytest.mark.parametrize("amount", ["1e9", "1E9", "+5", "\uff11\uff10", "10000000000"])
def test_fees_take_plain_digits_and_say_the_limit(
    tribe: Callable[..., Run], maya: Person, coaching: Relationship, amount: str
) -> None:
    refused = tribe("fees", "set", "ravi", "--as", maya.email, "--amount", amount,
                    "--currency", "EUR", "--payer", "mentee")  # fmt: skip
    assert refused.code == 2 and ": --amount:" in refused.error_line
    assert "at most 1,000,000,000" in refused.error_line
    assert not SessionTerms.objects.exists()


def test_fees_read_who_pays_in_a_sentence(
    tribe: Callable[..., Run], maya: Person, coaching: Relationship
) -> None:
    done = tribe("fees", "set", "ravi", "--as", maya.email, "--amount", "8000",
                 "--currency", "JPY", "--payer", "employer")  # fmt: skip
    assert done.code == 0, done.err
    assert "8000 JPY each, paid by the mentee's employer." in done.out
