"""The relationship between a mentee and a mentor, and the statuses of its pipeline."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tribe.core.kinds import RelationshipKind
from tribe.core.models import TimeStampedModel
from tribe.people.models import Contact, Goal, Person


class RelationshipStatus(models.TextChoices):
    """Where a relationship is in the pipeline (``Relationship.Status``).

    Defined at module level, with the sets below, so that the model's
    constraints and every query are built from the same values.
    """

    PROSPECT = "prospect", _("Prospect")
    ASKED = "asked", _("Asked")
    INTRO = "intro", _("Intro meeting")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")
    DECLINED = "declined", _("Declined")


#: Over: nothing in it is due any more, and the pair may start another of the kind.
#: Every other status is open, and a pair holds one open relationship of a kind.
CLOSED_STATUSES: tuple[RelationshipStatus, ...] = (
    RelationshipStatus.ENDED,
    RelationshipStatus.DECLINED,
)
#: The request was accepted and they met: from the intro meeting on, also once it ended.
MET_STATUSES: tuple[RelationshipStatus, ...] = (
    RelationshipStatus.INTRO,
    RelationshipStatus.ACTIVE,
    RelationshipStatus.PAUSED,
    RelationshipStatus.ENDED,
)


#: What a mentor may say with a no: "ask me again in 1 to 24 months".
ASK_AGAIN_MONTHS = (1, 24)


class Relationship(TimeStampedModel):
    """A mentee and a mentor, either of whom may still be only a contact.

    The mentee owns the logistics; the person who created the relationship is
    recorded so that a contact-side relationship always has an account owner.
    """

    #: Shared with ``Goal.need`` (``tribe.core.kinds``: what each kind means and carries).
    Kind = RelationshipKind

    Status = RelationshipStatus

    class Channel(models.TextChoices):
        VIDEO = "video", _("Video call")
        PHONE = "phone", _("Phone")
        IN_PERSON = "in_person", _("In person")
        CHAT = "chat", _("Chat")
        EMAIL = "email", _("E-mail")

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
        max_length=300, blank=True, help_text=_("One sentence: why this relationship, what for.")
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
        default=False, help_text=_("Keep sending updates after the relationship has ended.")
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

    # The size of the ask, proposed by the mentee before the agreement exists
    # (the agreement's own cadence and length above are what both then agree
    # on). No cadence: the mentor's preferred one, else monthly.
    ask_cadence_days = models.PositiveSmallIntegerField(null=True, blank=True)
    ask_meeting_minutes = models.PositiveSmallIntegerField(default=30)
    ask_months = models.PositiveSmallIntegerField(default=6)
    # What the mentee can give back, as they wrote it; until they do, the
    # request carries a draft (an empty text they saved removes the section).
    give_back = models.CharField(max_length=1000, blank=True)
    give_back_written = models.BooleanField(default=False)
    # The mentor's "ask me again in N months" with a no (ASK_AGAIN_MONTHS);
    # empty: not offered.
    ask_again_months = models.PositiveSmallIntegerField(null=True, blank=True)

    # Consent, per side: when that side said yes to the relationship. The
    # creator consents by creating it; the other account consents only by
    # accepting a request (or, later, a programme's offer). A contact side
    # has no account and so nothing to consent with. See consent.py.
    mentee_consented_at = models.DateTimeField(null=True, blank=True)
    mentor_consented_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-status_changed_at", "id"]
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
                condition=Q(status__in=RelationshipStatus.values),
                name="relationship_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(cadence_days__isnull=True)
                | Q(cadence_days__gte=1, cadence_days__lte=366),
                name="relationship_cadence_range",
            ),
            models.CheckConstraint(
                condition=(
                    (Q(ask_cadence_days__isnull=True) | Q(ask_cadence_days__range=(1, 366)))
                    & Q(ask_meeting_minutes__range=(5, 480), ask_months__range=(1, 24))
                    & (
                        Q(ask_again_months__isnull=True)
                        | Q(ask_again_months__range=ASK_AGAIN_MONTHS)
                    )
                ),
                name="relationship_ask_size_range",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="relationship_ends_after_start",
            ),
            *(
                models.UniqueConstraint(
                    fields=[mentee, mentor, "kind"],
                    condition=~Q(status__in=list(CLOSED_STATUSES)),
                    name=f"relationship_unique_open_{tag}",
                )
                # Person-person, person-contact, contact-person.
                for tag, mentee, mentor in (
                    ("pp", "mentee", "mentor"),
                    ("pc", "mentee", "mentor_contact"),
                    ("cp", "mentee_contact", "mentor"),
                )
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
