"""Writes for checking fit: ruling a candidate out, and taking it back."""

from __future__ import annotations

from django.db import transaction

from tribe.core import validation as v
from tribe.core.errors import NotFound, ValidationError
from tribe.matching.models import NotAMatch
from tribe.people.models import Contact, Goal, Person

MSG_REASON = "say why, so you remember (for example “no time for mentees this year”)"
MSG_CANDIDATE = "choose one candidate: an account or a contact"


@transaction.atomic
def not_a_match_mark(
    *,
    person: Person,
    reason: str,
    goal: Goal | None = None,
    candidate_person: Person | None = None,
    candidate_contact: Contact | None = None,
) -> NotAMatch:
    """Rule a candidate out (for one goal, or for all): it leaves later rankings."""
    if (candidate_person is None) == (candidate_contact is None):
        raise ValidationError(MSG_CANDIDATE, field="candidate")
    if candidate_contact is not None and candidate_contact.owner_id != person.pk:
        raise NotFound("no such contact", field="candidate")
    if goal is not None and goal.person_id != person.pk:
        raise NotFound("no such goal", field="goal")
    clean = v.text(reason, field="reason", max_length=300)
    if not clean:
        raise ValidationError(MSG_REASON, field="reason")
    return NotAMatch.objects.create(
        person=person,
        goal=goal,
        candidate_person=candidate_person,
        candidate_contact=candidate_contact,
        reason=clean,
    )


@transaction.atomic
def not_a_match_undo(*, person: Person, not_a_match_id: int) -> None:
    deleted, _ = NotAMatch.objects.filter(person=person, pk=not_a_match_id).delete()
    if not deleted:
        raise NotFound("no such entry")
