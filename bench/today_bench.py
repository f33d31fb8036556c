"""Benchmark of Today (``tribe.today.selectors.today_for``).

Two questions:

(a) Does Today stay cheap for a very connected person? One person with 200
    relationships (each with meetings, action items, advice, gratitude,
    touchpoints, questions, notes and an update) against the same shape with
    10: the query count must be identical and the time must grow far less
    than the 20-fold growth in data.
(b) The digest case: Today for 10,000 people at once (each in about three
    relationships), as a nightly e-mail digest runs it with ``today_for_many``,
    against the alternative of one person after another.

Usage::

    python bench/today_bench.py                    # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/today_bench.py

With DATABASE_URL the benchmark creates a throwaway database next to the one
named (``tribe_bench_today`` by default), and drops it at the end; the named
database is only used to connect. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

# The history is bench/_history.py's, shared with the page benchmark.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _history import relationship_history

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Africa/Lagos", "Australia/Sydney"]


# Database set-up ---------------------------------------------------------------


@contextmanager
def throwaway_database(db_name: str) -> Iterator[str]:
    """A fresh database for the run: SQLite in a temp folder, or a new PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="tribe-bench-") as folder:
        os.environ["TRIBE_DATA_DIR"] = folder  # the SQLite file and the secret key
        if not url:
            os.environ.pop("DATABASE_URL", None)
            yield f"SQLite ({Path(folder) / 'tribe.sqlite3'})"
            return
        import psycopg

        parts = urlsplit(url)
        admin = psycopg.connect(url, autocommit=True)
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{db_name}"')
            admin.execute(f'CREATE DATABASE "{db_name}"')
            os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{db_name}"))
            try:
                yield f"PostgreSQL ({parts.hostname}:{parts.port or 5432}/{db_name})"
            finally:
                from django.db import connections

                connections.close_all()
                admin.execute(f'DROP DATABASE IF EXISTS "{db_name}"')
        finally:
            admin.close()


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tribe.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


# Data --------------------------------------------------------------------------


def make_people(count: int, prefix: str) -> list[Any]:
    from tribe.people.models import Person

    people = [
        Person(
            email=f"{prefix}{i}@bench.example",
            name=f"{prefix.title()} {i}",
            timezone=ZONES[i % len(ZONES)],
            password="!",  # an unusable password: hashing 10,000 would time the hasher
        )
        for i in range(count)
    ]
    return Person.objects.bulk_create(people, batch_size=2000)


