"""Who may take which step of an advocacy ask: one declared table.

The person sponsored (the relationship's mentee side) writes an ask and may
withdraw it until the sponsor has spoken; only the sponsor (the mentor side)
agrees or declines, and records that they spoke; either side records what
happened. Everything else is refused.

A side that is a contact has no account and so nothing to say: a relationship
with a contact is its one account's own record (as in ``relationships.consent``),
and that account records every step, the contact's too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tribe.advocacy.errors import (
    STEP_AGREE,
    STEP_DECLINE,
    STEP_DONE,
    STEP_OUTCOME,
    STEP_WITHDRAW,
)
from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship

__all__ = ["ASK", "STEPS", "Rule", "Step", "Who", "may", "steps_for"]


class Who(StrEnum):
    #: The sponsor: the relationship's mentor side.
    SPONSOR = "sponsor"
    #: The person sponsored: the relationship's mentee side.
    PROTEGE = "protege"
    #: Either side.
    EITHER = "either"


class Step(StrEnum):
    AGREE = "agree"
    DECLINE = "decline"
    DONE = "done"
    OUTCOME = "outcome"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Rule:
    #: The statuses the step may be taken from.
    after: frozenset[str]
    #: The status it leads to.
    to: AskStatus
    who: Who
    #: The step as a refusal names it (English, marked for translation).
    words: str


STEPS: dict[Step, Rule] = {
    Step.AGREE: Rule(frozenset({AskStatus.ASKED}), AskStatus.AGREED, Who.SPONSOR, STEP_AGREE),
    Step.DECLINE: Rule(frozenset({AskStatus.ASKED}), AskStatus.DECLINED, Who.SPONSOR, STEP_DECLINE),
    Step.DONE: Rule(frozenset({AskStatus.AGREED}), AskStatus.DONE, Who.SPONSOR, STEP_DONE),
    Step.OUTCOME: Rule(frozenset({AskStatus.DONE}), AskStatus.OUTCOME, Who.EITHER, STEP_OUTCOME),
    Step.WITHDRAW: Rule(
        frozenset({AskStatus.ASKED, AskStatus.AGREED}),
        AskStatus.WITHDRAWN,
        Who.PROTEGE,
        STEP_WITHDRAW,
    ),
}
#: Who writes a new ask.
ASK = Who.PROTEGE

_SIDE = {Who.SPONSOR: "mentor", Who.PROTEGE: "mentee"}


def _other_is_contact(relationship: Relationship, side: str) -> bool:
    other = "mentor" if side == "mentee" else "mentee"
    return getattr(relationship, f"{other}_id") is None


def may(relationship: Relationship, person: Person, who: Who) -> bool:
    """Whether ``person`` acts as ``who`` in ``relationship`` (having said yes to it).

    Reads only the relationship's own row: no query.
    """
    side = relationship.role_of(person)
    if side is None or not consent.has_consented(relationship, person):
        return False
    if who is Who.EITHER or _other_is_contact(relationship, side):
        return True
    return side == _SIDE[who]


def steps_for(ask: AdvocacyAsk, person: Person) -> frozenset[Step]:
    """The steps ``person`` may take on ``ask`` now (no query: the ask's relationship is loaded)."""
    relationship = ask.relationship
    return frozenset(
        step
        for step, rule in STEPS.items()
        if ask.status in rule.after and may(relationship, person, rule.who)
    )
