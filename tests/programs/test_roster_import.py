"""Roster import: the mapping, the dry run, applying, re-importing, and every bad input
(each named by line and column, nothing written)."""

from __future__ import annotations

import codecs
import datetime as dt
from typing import Any

import pytest

from tests.factories import PersonFactory
from tests.programme_fixtures import enrol
from tests.programs.pairs import run_of
from tribe.core.errors import Conflict, ImportRejected, NotFound, RowProblem
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    Invitation,
    MatchOffer,
    OfferStatus,
    Participant,
    Programme,
    Role,
    RosterEntry,
)
from tribe.programs.roster_import import (
    MAX_BYTES,
    Preview,
    guess_mapping,
    read_table,
    resolve_mapping,
    roster_import,
)

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)

HEADER = "Employee ID,Work Email,First Name,Last Name,Manager Email,Department,Job Title,Location,Hire Date,Employment Status\n"
ROWS = (
    "E1,grace@corp.example,Grace,Hopper,,Engineering,CTO,London,2010-01-04,Active\n"
    "E2,alan@corp.example,Alan,Turing,grace@corp.example,Engineering,Engineer,London,2015-06-01,Active\n"
    "E3,ada.l@corp.example,Ada,Lovelace,alan@corp.example,Engineering,Engineer,Paris,2020-09-14,Active\n"
)


def run(programme: Programme, actor: Person, text: str | bytes, **options: Any) -> Preview:
    data = text.encode() if isinstance(text, str) else text
    return roster_import(actor=actor, programme=programme, data=data, now=NOW, **options)


def rejected(
    programme: Programme, actor: Person, text: str | bytes, **options: Any
) -> list[RowProblem]:
    before = list(RosterEntry.objects.values_list("id", "email", "active", "manager_id"))
    with pytest.raises(ImportRejected) as caught:
        run(programme, actor, text, dry_run=False, **options)
    after = list(RosterEntry.objects.values_list("id", "email", "active", "manager_id"))
    assert after == before  # nothing partial
    return caught.value.problems


# -- mapping -----------------------------------------------------------------------


def test_common_hr_headers_are_mapped() -> None:
    table = read_table(HEADER.encode() + ROWS.encode())
    assert guess_mapping(table.columns) == {
        "Employee ID": "employee_id",
        "Work Email": "email",
        "First Name": "given_name",
        "Last Name": "family_name",
        "Manager Email": "manager_email",
        "Department": "department",
        "Job Title": "title",
        "Location": "location",
        "Hire Date": "hire_date",
        "Employment Status": "status",
    }


def test_an_override_takes_the_field_from_the_guessed_column() -> None:
    table = read_table(b"Person,Mail,Email,Notes\nP1,a@x.example,b@x.example,n\n")
    mapping = resolve_mapping(table, {"Person": "employee_id", "Mail": "email", "Notes": ""})
    assert mapping == {"Person": "employee_id", "Mail": "email", "Email": "", "Notes": ""}


def test_mapping_problems_name_the_column(programme: Programme, ada: Person) -> None:
    problems = rejected(programme, ada, HEADER + ROWS, mapping={"Nope": "email"})
    assert problems[0].field == "Nope"
    assert problems[0].message == ProgrammeCode.ROSTER_NO_COLUMN.message(column="Nope")
    problems = rejected(programme, ada, HEADER + ROWS, mapping={"Location": "salary"})
    assert problems[0].field == "Location" and "salary" in problems[0].message
    problems = rejected(programme, ada, "Name,Address\nx,y@z.example\n")
    assert {p.message.split(";")[0] for p in problems} == {
        "no column is mapped to “Employee id”",
        "no column is mapped to “E-mail”",
    }


def test_semicolons_utf16_and_a_bom_are_read(programme: Programme, ada: Person) -> None:
    text = (HEADER + ROWS).replace(",", ";")
    assert run(programme, ada, text).new == 3
    utf16 = codecs.BOM_UTF16_LE + (HEADER + ROWS).encode("utf-16-le")
    assert run(programme, ada, utf16).new == 3
    assert run(programme, ada, (HEADER + ROWS).encode("utf-16-le")).new == 3  # no BOM
    assert run(programme, ada, codecs.BOM_UTF8 + (HEADER + ROWS).encode()).new == 3


