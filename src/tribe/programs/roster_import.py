"""Importing an organisation's HR export into one programme's roster.

(Longer than the usual 500 lines: reading the file, the column mapping, the
plan and the writes are the four steps of one all-or-nothing import, and its
upload kept for the confirm; split along those ``# --`` sections if it grows.)

The file is read whole and judged before anything is written: every problem
(by the file's physical line and its own column title) is collected and
raised together as one ``ImportRejected``; a file without problems is applied
in one transaction, so an import is all or nothing. A dry run is the same
plan without the writes, so its counts are exactly what the import would do.

A row is matched to the roster by its employee id, else (a rehire under a new
id) by its e-mail address. People who left (their status says so, or, when
asked, they are missing from the file) are deactivated, never deleted; an
enrolled participant among them becomes "left", and their relationships stay
theirs. Managers are resolved in one pass over the file and the roster, and a
circle in the chain is refused with the people on it named.

It scales by never asking the database per row: one read of the roster, then
``bulk_create`` / ``bulk_update`` in batches (and only of what changed).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import connections, transaction
from django.db.models import Field, Q, QuerySet
from django.utils.translation import gettext, gettext_lazy

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, ImportRejected, NotFound, RowProblem, ValidationError
from tribe.people.importers.decoding import decode
from tribe.people.importers.records import Messages, say
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    Invitation,
    MatchOffer,
    OfferStatus,
    Participant,
    Programme,
    RosterEntry,
    RosterUpload,
)
from tribe.programs.selectors import is_admin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "FIELDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "Cleaned",
    "Preview",
    "Table",
    "guess_mapping",
    "participants_left",
    "read_table",
    "resolve_mapping",
    "roster_entries_left",
    "roster_import",
    "roster_upload_apply",
    "roster_upload_create",
    "roster_upload_update",
    "roster_values_clean",
]

#: The roster's fields a column can fill, with the words an administrator reads.
FIELDS: Mapping[str, StrOrPromise] = {
    "employee_id": gettext_lazy("Employee id"),
    "email": gettext_lazy("E-mail"),
    "given_name": gettext_lazy("Given name"),
    "family_name": gettext_lazy("Family name"),
    "manager_id": gettext_lazy("Manager's employee id"),
    "manager_email": gettext_lazy("Manager's e-mail"),
    "department": gettext_lazy("Department"),
    "title": gettext_lazy("Title"),
    "location": gettext_lazy("Location"),
    "hire_date": gettext_lazy("Hire date"),
    "status": gettext_lazy("Status"),
}
REQUIRED = ("employee_id", "email")
#: Largest file accepted (a 100,000-person export is about 15 MB).
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
#: Problems kept beyond this are only counted (a file in the wrong encoding
#: would otherwise list every line).
MAX_PROBLEMS = 500
BATCH = 1000

#: Header spellings of common HR systems, compared without case, spaces or
#: punctuation ("Work Email", "work_email" and "WorkEmail" are one).
_ALIASES: Mapping[str, Sequence[str]] = {
    "employee_id": (
        "employeeid", "employeenumber", "employeeno", "empid", "empno", "staffid",
        "staffnumber", "personnelnumber", "workerid", "employeecode", "badgeid", "id",
    ),
    "email": (
        "email", "workemail", "emailaddress", "workemailaddress", "businessemail", "mail",
        "companyemail", "primaryemail", "emailwork",
    ),
    "given_name": (
        "firstname", "givenname", "forename", "preferredfirstname", "preferredname", "first",
    ),
    "family_name": ("lastname", "familyname", "surname", "last"),
    "manager_id": (
        "managerid", "manageremployeeid", "supervisorid", "reportstoid", "reportsto",
        "managernumber", "linemanagerid", "supervisoremployeeid", "manageremployeenumber",
    ),
    "manager_email": (
        "manageremail", "supervisoremail", "manageremailaddress", "reportstoemail",
        "linemanageremail", "managerworkemail",
    ),
    "department": ("department", "dept", "team", "division", "orgunit", "businessunit"),
    "title": ("title", "jobtitle", "position", "role", "jobrole", "designation", "businesstitle"),
    "location": ("location", "office", "worklocation", "site", "officelocation", "city"),
    "hire_date": (
        "hiredate", "startdate", "dateofhire", "joindate", "joiningdate", "datehired",
        "employmentstartdate", "originalhiredate",
    ),
    "status": ("status", "employmentstatus", "employeestatus", "workerstatus", "active"),
}  # fmt: skip
_BY_ALIAS = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

#: What a status cell may say, normalised (lower case, single spaces).
ACTIVE_WORDS = frozenset(
    {"", "active", "a", "employed", "current", "on leave", "leave of absence", "true", "yes", "y"}
    | {"1"}
)
LEFT_WORDS = frozenset(
    {"terminated", "t", "inactive", "i", "left", "former", "resigned", "retired", "departed"}
    | {"separated", "withdrawn", "deactivated", "leaver", "false", "no", "n", "0"}
)
_TEXT_LIMITS = {
    "employee_id": 100,
    "given_name": 200,
    "family_name": 200,
    "manager_id": 100,
    "department": 200,
    "title": 200,
    "location": 200,
}
#: The first bytes of files people upload by mistake, and what they are.
_NOT_CSV = (
    (b"PK\x03\x04", gettext_lazy("a zip archive, such as an Excel .xlsx workbook")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("an old Excel .xls workbook")),
    (b"%PDF", gettext_lazy("a PDF document")),
    (b"{", gettext_lazy("JSON")),
    (b"[", gettext_lazy("JSON")),
    (b"<", gettext_lazy("HTML or XML")),
)


def _key(title: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", title.strip().lower())


# -- reading the file ------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A decoded CSV file: the header as written, and each data row with its line."""

    columns: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]]


