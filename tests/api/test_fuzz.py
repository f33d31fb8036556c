"""Schemathesis against the API in-process: requests generated from the committed
document's operations, as a person and as a programme administrator.

Every operation is exercised (schemathesis makes one test per operation, here
twice: once per token) with valid and invalid inputs, ``EXAMPLES`` each, so
well over 1,000 requests in all. Each must answer without a server error, with
a status, content type, headers and body the document declares, and no
operation may succeed without credentials (``ignored_auth`` repeats a
successful request without them, and with a bad token). Generation is
derandomised, so a failure here fails the same way on every run.

Not checked: ``positive_data_acceptance`` (a well-formed request may still be
refused by a rule, a 409 or a 422 from a service, or name an id that is not
the caller's, a 404: that is the right answer, not a bug).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.authz import World, build_world
from tribe.wsgi import application

EXAMPLES = 5
CHECKS: list[Any] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]

#: Generated examples only: the coverage phase (every boundary of every parameter)
#: makes about 45 requests per operation, which for the whole API would be
#: minutes of CI; the generated ones reach the same handlers, valid and invalid.
CONFIG = schemathesis.Config.from_dict(
    {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def world(db: None) -> Iterator[World]:
    # Schemathesis calls the WSGI application itself, whose end of request closes
    # the database connection, which on PostgreSQL is the test's transaction;
    # Django's test client disconnects this for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield build_world()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@FUZZ
def test_as_a_person(case: Any, world: World) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {world.tokens['mentee']}"}, checks=CHECKS
    )


@schema.parametrize()
@FUZZ
def test_as_a_programme_administrator(case: Any, world: World) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {world.tokens['admin']}"}, checks=CHECKS
    )


def test_the_run_makes_at_least_a_thousand_requests() -> None:
    """Derandomised, each operation gets ``EXAMPLES`` generated requests per token
    (the ``ignored_auth`` probes come on top), so this bounds the run from below."""
    document = schema.raw_schema
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert EXAMPLES * 2 * len(operations) >= 1000, len(operations)
