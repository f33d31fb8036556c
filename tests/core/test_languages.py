"""Languages as people write them, compared by code and named in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from tribe.core.languages import language_code, language_codes, language_name


@pytest.mark.parametrize("typed", ["de", "DE", "German", "german", " Deutsch ", "deutsch"])
def test_every_way_of_writing_a_language_is_one_code(typed: str) -> None:
    assert language_code(typed) == "de"


def test_a_language_django_does_not_know_stays_as_typed() -> None:
    assert language_code("Klingon") == "klingon"
    assert language_name("klingon") == "klingon"


def test_codes_keep_order_and_drop_repeats_and_blanks() -> None:
    assert language_codes(["English", "en", "", "Español"]) == ("en", "es")


def test_names_follow_the_active_language() -> None:
    with translation.override("en"):
        assert language_name("de") == "German"
    with translation.override("de"):
        assert language_name("de") == "Deutsch"
        assert language_name("en") == "Englisch"
