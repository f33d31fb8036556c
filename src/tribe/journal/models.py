"""The learning journal: short reflections, and how often their author wants to write one.

An entry is its author's own. It may be shared with the other person of the
relationship it is about, and with nobody else: administrators see counts and
dates, never what was written.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.deletion import Collector
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.core.models import TimeStampedModel
from tribe.ledger.models import Advice
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

#: The longest reflection, per field: a few paragraphs, not an essay.
TEXT_MAX = 2000


class Cadence(models.TextChoices):
    """How often the author wants to be asked for a reflection (``JournalCadence.cadence``)."""

    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
    OFF = "off", _("Only after meetings")


#: The length of one cadence period, in days ("monthly" is read as 30 days so
#: that every period is the same length and the check-in's rule stays simple).
PERIOD_DAYS: dict[str, int] = {Cadence.WEEKLY: 7, Cadence.FORTNIGHTLY: 14, Cadence.MONTHLY: 30}
#: The period the check-in looks back over when the author chose no cadence.
DEFAULT_PERIOD_DAYS = 30


class JournalCadence(TimeStampedModel):
    """The author's chosen cadence; no row means "only after meetings"."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="journal_cadence")
    cadence = models.CharField(max_length=16, choices=Cadence.choices, default=Cadence.OFF)

    class Meta:
        ordering = ["person", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cadence__in=Cadence.values), name="journal_cadence_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Journal cadence {self.pk}"


def detach_entries(collector: Collector, field: Any, sub_objs: Any, using: str) -> None:
    """``on_delete`` of an entry's relationship: the entry stays, private again.

    The entry is its author's and outlives the relationship (which is deleted
    only while the other side has not said yes); sharing meant "with the other
    person of that relationship", so with it gone nobody else may read it.
    (The migration names this function: keep its name.)
    """
    # Unshared first: the check "shared needs a relationship" holds after each update.
    collector.add_field_update(JournalEntry._meta.get_field("shared"), False, sub_objs)
    collector.add_field_update(field, None, sub_objs)


class JournalEntry(TimeStampedModel):
    """A short reflection: what I learned, what I will try, what surprised me.

    Linked, if the author likes, to one relationship, one meeting, and any of
    their own goals and advice. Private unless ``shared``: then the other
    person of ``relationship`` reads it too (see ``selectors.readable_entries_q``).
    """

    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="journal_entries")
    written_on = models.DateField()
    learned = models.TextField(blank=True, max_length=TEXT_MAX)
    will_try = models.TextField(blank=True, max_length=TEXT_MAX)
    surprised = models.TextField(blank=True, max_length=TEXT_MAX)
    relationship = models.ForeignKey(
        Relationship,
        null=True,
        blank=True,
        on_delete=detach_entries,
        related_name="journal_entries",
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="journal_entries"
    )
    goals = models.ManyToManyField(Goal, blank=True, related_name="journal_entries")
    advice = models.ManyToManyField(Advice, blank=True, related_name="journal_entries")
    shared = models.BooleanField(default=False)

    class Meta:
        ordering = ["-written_on", "-id"]
        verbose_name_plural = _("journal entries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(learned="") | ~Q(will_try="") | ~Q(surprised=""),
                name="journal_entry_not_empty",
            ),
            # Shared means "with the other person of its relationship": no relationship, nobody.
            models.CheckConstraint(
                condition=Q(shared=False) | Q(relationship__isnull=False),
                name="journal_shared_has_relationship",
            ),
        ]
        indexes = [models.Index(fields=["author", "written_on"])]

    def __str__(self) -> str:
        day = date_format(self.written_on, "DATE_FORMAT")
        return gettext("Journal entry of {date}").format(date=day)