# -- dry run and apply ---------------------------------------------------------------


def test_a_dry_run_counts_and_writes_nothing(programme: Programme, ada: Person) -> None:
    preview = run(programme, ada, HEADER + ROWS)
    assert (preview.rows, preview.new, preview.updated, preview.applied) == (3, 3, 0, False)
    assert not RosterEntry.objects.exists()


def test_apply_writes_the_roster_with_its_managers(programme: Programme, ada: Person) -> None:
    preview = run(programme, ada, HEADER + ROWS, dry_run=False)
    assert preview.applied and preview.new == 3
    alan = RosterEntry.objects.get(employee_id="E2")
    assert alan.manager is not None and alan.manager.employee_id == "E1"
    assert alan.hire_date == dt.date(2015, 6, 1)
    assert RosterEntry.objects.get(employee_id="E3").manager == alan
    assert alan.programme == programme and alan.title == "Engineer" and alan.active


def test_re_import_updates_and_deactivates(programme: Programme, ada: Person) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)
    grace = RosterEntry.objects.get(employee_id="E1")
    person = PersonFactory(email="alan@corp.example")
    alan = RosterEntry.objects.get(employee_id="E2")
    alan.person = person
    alan.save()
    participant = enrol(programme, person=person, roster_entry=alan)
    invited = Invitation.objects.create(
        programme=programme,
        email="ada.l@corp.example",
        roster_entry=RosterEntry.objects.get(employee_id="E3"),
        token_hash="x" * 64,
        expires_at=NOW + dt.timedelta(days=7),
    )
    second = (
        "E1,grace@corp.example,Grace,Hopper,,Engineering,Chief Technology Officer,London,2010-01-04,Active\n"
        "E2,alan@corp.example,Alan,Turing,grace@corp.example,Engineering,Engineer,London,2015-06-01,Terminated\n"
    )
    preview = run(programme, ada, HEADER + second, deactivate_missing=True)
    assert (preview.updated, preview.deactivated, preview.new, preview.unchanged) == (1, 2, 0, 0)
    run(programme, ada, HEADER + second, deactivate_missing=True, dry_run=False)
    grace.refresh_from_db()
    assert grace.title == "Chief Technology Officer" and grace.active
    for entry in RosterEntry.objects.exclude(pk=grace.pk):
        assert not entry.active and entry.deactivated_at == NOW  # never deleted
    participant.refresh_from_db()
    assert participant.status == Participant.Status.LEFT and participant.left_at == NOW
    invited.refresh_from_db()
    assert invited.revoked_at == NOW
    # The same file again changes nothing.
    again = run(programme, ada, HEADER + second, deactivate_missing=True)
    assert (again.unchanged, again.updated, again.deactivated) == (2, 0, 0)


def test_a_leaver_s_open_offers_are_withdrawn(programme: Programme, ada: Person) -> None:
    # As participant_leave (programs/enrolment.py) withdraws them: the other
    # person's place is no longer held for someone who left.
    run(programme, ada, HEADER + ROWS, dry_run=False)
    alan = RosterEntry.objects.get(employee_id="E2")
    leaver = enrol(programme, person=PersonFactory(email="alan@corp.example"), roster_entry=alan)
    mentor, other = enrol(programme, Role.MENTOR), enrol(programme)
    run_ = run_of(programme)
    waiting = MatchOffer.objects.create(
        programme=programme, run=run_, mentee=leaver, mentor=mentor, score=0.5
    )
    untouched = MatchOffer.objects.create(
        programme=programme, run=run_, mentee=other, mentor=mentor, score=0.5
    )
    gone = ROWS.replace(
        "Engineer,London,2015-06-01,Active", "Engineer,London,2015-06-01,Terminated"
    )
    run(programme, ada, HEADER + gone, dry_run=False)
    leaver.refresh_from_db()
    waiting.refresh_from_db()
    untouched.refresh_from_db()
    assert leaver.status == Participant.Status.LEFT
    assert (waiting.status, waiting.updated_at) == (OfferStatus.WITHDRAWN, NOW)
    assert untouched.status == OfferStatus.OPEN


