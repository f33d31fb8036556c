"""Small array helpers shared by the scorer and the solvers.

Costs use ``p`` for the pairs asked about and ``s`` for stored entries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


class PairTable:
    """Sorted ``row * m + col`` keys of a sparse matrix, for fast lookups of
    arbitrary pairs (built once, used for every block)."""

    def __init__(self, matrix: sp.coo_matrix | sp.csr_matrix) -> None:
        coo = sp.coo_matrix(matrix)
        self.m = int(coo.shape[1])
        keys = coo.row.astype(np.int64) * self.m + coo.col.astype(np.int64)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.vals = np.asarray(coo.data[order], dtype=np.float64)
        self.nnz = len(self.keys)


def lookup(table: PairTable, ri: IntArray, rj: IntArray) -> FloatArray:
    """Values of a sparse matrix at arbitrary (row, col) pairs, 0 where absent."""
    out = np.zeros(len(ri))
    if table.nnz == 0 or len(ri) == 0:
        return out
    keys, vals, m = table.keys, table.vals, table.m
    want = ri.astype(np.int64) * m + rj.astype(np.int64)
    pos = np.searchsorted(keys, want)
    pos = np.minimum(pos, len(keys) - 1)
    hit = keys[pos] == want
    out[hit] = vals[pos[hit]]
    return out


def top_k_per_row(
    rows: IntArray, cols: IntArray, scores: FloatArray, k: int, n_rows: int, *, offset: int = 0
) -> tuple[IntArray, FloatArray]:
    """Indices of the ``k`` best entries per row, in preference order (score
    descending, then lower column: the tie-break every solver uses), and per
    row the best score left out (``-inf`` if none)."""
    rest = np.full(n_rows, -np.inf)
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64), rest
    order = np.lexsort((cols, -scores, rows))
    r_sorted = rows[order]
    starts = np.searchsorted(r_sorted, r_sorted, side="left")
    rank = np.arange(len(order)) - starts
    sel = order[rank < k]
    first_out = order[rank == k]
    rest[rows[first_out] - offset] = scores[first_out]
    return sel, rest


def unique_rows(codes: IntArray) -> tuple[IntArray, IntArray]:
    """Distinct rows of a small-integer code matrix and each row's group."""
    if len(codes) == 0:
        return codes.reshape(0, codes.shape[1]), np.zeros(0, dtype=np.int64)
    reps, inverse = np.unique(codes, axis=0, return_inverse=True)
    return reps.astype(np.int64), inverse.ravel().astype(np.int64)


def top_k_segmented(
    rows: IntArray, cols: IntArray, scores: FloatArray, k: int, n_rows: int
) -> tuple[IntArray, FloatArray]:
    """:func:`top_k_per_row` for long rows given grouped by row (ascending).

    Sorting millions of pairs to keep eight per row is wasteful: first find
    each row's (k+1)-th best score with a partition over a padded block of
    rows of similar length, keep only the pairs at or above it, and sort
    those.
    """
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64), np.full(n_rows, -np.inf)
    counts = np.bincount(rows, minlength=n_rows)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    threshold = np.full(n_rows, -np.inf)
    long_rows = np.flatnonzero(counts > k + 1)
    if len(long_rows):
        long_rows = long_rows[np.argsort(counts[long_rows], kind="stable")]
        i = 0
        while i < len(long_rows):
            width = int(counts[long_rows[min(len(long_rows) - 1, i + 255)]])
            take = max(1, min(len(long_rows) - i, 4_000_000 // max(width, 1)))
            chunk = long_rows[i : i + take]
            width = int(counts[chunk].max())
            pad = np.full((len(chunk), width), -np.inf)
            cnt = counts[chunk]
            r = np.repeat(np.arange(len(chunk)), cnt)
            offset = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            pad[r, offset] = scores[np.repeat(starts[chunk], cnt) + offset]
            threshold[chunk] = -np.partition(-pad, k, axis=1)[:, k]
            i += take
    keep = np.flatnonzero(scores >= threshold[rows])
    sel, rest = top_k_per_row(rows[keep], cols[keep], scores[keep], k, n_rows)
    return keep[sel], rest


class PairList:
    """Pairs ``(row, col, score)`` gathered in pieces and joined once."""

    def __init__(self) -> None:
        self.rows: list[IntArray] = []
        self.cols: list[IntArray] = []
        self.scores: list[FloatArray] = []

    def add(self, rows: IntArray, cols: IntArray, scores: FloatArray) -> None:
        self.rows.append(rows)
        self.cols.append(cols)
        self.scores.append(scores)

    def arrays(self) -> tuple[IntArray, IntArray, FloatArray]:
        """The pieces joined in the order they were added (empty if none)."""
        if not self.rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(self.rows), np.concatenate(self.cols), np.concatenate(self.scores)


@dataclass(frozen=True)
class Screen:
    """The proof's dual screen: pair ``(i, j)`` with score ``x`` is suspect
    when ``x - prices[j] > profit[i] - margin``."""

    profit: FloatArray
    prices: FloatArray
    margin: float

    def cut(self, rows: IntArray) -> FloatArray:
        """What a suspect pair of each of ``rows`` must beat."""
        return np.asarray(self.profit[rows] - self.margin, dtype=np.float64)
