"""A real ``tribe`` process keeps its data directory to its owner: 0700, files 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import subprocess_env

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _tribe(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = subprocess_env(data_dir)
    env.pop("DATABASE_URL", None)
    # Mail written to files in the data directory (an option; the default prints
    # it), so that the test sees those files are private too.
    env["TRIBE_EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    return subprocess.run(
        [sys.executable, "-m", "tribe.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
        # A permissive umask in the parent, as a login shell often has: Tribe sets its own.
        preexec_fn=lambda: os.umask(0o022),
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _everything_under(root: Path) -> list[Path]:
    return [root, *sorted(root.rglob("*"))]


def test_a_fresh_data_directory_and_all_it_holds_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh" / "tribe"
    first = _tribe(data_dir, "today")  # first start: key, database, migrations
    assert "Traceback" not in first.stderr, first.stderr
    # A mail in the outbox (as a password-reset link would be) and a WAL write.
    sent = _tribe(data_dir, "manage", "sendtestemail", "someone@example.com")
    assert sent.returncode == 0, sent.stderr

    # SQLite's -wal and -shm files exist while a connection is open: look from inside one.
    probe = (
        "import os, stat\n"
        "from django.db import connection\n"
        "from django.contrib.sessions.models import Session\n"
        "Session.objects.filter(session_key='none').delete()\n"
        "name = str(connection.settings_dict['NAME'])\n"
        "print(' '.join(oct(stat.S_IMODE(os.stat(name + s).st_mode)) for s in ('-wal', '-shm')))\n"
    )
    inside = _tribe(data_dir, "manage", "shell", "-c", probe)
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout.strip().splitlines()[-1].split() == ["0o600", "0o600"]

    made = _everything_under(data_dir)
    names = {p.name for p in made}
    assert {"secret_key", "tribe.sqlite3", "outbox"} <= names
    assert any(p.parent.name == "outbox" for p in made)
    for path in made:
        expected = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == expected, f"{path}: {oct(_mode(path))}"


def test_an_existing_world_readable_data_directory_is_closed_up(tmp_path: Path) -> None:
    data_dir = tmp_path / "old"
    assert _tribe(data_dir, "manage", "sendtestemail", "a@example.com").returncode == 0
    for path in _everything_under(data_dir):  # as Tribe used to leave it
        path.chmod(0o755 if path.is_dir() else 0o644)

    assert _tribe(data_dir, "manage", "check").returncode == 0
    for path in _everything_under(data_dir):
        expected = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == expected, f"{path}: {oct(_mode(path))}"


def test_the_wsgi_app_sets_the_same_umask(tmp_path: Path) -> None:
    code = "import os\nfrom tribe.wsgi import application\nmask = os.umask(0)\nprint(oct(mask))\n"
    env = subprocess_env(tmp_path / "wsgi")
    env.pop("DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "0o77"
    assert _mode(tmp_path / "wsgi") == 0o700
