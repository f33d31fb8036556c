"""The two database queues the tasks framework could run on, on PostgreSQL.

Queues N tasks that do nothing and times one worker working through them:

- django-tasks-db, the database backend of Django's tasks framework (what
  Tribe uses), its worker in batch mode, on a new database migrated by Tribe;
- procrastinate, on a new database with its own schema, ``run_worker`` with
  ``wait=False`` (it stops when the queue is empty), concurrency 1.

The cost measured is the queue's own (claiming, marking done); a real task's
work comes on top. procrastinate runs on PostgreSQL only, so there is no
SQLite row for it; django-tasks-db's SQLite figure is given beside.

    python bench/queue_bench.py --tasks 2000 --postgres postgres://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _database(server: str) -> tuple[str, str]:
    import psycopg

    name = f"queue_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, server.rsplit("/", 1)[0] + "/" + name


def _drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_tasks_db(tasks: int) -> tuple[float, float]:
    """Seconds to enqueue, seconds to run, in this process (DATABASE_URL set by the caller)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tribe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django_tasks_db.management.commands.db_worker import Worker
    from queue_tasks import noop

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with transaction.atomic():
        for _ in range(tasks):
            noop.enqueue()
    enqueued = time.perf_counter() - start
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench",
        excluded_queue_names=[],
    )
    start = time.perf_counter()
    worker.run()
    return enqueued, time.perf_counter() - start


def procrastinate_run(tasks: int, url: str) -> tuple[float, float]:
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url))

    @app.task(name="noop")
    def noop() -> None:
        return None

    with app.open():
        app.schema_manager.apply_schema()
        start = time.perf_counter()
        noop.batch_defer(*([{}] * tasks))
        enqueued = time.perf_counter() - start
        start = time.perf_counter()
        app.run_worker(wait=False, concurrency=1, install_signal_handlers=False)
        return enqueued, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--postgres", required=True, help="a server URL; new databases are made")
    parser.add_argument("--which", choices=["django-tasks-db", "procrastinate", "sqlite"])
    args = parser.parse_args()
    if args.which is None:  # each in a process of its own (Django is set up once per process)
        import subprocess

        for which in ("django-tasks-db", "sqlite", "procrastinate"):
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--tasks",
                    str(args.tasks),
                    "--postgres",
                    args.postgres,
                    "--which",
                    which,
                ],
                check=True,
            )
        return
    if args.which == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ["TRIBE_DATA_DIR"] = tempfile.mkdtemp(prefix="queue-bench-")
        enqueued, ran = django_tasks_db(args.tasks)
        label = "django-tasks-db, SQLite"
    else:
        name, url = _database(args.postgres)
        try:
            if args.which == "django-tasks-db":
                os.environ["DATABASE_URL"] = url
                os.environ["TRIBE_DATA_DIR"] = tempfile.mkdtemp(prefix="queue-bench-")
                enqueued, ran = django_tasks_db(args.tasks)
                label = "django-tasks-db, PostgreSQL"
            else:
                enqueued, ran = procrastinate_run(args.tasks, url)
                label = "procrastinate, PostgreSQL"
        finally:
            _drop(args.postgres, name)
    print(
        f"| {label} | {args.tasks} | {enqueued:.2f} s | {ran:.2f} s | {args.tasks / ran:,.0f} |",
        flush=True,
    )


if __name__ == "__main__":
    main()
