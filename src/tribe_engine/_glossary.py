"""What a skill is for, in the words of someone who needs it.

A mentor writes "Docker, k8s"; a mentee writes "I want my app to run the same
on every server".  Neither the same words nor a small embedding model
bridges that: the model has never read the mentor's tag in a sentence about
servers.  ``data/skills.json`` does: about 250 skills that people mentor in,
each with its usual spellings and a plain-language description of what it
is used for (English, with a short line in German and in Spanish).  The
glossary was written for Tribe by hand, without looking at the labelled
fit benchmark in ``bench/fit_data`` (see bench/README.md).

:func:`skills_in` finds the skills a profile names, in its tags or its text;
:class:`~tribe_engine._semantic.HybridText` compares a goal with their
descriptions, so an explanation can say "'run the same on every server' ≈
docker" although the mentor never wrote those words.

Costs use ``s`` skills in the glossary and ``w`` words in a text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ._skills import canonical

if TYPE_CHECKING:
    from ._semantic import Embedder

__all__ = [
    "INTENT_CUT",
    "Mention",
    "Skill",
    "SkillIntent",
    "glossary",
    "skill_intent",
    "skills_in",
]

_FILE = Path(__file__).with_name("data") / "skills.json"
# Words as the glossary spells them: letters and digits with the joiners
# skills use inside them (node.js, c++, c#, ci/cd), a leading dot for .net.
_WORD = re.compile(r"\.?[a-z0-9][a-z0-9+#]*(?:[./\-][a-z0-9+#]+)*")
# One-word spellings that are also everyday words or letters: a tag "Swift"
# is the language, but "swift feedback" or "go further" in a sentence is not.
_ONLY_AS_TAGS = frozenset(
    {
        "go",
        "r",
        "c",
        "d",
        "swift",
        "rust",
        "spring",
        "express",
        "excel",
        "flask",
        "dart",
        "julia",
        "elm",
        "chef",
        "puppet",
        "salt",
        "ember",
        "ui",
        "ux",
        "qa",
    }
)


@dataclass(frozen=True)
class Skill:
    """One skill: its one spelling, the others, and what it is for."""

    name: str
    area: str
    gloss: str
    de: str
    es: str
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """A skill of the glossary as a profile names it ("k8s" for kubernetes)."""

    skill: int  # its index in ``glossary().skills``
    written: str


@dataclass(frozen=True)
class Glossary:
    skills: tuple[Skill, ...]
    #: Every spelling, lower-case with white space folded, to its skill's index.
    by_spelling: dict[str, int]
    #: The most words in one spelling ("ruby on rails": 3).
    longest: int


@cache
def glossary() -> Glossary:
    """The bundled glossary, read once per process.  O(s)."""
    rows = json.loads(_FILE.read_text(encoding="utf-8"))
    skills = tuple(
        Skill(
            name=row["name"],
            area=row["area"],
            gloss=row["gloss"],
            de=row.get("de", ""),
            es=row.get("es", ""),
            spellings=tuple(row["spellings"]),
        )
        for row in rows
    )
    by_spelling: dict[str, int] = {}
    for k, skill in enumerate(skills):
        for spelling in (skill.name, *skill.spellings):
            by_spelling.setdefault(" ".join(spelling.lower().split()), k)
    longest = max(len(s.split()) for s in by_spelling)
    return Glossary(skills, by_spelling, longest)


def _lookup(g: Glossary, term: str) -> int | None:
    norm = " ".join(term.lower().split())
    found = g.by_spelling.get(norm)
    return found if found is not None else g.by_spelling.get(canonical(norm))


def skills_in(text: str, tags: Sequence[str]) -> tuple[Mention, ...]:
    """The glossary's skills a profile names: each tag that is one, then the
    longest spellings found in the text, in order of first mention, each
    once.  O(tags + w * longest), O(1) for a profile seen lately."""
    return _skills_in(text, tuple(tags))


@lru_cache(maxsize=50_000)  # a server ranks the same profiles again and again
def _skills_in(text: str, tags: tuple[str, ...]) -> tuple[Mention, ...]:
    g = glossary()
    found: dict[int, Mention] = {}
    for tag in tags:
        skill = _lookup(g, tag)
        if skill is not None:
            found.setdefault(skill, Mention(skill, tag.strip()))
    words = _WORD.findall(text.lower())
    k = 0
    while k < len(words):
        for span in range(min(g.longest, len(words) - k), 0, -1):
            phrase = " ".join(words[k : k + span]).rstrip(".")
            skill = None if phrase in _ONLY_AS_TAGS else _lookup(g, phrase)
            if skill is not None:
                found.setdefault(skill, Mention(skill, phrase))
                k += span
                break
        else:
            k += 1
    return tuple(found.values())


#: Of the skills a goal asks for, only those within this fraction of the
#: closest count: a goal about pricing is not a little about every skill.
INTENT_CUT = 0.3
#: Share of meaning (the rest is words) in how close a goal is to a skill.
INTENT_MEANING = 0.5
#: How close a goal must come to its closest skill to ask for it fully;
#: below, all its skills count in proportion ("help" or "bake bread" comes
#: near some description by chance, a real ask comes nearer: half the
#: benchmark's goals score 0.22 or more, chance texts at most about 0.13).
INTENT_FULL = 0.15


class SkillIntent:
    """How much a goal asks for each skill of the glossary, in ``[0, 1]``.

    A goal is compared with every skill's description, by meaning (the
    embedding of "name: gloss") and by words (TF-IDF over the name, the
    gloss and its German and Spanish lines, so a goal in those languages
    meets the skill by words where the English-only model cannot).  Each
    goal's scores are divided by its best one and cut at :data:`INTENT_CUT`
    of it: the closest skill counts fully, distant ones not at all.

    Fitting embeds the s descriptions once: O(s c d); asking for n goals
    costs O(n (s d + t)).
    """

    def __init__(self, embedder: Embedder) -> None:
        from sklearn.feature_extraction.text import (  # type: ignore[import-untyped, unused-ignore]
            TfidfVectorizer,  # slow to import: only when text is scored
        )

        from ._text import terms

        self.embedder = embedder
        skills = glossary().skills
        docs = [terms(f"{s.name} {s.gloss} {s.de} {s.es}", s.spellings) for s in skills]
        self._words = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, norm="l2")
        self._described = sp.csr_matrix(self._words.fit_transform(docs))
        self.vectors = embedder.vectors([f"{s.name}: {s.gloss}" for s in skills])

    def scores(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """One row per text, one column per skill: 1 for the closest skill,
        0 for those under the cut (and for a text close to none)."""
        from ._semantic import FLOOR, rescale
        from ._text import terms

        if not texts:
            return np.zeros((0, len(self.vectors)))
        cos = self.embedder.vectors(list(texts)) @ self.vectors.T
        meaning = rescale(np.asarray(cos, dtype=np.float64), FLOOR)
        asked = self._words.transform([terms(t, ()) for t in texts])
        words = np.asarray((asked @ self._described.T).toarray(), dtype=np.float64)
        mix = INTENT_MEANING * meaning + (1.0 - INTENT_MEANING) * words
        best = mix.max(axis=1, keepdims=True)
        relative = np.divide(mix, best, out=np.zeros_like(mix), where=best > 0)
        cut = np.clip((relative - INTENT_CUT) / (1.0 - INTENT_CUT), 0.0, 1.0)
        return np.asarray(cut * np.minimum(best / INTENT_FULL, 1.0), dtype=np.float64)


@cache
def skill_intent(embedder: Embedder) -> SkillIntent:
    """One fitted index per embedder (the process has one)."""
    return SkillIntent(embedder)
