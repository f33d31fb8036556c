"""Read the files `tribe match` takes: a roster, or pairs with mentors.

Pure Python (csv, zoneinfo) but for gettext: no database, so the command works on a
laptop without one.  Every file is checked completely before any work is
done; all problems are collected and raised together as one
:class:`~tribe.core.errors.ImportRejected`, each naming the file, the line and
the column.

Roster form (``--participants``): columns ``id, name, email, role,
timezone, seniority, offers, wants, languages, capacity, manager_id``; role
is ``mentee``, ``mentor`` or ``both``; ``offers``, ``wants`` and ``languages``
are lists separated by ``;``; ``timezone`` is an IANA name.  An optional
``availability`` column gives local hours such as ``09:00-17:00;19:00-21:00``
(office hours when absent).

Pairs form (``--pairs`` and ``--mentors``): ``mentee_id, mentor_id, score``
and ``id, capacity``.

Preferences (``--preferences``): ``mentee_id, mentor_id, rank`` (1 = first).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.utils.translation import gettext, gettext_noop

from tribe.core.errors import ImportRejected, RowProblem

__all__ = [
    "MENTORS_COLUMNS",
    "PAIRS_COLUMNS",
    "PREFERENCES_COLUMNS",
    "ROSTER_COLUMNS",
    "RULE_PAIR_COLUMNS",
    "PairsInput",
    "Person",
    "read_mentors",
    "read_pairs",
    "read_preferences",
    "read_roster",
    "read_rule_pairs",
]

ROSTER_COLUMNS = (
    "id",
    "name",
    "email",
    "role",
    "timezone",
    "seniority",
    "offers",
    "wants",
    "languages",
    "capacity",
    "manager_id",
)
PAIRS_COLUMNS = ("mentee_id", "mentor_id", "score")
MENTORS_COLUMNS = ("id", "capacity")
PREFERENCES_COLUMNS = ("mentee_id", "mentor_id", "rank")
ROLES = ("mentee", "mentor", "both")

MSG_MISSING_COLUMN = gettext_noop("missing column {column!r} (the header has: {header})")
MSG_EMPTY_FILE = gettext_noop("the file is empty; expected a header row with {columns}")
MSG_REQUIRED = gettext_noop("a value is required")
MSG_NOT_NUMBER = gettext_noop("{value!r} is not a number")
MSG_NOT_FINITE = gettext_noop("{value!r} is not a finite number")
MSG_NOT_COUNT = gettext_noop("{value!r} is not a whole number of mentees (0 or more)")
MSG_NEEDS_CAPACITY = gettext_noop("a {role} needs a capacity (how many mentees they take)")
MSG_BAD_ROLE = gettext_noop("{value!r} is not one of mentee, mentor, both")
MSG_BAD_ZONE = gettext_noop("{value!r} is not a known IANA time zone (for example Europe/Paris)")
MSG_BAD_HOURS = gettext_noop("{value!r} is not a list of hours such as 09:00-17:00;19:00-21:00")
MSG_DUPLICATE_ID = gettext_noop("id {value!r} already appears on line {line}")
MSG_DUPLICATE_PAIR = gettext_noop("pair ({mentee!r}, {mentor!r}) already appears on line {line}")
MSG_UNKNOWN_MENTOR = gettext_noop("mentor {value!r} is not in {where}")
MSG_UNKNOWN_MENTEE = gettext_noop("mentee {value!r} is not in {where}")
MSG_BAD_RANK = gettext_noop("{value!r} is not a rank (1 = first choice)")
MSG_ENCODING = gettext_noop("the file is not UTF-8 text")
MSG_UNREADABLE = gettext_noop("cannot read the file: {reason}")

_HOURS = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?\s*$")


@dataclass(frozen=True)
class Person:
    """One roster row, validated."""

    id: str
    name: str
    email: str
    role: str
    timezone: str
    utc_offset_hours: float
    seniority: float
    offers: tuple[str, ...]
    wants: tuple[str, ...]
    languages: tuple[str, ...]
    capacity: int
    manager_id: str | None
    availability: tuple[tuple[float, float], ...]

    @property
    def is_mentee(self) -> bool:
        return self.role in ("mentee", "both")

    @property
    def is_mentor(self) -> bool:
        return self.role in ("mentor", "both")


@dataclass(frozen=True)
class PairsInput:
    """The administrator's own scores."""

    mentee_ids: tuple[str, ...]
    mentor_ids: tuple[str, ...]
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    scores: tuple[float, ...]
    capacities: tuple[int, ...]


