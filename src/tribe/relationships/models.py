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

    # Keeping in touch: how often the mentee sends the mentor a news update
    # (also after the relationship ended, if they want to stay in touch), and
    # a snooze that quiets "contact due" until a date, with its reason.
    update_every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    keep_in_touch = models.BooleanField(
        default=False, help_text="Keep sending updates after the relationship has ended."
    )
    snoozed_until = models.DateField(null=True, blank=True)
    snooze_reason = models.CharField(max_length=200, blank=True)
    # The reason is a note to oneself ("so future you knows"): only whoever
    # snoozed reads it.
    snoozed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Outreach ("ask well"): the specific ask, why this person, the message
    # sent, and the nudges that followed; the mentor may ask for more first.
    ask = models.CharField(max_length=500, blank=True)
    why_them = models.CharField(max_length=500, blank=True)
    request_message = models.TextField(blank=True, max_length=5000)
    asked_at = models.DateTimeField(null=True, blank=True)
    nudges_sent = models.PositiveSmallIntegerField(default=0)
    last_nudge_at = models.DateTimeField(null=True, blank=True)
    info_request = models.CharField(max_length=1000, blank=True)
    decline_message = models.TextField(blank=True, max_length=5000)
    agreed_at = models.DateTimeField(null=True, blank=True)

    # Consent, per side: when that side said yes to the relationship. The
    # creator consents by creating it; the other account consents only by
    # accepting a request (or, later, a programme's offer). A contact side
    # has no account and so nothing to consent with. See consent.py.
    mentee_consented_at = models.DateTimeField(null=True, blank=True)
    mentor_consented_at = models.DateTimeField(null=True, blank=True)

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
                    status__in=[
                        "prospect",
                        "asked",
                        "intro",
                        "active",
                        "paused",
                        "ended",
                        "declined",
                    ]
                ),
                name="relationship_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(cadence_days__isnull=True)
                | Q(cadence_days__gte=1, cadence_days__lte=366),
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
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]

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
        """ "mentee", "mentor" or None: which side ``person`` is on."""
        if self.mentee_id is not None and self.mentee_id == person.pk:
            return "mentee"
        if self.mentor_id is not None and self.mentor_id == person.pk:
            return "mentor"
        return None

    def other_name(self, person: Person) -> str:
        return self.mentor_name if self.role_of(person) == "mentee" else self.mentee_name


class Touchpoint(TimeStampedModel):
    """A real contact outside a scheduled meeting: a call, a message, a chance chat.

    Cadence counts from the date it *happened*, which may be earlier than the
    day it was logged. The fact is visible to both sides (it resets the
    shared clock); the note is its author's alone.
    """

    class Kind(models.TextChoices):
        CALL = "call", "Call"
        MESSAGE = "message", "Message"
        EMAIL = "email", "E-mail"
        IN_PERSON = "in_person", "Met in person"
        UPDATE = "update", "Sent an update"
        OTHER = "other", "Other"

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="touchpoints"
    )
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    happened_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["relationship", "happened_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.happened_on}"


class Question(TimeStampedModel):
    """A question the mentee collects between meetings for the next agenda."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="questions"
    )
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["answered_on", "created_at", "id"]

    def __str__(self) -> str:
        return self.text


class Advice(TimeStampedModel):
    """A piece of advice and what the mentee decided to do with it.

    The mentee's own record: nothing forces them to follow advice, and the
    reasons are theirs. The mentor hears about it through updates.
    """

    class Decision(models.TextChoices):
        UNDECIDED = "undecided", "Not decided yet"
        ADOPT = "adopt", "Adopt"
        TRY = "try", "Try it"
        PARK = "park", "Park for later"
        REJECT = "reject", "Set aside"

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="advice")
    recorded_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="advice"
    )
    given_on = models.DateField()
    text = models.CharField(max_length=1000)
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.UNDECIDED)
    reason = models.CharField(max_length=1000, blank=True)
    outcome = models.TextField(blank=True, max_length=5000)
    outcome_on = models.DateField(null=True, blank=True)
    report_back = models.BooleanField(default=False)
    reported_back_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name_plural = "advice"
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["undecided", "adopt", "try", "park", "reject"]),
                name="advice_decision_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Gratitude(TimeStampedModel):
    """A thank-you, gift, volunteering or acknowledgement given to the mentor."""

    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", "Thank-you note"
        GIFT = "gift", "Gift"
        VOLUNTEERING = "volunteering", "Volunteered for their cause"
        ACKNOWLEDGEMENT = "acknowledgement", "Public acknowledgement"

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="gratitude"
    )
    given_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.THANK_YOU)
    given_on = models.DateField()
    description = models.CharField(max_length=1000)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gratitude",
    )
    advice = models.ForeignKey(
        Advice, null=True, blank=True, on_delete=models.SET_NULL, related_name="gratitude"
    )

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name_plural = "gratitude"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.given_on}"


class MentorUpdate(TimeStampedModel):
    """A periodic news update from the mentee to the mentor."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    body = models.TextField(max_length=10000)

    class Meta:
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"Update of {self.sent_on}"


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
