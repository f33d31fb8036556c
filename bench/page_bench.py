"""Benchmark of the pages a person waits for, on the real server.

For one person with 10 relationships and one with 200 (each relationship with
meetings, action items, advice, gratitude, touchpoints, a question, a note and
an update, as in bench/today_bench.py, plus goals, contacts and requests
waiting), the benchmark starts the server as ``tribe serve`` does (waitress in
a subprocess, on 127.0.0.1 and a free port), signs in through the log-in page,
and asks for each page with a fixed number of concurrent clients, each on its
own keep-alive connection in its own process. ``GET /health/`` is the bare
view: the whole middleware stack and nothing else. Its requests per second
are the ceiling of this server with this client on this machine; every page
is given as a share of it, and since the client is the same, a page below the
ceiling is not held back by the client.

Usage::

    python bench/page_bench.py                     # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/page_bench.py
    python bench/page_bench.py --quick --min-ratio 0.5   # CI: exit 1 below half the bare view

With DATABASE_URL the benchmark creates a throwaway database next to the one
named (``tribe_bench_pages`` by default) and drops it at the end. Prints a
Markdown table: requests per second, median and 99th-percentile latency, the
share of the bare view, and the page's database queries (counted in process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import multiprocessing
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

# bench/ is on the path when this file runs as a script: the throwaway
# database and the bulk-made people are today_bench's, shared rather than copied.
import today_bench
from _history import relationship_history

PASSWORD = "bench-passphrase-not-secret-42"
HOST = "127.0.0.1"
SIZES = (10, 200)


# Data --------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """A person to sign in as, and the pages to ask for on their behalf."""

    count: int
    email: str
    pages: dict[str, str]  # label -> path


def build_subject(count: int, now: dt.datetime) -> Subject:
    """A person in ``count`` relationships, mentee in three quarters, mentor in the rest.

    The history is bench/_history.py's (dated from ``now``, since the server
    reads the real clock); a few relationships paused, at the intro or ended,
    so the board has several columns; goals, a contact per relationship, a few
    wins, and three requests waiting for the person's answer as a mentor.
    """
    from django.urls import reverse

    from tribe.ledger.models import Win
    from tribe.people.models import Contact, Goal, Person
    from tribe.relationships.models import Relationship

    (hub,) = today_bench.make_people(1, f"hub{count}-")
    hub.set_password(PASSWORD)
    hub.email_verified_at = now
    hub.open_to_mentoring = True
    hub.mentee_capacity = 5
    hub.save()
    others = today_bench.make_people(count, f"hub{count}-other")
    pairs = [(hub, other) if i % 4 else (other, hub) for i, other in enumerate(others)]
    rels = relationship_history(pairs, now)
    ids = [r.pk for r in rels]
    for status, step in (("paused", 10), ("intro", 7), ("ended", 13)):
        Relationship.objects.filter(pk__in=ids[step - 1 :: step]).update(status=status)
    goals = Goal.objects.bulk_create(
        [Goal(person=hub, title=f"Goal {i}", why="To grow") for i in range(5)]
    )
    for i, rel in enumerate(rels):
        if rel.mentee_id == hub.pk:
            rel.goals.add(goals[i % len(goals)])
    Contact.objects.bulk_create(
        [
            Contact(owner=hub, name=o.name, email=o.email, headline="Engineering lead")
            for o in others
        ]
    )
    Win.objects.bulk_create(
        [
            Win(person=hub, goal=goals[i % 5], happened_on=now.date(), text=f"Win {i}")
            for i in range(10)
        ]
    )
    askers = today_bench.make_people(3, f"hub{count}-asker")
    Relationship.objects.bulk_create(
        [
            Relationship(
                mentee=asker,
                mentor=hub,
                created_by=asker,
                status=Relationship.Status.ASKED,
                status_changed_at=now - dt.timedelta(days=2),
                asked_at=now - dt.timedelta(days=2),
                mentee_consented_at=now - dt.timedelta(days=2),
                purpose="Learn to lead",
                ask="An hour a month",
                request_message="Would you mentor me?",
            )
            for asker in askers
        ]
    )
    first = next(r for r in rels if r.mentee_id == hub.pk)
    pages = {
        "today": reverse("web:today"),
        "relationships (board)": reverse("web:relationships"),
        "relationship": reverse("web:relationship", args=[first.pk]),
        "contacts": reverse("web:contacts"),
        "goals": reverse("web:goals"),
        "requests": reverse("web:requests"),
        "overdue": reverse("web:overdue"),
        "advice": reverse("web:advice_log"),
        "gratitude": reverse("web:gratitude"),
        "updates": reverse("web:updates"),
        "wins": reverse("web:wins"),
        "tribe": reverse("web:tribe"),
        "impact": reverse("web:impact"),
    }
    assert Person.objects.filter(pk=hub.pk).exists()
    return Subject(count=count, email=hub.email, pages=pages)


def query_counts(subject: Subject) -> dict[str, int]:
    """Database queries of each page, through Django's test client in this process.

    Counted by a wrapper around every execution rather than from the query log,
    which a page that opens a new connection would start afresh.
    """
    from django.db import connection
    from django.test import Client

    from tribe.people.models import Person

    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    browser = Client()
    browser.force_login(Person.objects.get(email=subject.email))
    counts = {}
    for label, path in subject.pages.items():
        browser.get(path)  # first visit: the session's "last seen" write, caches
        executed.clear()
        with connection.execute_wrapper(count):
            response = browser.get(path)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(executed)
    return counts


# The server --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(threads: int) -> tuple[subprocess.Popen[bytes], int]:
    """``tribe serve`` in a subprocess, on the benchmark's database; returns when it answers."""
    port = free_port()
    src = str(Path(__file__).resolve().parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, "-m", "tribe.cli", "serve", "--host", HOST, "--port", str(port)]
    server = subprocess.Popen([*command, "--threads", str(threads)], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start-up (exit {server.returncode})")
        try:
            if get(http.client.HTTPConnection(HOST, port, timeout=5), "/health/")[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not answer within a minute")


def get(conn: http.client.HTTPConnection, path: str, cookie: str = "") -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    return response.status, response.read()


def cookies_of(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def sign_in(port: int, email: str) -> str:
    """Log in through the log-in page, as a browser does; the Cookie header to send."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/login/")
    page = conn.getresponse()
    jar = cookies_of(page)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.read())
    assert token, "no CSRF token on the log-in page"
    body = urlencode(
        {"csrfmiddlewaretoken": token.group(1).decode(), "username": email, "password": PASSWORD}
    )
    conn.request(
        "POST",
        "/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        },
    )
    answer = conn.getresponse()
    answer.read()
    jar |= cookies_of(answer)
    assert answer.status == 302 and "sessionid" in jar, f"log-in failed ({answer.status})"
    conn.close()
    return "; ".join(f"{k}={v}" for k, v in jar.items())


# The clients -------------------------------------------------------------------


def client_run(job: tuple[int, str, str, int, float]) -> tuple[float, float, list[float]]:
    """One client: up to ``n`` requests, for at most ``seconds``, one after another
    on one keep-alive connection.

    Returns its first start, its last end (CLOCK_MONOTONIC, the same in every
    process) and each request's latency in seconds.
    """
    port, path, cookie, n, seconds = job
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    latencies = []
    began = time.monotonic()
    stop = began + seconds
    for _ in range(n):
        start = time.monotonic()
        status, _body = get(conn, path, cookie)
        latencies.append(time.monotonic() - start)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        if start > stop:
            break
    ended = time.monotonic()
    conn.close()
    return began, ended, latencies


@dataclass(frozen=True)
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float


def drive(
    pool: Any, clients: int, port: int, path: str, cookie: str, requests: int, seconds: float
) -> Measure:
    """``requests`` requests to ``path`` from ``clients`` clients at once, or fewer
    if that takes more than ``seconds``, after a short warm-up."""
    each = max(1, requests // clients)
    warm_up = (port, path, cookie, max(2, each // 10), seconds / 10)
    pool.map(client_run, [warm_up] * clients)
    runs = pool.map(client_run, [(port, path, cookie, each, seconds)] * clients)
    began = min(r[0] for r in runs)
    ended = max(r[1] for r in runs)
    latencies = sorted(x for r in runs for x in r[2])
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    return Measure(
        rps=len(latencies) / (ended - began),
        p50_ms=1000 * statistics.median(latencies),
        p99_ms=1000 * p99,
    )


# Main --------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--threads", type=int, default=4, help="server threads (default 4)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per page, at most")
    parser.add_argument("--seconds", type=float, default=10, help="time per page, at most")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="for CI: 300 requests or 3 seconds a page, 10 relationships only",
    )
    parser.add_argument(
        "--min-ratio",
        type=float,
        default=None,
        metavar="R",
        help="exit 1 when a page serves less than R times the bare view's requests/s",
    )
    parser.add_argument("--pages", default="", help="comma-separated page labels (default all)")
    parser.add_argument("--db-name", default="tribe_bench_pages", help="PostgreSQL database")
    args = parser.parse_args()
    requests, seconds = (300, 3.0) if args.quick else (args.requests, args.seconds)
    sizes = (10,) if args.quick else SIZES

    with today_bench.throwaway_database(args.db_name) as where:
        today_bench.setup_django()
        from tribe.core import clock

        now = clock.now()
        subjects = [build_subject(count, now) for count in sizes]
        today_bench.analyze()
        counts = {s.count: query_counts(s) for s in subjects}
        from django.db import connections

        connections.close_all()  # the server has the database to itself while it is measured

        server, port = start_server(args.threads)
        rows = []
        below = []
        try:
            with multiprocessing.get_context("spawn").Pool(args.clients) as pool:
                bare = drive(pool, args.clients, port, "/health/", "", requests * 2, seconds)
                rows.append(("", "bare view (/health/)", bare, 1.0, "0"))
                for subject in subjects:
                    cookie = sign_in(port, subject.email)
                    for label, path in subject.pages.items():
                        if args.pages and label not in args.pages.split(","):
                            continue
                        m = drive(pool, args.clients, port, path, cookie, requests, seconds)
                        ratio = m.rps / bare.rps
                        if args.min_ratio is not None and ratio < args.min_ratio:
                            below.append(f"{label} ({subject.count} relationships)")
                        queries = str(counts[subject.count][label])
                        rows.append((str(subject.count), label, m, ratio, queries))
        finally:
            server.terminate()
            server.wait(timeout=30)

        print(
            f"\nPage benchmark on {where}; Python {sys.version.split()[0]}, "
            f"{os.cpu_count()} CPUs; waitress --threads {args.threads}, "
            f"{args.clients} clients, up to {requests} requests or {seconds:g} s a page.\n"
        )
        print("| relationships | page | requests/s | p50 ms | p99 ms | vs bare view | queries |")
        print("|---:|---|---:|---:|---:|---:|---:|")
        for size, label, m, ratio, queries in rows:
            print(
                f"| {size} | {label} | {m.rps:.0f} | {m.p50_ms:.1f} | {m.p99_ms:.1f} "
                f"| {100 * ratio:.0f} % | {queries} |"
            )
    if below:
        print(f"\nBelow {args.min_ratio:.0%} of the bare view: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
