"""Choice labels as they read inside a sentence: "my mentor", "Goal “CV”: in progress".

A choice's own label is written for a heading or a list ("Mentor", "In progress").
English turns it into the word a sentence needs by lower-casing it, but other
languages cannot: a German noun keeps its capital ("mein Mentor") while an
adjective or participle loses it ("in Arbeit", "pausiert"). So each value has a
second label of its own, with the context "in a sentence", and code that puts a
label inside running text asks :func:`in_sentence` for it instead of calling
``.lower()``. In English each one is exactly the lower-cased label (a test keeps
them so, for every registered field).

core imports no app, so this is only the registry: each app keeps the table for
its own models in its ``labels`` module, which registers it when imported (the
app's ``ready()`` imports it, so the tables are complete once Django is set up).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeAlias

from django.db import models

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

__all__ = ["Labels", "in_sentence", "label_in_sentence", "register", "registered"]

#: Every value of one field, mapped to its label inside a sentence.
Labels: TypeAlias = "Mapping[str, StrPromise]"

_TABLES: dict[tuple[type[models.Model], str], Labels] = {}


def register(tables: Mapping[tuple[type[models.Model], str], Labels]) -> None:
    """Record the sentence labels of each ``(model, field)`` (registering twice replaces)."""
    for key, labels in tables.items():
        _TABLES[key] = MappingProxyType(dict(labels))


def registered() -> Mapping[tuple[type[models.Model], str], Labels]:
    """Every registered (model, field) and its labels, read-only (for tests and pages)."""
    return MappingProxyType(_TABLES)


def label_in_sentence(model: type[models.Model], field: str, value: str) -> str:
    """The label of ``value`` of ``model.<field>`` inside a sentence, in the active language.

    Raises ``KeyError`` for a field nobody registered or a value it does not have.
    """
    return str(_TABLES[model, field][value])


def in_sentence(obj: models.Model, field: str) -> str:
    """The label of ``obj.<field>`` as it reads inside a sentence, in the active language."""
    return label_in_sentence(obj._meta.concrete_model or type(obj), field, getattr(obj, field))
