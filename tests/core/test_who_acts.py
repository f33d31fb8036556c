"""Every service that changes an existing object knows who acts.

Found by discovery, not by a list: a service added later that takes an
existing object without an ``actor`` (or ``author``) fails here. A services
module may name writes defined in another module of its app (people's account
writes live in ``tribe.people.accounts``): those are checked too.
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
    "ask",
}
#: The acting person: "person", "owner" and "created_by" where the service makes something
#: of their own (a goal passed to it is only referred to), "actor" or "author" otherwise.
WHO = {"actor", "author", "person", "owner", "created_by"}


def _service_modules() -> list[object]:
    names = [
        *(f"tribe.{m.name}.services" for m in pkgutil.iter_modules(tribe.__path__) if m.ispkg),
        "tribe.relationships.outreach",  # writes of their own, until they move to an app
    ]
    return [importlib.import_module(n) for n in names if importlib.util.find_spec(n) is not None]


def test_every_service_that_changes_an_existing_object_takes_an_actor() -> None:
    missing = []
    checked = 0
    seen: set[str] = set()
    for module in _service_modules():
        app = module.__name__.rpartition(".")[0]
        for name, function in inspect.getmembers(module, inspect.isfunction):
            where = f"{function.__module__}.{name}"
            if name.startswith("_") or not function.__module__.startswith(f"{app}."):
                continue  # private, or another app's (checked with that app)
            if where in seen:
                continue
            seen.add(where)
            if not hasattr(function, "__wrapped__"):
                continue  # not a write: services write inside transaction.atomic
            params = set(inspect.signature(function).parameters)
            if params & EXISTING:
                checked += 1
                if not params & WHO:
                    missing.append(where)
    assert checked > 25
    assert missing == []
