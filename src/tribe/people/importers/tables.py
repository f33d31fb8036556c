"""Tables of contacts: LinkedIn's Connections.csv export and plain CSV from any tool.

Rows are read by the csv module in strict mode, so a broken quote is a
problem on its line rather than a silently merged row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping

from tribe.core.errors import RowProblem
from tribe.people.importers.decoding import physical_lines
from tribe.people.importers.records import Candidate, Messages, say


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
            problems.append(RowProblem(start, None, say(Messages.MALFORMED_ROW, detail=error)))
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
                    say(Messages.WRONG_FIELD_COUNT, expected=len(header), found=len(row)),
                )
            )
            continue
        yield line, dict(zip(header, row, strict=True))


def _header_key(cell: str) -> str:
    """Normalise a column title: "Connected On", "connected-on" -> "connected_on"."""
    return re.sub(r"[\s\-]+", "_", cell.strip().lower())


def _candidates(
    rows: Iterator[tuple[int, list[str]]],
    header: list[str],
    titles: Mapping[str, str],
    columns: Mapping[str, str],
    problems: list[RowProblem],
    *,
    first_label: str,
) -> list[Candidate]:
    """One candidate per data row: the value of each of ``columns`` under its field's name.

    ``columns`` maps a column's normalised title to a ``ParsedContact`` field;
    the file's own title (``titles``) names it in problems.
    """
    candidates = []
    for row_line, record in _table_records(rows, header, problems):
        cand = Candidate(row_line)
        for key, target in columns.items():
            if key in record:
                cand.put(target, record[key], titles[key])
        _join_name(cand, first_label=first_label)
        candidates.append(cand)
    return candidates


def _join_name(cand: Candidate, *, first_label: str) -> None:
    """Set "name" from first/last name columns unless a name is already there."""
    if cand.values.get("name", "").strip():
        return
    parts = (cand.values.get("first_name", ""), cand.values.get("last_name", ""))
    cand.put("name", " ".join(part.strip() for part in parts if part.strip()), first_label)


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


def looks_like_linkedin(lines: list[str]) -> bool:
    if lines and lines[0].lower().startswith("notes:"):
        return True
    return any(
        {"first_name", "last_name", "connected_on"} <= {_header_key(c) for c in line.split(",")}
        for line in lines
    )


def read_linkedin(text: str, problems: list[RowProblem]) -> list[Candidate]:
    rows = _csv_rows(text, problems)
    found = _linkedin_header(rows)
    if found is None:
        if text.strip():
            problems.append(RowProblem(1, None, say(Messages.NO_LINKEDIN_HEADER)))
        return []
    header_line, cells = found
    header = [_header_key(cell) for cell in cells]
    titles = {key: cell.strip() for key, cell in zip(header, cells, strict=True)}
    if len(titles) != len(header):
        problems.append(RowProblem(header_line, None, say(Messages.REPEATED_COLUMN)))
        return []
    return _candidates(
        rows, header, titles, _LINKEDIN_COLUMNS, problems, first_label=titles["first_name"]
    )


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


# --------------------------------------------------------------------------- plain CSV

_CSV_FIELDS = (
    "name", "first_name", "last_name", "email", "headline", "company", "position",
    "phone", "url", "notes", "connected_on",
)  # fmt: skip
# Unknown columns are ignored on purpose: people export from many tools.
_CSV_COLUMNS = {name: name for name in _CSV_FIELDS}


def looks_like_csv_header(line: str) -> bool:
    keys = {_header_key(cell) for cell in re.split(r"[,;\t]", line)}
    return len(keys) > 1 and bool(keys & {"name", "first_name"})


def _sniff_delimiter(text: str) -> str:
    """Comma, or semicolon/tab when the header uses those (European Excel uses ';')."""
    header = next((line for line in physical_lines(text) if line.strip()), "")
    return max((",", ";", "\t"), key=header.count)


def read_csv(text: str, problems: list[RowProblem]) -> list[Candidate]:
    rows = _csv_rows(text, problems, delimiter=_sniff_delimiter(text))
    first = next(rows, None)
    if first is None:
        return []
    header_line, cells = first
    header = [_header_key(cell) for cell in cells]
    if not _csv_header_ok(header_line, header, cells, problems):
        return []
    titles = {key: cell.strip() for key, cell in zip(header, cells, strict=True)}
    first_label = titles.get("name") or titles["first_name"]  # one of them is there
    return _candidates(rows, header, titles, _CSV_COLUMNS, problems, first_label=first_label)


def _csv_header_ok(
    line: int, header: list[str], cells: list[str], problems: list[RowProblem]
) -> bool:
    found = []
    seen: set[str] = set()
    for key, cell in zip(header, cells, strict=True):
        if key in seen and key in _CSV_FIELDS:
            found.append(RowProblem(line, cell.strip(), say(Messages.REPEATED_COLUMN)))
        seen.add(key)
    if "name" not in seen and "first_name" not in seen:
        found.append(
            RowProblem(
                line,
                "name",
                say(
                    Messages.MISSING_NAME_COLUMN,
                    columns=", ".join(cell.strip() for cell in cells),
                ),
            )
        )
    problems.extend(found)
    return not found
