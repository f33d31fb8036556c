"""Writes for checking fit: ruling a candidate out, and taking it back."""

from __future__ import annotations

from django.db import transaction

from tribe.core import validation as v
from tribe.core.errors import NotFound, ValidationError
from tribe.matching.errors import MatchingCode
from tribe.matching.models import NotAMatch
from tribe.people.errors import PeopleCode
from tribe.people.models import Contact, Goal, Person


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
        raise ValidationError(MatchingCode.ONE_CANDIDATE, field="candidate")
    if candidate_contact is not None and candidate_contact.owner_id != person.pk:
        raise NotFound(PeopleCode.NO_CONTACT, field="candidate")
    if goal is not None and goal.person_id != person.pk:
        raise NotFound(PeopleCode.NO_GOAL, field="goal")
    clean = v.text(reason, field="reason", max_length=300)
    if not clean:
        raise ValidationError(MatchingCode.REASON_NEEDED, field="reason")
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
        raise NotFound(MatchingCode.NO_ENTRY)
