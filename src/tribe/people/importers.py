"""Read contact files (LinkedIn export, vCard, plain CSV) into plain records.

This is the pure half of ``tribe import contacts``: bytes in, frozen
``ParsedContact`` records out. It touches no models and needs no settings, so
the service layer owns every write and these parsers can be tested alone, and
the whole file is read and judged before any database transaction begins.

Every value meets the rules manual entry meets (``tribe.core.validation``):
the column sizes of ``Contact``, no control characters (PostgreSQL refuses
NUL outright), web addresses only over http(s) (never ``javascript:`` or
``data:``), dates between 1900 and 2200. (E-mail addresses keep the
importer's own, more international, pattern: see ``_EMAIL_RE``.)

Imports are all or nothing. Every reader collects *all* the problems it finds
(by physical line and by the column or property name the file itself uses, so
a person can find the spot in their editor) and raises one ``ImportRejected``
instead of returning a partial list.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import vobject
from vobject.base import VObjectError

from tribe.core import validation as v
from tribe.core.errors import ImportRejected, RowProblem, ValidationError

__all__ = [
    "FORMATS",
    "MAX_LENGTHS",
    "Messages",
    "ParsedContact",
    "detect_format",
    "parse_contacts",
]

FORMATS = ("linkedin", "vcard", "csv")

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
    """Every problem text, as ``str.format`` templates, so tests and callers can match them."""

    UNDETECTABLE_FORMAT = (
        "cannot tell what kind of contacts file {filename!r} is; use --format {choices}"
    )
    UNKNOWN_FORMAT = "unknown format {format!r}; expected one of {choices}"
    NO_CONTACTS = "the file contains no contacts"
    NOT_UTF8 = (
        "is not UTF-8 text (byte 0x{byte:02x} at position {position}); "
        "save or export the file as UTF-8"
    )
    NOT_UTF16 = "the file starts like UTF-16 text but is not valid UTF-16"
    NAME_REQUIRED = "a name is required"
    TOO_LONG = "is {length} characters long; the limit is {limit}"
    INVALID_EMAIL = "{value!r} is not a valid e-mail address"
    INVALID_URL = (
        "{value!r} is not a web address Tribe accepts (only http:// and https:// addresses)"
    )
    CONTROL_CHARACTER = v.MSG_CONTROL_CHARACTER  # "...control character (U+0000) at position 4..."
    DATE_OUT_OF_RANGE = "{value!r} " + v.MSG_DATE_RANGE
    DUPLICATE_EMAIL = "duplicate e-mail address {value!r} (also on line {first_line})"
    INVALID_DATE = "cannot read the date {value!r}; expected a date like 12 Mar 2024 or 2024-03-12"
    MALFORMED_ROW = (
        "malformed CSV row ({detail}); a quote inside a field must be written twice "
        '("") and every quoted field must be closed'
    )
    WRONG_FIELD_COUNT = (
        "expected {expected} fields, found {found} (check for an unquoted comma or a missing field)"
    )
    NO_LINKEDIN_HEADER = (
        "no header row with a 'First Name' column was found; "
        "is this a LinkedIn Connections.csv export?"
    )
    REPEATED_COLUMN = "this column appears more than once in the header row"
    MISSING_NAME_COLUMN = (
        "missing column 'name' (or 'first_name' and 'last_name'); the header row has: {columns}"
    )
    CARD_NOT_CLOSED = "this card has no END:VCARD"
    CARD_NOT_CLOSED_BEFORE_NEXT = "this card has no END:VCARD before the next BEGIN:VCARD"
    TEXT_OUTSIDE_CARD = "text outside a BEGIN:VCARD ... END:VCARD block"
    UNREADABLE_CARD = "unreadable vCard: {detail}"


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


# --------------------------------------------------------------------------- public API


def detect_format(filename: str, head: bytes) -> str:
    """Guess the format of a contacts file from its name and first bytes.

    Content wins over the extension where it is unambiguous (a LinkedIn export
    is also a ``.csv``). Raises ``ValidationError(field="format")`` when neither
    tells.
    """
    text = _decode_loosely(head)
    extension = os.path.splitext(filename)[1].lower()
    if text.lstrip()[:11].upper() == "BEGIN:VCARD" or extension in (".vcf", ".vcard"):
        return "vcard"
    lines = [line.strip() for line in text.splitlines() if line.strip()][:10]
    if _looks_like_linkedin(lines):
        return "linkedin"
    if extension == ".csv" or (lines and _looks_like_csv_header(lines[0])):
        return "csv"
    raise ValidationError(
        Messages.UNDETECTABLE_FORMAT.format(
            filename=filename, choices=f"{', '.join(FORMATS[:-1])} or {FORMATS[-1]}"
        ),
        field="format",
    )


def parse_contacts(data: bytes, *, format: str, source: str = "file") -> list[ParsedContact]:
    """Parse a whole contacts file, or raise ``ImportRejected`` listing every problem.

    ``source`` names the file in the error message. Records come back in file order.
    """
    if format not in FORMATS:
        raise ValidationError(
            Messages.UNKNOWN_FORMAT.format(format=format, choices=", ".join(FORMATS)),
            field="format",
        )
    problems: list[RowProblem] = []
    text = _decode(data, problems)
    if text is None:
        raise ImportRejected(problems, source=source)

    candidates = _READERS[format](text, problems)
    contacts = [c for c in (_finish(cand, problems) for cand in candidates) if c is not None]
    _check_duplicate_emails(candidates, contacts, problems)
    if not candidates and not problems:
        problems.append(RowProblem(1, None, Messages.NO_CONTACTS))
    if problems:
        # Readers and checks run in separate passes; present problems in file order.
        raise ImportRejected(sorted(problems, key=lambda p: p.line), source=source)
    return contacts


# --------------------------------------------------------------------------- records


@dataclass
class _Candidate:
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


def _finish(cand: _Candidate, problems: list[RowProblem]) -> ParsedContact | None:
    """Normalise and validate one candidate; record its problems and return None if any."""
    found: list[RowProblem] = []
    text = {name: _clean(name, cand.values.get(name, "")) for name in MAX_LENGTHS}
    text["email"] = text["email"].lower()

    if not text["name"]:
        found.append(cand.problem("name", Messages.NAME_REQUIRED))
    checkable: set[str] = set()  # within its length and free of control characters
    for name, limit in MAX_LENGTHS.items():
        if len(text[name]) > limit:
            found.append(
                cand.problem(name, Messages.TOO_LONG.format(length=len(text[name]), limit=limit))
            )
            continue
        try:
            v.check_controls(text[name], field=name)
        except ValidationError as error:
            found.append(cand.problem(name, error.message))
            continue
        checkable.add(name)
    if text["email"] and "email" in checkable and not _EMAIL_RE.fullmatch(text["email"]):
        found.append(cand.problem("email", Messages.INVALID_EMAIL.format(value=text["email"])))
    if text["url"] and "url" in checkable:
        try:
            v.url(text["url"], field="url")
        except ValidationError:
            found.append(cand.problem("url", Messages.INVALID_URL.format(value=text["url"])))

    connected_on: datetime.date | None = None
    raw_date = cand.values.get("connected_on", "").strip()
    if raw_date:
        connected_on = _parse_date(raw_date)
        if connected_on is None:
            found.append(cand.problem("connected_on", Messages.INVALID_DATE.format(value=raw_date)))
        elif not v.DATE_MIN <= connected_on <= v.DATE_MAX:
            found.append(
                cand.problem("connected_on", Messages.DATE_OUT_OF_RANGE.format(value=raw_date))
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


def _check_duplicate_emails(
    candidates: list[_Candidate], contacts: list[ParsedContact], problems: list[RowProblem]
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
                    Messages.DUPLICATE_EMAIL.format(
                        value=contact.email, first_line=first_seen[contact.email]
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


# --------------------------------------------------------------------------- decoding


def _decode(data: bytes, problems: list[RowProblem]) -> str | None:
    """Decode the file as UTF-8 (with or without BOM); report every undecodable line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" and some address books write UTF-16 with a BOM.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            problems.append(RowProblem(1, None, Messages.NOT_UTF16))
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Newline bytes never occur inside a UTF-8 sequence, so lines decode independently
    # and every bad line can be named at once.
    for number, raw in enumerate(data.removeprefix(codecs.BOM_UTF8).split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                RowProblem(
                    number,
                    None,
                    Messages.NOT_UTF8.format(byte=raw[error.start], position=error.start + 1),
                )
            )
    return None


