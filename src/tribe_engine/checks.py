"""Public invariant checkers and a greedy baseline.

They work on plain arrays and are written independently of the solvers (no
shared code path beyond input conversion), so the tests can use them to judge
every result.  They look at every allowed pair, so they are meant for test and
audit sizes, not for 100,000 x 30,000 dense problems.

Costs use ``n`` mentees, ``m`` mentors, ``s`` allowed pairs (stored entries,
or ``n m`` for a dense matrix), ``f`` forbidden and ``l`` locked pairs and
``q`` preference entries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from ._arrays import BoolArray, FloatArray, IntArray

__all__ = ["blocking_pairs", "greedy_assignment", "is_valid_assignment", "rules_respected"]


def _allowed_pairs(
    scores: ArrayLike | sp.spmatrix | sp.sparray,
) -> tuple[IntArray, IntArray, FloatArray, tuple[int, int]]:
    if sp.issparse(scores):
        coo = sp.coo_matrix(scores)
        return (
            coo.row.astype(np.int64),
            coo.col.astype(np.int64),
            np.asarray(coo.data, dtype=np.float64),
            (int(coo.shape[0]), int(coo.shape[1])),
        )
    dense = np.asarray(scores, dtype=np.float64)
    r, c = np.indices(dense.shape)
    return r.ravel().astype(np.int64), c.ravel().astype(np.int64), dense.ravel(), dense.shape


def _mask_forbidden(
    r: IntArray, c: IntArray, m: int, forbidden: Sequence[tuple[int, int]]
) -> BoolArray:
    if not forbidden:
        return np.ones(len(r), dtype=bool)
    bad = np.array([a * m + b for a, b in forbidden], dtype=np.int64)
    return ~np.isin(r * m + c, bad)


def is_valid_assignment(mentor_of: ArrayLike, capacities: ArrayLike) -> bool:
    """True when every mentee has at most one mentor (``-1`` for none), every
    mentor index exists and no mentor exceeds their capacity.  O(n + m).

    Examples
    --------
    >>> is_valid_assignment([0, 0, -1], [2])
    True
    >>> is_valid_assignment([0, 0, 0], [2])
    False
    """
    mo = np.asarray(mentor_of)
    cap = np.asarray(capacities)
    if mo.ndim != 1 or cap.ndim != 1:
        return False
    if len(mo) and ((mo < -1).any() or (mo >= len(cap)).any()):
        return False
    load = np.bincount(mo[mo >= 0], minlength=len(cap))
    return bool((load <= cap).all())


def rules_respected(
    mentor_of: ArrayLike,
    scores: ArrayLike | sp.spmatrix | sp.sparray,
    *,
    forbidden: Sequence[tuple[int, int]] = (),
    locked: Sequence[tuple[int, int]] = (),
) -> bool:
    """True when every matched pair is allowed (stored, for a sparse matrix),
    none is forbidden and every locked pair is kept.  Indices, not ids.
    O((s + f) log(s + f) + l + n) time (a sorted membership test for the
    forbidden pairs, then hash sets of pair keys), O(s + f) space.

    Examples
    --------
    >>> rules_respected([0, 1], [[1.0, 0.0], [0.0, 1.0]], forbidden=[(0, 1)])
    True
    >>> rules_respected([1, 0], [[1.0, 0.0], [0.0, 1.0]], forbidden=[(0, 1)])
    False
    """
    mo = np.asarray(mentor_of, dtype=np.int64)
    r, c, _, (_, m) = _allowed_pairs(scores)
    ok = _mask_forbidden(r, c, m, forbidden)
    allowed = set((r[ok] * m + c[ok]).tolist())
    locked_keys = {a * m + b for a, b in locked}
    for a, b in locked:
        if mo[a] != b:
            return False
    mi = np.flatnonzero(mo >= 0)
    for i, j in zip(mi.tolist(), mo[mi].tolist(), strict=True):
        key = i * m + j
        if key not in allowed and key not in locked_keys:
            return False
    return True


def _pref_position(
    r: IntArray,
    c: IntArray,
    s: FloatArray,
    n: int,
    m: int,
    lists: Mapping[int, Sequence[int]] | None,
    by_row: bool,
) -> FloatArray:
    """Position of each pair in the ranking side's strict order (0 = best,
    inf = not acceptable)."""
    owner, other = (r, c) if by_row else (c, r)
    size = n if by_row else m
    order = np.lexsort((other, -s, owner))
    pos = np.empty(len(r))
    first = np.searchsorted(owner[order], np.arange(size))
    pos[order] = np.arange(len(r)) - first[owner[order]]
    if lists:
        explicit: dict[tuple[int, int], int] = {}
        for who, lst in lists.items():
            for p, x in enumerate(lst):
                explicit[(who, x)] = p
        owners = set(lists)
        for k in range(len(r)):
            o, x = int(owner[k]), int(other[k])
            if o in owners:
                pos[k] = explicit.get((o, x), np.inf)
    return pos


def blocking_pairs(
    mentor_of: ArrayLike,
    scores: ArrayLike | sp.spmatrix | sp.sparray,
    capacities: ArrayLike,
    *,
    preferences: Mapping[int, Sequence[int]] | None = None,
    mentor_preferences: Mapping[int, Sequence[int]] | None = None,
    forbidden: Sequence[tuple[int, int]] = (),
) -> IntArray:
    """Pairs ``(mentee, mentor)`` that would both rather be together.

    Preferences follow the stable mode: induced by the scores (ties to the
    lower index) unless an explicit list is given for that person.  A pair
    blocks when both find each other acceptable, the mentee prefers the
    mentor to their match (or is unmatched), and the mentor has room or
    prefers the mentee to their worst current mentee.

    O(s log s + q) time (two sorts and a pass over every allowed pair, the
    pass in Python), O(s + q) space.

    Returns
    -------
    ndarray of shape (p, 2)

    Examples
    --------
    >>> blocking_pairs([1, 0], [[2.0, 1.0], [2.0, 1.0]], [1, 1]).tolist()
    [[0, 0]]
    """
    mo = np.asarray(mentor_of, dtype=np.int64)
    cap = np.asarray(capacities, dtype=np.int64)
    r, c, s, (n, m) = _allowed_pairs(scores)
    ok = _mask_forbidden(r, c, m, forbidden)
    r, c, s = r[ok], c[ok], s[ok]
    mentee_pos = _pref_position(r, c, s, n, m, preferences, by_row=True)
    mentor_pos = _pref_position(r, c, s, n, m, mentor_preferences, by_row=False)
    key = r * m + c
    pos_of = dict(zip(key.tolist(), mentee_pos.tolist(), strict=True))
    rank_of = dict(zip(key.tolist(), mentor_pos.tolist(), strict=True))
    load = np.bincount(mo[mo >= 0], minlength=m)
    worst = np.full(m, -np.inf)
    for i in np.flatnonzero(mo >= 0).tolist():
        j = int(mo[i])
        worst[j] = max(worst[j], rank_of.get(i * m + j, np.inf))
    out: list[tuple[int, int]] = []
    for k in range(len(r)):
        i, j = int(r[k]), int(c[k])
        if mo[i] == j or not np.isfinite(mentee_pos[k]) or not np.isfinite(mentor_pos[k]):
            continue
        current = pos_of.get(i * m + int(mo[i]), np.inf) if mo[i] >= 0 else np.inf
        if mentee_pos[k] >= current:
            continue
        if load[j] < cap[j] or mentor_pos[k] < worst[j]:
            out.append((i, j))
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def greedy_assignment(
    scores: ArrayLike | sp.spmatrix | sp.sparray,
    capacities: ArrayLike,
    *,
    forbidden: Sequence[tuple[int, int]] = (),
) -> IntArray:
    """Best pair first while the mentee is free and the mentor has room.

    The baseline the optimal mode must beat (or equal) in the tests.
    O(s log s) time (one sort, then a pass), O(s) space.

    Examples
    --------
    >>> greedy_assignment([[3.0, 2.0], [2.0, 0.0]], [1, 1]).tolist()
    [0, 1]
    """
    cap = np.asarray(capacities, dtype=np.int64).copy()
    r, c, s, (n, m) = _allowed_pairs(scores)
    ok = _mask_forbidden(r, c, m, forbidden)
    r, c, s = r[ok], c[ok], s[ok]
    mo = np.full(n, -1, dtype=np.int64)
    for k in np.lexsort((c, r, -s)).tolist():
        i, j = int(r[k]), int(c[k])
        if mo[i] < 0 and cap[j] > 0:
            mo[i] = j
            cap[j] -= 1
    return mo
