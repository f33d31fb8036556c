"""Start-up of the commands that do not match (issue 17).

Times ``tribe --help``, ``tribe today --help`` and ``tribe today`` as a person
waits for them: each a fresh process, wall clock from start to exit, and the
CPU time it used (user + system; steadier than the wall clock on a busy
machine). The first two need no database; ``tribe today`` runs on a demo
database (loaded once into a temporary data folder, or the one
``--data-dir`` names). Prints the median and best of ``--runs`` runs (after
one warm-up run, so the file cache is warm) as a Markdown table, with the
heavy libraries each command left in ``sys.modules``, and for reference
``django.setup()`` alone, the floor of every command that reads the database
or a translation.

``--baseline SRC`` also times another copy of the source (a folder holding
``tribe`` and ``tribe_engine``, put first on ``PYTHONPATH``), one run of it
before each run of this checkout, so both see the same load::

    mkdir /tmp/before && git archive HEAD~1 src | tar -x -C /tmp/before
    python bench/startup_bench.py --baseline /tmp/before/src

Usage::

    python bench/startup_bench.py                     # --runs 5
    python bench/startup_bench.py --runs 11 --data-dir /tmp/startup_home
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRIBE = Path(sys.executable).with_name("tribe")
AS = "maya@tribe.example"  # one of the demo people
HEAVY = ("numpy", "scipy", "sklearn", "wordllama", "ortools", "tokenizers", "safetensors")

#: Runs the ``tribe`` entry point in this process and prints, at exit, which
#: of the heavy libraries it imported (stderr, so the command's output stays).
PROBE = f"""
import atexit, sys

def report():
    found = {{m.split(".")[0] for m in sys.modules}} & {set(HEAVY)!r}
    print("heavy:", ",".join(sorted(found)) or "-", file=sys.stderr)

atexit.register(report)
from tribe.cli import main
sys.argv = ["tribe", *sys.argv[1:]]
sys.exit(main())
"""

COMMANDS = (
    ("tribe --help", ["--help"]),
    ("tribe today --help", ["today", "--help"]),
    ("tribe today (demo db)", ["today", "--as", AS]),
)
#: The floor: what any command that reads the database or a translation pays.
SETUP = "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'tribe.settings'; django.setup()"


def once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def heavy_modules(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], env=env, check=True, capture_output=True, text=True
    )
    return done.stderr.strip().rsplit("heavy: ", 1)[-1]


def row(label: str, runs: list[tuple[float, float]], heavy: str) -> str:
    wall = [w for w, _ in runs]
    cpu = statistics.median(c for _, c in runs)
    return f"| {label} | {ms(statistics.median(wall))} | {ms(min(wall))} | {ms(cpu)} | {heavy} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", help="a data folder with the demo (loaded if empty)")
    parser.add_argument("--baseline", metavar="SRC", help="another source tree to time alongside")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tribe-startup-") as folder:
        data_dir = options.data_dir or folder
        env = {**os.environ, "TRIBE_DATA_DIR": data_dir, "TRIBE_LANGUAGE": "en"}
        if not (Path(data_dir) / "tribe.sqlite3").exists():
            subprocess.run([str(TRIBE), "demo"], env=env, check=True, capture_output=True)
        versions = {"": env}
        if options.baseline:
            path = os.pathsep.join(filter(None, [options.baseline, env.get("PYTHONPATH")]))
            versions = {"before: ": {**env, "PYTHONPATH": path}, "after: ": env}
        print(f"{options.runs} runs each, load average {os.getloadavg()[0]:.2f}\n")
        print("| command | median | best | median CPU | heavy libraries imported |")
        print("|---|---:|---:|---:|---|")
        for label, argv in COMMANDS:
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
            for version_env in versions.values():
                once([str(TRIBE), *argv], version_env)  # warm the file cache
            for _ in range(options.runs):
                for name, version_env in versions.items():
                    runs[name].append(once([str(TRIBE), *argv], version_env))
            for name, version_env in versions.items():
                heavy = heavy_modules(argv, version_env)
                print(row(f"{name}`{label}`", runs[name], heavy))
        setup = [once([sys.executable, "-c", SETUP], env) for _ in range(options.runs)]
        print(row("for reference: `django.setup()` alone", setup, "-"))


if __name__ == "__main__":
    main()
