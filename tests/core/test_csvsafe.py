"""CSV cells from outside never become spreadsheet formulas; Tribe's own numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from tribe.core.csvsafe import FORMULA_STARTS, cell, row


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("https://evil.example","click")',
        "@SUM(A1:A9)",
        "+cmd|' /C calc'!A0",
        "-1+1",
        "-2",
        "\t=1+1",
        "\r=1+1",
        "=",
    ],
)
def test_formula_starts_get_a_leading_quote(value: str) -> None:
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Ann", "a=b", "1+1", "0.5", "'quoted", " =x", "é@x"])
def test_plain_text_is_untouched(value: str) -> None:
    assert cell(value) == value


def test_the_owasp_characters() -> None:
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


def test_a_row_neutralises_text_and_keeps_numbers() -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row(["=1+1", -0.5, 3, None, True, "-x", 1.25e-7]))
    assert out.getvalue() == "'=1+1,-0.5,3,,True,'-x,1.25e-07\n"
