"""CSV cells that a spreadsheet will not run: neutralising formula injection.

A CSV Tribe writes is opened in Excel, LibreOffice or Google Sheets, which
treat a cell starting with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab
or carriage return) as a formula: ``=HYPERLINK("https://evil…","click")`` from
a name in a roster would become a live link, ``=cmd|…`` worse. OWASP's rule is
applied: such a cell gets a leading single quote, which spreadsheets show as
text and never evaluate.

Only text that came from outside needs it. Numbers Tribe itself formats
(a score of ``-0.5``) are written as they are, so they stay numbers: pass
those through :func:`row` as ``int``/``float`` values, or keep them out of
:func:`cell`.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["FORMULA_STARTS", "cell", "row"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """``value`` as text a spreadsheet will show, never evaluate.

    >>> cell("=HYPERLINK(\\"https://example.com\\")")
    '\\'=HYPERLINK("https://example.com")'
    >>> cell("-1+1"), cell("Ann"), cell("")
    ("'-1+1", 'Ann', '')
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def row(values: Iterable[object]) -> list[object]:
    """A row for ``csv.writer``: every ``str`` neutralised, numbers (and None) as they are.

    ``bool`` is left alone too (it is an ``int``); anything else is turned into
    text first and neutralised, since its text came from somewhere.
    """
    out: list[object] = []
    for value in values:
        if value is None or isinstance(value, int | float):
            out.append(value)
        else:
            out.append(cell(str(value)))
    return out