def _reject(problem: RowProblem, source: str) -> ImportRejected:
    return ImportRejected([problem], source=source)


def read_table(data: bytes, *, source: str = "file") -> Table:
    """Decode and split the file; anything unreadable raises ``ImportRejected``."""
    if len(data) > MAX_BYTES:
        size = round(len(data) / 1024 / 1024, 1)
        raise _reject(
            RowProblem(
                1,
                None,
                ProgrammeCode.ROSTER_TOO_BIG.message(size=size, limit=MAX_BYTES // 1024 // 1024),
            ),
            source,
        )
    for magic, kind in _NOT_CSV:
        if data.lstrip()[: len(magic)] == magic:
            raise _reject(_not_csv(kind), source)
    problems: list[RowProblem] = []
    text = decode(data, problems)
    if text is None:
        raise ImportRejected(problems[:MAX_PROBLEMS], source=source)
    if "\x00" in text:
        raise _reject(_not_csv(gettext("binary data")), source)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: tuple[int, list[str]] | None = None
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(RowProblem(start, None, say(Messages.MALFORMED_ROW, detail=error)))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = (start, [cell.strip() for cell in cells])
            continue
        if len(rows) >= MAX_ROWS:
            raise _reject(
                RowProblem(start, None, ProgrammeCode.ROSTER_TOO_MANY_ROWS.message(limit=MAX_ROWS)),
                source,
            )
        rows.append((start, cells))
    if header is None or len(header[1]) < 2:
        raise _reject(_not_csv(gettext("no separated columns")), source)
    seen: set[str] = set()
    for title in header[1]:
        if title in seen:
            problems.append(RowProblem(header[0], title, say(Messages.REPEATED_COLUMN)))
        seen.add(title)
    if problems:
        raise ImportRejected(problems[:MAX_PROBLEMS], source=source)
    if not rows:
        raise _reject(RowProblem(header[0], None, ProgrammeCode.ROSTER_EMPTY.message()), source)
    return Table(columns=header[1], header_line=header[0], rows=rows)


def _not_csv(kind: object) -> RowProblem:
    return RowProblem(1, None, ProgrammeCode.ROSTER_NOT_CSV.message(kind=kind))


# -- the column mapping ----------------------------------------------------------


def guess_mapping(columns: Iterable[str]) -> dict[str, str]:
    """Column title -> roster field ("" when unknown), each field to its first column."""
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for title in columns:
        name = _BY_ALIAS.get(_key(title), "")
        if name in taken:
            name = ""
        taken.add(name)
        mapping[title] = name
    return mapping


def resolve_mapping(
    table: Table, overrides: Mapping[str, str] | None = None, *, source: str = "file"
) -> dict[str, str]:
    """The guessed mapping with the administrator's choices on top, checked.

    An override names a column of the file and a field (or "" to ignore the
    column); a field chosen for one column is taken from any column it was
    guessed for. Each field once; the employee id and the e-mail required.
    """
    mapping = guess_mapping(table.columns)
    problems: list[RowProblem] = []
    line = table.header_line
    allowed = ", ".join(FIELDS)
    for column, name in (overrides or {}).items():
        if column not in mapping:
            problems.append(
                RowProblem(line, column, ProgrammeCode.ROSTER_NO_COLUMN.message(column=column))
            )
            continue
        if name and name not in FIELDS:
            problems.append(
                RowProblem(
                    line,
                    column,
                    ProgrammeCode.ROSTER_UNKNOWN_FIELD.message(value=name, allowed=allowed),
                )
            )
            continue
        if name:
            for other, guessed in mapping.items():
                if guessed == name and other not in (overrides or {}):
                    mapping[other] = ""
        mapping[column] = name
    by_field: dict[str, list[str]] = {}
    for column, name in mapping.items():
        if name:
            by_field.setdefault(name, []).append(column)
    for name, columns in by_field.items():
        if len(columns) > 1:
            problems.append(
                RowProblem(
                    line,
                    columns[1],
                    ProgrammeCode.ROSTER_FIELD_TWICE.message(
                        field=name, columns=", ".join(columns)
                    ),
                )
            )
    for name in REQUIRED:
        if name not in by_field:
            problems.append(
                RowProblem(
                    line,
                    None,
                    ProgrammeCode.ROSTER_FIELD_UNMAPPED.message(
                        field=FIELDS[name], columns=", ".join(table.columns)
                    ),
                )
            )
    if problems:
        raise ImportRejected(problems, source=source)
    return mapping


# -- the rows --------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    line: int
    employee_id: str
    email: str
    given_name: str
    family_name: str
    manager_id: str
    manager_email: str
    department: str
    title: str
    location: str
    hire_date: dt.date | None
    left: bool
    labels: Mapping[str, str]
    match: int | None = None  # the roster entry's pk


class _Stored(NamedTuple):
    """A roster entry as stored, read as a plain row (no model instance per row)."""

    id: int
    employee_id: str
    email: str
    given_name: str
    family_name: str
    manager_id: int | None
    department: str
    title: str
    location: str
    hire_date: dt.date | None
    active: bool
    person_id: int | None
    deactivated_at: dt.datetime | None


_Existing = _Stored
_COMPARED = (
    "employee_id",
    "email",
    "given_name",
    "family_name",
    "department",
    "title",
    "location",
    "hire_date",
)


class _Problems:
    """Problems as they are found, counted past the cap."""

    def __init__(self) -> None:
        self.found: list[RowProblem] = []

    def add(self, line: int, label: str | None, message: str) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(RowProblem(line, label, message))

    def raise_any(self, source: str) -> None:
        if self.found:
            raise ImportRejected(sorted(self.found, key=lambda p: p.line), source=source)


def _parse_rows(table: Table, mapping: Mapping[str, str], problems: _Problems) -> list[_Row]:
    index = {name: table.columns.index(column) for column, name in mapping.items() if name}
    labels = {name: column for column, name in mapping.items() if name}
    width = len(table.columns)
    rows: list[_Row] = []
    for line, cells in table.rows:
        if len(cells) != width:
            problems.add(
                line, None, say(Messages.WRONG_FIELD_COUNT, expected=width, found=len(cells))
            )
            continue
        cleaned = roster_values_clean({name: cells[i] for name, i in index.items()})
        for name, message in cleaned.problems:
            problems.add(line, labels[name], message)
        values = cleaned.values
        if not cleaned.problems:
            rows.append(
                _Row(
                    line=line,
                    employee_id=values["employee_id"],
                    email=values["email"],
                    given_name=values.get("given_name", ""),
                    family_name=values.get("family_name", ""),
                    manager_id=values.get("manager_id", ""),
                    manager_email=values.get("manager_email", ""),
                    department=values.get("department", ""),
                    title=values.get("title", ""),
                    location=values.get("location", ""),
                    hire_date=cleaned.hire_date,
                    left=cleaned.left,
                    labels=labels,
                )
            )
    return rows


@dataclass(frozen=True)
class Cleaned:
    """One person's roster values as the import's rules leave them.

    ``values``: field name -> text (trimmed, e-mails lower-cased); ``problems``:
    (field name, message), empty when the values may be written.
    """

    values: dict[str, str]
    hire_date: dt.date | None
    left: bool
    problems: list[tuple[str, str]]


def roster_values_clean(raw: Mapping[str, str]) -> Cleaned:
    """The rules every roster value follows, whichever way it arrives (a CSV row,
    a SCIM request): required fields, lengths, addresses, the date, the status.

    ``raw`` holds the fields present (names of :data:`FIELDS`); the employee id
    and the e-mail must be among them.
    """
    values = {name: value.strip() for name, value in raw.items()}
    problems: list[tuple[str, str]] = []
    for name in REQUIRED:
        if not values.get(name):
            problems.append((name, ProgrammeCode.ROSTER_REQUIRED.message()))
    for name, limit in _TEXT_LIMITS.items():
        if name in values:
            try:
                values[name] = v.text(values[name], field=name, max_length=limit)
            except ValidationError as exc:
                problems.append((name, exc.message))
    for name in ("email", "manager_email"):
        if values.get(name):
            values[name] = values[name].lower()
            if not _valid_email(values[name]):
                problems.append((name, ProgrammeCode.ROSTER_BAD_EMAIL.message(value=values[name])))
    hired: dt.date | None = None
    if values.get("hire_date"):
        hired = _date(values["hire_date"])
        if hired is None:
            problems.append(
                ("hire_date", ProgrammeCode.ROSTER_BAD_DATE.message(value=values["hire_date"]))
            )
    status = " ".join(values.get("status", "").replace("_", " ").replace("-", " ").split())
    status = status.lower()
    if status not in ACTIVE_WORDS and status not in LEFT_WORDS:
        problems.append(
            (
                "status",
                ProgrammeCode.ROSTER_BAD_STATUS.message(
                    value=values["status"],
                    active=", ".join(sorted(w for w in ACTIVE_WORDS if len(w) > 1)),
                    left=", ".join(sorted(w for w in LEFT_WORDS if len(w) > 1)),
                ),
            )
        )
    return Cleaned(values=values, hire_date=hired, left=status in LEFT_WORDS, problems=problems)


def _valid_email(value: str) -> bool:
    if len(value) > 254:
        return False
    try:
        validate_email(value)
    except DjangoValidationError:
        return False
    return True


def _date(raw: str) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(raw[:10] if len(raw) > 10 and raw[10] in "T " else raw)
    except ValueError:
        return None
    return day if v.DATE_MIN <= day <= v.DATE_MAX else None


def _check_duplicates(table: Table, mapping: Mapping[str, str], problems: _Problems) -> None:
    """Every repeated e-mail and employee id, on every row (a row with other problems too)."""
    for name in ("email", "employee_id"):
        column = next(c for c, field_name in mapping.items() if field_name == name)
        at = table.columns.index(column)
        first: dict[str, int] = {}
        for line, cells in table.rows:
            if len(cells) != len(table.columns):
                continue
            value = cells[at].strip()
            value = value.lower() if name == "email" else value
            if not value:
                continue
            if value in first:
                problems.add(
                    line,
                    column,
                    ProgrammeCode.ROSTER_DUPLICATE.message(value=value, first_line=first[value]),
                )
            else:
                first[value] = line


# -- the plan --------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """What an import does (or did): the counts, and the mapping it used."""

    rows: int
    new: int
    updated: int
    unchanged: int
    deactivated: int
    mapping: dict[str, str]
    applied: bool


@dataclass
class _Plan:
    rows: list[_Row]
    existing: dict[int, _Existing]
    # Each row's manager: ("r", row index) or ("d", roster pk), or None.
    managers: list[tuple[str, int] | None]
    missing: list[int] = field(default_factory=list)  # roster pks to deactivate
    counts: dict[str, int] = field(default_factory=dict)


def _match(
    rows: list[_Row], existing: dict[int, _Existing], problems: _Problems
) -> tuple[dict[str, int], dict[str, int]]:
    """Each row to its roster entry (employee id first, then e-mail); returns the
    file's indexes by employee id and by e-mail."""
    db_eid = {e.employee_id: pk for pk, e in existing.items()}
    db_email = {e.email: pk for pk, e in existing.items()}
    file_eid = {row.employee_id: i for i, row in enumerate(rows)}
    file_email = {row.email: i for i, row in enumerate(rows)}
    matched: set[int] = set()
    for row in rows:
        row.match = db_eid.get(row.employee_id)
        if row.match is not None:
            matched.add(row.match)
    for row in rows:
        if row.match is None:
            holder = db_email.get(row.email)
            if (
                holder is not None
                and holder not in matched
                and existing[holder].employee_id not in file_eid
            ):
                row.match = holder  # the same person under a new employee id
                matched.add(holder)
    for row in rows:
        holder = db_email.get(row.email)
        if holder is not None and holder != row.match and holder not in matched:
            problems.add(
                row.line,
                row.labels["email"],
                ProgrammeCode.ROSTER_EMAIL_TAKEN.message(
                    value=row.email, employee=existing[holder].employee_id
                ),
            )
    return file_eid, file_email


def _resolve_managers(
    rows: list[_Row],
    existing: dict[int, _Existing],
    file_eid: dict[str, int],
    file_email: dict[str, int],
    problems: _Problems,
) -> list[tuple[str, int] | None]:
    row_of_pk = {row.match: i for i, row in enumerate(rows) if row.match is not None}
    db_eid = {e.employee_id: pk for pk, e in existing.items()}
    db_email = {e.email: pk for pk, e in existing.items()}

    def node(pk: int) -> tuple[str, int]:
        return ("r", row_of_pk[pk]) if pk in row_of_pk else ("d", pk)

    managers: list[tuple[str, int] | None] = []
    for row in rows:
        found: tuple[str, int] | None = None
        for name, in_file, in_db in (
            ("manager_id", file_eid, db_eid),
            ("manager_email", file_email, db_email),
        ):
            value = getattr(row, name)
            if not value or found is not None:
                continue
            if value in in_file:
                found = ("r", in_file[value])
            elif value in in_db:
                found = node(in_db[value])
            else:
                problems.add(
                    row.line, row.labels[name], ProgrammeCode.ROSTER_NO_MANAGER.message(value=value)
                )
        managers.append(found)
    _check_cycles(rows, existing, managers, node, problems)
    return managers


def _check_cycles(
    rows: list[_Row],
    existing: dict[int, _Existing],
    managers: list[tuple[str, int] | None],
    node: Callable[[int], tuple[str, int]],
    problems: _Problems,
) -> None:
    """Every circle in the chain, named once (a chain has at most one manager per person)."""

    def next_of(current: tuple[str, int]) -> tuple[str, int] | None:
        kind, key = current
        if kind == "r":
            return managers[key]
        manager = existing[key].manager_id
        return None if manager is None else node(manager)

    def who(current: tuple[str, int]) -> str:
        kind, key = current
        if kind == "r":
            row = rows[key]
            name = " ".join(p for p in (row.given_name, row.family_name) if p) or row.email
            return f"{name} ({row.employee_id})"
        e = existing[key]
        name = " ".join(p for p in (e.given_name, e.family_name) if p) or e.email
        return f"{name} ({e.employee_id})"

    state: dict[tuple[str, int], int] = {}  # 1: on the current walk, 2: done
    for start in range(len(rows)):
        walk: list[tuple[str, int]] = []
        current: tuple[str, int] | None = ("r", start)
        while current is not None and current not in state:
            state[current] = 1
            walk.append(current)
            current = next_of(current)
        if current is not None and state[current] == 1:
            circle = walk[walk.index(current) :]
            lines = [rows[key].line for kind, key in circle if kind == "r"]
            names = " → ".join(who(member) for member in [*circle, circle[0]])
            line = min(lines) if lines else 1
            label = next(
                (rows[key].labels.get("manager_id") or rows[key].labels.get("manager_email"))
                for kind, key in circle
                if kind == "r" and rows[key].line == line
            )
            problems.add(line, label, ProgrammeCode.ROSTER_CYCLE.message(people=names))
        for member in walk:
            state[member] = 2


def _existing(programme: Programme) -> dict[int, _Existing]:
    rows = programme.roster.order_by().values_list(
        "id",
        "employee_id",
        "email",
        "given_name",
        "family_name",
        "manager_id",
        "department",
        "title",
        "location",
        "hire_date",
        "active",
        "person_id",
        "deactivated_at",
    )
    return {row[0]: _Stored(*row) for row in rows}


def _plan(
    programme: Programme,
    table: Table,
    mapping: Mapping[str, str],
    *,
    missing: bool,
    source: str,
) -> _Plan:
    problems = _Problems()
    rows = _parse_rows(table, mapping, problems)
    _check_duplicates(table, mapping, problems)
    problems.raise_any(source)
    existing = _existing(programme)
    file_eid, file_email = _match(rows, existing, problems)
    managers = _resolve_managers(rows, existing, file_eid, file_email, problems)
    problems.raise_any(source)
    plan = _Plan(rows=rows, existing=existing, managers=managers)
    counts = {"new": 0, "updated": 0, "unchanged": 0, "deactivated": 0}
    for i, row in enumerate(rows):
        if row.match is None:
            counts["new"] += 1
            continue
        entry = existing[row.match]
        if entry.active and row.left:
            counts["deactivated"] += 1
        elif _changes(row, entry, _manager_pk(plan, i)):
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    if missing:
        seen = {row.match for row in rows}
        plan.missing = [pk for pk, e in existing.items() if e.active and pk not in seen]
        counts["deactivated"] += len(plan.missing)
    plan.counts = counts
    return plan


#: A manager who is a new row has no pk yet: it differs from any stored one.
_NEW = -1


def _manager_pk(plan: _Plan, index: int) -> int | None:
    manager = plan.managers[index]
    if manager is None:
        return None
    kind, key = manager
    if kind == "d":
        return key
    match = plan.rows[key].match
    return _NEW if match is None else match


def _changes(row: _Row, entry: _Existing, manager: int | None) -> list[str]:
    changed = [name for name in _COMPARED if getattr(row, name) != getattr(entry, name)]
    if manager != entry.manager_id:
        changed.append("manager")
    if entry.active == row.left:
        changed += ["active", "deactivated_at"]
    return changed


# -- the import ------------------------------------------------------------------


def roster_import(
    *,
    actor: Person,
    programme: Programme,
    data: bytes,
    mapping: Mapping[str, str] | None = None,
    deactivate_missing: bool = False,
    dry_run: bool = True,
    source: str = "file",
    now: dt.datetime | None = None,
) -> Preview:
    """Import (or, by default, only preview) an HR export into the programme's roster.

    ``mapping`` overrides the guessed column mapping (column title -> field,
    "" to ignore a column). Raises ``ImportRejected`` listing every problem,
    with nothing written; otherwise returns the counts, applied or not.
    """
    if not is_admin(person=actor, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    if programme.archived_at is not None:
        raise Conflict(ProgrammeCode.ARCHIVED)
    moment = clock.resolve(now)
    table = read_table(data, source=source)
    columns = resolve_mapping(table, mapping, source=source)
    if dry_run:
        plan = _plan(programme, table, columns, missing=deactivate_missing, source=source)
        return _preview(plan, columns, applied=False)
    with transaction.atomic():
        # One import at a time per programme: the plan is made under the lock.
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        plan = _plan(programme, table, columns, missing=deactivate_missing, source=source)
        _apply(programme, plan, moment)
    return _preview(plan, columns, applied=True)


def _preview(plan: _Plan, mapping: dict[str, str], *, applied: bool) -> Preview:
    return Preview(rows=len(plan.rows), mapping=mapping, applied=applied, **plan.counts)


#: The columns an import writes, in the order of the statements below.
_WRITTEN = (
    "employee_id",
    "email",
    "given_name",
    "family_name",
    "department",
    "title",
    "location",
    "hire_date",
    "active",
    "deactivated_at",
    "updated_at",
)


class _Writer:
    """The import's writes: a few statements, whatever the number of rows.

    Django's ``bulk_create``/``bulk_update`` build one expression per row and
    field (and SQLite's batches hold only 999 parameters): for 100,000 rows
    that is most of a minute. Here SQLite gets ``executemany`` of one prepared
    statement (a loop inside the driver), and PostgreSQL ``COPY`` (into the
    table, or into a scratch table that one ``UPDATE … FROM`` then reads):
    a statement per row costs it a round trip each, and a statement of many
    rows costs psycopg seconds to bind. Values go through each field's own
    conversion for the database.
    """

    def __init__(self) -> None:
        self.connection = connections[RosterEntry.objects.db]
        self.quote = self.connection.ops.quote_name
        self.table = self.quote(RosterEntry._meta.db_table)
        self.fields: dict[str, Field[Any, Any]] = {
            f.attname: f for f in RosterEntry._meta.concrete_fields if isinstance(f, Field)
        }
        # PostgreSQL's COPY; SQLite's executemany is a loop inside the driver.
        self.copy = self.connection.vendor == "postgresql"

    def value(self, name: str, value: object) -> object:
        return self.fields[name].get_db_prep_save(value, self.connection)

    def insert(self, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        names = ", ".join(self.quote(c) for c in columns)
        with self.connection.cursor() as cursor:
            if self.copy:
                with cursor.cursor.copy(f"COPY {self.table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            mark = "(" + ", ".join(["%s"] * len(columns)) + ")"
            for start in range(0, len(rows), BATCH * 10):
                cursor.executemany(
                    f"INSERT INTO {self.table} ({names}) VALUES {mark}",
                    rows[start : start + BATCH * 10],
                )

    def update(self, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Each row: the values of ``columns``, then the entry's id."""
        if not rows:
            return
        with self.connection.cursor() as cursor:
            if not self.copy:
                sets = ", ".join(f"{self.quote(c)} = %s" for c in columns)
                for start in range(0, len(rows), BATCH * 10):
                    cursor.executemany(
                        f"UPDATE {self.table} SET {sets} WHERE id = %s",
                        rows[start : start + BATCH * 10],
                    )
                return
            # PostgreSQL: the rows are copied into a scratch table, then one UPDATE.
            scratch = self.quote(f"roster_import_{secrets.token_hex(4)}")
            kinds = ", ".join(
                f"{self.quote(c)} {self.fields[c].db_type(self.connection)}"
                for c in (*columns, "id")
            )
            cursor.execute(f"CREATE TEMPORARY TABLE {scratch} ({kinds}) ON COMMIT DROP")
            names = ", ".join(self.quote(c) for c in (*columns, "id"))
            with cursor.cursor.copy(f"COPY {scratch} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            sets = ", ".join(f"{self.quote(c)} = s.{self.quote(c)}" for c in columns)
            cursor.execute(
                f"UPDATE {self.table} AS t SET {sets} FROM {scratch} AS s WHERE t.id = s.id"
            )
            cursor.execute(f"DROP TABLE {scratch}")

    def values(self, row: _Row, deactivated_at: dt.datetime | None, moment: object) -> list[object]:
        return [
            row.employee_id,
            row.email,
            row.given_name,
            row.family_name,
            row.department,
            row.title,
            row.location,
            self.value("hire_date", row.hire_date),
            not row.left,
            self.value("deactivated_at", deactivated_at),
            moment,
        ]


def _apply(programme: Programme, plan: _Plan, moment: dt.datetime) -> None:
    rows, existing = plan.rows, plan.existing
    out = _Writer()
    now = out.value("updated_at", moment)
    # Changed e-mail addresses step aside first: two people may swap theirs.
    out.update(
        ["email"],
        [
            (f"{row.match}@renaming.invalid", row.match)
            for row in rows
            if row.match is not None and row.email != existing[row.match].email
        ],
    )
    out.insert(
        [*_WRITTEN, "created_at", "programme_id"],
        [
            [*out.values(row, moment if row.left else None, now), now, programme.pk]
            for row in rows
            if row.match is None
        ],
    )
    if any(row.match is None for row in rows):
        created = dict(programme.roster.order_by().values_list("employee_id", "id"))
        for row in rows:
            if row.match is None:
                row.match = created[row.employee_id]

    # Every row has its pk now: write what changed, and the new people's managers.
    changed: list[list[object]] = []
    managed: list[tuple[int, int]] = []
    for i, row in enumerate(rows):
        manager = _manager_pk(plan, i)
        assert row.match is not None
        previous = existing.get(row.match)
        if previous is None:
            if manager is not None:
                managed.append((manager, row.match))
        elif _changes(row, previous, manager):
            gone_at = (previous.deactivated_at or moment) if row.left else None
            changed.append([*out.values(row, gone_at, now), manager, row.match])
    out.update([*_WRITTEN, "manager_id"], changed)
    out.update(["manager_id"], managed)
    out.update(
        ["active", "deactivated_at", "updated_at"], [(False, now, now, pk) for pk in plan.missing]
    )
    gone = [row.match for row in rows if row.left and row.match in existing]
    gone = [pk for pk in gone if pk is not None and existing[pk].active]
    _people_left(programme, [*gone, *plan.missing], existing, moment)


def _people_left(
    programme: Programme,
    entries: Sequence[int | None],
    existing: dict[int, _Existing],
    moment: dt.datetime,
) -> None:
    roster_entries_left(
        programme=programme,
        people={pk: existing[pk].person_id for pk in entries if pk is not None},
        moment=moment,
    )


def participants_left(*, participants: QuerySet[Participant], moment: dt.datetime) -> None:
    """Those of ``participants`` still enrolled leave, as one does in
    ``enrolment.participant_leave``: their offers still waiting for answers, on
    either side, are withdrawn, so the other person's place is free for the
    next run. Relationships the programme made stay the two people's own."""
    leaving = list(
        participants.filter(status=Participant.Status.ENROLLED)
        .order_by()
        .values_list("pk", flat=True)
    )
    if not leaving:
        return
    Participant.objects.filter(pk__in=leaving).update(
        status=Participant.Status.LEFT, left_at=moment, updated_at=moment
    )
    MatchOffer.objects.filter(
        Q(mentee_id__in=leaving) | Q(mentor_id__in=leaving), status=OfferStatus.OPEN
    ).update(status=OfferStatus.WITHDRAWN, updated_at=moment)


def roster_entries_left(
    *, programme: Programme, people: Mapping[int, int | None], moment: dt.datetime
) -> None:
    """What follows when roster entries are deactivated, however it happens (an
    import, an identity provider): participants among those people have left
    (``participants_left``: their open offers are withdrawn), and the entries'
    open invitations go. Accounts and relationships stay.

    ``people``: each deactivated entry's pk -> its person's pk (or None).
    """
    pks = list(people)
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        persons = [people[pk] for pk in chunk if people[pk] is not None]
        participants_left(
            participants=Participant.objects.filter(
                Q(roster_entry_id__in=chunk) | Q(person_id__in=persons), programme=programme
            ),
            moment=moment,
        )
        Invitation.objects.filter(
            programme=programme,
            roster_entry_id__in=chunk,
            used_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=moment, updated_at=moment)


# -- a file kept between the preview and the confirm -------------------------------------

#: An upload nobody confirmed is dropped after this long.
UPLOAD_KEPT = dt.timedelta(days=1)


def roster_upload_create(
    *,
    actor: Person,
    programme: Programme,
    data: bytes,
    filename: str,
    now: dt.datetime | None = None,
) -> RosterUpload:
    """Keep an uploaded file for its mapping and preview, with the guessed mapping.

    The file must read as a table (``ImportRejected`` otherwise); its rows are
    judged by the preview. The administrator's older unconfirmed uploads go.
    """
    if not is_admin(person=actor, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    if programme.archived_at is not None:
        raise Conflict(ProgrammeCode.ARCHIVED)
    moment = clock.resolve(now)
    name = v.text(filename, field="file", max_length=200) or "file"
    table = read_table(data, source=name)
    with transaction.atomic():
        RosterUpload.objects.filter(
            Q(programme=programme, uploaded_by=actor) | Q(created_at__lt=moment - UPLOAD_KEPT)
        ).delete()
        return RosterUpload.objects.create(
            programme=programme,
            uploaded_by=actor,
            filename=name,
            content=data,
            mapping=guess_mapping(table.columns),
        )


def roster_upload_update(
    *,
    actor: Person,
    upload: RosterUpload,
    mapping: Mapping[str, str],
    deactivate_missing: bool,
) -> RosterUpload:
    """The administrator's mapping (checked against the file) and the missing-rows choice."""
    if not is_admin(person=actor, programme=upload.programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    table = read_table(bytes(upload.content), source=upload.filename)
    upload.mapping = resolve_mapping(table, mapping, source=upload.filename)
    upload.deactivate_missing = deactivate_missing
    with transaction.atomic():
        upload.save(update_fields=["mapping", "deactivate_missing", "updated_at"])
    return upload


def roster_upload_apply(
    *, actor: Person, upload: RosterUpload, dry_run: bool, now: dt.datetime | None = None
) -> Preview:
    """Preview (``dry_run``) or import the kept file; once imported, it is dropped."""
    preview = roster_import(
        actor=actor,
        programme=upload.programme,
        data=bytes(upload.content),
        mapping=upload.mapping,
        deactivate_missing=upload.deactivate_missing,
        dry_run=dry_run,
        source=upload.filename,
        now=now,
    )
    if not dry_run:
        RosterUpload.objects.filter(pk=upload.pk).delete()
    return preview
