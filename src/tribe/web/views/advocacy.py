"""Pages of a sponsor relationship: the advocacy asks and what became of them."""

from __future__ import annotations

from typing import Any

from tribe.people.models import Person
from tribe.relationships.models import Relationship


def advocacy_context(*, person: Person, relationship: Relationship) -> dict[str, Any]:
    """What the relationship page's advocacy section reads (nothing for other kinds)."""
    return {}
