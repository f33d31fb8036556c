"""Text similarity between what mentees want and what mentors offer.

The rest of the engine sees text only through :class:`TextSimilarity`, a
fitted model with three questions (the similarity of arbitrary pairs, the
similarity of some mentees with every mentor as a sparse matrix, and one
pair's similarity split over the terms that make it), and builds one through
a :data:`TextBackend`.  :class:`TfidfText` compares words; the embedding
model and the mix of both live in :mod:`._semantic`.

Its one promise the candidate graph and the optimality proof rely on: a
pair not stored in :meth:`TextSimilarity.rows` has similarity 0, and every
similarity lies in ``[0, 1]``.

Notation for costs: ``n`` mentees, ``m`` mentors, ``t`` the mean number of
distinct terms in one person's text, ``V`` the vocabulary size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple, Protocol

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ._arrays import FloatArray, IntArray, PairTable, lookup
from ._skills import canonical, split_words

__all__ = ["Meaning", "TextBackend", "TextParts", "TextSimilarity", "TfidfText", "terms"]

#: One person's side of the text: free text and tags.
Text = tuple[str, Sequence[str]]


class Meaning(NamedTuple):
    """A piece of what the mentee wants that met a piece of what the mentor
    offers by meaning, not by the same word, and its share of the text
    similarity.  Empty pieces mean the texts met as wholes."""

    want: str
    offer: str
    share: float


class TextParts(NamedTuple):
    """One pair's text similarity and its parts: shared words (term, share)
    and meanings; all the shares add up to ``value``."""

    value: float
    words: tuple[tuple[str, float], ...]
    meanings: tuple[Meaning, ...] = ()


class TextSimilarity(Protocol):
    """A fitted text model over one set of mentees and mentors."""

    def pairs(self, ri: IntArray, rj: IntArray) -> FloatArray:
        """Similarity of mentee ``ri[k]`` with mentor ``rj[k]``, for every k."""
        ...

    def rows(self, rows: IntArray) -> sp.csr_matrix:
        """Similarity of the mentees ``rows`` with every mentor, as a new CSR
        matrix the caller may change (column indices need not be sorted);
        unstored entries are 0."""
        ...

    def explain(self, i: int, j: int) -> TextParts:
        """One pair's similarity and its parts, largest first; the parts add
        up to the similarity."""
        ...


#: Fits a model on the mentees' wants and the mentors' offers.
TextBackend = Callable[[Sequence[Text], Sequence[Text]], TextSimilarity]


def terms(text: str, tags: Sequence[str]) -> list[str]:
    """Words of the free text in their one spelling (:mod:`._skills`), minus
    stop words, plus each tag as one term (so "machine learning" offered
    matches "machine learning" wanted as a whole) and its words (so it also
    meets free text).  O(len(text) + tags), or O(1) for a text seen lately."""
    return list(_terms(text, tuple(tags)))


# Splitting words is most of the cost of ranking one person's candidates, and
# a server ranks the same few thousand profiles again and again.
@lru_cache(maxsize=50_000)
def _terms(text: str, tags: tuple[str, ...]) -> tuple[str, ...]:
    out = list(split_words(text))
    for tag in tags:
        norm = canonical(tag)
        if not norm:
            continue
        out.append(norm)
        if " " in norm or "/" in norm:
            out.extend(w for w in split_words(norm.replace("/", " ")) if w != norm)
    return tuple(out)


class TfidfText:
    """TF-IDF cosine over :func:`terms`.

    Both sides are L2-normalised, so the cosine is the sum over shared terms
    of the products of their weights, and each matched term's share of it is
    exact.  Fitting costs O((n + m) t) time and space (plus the vocabulary's
    sort, O(V log V)).
    """

    def __init__(self, wants: Sequence[Text], offers: Sequence[Text]) -> None:
        n, m = len(wants), len(offers)
        docs = [terms(text, tags) for text, tags in wants]
        docs += [terms(text, tags) for text, tags in offers]
        from sklearn.feature_extraction.text import (  # type: ignore[import-untyped, unused-ignore]
            TfidfVectorizer,  # slow to import: only when text is scored
        )

        # A callable analyzer keeps tags whole; sublinear tf stops a term
        # repeated in a long text from drowning the others.
        vectorizer = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, norm="l2")
        if any(docs):
            tfidf = sp.csr_matrix(vectorizer.fit_transform(docs))
            self.vocabulary: NDArray[np.str_] = np.asarray(vectorizer.get_feature_names_out())
        else:
            tfidf = sp.csr_matrix((n + m, 1))
            self.vocabulary = np.array(["<none>"])
        self.wants = sp.csr_matrix(tfidf[:n])
        self.offers = sp.csr_matrix(tfidf[n:])
        self._offers_t = sp.csr_matrix(self.offers.T)
        self._offers_table = PairTable(self.offers)

    def rows(self, rows: IntArray) -> sp.csr_matrix:
        """A sparse product: time proportional to the (term, mentor) postings
        the r rows touch, at most r t m; space O(r + output)."""
        return sp.csr_matrix(self.wants[rows] @ self._offers_t)

    def pairs(self, ri: IntArray, rj: IntArray) -> FloatArray:
        """A join on shared terms: O(p t log(m t)) time, O(p t) space for p pairs."""
        if len(ri) == 0:
            return np.zeros(0)
        a = self.wants
        cnt = np.diff(a.indptr)[ri]
        total = int(cnt.sum())
        pair = np.repeat(np.arange(len(ri)), cnt)
        pos = np.repeat(a.indptr[ri], cnt) + (
            np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        )
        found = a.indices[pos].astype(np.int64)
        bvals = lookup(self._offers_table, rj[pair], found)
        dots = np.bincount(pair, weights=a.data[pos] * bvals, minlength=len(ri))
        return np.asarray(dots, dtype=np.float64)

    def explain(self, i: int, j: int) -> TextParts:
        """O(t log t) time and space."""
        a, b = self.wants, self.offers
        ai = a.indices[a.indptr[i] : a.indptr[i + 1]]
        bj = b.indices[b.indptr[j] : b.indptr[j + 1]]
        common, ia, ib = np.intersect1d(ai, bj, assume_unique=True, return_indices=True)
        prods = a.data[a.indptr[i] + ia] * b.data[b.indptr[j] + ib]
        order = np.argsort(-prods, kind="stable")
        parts = tuple((str(self.vocabulary[common[o]]), float(prods[o])) for o in order)
        return TextParts(float(prods.sum()), parts)
