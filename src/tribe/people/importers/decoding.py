"""Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM, every bad line named."""

from __future__ import annotations

import codecs
import re

from tribe.core.errors import RowProblem
from tribe.people.importers.records import Messages, say


def decode(data: bytes, problems: list[RowProblem]) -> str | None:
    """Decode the file as UTF-8 (with or without BOM); report every undecodable line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" and some address books write UTF-16 with a BOM.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            problems.append(RowProblem(1, None, say(Messages.NOT_UTF16)))
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
                    say(Messages.NOT_UTF8, byte=raw[error.start], position=error.start + 1),
                )
            )
    return None


def decode_loosely(head: bytes) -> str:
    """Decode a file's first bytes for sniffing; a cut-off character must not matter."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8-sig", errors="replace")


def physical_lines(text: str) -> list[str]:
    # The same line breaks that csv and io recognise, and nothing else: str.splitlines
    # would also split on form feeds and U+2028, which may sit inside a note.
    return re.split(r"\r\n|\r|\n", text)
