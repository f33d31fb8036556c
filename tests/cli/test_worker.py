"""``tribe worker``: its options are checked before any work starts."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("option", "value", "low"),
    [("--interval", "0", "0.05"), ("--interval", "-1", "0.05"), ("--sweep-every", "0", "0.1")],
)
def test_an_interval_that_would_spin_or_wait_forever_is_refused(
    tribe, option: str, value: str, low: str
) -> None:  # type: ignore[no-untyped-def]
    run = tribe("worker", option, value)
    assert run.code == 2
    assert (
        run.error_line == f"tribe worker: error: {option}: must be between {low} and 3600 seconds"
    )
