"""Every operation, as every role, over objects they may and may not see.

The cases live in ``tests/api/cases``; an operation of the API that no case
lists fails ``test_every_operation_is_walked``, so a new operation cannot ship
without saying who may call it.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import Client

from tests.api.authz import ROLES, Case, build_world
from tests.api.cases import all_cases
from tribe.api.main import api

CASES = all_cases()


def _operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {op["operationId"] for path in schema["paths"].values() for op in path.values()}


def test_every_operation_is_walked() -> None:
    walked = {case.operation for case in CASES}
    assert sorted(_operations() - walked) == [], "operations with no case in tests/api/cases"
    assert sorted(walked - _operations()) == [], "cases of operations the API does not have"


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_role_gets_its_answer(case: Case) -> None:
    world = build_world()
    if case.prepare is not None:
        world.ids.update(case.prepare(world))
    path = case.path.format(**world.ids)
    body = case.body(world) if callable(case.body) else case.body
    got = {}
    for role in ROLES:
        headers = {"Authorization": f"Bearer {world.tokens[role]}"} if role != "anonymous" else {}
        # Each role acts on the same world: what one does is undone before the next.
        sid = transaction.savepoint()
        call = getattr(Client(), case.method.lower())
        if case.method == "GET":
            response = call(path, case.query, headers=headers)
        else:
            target = path
            if case.query:
                from urllib.parse import urlencode

                target += "?" + urlencode(case.query)
            data = json.dumps(body) if body is not None else None
            response = call(target, data, content_type="application/json", headers=headers)
        transaction.savepoint_rollback(sid)
        got[role] = response.status_code
        if response.status_code >= 400:
            assert set(response.json()) >= {"code", "message"}, (role, response.content)
    assert got == {role: case.expected(role) for role in ROLES}
