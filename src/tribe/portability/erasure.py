"""Erasing an account: afterwards no table holds the person's data, and the people
they mentored, or were mentored by, keep their own records.

What each kind of row becomes:

- **The person's own things** (profile, goals, contacts, availability, wins,
  journal, tokens, feeds, blocks, "not a match", programme participations and
  their answers): deleted, with the account.
- **What they wrote into a relationship with another account** (their notes,
  contact log entries, questions, advice log, thanks, updates, action items
  they owe, advocacy asks they wrote and their words in the other's (an
  outcome they recorded goes, and the ask waits for one again), and the
  request's words on their side: purpose, ask, message, give-back, decline,
  "asked for more", a snooze reason): deleted or emptied. In a coaching
  relationship, the exercises they added and the practice they logged go, and
  a note of theirs on the terms of sessions is emptied.
- **The relationship itself** stays with the other person as their own record:
  the erased side becomes a contact of theirs named only "Former member", an
  open relationship is ended, and meetings keep their dates (an edited agenda,
  which either side may have written, goes back to the one built from the data).
  Action items the other person owes stay theirs.
- **Log-in records** (django-axes) and programme invitations under the
  person's address: deleted. Their programme participations, match offers and
  survey answers go with the account.

Other people's address books are theirs: a contact someone keeps of the
person stays (unlinked from the account, as when any account goes). So is an
organisation's roster: its row about an employee is the organisation's HR
record, unlinked from the account, and leaves with the next roster import.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.journal.models import JournalEntry
from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Question, Touchpoint
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.people.models import Contact, Person
from tribe.programs.models import Invitation
from tribe.relationships.models import CLOSED_STATUSES, Relationship

__all__ = ["FORMER_MEMBER", "account_erase"]

#: What the other person's record calls the erased side (nothing of theirs is kept).
FORMER_MEMBER = gettext_noop("Former member")


@transaction.atomic
def account_erase(*, actor: Person, now: dt.datetime) -> int:
    """Erase ``actor``'s account and data (only the person themselves may); returns the
    number of relationships handed over to the other side as their own record."""
    person = Person.objects.select_for_update().get(pk=actor.pk)
    shared = list(
        Relationship.objects.select_for_update()
        .filter(Q(mentee=person, mentor__isnull=False) | Q(mentor=person, mentee__isnull=False))
        .select_related("mentee", "mentor")
    )
    for relationship in shared:
        _hand_over(relationship, person, now)
    # What they wrote in those relationships, or owe in them.
    ids = [r.pk for r in shared]
    for model, author in (
        (Note, "author"),
        (Touchpoint, "author"),
        (Question, "author"),
        (Advice, "recorded_by"),
        (Gratitude, "given_by"),
        (MentorUpdate, "author"),
    ):
        model.objects.filter(**{author: person}).delete()
    JournalEntry.objects.filter(author=person).delete()
    _coaching(person)
    _advocacy_asks(person)
    Meeting.objects.filter(relationship_id__in=ids).exclude(agenda="").update(agenda="")
    _action_items(shared, person)
    _login_records(person.email)
    Invitation.objects.filter(email__iexact=person.email).delete()
    person.delete()  # and, with it, everything that is theirs alone
    return len(shared)


def _hand_over(relationship: Relationship, person: Person, now: dt.datetime) -> None:
    """The other side keeps the relationship, with the erased side as a bare contact."""
    role = relationship.role_of(person)
    other = relationship.mentor if role == "mentee" else relationship.mentee
    assert other is not None
    stand_in = Contact.objects.create(owner=other, name=gettext(FORMER_MEMBER))
    if role == "mentee":
        relationship.mentee, relationship.mentee_contact = None, stand_in
        relationship.mentee_consented_at = None
    else:
        relationship.mentor, relationship.mentor_contact = None, stand_in
        relationship.mentor_consented_at = None
    if relationship.created_by_id == person.pk:
        # Their words in the request go with them; the record is now the other's.
        relationship.purpose = relationship.ask = relationship.why_them = ""
        relationship.request_message = relationship.give_back = ""
        relationship.created_by = other
    else:
        relationship.decline_message = relationship.info_request = ""
    if relationship.snoozed_by_id == person.pk:
        relationship.snoozed_by, relationship.snooze_reason = None, ""
        relationship.snoozed_until = None
    if relationship.status not in CLOSED_STATUSES:
        relationship.status = Relationship.Status.ENDED
        relationship.status_changed_at = now
        if relationship.ends_on is None or relationship.ends_on > now.date():
            relationship.ends_on = max(now.date(), relationship.starts_on or now.date())
    relationship.save()


def _action_items(shared: list[Relationship], person: Person) -> None:
    """Items the erased side owed go; the other side's stay, now written by them."""
    for relationship in shared:
        # After the hand-over the erased side is the contact: their items are the
        # ones owned by that side.
        erased_side = (
            ActionItem.Owner.MENTEE
            if relationship.mentee_contact_id is not None
            else ActionItem.Owner.MENTOR
        )
        owner = (
            relationship.mentor if erased_side == ActionItem.Owner.MENTEE else relationship.mentee
        )
        items = ActionItem.objects.filter(relationship=relationship)
        items.filter(owner=erased_side).delete()
        items.filter(created_by=person).update(created_by=owner)


def _advocacy_asks(person: Person) -> None:
    """Asks they wrote go; in the other's asks their words go, and an outcome they
    recorded with them (the ask is back to "done", waiting for one)."""
    AdvocacyAsk.objects.filter(asked_by=person).delete()
    AdvocacyAsk.objects.filter(answered_by=person).update(answer_note="")
    AdvocacyAsk.objects.filter(done_by=person).update(done_note="")
    AdvocacyAsk.objects.filter(outcome_by=person).update(
        status=AskStatus.DONE, outcome="", outcome_on=None, outcome_by=None
    )


def _coaching(person: Person) -> None:
    """Their words in a regimen go: the exercises they added (with the practice of
    them) and the practice they logged; the terms stay, without their note."""
    PracticeEntry.objects.filter(logged_by=person).delete()
    Exercise.objects.filter(added_by=person).delete()
    SessionTerms.objects.filter(updated_by=person).update(note="", updated_by=None)


def _login_records(email: str) -> None:
    # Through the app registry: django-axes ships no type information.
    for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
        apps.get_model("axes", name)._default_manager.filter(username__iexact=email).delete()