class _Problems:
    """Collects problems for one file; raises them all at the end."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[RowProblem] = []

    def add(self, line: int, column: str | None, template: str, /, **params: object) -> None:
        """One problem: ``template`` (a ``MSG_*``) translated, then filled with ``params``."""
        message = gettext(template).format(**params)
        self.items.append(RowProblem(line=line, field=column, message=message))

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportRejected(self.items, source=self.source)


def _rows(
    path: Path, required: Sequence[str], problems: _Problems
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) after checking the header; line 1 is the header."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.add(1, None, MSG_ENCODING)
        problems.raise_if_any()
        return
    except OSError as exc:
        problems.add(1, None, MSG_UNREADABLE, reason=exc.strerror or exc)
        problems.raise_if_any()
        return
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        problems.add(1, None, MSG_EMPTY_FILE, columns=", ".join(required))
        problems.raise_if_any()
    reader.fieldnames = header
    missing = [c for c in required if c not in header]
    for column in missing:
        problems.add(1, column, MSG_MISSING_COLUMN, column=column, header=", ".join(header))
    problems.raise_if_any()
    for row in reader:
        line = reader.line_num
        clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if not any(clean.values()):
            continue  # blank lines are not rows
        yield line, clean


def _number(value: str, line: int, column: str, problems: _Problems) -> float | None:
    try:
        x = float(value)
    except ValueError:
        problems.add(line, column, MSG_NOT_NUMBER, value=value)
        return None
    if not math.isfinite(x):
        problems.add(line, column, MSG_NOT_FINITE, value=value)
        return None
    return x


def _count(value: str, line: int, column: str, problems: _Problems) -> int | None:
    if not re.fullmatch(r"\d+", value):
        problems.add(line, column, MSG_NOT_COUNT, value=value)
        return None
    return int(value)


def _once(
    seen: dict[tuple[str, str], int], mentee: str, mentor: str, line: int, problems: _Problems
) -> None:
    """A pair may appear once per file: a second time names the line of the first."""
    first = seen.get((mentee, mentor))
    if first is not None:
        problems.add(
            line, "mentor_id", MSG_DUPLICATE_PAIR, mentee=mentee, mentor=mentor, line=first
        )


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _hours(value: str) -> tuple[tuple[float, float], ...] | None:
    out: list[tuple[float, float]] = []
    for part in _split(value):
        match = _HOURS.match(part)
        if not match:
            return None
        h1, m1, h2, m2 = (int(x) if x else 0 for x in match.groups())
        if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59:
            return None
        out.append((h1 + m1 / 60, h2 + m2 / 60))
    return tuple(out) or None


def _offset(zone: ZoneInfo, at: dt.datetime) -> float:
    delta = at.astimezone(zone).utcoffset() or dt.timedelta(0)
    return delta.total_seconds() / 3600.0


def read_roster(path: str | Path, *, at: dt.datetime) -> list[Person]:
    """Read and validate a roster; ``at`` fixes the date for UTC offsets."""
    path = Path(path)
    problems = _Problems(path.name)
    zones = available_timezones() | {"UTC"}
    people: list[Person] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, ROSTER_COLUMNS, problems):
        before = len(problems.items)
        pid = row["id"]
        if not pid:
            problems.add(line, "id", MSG_REQUIRED)
        elif pid in seen:
            problems.add(line, "id", MSG_DUPLICATE_ID, value=pid, line=seen[pid])
        else:
            seen[pid] = line
        role = row["role"].lower()
        if role not in ROLES:
            problems.add(line, "role", MSG_BAD_ROLE, value=row["role"])
        zone_name = row["timezone"] or "UTC"
        offset = 0.0
        if zone_name not in zones:
            problems.add(line, "timezone", MSG_BAD_ZONE, value=zone_name)
        else:
            try:
                offset = _offset(ZoneInfo(zone_name), at)
            except (ZoneInfoNotFoundError, ValueError):
                problems.add(line, "timezone", MSG_BAD_ZONE, value=zone_name)
        seniority = _number(row["seniority"] or "0", line, "seniority", problems)
        capacity = 0
        if row["capacity"]:
            got = _count(row["capacity"], line, "capacity", problems)
            capacity = got if got is not None else 0
        elif role in ("mentor", "both"):
            problems.add(line, "capacity", MSG_NEEDS_CAPACITY, role=role)
        hours: tuple[tuple[float, float], ...] = ((9.0, 17.0),)
        if row.get("availability"):
            parsed = _hours(row["availability"])
            if parsed is None:
                problems.add(line, "availability", MSG_BAD_HOURS, value=row["availability"])
            else:
                hours = parsed
        if len(problems.items) != before:
            continue
        people.append(
            Person(
                id=pid,
                name=row["name"],
                email=row["email"],
                role=role,
                timezone=zone_name,
                utc_offset_hours=offset,
                seniority=seniority or 0.0,
                offers=_split(row["offers"]),
                wants=_split(row["wants"]),
                languages=tuple(x.lower() for x in _split(row["languages"])),
                capacity=capacity,
                manager_id=row["manager_id"] or None,
                availability=hours,
            )
        )
    problems.raise_if_any()
    return people


def read_pairs(pairs_path: str | Path, mentors_path: str | Path) -> PairsInput:
    """Read the pairs form; every mentor a pair names must be in the mentors file."""
    mentors_path = Path(mentors_path)
    pairs_path = Path(pairs_path)
    capacities = read_mentors(mentors_path)
    mentor_index = {mid: k for k, mid in enumerate(capacities)}
    problems = _Problems(pairs_path.name)
    mentee_index: dict[str, int] = {}
    seen: dict[tuple[str, str], int] = {}
    rows: list[int] = []
    cols: list[int] = []
    scores: list[float] = []
    for line, row in _rows(pairs_path, PAIRS_COLUMNS, problems):
        before = len(problems.items)
        mentee, mentor = row["mentee_id"], row["mentor_id"]
        if not mentee:
            problems.add(line, "mentee_id", MSG_REQUIRED)
        if not mentor:
            problems.add(line, "mentor_id", MSG_REQUIRED)
        elif mentor not in mentor_index:
            problems.add(
                line, "mentor_id", MSG_UNKNOWN_MENTOR, value=mentor, where=mentors_path.name
            )
        score = _number(row["score"], line, "score", problems) if row["score"] else None
        if not row["score"]:
            problems.add(line, "score", MSG_REQUIRED)
        _once(seen, mentee, mentor, line, problems)
        if len(problems.items) != before or score is None:
            continue
        seen[(mentee, mentor)] = line
        rows.append(mentee_index.setdefault(mentee, len(mentee_index)))
        cols.append(mentor_index[mentor])
        scores.append(score)
    problems.raise_if_any()
    return PairsInput(
        mentee_ids=tuple(mentee_index),
        mentor_ids=tuple(capacities),
        rows=tuple(rows),
        cols=tuple(cols),
        scores=tuple(scores),
        capacities=tuple(capacities.values()),
    )


def read_mentors(path: str | Path) -> dict[str, int]:
    """Mentor id to capacity, in file order."""
    path = Path(path)
    problems = _Problems(path.name)
    out: dict[str, int] = {}
    lines: dict[str, int] = {}
    for line, row in _rows(path, MENTORS_COLUMNS, problems):
        mid = row["id"]
        if not mid:
            problems.add(line, "id", MSG_REQUIRED)
            continue
        if mid in lines:
            problems.add(line, "id", MSG_DUPLICATE_ID, value=mid, line=lines[mid])
            continue
        lines[mid] = line
        cap = _count(row["capacity"], line, "capacity", problems)
        if cap is not None:
            out[mid] = cap
    problems.raise_if_any()
    return out


def read_preferences(
    path: str | Path, *, mentees: Sequence[str], mentors: Sequence[str], where: str
) -> dict[str, list[str]]:
    """Each mentee's ranked mentors, best first; ids must exist in ``where``."""
    path = Path(path)
    problems = _Problems(path.name)
    mentee_set, mentor_set = set(mentees), set(mentors)
    ranked: dict[str, list[tuple[int, int, str]]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, row in _rows(path, PREFERENCES_COLUMNS, problems):
        before = len(problems.items)
        mentee, mentor = row["mentee_id"], row["mentor_id"]
        if mentee not in mentee_set:
            problems.add(line, "mentee_id", MSG_UNKNOWN_MENTEE, value=mentee, where=where)
        if mentor not in mentor_set:
            problems.add(line, "mentor_id", MSG_UNKNOWN_MENTOR, value=mentor, where=where)
        rank = None
        if re.fullmatch(r"\d+", row["rank"]) and int(row["rank"]) >= 1:
            rank = int(row["rank"])
        else:
            problems.add(line, "rank", MSG_BAD_RANK, value=row["rank"])
        _once(seen, mentee, mentor, line, problems)
        if len(problems.items) != before or rank is None:
            continue
        seen[(mentee, mentor)] = line
        ranked.setdefault(mentee, []).append((rank, line, mentor))
    problems.raise_if_any()
    return {mentee: [m for _, _, m in sorted(items)] for mentee, items in ranked.items()}


#: The columns of a --forbid or --lock file.
RULE_PAIR_COLUMNS = ("mentee_id", "mentor_id")


def read_rule_pairs(
    path: str | Path, *, mentees: Sequence[str], mentors: Sequence[str], where: str
) -> list[tuple[str, str]]:
    """Pairs to forbid or lock (``mentee_id,mentor_id``), in file order; both
    ids must exist in ``where``, and a pair may appear once."""
    path = Path(path)
    problems = _Problems(path.name)
    mentee_set, mentor_set = set(mentees), set(mentors)
    seen: dict[tuple[str, str], int] = {}
    out: list[tuple[str, str]] = []
    for line, row in _rows(path, RULE_PAIR_COLUMNS, problems):
        before = len(problems.items)
        mentee, mentor = row["mentee_id"], row["mentor_id"]
        if mentee not in mentee_set:
            problems.add(line, "mentee_id", MSG_UNKNOWN_MENTEE, value=mentee, where=where)
        if mentor not in mentor_set:
            problems.add(line, "mentor_id", MSG_UNKNOWN_MENTOR, value=mentor, where=where)
        _once(seen, mentee, mentor, line, problems)
        if len(problems.items) != before:
            continue
        seen[(mentee, mentor)] = line
        out.append((mentee, mentor))
    problems.raise_if_any()
    return out
