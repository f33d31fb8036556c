from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.deletion import Collector
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.core.models import TimeStampedModel
from tribe.people.models import Person
from tribe.relationships.models import Relationship

# The choices live at module level so that each model's check constraint is
# built from the same values as its field.


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class NoteVisibility(models.TextChoices):
    PRIVATE = "private", _("Private (only me)")
    SHARED = "shared", _("Shared with the other person")


class ActionItemOwner(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")


class MeetingSeries(TimeStampedModel):
    """A recurring meeting: an RRULE over a wall-clock time in one zone.

    Storing the local time and the zone (not a UTC instant) keeps the series
    at 09:00 in its zone across daylight-saving changes. Occurrences are
    materialised as Meeting rows (bounded by the rule's COUNT or UNTIL) so
    each can carry its own agenda, notes and follow-up.
    """

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="series")
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=300, blank=True)
    rrule = models.CharField(max_length=500)
    first_date = models.DateField()
    start_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField()
    timezone = models.CharField(max_length=64)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_date", "id"]
        verbose_name_plural = _("meeting series")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=720),
                name="series_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Series from {self.first_date}"


class Meeting(TimeStampedModel):
    """One meeting of a relationship; moments stored in UTC."""

    Status = MeetingStatus

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="meetings"
    )
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
    # An occurrence of a series keeps the series' UID in invitations and is
    # told apart by its RECURRENCE-ID (its original start).
    series = models.ForeignKey(
        MeetingSeries, null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )
    recurrence_id = models.DateTimeField(null=True, blank=True)
    # The agenda as edited by a person; empty means "build it from the data".
    agenda = models.TextField(blank=True, max_length=20000)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["series", "recurrence_id"], name="meeting_one_occurrence_per_recurrence"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values),
                name="meeting_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["relationship", "starts_at"])]

    def __str__(self) -> str:
        if self.title:
            return self.title
        day = date_format(self.starts_at.date(), "DATE_FORMAT")
        return gettext("Meeting on {date}").format(date=day)


def detach_notes(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
    """``on_delete`` of a note's meeting: the note stays, the meeting is remembered.

    A meeting belongs to both sides; a note belongs to its author. Deleting the
    meeting (either side may, and so does deleting a series) must never take
    the other side's private notes with it: each note keeps its relationship,
    its author and its visibility, stops pointing at the meeting, and keeps a
    copy of the meeting's title and start so its author still knows which
    meeting it was about. (Migration ``meetings.0004`` names this function:
    keep its name.)
    """
    notes = list(sub_objs.only("pk", "meeting"))
    if not notes:
        return
    by_meeting: dict[int, list[Note]] = defaultdict(list)
    for note in notes:
        by_meeting[note.meeting_id].append(note)
    title_field = Note._meta.get_field("meeting_title")
    starts_field = Note._meta.get_field("meeting_starts_at")
    meetings = Meeting._base_manager.using(using).filter(pk__in=by_meeting)
    for meeting_id, title, starts_at in meetings.values_list("pk", "title", "starts_at"):
        collector.add_field_update(title_field, title, by_meeting[meeting_id])
        collector.add_field_update(starts_field, starts_at, by_meeting[meeting_id])
    collector.add_field_update(field, None, notes)


class Note(TimeStampedModel):
    """A note on a relationship (often on one meeting): private or shared.

    The note is its author's: deleting the meeting it is about detaches it
    (see ``detach_notes``) instead of deleting it.
    """

    Visibility = NoteVisibility

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="notes")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=detach_notes, related_name="notes"
    )
    # Copied from the meeting when it is deleted (empty while it exists):
    # "about the meeting of 3 March" survives the meeting.
    meeting_title = models.CharField(max_length=200, blank=True)
    meeting_starts_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    body = models.TextField(max_length=20000)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=NoteVisibility.values), name="note_visibility_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Note by {self.author} ({self.visibility})"

    @property
    def about_meeting_on(self) -> dt.datetime | None:
        """When the meeting this note is about started, also once it was deleted (or None)."""
        if self.meeting_id is not None and self.meeting is not None:
            return self.meeting.starts_at
        return self.meeting_starts_at

    @property
    def meeting_deleted(self) -> bool:
        """The note was about a meeting that has since been deleted."""
        return self.meeting_id is None and self.meeting_starts_at is not None


class ActionItem(TimeStampedModel):
    """Something one side promised to do, with a due date."""

    Owner = ActionItemOwner

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
                condition=Q(owner__in=ActionItemOwner.values), name="action_owner_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class CalendarFeed(TimeStampedModel):
    """A private calendar subscription URL for one person.

    Only a hash of the token is stored: the URL is the secret, and a copy of
    the database must not be enough to read someone's calendar. Rotating
    revokes the old feed and makes a new one.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_feed_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"
