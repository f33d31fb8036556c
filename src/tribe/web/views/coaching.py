"""Pages of a coaching relationship: its regimen, practice log and paid sessions."""

from __future__ import annotations

from typing import Any

from tribe.people.models import Person
from tribe.relationships.models import Relationship


def coaching_context(*, person: Person, relationship: Relationship) -> dict[str, Any]:
    """What the relationship page's coaching sections read (nothing for other kinds)."""
    return {}
