"""The candidate graph of a profile problem, and the proof's closer look.

:func:`build` scores, block by block, every pair with a term in common and
keeps the best ``k`` allowed mentors per mentee, with an upper bound on every
allowed pair left out.  It returns everything the optimality proof needs
later as one value, :class:`Candidates`; :func:`suspects` takes that value
back.  Nothing is remembered between the two calls.

Costs use ``n`` mentees, ``m`` mentors, ``P`` the pairs sharing a term (the
bulk of the work), ``H`` mentor groups and ``k`` candidates per mentee.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from ._arrays import FloatArray, IntArray, PairList, Screen, top_k_segmented

if TYPE_CHECKING:
    from .scoring import Scorer

__all__ = [
    "Candidates",
    "Reserve",
    "Widths",
    "base_block",
    "build",
    "default_workers",
    "suspects",
]

_ROW_BLOCK = 4096  # mentees scored together in the screening of text pairs
_PAIR_BLOCK = 1 << 18  # pairs scored together in the screening by mentor group


def default_workers() -> int:
    """Threads for bulk scoring when none are asked for: the machine's cores,
    at most four."""
    return min(4, os.cpu_count() or 1)


@dataclass(frozen=True)
class Widths:
    """How wide a candidate graph to build (see
    :meth:`tribe_engine.scoring.Scorer.candidates` for each field)."""

    k: int
    reserve: int = 24
    extra: int = 3
    block: int = 4096
    workers: int | None = None


@dataclass(frozen=True)
class Reserve:
    """Text pairs kept aside per mentee (grouped by mentee, CSR-like)."""

    indptr: IntArray
    rows: IntArray
    cols: IntArray
    scores: FloatArray

    @classmethod
    def of(cls, pairs: PairList, n: int) -> Reserve:
        r, c, s = pairs.arrays()
        order = np.argsort(r, kind="stable")
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
        return cls(indptr=indptr, rows=r[order], cols=c[order], scores=s[order])


@dataclass(frozen=True)
class Candidates:
    """The sparse candidate graph: the best ``k`` allowed mentors per mentee.

    ``bound[i]`` is an upper bound on the score of every allowed pair of
    mentee ``i`` left out of the graph (``-inf`` when none is left out); the
    optimality proof compares it with the mentee's dual price.  The rest is
    for :func:`suspects`: ``text_bound`` bounds the left-out pairs that share
    a term, ``reserve`` holds the next best of them per mentee and
    ``reserve_bound`` bounds those beyond the reserve; ``group_table`` is the
    non-text score of every (mentee group, mentor group), when small enough
    to keep.  ``allowed_count`` counts the allowed pairs scored per mentee.
    """

    rows: IntArray
    cols: IntArray
    scores: FloatArray
    bound: FloatArray
    allowed_count: IntArray = field(repr=False)
    text_bound: FloatArray = field(repr=False)
    reserve: Reserve = field(repr=False)
    reserve_bound: FloatArray = field(repr=False)
    group_table: FloatArray | None = field(repr=False)


def base_block(
    s: Scorer, rows: IntArray, *, with_rank: bool = True, sort: bool = True
) -> sp.csr_matrix:
    """Text plus ranking part of the score of ``rows`` against every mentor,
    as CSR (column indices sorted unless ``sort`` is off); the work of the
    text product plus O(output)."""
    w = s.weights
    prod = s.text.rows(rows)
    prod.data *= w.text
    if with_rank:
        ranked = s.features.rank_matrix[rows]
        if ranked.nnz:
            prod = sp.csr_matrix(prod + w.ranking * ranked)
    if sort:
        prod.sort_indices()
    return prod


def build(
    s: Scorer, widths: Widths, progress: Callable[[str, float], None] | None = None
) -> Candidates:
    """See :meth:`tribe_engine.scoring.Scorer.candidates`."""
    n, m = s.shape
    k, block = widths.k, widths.block
    t = s.tables
    keep = PairList()
    kept_aside = PairList()
    text_rest = np.full(n, -np.inf)
    deep_rest = np.full(n, -np.inf)
    kth = np.full(n, -np.inf)
    allowed_count = np.zeros(n, dtype=np.int64)
    rk = sp.coo_matrix(s.features.rank_matrix)
    ranked_keys = np.sort(rk.row.astype(np.int64) * m + rk.col.astype(np.int64))
    skip = np.union1d(s.constraints.blocked, ranked_keys)
    nt_table = t.full_table()
    n_gr = len(t.gr_rep)

    def one_block(
        start: int,
    ) -> tuple[IntArray, IntArray, FloatArray, IntArray, IntArray, FloatArray]:
        stop = min(n, start + block)
        rows = np.arange(start, stop, dtype=np.int64)
        base = base_block(s, rows, with_rank=False, sort=False)
        counts = np.diff(base.indptr)
        rj = base.indices.astype(np.int64)
        local = np.repeat(np.arange(stop - start, dtype=np.int64), counts)
        if nt_table is not None:
            flat = np.repeat(t.ge[rows] * n_gr, counts) + t.gr[rj]
            scores = base.data + nt_table[flat]
        else:
            scores = base.data + t.nontext(local + start, rj)
        ok = np.isfinite(scores)
        local, rj, scores = local[ok], rj[ok], scores[ok]
        allowed_count[start:stop] = np.bincount(local, minlength=stop - start)
        # Pair-level rules and ranked pairs are few: select first, then
        # drop them from the (small) selection.  What is left out is
        # still bounded by `deep`, the best unselected score.
        sel, deep = top_k_segmented(local, rj, scores, k + widths.reserve, stop - start)
        keys = (local[sel] + start) * m + rj[sel]
        sel = sel[~np.isin(keys, skip)]
        ri = local + start
        r_sel = local[sel]
        place = np.arange(len(sel)) - np.searchsorted(r_sel, r_sel, side="left")
        head, tail = sel[place < k], sel[place >= k]
        first_tail = tail[place[place >= k] == k]
        text_rest[rows] = deep
        text_rest[ri[first_tail]] = scores[first_tail]
        deep_rest[rows] = deep
        last_head = head[place[place < k] == k - 1]
        kth[ri[last_head]] = scores[last_head]
        return ri[head], rj[head], scores[head], ri[tail], rj[tail], scores[tail]

    # numpy and scipy's sparse kernels release the GIL, so blocks run in
    # threads side by side; each writes only its own rows.
    starts = list(range(0, n, block))
    threads = max(1, min(widths.workers or default_workers(), len(starts)))
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for done, part in enumerate(pool.map(one_block, starts)):
            keep.add(part[0], part[1], part[2])
            kept_aside.add(part[3], part[4], part[5])
            if progress is not None:
                progress("scoring", min(1.0, (done + 1) * block / max(n, 1)))
    nontext = t.best_per_mentee(nt_table)
    # Ranked pairs: all of them, scored exactly.
    if len(ranked_keys):
        rr, rc = ranked_keys // m, ranked_keys % m
        rs, ok = s.pair_scores(rr, rc)
        keep.add(rr[ok], rc[ok], rs[ok])
        allowed_count += np.bincount(rr[ok], minlength=n)
    # Mentees whose best mentor may share no term with them.
    weak = np.flatnonzero(nontext > kth)
    if widths.extra and len(weak):
        keep.add(*_nontext_picks(s, nt_table, weak, widths.extra))
    bound = np.maximum(text_rest, nontext) if m else np.full(n, -np.inf)
    rows, cols, scores = keep.arrays()
    return Candidates(
        rows=rows,
        cols=cols,
        scores=scores,
        bound=bound,
        allowed_count=allowed_count,
        text_bound=text_rest,
        reserve=Reserve.of(kept_aside, n),
        reserve_bound=deep_rest,
        group_table=nt_table,
    )


def _by_group(
    mentor_group: IntArray, n_groups: int, key: FloatArray | None = None
) -> tuple[IntArray, IntArray, IntArray]:
    """Mentors ordered by group (then by ``key``), and where each group
    starts and ends in that order."""
    order = (
        np.argsort(mentor_group, kind="stable") if key is None else np.lexsort((key, mentor_group))
    )
    grouped = mentor_group[order]
    groups = np.arange(n_groups)
    return order, np.searchsorted(grouped, groups), np.searchsorted(grouped, groups, side="right")


def _nontext_picks(
    s: Scorer, full: FloatArray | None, rows: IntArray, extra: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """Up to ``extra`` allowed mentors per mentee from the mentor groups
    with the best non-text score, spread over each group's members so
    mentees of one group do not all start on the same mentor."""
    m = s.shape[1]
    t = s.tables
    n_groups = len(t.gr_rep)
    order, g_start, _ = _by_group(t.gr, n_groups)
    g_size = np.bincount(t.gr, minlength=n_groups)
    out_r: list[IntArray] = []
    out_c: list[IntArray] = []
    ge_rows = t.ge[rows]
    for ge in np.unique(ge_rows).tolist():
        members = rows[ge_rows == ge]
        table = t.group_row(ge, full)
        top = np.argsort(-table, kind="stable")[: extra * 2]
        top = top[np.isfinite(table[top]) & (g_size[top] > 0)]
        for n_pick, g in enumerate(top.tolist()):
            pick = order[g_start[g] + (members * 7919 + n_pick) % g_size[g]]
            out_r.append(members)
            out_c.append(pick)
    if not out_r:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    r = np.concatenate(out_r)
    c = np.concatenate(out_c)
    keys = np.unique(r * m + c)
    r, c = keys // m, keys % m
    sc, ok = s.pair_scores(r, c)
    return r[ok], c[ok], sc[ok]


def suspects(
    s: Scorer, cand: Candidates, rows: IntArray, screen: Screen, per_row: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """See :meth:`tribe_engine.scoring.Scorer.suspects`."""
    m = s.shape[1]
    if len(rows) == 0 or m == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    out = PairList()
    _text_suspects(s, cand, rows, screen, out)
    _group_suspects(s, cand.group_table, rows, screen, per_row, out)
    r_all, c_all, s_all = out.arrays()
    _, first = np.unique(r_all * m + c_all, return_index=True)
    return r_all[first], c_all[first], s_all[first]


def _text_suspects(
    s: Scorer, cand: Candidates, rows: IntArray, screen: Screen, out: PairList
) -> None:
    """Pairs with text in common: the kept-aside reserve first, the full
    product only where even the reserve's bound is not enough."""
    m = s.shape[1]
    res, prices = cand.reserve, screen.prices
    text_rows = rows[cand.text_bound[rows] > screen.cut(rows)]
    if len(text_rows):
        cnt = res.indptr[text_rows + 1] - res.indptr[text_rows]
        pos = np.repeat(res.indptr[text_rows], cnt) + (
            np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        )
        ri, rj, sc = res.rows[pos], res.cols[pos], res.scores[pos]
        hit = sc - prices[rj] > screen.cut(ri)
        out.add(ri[hit], rj[hit], sc[hit])
        text_rows = text_rows[cand.reserve_bound[text_rows] > screen.cut(text_rows)]
    for start in range(0, len(text_rows), _ROW_BLOCK):
        chunk = np.sort(text_rows[start : start + _ROW_BLOCK])
        base = base_block(s, chunk)
        counts = np.diff(base.indptr)
        ri = np.repeat(chunk, counts)
        rj = base.indices.astype(np.int64)
        sc = base.data + s.tables.nontext(ri, rj)
        s.constraints.mask_blocked(ri * m + rj, sc)
        hit = np.isfinite(sc) & (sc - prices[rj] > screen.cut(ri))
        out.add(ri[hit], rj[hit], sc[hit])


