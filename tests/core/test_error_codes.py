"""An app's error codes carry their message; raising with a code fills it in."""

import pytest
from django.utils.translation import gettext_lazy, override

from tribe.core.errors import Conflict, ErrorCode, NotFound, ValidationError


class SampleCode(ErrorCode):
    FULL = "full", "{name} has no room for another mentee."
    PLAIN = "plain", "Nothing to fill in."
    LAZY = "lazy", gettext_lazy("Log in")


def test_a_code_is_its_stable_value() -> None:
    assert SampleCode.FULL == "full"
    assert SampleCode("full") is SampleCode.FULL
    assert [c.value for c in SampleCode] == ["full", "plain", "lazy"]


def test_raising_with_a_code_fills_the_message_and_keeps_the_code() -> None:
    with pytest.raises(Conflict) as caught:
        raise Conflict(SampleCode.FULL, field="mentor", name="Pia")
    assert caught.value.code == "full"
    assert caught.value.code is SampleCode.FULL
    assert caught.value.message == "Pia has no room for another mentee."
    assert str(caught.value) == "mentor: Pia has no room for another mentee."


def test_a_message_without_placeholders_needs_no_parameters() -> None:
    assert NotFound(SampleCode.PLAIN).message == "Nothing to fill in."


def test_a_lazy_message_is_translated_when_raised() -> None:
    with override("de"):
        german = ValidationError(SampleCode.LAZY).message
    assert ValidationError(SampleCode.LAZY).message == "Log in"
    assert isinstance(german, str)


def test_a_missing_placeholder_is_a_programming_error_not_a_silent_gap() -> None:
    with pytest.raises(KeyError):
        Conflict(SampleCode.FULL)


def test_plain_messages_still_work_and_refuse_stray_parameters() -> None:
    error = Conflict("Already there.", code="duplicate")
    assert (error.message, error.code) == ("Already there.", "duplicate")
    assert Conflict("x").code == "conflict"
    with pytest.raises(TypeError):
        Conflict("x", name="y")
