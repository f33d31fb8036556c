"""Read contact files (LinkedIn export, vCard, plain CSV) into plain records.

This is the pure half of ``tribe import contacts``: bytes in, frozen
``ParsedContact`` records out. It touches no models (only the translation of
its messages reads the settings), so the service layer owns every write, these
parsers can be tested alone, and the whole file is read and judged before any
database transaction begins.

Every value meets the rules manual entry meets (``tribe.core.validation``):
the column sizes of ``Contact``, no control characters (PostgreSQL refuses
NUL outright), web addresses only over http(s) (never ``javascript:`` or
``data:``), dates between 1900 and 2200. (E-mail addresses keep the
importer's own, more international, pattern: see ``records._EMAIL_RE``.)

Imports are all or nothing. Every reader collects *all* the problems it finds
(by physical line and by the column or property name the file itself uses, so
a person can find the spot in their editor) and raises one ``ImportRejected``
instead of returning a partial list.

The package: ``records`` (what a contact is and the rules its values meet),
``decoding`` (bytes to text), one module of readers per kind of file
(``tables`` for LinkedIn and plain CSV, ``vcard``), and here the two entry
points. Writing the contacts is ``tribe.people.services.contacts_import``.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from django.utils.text import get_text_list

from tribe.core.errors import ImportRejected, RowProblem, ValidationError
from tribe.people.errors import PeopleCode
from tribe.people.importers.decoding import decode, decode_loosely
from tribe.people.importers.records import (
    MAX_LENGTHS,
    Candidate,
    Messages,
    ParsedContact,
    check_duplicate_emails,
    finish_candidate,
    say,
)
from tribe.people.importers.tables import (
    looks_like_csv_header,
    looks_like_linkedin,
    read_csv,
    read_linkedin,
)
from tribe.people.importers.vcard import read_vcard

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_CONTACTS",
    "MAX_LENGTHS",
    "Messages",
    "ParsedContact",
    "detect_format",
    "parse_contacts",
]

FORMATS = ("linkedin", "vcard", "csv")

_READERS: dict[str, Callable[[str, list[RowProblem]], list[Candidate]]] = {
    "linkedin": read_linkedin,
    "vcard": read_vcard,
    "csv": read_csv,
}


def detect_format(filename: str, head: bytes) -> str:
    """Guess the format of a contacts file from its name and first bytes.

    Content wins over the extension where it is unambiguous (a LinkedIn export
    is also a ``.csv``). Raises ``ValidationError(field="format")`` when neither
    tells.
    """
    text = decode_loosely(head)
    extension = os.path.splitext(filename)[1].lower()
    if text.lstrip()[:11].upper() == "BEGIN:VCARD" or extension in (".vcf", ".vcard"):
        return "vcard"
    lines = [line.strip() for line in text.splitlines() if line.strip()][:10]
    if looks_like_linkedin(lines):
        return "linkedin"
    if extension == ".csv" or (lines and looks_like_csv_header(lines[0])):
        return "csv"
    raise ValidationError(
        PeopleCode.UNDETECTABLE_FORMAT,
        field="format",
        filename=filename,
        choices=get_text_list(list(FORMATS)),  # "linkedin, vcard or csv", in Django's words
    )


#: The largest contacts file, and the most contacts in one, an import takes: well
#: above any address book or LinkedIn export, well below what would hold a worker
#: for seconds (or, in one transaction, hundreds of megabytes).
MAX_BYTES = 10_000_000
MAX_CONTACTS = 50_000


def parse_contacts(data: bytes, *, format: str, source: str = "file") -> list[ParsedContact]:
    """Parse a whole contacts file, or raise ``ImportRejected`` listing every problem.

    ``source`` names the file in the error message. Records come back in file order.
    """
    if format not in FORMATS:
        raise ValidationError(
            PeopleCode.UNKNOWN_FORMAT, field="format", format=format, choices=", ".join(FORMATS)
        )
    if len(data) > MAX_BYTES:
        size = f"{len(data) / 1_000_000:.1f}"
        limit = MAX_BYTES // 1_000_000
        raise ImportRejected(
            [RowProblem(1, None, say(Messages.TOO_BIG, size=size, limit=limit))], source=source
        )
    problems: list[RowProblem] = []
    text = decode(data, problems)
    if text is None:
        raise ImportRejected(problems, source=source)

    candidates = _READERS[format](text, problems)
    if len(candidates) > MAX_CONTACTS:
        too_many = RowProblem(MAX_CONTACTS + 1, None, say(Messages.TOO_MANY, limit=MAX_CONTACTS))
        raise ImportRejected([too_many], source=source)
    contacts = [
        c for c in (finish_candidate(cand, problems) for cand in candidates) if c is not None
    ]
    check_duplicate_emails(candidates, contacts, problems)
    if not candidates and not problems:
        problems.append(RowProblem(1, None, say(Messages.NO_CONTACTS)))
    if problems:
        # Readers and checks run in separate passes; present problems in file order.
        raise ImportRejected(sorted(problems, key=lambda p: p.line), source=source)
    return contacts
