"""What I can give back: a draft, so that nobody asks empty-handed.

People hold back from asking a mentor for fear of having nothing to give in
return. Most have more than they think: what they know (their expertise and
what they offer), what they did lately (their wins), and the causes the
mentor supports, for which they could volunteer or which they support too.
This module drafts that section of a request from fixed facts, no database:
``selectors.give_back_facts`` gathers them, and only what the mentor made
public (the causes on their directory profile) is used of the mentor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

__all__ = ["RECENT_DAYS", "GiveBackFacts", "draft_give_back"]

#: A win counts as recent for this long: old news makes a thin offer.
RECENT_DAYS = 90
#: At most this many of each kind: a request is a short letter.
MOST = 3


@dataclass(frozen=True)
class GiveBackFacts:
    """The facts a give-back draft is made of."""

    expertise: Sequence[str]
    offers: str
    #: (day it happened, what) for the mentee's wins, any order.
    wins: Sequence[tuple[dt.date, str]]
    my_causes: Sequence[str]
    #: The causes the mentor lists publicly; empty for a contact or a mentor who lists none.
    mentor_causes: Sequence[str]


def draft_give_back(facts: GiveBackFacts, *, today: dt.date) -> str:
    """The "what I can give back" section, one sentence per kind of fact; "" with none.

    Wins count from ``RECENT_DAYS`` before ``today`` up to ``today`` (a
    date in the future is a plan, not a win).

    >>> facts = GiveBackFacts(["SQL"], "", [], ["Code Club"], ["code club", "Oxfam"])
    >>> draft_give_back(facts, today=dt.date(2026, 3, 10))
    'I could help with: SQL. Like you, I support Code Club: I would be glad to help there.'
    """
    sentences = []
    skills = _first(facts.expertise)
    if skills:
        sentences.append(gettext("I could help with: {skills}.").format(skills="; ".join(skills)))
    elif facts.offers.strip():
        sentences.append(
            gettext("I could help with: {offer}.").format(offer=_first_sentence(facts.offers))
        )
    since = today - dt.timedelta(days=RECENT_DAYS)
    recent = sorted(
        ((on, text.strip()) for on, text in facts.wins if since <= on <= today and text.strip()),
        key=lambda win: win[0],
        reverse=True,
    )
    if recent:
        wins = "; ".join(text.rstrip(".") for _, text in recent[:MOST])
        sentences.append(gettext("Something recent I could share: {wins}.").format(wins=wins))
    sentences += _causes_sentences(facts.my_causes, facts.mentor_causes)
    return " ".join(sentences)


def _causes_sentences(mine: Sequence[str], theirs: Sequence[str]) -> list[str]:
    if not theirs:
        return []
    my_keys = {cause.casefold() for cause in mine}
    shared = [cause for cause in mine if cause.casefold() in {t.casefold() for t in theirs}]
    if shared:
        # In the mentee's own spelling: it is their sentence. Listing a cause
        # says "I support it", not "I volunteer for it": the draft claims no more.
        return [
            gettext("Like you, I support {causes}: I would be glad to help there.").format(
                causes=_and(_first(shared))
            )
        ]
    others = [cause for cause in theirs if cause.casefold() not in my_keys]
    return [
        gettext("I would be glad to give some time to {causes}, which you support.").format(
            causes=_or(_first(others))
        )
    ]


def _first(items: Sequence[str]) -> list[str]:
    return [item.strip() for item in items if item.strip()][:MOST]


def _first_sentence(text: str) -> str:
    first = " ".join(text.split()).split(". ")[0]
    return first.rstrip(".")


def _and(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return gettext("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _or(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return gettext("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])
