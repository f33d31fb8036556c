from __future__ import annotations

from django.db import models
from django.db.models import Q

from tribe.core.models import TimeStampedModel
from tribe.people.models import Contact, Goal, Person


class Relationship(TimeStampedModel):
    """A mentee and a mentor, either of whom may still be only a contact.

    The mentee owns the logistics; the person who created the relationship is
    recorded so that a contact-side relationship always has an account owner.
    """

    class Kind(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        COACH = "coach", "Coach"
        SPONSOR = "sponsor", "Sponsor"
        PEER = "peer", "Peer mentor"

    class Status(models.TextChoices):
        PROSPECT = "prospect", "Prospect"
        ASKED = "asked", "Asked"
        INTRO = "intro", "Intro meeting"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        ENDED = "ended", "Ended"
        DECLINED = "declined", "Declined"

    class Channel(models.TextChoices):
        VIDEO = "video", "Video call"
        PHONE = "phone", "Phone"
        IN_PERSON = "in_person", "In person"
        CHAT = "chat", "Chat"
        EMAIL = "email", "E-mail"

    mentee = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="as_mentee"
    )
    mentee_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="as_mentee"
    )
    mentor = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="as_mentor"
    )
    mentor_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="as_mentor"
    )
    created_by = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relationships_created"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.MENTOR)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROSPECT)
    status_changed_at = models.DateTimeField()
    purpose = models.CharField(
        max_length=300, blank=True, help_text="One sentence: why this relationship, what for."
    )
    goals = models.ManyToManyField(Goal, blank=True, related_name="relationships")

    # The agreement made at the first meeting.
    cadence_days = models.PositiveSmallIntegerField(null=True, blank=True)
    meeting_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    channel = models.CharField(max_length=16, choices=Channel.choices, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    confidentiality = models.TextField(blank=True)

    class Meta:
        ordering = ["-status_changed_at", "id"]
        # The open statuses: a pair may only hold one open relationship of a kind.
        constraints = [
            models.CheckConstraint(
                condition=(Q(mentee__isnull=False) ^ Q(mentee_contact__isnull=False)),
                name="relationship_one_mentee",
            ),
            models.CheckConstraint(
                condition=(Q(mentor__isnull=False) ^ Q(mentor_contact__isnull=False)),
                name="relationship_one_mentor",
            ),
            models.CheckConstraint(
                condition=Q(mentee__isnull=False) | Q(mentor__isnull=False),
                name="relationship_has_an_account",
            ),
            models.CheckConstraint(
                condition=Q(mentee__isnull=True) | ~Q(mentee=models.F("mentor")),
                name="relationship_not_with_self",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["prospect", "asked", "intro", "active", "paused", "ended", "declined"]
                ),
                name="relationship_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(cadence_days__isnull=True) | Q(cadence_days__gte=1, cadence_days__lte=366),
                name="relationship_cadence_range",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="relationship_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["mentee", "mentor", "kind"],
                condition=~Q(status__in=["ended", "declined"]),
                name="relationship_unique_open_pp",
            ),
            models.UniqueConstraint(
                fields=["mentee", "mentor_contact", "kind"],
                condition=~Q(status__in=["ended", "declined"]),
                name="relationship_unique_open_pc",
            ),
            models.UniqueConstraint(
                fields=["mentee_contact", "mentor", "kind"],
                condition=~Q(status__in=["ended", "declined"]),
                name="relationship_unique_open_cp",
            ),
        ]
        indexes = [models.Index(fields=["mentor", "status"]), models.Index(fields=["mentee", "status"])]

    def __str__(self) -> str:
        return f"{self.mentee_name} ← {self.mentor_name} ({self.get_kind_display()})"

    @property
    def mentee_name(self) -> str:
        side = self.mentee or self.mentee_contact
        return str(side) if side else "?"

    @property
    def mentor_name(self) -> str:
        side = self.mentor or self.mentor_contact
        return str(side) if side else "?"

    def role_of(self, person: Person) -> str | None:
        """"mentee", "mentor" or None: which side ``person`` is on."""
        if self.mentee_id is not None and self.mentee_id == person.pk:
            return "mentee"
        if self.mentor_id is not None and self.mentor_id == person.pk:
            return "mentor"
        return None

    def other_name(self, person: Person) -> str:
        return self.mentor_name if self.role_of(person) == "mentee" else self.mentee_name
