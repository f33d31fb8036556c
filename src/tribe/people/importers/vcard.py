"""vCard files (2.1, 3.0 and 4.0), as phones and address books export them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import vobject  # type: ignore[import-untyped]
from vobject.base import VObjectError  # type: ignore[import-untyped]

from tribe.core.errors import RowProblem
from tribe.people.importers.decoding import physical_lines
from tribe.people.importers.records import Candidate, Messages, say


def read_vcard(text: str, problems: list[RowProblem]) -> list[Candidate]:
    candidates = []
    for start, chunk in _split_cards(physical_lines(text), problems):
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
                problems.append(RowProblem(start, None, say(Messages.CARD_NOT_CLOSED_BEFORE_NEXT)))
            start, stray = number, None
        elif start is not None and marker == "END:VCARD":
            yield start, "\r\n".join(lines[start - 1 : number]) + "\r\n"
            start = None
        elif start is None and marker and stray is None:
            stray = number
            problems.append(RowProblem(number, None, say(Messages.TEXT_OUTSIDE_CARD)))
        elif not marker:
            stray = None
    if start is not None:
        problems.append(RowProblem(start, None, say(Messages.CARD_NOT_CLOSED)))


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
            RowProblem(_card_line(start, line), None, say(Messages.UNREADABLE_CARD, detail=message))
        )
        return None


def _card_line(start: int, relative: int | None) -> int:
    # vobject counts from 1 within the text it was given but reports the first line as 0.
    return start + relative - 1 if relative else start


def _card_candidate(start: int, card: vobject.base.Component) -> Candidate:
    cand = Candidate(start)
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
