"""The background worker: tasks from the queue, the outbox sweep and the scheduler.

One loop, run by `tribe worker` (alone) or by `tribe serve` (in a thread
beside the web app). Each pass it

1. runs the queued tasks (django-tasks' database queue, claimed with
   ``SKIP LOCKED`` on PostgreSQL, so workers on several machines share it);
2. every ``sweep_every`` seconds delivers whatever the outbox holds that is
   due: a retry whose wait is over, a message whose worker died (its lease
   ran out), a message whose wake-up task was lost;
3. every ``tick_every`` seconds lets the scheduler start periodic jobs.

Nothing is kept in memory between passes, so a worker can be killed at any
instant: the next one starts from what the database says.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections

from tribe.outbox.delivery import deliver_due
from tribe.outbox.worker_id import current_worker_id

logger = logging.getLogger("tribe.notifications")

TASKS_PER_PASS = 20


class Worker:
    def __init__(
        self,
        *,
        interval: float = 1.0,
        sweep_every: float = 30.0,
        tick_every: float = 20.0,
        schedule: bool = True,
    ) -> None:
        self.interval = interval
        self.sweep_every = sweep_every
        self.tick_every = tick_every
        self.schedule = schedule
        self.stopping = threading.Event()
        self._last_sweep = float("-inf")
        self._last_tick = float("-inf")

    @property
    def worker_id(self) -> str:
        return current_worker_id()

    def stop(self) -> None:
        """Finish the current step, then return from ``run``."""
        self.stopping.set()

    def run(self) -> None:
        logger.info("worker %s started", self.worker_id)
        while not self.stopping.is_set():
            try:
                busy = self.run_once()
            except Exception:
                logger.exception("a worker pass failed; trying again shortly")
                busy = False
            finally:
                close_old_connections()
            if not busy:
                self.stopping.wait(self.interval)
        logger.info("worker %s stopped", self.worker_id)

    def run_once(self) -> bool:
        """One pass; whether it found work (so the next pass starts without a pause)."""
        ran = self._run_tasks()
        now = time.monotonic()
        if now - self._last_sweep >= self.sweep_every:
            self._last_sweep = now
            ran += deliver_due(worker_id=self.worker_id).sent
        if self.schedule and now - self._last_tick >= self.tick_every:
            self._last_tick = now
            from tribe.notifications.scheduler import tick

            tick(worker_id=self.worker_id)
        return ran > 0

    def _run_tasks(self) -> int:
        from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
        from django_tasks_db.backend import DatabaseBackend

        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            return 0  # tasks run where they are enqueued; only the sweep and the scheduler here
        from django_tasks_db.management.commands.db_worker import Worker as TaskWorker

        tasks = TaskWorker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=TASKS_PER_PASS,
            worker_id=self.worker_id[:64],
            excluded_queue_names=[],
        )
        tasks.run()
        return tasks._run_tasks


def start_in_thread(**options: float) -> Worker:
    """A worker on a daemon thread (``tribe serve``): it stops with the server."""
    worker = Worker(**options)  # type: ignore[arg-type]
    threading.Thread(target=worker.run, name="tribe-worker", daemon=True).start()
    return worker
