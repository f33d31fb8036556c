"""Answering a programme's match offer: both people say yes, or it ends.

A published pair is an offer to two people (``MatchOffer``). Each answers for
themselves, and only they may: to anyone else the offer does not exist. When
both accepted, the relationship is created once, with both sides' consent
(each gave it by accepting) and the programme's defaults as its agreement. A
decline ends the offer; the mentee waits for the next run.

The rules of ``tribe.relationships`` hold here too: a block between the two
means no relationship (the offer is withdrawn), and where the two already
have an open mentor relationship the offer is linked to it instead of
creating a second one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tribe.core import clock
from tribe.core.errors import Conflict, NotFound
from tribe.outreach.ask_size import add_months
from tribe.people.models import Block, Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import Answer, MatchOffer, OfferStatus, Participant
from tribe.relationships.models import CLOSED_STATUSES, Relationship, RelationshipStatus

__all__ = ["PART_LABELS", "SIDES", "Why", "offer_answer", "offer_why"]

#: Who may answer an offer: the side each participant speaks for.
SIDES = ("mentee", "mentor")
#: What each part of a score is called where people read it (the offer page, its mail).
PART_LABELS: dict[str, Promise] = {
    "text": _("what is wanted and offered"),
    "seniority": _("experience"),
    "language": _("languages"),
    "timezone": _("hours in common"),
    "ranking": _("the mentee's ranking"),
}


@dataclass(frozen=True)
class Why:
    """Why a pair was suggested, as its people and administrators read it: only the
    parts that count (a part worth nothing is left out), the words in common, the
    shared languages and the hours a day both are free."""

    #: (part, its label, its value), parts worth nothing left out.
    parts: tuple[tuple[str, str, float], ...]
    terms: tuple[str, ...]
    languages: tuple[str, ...]
    overlap_hours: float | None

    def __bool__(self) -> bool:
        return bool(self.parts or self.terms or self.languages or self.overlap_hours is not None)


def offer_why(explanation: Mapping[str, Any]) -> Why:
    """The readable parts of a stored explanation (a run pair's or an offer's).

    Tolerant of what older runs stored: missing keys, empty terms, zero parts.

    >>> offer_why({"parts": {"text": 0.08, "seniority": 0.0}, "terms": [["", 0.1]]}).parts
    (('text', 'what is wanted and offered', 0.08),)
    """
    parts = tuple(
        (key, str(PART_LABELS.get(key, key)), float(value))
        for key, value in (explanation.get("parts") or {}).items()
        if value
    )
    terms = tuple(
        str(term[0]).strip()
        for term in explanation.get("terms") or ()
        if term and str(term[0]).strip()
    )
    languages = tuple(str(code) for code in explanation.get("languages") or () if code)
    hours = explanation.get("overlap_hours")
    return Why(parts, terms, languages, None if hours is None else float(hours))


def _side_of(offer: MatchOffer, actor: Person) -> str:
    """The side ``actor`` answers for; NotFound for anyone not in the offer."""
    if offer.mentee.person_id == actor.pk:
        return "mentee"
    if offer.mentor.person_id == actor.pk:
        return "mentor"
    raise NotFound(ProgrammeCode.NO_OFFER)


def _blocked(a: int, b: int) -> bool:
    return Block.objects.filter(
        Q(blocker_id=a, blocked_id=b) | Q(blocker_id=b, blocked_id=a)
    ).exists()


def _relationship(offer: MatchOffer, moment: dt.datetime) -> Relationship:
    """The pair's relationship: an open one they already have, else a new one."""
    mentee, mentor = offer.mentee.person, offer.mentor.person
    existing = (
        Relationship.objects.select_for_update()
        .filter(mentee=mentee, mentor=mentor, kind=Relationship.Kind.MENTOR)
        .exclude(status__in=CLOSED_STATUSES)
        .first()
    )
    if existing is not None:
        # Both said yes to each other by accepting the offer.
        existing.mentee_consented_at = existing.mentee_consented_at or moment
        existing.mentor_consented_at = existing.mentor_consented_at or moment
        existing.save(update_fields=["mentee_consented_at", "mentor_consented_at", "updated_at"])
        return existing
    programme = offer.programme
    cohort = offer.mentee.cohort
    starts = max(moment.date(), cohort.starts_on) if cohort and cohort.starts_on else moment.date()
    months = cohort.length_months if cohort is not None else programme.default_length_months
    return Relationship.objects.create(
        mentee=mentee,
        mentor=mentor,
        created_by=mentee,
        kind=Relationship.Kind.MENTOR,
        status=RelationshipStatus.INTRO,
        status_changed_at=moment,
        mentee_consented_at=moment,
        mentor_consented_at=moment,
        agreed_at=moment,
        cadence_days=programme.default_cadence_days,
        starts_on=starts,
        ends_on=add_months(starts, months),
    )


@transaction.atomic
def offer_answer(
    *, actor: Person, offer: MatchOffer, accept: bool, now: dt.datetime | None = None
) -> MatchOffer:
    """Record ``actor``'s answer to the offer (they are its mentee or mentor;
    anyone else: NotFound). Both accepted: the relationship exists, once."""
    offer = (
        MatchOffer.objects.select_for_update(of=("self",))
        .select_related("programme", "mentee__person", "mentee__cohort", "mentor__person")
        .get(pk=offer.pk)
    )
    side = _side_of(offer, actor)
    if offer.status == OfferStatus.OPEN and Participant.Status.LEFT in (
        offer.mentee.status,
        offer.mentor.status,
    ):
        # Someone left the programme after it was offered: nothing starts from it
        # (leaving withdraws open offers; this holds for offers older than that).
        offer.status = OfferStatus.WITHDRAWN
        offer.save(update_fields=["status", "updated_at"])
    if offer.status != OfferStatus.OPEN:
        raise Conflict(ProgrammeCode.OFFER_CLOSED, field="offer", status=offer.get_status_display())
    if getattr(offer, f"{side}_answer") != Answer.PENDING:
        raise Conflict(ProgrammeCode.OFFER_ANSWERED, field="accept")
    moment = clock.resolve(now)
    setattr(offer, f"{side}_answer", Answer.ACCEPTED if accept else Answer.DECLINED)
    setattr(offer, f"{side}_answered_at", moment)
    if not accept:
        offer.status = OfferStatus.DECLINED
    elif offer.mentee_answer == offer.mentor_answer == Answer.ACCEPTED:
        if _blocked(offer.mentee.person_id, offer.mentor.person_id):
            offer.status = OfferStatus.WITHDRAWN
        else:
            relationship = _relationship(offer, moment)
            offer.status = OfferStatus.ACCEPTED
            if not MatchOffer.objects.filter(relationship=relationship).exists():
                offer.relationship = relationship
    offer.save()
    return offer
