"""Stable mode: mentee-proposing deferred acceptance with capacities.

This is the hospitals/residents algorithm (Gale and Shapley; Roth), run in
rounds so that numpy does the work: in each round every free mentee proposes
to the next mentor on their list, and each mentor keeps the best
``capacity`` of its current mentees and new proposers.  The outcome does not
depend on the order of proposals, so the rounds give the same mentee-optimal
stable matching as the textbook one-at-a-time loop.

Preferences are strict.  Induced from scores, a mentee prefers the higher
score and, on a tie, the lower mentor index; a mentor prefers the higher
score and, on a tie, the lower mentee index.  Explicit lists replace either
side's order (a mentor's list also says which mentees it accepts).

Lists start as the part of the candidate graph that is provably a prefix of
the mentee's full order (scores above the bound on left-out pairs) and are
extended from exact rows only for mentees who exhaust them, so the result is
the stable matching of the full problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ._arrays import BoolArray, FloatArray, IntArray, PairTable, lookup
from ._problem import Graph, Progress, Source

__all__ = ["solve_stable"]


@dataclass
class StableOutcome:
    mentor_of: IntArray
    blocking: int
    rounds: int
    extended: int


def _mentor_keys(
    ri: IntArray, rj: IntArray, scores: FloatArray, mentor_rank: PairTable | None, ranked: BoolArray
) -> FloatArray:
    """Lower is better.  Explicit ranks for mentors that gave a list (unranked
    mentees get +inf: not acceptable), minus the score otherwise."""
    keys = -scores.astype(np.float64)
    if mentor_rank is not None:
        own = ranked[rj]
        r = lookup(mentor_rank, ri[own], rj[own])
        keys[own] = np.where(r > 0, r, np.inf)
    return keys


def solve_stable(
    source: Source,
    *,
    active: BoolArray,
    capacity: IntArray,
    k: int = 8,
    mentee_lists: Mapping[int, Sequence[int]] | None = None,
    mentor_lists: Mapping[int, Sequence[int]] | None = None,
    progress: Progress | None = None,
    graph: Graph | None = None,
) -> StableOutcome:
    """Deferred acceptance on ``source`` for the ``active`` mentees.

    O(R (n log n + m) + X (e log e + m)) time for R proposal rounds (at most
    the total list length), X list extensions (each fetches exact rows,
    O(m) per mentee extended, and rebuilds the e list entries), and
    O(n + m + e) space.
    """
    n, m = source.n, source.m
    g = graph if graph is not None else source.graph(k, progress)
    mentee_lists = mentee_lists or {}

    # Mentor ranks as a pair table (rank 1 = best) for mentors with lists.
    ranked = np.zeros(m, dtype=bool)
    mentor_rank: PairTable | None = None
    if mentor_lists:
        import scipy.sparse as sp

        rr: list[int] = []
        cc: list[int] = []
        vv: list[float] = []
        for j, lst in mentor_lists.items():
            ranked[j] = True
            for place, i in enumerate(lst):
                rr.append(i)
                cc.append(j)
                vv.append(place + 1.0)
        mentor_rank = PairTable(
            sp.coo_matrix((np.asarray(vv), (np.asarray(rr), np.asarray(cc))), shape=(n, m))
        )

    # Initial lists: the provable prefix of the graph row, or the explicit list.
    g_keep = active[g.rows] & (g.scores > g.bound[g.rows])
    explicit = np.zeros(n, dtype=bool)
    for i in mentee_lists:
        explicit[i] = True
    g_keep &= ~explicit[g.rows]
    lr, lc, ls = g.rows[g_keep], g.cols[g_keep], g.scores[g_keep]
    if mentee_lists:
        er = np.concatenate([np.full(len(v), i, dtype=np.int64) for i, v in mentee_lists.items()])
        ec = np.concatenate([np.asarray(v, dtype=np.int64) for v in mentee_lists.values()])
        pos = np.concatenate([np.arange(len(v)) for v in mentee_lists.values()])
        es, allowed = source.pair_scores(er, ec)
        keep = allowed & active[er]
        er, ec, es, pos = er[keep], ec[keep], es[keep], pos[keep]
        # Explicit lists keep their own order: sort them by position, then
        # merge with the graph rows by mentee (stable sort keeps both orders).
        order = np.lexsort((pos, er))
        lr = np.concatenate([lr, er[order]])
        lc = np.concatenate([lc, ec[order]])
        ls = np.concatenate([ls, es[order]])
        o2 = np.argsort(lr, kind="stable")
        lr, lc, ls = lr[o2], lc[o2], ls[o2]
    complete = explicit | ~np.isfinite(g.bound)
    bound = np.where(explicit, -np.inf, g.bound)

    def build(
        lr: IntArray, lc: IntArray, ls: FloatArray
    ) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(lr, minlength=n), out=indptr[1:])
        return indptr, lc, ls, _mentor_keys(lr, lc, ls, mentor_rank, ranked)

    indptr, l_mentor, l_score, l_key = build(lr, lc, ls)
    l_rows = lr
    held = np.full(n, -1, dtype=np.int64)
    held_key = np.zeros(n)
    ptr = np.zeros(n, dtype=np.int64)
    rounds = 0
    extended = 0
    mentee_ids = np.arange(n, dtype=np.int64)
    while True:
        length = np.diff(indptr)
        free = active & (held < 0) & (ptr < length)
        proposers = np.flatnonzero(free)
        if len(proposers) == 0:
            # Exhausted mentees whose list may go on: fetch their full rows.
            need = np.flatnonzero(active & (held < 0) & (ptr >= length) & ~complete)
            if len(need) == 0:
                break
            new_r: list[IntArray] = []
            new_c: list[IntArray] = []
            new_s: list[FloatArray] = []
            for chunk, block in source.exact_rows(need):
                r, c, s, b = _extend(block, length[chunk], _EXTEND)
                new_r.append(chunk[r])
                new_c.append(c)
                new_s.append(s)
                bound[chunk] = b
                complete[chunk] = ~np.isfinite(b)
            extended += len(need)
            # The old list of each such mentee is a prefix of the new one
            # (see module docstring), so their pointers stay valid.
            drop = np.isin(l_rows, need)
            lr = np.concatenate([l_rows[~drop], *new_r])
            lc = np.concatenate([l_mentor[~drop], *new_c])
            ls = np.concatenate([l_score[~drop], *new_s])
            o2 = np.argsort(lr, kind="stable")
            l_rows, lc, ls = lr[o2], lc[o2], ls[o2]
            indptr, l_mentor, l_score, l_key = build(l_rows, lc, ls)
            continue
        rounds += 1
        at = indptr[proposers] + ptr[proposers]
        targets = l_mentor[at]
        keys = l_key[at]
        hit = np.zeros(m, dtype=bool)
        hit[targets] = True
        holders = np.flatnonzero((held >= 0) & hit[np.maximum(held, 0)])
        who = np.concatenate([holders, proposers])
        where = np.concatenate([held[holders], targets])
        key = np.concatenate([held_key[holders], keys])
        order = np.lexsort((mentee_ids[who], key, where))
        who, where, key = who[order], where[order], key[order]
        first = np.searchsorted(where, where, side="left")
        accept = ((np.arange(len(who)) - first) < capacity[where]) & np.isfinite(key)
        held[who[~accept]] = -1
        ptr[who[~accept]] += 1
        held[who[accept]] = where[accept]
        held_key[who[accept]] = key[accept]
        if progress is not None and rounds % 50 == 0:
            progress("stable", float((held >= 0).sum()) / max(int(active.sum()), 1))

    blocking = _count_blocking(indptr, l_mentor, l_key, held, held_key, ptr, capacity, active, n, m)
    return StableOutcome(mentor_of=held, blocking=blocking, rounds=rounds, extended=extended)


_EXTEND = 32  # more mentors per exhausted mentee per extension


def _extend(
    block: FloatArray, have: IntArray, more: int
) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """Longer preference lists for the rows of ``block`` (dense scores,
    ``-inf`` where not allowed), each holding ``have[r]`` entries now.

    A row's new list is every allowed mentor scoring strictly above its new
    bound, the ``(have + more + 1)``-th best score, in preference order: a
    prefix of the full order that extends the old one (the old list is the
    part above the old, higher bound).  Rows that would gain nothing (a long
    tie at the bound) get their whole row.  Returns rows (of the block),
    mentors, scores, and each row's new bound (``-inf``: list complete).
    """
    n_rows, m = block.shape
    want = have + more
    kk = int(min(m, want.max() + 1)) if n_rows else 0
    if kk < m:
        top = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
    else:
        top = np.broadcast_to(np.arange(m), (n_rows, m))
    vals = np.take_along_axis(block, top, axis=1)
    r = np.repeat(np.arange(n_rows), top.shape[1])
    c = top.ravel().astype(np.int64)
    v = vals.ravel()
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    place = np.arange(len(r)) - np.searchsorted(r, r)
    at_bound = place == want[r]
    new_bound = np.full(n_rows, -np.inf)
    new_bound[r[at_bound]] = v[at_bound]
    keep = np.isfinite(v) & (v > new_bound[r])
    r, c, v = r[keep], c[keep], v[keep]
    # A tie at the bound can leave a row with nothing new: give it all.
    gained = np.bincount(r, minlength=n_rows) > have
    stuck = np.flatnonzero(~gained & np.isfinite(new_bound))
    if len(stuck):
        sr, sc = np.nonzero(np.isfinite(block[stuck]))
        sv = block[stuck][sr, sc]
        o = np.lexsort((sc, -sv, sr))
        drop = np.isin(r, stuck)
        r = np.concatenate([r[~drop], stuck[sr[o]]])
        c = np.concatenate([c[~drop], sc[o].astype(np.int64)])
        v = np.concatenate([v[~drop], sv[o]])
        new_bound[stuck] = -np.inf
        o2 = np.argsort(r, kind="stable")
        r, c, v = r[o2], c[o2], v[o2]
    return r.astype(np.int64), c, v, new_bound


def _count_blocking(
    indptr: IntArray,
    l_mentor: IntArray,
    l_key: FloatArray,
    held: IntArray,
    held_key: FloatArray,
    ptr: IntArray,
    capacity: IntArray,
    active: BoolArray,
    n: int,
    m: int,
) -> int:
    """Blocking pairs among the pairs each mentee prefers to their match.

    Those are the list entries before the pointer; left-out pairs are never
    preferred (each list is a prefix of the full order, or complete), so this
    covers the full problem.
    """
    length = np.diff(indptr)
    upto = np.where(held >= 0, ptr, length)
    rows = np.repeat(np.arange(n, dtype=np.int64), length)
    pos = np.arange(len(l_mentor)) - indptr[rows]
    before = (pos < upto[rows]) & active[rows]
    ri, rj, rk = rows[before], l_mentor[before], l_key[before]
    load = np.bincount(held[held >= 0], minlength=m)
    # The worst current mentee of each mentor (largest key, then largest index).
    worst_key = np.full(m, -np.inf)
    worst_idx = np.full(m, -1, dtype=np.int64)
    hm = np.flatnonzero(held >= 0)
    if len(hm):
        order = np.lexsort((hm, held_key[hm], held[hm]))
        last = order[np.r_[held[hm][order][1:] != held[hm][order][:-1], True]]
        worst_key[held[hm][last]] = held_key[hm][last]
        worst_idx[held[hm][last]] = hm[last]
    room = load[rj] < capacity[rj]
    better = (rk < worst_key[rj]) | ((rk == worst_key[rj]) & (ri < worst_idx[rj]))
    return int((np.isfinite(rk) & (room | better)).sum())
