"""Every service that changes an existing object knows who acts.

Found by discovery, not by a list: a service added later that takes an
existing object without an ``actor`` (or ``author``) fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import tribe

#: Parameters that name an object that already exists (and belongs to someone).
EXISTING = {
    "relationship",
    "goal",
    "contact",
    "meeting",
    "note",
    "item",
    "advice",
    "question",
    "touchpoint",
    "series",
    "win",
}
#: The acting person: "person", "owner" and "created_by" where the service makes something
#: of their own (a goal passed to it is only referred to), "actor" or "author" otherwise.
WHO = {"actor", "author", "person", "owner", "created_by"}


def _service_modules() -> list[object]:
    names = [
        f"tribe.{m.name}.services"
        for m in pkgutil.iter_modules(tribe.__path__)
        if m.ispkg and importlib.util.find_spec(f"tribe.{m.name}.services") is not None
    ]
    return [importlib.import_module(n) for n in [*names, "tribe.relationships.outreach"]]


def test_every_service_that_changes_an_existing_object_takes_an_actor() -> None:
    missing = []
    checked = 0
    for module in _service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            if not hasattr(function, "__wrapped__"):
                continue  # not a write: services write inside transaction.atomic
            params = set(inspect.signature(function).parameters)
            if params & EXISTING:
                checked += 1
                if not params & WHO:
                    missing.append(f"{module.__name__}.{name}")
    assert checked > 25
    assert missing == []
