"""``python -m tribe.cli`` as a new user runs it: a fresh data directory, no configuration."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import subprocess_env
from tribe.cli.errors import CliCode
from tribe.demo.personas import DEMO_PASSWORD


def test_first_start_migrates_then_demo_and_today_work(tribe_process) -> None:
    demo = tribe_process("demo")

    assert demo.returncode == 0, demo.stderr
    assert "Traceback" not in demo.stderr
    assert "maya@tribe.example" in demo.stdout
    assert f"password “{DEMO_PASSWORD}”" in demo.stdout
    database = tribe_process.data_dir / "tribe.sqlite3"
    assert database.exists()  # migrations ran on first start, with no setup step

    today = tribe_process("today", "--as", "maya@tribe.example", "--json")

    assert today.returncode == 0, today.stderr
    assert today.stderr == ""
    data = json.loads(today.stdout)
    assert data["person"] == "maya@tribe.example"
    kinds = {item["kind"] for item in data["items"]}
    assert {"meeting", "action_item", "schedule"} <= kinds
    # Maya's plan for Ravi is overdue, and overdue things come first.
    urgencies = [item["urgency"] for item in data["items"]]
    assert urgencies[0] == "overdue"
    plan = next(i for i in data["items"] if i["title"] == "Write a one-page plan for next quarter")
    assert (plan["kind"], plan["urgency"], plan["with"]) == ("action_item", "overdue", "Ravi Menon")


def test_first_start_with_no_accounts_is_a_clean_error(tribe_process) -> None:
    run = tribe_process("today")

    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        f"tribe today: error: --as: {CliCode.NO_ACCOUNTS.template}"
    ]
    with sqlite3.connect(tribe_process.data_dir / "tribe.sqlite3") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"people_person", "relationships_relationship", "django_migrations"} <= tables


def test_an_unknown_as_email_fails_cleanly_in_a_real_process(tribe_process) -> None:
    run = tribe_process("export", "--as", "nobody@example.com")

    assert run.returncode == 3
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [
        "tribe export: error: --as: no account with the e-mail address “nobody@example.com”"
    ]


def test_the_command_starts_without_a_settings_module(tmp_path: Path) -> None:
    # The installed ``tribe`` sets DJANGO_SETTINGS_MODULE itself, so what it imports
    # first may not read the settings (a ``gettext_noop`` at import time does).
    env = subprocess_env(tmp_path / "data")
    del env["DJANGO_SETTINGS_MODULE"]
    run = subprocess.run(
        [sys.executable, "-m", "tribe.cli", "match"],  # needs no database: quick
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )

    assert run.returncode == 2, run.stderr
    assert run.stderr.strip() == f"tribe match: error: {CliCode.CHOOSE_INPUT.template}"