def test_missing_rows_stay_without_the_option(programme: Programme, ada: Person) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)
    preview = run(programme, ada, HEADER + ROWS.splitlines(keepends=True)[0], dry_run=False)
    assert (preview.unchanged, preview.deactivated) == (1, 0)
    assert RosterEntry.objects.filter(active=True).count() == 3


def test_a_rehire_under_a_new_id_is_matched_by_address(programme: Programme, ada: Person) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)
    pk = RosterEntry.objects.get(employee_id="E3").pk
    moved = ROWS.replace("E3,", "E9,")
    assert run(programme, ada, HEADER + moved, dry_run=False).updated == 1
    assert RosterEntry.objects.get(pk=pk).employee_id == "E9"


def test_two_people_may_swap_addresses(programme: Programme, ada: Person) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)
    swapped = (
        ROWS.replace("alan@corp", "tmp@corp")
        .replace("ada.l@corp", "alan@corp")
        .replace("tmp@corp", "ada.l@corp")
    )
    run(programme, ada, HEADER + swapped, dry_run=False)
    assert RosterEntry.objects.get(employee_id="E2").email == "ada.l@corp.example"
    assert RosterEntry.objects.get(employee_id="E3").email == "alan@corp.example"


def test_manager_ids_resolve_to_the_existing_roster(programme: Programme, ada: Person) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)
    text = "employee_id,email,manager_id\nE4,new@corp.example,E1\n"
    run(programme, ada, text, dry_run=False)
    assert RosterEntry.objects.get(employee_id="E4").manager == RosterEntry.objects.get(
        employee_id="E1"
    )


# -- bad input -----------------------------------------------------------------------------


def test_missing_and_duplicate_addresses_and_ids(programme: Programme, ada: Person) -> None:
    text = HEADER + ROWS + "E4,,No,Mail,,,,,,Active\nE2,alan@corp.example,A,T,,,,,,Active\n"
    problems = rejected(programme, ada, text)
    where = [(p.line, p.field) for p in problems]
    assert (5, "Work Email") in where
    assert (6, "Work Email") in where and (6, "Employee ID") in where
    dup = next(p for p in problems if p.line == 6 and p.field == "Employee ID")
    assert dup.message == ProgrammeCode.ROSTER_DUPLICATE.message(value="E2", first_line=3)


def test_a_bad_address_date_and_status(programme: Programme, ada: Person) -> None:
    text = HEADER + "E1,not-an-address,G,H,,,,,31/01/2020,on sabbatical\n"
    problems = {p.field: p for p in rejected(programme, ada, text)}
    assert problems["Work Email"].message == ProgrammeCode.ROSTER_BAD_EMAIL.message(
        value="not-an-address"
    )
    assert problems["Hire Date"].message == ProgrammeCode.ROSTER_BAD_DATE.message(
        value="31/01/2020"
    )
    assert problems["Employment Status"].message.startswith("“on sabbatical” is not a status")
    assert {p.line for p in problems.values()} == {2}


def test_a_manager_who_is_nobody(programme: Programme, ada: Person) -> None:
    text = HEADER + "E1,g@corp.example,G,H,boss@corp.example,,,,,Active\n"
    (problem,) = rejected(programme, ada, text)
    assert (problem.line, problem.field) == (2, "Manager Email")
    assert problem.message == ProgrammeCode.ROSTER_NO_MANAGER.message(value="boss@corp.example")


def test_a_cycle_in_the_manager_chain_names_its_people(programme: Programme, ada: Person) -> None:
    text = (
        "id,email,first name,last name,manager id\n"
        "E1,a@corp.example,Ann,A,E3\n"
        "E2,b@corp.example,Ben,B,E1\n"
        "E3,c@corp.example,Cat,C,E2\n"
        "E4,d@corp.example,Dan,D,E4\n"
        "E5,e@corp.example,Eve,E,E1\n"
    )
    problems = rejected(programme, ada, text)
    assert [(p.line, p.field) for p in problems] == [(2, "manager id"), (5, "manager id")]
    assert "Ann A (E1)" in problems[0].message and "Cat C (E3)" in problems[0].message
    assert "Ben B (E2)" in problems[0].message and "Eve" not in problems[0].message
    assert problems[1].message == ProgrammeCode.ROSTER_CYCLE.message(
        people="Dan D (E4) → Dan D (E4)"
    )


