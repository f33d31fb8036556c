"""A task that does nothing, for bench/queue_bench.py (tasks are found by module path)."""

from __future__ import annotations

from django_tasks import task


@task()
def noop() -> None:
    return None
