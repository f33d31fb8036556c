"""Seeded brute-force comparison: every assignment of small cases enumerated."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tribe_engine import Rules, match

from .conftest import all_assignments, allowed_mask, brute_optimum, check_invariants


def _case(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 6))
    m = int(rng.integers(1, 4))
    # Coarse scores make ties common: the tie-breaks are part of the contract.
    scores = rng.integers(0, 4, size=(n, m)).astype(float) / 2
    if rng.random() < 0.5:
        keep = rng.random((n, m)) < 0.7
        scores = sp.csr_matrix(np.where(keep, scores, 0.0))
        coo = sp.coo_matrix((scores.toarray()[keep], np.nonzero(keep)), shape=(n, m))
        scores = coo.tocsr()
    caps = rng.integers(0, 3, size=m)
    forbidden = []
    if rng.random() < 0.4:
        forbidden = [(int(rng.integers(n)), int(rng.integers(m)))]
    return scores, caps, forbidden


@pytest.mark.parametrize("seed", range(150))
def test_optimal_matches_brute_force(seed):
    scores, caps, forbidden = _case(seed)
    result = match(scores, caps, rules=Rules(forbidden=tuple(forbidden)), k=1)
    check_invariants(result, scores, caps, forbidden)
    best = brute_optimum(scores, caps, forbidden)
    assert result.matched == best[0]
    assert result.objective == pytest.approx(best[1], abs=1e-9)


@pytest.mark.parametrize("seed", range(150))
def test_stable_is_mentee_optimal_stable_matching(seed):
    scores, caps, forbidden = _case(seed)
    result = match(scores, caps, mode="stable", rules=Rules(forbidden=tuple(forbidden)), k=1)
    check_invariants(result, scores, caps, forbidden)
    # Among all stable assignments, each mentee's best partner is theirs
    # (mentee-optimality of mentee-proposing deferred acceptance).
    from tribe_engine import blocking_pairs

    dense, _ = allowed_mask(scores, forbidden)
    n = dense.shape[0]

    def pref(i, j):  # higher is better; unmatched is worst
        return (-1, 0) if j < 0 else (0, dense[i, j], -j)

    stable = [
        mo
        for mo in all_assignments(scores, caps, forbidden)
        if len(blocking_pairs(mo, scores, caps, forbidden=forbidden)) == 0
    ]
    assert stable
    for i in range(n):
        best = max(pref(i, mo[i]) for mo in stable)
        assert pref(i, result.mentor_of[i]) == best
    cost = result.stability.cost
    opt = brute_optimum(scores, caps, forbidden)
    assert result.stability.optimal_matched == opt[0]
    assert cost == pytest.approx(opt[1] - result.objective, abs=1e-9)


@pytest.mark.parametrize("seed", range(40))
def test_locked_pairs_are_kept_and_rest_is_optimal(seed):
    rng = np.random.default_rng(1000 + seed)
    n, m = 4, 3
    scores = rng.integers(0, 5, size=(n, m)).astype(float)
    caps = rng.integers(1, 3, size=m)
    locked = [(0, int(rng.integers(m)))]
    result = match(scores, caps, rules=Rules(locked=tuple(locked)), k=1)
    check_invariants(result, scores, caps, locked=locked)
    best = brute_optimum(scores, caps, locked=locked)
    assert (result.matched, round(result.objective, 9)) == (best[0], round(best[1], 9))
