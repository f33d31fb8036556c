"""Shared helpers for the engine tests: brute force and result invariants."""

from __future__ import annotations

import itertools

import numpy as np
import scipy.sparse as sp

from tribe_engine import MatchResult, blocking_pairs, is_valid_assignment, rules_respected


def allowed_mask(scores, forbidden=()):
    """Dense boolean mask of allowed pairs (stored entries for sparse input)."""
    if sp.issparse(scores):
        coo = sp.coo_matrix(scores)
        mask = np.zeros(coo.shape, dtype=bool)
        mask[coo.row, coo.col] = True
        dense = np.zeros(coo.shape)
        dense[coo.row, coo.col] = coo.data
    else:
        dense = np.asarray(scores, dtype=float)
        mask = np.ones(dense.shape, dtype=bool)
    for a, b in forbidden:
        mask[a, b] = False
    return dense, mask


def all_assignments(scores, capacities, forbidden=(), locked=()):
    """Every valid assignment (mentor index or -1 per mentee) of a tiny problem."""
    dense, mask = allowed_mask(scores, forbidden)
    n, m = dense.shape
    locked = dict(locked)
    choices = []
    for i in range(n):
        if i in locked:
            choices.append([locked[i]])
        else:
            choices.append([-1, *[j for j in range(m) if mask[i, j]]])
    cap = np.asarray(capacities)
    for combo in itertools.product(*choices):
        mo = np.array(combo)
        if is_valid_assignment(mo, cap):
            yield mo


def lex_value(mo, dense):
    matched = mo >= 0
    return int(matched.sum()), float(dense[np.flatnonzero(matched), mo[matched]].sum())


def brute_optimum(scores, capacities, forbidden=(), locked=()):
    """(matched, total score) of the lexicographic optimum, by enumeration."""
    dense, _ = allowed_mask(scores, forbidden)
    best = (-1, -np.inf)
    for mo in all_assignments(scores, capacities, forbidden, locked):
        v = lex_value(mo, dense)
        if v[0] > best[0] or (v[0] == best[0] and v[1] > best[1] + 1e-12):
            best = v
    return best


def check_invariants(result: MatchResult, scores, capacities, forbidden=(), locked=()):
    """What every result must satisfy, whatever the mode."""
    mo = result.mentor_of
    assert is_valid_assignment(mo, capacities)
    assert rules_respected(mo, scores, forbidden=list(forbidden), locked=list(locked))
    dense, _ = allowed_mask(scores)
    matched = mo >= 0
    assert result.matched == int(matched.sum())
    assert np.isclose(result.objective, dense[np.flatnonzero(matched), mo[matched]].sum())
    assert np.isnan(result.scores[~matched]).all()
    assert result.fairness.matched + result.fairness.unmatched == len(mo) - 0
    if matched.any():
        assert np.isclose(result.fairness.min_score, result.scores[matched].min())
    assert {u.index for u in result.unmatched} == set(np.flatnonzero(~matched).tolist())
    if result.mode == "optimal":
        assert result.proof is not None and result.proof.proven
        assert result.proof.max_cardinality
        assert 0 <= result.proof.gap < 1e-6
    else:
        assert result.stability is not None
        assert result.stability.blocking_pairs == 0
        if not locked:
            bp = blocking_pairs(mo, scores, capacities, forbidden=list(forbidden))
            assert len(bp) == 0, bp


def reference_stable(scores, capacities, forbidden=()):
    """Textbook mentee-proposing deferred acceptance, one proposal at a time,
    on full preference lists (score descending, ties to the lower index)."""
    dense, mask = allowed_mask(scores, forbidden)
    n, m = dense.shape
    prefs = [
        sorted((j for j in range(m) if mask[i, j]), key=lambda j, i=i: (-dense[i, j], j))
        for i in range(n)
    ]
    nxt = [0] * n
    held: dict[int, list[int]] = {j: [] for j in range(m)}
    free = list(range(n))
    while free:
        i = free.pop()
        if nxt[i] >= len(prefs[i]):
            continue
        j = prefs[i][nxt[i]]
        nxt[i] += 1
        held[j].append(i)
        held[j].sort(key=lambda x, j=j: (-dense[x, j], x))
        if len(held[j]) > capacities[j]:
            free.append(held[j].pop())
    mo = np.full(n, -1)
    for j, lst in held.items():
        for i in lst:
            mo[i] = j
    return mo
