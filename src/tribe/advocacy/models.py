"""An advocacy ask: what a sponsor is asked to do for the person they sponsor.

The person sponsored (the relationship's mentee side) writes the ask: whom the
sponsor will speak to (a person or a forum), about which opportunity, the case
to make (the achievements to cite) and by when. The sponsor agrees or
declines, and says when they spoke; either side then records what happened.
Both sides of the relationship read its asks; nobody else does (administrators
see counts and dates, never the words).

Each step keeps its day and who recorded it. The status says how far the ask
got; the rules of who may take which step are in :mod:`tribe.advocacy.pipeline`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.core.models import TimeStampedModel
from tribe.people.models import Person
from tribe.relationships.models import Relationship

#: The longest texts, per field.
AUDIENCE_MAX = 200
OPPORTUNITY_MAX = 300
CASE_MAX = 2000
NOTE_MAX = 1000
OUTCOME_MAX = 2000


class AskStatus(models.TextChoices):
    """How far an ask got (``AdvocacyAsk.Status``)."""

    ASKED = "asked", _("Asked")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Done")
    OUTCOME = "outcome", _("Outcome recorded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: The statuses after an answer from the sponsor (yes or no).
ANSWERED: tuple[AskStatus, ...] = (
    AskStatus.AGREED,
    AskStatus.DECLINED,
    AskStatus.DONE,
    AskStatus.OUTCOME,
)
#: The statuses after the sponsor spoke.
SPOKEN: tuple[AskStatus, ...] = (AskStatus.DONE, AskStatus.OUTCOME)
#: Still under way: nothing final has happened to it yet.
OPEN: tuple[AskStatus, ...] = (AskStatus.ASKED, AskStatus.AGREED, AskStatus.DONE)


class AdvocacyAsk(TimeStampedModel):
    """One ask of a sponsor relationship, and what became of it."""

    Status = AskStatus

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="advocacy_asks"
    )
    # The ask is its writer's words: erasing their account deletes it.
    asked_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="advocacy_asks")
    audience = models.CharField(max_length=AUDIENCE_MAX)
    opportunity = models.CharField(max_length=OPPORTUNITY_MAX)
    case = models.TextField(blank=True, max_length=CASE_MAX)
    by_when = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ASKED)
    asked_on = models.DateField()
    # Who recorded each step: their account may go (erasure), the step stays.
    # The sponsor's answer: yes or no, with a word if they like.
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_note = models.TextField(blank=True, max_length=NOTE_MAX)
    # They spoke up.
    spoke_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_note = models.TextField(blank=True, max_length=NOTE_MAX)
    # What happened.
    outcome = models.TextField(blank=True, max_length=OUTCOME_MAX)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-asked_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AskStatus.values), name="advocacy_ask_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(audience="") & ~Q(opportunity=""), name="advocacy_ask_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(by_when__isnull=True) | Q(by_when__gte=models.F("asked_on")),
                name="advocacy_ask_by_when_after_asked",
            ),
            # Each status has the steps that led to it, and none after it.
            models.CheckConstraint(
                condition=~Q(status__in=list(ANSWERED)) | Q(answered_on__isnull=False),
                name="advocacy_ask_answered",
            ),
            models.CheckConstraint(
                condition=~Q(status=AskStatus.ASKED) | Q(answered_on__isnull=True),
                name="advocacy_ask_not_answered_yet",
            ),
            models.CheckConstraint(
                condition=Q(status__in=list(SPOKEN), spoke_on__isnull=False)
                | (~Q(status__in=list(SPOKEN)) & Q(spoke_on__isnull=True)),
                name="advocacy_ask_spoken",
            ),
            models.CheckConstraint(
                condition=(Q(status=AskStatus.OUTCOME, outcome_on__isnull=False) & ~Q(outcome=""))
                | (~Q(status=AskStatus.OUTCOME) & Q(outcome="", outcome_on__isnull=True)),
                name="advocacy_ask_outcome",
            ),
            models.CheckConstraint(
                condition=Q(status=AskStatus.WITHDRAWN, withdrawn_on__isnull=False)
                | (~Q(status=AskStatus.WITHDRAWN) & Q(withdrawn_on__isnull=True)),
                name="advocacy_ask_withdrawn",
            ),
        ]
        indexes = [models.Index(fields=["relationship", "status"])]

    def __str__(self) -> str:
        return gettext("Advocacy ask {id}").format(id=self.pk)
