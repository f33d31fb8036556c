"""Similarity by meaning: a small embedding model that ships inside its wheel.

Word overlap misses a goal said in other words ("package my applications in
containers" for a mentor who offers docker and kubernetes).  This module
embeds both sides with WordLlama (``wordllama`` on PyPI: 256-dimensional
static token embeddings with average pooling, 16 MB of weights and its
tokenizer inside the package) and compares them by cosine.  The model is
loaded from the package folder with every download path closed, once per
process; vectors are cached per text, so re-ranking the same candidates
embeds nothing new.

What a cosine means is rescaled so the text part keeps its promises
(:mod:`._text`): ``max(0, (cos - floor) / (1 - floor))`` lies in ``[0, 1]``
and is exactly 0 below the floor, so unrelated pairs stay unstored and the
candidate graph stays sparse.  :class:`HybridText` adds the lexical part
(TF-IDF over skill-aware terms), because the two fail differently: the model
blurs rare exact names ("elixir", "c#"), the words miss paraphrases; and
:class:`KnowledgeText`, the skills the mentor names as the glossary
(:mod:`._glossary`) describes them, because a static model has never seen a
tag like "k8s" in a sentence about servers.  The mix and the floor were
chosen on the labelled benchmark in ``bench/fit_quality.py`` (see
bench/README.md).

Languages: WordLlama's vocabulary is English.  A goal in German or Spanish
still meets an English profile through skill names both share (the lexical
part) and the glossary's German and Spanish lines, but not through the
model; docs/matching.md says so.

Costs use ``n`` wants, ``m`` offers, ``d`` the dimension (256), ``u`` the
number of distinct texts not yet cached and ``c`` their mean length.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ._arrays import FloatArray, IntArray
from ._glossary import glossary, skill_intent, skills_in
from ._text import Meaning, Text, TextParts, TextSimilarity, TfidfText

__all__ = [
    "FLOOR",
    "KNOWLEDGE_SHARE",
    "LEXICAL_SHARE",
    "Embedder",
    "HybridText",
    "KnowledgeText",
    "SemanticText",
    "TextModel",
    "bundled_model",
]

#: Cosines at or below this count as no similarity at all.
FLOOR = 0.25
#: Shares in :class:`HybridText`: words, the glossary, and (the rest) meaning.
LEXICAL_SHARE = 0.3
KNOWLEDGE_SHARE = 0.4
#: Distinct texts whose vectors one process keeps (about 1 KB each).
_CACHE_TEXTS = 200_000

Vectors = NDArray[np.float32]

# The files of WordLlama's "l2_supercat" model, 256 dimensions, in its wheel.
_TOKENIZER = "l2_supercat_tokenizer_config.json"
_WEIGHTS = "l2_supercat_256.safetensors"


class TextModel(Protocol):
    """Turns texts into unit vectors: one row per text."""

    def embed(self, texts: list[str]) -> Vectors: ...


class _WordLlama:
    """WordLlama loaded from its own package folder, never from the network."""

    def __init__(self) -> None:
        import wordllama  # type: ignore[import-untyped]
        from safetensors import safe_open
        from tokenizers import Tokenizer
        from wordllama.inference import WordLlamaInference  # type: ignore[import-untyped]

        # The package's own loader looks for the tokenizer in a folder name
        # that differs from the one its wheel ships, then falls back to a
        # download; reading both files directly keeps everything local.
        root = Path(wordllama.__file__).parent
        tokenizer = Tokenizer.from_file(
            str(root / "tokenizers" / "l2_supercat_tokenizer_config.json")
        )
        weights = root / "weights" / _WEIGHTS
        with safe_open(str(weights), framework="np", device="cpu") as f:
            embedding = f.get_tensor("embedding.weight")
        self._model = WordLlamaInference(embedding, tokenizer)

    def embed(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        out = self._model.embed(texts, norm=True)
        return np.ascontiguousarray(out, dtype=np.float32)


@cache
def bundled_model() -> TextModel:
    """The bundled model, loaded on first use (about 1 s) and kept."""
    return _WordLlama()


class Embedder:
    """A model with a cache of vectors by text, shared by every fit."""

    def __init__(self, model: TextModel | None = None, capacity: int = _CACHE_TEXTS) -> None:
        self._model = model
        self._capacity = capacity
        self._cache: OrderedDict[str, NDArray[np.float32]] = OrderedDict()

    @property
    def model(self) -> TextModel:
        if self._model is None:
            self._model = bundled_model()
        return self._model

    def vectors(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors of ``texts`` (an empty text gives a zero row).
        O(u c d) for the u distinct texts not cached, plus O(len(texts) d)."""
        wanted = list(dict.fromkeys(t for t in texts if t and t not in self._cache))
        if wanted:
            fresh = self.model.embed(wanted)
            for text, vec in zip(wanted, fresh, strict=True):
                self._cache[text] = vec
            while len(self._cache) > self._capacity:
                self._cache.popitem(last=False)
        dim = next(iter(self._cache.values())).shape[0] if self._cache else 256
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for k, text in enumerate(texts):
            if text:
                vec = self._cache[text]
                self._cache.move_to_end(text)
                out[k] = vec
        return out


