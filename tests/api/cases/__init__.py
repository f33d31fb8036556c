"""The authorization walk's cases, one module per capability of the API (``CASES``)."""

from __future__ import annotations

import importlib
import pkgutil

from tests.api.authz import Case


def all_cases() -> list[Case]:
    found: list[Case] = []
    for module in pkgutil.iter_modules(__path__):
        found.extend(importlib.import_module(f"{__name__}.{module.name}").CASES)
    return found
