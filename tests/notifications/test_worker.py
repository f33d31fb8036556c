"""The worker loop in this process: tasks from the database queue, the sweep, the scheduler."""

from __future__ import annotations

from typing import Any

import pytest

from tests.mail_fixtures import SmtpServer
from tribe.notifications.worker import Worker
from tribe.outbox.models import Message
from tribe.outbox.services import message_queue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queue(key: str) -> Message:
    return message_queue(
        key=key, kind=Message.Kind.NUDGE, to="ada@example.com", subject="Hi", body_text="Hello"
    )


def test_a_queued_mail_waits_for_the_worker_then_arrives(
    database_queue: None, smtp_server: SmtpServer
) -> None:
    from django_tasks_db.models import DBTaskResult

    _queue("a")
    _queue("b")
    # Two messages, two transactions: one wake-up task each, nothing sent yet.
    assert DBTaskResult.objects.ready().count() == 2
    assert smtp_server.messages() == []
    worker = Worker(schedule=False, sweep_every=3600)
    assert worker.run_once() is True
    assert len(smtp_server.messages()) == 2
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
    assert worker.run_once() is False  # the second pass finds nothing


def test_the_sweep_sends_what_lost_its_wake_up(
    database_queue: None, smtp_server: SmtpServer
) -> None:
    from django_tasks_db.models import DBTaskResult

    _queue("a")
    DBTaskResult.objects.all().delete()  # the wake-up is lost
    assert Worker(schedule=False).run_once() is True  # the first pass sweeps
    assert len(smtp_server.messages()) == 1


def test_a_stopped_worker_returns_from_run() -> None:
    worker = Worker(schedule=False, interval=0.01)
    worker.stop()
    worker.run()  # returns at once
