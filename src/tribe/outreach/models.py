"""Introductions: a mentor introducing their mentee to someone, credited in the graph.

The model began in the ``relationships`` app and keeps its table's name
(``Meta.db_table``), so databases made before the move did not change.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from tribe.core.models import TimeStampedModel
from tribe.people.models import Contact, Person
from tribe.relationships.models import Relationship


class Introduction(TimeStampedModel):
    """A person introducing someone they mentor to a potential mentor: credited in the graph."""

    introducer = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="introductions_made"
    )
    mentee = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="introductions_received"
    )
    to_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="introduced_to"
    )
    to_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="introduced_to"
    )
    note = models.CharField(max_length=1000, blank=True)
    introduced_on = models.DateField()
    relationship = models.ForeignKey(
        Relationship, null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions"
    )

    class Meta:
        db_table = "relationships_introduction"
        ordering = ["-introduced_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_person__isnull=False) ^ Q(to_contact__isnull=False),
                name="introduction_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(introducer=models.F("mentee")), name="introduction_not_self"
            ),
        ]

    @property
    def to_name(self) -> str:
        return str(self.to_person or self.to_contact)

    def __str__(self) -> str:
        return f"{self.introducer} introduced {self.mentee} to {self.to_name}"
