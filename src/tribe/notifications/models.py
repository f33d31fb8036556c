"""The scheduler's record of the periodic jobs it started.

The messages themselves are rows of ``tribe.outbox.Message`` and what each
person wants to be told is ``tribe.outbox.Preference``; this app decides
what to send and when: the digest at each person's local morning, nudges,
chat messages to the webhooks a person connects.
"""

from __future__ import annotations

from django.db import models


class ScheduledSlot(models.Model):
    """A periodic job started for one time slot, by whichever worker got there first.

    Every worker runs the scheduler; the unique (job, slot) row is what makes
    a slot start once however many workers see it come round.
    """

    job = models.CharField(max_length=40)
    slot = models.DateTimeField()
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="scheduled_slot_once")]

    def __str__(self) -> str:
        return f"{self.job} at {self.slot:%Y-%m-%d %H:%M}"