#: The process's shared embedder (the model loads when first needed).
EMBEDDER = Embedder()

# Clause breaks: punctuation that ends a thought (a full stop only before a
# space, so ".net" and "node.js" stay whole) and the words that join two.
_CLAUSE = re.compile(
    r"[;:!?\n()]+|\.(?:\s+|$)|,\s+|\s+(?:and|or|&|with|for|to|in)\s+|\s+/\s+", re.IGNORECASE
)


def _document(text: str, tags: Sequence[str]) -> str:
    return ". ".join(filter(None, [text.strip(), ", ".join(t.strip() for t in tags)]))


def phrases(text: str, tags: Sequence[str]) -> list[str]:
    """The short pieces an explanation can name: each tag, and the clauses of
    the text (split at punctuation and joining words).  O(len(text) + tags)."""
    out = [t.strip() for t in tags if t.strip()]
    out += [p.strip() for p in _CLAUSE.split(text) if len(p.strip()) > 1]
    return list(dict.fromkeys(out))


def rescale(cos: FloatArray, floor: float) -> FloatArray:
    """Cosine to similarity: 0 up to ``floor``, then linear to 1.  O(len)."""
    return np.asarray(np.clip((cos - floor) / (1.0 - floor), 0.0, 1.0), dtype=np.float64)


@dataclass(frozen=True)
class _Sides:
    wants: list[tuple[str, tuple[str, ...]]]
    offers: list[tuple[str, tuple[str, ...]]]


class SemanticText:
    """Similarity by meaning alone (the :class:`~tribe_engine._text.TextSimilarity`
    protocol).  Fitting embeds the distinct documents: O(u c d); then every
    question is a product of unit vectors."""

    def __init__(
        self,
        wants: Sequence[Text],
        offers: Sequence[Text],
        *,
        embedder: Embedder | None = None,
        floor: float = FLOOR,
    ) -> None:
        self.embedder = embedder or EMBEDDER
        self.floor = floor
        self._sides = _Sides([(t, tuple(g)) for t, g in wants], [(t, tuple(g)) for t, g in offers])
        self.wants = self.embedder.vectors([_document(t, g) for t, g in wants])
        self.offers = self.embedder.vectors([_document(t, g) for t, g in offers])

    def rows(self, rows: IntArray) -> sp.csr_matrix:
        """A dense product, rescaled and sparsified: O(r m d) time, O(r m) space."""
        cos = np.asarray(self.wants[rows] @ self.offers.T, dtype=np.float64)
        return sp.csr_matrix(rescale(cos, self.floor))

    def pairs(self, ri: IntArray, rj: IntArray) -> FloatArray:
        """Row-wise dot products: O(p d)."""
        if len(ri) == 0:
            return np.zeros(0)
        cos = np.einsum("ij,ij->i", self.wants[ri], self.offers[rj])
        return rescale(np.asarray(cos, dtype=np.float64), self.floor)

    def explain(self, i: int, j: int) -> TextParts:
        """The similarity, attributed to the pieces that met: each of the
        mentee's phrases with the mentor's phrase closest in meaning, above
        the floor, sharing the similarity in proportion to how close they
        are.  O((a + b) c d + a b d) for a and b phrases."""
        value = float(self.pairs(np.array([i]), np.array([j]))[0])
        if value <= 0:
            return TextParts(0.0, (), ())
        want = phrases(*self._sides.wants[i])
        offer = phrases(*self._sides.offers[j])
        if not want or not offer:
            return TextParts(value, (), (Meaning("", "", value),))
        cos = np.asarray(self.embedder.vectors(want) @ self.embedder.vectors(offer).T, np.float64)
        best = cos.argmax(axis=1)
        close = rescale(cos[np.arange(len(want)), best], self.floor)
        keep = np.flatnonzero(close > 0)
        if len(keep) == 0:  # the whole texts meet, no one piece does
            return TextParts(value, (), (Meaning("", "", value),))
        weights = close[keep] / close[keep].sum()
        order = np.argsort(-weights, kind="stable")
        meanings = tuple(
            Meaning(want[keep[o]], offer[best[keep[o]]], value * float(weights[o])) for o in order
        )
        return TextParts(value, (), meanings)