def _decode_loosely(head: bytes) -> str:
    """Decode a file's first bytes for sniffing; a cut-off character must not matter."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8-sig", errors="replace")


def _physical_lines(text: str) -> list[str]:
    # The same line breaks that csv and io recognise, and nothing else: str.splitlines
    # would also split on form feeds and U+2028, which may sit inside a note.
    return re.split(r"\r\n|\r|\n", text)


# --------------------------------------------------------------------------- CSV tables


def _csv_rows(
    text: str, problems: list[RowProblem], delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, cells) for each row; blank rows are skipped.

    Quoted cells may span lines, so the reader's own line counter is the only
    reliable way to know where a row starts.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # The reader drops the bad line and can carry on with the next one.
            problems.append(
                RowProblem(
                    start,
                    None,
                    Messages.MALFORMED_ROW.format(detail=error),
                )
            )
            continue
        # Spreadsheets leave rows of empty cells behind (",,,,"); they hold no contact.
        if any(cell.strip() for cell in row):
            yield start, row


def _table_records(
    rows: Iterator[tuple[int, list[str]]], header: list[str], problems: list[RowProblem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Pair each data row with the header; a row of the wrong width is a problem."""
    for line, row in rows:
        if len(row) != len(header):
            problems.append(
                RowProblem(
                    line,
                    None,
                    Messages.WRONG_FIELD_COUNT.format(expected=len(header), found=len(row)),
                )
            )
            continue
        yield line, dict(zip(header, row, strict=True))


