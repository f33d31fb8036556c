"""Reads for relationships, always scoped to a person who is part of them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from tribe.core.errors import NotFound
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import Relationship


def _visible_to(person: Person) -> Q:
    """Relationships ``person`` said yes to: the only ones they see in full (consent.py)."""
    return consent.consented_q(person)


def _with_sides(person: Person) -> QuerySet[Relationship]:
    return Relationship.objects.filter(_visible_to(person)).select_related(
        "mentee", "mentor", "mentee_contact", "mentor_contact"
    )


def relationships_for(*, person: Person) -> QuerySet[Relationship]:
    """Every relationship ``person`` is a side of, with both sides loaded."""
    return _with_sides(person).prefetch_related("goals")


def relationship_get_for(*, person: Person, relationship_id: int | str) -> Relationship:
    """The relationship, if ``person`` is part of it; NotFound otherwise (never "forbidden")."""
    try:
        return relationships_for(person=person).get(pk=int(relationship_id))
    except (Relationship.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP) from exc


@dataclass(frozen=True)
class BoardColumn:
    status: str
    #: In the active language.
    label: str
    relationships: list[Relationship]


def relationship_board(*, person: Person) -> list[BoardColumn]:
    """A person's relationships in pipeline order, one column per status, each
    relationship with its goals in ``goal_list``."""
    by_status: dict[str, list[Relationship]] = {s: [] for s in Relationship.Status.values}
    # The goals as a plain list on each relationship (``goal_list``): for a
    # board of hundreds, building a related manager and a queryset per
    # relationship to hold them cost more than both queries.
    rows = _with_sides(person).prefetch_related(Prefetch("goals", to_attr="goal_list"))
    for relationship in rows:
        by_status[relationship.status].append(relationship)
    return [
        BoardColumn(status=status, label=str(Relationship.Status(status).label), relationships=rows)
        for status, rows in by_status.items()
    ]


def active_mentee_count(*, mentor: Person) -> int:
    return Relationship.objects.filter(mentor=mentor, status=Relationship.Status.ACTIVE).count()


def _get_as(side: str, person: Person, relationship_id: int | str) -> Relationship:
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    if getattr(relationship, f"{side}_id") != person.pk:
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    return relationship


def relationship_get_for_mentee(*, person: Person, relationship_id: int | str) -> Relationship:
    """The relationship if ``person`` is its mentee, else NotFound: outreach is the mentee's."""
    return _get_as("mentee", person, relationship_id)


def relationship_get_for_mentor(*, person: Person, relationship_id: int | str) -> Relationship:
    """The relationship if ``person`` is its mentor, else NotFound: answers are the mentor's."""
    return _get_as("mentor", person, relationship_id)
