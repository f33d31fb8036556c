from __future__ import annotations

from django.db import models
from django.db.models import Q

from tribe.core.models import TimeStampedModel
from tribe.people.models import Contact, Goal, Person


class NotAMatch(TimeStampedModel):
    """A candidate a person ruled out, with the reason: never ranked again for that goal.

    With no goal, the candidate is ruled out for every goal.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="not_a_match")
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    candidate_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    candidate_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(candidate_person__isnull=False) ^ Q(candidate_contact__isnull=False),
                name="not_a_match_one_candidate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_person or self.candidate_contact}: {self.reason}"
