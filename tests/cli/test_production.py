"""``TRIBE_ENV=production``: a server refuses to start without its secret key and
host names, in one line, and with them Django's deployment check passes at the
warning level."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import subprocess_env


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tribe.cli", *args],
        env={**subprocess_env(tmp_path / "data"), "TRIBE_ENV": "production", **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_without_a_key_and_hosts_it_says_what_is_missing(tmp_path: Path) -> None:
    done = run(tmp_path, "today")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "TRIBE_SECRET_KEY must be set to 50 or more random characters" in done.stderr
    assert "TRIBE_ALLOWED_HOSTS must name the site's host names" in done.stderr
    short = run(tmp_path, "today", TRIBE_SECRET_KEY="short", TRIBE_ALLOWED_HOSTS="a.example")
    assert short.returncode == 2 and "TRIBE_SECRET_KEY" in short.stderr
    debug = run(
        tmp_path,
        "today",
        TRIBE_SECRET_KEY=secrets.token_urlsafe(60),
        TRIBE_ALLOWED_HOSTS="a.example",
        TRIBE_DEBUG="1",
    )
    assert debug.returncode == 2 and "TRIBE_DEBUG=1" in debug.stderr


def test_the_deployment_check_passes_at_the_warning_level(tmp_path: Path) -> None:
    done = run(
        tmp_path,
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        TRIBE_SECRET_KEY=secrets.token_urlsafe(60),
        TRIBE_ALLOWED_HOSTS="tribe.example.org",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