def _group_suspects(
    s: Scorer, full: FloatArray | None, rows: IntArray, screen: Screen, per_row: int, out: PairList
) -> None:
    """Every other pair, by mentor group: a mentor is looked at only where its
    group's non-text score minus its own seat's price beats the mentee's cut.

    Vectorised per mentee group (a block of mentees against every mentor at
    once) and scored exactly in blocks of about 260,000 pairs, so a cohort
    where every seat is taken (every mentee screened) costs array work, not a
    Python loop per mentee and group.  The look is complete (``per_row`` is
    not needed to bound it), which the proof accepts: it adds at most its
    ``widen`` most violated pairs per mentee and round.  O(r m) for r rows,
    plus :meth:`pair_scores` of the mentors looked at.
    """
    del per_row
    t = s.tables
    profit, prices, margin = screen.profit, screen.prices, screen.margin
    ge_rows = t.ge[rows]
    pend_i: list[IntArray] = []
    pend_j: list[IntArray] = []
    pending = 0

    def flush() -> None:
        nonlocal pending
        if not pend_i:
            return
        ri, rj = np.concatenate(pend_i), np.concatenate(pend_j)
        pend_i.clear()
        pend_j.clear()
        pending = 0
        sc, ok = s.pair_scores(ri, rj)
        hit = ok & (sc - prices[rj] > profit[ri] - margin)
        out.add(ri[hit], rj[hit], sc[hit])

    for ge in np.unique(ge_rows).tolist():
        members = rows[ge_rows == ge]
        table = t.group_row(ge, full)  # non-text score per mentor group
        gain = table[t.gr] - prices  # per mentor: the bound minus its seat's price
        open_ = np.flatnonzero(np.isfinite(gain))
        if len(open_) == 0:
            continue
        gain = gain[open_]
        step = max(1, _PAIR_BLOCK // len(open_))
        for start in range(0, len(members), step):
            chunk = members[start : start + step]
            r, c = np.nonzero(gain[None, :] > (profit[chunk] - margin)[:, None])
            if len(r):
                pend_i.append(chunk[r].astype(np.int64))
                pend_j.append(open_[c].astype(np.int64))
                pending += len(r)
                if pending >= _PAIR_BLOCK:
                    flush()
    flush()
