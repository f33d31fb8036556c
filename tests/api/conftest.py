"""The API's tests: a client that speaks JSON as a person's token, and the world
the authorization walk (``tests/api/authz.py``) runs every operation in."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tribe.accounts.services import token_create
from tribe.people.models import Person


class ApiClient:
    """The Django test client, sending and reading JSON, as one person's token (or nobody)."""

    def __init__(self, secret: str | None = None) -> None:
        self.client = Client()
        self.secret = secret

    def as_(self, person: Person | None, *, read_only: bool = False) -> ApiClient:
        if person is None:
            return ApiClient()
        _, secret = token_create(person=person, name="tests", read_only=read_only)
        return ApiClient(secret)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        **query: Any,
    ) -> Any:
        headers = {"Authorization": f"Bearer {self.secret}"} if self.secret else {}
        data: Any
        if raw is not None:
            data = raw
        elif body is not None:
            data = json.dumps(body)
        else:
            data = None
        call = getattr(self.client, method.lower())
        if method.upper() == "GET":
            response = call(path, query or None, headers=headers)
        else:
            target = path
            if query:
                from urllib.parse import urlencode

                target = f"{path}?{urlencode(query)}"
            response = call(target, data, content_type="application/json", headers=headers)
        response.json_body = response.json() if response.content else None
        return response

    def get(self, path: str, **query: Any) -> Any:
        return self.request("GET", path, **query)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("POST", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("PATCH", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("PUT", path, body, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.request("DELETE", path, **kw)


@pytest.fixture
def api_as(db: None) -> Any:
    """``api_as(person)``: a client with a fresh token of ``person``'s; ``api_as(None)``: nobody."""

    def make(person: Person | None, *, read_only: bool = False) -> ApiClient:
        return ApiClient().as_(person, read_only=read_only)

    return make
