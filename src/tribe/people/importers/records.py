"""What an imported contact is, and the rules every value meets, whatever the file's format.

Readers (``tables``, ``vcard``) turn a file into ``Candidate`` records: raw
text, with the line and the file's own name for each value. ``finish_candidate``
normalises and validates one against the rules manual entry meets and makes it
a ``ParsedContact``, or records its problems.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop

from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import RowProblem, ValidationError
from tribe.people.errors import PeopleCode

#: Longest accepted value per field, in characters. The model's column sizes must
#: be at least these, so a file that passes here can always be saved.
MAX_LENGTHS: Mapping[str, int] = {
    "name": 200,
    "email": 254,  # the longest address SMTP can carry (RFC 5321 path limit)
    "headline": 200,
    "company": 200,
    "position": 200,
    "phone": 50,
    "url": 500,
    "notes": 5_000,  # as when typed in (the column has no limit)
}


class Messages:
    """Every problem text, as ``str.format`` templates, so tests and callers can match them.

    They are plain English (``gettext_noop`` marks them for extraction); :func:`say`
    translates one when a problem is found.
    """

    UNDETECTABLE_FORMAT = PeopleCode.UNDETECTABLE_FORMAT.template
    UNKNOWN_FORMAT = PeopleCode.UNKNOWN_FORMAT.template
    NO_CONTACTS = gettext_noop("the file contains no contacts")
    NOT_UTF8 = gettext_noop(
        "is not UTF-8 text (byte 0x{byte:02x} at position {position}); "
        "save or export the file as UTF-8"
    )
    NOT_UTF16 = gettext_noop("the file starts like UTF-16 text but is not valid UTF-16")
    TOO_BIG = gettext_noop(
        "the file is {size} MB; the limit is {limit} MB (a LinkedIn export of 30,000 "
        "connections is about 5 MB): split it"
    )
    TOO_MANY = gettext_noop("the file holds more than {limit} contacts: split it")
    NAME_REQUIRED = gettext_noop("a name is required")
    TOO_LONG = gettext_noop("is {length} characters long; the limit is {limit}")
    INVALID_EMAIL = gettext_noop("{value!r} is not a valid e-mail address")
    INVALID_URL = gettext_noop(
        "{value!r} is not a web address Tribe accepts (only http:// and https:// addresses)"
    )
    # "...control character (U+0000) at position 4..."
    CONTROL_CHARACTER = CoreCode.CONTROL_CHARACTER.template
    # CoreCode.DATE_RANGE after the value (a sentence of its own, so it translates whole).
    DATE_OUT_OF_RANGE = gettext_noop("{value!r} must be a date between 1900-01-01 and 2200-12-31")
    DUPLICATE_EMAIL = gettext_noop("duplicate e-mail address {value!r} (also on line {first_line})")
    INVALID_DATE = gettext_noop(
        "cannot read the date {value!r}; expected a date like 12 Mar 2024 or 2024-03-12"
    )
    MALFORMED_ROW = gettext_noop(
        "malformed CSV row ({detail}); a quote inside a field must be written twice "
        '("") and every quoted field must be closed'
    )
    WRONG_FIELD_COUNT = gettext_noop(
        "expected {expected} fields, found {found} (check for an unquoted comma or a missing field)"
    )
    NO_LINKEDIN_HEADER = gettext_noop(
        "no header row with a 'First Name' column was found; "
        "is this a LinkedIn Connections.csv export?"
    )
    REPEATED_COLUMN = gettext_noop("this column appears more than once in the header row")
    MISSING_NAME_COLUMN = gettext_noop(
        "missing column 'name' (or 'first_name' and 'last_name'); the header row has: {columns}"
    )
    CARD_NOT_CLOSED = gettext_noop("this card has no END:VCARD")
    CARD_NOT_CLOSED_BEFORE_NEXT = gettext_noop(
        "this card has no END:VCARD before the next BEGIN:VCARD"
    )
    TEXT_OUTSIDE_CARD = gettext_noop("text outside a BEGIN:VCARD ... END:VCARD block")
    UNREADABLE_CARD = gettext_noop("unreadable vCard: {detail}")


def say(template: str, **params: object) -> str:
    """A problem's text in the active language, its ``{named}`` placeholders then filled."""
    return gettext(template).format(**params)


# Fields shown on one line in the product: stray newlines and double spaces that
# spreadsheets leave in cells are collapsed. Notes keep their line breaks.
_SINGLE_LINE_FIELDS = ("name", "headline", "company", "position", "phone", "url")


@dataclass(frozen=True)
class ParsedContact:
    """One contact read from a file, normalised and validated."""

    line: int  # 1-based line where the record starts (vCard: the BEGIN:VCARD line)
    name: str
    email: str  # lower-cased; "" when the file has none
    headline: str
    company: str
    position: str
    phone: str
    url: str
    connected_on: datetime.date | None
    notes: str


