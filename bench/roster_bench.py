"""Benchmark of the roster import (``tribe.programs.roster_import.roster_import``).

The issue "Running a programme" asks that importing a roster of 100,000 rows,
dry run and real, complete within 60 seconds and under 1 GB, all or nothing.
Four steps on one seeded HR export (100,000 people in a tree of managers
named by e-mail, each reporting to someone earlier; hire dates, statuses),
each in a fresh child process so that its peak memory is its own:

1. dry run of the first import (100,000 new rows): nothing is written;
2. the first import, applied;
3. dry run of a re-import: 10 % of the titles changed, 1 % terminated, 1 %
   missing from the file (``deactivate_missing``), 1,000 new people;
4. that re-import, applied.

The alternative, in the same run: a naive import that reads and saves row by
row (``update_or_create`` and a manager look-up per row), timed on 2,000 rows
and scaled up.

Time is the wall-clock time of the import call; CPU is the child's own user
and system time over the same call (the database server's share is not in
it), which a busy machine disturbs less. Memory is the child's peak resident
set (``resource.getrusage(RUSAGE_SELF).ru_maxrss`` read at its end: the whole
process, Django and the file included), not tracemalloc's Python-only figure.

Usage::

    python bench/roster_bench.py                     # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/roster_bench.py

With DATABASE_URL the benchmark creates a throwaway database next to the one
named (``tribe_bench_roster`` by default), and drops it at the end. Prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from today_bench import throwaway_database

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
HEADER = (
    "Employee ID,Work Email,First Name,Last Name,Manager Email,Department,"
    "Job Title,Location,Hire Date,Employment Status\n"
)
DEPARTMENTS = ["Engineering", "Sales", "Finance", "People", "Legal", "Support", "Design"]
TITLES = ["Engineer", "Senior Engineer", "Manager", "Analyst", "Designer", "Director"]
PLACES = ["London", "Berlin", "Lagos", "Pune", "Toronto", "Sydney", "São Paulo"]


def export(rows: int, seed: int, *, changed: bool = False) -> str:
    """The HR export: a tree of managers (each reports to an earlier, more senior person)."""
    rnd = random.Random(seed)
    lines = [HEADER]
    count = rows + (1000 if changed else 0)
    change = random.Random(seed + 1)
    for i in range(count):
        manager = "" if i == 0 else f"p{rnd.randrange(i // 8, i)}@corp.example"
        title, place = rnd.choice(TITLES), rnd.choice(PLACES)
        department = rnd.choice(DEPARTMENTS)
        hired = dt.date(2000, 1, 1) + dt.timedelta(days=rnd.randrange(9000))
        status = "Active"
        if changed and i < rows:
            missing, retitled, left = (change.random() for _ in range(3))
            if missing < 0.01:
                continue  # missing from the second file
            if retitled < 0.10:
                title = "Principal " + title
            if left < 0.01:
                status = "Terminated"
        lines.append(
            f"E{i:06d},p{i}@corp.example,Given{i},Family{i},{manager},"
            f"{department},{title},{place},{hired.isoformat()},{status}\n"
        )
    return "".join(lines)


def setup_django(migrate: bool) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tribe.settings")
    import django
    from django.core.management import call_command

    django.setup()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)


def child(step: str, path: str) -> None:
    """One step, in its own process: prints its time, peak memory and counts as JSON."""
    setup_django(migrate=False)
    from tribe.people.models import Person
    from tribe.programs.models import Programme
    from tribe.programs.roster_import import roster_import

    actor = Person.objects.get(email="admin@corp.example")
    programme = Programme.objects.get(slug="bench")
    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    started = time.perf_counter()
    if step == "naive":
        elapsed, rows = naive(programme, data)
        result = {"rows": rows}
    else:
        preview = roster_import(
            actor=actor,
            programme=programme,
            data=data,
            deactivate_missing=step.startswith("re"),
            dry_run=step.endswith("dry"),
            now=NOW,
        )
        elapsed = time.perf_counter() - started
        result = {
            k: getattr(preview, k) for k in ("rows", "new", "updated", "unchanged", "deactivated")
        }
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    peak_mb = usage.ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mb": peak_mb, **result}))


def naive(programme: object, data: bytes) -> tuple[float, int]:
    """The obvious import: a read and a save per row, and a look-up per manager."""
    import csv
    import io

    from django.db import transaction

    from tribe.programs.models import RosterEntry

    rows = list(csv.DictReader(io.StringIO(data.decode())))[:2000]
    started = time.perf_counter()
    with transaction.atomic():
        for row in rows:
            manager = RosterEntry.objects.filter(
                programme=programme, email=row["Manager Email"]
            ).first()
            RosterEntry.objects.update_or_create(
                programme=programme,
                employee_id="N" + row["Employee ID"],
                defaults={
                    "email": "n." + row["Work Email"],
                    "given_name": row["First Name"],
                    "family_name": row["Last Name"],
                    "manager": manager,
                    "title": row["Job Title"],
                    "hire_date": dt.date.fromisoformat(row["Hire Date"]),
                },
            )
        transaction.set_rollback(True)
    return time.perf_counter() - started, len(rows)


def run_child(step: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", step, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--db-name", default="tribe_bench_roster")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    with throwaway_database(args.db_name) as where, tempfile.TemporaryDirectory() as folder:
        setup_django(migrate=True)
        from tribe.people.models import Person
        from tribe.programs.services import programme_create

        admin = Person.objects.create_user("admin@corp.example", None, name="Admin")
        programme_create(actor=admin, name="Bench", slug="bench")
        from django.db import connections

        connections.close_all()
        first, second = Path(folder) / "first.csv", Path(folder) / "second.csv"
        first.write_text(export(args.rows, args.seed))
        second.write_text(export(args.rows, args.seed, changed=True))
        size = first.stat().st_size / 1024 / 1024
        steps = [
            ("first import, dry run", "dry", first),
            ("first import, applied", "apply", first),
            ("re-import, dry run", "redry", second),
            ("re-import, applied", "reapply", second),
            ("naive: a save per row (2,000 rows)", "naive", first),
        ]
        print(f"\nRoster import on {where}; {args.rows:,} rows ({size:.1f} MB); ", end="")
        print(f"Python {sys.version.split()[0]}\n")
        print("| step | time | CPU | peak memory | new | updated | unchanged | deactivated |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for label, step, path in steps:
            r = run_child(step, path)
            if step == "naive":
                scaled = r["seconds"] / r["rows"] * args.rows
                print(
                    f"| {label} | {r['seconds']:.1f} s (100,000 rows: about {scaled:.0f} s) "
                    f"| {r['cpu']:.1f} s | {r['peak_mb']:.0f} MB | | | | |"
                )
                continue
            print(
                f"| {label} | {r['seconds']:.1f} s | {r['cpu']:.1f} s | {r['peak_mb']:.0f} MB "
                f"| {r['new']:,} "
                f"| {r['updated']:,} | {r['unchanged']:,} | {r['deactivated']:,} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
