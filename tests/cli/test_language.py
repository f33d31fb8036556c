"""The command's language: chosen once at start-up from the environment.

The German words are written later by translators; these tests check which
language is active, not what it says.
"""

from __future__ import annotations

import argparse

import pytest
from django.utils import translation

import tribe.cli
from tribe.cli import commands, main
from tribe.cli.language import LANGUAGE_VARIABLES, language_from


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"TRIBE_LANGUAGE": "de"}, "de"),
        ({"TRIBE_LANGUAGE": "de_DE"}, "de"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_MESSAGES": "de_AT.UTF-8@euro"}, "de"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        # Not a language Tribe offers, or no language at all: English.
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"TRIBE_LANGUAGE": "klingon"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "POSIX"}, "en"),
        # Tribe's own variable first, then POSIX's order; an empty variable is unset.
        ({"TRIBE_LANGUAGE": "en", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"TRIBE_LANGUAGE": "", "LC_ALL": " ", "LANG": "de_DE.UTF-8"}, "de"),
        # The first one set decides, even when it names a language Tribe does not offer.
        ({"TRIBE_LANGUAGE": "fr", "LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_language_comes_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from(environ) == expected


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def active_during_the_command(clean_environment: pytest.MonkeyPatch) -> dict[str, str | None]:
    """The language active while the parser is built, and while ``tribe today`` runs."""
    seen: dict[str, str | None] = {}
    build_parser = tribe.cli.build_parser

    def building() -> argparse.ArgumentParser:
        seen["parser"] = translation.get_language()
        return build_parser()

    def today(args: argparse.Namespace) -> int:
        seen["command"] = translation.get_language()
        return 0

    clean_environment.setattr(tribe.cli, "build_parser", building)
    clean_environment.setattr(commands, "cmd_today", today)
    return seen


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TRIBE_LANGUAGE", "de", "de"),
        ("LANG", "de_DE.UTF-8", "de"),
        ("TRIBE_LANGUAGE", "fr", "en"),
        ("LANG", "pt_BR.UTF-8", "en"),
        (None, None, "en"),
    ],
)
@pytest.mark.django_db
def test_the_command_runs_in_the_chosen_language(
    active_during_the_command: dict[str, str | None],
    clean_environment: pytest.MonkeyPatch,
    variable: str | None,
    value: str | None,
    expected: str,
) -> None:
    if variable is not None and value is not None:
        clean_environment.setenv(variable, value)
    before = translation.get_language()

    assert main(["today"]) == 0

    # Built in that language too: help texts are translated when the parser is built.
    assert active_during_the_command == {"parser": expected, "command": expected}
    assert translation.get_language() == before  # an in-process caller keeps its own


def test_an_error_in_another_language_is_still_one_line(
    clean_environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # No database: ``match`` needs none.
    clean_environment.setenv("TRIBE_LANGUAGE", "de")
    assert main(["match"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