@dataclass
class Candidate:
    """Raw text for one record, plus where each value came from for error messages."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # field -> the file's own name
    lines: dict[str, int] = field(default_factory=dict)  # field -> line, when not `line`

    def put(self, name: str, value: str, label: str, line: int | None = None) -> None:
        self.values[name] = value
        self.labels[name] = label
        if line is not None:
            self.lines[name] = line

    def problem(self, name: str, message: str) -> RowProblem:
        return RowProblem(self.lines.get(name, self.line), self.labels.get(name, name), message)


def finish_candidate(cand: Candidate, problems: list[RowProblem]) -> ParsedContact | None:
    """Normalise and validate one candidate; record its problems and return None if any."""
    found: list[RowProblem] = []
    text = {name: _clean(name, cand.values.get(name, "")) for name in MAX_LENGTHS}
    text["email"] = text["email"].lower()

    if not text["name"]:
        found.append(cand.problem("name", say(Messages.NAME_REQUIRED)))
    checkable: set[str] = set()  # within its length and free of control characters
    for name, limit in MAX_LENGTHS.items():
        if len(text[name]) > limit:
            found.append(
                cand.problem(name, say(Messages.TOO_LONG, length=len(text[name]), limit=limit))
            )
            continue
        try:
            v.check_controls(text[name], field=name)
        except ValidationError as error:
            found.append(cand.problem(name, error.message))
            continue
        checkable.add(name)
    if text["email"] and "email" in checkable and not _EMAIL_RE.fullmatch(text["email"]):
        found.append(cand.problem("email", say(Messages.INVALID_EMAIL, value=text["email"])))
    if text["url"] and "url" in checkable:
        try:
            v.url(text["url"], field="url")
        except ValidationError:
            found.append(cand.problem("url", say(Messages.INVALID_URL, value=text["url"])))

    connected_on: datetime.date | None = None
    raw_date = cand.values.get("connected_on", "").strip()
    if raw_date:
        connected_on = _parse_date(raw_date)
        if connected_on is None:
            found.append(cand.problem("connected_on", say(Messages.INVALID_DATE, value=raw_date)))
        elif not v.DATE_MIN <= connected_on <= v.DATE_MAX:
            found.append(
                cand.problem("connected_on", say(Messages.DATE_OUT_OF_RANGE, value=raw_date))
            )

    if found:
        problems.extend(found)
        return None
    return ParsedContact(
        line=cand.line,
        name=text["name"],
        email=text["email"],
        headline=text["headline"] or _headline(text["position"], text["company"]),
        company=text["company"],
        position=text["position"],
        phone=text["phone"],
        url=text["url"],
        connected_on=connected_on,
        notes=text["notes"],
    )


def _clean(name: str, value: str) -> str:
    if name in _SINGLE_LINE_FIELDS:
        return " ".join(value.split())
    return value.strip()


def _headline(position: str, company: str) -> str:
    """Build "Position at Company" from whatever parts exist.

    The headline is derived, not typed by the person, so an over-long result is
    shortened rather than rejected: both inputs were already within limits.
    """
    headline = f"{position} at {company}" if position and company else position or company
    limit = MAX_LENGTHS["headline"]
    return headline if len(headline) <= limit else headline[: limit - 1].rstrip() + "…"


def check_duplicate_emails(
    candidates: list[Candidate], contacts: list[ParsedContact], problems: list[RowProblem]
) -> None:
    """Flag every repeat of an address; two contacts cannot share one e-mail."""
    by_line = {cand.line: cand for cand in candidates}
    first_seen: dict[str, int] = {}
    for contact in contacts:
        if not contact.email:
            continue  # LinkedIn leaves many addresses empty; that is not a clash
        if contact.email in first_seen:
            problems.append(
                by_line[contact.line].problem(
                    "email",
                    say(
                        Messages.DUPLICATE_EMAIL,
                        value=contact.email,
                        first_line=first_seen[contact.email],
                    ),
                )
            )
        else:
            first_seen[contact.email] = contact.line


# Deliberately pragmatic: catches typos and pasted junk without needing Django
# settings (django's validator reads them). \w admits internationalised names.
# (Manual entry uses Django's validator, which refuses a non-ASCII local part
# such as zoë@…; an import accepts it, as RFC 6531 does.)
_EMAIL_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_EMAIL_RE = re.compile(
    rf"{_EMAIL_ATOM}(?:\.{_EMAIL_ATOM})*"  # local part: dot-separated atoms
    r"@(?:(?!-)[\w-]{1,63}(?<!-)\.)+"  # domain labels
    r"(?!-)[\w-]{2,63}(?<!-)"  # top-level domain (may be punycode: xn--p1ai)
)

# Month names are matched by hand because strptime's %b follows the process
# locale, and LinkedIn writes English month names whatever the locale.
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_DAY_MONTH_YEAR_RE = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})")


def _parse_date(raw: str) -> datetime.date | None:
    """Read ISO dates (plain CSV) and "12 Mar 2024" dates (LinkedIn)."""
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        pass
    match = _DAY_MONTH_YEAR_RE.fullmatch(raw)
    if match is None or match.group(2).lower() not in _MONTHS:
        return None
    day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 31 Feb and friends
        return None
