"""The outbox's background task: deliver what is due."""

from __future__ import annotations

from django_tasks import task

from tribe.outbox.delivery import deliver_due


@task()
def deliver_outbox() -> int:
    """Deliver every due message; the number sent.

    Enqueued once per transaction that queued mail; the worker's sweep runs
    it every minute too, so a lost wake-up delays a message, never loses it.
    """
    from tribe.outbox.worker_id import current_worker_id

    return deliver_due(worker_id=current_worker_id()).sent
