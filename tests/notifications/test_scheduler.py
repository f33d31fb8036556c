"""The scheduler: each periodic job starts once per slot, however many workers tick."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_tasks import task

from tribe.notifications.models import ScheduledSlot
from tribe.notifications.scheduler import JOBS, Job, slot_of, tick

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


@task()
def record(slot: str) -> int:
    RUNS.append(slot)
    return 1


JOB = Job("record", dt.timedelta(minutes=15), "tests.notifications.test_scheduler:record")
AT = dt.datetime(2026, 3, 29, 1, 7, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    RUNS.clear()


def test_slots_are_the_time_rounded_down_to_the_period() -> None:
    assert slot_of(AT, dt.timedelta(minutes=15)) == dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC)
    assert slot_of(AT, dt.timedelta(hours=1)) == dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC)
    assert slot_of(AT, dt.timedelta(days=1)) == dt.datetime(2026, 3, 29, tzinfo=dt.UTC)


def test_two_workers_ticking_in_one_slot_start_the_job_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = tick(worker_id="a", now=AT, jobs=(JOB,))
        second = tick(worker_id="b", now=AT + dt.timedelta(minutes=5), jobs=(JOB,))
    assert (first, second) == (["record"], [])
    assert RUNS == ["2026-03-29T01:00:00+00:00"]
    assert ScheduledSlot.objects.get().started_by == "a"


def test_the_next_slot_starts_again(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        tick(worker_id="a", now=AT, jobs=(JOB,))
        tick(worker_id="a", now=AT + dt.timedelta(minutes=15), jobs=(JOB,))
    assert len(RUNS) == 2


def test_every_job_names_a_task_that_exists() -> None:
    from importlib import import_module

    for job in JOBS:
        module, _, attribute = job.task.partition(":")
        assert hasattr(getattr(import_module(module), attribute), "enqueue"), job


def test_without_a_mail_server_unsolicited_jobs_do_not_start(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    quiet = Job("record", dt.timedelta(minutes=15), JOB.task, needs_mail_server=True)
    assert tick(worker_id="a", now=AT, jobs=(quiet,)) == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert tick(worker_id="a", now=AT, jobs=(quiet,)) == ["record"]
