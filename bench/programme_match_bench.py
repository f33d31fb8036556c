"""Benchmark of a programme's match run, from the database to a stored
preview, and of publishing it (``tribe.programs.runs``).

The issue asks that a run for 10,000 mentees and 3,000 mentors complete
within 30 seconds, from the database to a stored preview, and publishing it
within another 30. The script makes one seeded programme (people with zones,
languages, seniority and a weekly window; a roster with a manager chain;
participants with intake texts, capacities 1-5 (fewer places than mentees),
a few avoid lists and pair rules), then times:

(a) ``run_create``: reading the pool, the engine three times (the run's
    trade-off and the two others for the side-by-side figures), the
    explanations, and storing the pairs, the unmatched and the summary;
(b) ``run_publish``: checking that nobody changed and creating one offer per
    pair with ``bulk_create``;
(c) the alternative to (b): one ``MatchOffer.objects.create`` per pair, timed
    on the first 1,000 pairs inside a transaction that is rolled back, and
    extrapolated.

Usage::

    python bench/programme_match_bench.py                 # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/programme_match_bench.py

With DATABASE_URL the benchmark creates a throwaway database next to the one
named (``tribe_bench_programme`` by default) and drops it at the end. Prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from today_bench import analyze, setup_django, throwaway_database

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
ZONES = [
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Africa/Lagos",
    "Australia/Sydney",
]
LANGUAGES = [["English"], ["English", "German"], ["English", "Spanish"], ["German"], ["English"]]
SKILLS = (  # noqa: SIM905 - a sentence of words reads better than a list
    "python sql testing kubernetes terraform react typescript design research accessibility "
    "leadership negotiation sales marketing finance hiring interviewing writing speaking "
    "rust go java kotlin swift android ios security privacy analytics statistics "
    "machine-learning data-engineering product strategy roadmaps coaching feedback "
    "architecture performance databases networking cloud devops observability"
).split()


def make_programme(mentees: int, mentors: int, seed: int) -> Any:
    from tribe.people.models import AvailabilityWindow, Person
    from tribe.programs.models import (
        PairRule,
        Participant,
        Programme,
        ProgrammeAdmin,
        Role,
        RosterEntry,
    )

    rng = random.Random(seed)
    admin = Person.objects.create(email="admin@bench.example", name="Admin", password="!")
    programme = Programme.objects.create(
        name="Bench", slug="bench", min_overlap_hours=1.0, min_seniority_gap=1.0
    )
    ProgrammeAdmin.objects.create(programme=programme, person=admin)
    total = mentees + mentors
    people = Person.objects.bulk_create(
        [
            Person(
                email=f"p{i}@bench.example",
                name=f"Person {i}",
                timezone=ZONES[rng.randrange(len(ZONES))],
                languages=LANGUAGES[rng.randrange(len(LANGUAGES))],
                seniority=rng.randint(0, 6) if i < mentees else rng.randint(4, 25),
                password="!",
            )
            for i in range(total)
        ],
        batch_size=2000,
    )
    AvailabilityWindow.objects.bulk_create(
        [
            AvailabilityWindow(
                person=p, weekday=rng.randrange(5), starts=dt.time(start), ends=dt.time(start + 6)
            )
            for p in people
            for start in [rng.choice((7, 8, 9, 10, 12))]
        ],
        batch_size=2000,
    )
    # The roster: mentors manage about three people each, up a chain.
    entries = RosterEntry.objects.bulk_create(
        [
            RosterEntry(programme=programme, employee_id=str(i), email=p.email, person=p)
            for i, p in enumerate(people)
        ],
        batch_size=2000,
    )
    for i, entry in enumerate(entries):
        if i >= mentees + 50:  # everyone but the top 50 mentors has a manager
            entry.manager_id = entries[mentees + rng.randrange(50)].pk
        elif i < mentees and rng.random() < 0.3:
            entry.manager_id = entries[mentees + rng.randrange(mentors)].pk
    RosterEntry.objects.bulk_update(entries, ["manager"], batch_size=2000)

    def words(low: int, high: int) -> str:
        return " ".join(rng.sample(SKILLS, rng.randint(low, high)))

    participants = Participant.objects.bulk_create(
        [
            Participant(
                programme=programme,
                person=p,
                roster_entry=entries[i],
                role=Role.MENTEE if i < mentees else Role.MENTOR,
                joined_at=NOW,
                wants=f"I want to learn {words(2, 4)}" if i < mentees else "",
                offers=f"I can help with {words(3, 6)}" if i >= mentees else "",
                capacity=0 if i < mentees else rng.randint(1, 5),
            )
            for i, p in enumerate(people)
        ],
        batch_size=2000,
    )
    mentor_ids = [p.pk for p in participants[mentees:]]
    for p in participants[: mentees // 20]:  # 5 % avoid someone, 5 % rank mentors
        p.avoid = [rng.choice(mentor_ids)]
    for p in participants[mentees // 20 : mentees // 10]:
        p.preferred = rng.sample(mentor_ids, 3)
    Participant.objects.bulk_update(participants[: mentees // 10], ["avoid", "preferred"])
    PairRule.objects.bulk_create(
        [
            PairRule(
                programme=programme,
                mentee=participants[k],
                mentor=participants[mentees + k],
                kind="forbid" if k % 2 else "lock",
                created_by=admin,
            )
            for k in range(0, 200, 7)
        ]
    )
    return admin, programme


def timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = work()
    return time.perf_counter() - start, out


def timed_cpu(work: Any) -> tuple[float, float, Any]:
    """Wall-clock and this process's CPU seconds (the database server's are not
    in the second figure; on a loaded machine the first includes waiting)."""
    cpu = time.process_time()
    wall, out = timed(work)
    return wall, time.process_time() - cpu, out


def one_by_one(run: Any, limit: int) -> float:
    """The alternative to bulk_create: one INSERT per offer (rolled back)."""
    from django.db import transaction

    from tribe.programs.models import MatchOffer

    pairs = list(run.pairs.values("mentee_id", "mentor_id", "score", "explanation")[:limit])
    start = time.perf_counter()
    with transaction.atomic():
        for p in pairs:
            MatchOffer.objects.create(programme=run.programme, run=run, **p)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed / max(len(pairs), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--db-name", default="tribe_bench_programme")
    args = parser.parse_args()
    with throwaway_database(args.db_name) as where:
        setup_django()
        t_make, (admin, programme) = timed(
            lambda: make_programme(args.mentees, args.mentors, args.seed)
        )
        analyze()
        from django.db import connection, reset_queries
        from django.test.utils import CaptureQueriesContext

        from tribe.programs.runs import run_create, run_publish

        reset_queries()
        with CaptureQueriesContext(connection) as q_run:
            t_run, c_run, run = timed_cpu(
                lambda: run_create(actor=admin, programme=programme, now=NOW)
            )
        per_offer = one_by_one(run, 1000)
        with CaptureQueriesContext(connection) as q_pub:
            t_pub, c_pub, offers = timed_cpu(lambda: run_publish(actor=admin, run=run, now=NOW))
        s = run.summary
        print(f"{where}; {args.mentees:,} mentees x {args.mentors:,} mentors, seed {args.seed}")
        print(f"(data made in {t_make:.1f} s, not counted)\n")
        print("| what | wall (CPU here) | queries | result |")
        print("|---|---:|---:|---|")
        proof = s["proof"] or {}
        print(
            f"| (a) `run_create`: database to stored preview, 3 objectives "
            f"| {t_run:.2f} s ({c_run:.2f} s) "
            f"| {len(q_run.captured_queries)} | {s['matched']:,} matched, "
            f"{s['unmatched']:,} unmatched, {s['seats']:,} seats; proven {proof.get('proven')} |"
        )
        print(
            f"| (b) `run_publish`: {offers:,} offers with bulk_create "
            f"| {t_pub:.2f} s ({c_pub:.2f} s) "
            f"| {len(q_pub.captured_queries)} | exactly once |"
        )
        print(
            f"| (c) alternative: one INSERT per offer (1,000 timed) | "
            f"{per_offer * offers:.2f} s (extrapolated) | {offers:,} | - |"
        )
        print()
        for name, f in s["compare"].items():
            print(
                f"- {name}: {f['matched']:,} matched, total fit {f['total_fit']:.2f}, "
                f"lowest {f['lowest']}"
            )


if __name__ == "__main__":
    main()
