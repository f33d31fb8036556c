"""The kinds of relationship, what each one means and what it carries.

A vocabulary shared by the layers: a goal says which kind of help its owner
needs (``people``), a relationship is of one kind (``relationships``), and
the pages show each kind's own sections. It lives in ``core`` because goals
sit below relationships and both must speak of the same four values.

The difference is the product's first idea: a mentor gives time for free and
shares lessons from their own life; a coach is (often) paid and designs
exercises; a sponsor spends their standing on you; peers trade both ways.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class RelationshipKind(models.TextChoices):
    """``Relationship.Kind`` and ``Goal.need``: the same four values everywhere."""

    MENTOR = "mentor", _("Mentor")
    COACH = "coach", _("Coach")
    SPONSOR = "sponsor", _("Sponsor")
    PEER = "peer", _("Peer mentor")


class Section(models.TextChoices):
    """A part of a relationship's page (and of its data) that belongs to some kinds only."""

    QUESTIONS = "questions", _("Questions to ask")
    ADVICE = "advice", _("Advice log")
    THANKS = "thanks", _("Gratitude")
    UPDATES = "updates", _("Updates")
    REGIMEN = "regimen", _("Regimen and practice log")
    FEES = "fees", _("Paid sessions")
    ADVOCACY = "advocacy", _("Advocacy asks")


@dataclass(frozen=True)
class KindInfo:
    kind: RelationshipKind
    #: One sentence that tells the kinds apart, for the person choosing.
    explanation: Promise
    #: When this is the kind to look for.
    choose_when: Promise
    sections: frozenset[Section]
    #: Whether both sides ask questions and record advice (peers), or only the mentee.
    symmetric: bool = False


KINDS: dict[str, KindInfo] = {
    RelationshipKind.MENTOR: KindInfo(
        RelationshipKind.MENTOR,
        _(
            "A mentor gives their time for free and shares lessons from their own "
            "career; you weigh their advice and tell them what became of it."
        ),
        _("You want to learn from someone who has walked the road before you."),
        frozenset({Section.QUESTIONS, Section.ADVICE, Section.THANKS, Section.UPDATES}),
    ),
    RelationshipKind.COACH: KindInfo(
        RelationshipKind.COACH,
        _(
            "A coach is often paid and designs exercises for you: a regimen with a "
            "schedule, practised between sessions and reviewed in them."
        ),
        _("You want to build a skill by deliberate practice, with someone holding you to it."),
        frozenset({Section.QUESTIONS, Section.REGIMEN, Section.FEES, Section.THANKS}),
    ),
    RelationshipKind.SPONSOR: KindInfo(
        RelationshipKind.SPONSOR,
        _(
            "A sponsor speaks up for you where you are not in the room: they name you "
            "for roles and projects, and you keep them informed of what you achieve."
        ),
        _("You are ready for a next step and need someone with standing to vouch for you."),
        frozenset({Section.ADVOCACY, Section.THANKS, Section.UPDATES}),
    ),
    RelationshipKind.PEER: KindInfo(
        RelationshipKind.PEER,
        _(
            "A peer mentor is at a similar stage: you both ask, both advise and both "
            "keep a record of what you tried."
        ),
        _("You want someone on the same path to trade notes and hold each other accountable."),
        frozenset({Section.QUESTIONS, Section.ADVICE, Section.THANKS, Section.UPDATES}),
        symmetric=True,
    ),
}


def kind_info(kind: str) -> KindInfo:
    """What ``kind`` means; an unknown value (old data) reads as a mentor relationship."""
    return KINDS.get(kind, KINDS[RelationshipKind.MENTOR])


def sections_of(kind: str) -> frozenset[Section]:
    return kind_info(kind).sections


def sections_shown(kind: str, *, with_data: frozenset[Section] = frozenset()) -> frozenset[Section]:
    """The sections a relationship's page shows: its kind's, and any that already hold data.

    A relationship whose kind changed (or old data recorded before kinds meant
    anything) keeps showing what was written, so nothing recorded is hidden.
    """
    return sections_of(kind) | with_data
