"""The examples in the engine's docstrings run and stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "tribe_engine.api",
    "tribe_engine.checks",
    "tribe_engine.scoring",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_engine_imports_neither_django_nor_tribe():
    import ast
    from pathlib import Path

    import tribe_engine

    for path in Path(tribe_engine.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("django", "tribe.", "tribe ")) and name != "tribe", (
                    f"{path.name} imports {name}"
                )
