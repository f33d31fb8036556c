"""The OpenAPI document: served, browsable with local assets, and the same as the committed one."""

from __future__ import annotations

import json

from django.test import Client

from tribe.api.document import COMMITTED, document_text


def test_the_committed_document_is_the_code_s() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == document_text(), (
        "docs/openapi.json differs from the API: rewrite it with `python -m tribe.api.document`"
    )


def test_the_document_is_served_without_signing_in(db: None) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["info"]["title"] == "Tribe"
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))


def test_the_docs_page_uses_only_local_assets(db: None) -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page


def test_no_two_schemas_share_a_name() -> None:
    """The document keeps one schema per class name: two classes of one name in two
    modules would silently describe one of them with the other's fields."""
    import importlib
    import inspect
    import pkgutil

    from pydantic import BaseModel

    import tribe.api

    seen: dict[str, str] = {}
    clashes = []
    for module_info in pkgutil.walk_packages(tribe.api.__path__, "tribe.api."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if not (inspect.isclass(value) and issubclass(value, BaseModel)):
                continue
            if value.__module__ != module.__name__:
                continue  # imported, counted where it is defined
            where = f"{value.__module__}.{name}"
            if value.__name__ in seen and seen[value.__name__] != where:
                clashes.append((seen[value.__name__], where))
            seen.setdefault(value.__name__, where)
    assert clashes == []
