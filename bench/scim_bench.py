"""Benchmark of SCIM provisioning (``/scim/v2/``) against the roster CSV import.

Keeping a programme's roster in step with the directory, two ways, for the
same N people (a tree of managers, each reporting to someone earlier;
departments and job titles), in three steps:

- SCIM, one HTTP request per person as an identity provider sends them,
  through Django's whole stack in this process (``django.test.Client``, the
  programme's SCIM token, each write its own transaction, committed):
  1. create: ``POST /Users`` per person (Okta's body, with the enterprise
     extension's department and manager, by employee id);
  2. change: ``PATCH /Users/{id}`` per person (a new job title, as Entra ID
     sends a changed attribute);
  3. leavers: ``PATCH /Users/{id}`` with ``active`` false per person (Okta's
     deactivation; ``DELETE`` does the same here).
- CSV, the administrator's upload through the roster import service: keep
  the file (``roster_upload_create``), preview it (``roster_upload_apply``
  dry run) and confirm it (applied), for 1. the first file, 2. the same file
  with every job title changed, 3. the file with every person's status
  "Terminated" (an empty file is refused; a shrunk one with "deactivate the
  missing" does the same writes). Also the import alone (``roster_import``
  applied, no upload, no preview).

Okta looks each person up before it creates them (``GET /Users?filter=
userName eq "…"``); those look-ups are timed as a row of their own, on the
full roster (1,000 of them, spread over it, scaled to N), so the create step
is the writes alone.

Each SCIM write's database queries are counted with CaptureQueriesContext
over the first 10 and the last 10 requests of each step (the roster empty or
full): a count that grows with the roster would show there.

Every repetition uses two new programmes; the best of ``--repeats`` is kept
for each step (they take turns, so a burst of load elsewhere is not one
method's alone).

Usage::

    python bench/scim_bench.py                     # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/scim_bench.py

With DATABASE_URL a throwaway database is created next to the one named
(``tribe_bench_scim`` by default, ``--db-name``) and dropped at the end.
Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from today_bench import NOW, analyze, setup_django, throwaway_database

CORE = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
HEADER = (
    "Employee ID,Work Email,First Name,Last Name,Manager Email,Department,"
    "Job Title,Employment Status\n"
)
DEPARTMENTS = ["Engineering", "Sales", "Finance", "People", "Legal", "Support", "Design"]
TITLES = ["Engineer", "Senior Engineer", "Manager", "Analyst", "Designer", "Director"]
CAPTURED = 10
#: Okta's look-ups timed per run (spread over the roster).
LOOKUPS = 1000
STEPS = ("create", "change", "leavers")
#: Okta's deactivation of a user.
LEAVE = {"schemas": [PATCH], "Operations": [{"op": "replace", "value": {"active": False}}]}


def people(count: int, seed: int) -> list[dict[str, Any]]:
    """The directory: each person reports to an earlier one (the first to nobody)."""
    rnd = random.Random(seed)
    found = []
    for i in range(count):
        found.append(
            {
                "number": f"E{i:06d}",
                "email": f"p{i}@corp.example",
                "given": f"Given{i}",
                "family": f"Family{i}",
                "manager": None if i == 0 else rnd.randrange(i // 8, i),
                "department": rnd.choice(DEPARTMENTS),
                "title": rnd.choice(TITLES),
            }
        )
    return found


def csv_file(directory: list[dict[str, Any]], step: str) -> bytes:
    lines = [HEADER]
    for p in directory:
        boss = directory[p["manager"]]["email"] if p["manager"] is not None else ""
        title = p["title"] if step == "create" else "Principal " + p["title"]
        status = "Terminated" if step == "leavers" else "Active"
        lines.append(
            f"{p['number']},{p['email']},{p['given']},{p['family']},{boss},"
            f"{p['department']},{title},{status}\n"
        )
    return "".join(lines).encode()


def okta_user(p: dict[str, Any], directory: list[dict[str, Any]]) -> dict[str, Any]:
    enterprise: dict[str, Any] = {"department": p["department"]}
    if p["manager"] is not None:
        enterprise["manager"] = {"value": directory[p["manager"]]["number"]}
    return {
        "schemas": [CORE, ENTERPRISE],
        "userName": p["email"],
        "name": {"givenName": p["given"], "familyName": p["family"]},
        "emails": [{"primary": True, "value": p["email"], "type": "work"}],
        "displayName": f"{p['given']} {p['family']}",
        "locale": "en-US",
        "externalId": p["number"],
        "title": p["title"],
        "groups": [],
        "password": "not-stored-1!",
        "active": True,
        ENTERPRISE: enterprise,
    }


class Scim:
    """The test client speaking SCIM with the programme's token."""

    def __init__(self, secret: str) -> None:
        from django.test import Client

        self.client = Client(headers={"Authorization": f"Bearer {secret}"})

    def __call__(self, method: str, path: str, body: Any = None, expect: int = 200) -> Any:
        data = json.dumps(body) if body is not None else ""
        response = self.client.generic(
            method, f"/scim/v2/{path}", data, content_type="application/scim+json"
        )
        assert response.status_code == expect, (method, path, response.content[:500])
        return json.loads(response.content) if response.content else None


