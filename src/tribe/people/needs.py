"""Which kind of help a goal needs: a suggestion read from the goal's own words.

The search's first step asks what a person needs before whom they ask: a
mentor, a coach, a sponsor or a peer (``tribe.core.kinds``). Most goals are
for a mentor; a few say plainly that they are about something else, and this
module notices those, in English and German:

- practice (practise, drill, exercise, rehearse, habit, "by doing"; üben,
  Übung, trainieren, proben, Gewohnheit, "durch Üben"): a **coach**, who
  designs the exercises and holds you to them;
- standing (promotion, visibility, nominate, an advocate, "next role", "be
  considered for"; Beförderung, Sichtbarkeit, nominieren, Fürsprecher,
  "nächste Rolle"): a **sponsor**, who speaks up for you where you are not;
- company on the same path (peer, accountability, "study together",
  "someone at my level"; gemeinsam lernen, Lernpartner, "auf meinem Niveau"):
  a **peer** mentor;
- anything else: a **mentor**.

How it decides, so that the reason can be told in a sentence: the title is
read first and the description only when the title says nothing; within one
text the earliest word that points somewhere wins ("rehearse my pitch for the
promotion panel" is practice first), and of two at the same place the longer
("practise together" is a peer's). Phrases that only look like a sign are
skipped ("best practices", "peer review", "drill down", advocating *for
something*), so such goals stay with a mentor.

It is a rule, not a model: pure (no database), fixed, and tested on fixed
phrases. It only suggests; the person chooses (``Goal.need``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tribe.core.kinds import RelationshipKind

__all__ = ["Suggestion", "suggest_need"]

Kind = RelationshipKind

#: Phrases that contain a sign word without meaning it; blanked out before reading.
#: Written case-folded (``ß`` is ``ss``), as the text is compared.
NOT_A_SIGN = re.compile(
    r"\bbest[- ]practi[cs]es?\b"
    r"|\bgood[- ]practi[cs]es?\b"
    r"|\bpracti[cs]e (?:area|lead|manager)s?\b"
    r"|\bpeer[- ]reviews?\b"
    r"|\bpeer[- ]to[- ]peer\b"
    r"|\bdrill(?:s|ed|ing)?[- ]down\b"
    r"|\bexercis(?:e|es|ed|ing) (?:\w+ )?"
    r"(?:judg(?:e)?ment|authority|influence|caution|power|control)\b"
    # Advocating for a cause is the person's own work, not a sponsor's.
    r"|\badvocat(?:e|es|ed|ing) for (?!me\b|myself\b)"
)

#: For each kind other than the default, the words that point to it.
SIGNS: dict[str, re.Pattern[str]] = {
    Kind.COACH: re.compile(
        r"\bcoach(?:es|ing)?\b"
        r"|\bpracti[cs](?:e|es|ed|ing)\b"
        r"|\bdrill(?:s|ed|ing)?\b"
        r"|\bexercis(?:e|es|ed|ing)\b"
        r"|\brehears(?:e|es|ed|ing|al|als)\b"
        r"|\bhabits?\b"
        r"|\bby doing\b"
        r"|\bhands-on\b"
        r"|\bdaily routine\b"
        r"|\bübe\b|\büben\b|\bübt\b|\beinüben\b|\bübung(?:en)?\b"
        r"|\btrainier(?:en|e|t)\b"
        r"|\bproben\b"
        r"|\bgewohnheit(?:en)?\b"
        r"|\bdurch (?:tun|machen|praxis)\b"
    ),
    Kind.SPONSOR: re.compile(
        r"\bsponsor(?:s|ship|ing|ed)?\b"
        r"|\bpromot(?:ion|ions|ed)\b"
        r"|\bget promoted\b"
        r"|\bvisib(?:le|ility)\b"
        r"|\bnominat(?:e|ed|es|ion|ing)\b"
        r"|\b(?:an|my|a) advocate\b"
        r"|\badvocat(?:e|es|ed|ing) for (?:me|myself)\b"
        r"|\bnext (?:role|position|level|step up)\b"
        r"|\b(?:be|being|get|getting) considered for\b"
        r"|\bput (?:my name|me) forward\b"
        r"|\bbeförder(?:ung|t|n)\b"
        r"|\bsichtbar(?:keit)?\b"
        r"|\bnominier(?:en|t|ung)\b"
        r"|\bfürsprecher(?:in)?\b"
        r"|\bfür mich einsetz\w*"
        r"|\bnächsten? (?:rolle|position|stelle|karrierestufe)\b"
        r"|\bin betracht gezogen\b"
    ),
    Kind.PEER: re.compile(
        r"\bpeers?\b"
        r"|\baccountab(?:le|ility)\b"
        r"|\b(?:study|learn|practi[cs]e) together\b"
        r"|\bstudy (?:buddy|partner|group)\b"
        r"|\bsomeone (?:at|on) (?:my|the same) (?:level|stage|path)\b"
        r"|\bat (?:my|the same) (?:level|stage)\b"
        r"|\bgleichgesinnte\w*"
        r"|\blernpartner(?:in)?\b"
        r"|\b(?:gemeinsam|zusammen) (?:lernen|üben)\b"
        r"|\bauf (?:meinem|dem gleichen|demselben) (?:niveau|stand)\b"
        r"|\bgegenseitig\b"
    ),
}

#: Why each kind was suggested; ``{word}`` is the word in the goal that pointed to it.
REASONS: dict[str, Promise] = {
    Kind.COACH: _("it mentions “{word}”: practice is what a coach designs and holds you to"),
    Kind.SPONSOR: _("it mentions “{word}”: a sponsor is who speaks up for you there"),
    Kind.PEER: _("it mentions “{word}”: someone on the same path trades notes with you"),
}
#: Why a goal that names no other kind is for a mentor.
REASON_MENTOR = _(
    "nothing in it points to practice, standing or a peer: a mentor's lessons from their "
    "own road fit it"
)


@dataclass(frozen=True)
class Suggestion:
    """The kind of help a goal seems to need, and the word in it that says so.

    ``word`` is empty for the default, a mentor. ``reason`` is the sentence to
    show, in the active language.
    """

    kind: str
    word: str = ""

    @property
    def reason(self) -> str:
        template = REASONS.get(self.kind)
        if template is None or not self.word:
            return str(REASON_MENTOR)
        return str(template).format(word=self.word)

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "word": self.word, "reason": self.reason}


def _read(text: str) -> Suggestion | None:
    """The earliest sign in ``text``, or None when it has none."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    # Same length after blanking, so positions stay comparable across kinds.
    folded = NOT_A_SIGN.sub(lambda found: " " * len(found.group()), folded)
    # (start, -length, kind, word): the earliest sign, and of two at one place the
    # longer ("practise together" is a peer's, not practice alone).
    found = [
        (match.start(), -len(match.group()), str(kind), match.group())
        for kind, pattern in SIGNS.items()
        if (match := pattern.search(folded))
    ]
    if not found:
        return None
    _start, _length, kind, word = min(found)
    return Suggestion(kind, word)


def suggest_need(goal_title: str, goal_description: str = "") -> Suggestion:
    """The kind of help a goal needs, from its title (first) and its description.

    >>> suggest_need("Rehearse conference talks until they feel easy").kind
    'coach'
    >>> suggest_need("Be considered for the staff engineer role").kind
    'sponsor'
    >>> suggest_need("Learn best practices for code review").kind
    'mentor'
    """
    return _read(goal_title or "") or _read(goal_description or "") or Suggestion(str(Kind.MENTOR))