def _header_key(cell: str) -> str:
    """Normalise a column title: "Connected On", "connected-on" -> "connected_on"."""
    return re.sub(r"[\s\-]+", "_", cell.strip().lower())


# --------------------------------------------------------------------------- LinkedIn

# LinkedIn column title (normalised) -> ParsedContact field. Older exports have no
# URL column, and any column may be absent, so each one is optional.
_LINKEDIN_COLUMNS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "url": "url",
    "email_address": "email",
    "company": "company",
    "position": "position",
    "connected_on": "connected_on",
}


def _looks_like_linkedin(lines: list[str]) -> bool:
    if lines and lines[0].lower().startswith("notes:"):
        return True
    return any(
        {"first_name", "last_name", "connected_on"} <= {_header_key(c) for c in line.split(",")}
        for line in lines
    )


def _read_linkedin(text: str, problems: list[RowProblem]) -> list[_Candidate]:
    rows = _csv_rows(text, problems)
    found = _linkedin_header(rows)
    if found is None:
        if text.strip():
            problems.append(
                RowProblem(
                    1,
                    None,
                    Messages.NO_LINKEDIN_HEADER,
                )
            )
        return []
    header_line, cells = found
    header = [_header_key(cell) for cell in cells]
    titles = {key: cell.strip() for key, cell in zip(header, cells, strict=True)}
    if len(titles) != len(header):
        problems.append(RowProblem(header_line, None, Messages.REPEATED_COLUMN))
        return []

    candidates = []
    for row_line, record in _table_records(rows, header, problems):
        cand = _Candidate(row_line)
        for key, target in _LINKEDIN_COLUMNS.items():
            if key in record:
                cand.put(target, record[key], titles[key])
        _join_name(cand, first_label=titles["first_name"])
        candidates.append(cand)
    return candidates


