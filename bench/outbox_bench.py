"""Delivering the outbox: one worker process against two, to a local SMTP server.

Queues N messages in a fresh installation (an SQLite file, or a new
PostgreSQL database when ``--postgres URL`` is given), then times
``tribe worker`` processes delivering all of them to an aiosmtpd server on
127.0.0.1, first one worker alone, then (on a fresh copy of the batch) two
side by side. Also times the plain alternative: the same messages sent by one
process over one SMTP connection with no outbox at all (``send_messages``),
which is the floor any queue adds to.

    python bench/outbox_bench.py --messages 5000
    python bench/outbox_bench.py --messages 5000 --postgres postgres://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.mail_fixtures import Handler, free_port

QUEUE = """
from django.db import transaction
from tribe.outbox.models import Message
from tribe.outbox.services import message_queue
with transaction.atomic():
    for i in range({n}):
        message_queue(key=f"{prefix}:{{i}}", kind=Message.Kind.NUDGE, to=f"p{{i}}@example.com",
                      subject=f"Message {{i}}", body_text="Hello, this is a nudge.\\n" * 20,
                      wake=False)
"""
DIRECT = """
import time
from django.core.mail import EmailMessage, get_connection
body = "Hello, this is a nudge.\\n" * 20
mails = [EmailMessage(f"Message {{i}}", body, None, [f"p{{i}}@example.com"]) for i in range({n})]
start = time.perf_counter()
with get_connection() as connection:
    connection.send_messages(mails)
print("SECONDS", time.perf_counter() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a new database is made on it")
    args = parser.parse_args()

    handler = Handler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    data = tempfile.mkdtemp(prefix="tribe-outbox-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIBE_")}
    env.update(TRIBE_DATA_DIR=data, TRIBE_SMTP_URL=f"smtp://127.0.0.1:{port}", TRIBE_LANGUAGE="en")
    env.pop("DATABASE_URL", None)
    database = None
    if args.postgres:
        import psycopg

        database = f"tribe_outbox_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = args.postgres.rsplit("/", 1)[0] + "/" + database

    def tribe(*argv: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "tribe.cli", *argv], env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(done.stderr)
        return done.stdout

    tribe("manage", "migrate", "--verbosity", "0")
    rows = []
    try:
        out = tribe("manage", "shell", "-c", DIRECT.format(n=args.messages))
        direct = float(out.split("SECONDS")[1])
        rows.append(("no outbox: one connection, `send_messages`", 1, direct))
        for workers in (1, 2):
            prefix = f"run{workers}"
            tribe("manage", "shell", "-c", QUEUE.format(n=args.messages, prefix=prefix))
            before = len(handler.arrivals)
            start = time.perf_counter()
            procs = [
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "tribe.cli",
                        "worker",
                        "--interval",
                        "0.05",
                        "--sweep-every",
                        "0.2",
                        "--no-schedule",
                    ],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(workers)
            ]
            while len(handler.arrivals) - before < args.messages:
                time.sleep(0.01)
            seconds = time.perf_counter() - start
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait()
            rows.append(
                (f"outbox, {workers} worker process{'es' if workers > 1 else ''}", workers, seconds)
            )
    finally:
        controller.stop()
        if database:
            import psycopg

            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    engine = "PostgreSQL" if database else "SQLite"
    print(f"\n{args.messages} messages on {engine} (times include each worker's start-up)\n")
    print("| what | seconds | messages/s |")
    print("|---|---:|---:|")
    for label, _workers, seconds in rows:
        print(f"| {label} | {seconds:.1f} | {args.messages / seconds:,.0f} |")
    one, two = rows[1][2], rows[2][2]
    print(f"\nspeed-up of two workers over one: {one / two:.2f}x")
    print(json.dumps({"direct": rows[0][2], "one": one, "two": two}))


if __name__ == "__main__":
    threading.excepthook = lambda hook: None
    main()