def analyze() -> None:
    """Refresh the planner's statistics, as autovacuum would soon after a bulk load.

    Without them PostgreSQL plans the joins of Today for empty tables, which
    no real installation sees for long (tens of milliseconds per query here).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def hub_person(count: int, name: str) -> Any:
    """A person in ``count`` relationships: mentee in three quarters, mentor in the rest."""
    (hub,) = make_people(1, name)
    others = make_people(count, f"{name}-other")
    pairs = [(hub, other) if i % 4 else (other, hub) for i, other in enumerate(others)]
    relationship_history(pairs, NOW)
    analyze()
    return hub


# Measuring ---------------------------------------------------------------------


def count_queries(call: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def database_share(call: Callable[[], object]) -> tuple[float, float]:
    """Seconds in all of ``call`` and in the database driver alone (the rest is Python)."""
    from django.db import connection

    in_database = 0.0

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal in_database
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            in_database += time.perf_counter() - start

    start = time.perf_counter()
    with connection.execute_wrapper(timed):
        call()
    return time.perf_counter() - start, in_database


def median_ms(call: Callable[[], object], repeats: int) -> float:
    call()  # warm up caches (zone data, query compilation paths)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15, help="runs per case in (a)")
    parser.add_argument("--people", type=int, default=10_000, help="people in the digest case")
    parser.add_argument(
        "--db-name", default="tribe_bench_today", help="PostgreSQL database to create"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    with throwaway_database(args.db_name) as where:
        setup_django()
        from tribe.people.models import Person
        from tribe.today.selectors import BATCH, today_for, today_for_many

        rows = []
        # (a) one person, 10 against 200 relationships.
        results = {}
        for count in (10, 200):
            hub = hub_person(count, f"hub{count}")
            hub = Person.objects.get(pk=hub.pk)
            result = today_for(person=hub, now=NOW)
            queries = count_queries(lambda hub=hub: today_for(person=hub, now=NOW))
            ms = median_ms(lambda hub=hub: today_for(person=hub, now=NOW), args.repeats)
            results[count] = (ms, queries)
            rows.append(
                (
                    f"(a) one person, {count} relationships",
                    f"{ms:.1f} ms (median of {args.repeats})",
                    str(queries),
                    f"{len(result.items)} items",
                )
            )
        ratio = results[200][0] / results[10][0]
        rows.append(
            (
                "(a) 200 vs 10 relationships (20 times the data)",
                f"{ratio:.1f} times the time",
                "same" if results[200][1] == results[10][1] else "DIFFERENT",
                "",
            )
        )

        # (b) the digest.
        t0 = time.perf_counter()
        people = make_people(args.people, "digest")
        pairs = [(p, people[(i + 1) % len(people)]) for i, p in enumerate(people)]
        pairs += [(p, people[(i + 7) % len(people)]) for i, p in enumerate(people) if i % 2 == 0]
        relationship_history(pairs, NOW)
        analyze()
        built = time.perf_counter() - t0
        everyone = list(Person.objects.filter(email__startswith="digest").order_by("pk"))
        # The digest as it will run: everyone at once, a fixed number of queries per batch.
        batch_queries = count_queries(lambda: today_for_many(people=everyone[:BATCH], now=NOW))
        start = time.perf_counter()
        digest = today_for_many(people=everyone, now=NOW)
        total = time.perf_counter() - start
        total_items = sum(len(t.items) for t in digest.values())
        # The alternative, one person after another, timed on a sample (the
        # whole run would take minutes), and checked to give the same answer.
        sampled = everyone[:: max(1, len(everyone) // 500)]
        start = time.perf_counter()
        singles = {p.pk: today_for(person=p, now=NOW) for p in sampled}
        one_by_one = (time.perf_counter() - start) / len(sampled)
        assert all(singles[pk].as_dict() == digest[pk].as_dict() for pk in singles), "batch differs"
        per_person = total / len(everyone)
        rows.append(
            (
                f"(b) digest: {len(everyone):,} people, {len(pairs):,} relationships, all at once",
                f"{total:.1f} s total, {1000 * per_person:.2f} ms per person",
                f"{batch_queries} per batch of {BATCH:,} people",
                f"{total_items:,} items",
            )
        )
        rows.append(
            (
                f"(b) alternative: one person at a time ({len(sampled)} sampled)",
                f"{1000 * one_by_one:.1f} ms per person ({one_by_one / per_person:.0f}x the batch)",
                f"{count_queries(lambda: today_for(person=sampled[0], now=NOW))} per person",
                "same items",
            )
        )
        spent, in_db = database_share(lambda: today_for_many(people=everyone[:BATCH], now=NOW))
        rows.append(
            (
                f"(b) where the batch's time goes ({BATCH:,} people)",
                f"{1000 * in_db / BATCH:.2f} ms per person in the database driver, "
                f"{1000 * (spent - in_db) / BATCH:.2f} ms in Python (ORM and Today)",
                "",
                "",
            )
        )

        from django.db import connection

        server = connection.cursor().connection  # the driver's connection
        version = getattr(server, "info", None) and f", server {server.info.server_version}"
        print(f"\nToday benchmark on {where}{version or ''}; Python {sys.version.split()[0]}")
        whole = time.perf_counter() - started
        print(f"Data for (b) built in {built:.1f} s; whole run {whole:.0f} s.\n")
        print("| case | time | queries | result |")
        print("|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
