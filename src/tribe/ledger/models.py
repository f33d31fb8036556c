"""The keep-alive ledger: contact logs, questions, advice, thanks, updates and wins.

These models began in the ``relationships`` and ``people`` apps and keep
their tables' names (``Meta.db_table``), so databases made before the move
did not change.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.core.models import TimeStampedModel
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship


def _kind_on(kind: str, day: dt.date) -> str:
    """How a touchpoint or a thank-you names itself on delete pages: "Call on 9 Mar 2026"."""
    # Translators: a kind of touchpoint or of thanks, then its date.
    return gettext("{kind} on {date}").format(kind=kind, date=date_format(day, "DATE_FORMAT"))


class Touchpoint(TimeStampedModel):
    """A real contact outside a scheduled meeting: a call, a message, a chance chat.

    Cadence counts from the date it *happened*, which may be earlier than the
    day it was logged. The fact is visible to both sides (it resets the
    shared clock); the note is its author's alone.
    """

    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        MESSAGE = "message", _("Message")
        EMAIL = "email", _("E-mail")
        IN_PERSON = "in_person", _("Met in person")
        UPDATE = "update", _("Sent an update")
        OTHER = "other", _("Other")

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="touchpoints"
    )
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    happened_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        db_table = "relationships_touchpoint"
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["relationship", "happened_on"])]

    def __str__(self) -> str:
        return _kind_on(self.get_kind_display(), self.happened_on)


class Question(TimeStampedModel):
    """A question the mentee collects between meetings for the next agenda."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="questions"
    )
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "relationships_question"
        ordering = ["answered_on", "created_at", "id"]

    def __str__(self) -> str:
        return self.text


class AdviceDecision(models.TextChoices):
    """What the mentee decided to do with advice (``Advice.Decision``)."""

    UNDECIDED = "undecided", _("Not decided yet")
    ADOPT = "adopt", _("Adopt")
    TRY = "try", _("Try it")
    PARK = "park", _("Park for later")
    REJECT = "reject", _("Set aside")


#: Advice taken up: help to thank the mentor for.
TAKEN_UP: tuple[AdviceDecision, ...] = (AdviceDecision.ADOPT, AdviceDecision.TRY)
#: Advice not followed: the mentee notes why, for themselves.
SET_ASIDE: tuple[AdviceDecision, ...] = (AdviceDecision.PARK, AdviceDecision.REJECT)


class Advice(TimeStampedModel):
    """A piece of advice and what its recorder decided to do with it.

    The recorder's own record (the mentee's; in a peer relationship either
    side's, of what the other advised): nothing forces them to follow advice,
    and the reasons are theirs. The giver hears about it through updates, and
    sees an outcome in their impact journal only when the recorder shares it
    (``shared_outcome``): then those words, nothing else of the record.
    """

    Decision = AdviceDecision

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="advice")
    recorded_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="advice"
    )
    given_on = models.DateField()
    text = models.CharField(max_length=1000)
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.UNDECIDED)
    reason = models.CharField(max_length=1000, blank=True)
    outcome = models.TextField(blank=True, max_length=5000)
    outcome_on = models.DateField(null=True, blank=True)
    report_back = models.BooleanField(default=False)
    reported_back_on = models.DateField(null=True, blank=True)
    # Shared with the mentor, item by item, in words the mentee chose for them:
    # a copy, so editing the private outcome (or the advice as written) never
    # changes what the mentor reads. Unsharing empties all three.
    shared_outcome = models.TextField(blank=True, max_length=5000)
    shared_advice = models.CharField(max_length=1000, blank=True)
    outcome_shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "relationships_advice"
        ordering = ["-given_on", "-id"]
        verbose_name_plural = _("advice")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=AdviceDecision.values),
                name="advice_decision_valid",
            ),
            models.CheckConstraint(
                condition=(Q(outcome_shared_at__isnull=False) & ~Q(shared_outcome=""))
                | Q(outcome_shared_at__isnull=True, shared_outcome="", shared_advice=""),
                name="advice_shared_outcome_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def _recorded_by_mentor_side(self) -> bool:
        """Peers record advice on both sides: the mentor side's log holds the mentee's advice."""
        relationship = self.relationship
        return relationship.mentor_id is not None and self.recorded_by_id == relationship.mentor_id

    @property
    def giver_name(self) -> str:
        """Who gave the advice: the other side of whoever recorded it (no query)."""
        relationship = self.relationship
        if self._recorded_by_mentor_side:
            return relationship.mentee_name
        return relationship.mentor_name

    @property
    def outcome_audience(self) -> Person | None:
        """The giver's account an outcome can be shared with: none for a contact,
        nor before they said yes (``advice_share_outcome`` says which)."""
        relationship = self.relationship
        if self._recorded_by_mentor_side:
            giver, agreed = relationship.mentee, relationship.mentee_consented_at
        else:
            giver, agreed = relationship.mentor, relationship.mentor_consented_at
        if giver is None or agreed is None:
            return None
        return giver


class Gratitude(TimeStampedModel):
    """A thank-you, gift, volunteering or acknowledgement given to the mentor."""

    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", _("Thank-you note")
        GIFT = "gift", _("Gift")
        VOLUNTEERING = "volunteering", _("Volunteered for their cause")
        ACKNOWLEDGEMENT = "acknowledgement", _("Public acknowledgement")

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="gratitude"
    )
    given_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.THANK_YOU)
    given_on = models.DateField()
    description = models.CharField(max_length=1000)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="gratitude"
    )
    advice = models.ForeignKey(
        Advice, null=True, blank=True, on_delete=models.SET_NULL, related_name="gratitude"
    )

    class Meta:
        db_table = "relationships_gratitude"
        ordering = ["-given_on", "-id"]
        verbose_name_plural = _("gratitude")

    def __str__(self) -> str:
        return _kind_on(self.get_kind_display(), self.given_on)


class MentorUpdate(TimeStampedModel):
    """A periodic news update from the mentee to the mentor."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    body = models.TextField(max_length=10000)

    class Meta:
        db_table = "relationships_mentorupdate"
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"Update of {self.sent_on}"


class Win(TimeStampedModel):
    """Something that went well: feeds agendas and updates to mentors."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="wins")
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="wins"
    )
    happened_on = models.DateField()
    text = models.CharField(max_length=500)

    class Meta:
        db_table = "people_win"
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return self.text
