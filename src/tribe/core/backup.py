"""A whole installation to one file and back: ``tribe backup`` and ``tribe restore``.

On SQLite the copy is SQLite's online backup: consistent while the app is in
use (writers wait only for a page at a time), written to a temporary file in
the same folder and renamed, private to its owner (0600) like the database.
On PostgreSQL it is ``pg_dump``'s custom format, restored by ``pg_restore`` in
one transaction. A restore goes into an installation with no accounts yet (a
fresh data directory or an empty database), unless forced, and is checked
before anything is replaced: a file that is not a Tribe backup changes nothing.

:func:`fingerprint` gives each table's row count and a checksum of its rows,
so a restore can be compared with what was backed up.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils.translation import gettext_noop

from tribe.core.errors import Conflict, ErrorCode, ValidationError

__all__ = ["BackupCode", "Fingerprint", "backup", "fingerprint", "restore"]


class BackupCode(ErrorCode):
    """Why a backup or a restore was refused."""

    NOT_A_BACKUP = (
        "not_a_backup",
        gettext_noop("{path} is not a backup of Tribe ({reason})"),
    )
    NOT_EMPTY = (
        "restore_not_empty",
        gettext_noop(
            "this installation has {count} accounts already: restore into a new data "
            "directory or an empty database (or add --force to replace everything)"
        ),
    )
    NO_TOOL = (
        "no_pg_tool",
        gettext_noop("{tool} is needed for a PostgreSQL backup: install the PostgreSQL client"),
    )
    TOOL_FAILED = "pg_tool_failed", gettext_noop("{tool} failed: {detail}")
    UNWRITABLE = "backup_unwritable", gettext_noop("cannot write {path}: {reason}")


@dataclass(frozen=True)
class Fingerprint:
    """Per table: (rows, SHA-256 of its rows, sorted)."""

    tables: dict[str, tuple[int, str]]

    @property
    def rows(self) -> int:
        return sum(count for count, _ in self.tables.values())


def fingerprint() -> Fingerprint:
    """Row counts and checksums of every table of the current database. O(rows)."""
    tables: dict[str, tuple[int, str]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            # Sorted here, not by the database: the same order on every engine and
            # for tables without a single-column key.
            rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
            digest = hashlib.sha256()
            for row in rows:
                digest.update(row.encode())
            tables[table] = (len(rows), digest.hexdigest())
    return Fingerprint(tables)


def _plain(value: Any) -> Any:
    """The same value from SQLite and from a restore of it (memoryview vs bytes)."""
    return bytes(value) if isinstance(value, memoryview) else value


def _is_sqlite() -> bool:
    return bool(connection.vendor == "sqlite")


def backup(path: Path) -> int:
    """Copy the whole database to ``path``; the size written, in bytes."""
    path = Path(path)
    if _is_sqlite():
        return _sqlite_backup(path)
    return _pg_dump(path)


def restore(path: Path, *, force: bool = False) -> None:
    """Replace the (empty) database with the backup at ``path``.

    Raises :class:`ValidationError` (field "FILE") for a file that is not a
    backup, and :class:`Conflict` when the installation already has accounts
    and ``force`` is false; in both cases nothing changed.
    """
    path = Path(path)
    if not path.is_file():
        raise ValidationError(
            BackupCode.NOT_A_BACKUP, field="FILE", path=path, reason="no such file"
        )
    if _is_sqlite():
        _check_sqlite_backup(path)
    else:
        _check_pg_backup(path)
    accounts = _accounts()
    if accounts and not force:
        raise Conflict(BackupCode.NOT_EMPTY, count=accounts)
    if _is_sqlite():
        _sqlite_restore(path)
    else:
        _pg_restore(path)


def _accounts() -> int:
    with connection.cursor() as cursor:
        if "people_person" not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute("SELECT COUNT(*) FROM people_person")
        return int(cursor.fetchone()[0])


# -- SQLite ------------------------------------------------------------------------


def _live_sqlite() -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _sqlite_backup(path: Path) -> int:
    folder = path.resolve().parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=".tribe-backup-", dir=folder)
    except OSError as exc:
        raise ValidationError(
            BackupCode.UNWRITABLE, field="FILE", path=path, reason=exc.strerror
        ) from exc
    os.close(fd)  # mkstemp made it 0600: the copy is as private as the database
    try:
        target = sqlite3.connect(temporary)
        try:
            _live_sqlite().backup(target)
        finally:
            target.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path.stat().st_size


def _check_sqlite_backup(path: Path) -> None:
    def refuse(reason: str) -> ValidationError:
        return ValidationError(BackupCode.NOT_A_BACKUP, field="FILE", path=path, reason=reason)

    try:
        copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
            names = {name for (name,) in copy.execute("SELECT name FROM sqlite_master")}
        finally:
            copy.close()
    except sqlite3.DatabaseError as exc:
        raise refuse(str(exc)) from exc
    if verdict != "ok":
        raise refuse(f"integrity check: {verdict}")
    if not {"django_migrations", "people_person"} <= names:
        raise refuse("it has no Tribe tables")


def _sqlite_restore(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(_live_sqlite())
    finally:
        source.close()
    connection.close()  # the next query sees the restored schema from the start


# -- PostgreSQL --------------------------------------------------------------------


def _pg_command(tool: str) -> tuple[list[str], dict[str, str]]:
    """The tool with the connection's host, port, user and database; the password
    in the environment (never on a command line others can read)."""
    if shutil.which(tool) is None:
        raise Conflict(BackupCode.NO_TOOL, tool=tool)
    settings = connection.settings_dict
    args = [tool, "--no-owner", "--dbname", str(settings["NAME"])]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [option, str(settings[key])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _run(tool: str, args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["exit status " + str(done.returncode)])[-1]
        raise Conflict(BackupCode.TOOL_FAILED, tool=tool, detail=detail)


def _pg_dump(path: Path) -> int:
    args, env = _pg_command("pg_dump")
    _run("pg_dump", [*args, "--format=custom", "--file", str(path)], env)
    path.chmod(0o600)
    return path.stat().st_size


def _check_pg_backup(path: Path) -> None:
    _, env = _pg_command("pg_restore")
    done = subprocess.run(
        ["pg_restore", "--list", str(path)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or "people_person" not in done.stdout:
        reason = "it has no Tribe tables" if done.returncode == 0 else done.stderr.strip()
        raise ValidationError(BackupCode.NOT_A_BACKUP, field="FILE", path=path, reason=reason)


def _pg_restore(path: Path) -> None:
    connection.close()
    args, env = _pg_command("pg_restore")
    _run(
        "pg_restore",
        [*args, "--clean", "--if-exists", "--single-transaction", "--exit-on-error", str(path)],
        env,
    )
