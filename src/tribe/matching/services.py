"""Writes for checking fit: ruling a candidate out, taking it back, and taking one on."""

from __future__ import annotations

from django.db import transaction

from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.matching.errors import MatchingCode
from tribe.matching.models import NotAMatch
from tribe.people.errors import PeopleCode
from tribe.people.models import Contact, Goal, Person
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import active_mentee_count
from tribe.relationships.services import relationship_create


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


@transaction.atomic
def fit_prospect_add(
    *, person: Person, goal: Goal, kind: str, candidate_id: int | str
) -> tuple[Person | Contact, Relationship]:
    """Add a ranked candidate as a prospect for ``goal`` (step 3 to 4), of the kind
    the goal needs (``Goal.need``; a mentor while none is chosen).

    A mentor with no free place cannot be asked, so they are not taken on as
    a prospect either: the refusal names the best candidate who has a place.
    The mentor's row is locked while their places are counted, as the
    request's own check does, so two people cannot both take the last place
    unseen (the request checks again when it is sent).
    """
    from tribe.matching.selectors import fit_candidate_get, fit_ranking

    # The kind of help the goal needs, once its owner chose: a coach for a goal of practice.
    need = goal.need or Relationship.Kind.MENTOR
    chosen = fit_candidate_get(person=person, kind=kind, candidate_id=candidate_id)
    if isinstance(chosen, Person):
        Person.objects.select_for_update().filter(pk=chosen.pk).first()
        if active_mentee_count(mentor=chosen) >= chosen.mentee_capacity:
            rows = fit_ranking(person=person, goal=goal, limit=10)
            nxt = next((r.name for r in rows if r.has_capacity and r.id != chosen.pk), None)
            if nxt is None:
                raise Conflict(
                    MatchingCode.MENTOR_FULL_NO_OTHER, field="candidate", name=chosen.name
                )
            raise Conflict(MatchingCode.MENTOR_FULL, field="candidate", name=chosen.name, next=nxt)
        relationship = relationship_create(
            created_by=person, my_role="mentee", kind=need, goals=[goal], other_person=chosen
        )
    else:
        relationship = relationship_create(
            created_by=person, my_role="mentee", kind=need, goals=[goal], other_contact=chosen
        )
    return chosen, relationship