class KnowledgeText:
    """Similarity through the glossary (:mod:`._glossary`): how much the
    goal asks for the skill, of those the mentor names, that it asks for
    most.  A mentor who names no skill of the glossary scores 0 here.

    Fitting finds each mentor's skills, O(m (tags + w)) (cached per
    profile), and scores the goals against the s skills, O(n s d); each
    question then gathers from an n x s table: O(r m K) for rows, O(p K)
    for pairs, K the most skills one mentor names.
    """

    def __init__(
        self,
        wants: Sequence[Text],
        offers: Sequence[Text],
        *,
        embedder: Embedder | None = None,
    ) -> None:
        self.embedder = embedder or EMBEDDER
        index = skill_intent(self.embedder)
        self._wants = [t for t, _ in wants]
        self.mentions = [skills_in(t, tuple(g)) for t, g in offers]
        s = len(glossary().skills)
        widest = max((len(ms) for ms in self.mentions), default=0)
        # Each mentor's skills as a row of column numbers, padded with the
        # extra all-zero column ``s`` so one gather serves every mentor.
        self._skills = np.full((len(offers), max(widest, 1)), s, dtype=np.int64)
        for j, ms in enumerate(self.mentions):
            self._skills[j, : len(ms)] = [x.skill for x in ms]
        asked = index.scores([_document(t, g) for t, g in wants])
        self.asked = np.hstack([asked, np.zeros((len(wants), 1))])
        self._index = index

    def rows(self, rows: IntArray) -> sp.csr_matrix:
        return sp.csr_matrix(self.asked[rows][:, self._skills].max(axis=2))

    def pairs(self, ri: IntArray, rj: IntArray) -> FloatArray:
        if len(ri) == 0:
            return np.zeros(0)
        got = np.take_along_axis(self.asked[ri], self._skills[rj], axis=1).max(axis=1)
        return np.asarray(got, dtype=np.float64)

    def explain(self, i: int, j: int) -> TextParts:
        """The skill that met, named as the mentor wrote it, and the piece of
        the goal closest to it in meaning.  O(a c d) for a goal pieces."""
        value = float(self.pairs(np.array([i]), np.array([j]))[0])
        if value <= 0:
            return TextParts(0.0, (), ())
        found = max(self.mentions[j], key=lambda x: self.asked[i, x.skill])
        pieces = phrases(self._wants[i], ()) or [self._wants[i]]
        closest = self.embedder.vectors(pieces) @ self._index.vectors[found.skill]
        want = pieces[int(np.argmax(closest))]
        return TextParts(value, (), (Meaning(want, found.written, value),))


class HybridText:
    """Words, meaning and the glossary mixed: ``LEXICAL_SHARE`` of TF-IDF,
    ``KNOWLEDGE_SHARE`` of :class:`KnowledgeText`, the rest by meaning.  All
    three lie in [0, 1], so their mix does; a pair is stored where any part
    is.  Costs are the sum of the parts'."""

    def __init__(
        self,
        wants: Sequence[Text],
        offers: Sequence[Text],
        *,
        embedder: Embedder | None = None,
        floor: float = FLOOR,
        lexical_share: float = LEXICAL_SHARE,
        knowledge_share: float = KNOWLEDGE_SHARE,
    ) -> None:
        self.shares = (lexical_share, 1.0 - lexical_share - knowledge_share, knowledge_share)
        self.lexical = TfidfText(wants, offers)
        self.semantic = SemanticText(wants, offers, embedder=embedder, floor=floor)
        self.knowledge = KnowledgeText(wants, offers, embedder=self.semantic.embedder)

    def _parts(self) -> tuple[TextSimilarity, ...]:
        return self.lexical, self.semantic, self.knowledge

    def rows(self, rows: IntArray) -> sp.csr_matrix:
        out = sp.csr_matrix((len(rows), len(self.semantic.offers)))
        for share, part in zip(self.shares, self._parts(), strict=True):
            if share:
                out = out + share * part.rows(rows)
        return sp.csr_matrix(out)

    def pairs(self, ri: IntArray, rj: IntArray) -> FloatArray:
        out = np.zeros(len(ri))
        for share, part in zip(self.shares, self._parts(), strict=True):
            if share:
                out += share * part.pairs(ri, rj)
        return out

    def explain(self, i: int, j: int) -> TextParts:
        (s, r, k) = self.shares
        words = self.lexical.explain(i, j)
        meaning = self.semantic.explain(i, j) if r else TextParts(0.0, (), ())
        known = self.knowledge.explain(i, j) if k else TextParts(0.0, (), ())
        # The same two pieces may meet by meaning and through the glossary:
        # one line with both shares, not the pair named twice.
        shares: dict[tuple[str, str], float] = {}
        for weight, parts in ((r, meaning.meanings), (k, known.meanings)):
            for m in parts:
                shares[(m.want, m.offer)] = shares.get((m.want, m.offer), 0.0) + weight * m.share
        meanings = [Meaning(want, offer, share) for (want, offer), share in shares.items()]
        meanings.sort(key=lambda m: -m.share)
        return TextParts(
            s * words.value + r * meaning.value + k * known.value,
            tuple((term, s * part) for term, part in words.words),
            tuple(meanings),
        )
