"""Every list of the API runs a fixed number of queries, however many rows it shows.

A list operation is one whose answer is a page (``items``, ``count``); each has
a case in ``tests/api/cases`` with ``grow``, which adds rows the case's first
allowed role can see. The list is read before and after: same queries, more items.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.authz import Case, build_world
from tests.api.cases import all_cases
from tribe.api.main import api

GROWN = [c for c in all_cases() if c.grow is not None]


def _list_operations() -> set[str]:
    schema = api.get_openapi_schema()
    found = set()
    for path in schema["paths"].values():
        for method, op in path.items():
            ok = op["responses"].get("200", {}).get("content", {}).get("application/json", {})
            ref = ok.get("schema", {}).get("$ref", "")
            if method == "get" and ref.split("/")[-1].startswith("Page"):
                found.add(op["operationId"])
    return found


def test_every_list_has_a_case_that_grows_it() -> None:
    assert sorted(_list_operations() - {c.operation for c in GROWN}) == []


@pytest.mark.django_db
@pytest.mark.parametrize("case", GROWN, ids=[c.name for c in GROWN])
def test_a_list_runs_the_same_queries_for_few_rows_and_many(case: Case) -> None:
    world = build_world()
    if case.prepare is not None:
        world.ids.update(case.prepare(world))
    role = case.allowed[0]
    client = Client(headers={"Authorization": f"Bearer {world.tokens[role]}"})
    path = case.path.format(**world.ids)
    client.get(path, case.query)  # the token's first use of the minute notes it
    with CaptureQueriesContext(connection) as few:
        before = client.get(path, case.query)
    assert before.status_code == 200, before.content
    assert case.grow is not None
    case.grow(world)
    with CaptureQueriesContext(connection) as many:
        after = client.get(path, case.query)
    assert after.status_code == 200
    assert after.json()["count"] >= before.json()["count"] + 3, "grow should add three rows or more"
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
