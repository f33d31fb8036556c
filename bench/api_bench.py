"""Benchmark of the JSON API (``/api/``) against the pages it mirrors.

One person with 50 goals, 20 active relationships and 100 meetings (50 in
the first relationship, the other 50 spread over the other 19, half held
and half planned). Every request goes through Django's whole stack in this
process (``django.test.Client``: the middleware, the URL resolver, the view
and the serialiser or template; no network, no server), so the figures are
Tribe's own cost per request:

- ``GET /api/goals`` (a personal API token) against the goals page
  ``/goals/`` (the browser's session): the same 50 goals;
- ``GET /api/meetings?limit=50`` (a page of all the person's meetings) and
  ``GET /api/meetings?relationship=R`` (the first relationship's 50) against
  that relationship's page ``/relationships/R/``, which lists the same 50
  meetings among everything else it shows; there is no page of all meetings;
- the cost of token authentication itself: the same API requests (and the
  bare ``GET /api/me``) with the token and with the session.

Each request is asked ``--requests`` times in a row; the repetitions take
turns (so a burst of load elsewhere hits every case alike) and the best of
``--repeats`` is kept. Query counts and response sizes are of one request.

Usage::

    python bench/api_bench.py                     # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/api_bench.py

With DATABASE_URL a throwaway database is created next to the one named
(``tribe_bench_api`` by default, ``--db-name``) and dropped at the end.
Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from today_bench import analyze, make_people, setup_django, throwaway_database

GOALS = 50
RELATIONSHIPS = 20
MEETINGS = 100


@dataclass(frozen=True)
class Case:
    label: str
    path: str
    auth: str  # "token" or "session"


def build(now: dt.datetime) -> tuple[Any, int]:
    """The person, their goals, relationships and meetings; the first relationship's id."""
    from tribe.meetings.models import Meeting
    from tribe.people.models import Goal
    from tribe.relationships.models import Relationship

    (hub,) = make_people(1, "api-hub")
    hub.email_verified_at = now
    hub.save(update_fields=["email_verified_at"])
    others = make_people(RELATIONSHIPS, "api-other")
    statuses = ["open", "in_progress", "achieved", "dropped"]
    goals = Goal.objects.bulk_create(
        [
            Goal(
                person=hub,
                title=f"Goal {i}: lead a team of {i % 9 + 2}",
                why="To grow into the role I was hired for, and to help others do the same.",
                target_date=now.date() + dt.timedelta(days=30 + i),
                status=statuses[i % 4],
            )
            for i in range(GOALS)
        ]
    )
    agreed = now - dt.timedelta(days=200)
    rels = Relationship.objects.bulk_create(
        [
            # Mentee in three quarters, mentor in the rest, as the other benchmarks.
            Relationship(
                mentee=hub if i % 4 else other,
                mentor=other if i % 4 else hub,
                created_by=hub,
                status=Relationship.Status.ACTIVE,
                status_changed_at=agreed,
                asked_at=agreed - dt.timedelta(days=3),
                agreed_at=agreed,
                mentee_consented_at=agreed,
                mentor_consented_at=agreed,
                purpose="Grow into a lead role",
                cadence_days=14,
                update_every_days=90,
            )
            for i, other in enumerate(others)
        ]
    )
    for i, rel in enumerate(rels):
        if rel.mentee_id == hub.pk:
            rel.goals.add(goals[i % GOALS])
    meetings = []
    for i in range(MEETINGS):
        rel = rels[0] if i < MEETINGS // 2 else rels[1 + i % (RELATIONSHIPS - 1)]
        starts = now + dt.timedelta(days=7 * (i - MEETINGS // 2), hours=i % 5)
        meetings.append(
            Meeting(
                relationship=rel,
                title=f"Check-in {i}",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=1),
                location="https://meet.example/abc-defg-hij",
                status=Meeting.Status.HELD if starts < now else Meeting.Status.PLANNED,
            )
        )
    Meeting.objects.bulk_create(meetings)
    analyze()
    return hub, rels[0].pk


def clients(hub: Any) -> dict[str, Any]:
    """A client sending the person's API token, and one signed in with a session."""
    from django.test import Client

    from tribe.accounts.services import token_create

    _, secret = token_create(person=hub, name="bench")
    token = Client(headers={"Authorization": f"Bearer {secret}"})
    session = Client()
    session.force_login(hub)
    return {"token": token, "session": session}


def one(client: Any, path: str) -> tuple[int, int]:
    """Queries and bytes of one request (after it answered 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    return len(captured.captured_queries), len(response.content)


def rate(client: Any, path: str, requests: int) -> float:
    """Requests per second over ``requests`` requests in a row."""
    start = time.perf_counter()
    for _ in range(requests):
        client.get(path)
    return requests / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="requests per repetition")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--db-name", default="tribe_bench_api")
    args = parser.parse_args()
    os.environ.setdefault("TRIBE_LANGUAGE", "en")

    with throwaway_database(args.db_name) as where:
        setup_django()
        from tribe.core import clock

        hub, first = build(clock.now())
        by_auth = clients(hub)
        relationship = f"/relationships/{first}/"
        cases = [
            Case("goals page `/goals/`", "/goals/", "session"),
            Case("`GET /api/goals`", "/api/goals", "token"),
            Case("`GET /api/goals`", "/api/goals", "session"),
            Case(f"relationship page `{relationship}`", relationship, "session"),
            Case("`GET /api/meetings?limit=50`", "/api/meetings?limit=50", "token"),
            Case("`GET /api/meetings?limit=50`", "/api/meetings?limit=50", "session"),
            Case(
                f"`GET /api/meetings?relationship={first}`",
                f"/api/meetings?relationship={first}",
                "token",
            ),
            Case("`GET /api/me`", "/api/me", "token"),
            Case("`GET /api/me`", "/api/me", "session"),
        ]
        shape: dict[Case, tuple[int, int]] = {}
        for case in cases:
            client = by_auth[case.auth]
            for _ in range(5):  # warm-up: caches, the session's first writes, the token's touch
                client.get(case.path)
            shape[case] = one(client, case.path)
        best: dict[Case, float] = dict.fromkeys(cases, 0.0)
        started = time.perf_counter()
        for _ in range(args.repeats):
            for case in cases:
                best[case] = max(best[case], rate(by_auth[case.auth], case.path, args.requests))
        seconds = time.perf_counter() - started
        load = os.getloadavg()

        print(
            f"\nAPI against pages on {where}; {GOALS} goals, {RELATIONSHIPS} relationships, "
            f"{MEETINGS} meetings; best of {args.repeats} x {args.requests} requests; "
            f"Python {sys.version.split()[0]}; load average {load[0]:.2f} / {load[1]:.2f} "
            f"at the end ({seconds:.0f} s of timing)\n"
        )
        print("| request | as | requests/s | ms each | queries | bytes |")
        print("|---|---|---:|---:|---:|---:|")
        for case in cases:
            queries, size = shape[case]
            print(
                f"| {case.label} | {case.auth} | {best[case]:,.0f} | {1000 / best[case]:.2f} "
                f"| {queries} | {size:,} |"
            )

        def find(path: str, auth: str) -> Case:
            return next(c for c in cases if c.path == path and c.auth == auth)

        goals_api, goals_page = find("/api/goals", "token"), find("/goals/", "session")
        meetings_api = find("/api/meetings?limit=50", "token")
        own = find(f"/api/meetings?relationship={first}", "token")
        page = find(relationship, "session")
        print("\n| comparison | ratio of requests/s |")
        print("|---|---:|")
        print(f"| `/api/goals` (token) ÷ `/goals/` | {best[goals_api] / best[goals_page]:.2f} |")
        print(
            f"| `/api/meetings?limit=50` (token) ÷ relationship page "
            f"| {best[meetings_api] / best[page]:.2f} |"
        )
        print(
            f"| `/api/meetings?relationship=…` (token) ÷ relationship page "
            f"| {best[own] / best[page]:.2f} |"
        )
        for path in ("/api/me", "/api/goals", "/api/meetings?limit=50"):
            token, session = find(path, "token"), find(path, "session")
            extra = 1000 / best[token] - 1000 / best[session]
            print(
                f"| `{path}`: token ÷ session | {best[token] / best[session]:.2f} "
                f"({extra:+.2f} ms a request) |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