def _linkedin_header(rows: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    """Consume rows up to and including the header; return it with its line.

    Current exports open with a "Notes:" paragraph and a blank line before the
    header; older ones start with the header. Reading through the csv reader
    keeps the preamble in the line count.
    """
    for line, cells in rows:
        if "first_name" in {_header_key(cell) for cell in cells}:
            return line, cells
    return None


def _join_name(cand: _Candidate, *, first_label: str) -> None:
    """Set "name" from first/last name columns unless a name is already there."""
    if cand.values.get("name", "").strip():
        return
    parts = (cand.values.get("first_name", ""), cand.values.get("last_name", ""))
    cand.put("name", " ".join(part.strip() for part in parts if part.strip()), first_label)


# --------------------------------------------------------------------------- plain CSV

_CSV_FIELDS = (
    "name", "first_name", "last_name", "email", "headline", "company", "position",
    "phone", "url", "notes", "connected_on",
)  # fmt: skip


def _looks_like_csv_header(line: str) -> bool:
    keys = {_header_key(cell) for cell in re.split(r"[,;\t]", line)}
    return len(keys) > 1 and bool(keys & {"name", "first_name"})


def _sniff_delimiter(text: str) -> str:
    """Comma, or semicolon/tab when the header uses those (European Excel uses ';')."""
    header = next((line for line in _physical_lines(text) if line.strip()), "")
    return max((",", ";", "\t"), key=header.count)


def _read_csv(text: str, problems: list[RowProblem]) -> list[_Candidate]:
    rows = _csv_rows(text, problems, delimiter=_sniff_delimiter(text))
    first = next(rows, None)
    if first is None:
        return []
    header_line, cells = first
    header = [_header_key(cell) for cell in cells]
    if not _csv_header_ok(header_line, header, cells, problems):
        return []
    titles = {key: cell.strip() for key, cell in zip(header, cells, strict=True)}

    candidates = []
    for row_line, record in _table_records(rows, header, problems):
        cand = _Candidate(row_line)
        # Unknown columns are ignored on purpose: people export from many tools.
        for key in _CSV_FIELDS:
            if key in record:
                cand.put(key, record[key], titles[key])
        _join_name(cand, first_label=titles.get("name") or titles["first_name"])
        candidates.append(cand)
    return candidates


def _csv_header_ok(
    line: int, header: list[str], cells: list[str], problems: list[RowProblem]
) -> bool:
    found = []
    seen: set[str] = set()
    for key, cell in zip(header, cells, strict=True):
        if key in seen and key in _CSV_FIELDS:
            found.append(RowProblem(line, cell.strip(), Messages.REPEATED_COLUMN))
        seen.add(key)
    if "name" not in seen and "first_name" not in seen:
        found.append(
            RowProblem(
                line,
                "name",
                Messages.MISSING_NAME_COLUMN.format(
                    columns=", ".join(cell.strip() for cell in cells)
                ),
            )
        )
    problems.extend(found)
    return not found


# --------------------------------------------------------------------------- vCard


def _read_vcard(text: str, problems: list[RowProblem]) -> list[_Candidate]:
    candidates = []
    for start, chunk in _split_cards(_physical_lines(text), problems):
        card = _parse_card(start, chunk, problems)
        if card is not None:
            candidates.append(_card_candidate(start, card))
    return candidates


def _split_cards(lines: list[str], problems: list[RowProblem]) -> Iterator[tuple[int, str]]:
    """Yield (BEGIN line, card text) per card.

    Splitting before vobject sees the text lets each card be parsed on its own:
    one broken card is reported by line and the others are still checked.
    """
    start: int | None = None
    stray: int | None = None  # first line of the current run of text outside any card
    for number, line in enumerate(lines, start=1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if start is not None:
                problems.append(RowProblem(start, None, Messages.CARD_NOT_CLOSED_BEFORE_NEXT))
            start, stray = number, None
        elif start is not None and marker == "END:VCARD":
            yield start, "\r\n".join(lines[start - 1 : number]) + "\r\n"
            start = None
        elif start is None and marker and stray is None:
            stray = number
            problems.append(RowProblem(number, None, Messages.TEXT_OUTSIDE_CARD))
        elif not marker:
            stray = None
    if start is not None:
        problems.append(RowProblem(start, None, Messages.CARD_NOT_CLOSED))


def _parse_card(
    start: int, chunk: str, problems: list[RowProblem]
) -> vobject.base.Component | None:
    try:
        # allowQP also accepts the quoted-printable lines of vCard 2.1 phone exports.
        return vobject.readOne(chunk, allowQP=True)
    except (VObjectError, ValueError) as error:  # ValueError: e.g. broken base64 PHOTO
        line = getattr(error, "lineNumber", None)
        message = getattr(error, "msg", None) or str(error)
        problems.append(
            RowProblem(
                _card_line(start, line), None, Messages.UNREADABLE_CARD.format(detail=message)
            )
        )
        return None


def _card_line(start: int, relative: int | None) -> int:
    # vobject counts from 1 within the text it was given but reports the first line as 0.
    return start + relative - 1 if relative else start


def _card_candidate(start: int, card: vobject.base.Component) -> _Candidate:
    cand = _Candidate(start)
    props = card.contents  # property name (lower case) -> list of content lines

    def put(target: str, prop: str, value: str) -> None:
        chosen = _preferred(props[prop])
        cand.put(target, value, prop.upper(), _card_line(start, chosen.lineNumber))

    if "fn" in props and _text(_preferred(props["fn"]).value).strip():
        put("name", "fn", _text(_preferred(props["fn"]).value))
    elif "n" in props:
        put("name", "n", _structured_name(_preferred(props["n"]).value))
    else:
        cand.labels["name"] = "FN"
    for target, prop in (("email", "email"), ("url", "url"), ("position", "title")):
        if prop in props:
            put(target, prop, _text(_preferred(props[prop]).value))
    if "tel" in props:
        # vCard 4.0 writes numbers as URIs ("tel:+1-555-0100").
        put("phone", "tel", re.sub(r"^tel:", "", _text(_preferred(props["tel"]).value).strip()))
    if "org" in props:
        # ORG is "organisation;unit;sub-unit"; the organisation is the company.
        put("company", "org", _text(_preferred(props["org"]).value[:1]))
    if "note" in props:
        notes = "\n\n".join(_text(note.value).strip() for note in props["note"])
        cand.put("notes", notes, "NOTE", _card_line(start, props["note"][0].lineNumber))
    return cand


def _preferred(lines: list[vobject.base.ContentLine]) -> vobject.base.ContentLine:
    """The line marked preferred (v4 PREF=1 is best; v3 TYPE=pref), else the first."""

    def rank(line: vobject.base.ContentLine) -> int:
        pref = line.params.get("PREF", [])
        if pref and pref[0].isdigit():
            return int(pref[0])
        types = {t.lower() for value in line.params.get("TYPE", []) for t in value.split(",")}
        return 100 if "pref" in types else 101

    return min(lines, key=rank)  # min keeps the first among equals


def _structured_name(name: object) -> str:
    """Join the parts of an N property (vobject's Name) in reading order."""
    parts = [getattr(name, attr, "") for attr in ("prefix", "given", "additional", "family")]
    return " ".join(_text(part) for part in parts if _text(part).strip())


def _text(value: object) -> str:
    # Structured properties come back as lists (ORG, multi-valued N parts).
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    return str(value)


_READERS = {
    "linkedin": _read_linkedin,
    "vcard": _read_vcard,
    "csv": _read_csv,
}
