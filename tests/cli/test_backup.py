"""``tribe backup`` and ``tribe restore``: a whole installation to one file and back,
on SQLite (taken while another connection writes) and on PostgreSQL (pg_dump)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import subprocess_env

FINGERPRINT = (
    "import json, django; django.setup(); "
    "from tribe.core.backup import fingerprint; "
    "print(json.dumps(fingerprint().tables))"
)


def tribe(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tribe.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def tables_of(env: dict[str, str]) -> dict[str, list[object]]:
    done = subprocess.run(
        [sys.executable, "-c", FINGERPRINT], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout))


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the demo loaded, once for the module (copied by each test)."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    loaded = tribe(subprocess_env(folder), "demo")
    assert loaded.returncode == 0, loaded.stderr
    return folder


def installed(demo_data: Path, folder: Path) -> dict[str, str]:
    shutil.copytree(demo_data, folder)
    return subprocess_env(folder)


def test_a_backup_taken_while_writing_restores_into_a_new_data_directory(
    tmp_path: Path, demo_data: Path
) -> None:
    source = installed(demo_data, tmp_path / "source")
    database = tmp_path / "source" / "tribe.sqlite3"
    stop = threading.Event()

    def write() -> None:  # another writer, as the running app would be
        writer = sqlite3.connect(database, timeout=30)
        n = 0
        while not stop.is_set():
            writer.execute(
                "INSERT INTO django_session (session_key, session_data, expire_date) "
                "VALUES (?, 'x', '2030-01-01')",
                (f"load-{n}",),
            )
            writer.commit()
            n += 1
        writer.close()

    thread = threading.Thread(target=write)
    thread.start()
    try:
        backed = tribe(source, "backup", str(tmp_path / "tribe.backup"))
    finally:
        stop.set()
        thread.join()
    assert backed.returncode == 0, backed.stderr
    assert (tmp_path / "tribe.backup").stat().st_mode & 0o077 == 0  # as private as the database

    copy = sqlite3.connect(tmp_path / "tribe.backup")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    sessions = copy.execute("SELECT COUNT(*) FROM django_session").fetchone()[0]
    copy.close()

    target = subprocess_env(tmp_path / "target")
    restored = tribe(target, "restore", str(tmp_path / "tribe.backup"))
    assert restored.returncode == 0, restored.stderr
    assert "accounts" in restored.stdout
    before, after = tables_of(source), tables_of(target)
    after_sessions = after.pop("django_session")
    before.pop("django_session")  # the writer went on after the copy
    assert after == before
    assert after_sessions[0] == sessions
    # The restored installation works.
    today = tribe(target, "today", "--as", "maya@tribe.example")
    assert today.returncode == 0, today.stderr


def test_a_restore_is_refused_where_accounts_exist_and_changes_nothing(
    tmp_path: Path, demo_data: Path
) -> None:
    env = installed(demo_data, tmp_path / "data")
    assert tribe(env, "backup", str(tmp_path / "b")).returncode == 0
    before = tables_of(env)
    refused = tribe(env, "restore", str(tmp_path / "b"))
    assert refused.returncode == 2
    assert "accounts already" in refused.stderr
    assert tables_of(env) == before


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00junk"])
def test_a_file_that_is_not_a_backup_is_refused_in_one_line(tmp_path: Path, content: bytes) -> None:
    bogus = tmp_path / "bogus"
    bogus.write_bytes(content)
    done = tribe(subprocess_env(tmp_path / "data"), "restore", str(bogus))
    assert done.returncode == 2
    assert "is not a backup of Tribe" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def two_postgres_databases() -> Iterator[tuple[str, str]]:
    psycopg = pytest.importorskip("psycopg")
    base = os.environ.get("TRIBE_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server on 127.0.0.1")
    names = [f"tribe_backup_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    root = base.rsplit("/", 1)[0]
    try:
        yield f"{root}/{names[0]}", f"{root}/{names[1]}"
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_postgresql_backup_and_restore_with_pg_dump(
    tmp_path: Path, two_postgres_databases: tuple[str, str]
) -> None:
    source_url, target_url = two_postgres_databases
    source = {**subprocess_env(tmp_path / "a"), "DATABASE_URL": source_url}
    target = {**subprocess_env(tmp_path / "b"), "DATABASE_URL": target_url}
    assert tribe(source, "demo").returncode == 0
    backed = tribe(source, "backup", str(tmp_path / "pg.backup"))
    assert backed.returncode == 0, backed.stderr
    restored = tribe(target, "restore", str(tmp_path / "pg.backup"))
    assert restored.returncode == 0, restored.stderr
    assert tables_of(target) == tables_of(source)
    assert tribe(target, "today", "--as", "maya@tribe.example").returncode == 0
