"""Benchmark of a programme's dashboard for a cohort of 10,000 mentees and 3,000 mentors.

The issue asks that the dashboard render for that cohort with a fixed number
of queries. The script builds, on a throwaway database, one programme with
three cohorts, 10,000 mentees and 3,000 mentors (four places each), 9,000
accepted pairs whose relationships have bench/_history.py's history
(meetings held, contact logged, notes, advice…), 500 offers waiting for an
answer, 500 mentees waiting for a match, and a survey answered by 3,000
people. It then times, in process:

- (a) the whole dashboard page (``GET programmes/<slug>/dashboard/`` through
  Django's test client, signed in as the administrator), with its queries;
- (b) its parts: ``programme_report`` (everything the page draws), and inside
  it ``programme_engagement`` (per pair and per cohort, the ledger's health)
  and the report without engagement;
- (c) the alternative the read model replaces: the ledger's one-relationship
  read (``relationship_get_with_health``) per pair, for 200 pairs, and that
  figure scaled to 9,000.

Usage::

    python bench/programme_dashboard_bench.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        python bench/programme_dashboard_bench.py

Prints a Markdown table (medians of ``--repeats`` runs after a warm-up).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import today_bench
from _history import relationship_history


def median_ms(call: Callable[[], object], repeats: int) -> float:
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(mentees: int, mentors: int, pairs: int, now: dt.datetime) -> tuple[object, object]:
    from tribe.programs import models as pm
    from tribe.programs.services import programme_create

    (admin,) = today_bench.make_people(1, "admin")
    programme = programme_create(actor=admin, name="Bench programme", slug="bench")
    cohorts = [pm.Cohort.objects.create(programme=programme, name=f"Cohort {k}") for k in range(3)]
    joined = now - dt.timedelta(days=220)
    people = today_bench.make_people(mentees + mentors, "p")
    participants = pm.Participant.objects.bulk_create(
        [
            pm.Participant(
                programme=programme,
                cohort=cohorts[i % 3],
                person=person,
                role=pm.Role.MENTEE if i < mentees else pm.Role.MENTOR,
                capacity=0 if i < mentees else 4,
                joined_at=joined,
            )
            for i, person in enumerate(people)
        ],
        batch_size=2000,
    )
    mentee_rows, mentor_rows = participants[:mentees], participants[mentees:]
    matched = [(mentee_rows[i], mentor_rows[i % mentors]) for i in range(pairs)]
    rels = relationship_history([(a.person, b.person) for a, b in matched], now)
    run = pm.MatchRun.objects.create(programme=programme, status=pm.RunStatus.PUBLISHED)
    offers = pm.MatchOffer.objects.bulk_create(
        [
            pm.MatchOffer(
                programme=programme,
                run=run,
                mentee=a,
                mentor=b,
                score=(i % 97) / 97,
                status=pm.OfferStatus.ACCEPTED,
                mentee_answer=pm.Answer.ACCEPTED,
                mentor_answer=pm.Answer.ACCEPTED,
                relationship=rel,
            )
            for i, ((a, b), rel) in enumerate(zip(matched, rels, strict=True))
        ],
        batch_size=2000,
    )
    late = pm.MatchRun.objects.create(programme=programme, status=pm.RunStatus.PUBLISHED)
    pm.MatchOffer.objects.bulk_create(
        [
            pm.MatchOffer(
                programme=programme,
                run=late,
                mentee=mentee_rows[pairs + i],
                mentor=mentor_rows[i % mentors],
                score=0.5,
            )
            for i in range(min(500, (mentees - pairs) // 2))
        ]
    )
    survey = pm.Survey.objects.create(
        programme=programme,
        name="Check-in",
        questions=[
            {"key": "q1", "label": "Useful?", "kind": "rating", "min": 1, "max": 5},
            {"key": "q2", "label": "Anything else?", "kind": "text"},
        ],
    )
    pm.SurveyResponse.objects.bulk_create(
        [
            pm.SurveyResponse(
                survey=survey,
                participant=offer.mentee,
                offer=offer,
                point=30,
                ratings={"q1": 1 + i % 5},
                texts={"q2": "words"},
                share_texts=i % 2 == 0,
                submitted_at=now,
            )
            for i, offer in enumerate(offers[:3000])
        ],
        batch_size=2000,
    )
    today_bench.analyze()
    return admin, programme


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=3_000)
    parser.add_argument("--pairs", type=int, default=9_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--db-name", default="tribe_bench_programme_dashboard")
    args = parser.parse_args()
    with today_bench.throwaway_database(args.db_name) as where:
        today_bench.setup_django()
        from django.conf import settings
        from django.test import Client

        from tribe.core import clock
        from tribe.ledger.selectors import relationship_get_with_health
        from tribe.programs.engagement import programme_engagement
        from tribe.programs.models import MatchOffer
        from tribe.programs.reports import programme_report

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        now = clock.now()
        started = time.perf_counter()
        admin, programme = build(args.mentees, args.mentors, args.pairs, now)
        built = time.perf_counter() - started
        browser = Client()
        browser.force_login(admin)  # type: ignore[arg-type]
        address = f"/programmes/{programme.slug}/dashboard/"  # type: ignore[attr-defined]

        def page() -> None:
            response = browser.get(address)
            assert response.status_code == 200, response.status_code

        zone = admin.timezone  # type: ignore[attr-defined]
        rows = [
            ("(a) the dashboard page", page),
            (
                "(b) programme_report (all the page draws)",
                lambda: programme_report(programme=programme, zone_name=zone, now=now),
            ),
            (
                "(b) of which programme_engagement",
                lambda: programme_engagement(programme=programme, zone_name=zone, now=now),
            ),
        ]
        out = []
        for label, call in rows:
            ms = median_ms(call, args.repeats)
            out.append((label, f"{ms:,.0f} ms", str(today_bench.count_queries(call))))
        sample = list(
            MatchOffer.objects.filter(programme=programme, relationship__isnull=False)
            .select_related("mentee__person")
            .order_by("id")[:200]
        )

        def per_pair() -> None:
            for offer in sample:
                relationship_get_with_health(
                    person=offer.mentee.person, relationship_id=offer.relationship_id, now=now
                )

        ms = median_ms(per_pair, max(args.repeats // 2, 1))
        out.append(
            (
                "(c) one health read per pair, 200 pairs",
                f"{ms:,.0f} ms (× {args.pairs / 200:.0f} = {ms * args.pairs / 200 / 1000:,.1f} s)",
                str(today_bench.count_queries(per_pair)),
            )
        )
        print(
            f"{where}; {args.mentees:,} mentees, {args.mentors:,} mentors, {args.pairs:,} pairs; "
            f"built in {built:.0f} s; medians of {args.repeats}\n"
        )
        print("| what | time | queries |\n|---|---:|---:|")
        for label, ms_text, queries in out:
            print(f"| {label} | {ms_text} | {queries} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
