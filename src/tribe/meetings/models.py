from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from tribe.core.models import TimeStampedModel
from tribe.people.models import Person
from tribe.relationships.models import Relationship


class Meeting(TimeStampedModel):
    """One meeting of a relationship; moments stored in UTC."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # The zone the meeting was arranged in: calendar invitations need it, and
    # it keeps a recurring series at the same wall-clock time across DST.
    timezone = models.CharField(max_length=64, default="UTC")
    location = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    # iCalendar identity: stable across edits, SEQUENCE bumped on each change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "cancelled"]), name="meeting_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["relationship", "starts_at"])]

    def __str__(self) -> str:
        return self.title or f"Meeting on {self.starts_at:%Y-%m-%d}"


class Note(TimeStampedModel):
    """A note on a relationship (often on one meeting): private or shared."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private (only me)"
        SHARED = "shared", "Shared with the other person"

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="notes")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    body = models.TextField(max_length=20000)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=["private", "shared"]), name="note_visibility_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Note by {self.author} ({self.visibility})"


class ActionItem(TimeStampedModel):
    """Something one side promised to do, with a due date."""

    class Owner(models.TextChoices):
        MENTEE = "mentee", "Mentee"
        MENTOR = "mentor", "Mentor"

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="action_items"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items"
    )
    title = models.CharField(max_length=300)
    # The owner is a side, not an account: the mentor may be only a contact.
    owner = models.CharField(max_length=8, choices=Owner.choices, default=Owner.MENTEE)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__in=["mentee", "mentor"]), name="action_owner_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
