"""The ``tribe`` entry point: help, argument errors and the ``manage`` pass-through."""

from __future__ import annotations

import argparse

import pytest

from tribe.cli import build_parser, main


def _subcommand_paths() -> list[list[str]]:
    """Every subcommand, nested ones included (``import contacts``)."""
    paths: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    paths.append([*prefix, name])
                    walk(child, [*prefix, name])

    walk(build_parser(), [])
    return paths


def test_the_parser_offers_every_documented_subcommand() -> None:
    names = {" ".join(path) for path in _subcommand_paths()}

    assert {"serve", "demo", "today", "import", "import contacts", "export", "manage"} <= names


def test_help_of_the_command_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])

    assert exited.value.code == 0
    out = capsys.readouterr().out
    for name in ("serve", "demo", "today", "import", "export", "manage"):
        assert name in out


def test_help_of_every_subcommand_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    for path in _subcommand_paths():
        if path == ["manage"]:
            continue  # passes --help on to Django: see the manage tests
        with pytest.raises(SystemExit) as exited:
            main([*path, "--help"])
        captured = capsys.readouterr()
        assert exited.value.code == 0, path
        assert captured.out.startswith(f"usage: tribe {' '.join(path)}"), path
        assert captured.err == "", path


def test_help_needs_no_database(capsys: pytest.CaptureFixture[str]) -> None:
    # No ``db`` fixture: pytest-django would fail any query made here.
    with pytest.raises(SystemExit):
        main(["today", "--help"])

    assert "--as EMAIL" in capsys.readouterr().out


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])

    assert exited.value.code == 2
    assert "tribe: error:" in capsys.readouterr().err


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["fly"])

    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "tribe: error: argument COMMAND: invalid choice: 'fly'" in err
    assert "Traceback" not in err


def test_an_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["today", "--colour"])

    assert exited.value.code == 2
    assert "unrecognized arguments: --colour" in capsys.readouterr().err


# --------------------------------------------------------------------------- manage


def test_manage_check_passes_through_to_django(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manage", "check"]) == 0

    assert "System check identified no issues" in capsys.readouterr().out


def test_manage_help_lists_djangos_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manage", "--help"]) == 0

    out = capsys.readouterr().out
    assert "migrate" in out
    assert "check" in out


def test_manage_options_are_djangos_not_tribes(capsys: pytest.CaptureFixture[str]) -> None:
    # ``--fail-level`` belongs to Django's check; tribe's parser must not reject it.
    assert main(["manage", "check", "--fail-level", "CRITICAL"]) == 0
    capsys.readouterr()


def test_manage_unknown_command_exits_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["manage", "no_such_command"])

    assert exited.value.code != 0
    assert "Unknown command: 'no_such_command'" in capsys.readouterr().err
