"""Commands that do not match start without the engine's heavy libraries.

``tribe --help`` and ``tribe today`` are what a person waits for most; numpy,
scipy, scikit-learn, the embedding model and OR-Tools cost most of a second
to import and neither command uses them. Each case runs the real entry point
in a new process and reads ``sys.modules`` as it exits. How fast they start
is measured in ``bench/startup_bench.py``, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import subprocess_env

HEAVY = ("numpy", "scipy", "sklearn", "wordllama", "ortools")

#: Runs ``tribe ARGS…`` in this process and, as it exits (``--help`` exits
#: through argparse), prints which of the heavy libraries were imported as the
#: last line on stderr.
PROBE = f"""
import atexit, json, sys

def report():
    found = {{name.split(".")[0] for name in sys.modules}} & set({HEAVY!r})
    print("heavy: " + json.dumps(sorted(found)), file=sys.stderr)

atexit.register(report)
from tribe.cli import main
sys.exit(main(sys.argv[1:]))
"""

#: Makes a personal install with one account and nothing else.
ONE_ACCOUNT = """
import django
django.setup()
from tribe.cli import ensure_migrated
from tribe.people.accounts import person_create
ensure_migrated()
person_create(email="solo@example.com", name="Solo Person", password=None)
"""


def run(code: str, *args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=subprocess_env(data_dir),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def heavy_imports(*args: str, data_dir: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``tribe ARGS…``; the finished process and the heavy libraries it imported."""
    done = run(PROBE, *args, data_dir=data_dir)
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("heavy: "), done.stderr
    return done, json.loads(last.removeprefix("heavy: "))


@pytest.fixture(scope="module")
def one_account(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose SQLite database holds one account."""
    data_dir = tmp_path_factory.mktemp("startup") / "data"
    made = run(ONE_ACCOUNT, data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    return data_dir


@pytest.mark.parametrize("args", [("--help",), ("today", "--help")], ids=" ".join)
def test_help_imports_no_engine(args: tuple[str, ...], tmp_path: Path) -> None:
    done, heavy = heavy_imports(*args, data_dir=tmp_path / "data")

    assert done.returncode == 0, done.stderr
    assert "usage: tribe" in done.stdout
    assert heavy == []


def test_today_imports_no_engine(one_account: Path) -> None:
    done, heavy = heavy_imports("today", data_dir=one_account)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Today for Solo Person, ")
    assert heavy == []


def test_a_match_still_loads_the_engine(tmp_path: Path) -> None:
    # The probe itself is checked: the command that matches does import numpy.
    pairs, mentors = tmp_path / "pairs.csv", tmp_path / "mentors.csv"
    pairs.write_text("mentee_id,mentor_id,score\na,m,0.5\n", encoding="utf-8")
    mentors.write_text("id,capacity\nm,1\n", encoding="utf-8")

    done, heavy = heavy_imports(
        "match", "--pairs", str(pairs), "--mentors", str(mentors), data_dir=tmp_path / "data"
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("a,m,0.500000,matched")
    assert "numpy" in heavy


def test_every_engine_name_is_importable_from_the_package(tmp_path: Path) -> None:
    # The package loads its names on first use; each one named in __all__ must resolve.
    code = (
        "import sys, tribe_engine\n"
        "assert 'numpy' not in sys.modules, 'import tribe_engine loaded numpy'\n"
        "missing = [n for n in tribe_engine.__all__ if getattr(tribe_engine, n, None) is None]\n"
        "assert not missing, missing\n"
        "from tribe_engine import EngineError, Profile, canonical_skill, match\n"
        "import tribe_engine._skills\n"
        "assert canonical_skill is tribe_engine._skills.canonical\n"
        "assert set(tribe_engine.__all__) <= set(dir(tribe_engine))\n"
    )
    done = run(code, data_dir=tmp_path / "data")

    assert done.returncode == 0, done.stderr
