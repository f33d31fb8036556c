"""What a coaching relationship carries: a regimen of exercises, the practice log, and the
terms of its sessions.

The regimen and the log are the two sides' shared record: both read them,
either side designs the exercises (usually the coach), and the mentee, who
practises, logs the practice. The terms record what the two agreed about
paying for sessions (an amount, a currency and who pays), never a payment:
Tribe charges nothing and moves no money. Administrators see counts and dates,
never what was written.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tribe.coaching.currencies import CURRENCIES, decimals_of
from tribe.core.models import TimeStampedModel
from tribe.people.models import Person
from tribe.relationships.models import Relationship

#: The longest title of an exercise, and its instructions.
TITLE_MAX = 200
INSTRUCTIONS_MAX = 2000
#: A practice note and a note on the terms: a line or two.
NOTE_MAX = 500
#: The schedule is "every N days": daily (1) to once a quarter (90).
EVERY_DAYS = (1, 90)
#: One practice lasts at least a minute and at most a (long) working day.
MINUTES = (1, 720)
#: "Practised in the last 30 days", counted over the 30 days ending today.
RECENT_DAYS = 30
#: An amount per session: the column holds up to 9,999,999,999.99 of any currency.
AMOUNT_DIGITS = 12
AMOUNT_PLACES = 2
#: The most a session may cost, in any currency: a billion leaves room for the
#: currencies whose unit is small (a session of 20 million dong or rupiah) and
#: catches a slipped key long before the column's limit.
AMOUNT_MAX = 1_000_000_000
#: How an exercise's first day may lie from today: a year either way (an older
#: start is a typo, "overdue since 1 Jan 1900"; a later one is not a plan yet).
START_WINDOW_YEARS = 1


class Exercise(TimeStampedModel):
    """One exercise of a coaching relationship's regimen, practised every ``every_days`` days.

    The schedule is one number on purpose: "every 2 days" says as much as
    "three or four times a week", and the next practice is due that many days
    after the last one (or on the day it starts, before any). A retired
    exercise stays with its practice log, no longer due.
    """

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="exercises"
    )
    title = models.CharField(max_length=TITLE_MAX)
    instructions = models.TextField(blank=True, max_length=INSTRUCTIONS_MAX)
    every_days = models.PositiveSmallIntegerField()
    started_on = models.DateField()
    retired_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(every_days__gte=EVERY_DAYS[0], every_days__lte=EVERY_DAYS[1]),
                name="coaching_exercise_every_days_range",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="coaching_exercise_has_title"),
        ]

    def __str__(self) -> str:
        return f"Exercise {self.pk}"


class PracticeEntry(TimeStampedModel):
    """One practice of an exercise: the day, how long, and a short note."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="practice")
    practised_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    logged_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-practised_on", "-id"]
        verbose_name_plural = _("practice entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=MINUTES[0], minutes__lte=MINUTES[1]),
                name="coaching_practice_minutes_range",
            ),
        ]
        indexes = [models.Index(fields=["exercise", "practised_on"])]

    def __str__(self) -> str:
        return f"Practice {self.pk}"


class Payer(models.TextChoices):
    """Who pays for paid sessions (``SessionTerms.payer``)."""

    MENTEE = "mentee", _("The mentee")
    EMPLOYER = "employer", _("The mentee's employer")
    PROGRAMME = "programme", _("A programme")
    OTHER = "other", _("Someone else")


class SessionTerms(TimeStampedModel):
    """What the two agreed about paying for sessions: free, or an amount per session,
    its currency (ISO 4217) and who pays. A record, never a payment."""

    relationship = models.OneToOneField(
        Relationship, on_delete=models.CASCADE, related_name="session_terms"
    )
    paid = models.BooleanField(default=False)
    amount = models.DecimalField(
        max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES, null=True, blank=True
    )
    # A code of a fixed list, as the payer is one of a few: a state, not free text.
    currency = models.CharField(
        max_length=3, blank=True, choices=[(code, code) for code in sorted(CURRENCIES)]
    )
    payer = models.CharField(max_length=16, choices=Payer.choices, blank=True)
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = _("session terms")
        constraints = [
            # Paid: an amount above zero, a currency and a payer; free: none of them.
            models.CheckConstraint(
                condition=(
                    Q(paid=True, amount__isnull=False, amount__gt=0, payer__in=Payer.values)
                    & ~Q(currency="")
                )
                | Q(paid=False, amount__isnull=True, currency="", payer=""),
                name="coaching_terms_paid_or_free",
            ),
        ]

    def __str__(self) -> str:
        return f"Session terms {self.pk}"

    @property
    def decimals(self) -> int:
        """How many decimals the amount is shown with: none for a currency without cents."""
        return decimals_of(self.currency)
