"""Benchmark of the digest job (``tribe.notifications.digests``).

10,000 people (five time zones, each in about three relationships with the
history of ``_history.py``: meetings, action items, advice, requests), every
one with a daily digest due in the same slot, built and sent to a local SMTP
server (aiosmtpd in its own process, so it takes no time from the worker).

- one worker: the slot task and its chunk tasks run in this process, one
  after another (the tasks' immediate backend), as ``tribe serve`` alone would;
- on PostgreSQL also ``--workers`` 1 and 2: the slot task queues its chunk
  tasks on the database queue and that many ``tribe worker --drain
  --no-schedule`` processes share them; the speed-up is the ratio.

Usage::

    python bench/digest_bench.py                     # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/digest_bench.py

With DATABASE_URL a throwaway database is created next to the one named
(``tribe_bench_digest``) and dropped at the end. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _history import relationship_history
from today_bench import NOW, analyze, make_people, setup_django, throwaway_database

ROOT = Path(__file__).resolve().parent.parent


# The mail server -----------------------------------------------------------------


def _serve(port: int, count: Any, cpu: Any, ready: Any) -> None:
    from aiosmtpd.controller import Controller

    class Counter:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            with count.get_lock():
                count.value += 1
                cpu.value = time.process_time()  # the server's own CPU, for the report
            return "250 OK"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


def start_smtp() -> tuple[multiprocessing.Process, Any, Any, int]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    count = multiprocessing.Value("i", 0)
    cpu = multiprocessing.Value("d", 0.0)
    ready = multiprocessing.Event()
    process = multiprocessing.Process(target=_serve, args=(port, count, cpu, ready), daemon=True)
    process.start()
    ready.wait(10)
    return process, count, cpu, port


# Data ----------------------------------------------------------------------------


def build(people_count: int) -> float:
    """The people, their relationships and their daily digest due at ``NOW``; seconds."""
    from tribe.outbox.models import Preference
    from tribe.people.models import Person

    start = time.perf_counter()
    people = make_people(people_count, "digest")
    pairs = [(p, people[(i + 1) % len(people)]) for i, p in enumerate(people)]
    pairs += [(p, people[(i + 7) % len(people)]) for i, p in enumerate(people) if i % 2 == 0]
    relationship_history(pairs, NOW)
    Person.objects.update(email_verified_at=NOW)
    # Each person's digest hour is the local hour of NOW in their zone, so the
    # whole population is due in the one slot the benchmark runs.
    Preference.objects.bulk_create(
        [
            Preference(
                person=p,
                digest=Preference.Digest.DAILY,
                digest_hour=NOW.astimezone(ZoneInfo(p.timezone)).hour,
            )
            for p in people
        ],
        batch_size=2000,
    )
    analyze()
    return time.perf_counter() - start


def reset() -> None:
    from django_tasks_db.models import DBTaskResult

    from tribe.outbox.models import Message

    Message.objects.all().delete()
    DBTaskResult.objects.all().delete()
    analyze()


# Runs ----------------------------------------------------------------------------


def run_inline(count: Any) -> tuple[float, float, int, int]:
    """Wall and CPU seconds, messages sent, mails arrived: everything in this process."""
    from django.test import override_settings

    from tribe.notifications.digests import send_digests
    from tribe.outbox.models import Message

    before = count.value
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        start, cpu = time.perf_counter(), time.process_time()
        send_digests.call(slot=NOW.isoformat())
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    sent = Message.objects.filter(status=Message.Status.SENT).count()
    return seconds, cpu, sent, count.value - before


def run_workers(workers: int, count: Any, env: dict[str, str]) -> tuple[float, float, int, int]:
    """Wall and CPU seconds (of the workers), messages sent, mails arrived: chunks
    shared by ``workers`` processes."""
    from django_tasks_db.models import DBTaskResult

    from tribe.notifications.digests import send_digests
    from tribe.outbox.models import Message

    before = count.value
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_cpu = usage.ru_utime + usage.ru_stime
    # Start the workers first (their Django start-up is not the job's time), then
    # queue the slot task: they pick it up, and then its chunks, from the queue.
    procs = [
        subprocess.Popen(
            [str(ROOT / ".venv/bin/tribe"), "worker", "--no-schedule", "--interval", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(workers)
    ]
    time.sleep(4)
    start = time.perf_counter()
    send_digests.enqueue(slot=NOW.isoformat())
    unfinished = DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"])
    while time.perf_counter() - start < 900:
        time.sleep(0.2)
        if not unfinished.exists():
            break
    seconds = time.perf_counter() - start
    for proc in procs:
        proc.send_signal(signal.SIGTERM)
        proc.terminate()
    for proc in procs:
        _, err = proc.communicate(timeout=30)
        if proc.returncode not in (0, -15) and err:
            print(err.decode()[-2000:], file=sys.stderr)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = cpu.ru_utime + cpu.ru_stime - children_cpu
    sent = Message.objects.filter(status=Message.Status.SENT).count()
    return seconds, cpu_seconds, sent, count.value - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--db-name", default="tribe_bench_digest")
    parser.add_argument("--no-workers", action="store_true", help="only the one-process run")
    args = parser.parse_args()

    smtp, count, smtp_cpu, port = start_smtp()
    os.environ["TRIBE_SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    os.environ.pop("TRIBE_TASKS", None)
    rows = []
    with throwaway_database(args.db_name) as where:
        setup_django()
        built = build(args.people)
        from tribe.people.models import Person
        from tribe.today.selectors import today_for_many

        everyone = list(Person.objects.all())
        with_items = sum(1 for t in today_for_many(people=everyone, now=NOW).values() if t.items)
        items = sum(len(t.items) for t in today_for_many(people=everyone, now=NOW).values())
        print(
            f"{where}: built in {built:.0f} s; {with_items} with a digest, {items} items",
            file=sys.stderr,
        )

        server_cpu = smtp_cpu.value
        seconds, cpu, sent, arrived = run_inline(count)
        rows.append(("one process (immediate tasks)", seconds, cpu, sent, arrived))
        print(f"mail server CPU: {smtp_cpu.value - server_cpu:.1f} s", file=sys.stderr)
        print(rows[-1], file=sys.stderr)
        postgres = bool(os.environ.get("DATABASE_URL"))
        if postgres and not args.no_workers:
            env = dict(os.environ)
            timings = {}
            for workers in (1, 2):
                reset()
                server_cpu = smtp_cpu.value
                seconds, cpu, sent, arrived = run_workers(workers, count, env)
                print(f"mail server CPU: {smtp_cpu.value - server_cpu:.1f} s", file=sys.stderr)
                timings[workers] = seconds
                rows.append((f"{workers} × `tribe worker`", seconds, cpu, sent, arrived))
                print(rows[-1], file=sys.stderr)
            speed_up = timings[1] / timings[2]
        else:
            speed_up = None
    smtp.terminate()

    print(
        f"\n{where}, {args.people} people ({with_items} with something due, {items} items), "
        f"{os.cpu_count()} cores\n"
    )
    print(
        "| run | wall time | CPU (worker processes) | digests sent | mails arrived | per second |"
    )
    print("|---|---|---|---|---|---|")
    for name, seconds, cpu, sent, arrived in rows:
        rate = sent / seconds
        print(f"| {name} | {seconds:.1f} s | {cpu:.1f} s | {sent} | {arrived} | {rate:.0f} |")
    if speed_up is not None:
        print(f"\nSpeed-up with two workers: {speed_up:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
