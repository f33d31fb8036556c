"""Where the solvers get their pairs from.

A solver never sees every pair at once: it asks a source for a sparse
candidate graph (the best ``k`` allowed mentors per mentee, in preference
order, and an upper bound on every allowed pair left out), and for exact rows
only where the proof or the stable run needs them.  Three sources: a dense
matrix, a sparse matrix (its stored entries are the allowed pairs) and
profiles (through :class:`~tribe_engine.scoring.Scorer`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from ._arrays import (
    BoolArray,
    FloatArray,
    IntArray,
    PairTable,
    lookup,
    top_k_per_row,
    top_k_segmented,
)
from .rules import Reason
from .scoring import Scorer

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Graph:
    """Candidate edges grouped by mentee, each group in preference order."""

    rows: IntArray
    cols: IntArray
    scores: FloatArray
    bound: FloatArray  # best allowed score left out per mentee, -inf if none


class Source(Protocol):
    """What the solvers need from a problem."""

    n: int
    m: int
    score_range: tuple[float, float]

    def graph(self, k: int, progress: Progress | None = None) -> Graph: ...

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        """Dense score rows for the mentees ``rows``, ``-inf`` where not allowed."""
        ...

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]: ...

    def suspects(
        self, rows: IntArray, profit: FloatArray, prices: FloatArray, margin: float, widen: int
    ) -> tuple[IntArray, IntArray, FloatArray]:
        """Allowed pairs of ``rows`` with ``score - prices[j] > profit[i] - margin``
        (at least all of them for a mentee, or ``widen`` certain violators)."""
        ...

    def binding_rule(self, i: int) -> Reason: ...


def _dense_suspects(
    source: Source, rows: IntArray, profit: FloatArray, prices: FloatArray, margin: float
) -> tuple[IntArray, IntArray, FloatArray]:
    out_r: list[IntArray] = []
    out_c: list[IntArray] = []
    out_s: list[FloatArray] = []
    for chunk, block in source.exact_rows(rows):
        hit = (block - prices[None, :]) > (profit[chunk] - margin)[:, None]
        r, c = np.nonzero(hit)
        out_r.append(chunk[r])
        out_c.append(c.astype(np.int64))
        out_s.append(block[r, c])
    if not out_r:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return np.concatenate(out_r), np.concatenate(out_c), np.concatenate(out_s)


_BLOCK_PAIRS = 4_000_000  # dense cells per block: ~32 MB per float64 temporary


class DenseSource:
    """Every pair is allowed unless forbidden."""

    def __init__(self, scores: FloatArray, forbidden: PairTable) -> None:
        self.scores = scores
        self.n, self.m = scores.shape
        self.forbidden = forbidden
        if scores.size:
            self.score_range = (float(scores.min()), float(scores.max()))
        else:
            self.score_range = (0.0, 0.0)

    def _block(self, rows: IntArray) -> FloatArray:
        block = np.array(self.scores[rows], dtype=np.float64)
        if self.forbidden.nnz:
            ri = np.repeat(rows, self.m)
            rj = np.tile(np.arange(self.m, dtype=np.int64), len(rows))
            hit = lookup(self.forbidden, ri, rj) > 0
            block[hit.reshape(block.shape)] = -np.inf
        return block

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        step = max(1, _BLOCK_PAIRS // max(self.m, 1))
        for s in range(0, len(rows), step):
            chunk = rows[s : s + step]
            yield chunk, self._block(chunk)

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        rows_out: list[IntArray] = []
        cols_out: list[IntArray] = []
        scores_out: list[FloatArray] = []
        bound = np.full(self.n, -np.inf)
        all_rows = np.arange(self.n, dtype=np.int64)
        for chunk, block in self.exact_rows(all_rows):
            if self.m > k + 1:
                # Everything at least as good as the (k+1)-th best, so the
                # exact tie-break below sees every contender.
                kth = -np.partition(-block, k, axis=1)[:, k]
                keep = (block >= kth[:, None]) & np.isfinite(block)
            else:
                keep = np.isfinite(block)
            r, c = np.nonzero(keep)
            r = r.astype(np.int64)
            c = c.astype(np.int64)
            s_ = block[r, c]
            sel, rest = top_k_per_row(r, c, s_, k, len(chunk))
            rows_out.append(chunk[r[sel]])
            cols_out.append(c[sel])
            scores_out.append(s_[sel])
            bound[chunk] = rest
            if progress is not None:
                progress("candidates", float(chunk[-1] + 1) / self.n)
        return _graph(rows_out, cols_out, scores_out, bound)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        allowed = np.ones(len(ri), dtype=bool)
        if self.forbidden.nnz:
            allowed &= lookup(self.forbidden, ri, rj) == 0
        return np.asarray(self.scores[ri, rj], dtype=np.float64), allowed

    def suspects(
        self, rows: IntArray, profit: FloatArray, prices: FloatArray, margin: float, widen: int
    ) -> tuple[IntArray, IntArray, FloatArray]:
        return _dense_suspects(self, rows, profit, prices, margin)

    def binding_rule(self, i: int) -> Reason:
        return Reason.FORBIDDEN if self.m else Reason.NO_CANDIDATES


class SparseSource:
    """Stored entries are the allowed pairs (explicit zeros included)."""

    def __init__(self, scores: sp.csr_matrix, forbidden: PairTable) -> None:
        self.n, self.m = scores.shape
        self.forbidden = forbidden
        coo = sp.coo_matrix(scores)
        rows = coo.row.astype(np.int64)
        cols = coo.col.astype(np.int64)
        data = np.asarray(coo.data, dtype=np.float64)
        self.stored = np.bincount(rows, minlength=self.n)
        if forbidden.nnz:
            ok = lookup(forbidden, rows, cols) == 0
            rows, cols, data = rows[ok], cols[ok], data[ok]
        self.matrix = sp.csr_matrix((data, (rows, cols)), shape=(self.n, self.m))
        self.table = PairTable(self.matrix)
        self.score_range = (float(data.min()), float(data.max())) if len(data) else (0.0, 0.0)

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        step = max(1, _BLOCK_PAIRS // max(self.m, 1))
        for s in range(0, len(rows), step):
            chunk = rows[s : s + step]
            sub = self.matrix[chunk]
            block = np.full((len(chunk), self.m), -np.inf)
            r = np.repeat(np.arange(len(chunk)), np.diff(sub.indptr))
            block[r, sub.indices] = sub.data
            yield chunk, block

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        csr = self.matrix
        r = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(csr.indptr))
        c = csr.indices.astype(np.int64)
        s_ = np.asarray(csr.data, dtype=np.float64)
        sel, rest = top_k_segmented(r, c, s_, k, self.n)
        if progress is not None:
            progress("candidates", 1.0)
        return _graph([r[sel]], [c[sel]], [s_[sel]], rest)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        vals = lookup(self.table, ri, rj)
        keys = ri.astype(np.int64) * self.m + rj.astype(np.int64)
        pos = np.minimum(np.searchsorted(self.table.keys, keys), max(self.table.nnz - 1, 0))
        present = (self.table.keys[pos] == keys) if self.table.nnz else np.zeros(len(ri), bool)
        return vals, present

    def suspects(
        self, rows: IntArray, profit: FloatArray, prices: FloatArray, margin: float, widen: int
    ) -> tuple[IntArray, IntArray, FloatArray]:
        return _dense_suspects(self, rows, profit, prices, margin)

    def binding_rule(self, i: int) -> Reason:
        return Reason.FORBIDDEN if self.stored[i] else Reason.NO_CANDIDATES


class ProfileSource:
    """Scores and rules computed from profiles."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.n, self.m = scorer.shape
        self.score_range = (0.0, scorer.weights.max_score)
        self.text_bound = np.full(self.n, np.inf)  # until graph() is built

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        cand = self.scorer.candidates(k, progress=progress)
        self.text_bound = cand.text_bound
        return _graph([cand.rows], [cand.cols], [cand.scores], cand.bound)

    def suspects(
        self, rows: IntArray, profit: FloatArray, prices: FloatArray, margin: float, widen: int
    ) -> tuple[IntArray, IntArray, FloatArray]:
        return self.scorer.suspects(rows, profit, prices, margin, self.text_bound, per_row=widen)

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        yield from self.scorer.iter_score_rows(rows, _BLOCK_PAIRS)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        return self.scorer.pair_scores(ri, rj)

    def binding_rule(self, i: int) -> Reason:
        return self.scorer.binding_rule(i)


def _graph(
    rows: list[IntArray], cols: list[IntArray], scores: list[FloatArray], bound: FloatArray
) -> Graph:
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    s = np.concatenate(scores) if scores else np.zeros(0)
    # Sources may offer a pair twice (a ranked pair that is also a text
    # match); keep one copy, then order each mentee's pairs by preference.
    if len(r):
        m = int(c.max()) + 1
        _, first = np.unique(r * m + c, return_index=True)
        r, c, s = r[first], c[first], s[first]
    order = np.lexsort((c, -s, r))
    return Graph(rows=r[order], cols=c[order], scores=s[order], bound=bound)