def timed_requests(
    calls: list[Callable[[], Any]], counts: dict[str, list[int]]
) -> tuple[float, list[Any]]:
    """Seconds for all of ``calls``; the queries of the first and last few in ``counts``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = []
    start = time.perf_counter()
    for i, call in enumerate(calls):
        if i < CAPTURED or i >= len(calls) - CAPTURED:
            with CaptureQueriesContext(connection) as captured:
                results.append(call())
            counts["start" if i < CAPTURED else "end"].append(len(captured.captured_queries))
        else:
            results.append(call())
    return time.perf_counter() - start, results


def scim_run(
    admin: Any, slug: str, directory: list[dict[str, Any]]
) -> tuple[dict[str, float], dict[str, dict[str, list[int]]]]:
    from tribe.programs.models import Programme, RosterEntry
    from tribe.programs.provisioning import scim_token_create
    from tribe.programs.services import programme_create

    programme = programme_create(actor=admin, name=slug, slug=slug)
    _, secret = scim_token_create(actor=admin, programme=programme, name="Okta")
    scim = Scim(secret)
    scim("GET", "ServiceProviderConfig")  # Okta's connection test (and the token's first touch)
    seconds: dict[str, float] = {}
    counts: dict[str, dict[str, list[int]]] = {s: {"start": [], "end": []} for s in STEPS}
    seconds["create"], made = timed_requests(
        [partial(scim, "POST", "Users", okta_user(p, directory), expect=201) for p in directory],
        counts["create"],
    )
    ids = [user["id"] for user in made]
    analyze()
    # Sampled: a read per person, whose cost per request is what matters here.
    sample = directory[:: max(1, len(directory) // LOOKUPS)][:LOOKUPS]
    start = time.perf_counter()
    for p in sample:
        scim("GET", f'Users?filter=userName eq "{p["email"]}"')
    seconds["lookup"] = (time.perf_counter() - start) / len(sample)
    seconds["change"], _ = timed_requests(
        [
            partial(
                scim,
                "PATCH",
                f"Users/{pk}",
                {
                    "schemas": [PATCH],
                    "Operations": [
                        {"op": "Replace", "path": "title", "value": "Principal " + p["title"]}
                    ],
                },
            )
            for p, pk in zip(directory, ids, strict=True)
        ],
        counts["change"],
    )
    seconds["leavers"], _ = timed_requests(
        [partial(scim, "PATCH", f"Users/{pk}", LEAVE) for pk in ids],
        counts["leavers"],
    )
    roster = RosterEntry.objects.filter(programme=Programme.objects.get(slug=slug))
    assert roster.count() == len(directory) and not roster.filter(active=True).exists()
    assert roster.filter(title__startswith="Principal ").count() == len(directory)
    return seconds, counts


def csv_run(admin: Any, slug: str, directory: list[dict[str, Any]]) -> dict[str, float]:
    from tribe.programs.models import RosterEntry
    from tribe.programs.roster_import import (
        roster_import,
        roster_upload_apply,
        roster_upload_create,
    )
    from tribe.programs.services import programme_create

    programme = programme_create(actor=admin, name=slug, slug=slug)
    seconds: dict[str, float] = {}
    for step in STEPS:
        data = csv_file(directory, step)
        start = time.perf_counter()
        upload = roster_upload_create(
            actor=admin, programme=programme, data=data, filename=f"{step}.csv", now=NOW
        )
        preview = roster_upload_apply(actor=admin, upload=upload, dry_run=True, now=NOW)
        done = roster_upload_apply(actor=admin, upload=upload, dry_run=False, now=NOW)
        seconds[step] = time.perf_counter() - start
        expected = {"create": "new", "change": "updated", "leavers": "deactivated"}[step]
        assert getattr(preview, expected) == getattr(done, expected) == len(directory), (
            step,
            done,
        )
        if step == "create":
            analyze()
    roster = RosterEntry.objects.filter(programme=programme)
    assert roster.count() == len(directory) and not roster.filter(active=True).exists()
    # The import alone, applied without upload or preview, on a programme of its own.
    alone = programme_create(actor=admin, name=slug + "-alone", slug=slug + "-alone")
    for step in STEPS:
        data = csv_file(directory, step)
        start = time.perf_counter()
        roster_import(actor=admin, programme=alone, data=data, dry_run=False, now=NOW)
        seconds[f"{step} alone"] = time.perf_counter() - start
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--db-name", default="tribe_bench_scim")
    args = parser.parse_args()
    os.environ.setdefault("TRIBE_LANGUAGE", "en")

    with throwaway_database(args.db_name) as where:
        setup_django()
        from tribe.people.models import Person

        admin = Person.objects.create_user("admin@corp.example", None, name="Admin")
        load_start = os.getloadavg()
        print(
            f"\nSCIM against the CSV import on {where}; best of {args.repeats}; "
            f"Python {sys.version.split()[0]}; load average {load_start[0]:.2f} at the start"
        )
        for size in args.sizes:
            directory = people(size, args.seed)
            scim_best: dict[str, float] = {}
            csv_best: dict[str, float] = {}
            counts: dict[str, dict[str, list[int]]] = {}
            started = time.perf_counter()
            for rep in range(args.repeats):
                got, counts = scim_run(admin, f"scim-{size}-{rep}", directory)
                for k, value in got.items():
                    scim_best[k] = min(scim_best.get(k, value), value)
                for k, value in csv_run(admin, f"csv-{size}-{rep}", directory).items():
                    csv_best[k] = min(csv_best.get(k, value), value)
            load = os.getloadavg()
            print(
                f"\n{size:,} people ({time.perf_counter() - started:.0f} s in all; "
                f"load average {load[0]:.2f} / {load[1]:.2f} at the end)\n"
            )
            print(
                "| step | SCIM, a request each | ms a request | CSV: upload, preview, import "
                "| import alone | SCIM ÷ CSV | SCIM queries a write (first 10 / last 10) |"
            )
            print("|---|---:|---:|---:|---:|---:|---:|")
            for step in STEPS:
                s, c = scim_best[step], csv_best[step]
                first, last = counts[step]["start"], counts[step]["end"]
                print(
                    f"| {step} | {s:.2f} s | {1000 * s / size:.2f} | {c:.2f} s "
                    f"| {csv_best[step + ' alone']:.2f} s | {s / c:.0f}x "
                    f"| {statistics.median(first):g} ({min(first)}-{max(first)}) / "
                    f"{statistics.median(last):g} ({min(last)}-{max(last)}) |"
                )
            total_s = sum(scim_best[s] for s in STEPS)
            total_c = sum(csv_best[s] for s in STEPS)
            print(
                f"| all three | {total_s:.2f} s | | {total_c:.2f} s "
                f"| {sum(csv_best[s + ' alone'] for s in STEPS):.2f} s "
                f"| {total_s / total_c:.0f}x | |"
            )
            lookup = scim_best["lookup"]
            print(
                f"| Okta's look-up before each create, `GET /Users?filter=userName eq …` "
                f"| {lookup * size:.2f} s (from {min(size, LOOKUPS):,}) | {1000 * lookup:.2f} "
                f"| | | | |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
