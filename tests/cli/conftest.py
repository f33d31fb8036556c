"""Helpers for running the ``tribe`` command in-process and as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tribe.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def error_line(self) -> str:
        """The one line of an error, checked to be alone and free of tracebacks."""
        assert "Traceback" not in self.err
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        return lines[0]


@pytest.fixture
def tribe(db, capsys, monkeypatch) -> Callable[..., Run]:  # type: ignore[no-untyped-def]
    """Run ``tribe ARGS…`` in-process against the test database, in English.

    The tests compare English words; a developer's own locale (``LANG=de_DE.UTF-8``)
    would otherwise choose the language (``tribe.cli.language``).
    """
    monkeypatch.setenv("TRIBE_LANGUAGE", "en")

    def run(*args: str | Path) -> Run:
        capsys.readouterr()  # drop anything printed while setting up
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def subprocess_env(data_dir: Path) -> dict[str, str]:
    """A fresh personal install: SQLite in ``data_dir``, no DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TRIBE_SECRET_KEY")}
    env["TRIBE_DATA_DIR"] = str(data_dir)
    env["DJANGO_SETTINGS_MODULE"] = "tribe.settings"
    env["PYTHONUNBUFFERED"] = "1"
    env["TRIBE_LANGUAGE"] = "en"  # the tests read English, whatever the machine's locale
    return env


@pytest.fixture
def tribe_process(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m tribe.cli ARGS…`` as a new process on an empty data directory."""
    data_dir = tmp_path / "data"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tribe.cli", *args],
            env=subprocess_env(data_dir),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )

    run.data_dir = data_dir  # type: ignore[attr-defined]
    return run
