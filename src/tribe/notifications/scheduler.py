"""Periodic jobs, started once per time slot however many workers run.

Every worker calls ``tick`` every few seconds. For each job whose current
slot (the time rounded down to the job's period) has no ``ScheduledSlot``
row yet, the first worker to insert one enqueues the job's task with the
slot; the others hit the unique constraint and move on. A slot missed while
no worker ran is not made up for: jobs catch up by themselves (the digest
job sends every digest that is due and not yet sent, whatever the slot).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial
from importlib import import_module

from django.conf import settings
from django.db import IntegrityError, transaction

from tribe.core import clock
from tribe.notifications.models import ScheduledSlot

logger = logging.getLogger("tribe.notifications")


@dataclass(frozen=True)
class Job:
    name: str
    period: dt.timedelta
    #: ``module:attribute`` of a django-tasks task taking ``slot`` (an ISO timestamp).
    task: str
    #: Unsolicited mail (digests, nudges): not composed while mail is only printed
    #: on the console (no mail server set, a laptop), where it would reach nobody
    #: and bury the terminal; Today shows the same.
    needs_mail_server: bool = False


JOBS: tuple[Job, ...] = (
    Job("prune", dt.timedelta(days=1), "tribe.notifications.tasks:prune"),
    Job("digests", dt.timedelta(minutes=15), "tribe.notifications.digests:send_digests", True),
    Job("nudges", dt.timedelta(hours=1), "tribe.notifications.nudges:send_nudges", True),
)


def slot_of(moment: dt.datetime, period: dt.timedelta) -> dt.datetime:
    """``moment`` rounded down to a multiple of ``period`` since the Unix epoch (UTC)."""
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    steps = (moment - epoch) // period
    return epoch + steps * period


def tick(
    *, worker_id: str, now: dt.datetime | None = None, jobs: tuple[Job, ...] = JOBS
) -> list[str]:
    """Start every job whose current slot nobody started yet; the names of those started here."""
    moment = clock.resolve(now)
    started = []
    printed = str(settings.EMAIL_BACKEND).endswith("console.EmailBackend")
    for job in jobs:
        if job.needs_mail_server and printed:
            continue
        slot = slot_of(moment, job.period)
        if ScheduledSlot.objects.filter(job=job.name, slot=slot).exists():
            continue
        module, _, attribute = job.task.partition(":")
        task = getattr(import_module(module), attribute)
        try:
            with transaction.atomic():
                ScheduledSlot.objects.create(job=job.name, slot=slot, started_by=worker_id)
                transaction.on_commit(partial(task.enqueue, slot=slot.isoformat()))
        except IntegrityError:  # another worker started this slot a moment ago
            continue
        started.append(job.name)
        logger.info("started %s for %s", job.name, slot)
    return started
