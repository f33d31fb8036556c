import datetime as dt
from collections.abc import Callable

import pytest

from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import ImportRejected, RowProblem, TribeError, ValidationError
from tribe.core.zones import validate_zone


def test_text_strips_and_limits() -> None:
    assert v.text("  hi ", field="f", max_length=5) == "hi"
    with pytest.raises(ValidationError) as exc:
        v.text("abcdef", field="f", max_length=5)
    assert exc.value.message == CoreCode.TOO_LONG.template.format(limit=5, length=6)
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


# -- bounds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\u202e", "\u2066"],
)
def test_text_refuses_control_characters_naming_the_field(char: str) -> None:
    with pytest.raises(ValidationError) as exc:
        v.text(f"ab{char}cd", field="name", max_length=50)
    assert exc.value.field == "name"
    assert exc.value.message == CoreCode.CONTROL_CHARACTER.template.format(
        char=f"U+{ord(char):04X}", position=3
    )
    assert str(exc.value).startswith("name: contains a control character")


@pytest.mark.parametrize("blank", ["\u200b", " \u200b\ufeff ", "\u00ad", "\u200d"])
def test_a_text_of_only_invisible_characters_is_empty(blank: str) -> None:
    assert v.text(blank, field="learned", max_length=50) == ""
    with pytest.raises(ValidationError) as exc:
        v.text(blank, field="learned", max_length=50, required=True)
    assert exc.value.field == "learned" and exc.value.code == CoreCode.REQUIRED.value


def test_joiners_inside_visible_text_stay() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert v.text(f"a {family}", field="note", max_length=50) == f"a {family}"


def test_text_keeps_tabs_and_line_breaks_but_not_nul() -> None:
    assert v.text("a\tb\nc\r\nd", field="notes", max_length=50) == "a\tb\nc\r\nd"
    with pytest.raises(ValidationError):
        v.text("a\tb\nc\r\n\x00d", field="notes", max_length=50)


def test_list_email_and_url_refuse_nul() -> None:
    for call in (
        lambda: v.string_list(["ok", "b\x00d"], field="expertise"),
        lambda: v.email("a\x00@example.com"),
        lambda: v.url("https://example.com/\x00"),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.message.startswith("contains a control character (U+0000)")
    for bad in ("javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:alert(1)"):
        with pytest.raises(ValidationError):
            v.url(bad)


@pytest.mark.parametrize(
    "day",
    [dt.date(1900, 1, 1), dt.date(2026, 3, 10), dt.date(2200, 12, 31)],
)
def test_dates_within_the_range_pass(day: dt.date) -> None:
    assert v.date(day, field="starts_on") == day
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    assert v.moment(moment, field="starts_at") == moment


@pytest.mark.parametrize(
    "day", [dt.date.min, dt.date(1899, 12, 31), dt.date(2201, 1, 1), dt.date.max]
)
def test_dates_outside_the_range_are_refused_naming_the_field(day: dt.date) -> None:
    with pytest.raises(ValidationError) as exc:
        v.date(day, field="starts_on")
    assert str(exc.value) == "starts_on: must be a date between 1900-01-01 and 2200-12-31"
    with pytest.raises(ValidationError) as exc:
        v.moment(dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC), field="starts_at")
    assert (exc.value.field, exc.value.message) == ("starts_at", CoreCode.MOMENT_RANGE.template)


def test_no_date_passes() -> None:
    assert v.date(None, field="ends_on") is None
    assert v.moment(None, field="ends_at") is None


# -- codes -------------------------------------------------------------------------


def test_the_range_messages_name_the_accepted_bounds() -> None:
    """The bounds are written out in the messages (compared whole): they must stay in step."""
    bounds = f"between {v.DATE_MIN:%Y-%m-%d} and {v.DATE_MAX:%Y-%m-%d}"
    messages = (CoreCode.DATE_RANGE.template, CoreCode.MOMENT_RANGE.template)
    assert messages == (f"must be a date {bounds}", f"must be a time {bounds}")


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: v.text(" ", field="f", max_length=5, required=True), CoreCode.REQUIRED),
        (lambda: v.text("abcdef", field="f", max_length=5), CoreCode.TOO_LONG),
        (lambda: v.text("a\x00", field="f", max_length=5), CoreCode.CONTROL_CHARACTER),
        (lambda: v.email("a@"), CoreCode.BAD_EMAIL),
        (lambda: v.url("ftp://example.com"), CoreCode.BAD_URL),
        (lambda: v.integer(9, field="n", low=0, high=5), CoreCode.OUT_OF_RANGE),
        (lambda: v.string_list(["x" * 101], field="f"), CoreCode.LIST_ITEM_TOO_LONG),
        (lambda: v.string_list([str(i) for i in range(51)], field="f"), CoreCode.TOO_MANY_ENTRIES),
        (lambda: v.date(dt.date.min, field="d"), CoreCode.DATE_RANGE),
        (
            lambda: v.moment(dt.datetime(1800, 1, 1, tzinfo=dt.UTC), field="m"),
            CoreCode.MOMENT_RANGE,
        ),
        (
            lambda: v.date_order(dt.date(2026, 2, 1), dt.date(2026, 1, 1), field="e"),
            CoreCode.BEFORE_START,
        ),
        (lambda: validate_zone("Europe/Pariss"), CoreCode.UNKNOWN_ZONE),
    ],
)
def test_each_refusal_carries_its_own_code(call: Callable[[], object], code: CoreCode) -> None:
    with pytest.raises(ValidationError) as exc:
        call()
    assert exc.value.code is code


def test_the_messages_of_the_list_checks_are_unchanged() -> None:
    with pytest.raises(ValidationError) as exc:
        v.string_list([str(i) for i in range(51)], field="f")
    assert str(exc.value) == "f: must have at most 50 entries"
    with pytest.raises(ValidationError) as exc:
        v.date_order(dt.date(2026, 2, 1), dt.date(2026, 1, 1), field="ends_on")
    assert str(exc.value) == "ends_on: must not be before the start"
