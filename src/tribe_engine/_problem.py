"""Where the solvers get their pairs from.

A solver never sees every pair at once: it asks a source for a sparse
candidate graph (the best ``k`` allowed mentors per mentee, in preference
order, and an upper bound on every allowed pair left out), and for exact rows
only where the proof or the stable run needs them.  Three sources: a dense
matrix, a sparse matrix (its stored entries are the allowed pairs) and
profiles (through :class:`~tribe_engine.scoring.Scorer`).

A source keeps no state between calls: what :meth:`Source.graph` learns that
:meth:`Source.suspects` needs later travels in the :class:`Graph` it returns.
Costs use ``n`` mentees, ``m`` mentors, ``s`` stored scores and ``k``
candidates per mentee.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np
import scipy.sparse as sp

from ._arrays import (
    BoolArray,
    FloatArray,
    IntArray,
    PairList,
    PairTable,
    Screen,
    lookup,
    top_k_per_row,
    top_k_segmented,
)
from ._candidates import Candidates
from .rules import Reason

if TYPE_CHECKING:
    from .scoring import Scorer

Progress = Callable[[str, float], None]
Triple = tuple[IntArray, IntArray, FloatArray]


@dataclass(frozen=True)
class Graph:
    """Candidate edges grouped by mentee, each group in preference order."""

    rows: IntArray
    cols: IntArray
    scores: FloatArray
    bound: FloatArray  # best allowed score left out per mentee, -inf if none
    #: What a profile source kept for its proof screening (None for matrices).
    candidates: Candidates | None = None


class Source(Protocol):
    """What the solvers need from a problem."""

    n: int
    m: int
    score_range: tuple[float, float]

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        """The best ``k`` allowed mentors per mentee and a bound on the rest."""
        ...

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        """Dense score rows for the mentees ``rows``, ``-inf`` where not allowed."""
        ...

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]: ...

    def suspects(self, graph: Graph, rows: IntArray, screen: Screen, widen: int) -> Triple:
        """Allowed pairs of ``rows`` that ``screen`` suspects (at least all of
        them for a mentee, or ``widen`` certain violators); ``graph`` is what
        :meth:`graph` returned."""
        ...

    def binding_rule(self, i: int) -> Reason: ...


_BLOCK_PAIRS = 4_000_000  # dense cells per block: ~32 MB per float64 temporary


class _MatrixSource:
    """What the two matrix sources share: exact rows in blocks, and the
    proof's screening done on them (a matrix has no cheaper bound)."""

    n: int
    m: int

    def _block(self, rows: IntArray) -> FloatArray:
        raise NotImplementedError

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        """Blocks of about 4 million cells: O(len(rows) m) time, O(4e6) space."""
        step = max(1, _BLOCK_PAIRS // max(self.m, 1))
        for s in range(0, len(rows), step):
            chunk = rows[s : s + step]
            yield chunk, self._block(chunk)

    def suspects(self, graph: Graph, rows: IntArray, screen: Screen, widen: int) -> Triple:
        """Every allowed pair of ``rows`` that breaks the screen, from exact
        rows: O(len(rows) m) time, O(block) space."""
        out = PairList()
        for chunk, block in self.exact_rows(rows):
            hit = (block - screen.prices[None, :]) > screen.cut(chunk)[:, None]
            r, c = np.nonzero(hit)
            out.add(chunk[r], c.astype(np.int64), block[r, c])
        return out.arrays()


class DenseSource(_MatrixSource):
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

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        """A partition per block of rows: O(n m) time, O(block + n k) space."""
        kept = PairList()
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
            kept.add(chunk[r[sel]], c[sel], s_[sel])
            bound[chunk] = rest
            if progress is not None:
                progress("candidates", float(chunk[-1] + 1) / self.n)
        return _graph(*kept.arrays(), bound)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        allowed = np.ones(len(ri), dtype=bool)
        if self.forbidden.nnz:
            allowed &= lookup(self.forbidden, ri, rj) == 0
        return np.asarray(self.scores[ri, rj], dtype=np.float64), allowed

    def binding_rule(self, i: int) -> Reason:
        return Reason.FORBIDDEN if self.m else Reason.NO_CANDIDATES


class SparseSource(_MatrixSource):
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

    def _block(self, rows: IntArray) -> FloatArray:
        sub = self.matrix[rows]
        block = np.full((len(rows), self.m), -np.inf)
        r = np.repeat(np.arange(len(rows)), np.diff(sub.indptr))
        block[r, sub.indices] = sub.data
        return block

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        """A partition of each row's stored entries: O(s + e log e) time, O(s) space."""
        csr = self.matrix
        r = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(csr.indptr))
        c = csr.indices.astype(np.int64)
        s_ = np.asarray(csr.data, dtype=np.float64)
        sel, rest = top_k_segmented(r, c, s_, k, self.n)
        if progress is not None:
            progress("candidates", 1.0)
        return _graph(r[sel], c[sel], s_[sel], rest)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        vals = lookup(self.table, ri, rj)
        keys = ri.astype(np.int64) * self.m + rj.astype(np.int64)
        pos = np.minimum(np.searchsorted(self.table.keys, keys), max(self.table.nnz - 1, 0))
        present = (self.table.keys[pos] == keys) if self.table.nnz else np.zeros(len(ri), bool)
        return vals, present

    def binding_rule(self, i: int) -> Reason:
        return Reason.FORBIDDEN if self.stored[i] else Reason.NO_CANDIDATES


class ProfileSource:
    """Scores and rules computed from profiles."""

    def __init__(self, scorer: Scorer, workers: int | None = None) -> None:
        self.scorer = scorer
        self.workers = workers
        self.n, self.m = scorer.shape
        self.score_range = (0.0, scorer.weights.max_score)

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        cand = self.scorer.candidates(k, workers=self.workers, progress=progress)
        return _graph(cand.rows, cand.cols, cand.scores, cand.bound, cand)

    def suspects(self, graph: Graph, rows: IntArray, screen: Screen, widen: int) -> Triple:
        cand = graph.candidates
        if cand is None:  # pragma: no cover - every graph of this source carries them
            raise ValueError("suspects() needs the graph this source built")
        return self.scorer.suspects(
            cand, rows, screen.profit, screen.prices, screen.margin, per_row=widen
        )

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        yield from self.scorer.iter_score_rows(rows, _BLOCK_PAIRS)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        return self.scorer.pair_scores(ri, rj)

    def binding_rule(self, i: int) -> Reason:
        return self.scorer.binding_rule(i)


def _graph(
    r: IntArray, c: IntArray, s: FloatArray, bound: FloatArray, candidates: Candidates | None = None
) -> Graph:
    """Candidate edges grouped by mentee in preference order: O(e log e)."""
    # Sources may offer a pair twice (a ranked pair that is also a text
    # match); keep one copy, then order each mentee's pairs by preference.
    if len(r):
        m = int(c.max()) + 1
        _, first = np.unique(r * m + c, return_index=True)
        r, c, s = r[first], c[first], s[first]
    order = np.lexsort((c, -s, r))
    return Graph(rows=r[order], cols=c[order], scores=s[order], bound=bound, candidates=candidates)
