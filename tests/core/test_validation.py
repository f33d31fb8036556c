import datetime as dt

import pytest

from tribe.core import validation as v
from tribe.core.errors import ImportRejected, RowProblem, TribeError, ValidationError


def test_text_strips_and_limits() -> None:
    assert v.text("  hi ", field="f", max_length=5) == "hi"
    with pytest.raises(ValidationError) as exc:
        v.text("abcdef", field="f", max_length=5)
    assert exc.value.message == v.MSG_TOO_LONG.format(limit=5, length=6)
    with pytest.raises(ValidationError) as exc:
        v.text(" ", field="f", max_length=5, required=True)
    assert str(exc.value) == "f: is required"


def test_email_and_url() -> None:
    assert v.email(" A@B.org ") == "a@b.org"
    assert v.email("", required=False) == ""
    for bad in ("a@", "@b.org", "a b@c.org"):
        with pytest.raises(ValidationError):
            v.email(bad)
    assert v.url("https://example.com/x") == "https://example.com/x"
    with pytest.raises(ValidationError):
        v.url("ftp://example.com")


def test_string_list_accepts_text_or_iterables_and_dedupes() -> None:
    assert v.string_list("a, b;  c ,A", field="f") == ["a", "b", "c"]
    assert v.string_list(["x", " ", "y"], field="f") == ["x", "y"]
    with pytest.raises(ValidationError):
        v.string_list([str(i) for i in range(51)], field="f")


def test_integer_and_date_order() -> None:
    assert v.integer(3, field="n", low=0, high=5) == 3
    with pytest.raises(ValidationError):
        v.integer(None, field="n", low=0, high=5)
    with pytest.raises(ValidationError):
        v.date_order(dt.date(2026, 2, 1), dt.date(2026, 1, 1), field="ends_on")


def test_import_rejected_summarises_problems() -> None:
    exc = ImportRejected(
        [RowProblem(3, "email", "bad"), RowProblem(5, None, "short")], source="x.csv"
    )
    assert str(exc) == "x.csv: line 3, email: bad (and 1 more problem)"
    assert isinstance(exc, TribeError) and exc.exit_code == 2
