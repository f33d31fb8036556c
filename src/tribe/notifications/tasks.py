"""Housekeeping tasks of the background worker."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from tribe.core import clock

#: How long finished task results and scheduler slots are kept (for looking into a failure).
KEEP = dt.timedelta(days=7)


@task()
def prune(slot: str) -> int:
    """Delete finished task results and scheduler slots older than a week; how many."""
    from django_tasks_db.models import DBTaskResult

    from tribe.notifications.models import ScheduledSlot

    cutoff = clock.now() - KEEP
    results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    slots, _ = ScheduledSlot.objects.filter(slot__lt=cutoff).delete()
    return results + slots