def test_a_cycle_through_the_stored_roster(programme: Programme, ada: Person) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)  # E3 -> E2 -> E1
    problems = rejected(programme, ada, "employee_id,email,manager_id\nE1,grace@corp.example,E3\n")
    assert len(problems) == 1 and "Ada Lovelace (E3)" in problems[0].message


def test_an_address_held_by_someone_else_in_the_roster(programme: Programme, ada: Person) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)
    (problem,) = rejected(programme, ada, "employee_id,email\nE1,alan@corp.example\n")
    assert problem.message == ProgrammeCode.ROSTER_EMAIL_TAKEN.message(
        value="alan@corp.example", employee="E2"
    )


def test_wrong_encoding_names_each_line(programme: Programme, ada: Person) -> None:
    text = (HEADER + "E1,g@corp.example,Zoë,Ü,,,,,,Active\n").encode("latin-1")
    problems = rejected(programme, ada, text)
    assert [p.line for p in problems] == [2] and "UTF-8" in problems[0].message


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04rest-of-a-zip", "xlsx"),
        (b"%PDF-1.7", "PDF"),
        (b"just one column\nof words\n", "no separated columns"),
        (b"id,email\n\x00\x00\x00\x00junk\n", "binary"),
    ],
)
def test_a_file_that_is_not_csv(programme: Programme, ada: Person, data: bytes, kind: str) -> None:
    (problem,) = rejected(programme, ada, data)
    assert "not a CSV file" in problem.message and kind in problem.message


def test_a_malformed_row_and_a_wrong_width(programme: Programme, ada: Person) -> None:
    text = HEADER + 'E1,"g@corp.example,G\n' + "E2,x@corp.example\n"
    problems = rejected(programme, ada, text)
    assert problems and all(p.line >= 2 for p in problems)
    problems = rejected(programme, ada, HEADER + "E2,x@corp.example\n")
    assert problems[0].line == 2 and "expected 10 fields" in problems[0].message


def test_a_column_title_twice(programme: Programme, ada: Person) -> None:
    (problem,) = rejected(programme, ada, "id,email,email\nE1,a@x.example,b@x.example\n")
    assert (problem.line, problem.field) == (1, "email") and "more than once" in problem.message


def test_too_big_and_empty(programme: Programme, ada: Person) -> None:
    (problem,) = rejected(programme, ada, b"a" * (MAX_BYTES + 1))
    assert problem.message.startswith("the file is 50.0 MB")
    (problem,) = rejected(programme, ada, HEADER)
    assert problem.message == ProgrammeCode.ROSTER_EMPTY.message()


def test_one_bad_row_writes_nothing(programme: Programme, ada: Person) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)
    text = HEADER + ROWS.replace("CTO", "Chief") + "E4,bad,X,Y,,,,,,Active\n"
    rejected(programme, ada, text, deactivate_missing=True)
    assert RosterEntry.objects.get(employee_id="E1").title == "CTO"


# -- isolation -----------------------------------------------------------------------------


def test_only_an_administrator_imports(
    programme: Programme, other_programme: Programme, ada: Person
) -> None:
    with pytest.raises(NotFound):
        run(other_programme, ada, HEADER + ROWS, dry_run=False)
    run(programme, ada, HEADER + ROWS, dry_run=False)
    assert not other_programme.roster.exists()


def test_the_same_people_in_two_programmes(
    programme: Programme, other_programme: Programme, ada: Person, otto: Person
) -> None:
    run(programme, ada, HEADER + ROWS, dry_run=False)
    assert run(other_programme, otto, HEADER + ROWS, dry_run=False).new == 3
    assert RosterEntry.objects.count() == 6


def test_an_archived_programme_takes_no_roster(programme: Programme, ada: Person) -> None:
    programme.archived_at = NOW
    programme.save()
    with pytest.raises(Conflict):
        run(programme, ada, HEADER + ROWS)
