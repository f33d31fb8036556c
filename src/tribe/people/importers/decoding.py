"""Bytes to text: UTF-8 (with or without BOM) or UTF-16 (with a BOM, or recognised by
its zero bytes without one), every bad line named."""

from __future__ import annotations

import codecs
import re

from tribe.core.errors import RowProblem
from tribe.people.importers.records import Messages, say


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when ``data`` reads like UTF-16 written without a
    byte-order mark, else None.

    Such a file is valid UTF-8 (a zero byte is a character there), so it would
    decode into text with a NUL after every letter, and its header would name
    no known column. Text in any alphabet that uses Latin letters, digits or
    punctuation for its commas and line breaks has a zero byte in every other
    position, and real UTF-8 text has none at all. O(1): the first 4 KB.
    """
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.3 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.3 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode(data: bytes, problems: list[RowProblem]) -> str | None:
    """Decode the file as UTF-8 (with or without BOM) or UTF-16; report every
    undecodable line."""
    utf16 = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16_without_bom(data)
    if utf16 is not None:
        # Excel's "Unicode text" and some address books write UTF-16, most with a BOM.
        try:
            return data.decode(utf16)
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
    utf16 = utf16_without_bom(head)
    if utf16 is not None:
        return head.decode(utf16, errors="replace")
    return head.decode("utf-8-sig", errors="replace")


def physical_lines(text: str) -> list[str]:
    # The same line breaks that csv and io recognise, and nothing else: str.splitlines
    # would also split on form feeds and U+2028, which may sit inside a note.
    return re.split(r"\r\n|\r|\n", text)
