"""The three objectives of the optimal mode against a brute-force optimum.

Every assignment of small seeded problems is enumerated and ranked by the
objective's own order: ``most_matched`` by (matched, total), ``total_fit`` by
total, ``fairness_floor`` by (matched, pairs at or above the floor, total).
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tribe_engine import (
    EngineCode,
    InvalidInput,
    Profile,
    Reason,
    Rules,
    is_valid_assignment,
    match,
    match_profiles,
    rules_respected,
)
from tribe_engine.scoring import Scorer

from .conftest import all_assignments, allowed_mask, check_invariants

FLOOR = 0.5


def _key(objective, scores, mo):
    matched = np.flatnonzero(mo >= 0)
    values = scores[matched, mo[matched]]
    total = float(values.sum())
    if objective == "total_fit":
        return (round(total, 9),)
    if objective == "fairness_floor":
        return (len(matched), int((values >= FLOOR).sum()), round(total, 9))
    return (len(matched), round(total, 9))


def _case(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 6))
    m = int(rng.integers(1, 4))
    # Coarse scores make ties common; some negative so total_fit may leave pairs out.
    scores = rng.integers(-1, 5, size=(n, m)).astype(float) / 4
    if rng.random() < 0.5:
        keep = rng.random((n, m)) < 0.7
        coo = sp.coo_matrix((scores[keep], np.nonzero(keep)), shape=(n, m))
        scores = coo.tocsr()
    caps = rng.integers(0, 3, size=m)
    forbidden = []
    if rng.random() < 0.4:
        forbidden = [(int(rng.integers(n)), int(rng.integers(m)))]
    return scores, caps, forbidden


@pytest.mark.parametrize("objective", ["most_matched", "total_fit", "fairness_floor"])
@pytest.mark.parametrize("seed", range(120))
def test_each_objective_equals_brute_force(objective, seed):
    scores, caps, forbidden = _case(seed)
    result = match(
        scores,
        caps,
        rules=Rules(forbidden=tuple(forbidden)),
        k=1,
        objective=objective,
        floor=FLOOR,
    )
    if objective == "total_fit":
        # Not the most matched by design: every invariant but that one.
        assert is_valid_assignment(result.mentor_of, caps)
        assert rules_respected(result.mentor_of, scores, forbidden=forbidden)
    else:
        check_invariants(result, scores, caps, forbidden)
    dense, _ = allowed_mask(scores, forbidden)
    best = max(_key(objective, dense, mo) for mo in all_assignments(scores, caps, forbidden))
    assert _key(objective, dense, result.mentor_of) == best
    assert result.proof is not None and result.proof.proven
    assert result.proof.primal_objective == pytest.approx(result.objective, abs=1e-9)


def test_the_objectives_differ_where_they_should():
    # Ann: Cy 0.9 or Di 0.0; Bob: only Cy 0.8.  Most matched pairs both (0.8);
    # total fit keeps Ann with Cy (0.9) and leaves Bob out.
    scores = sp.csr_matrix(([0.9, 0.0, 0.8], ([0, 0, 1], [0, 1, 0])), shape=(2, 2))
    most = match(scores, [1, 1])
    fit = match(scores, [1, 1], objective="total_fit")
    assert most.mentor_of.tolist() == [1, 0] and most.matched == 2
    assert fit.mentor_of.tolist() == [0, -1] and fit.objective == pytest.approx(0.9)
    assert [u.reason for u in fit.unmatched] == [Reason.OBJECTIVE]
    assert fit.proof is not None and fit.proof.max_cardinality is False
    assert fit.proof.mentor_prices.shape == (2,)


def test_the_floor_trades_total_for_nobody_below():
    # Most matched: Ann-Cy 1.0 + Bob-Di 0.1 = 1.1; with a floor of 0.5,
    # Ann-Di 0.55 + Bob-Cy 0.5 = 1.05: 0.05 of total fit buys nobody under it.
    scores = np.array([[1.0, 0.55], [0.5, 0.1]])
    most = match(scores, [1, 1])
    floor = match(scores, [1, 1], objective="fairness_floor", floor=0.5)
    assert most.mentor_of.tolist() == [0, 1] and most.fairness.min_score == pytest.approx(0.1)
    assert floor.mentor_of.tolist() == [1, 0] and floor.fairness.min_score == pytest.approx(0.5)
    assert floor.objective == pytest.approx(1.05)
    assert floor.proof is not None and floor.proof.primal_objective == pytest.approx(1.05)


def _profiles(seed):
    rng = np.random.default_rng(seed)
    words = ["python", "design", "sql", "sales", "rust", "ux"]
    n, m = int(rng.integers(2, 6)), int(rng.integers(1, 4))
    mentees = [
        Profile(
            f"e{i}",
            wants_tags=tuple(rng.choice(words, 2, replace=False)),
            seniority=float(rng.integers(0, 5)),
            languages=("en",),
            utc_offset_hours=float(rng.choice([0, 1, 9])),
        )
        for i in range(n)
    ]
    mentors = [
        Profile(
            f"r{j}",
            offers_tags=tuple(rng.choice(words, 2, replace=False)),
            seniority=float(rng.integers(2, 9)),
            languages=("en",),
            utc_offset_hours=float(rng.choice([0, 1, 9])),
            capacity=int(rng.integers(1, 3)),
        )
        for j in range(m)
    ]
    return mentees, mentors


@pytest.mark.parametrize("objective", ["most_matched", "total_fit", "fairness_floor"])
@pytest.mark.parametrize("seed", range(25))
def test_profiles_each_objective_equals_brute_force(objective, seed):
    mentees, mentors = _profiles(seed)
    rules = Rules(min_tz_overlap_hours=2.0)
    result = match_profiles(mentees, mentors, rules=rules, k=1, objective=objective, floor=FLOOR)
    scorer = Scorer(mentees, mentors, rules=rules)
    dense = scorer.score_rows(np.arange(len(mentees)))
    allowed = np.isfinite(dense)
    keep = np.nonzero(allowed)
    matrix = sp.csr_matrix((dense[keep], keep), shape=dense.shape)
    caps = [p.capacity for p in mentors]
    best = max(
        _key(objective, np.where(allowed, dense, 0), mo) for mo in all_assignments(matrix, caps)
    )
    got = _key(objective, np.where(allowed, dense, 0), result.mentor_of)
    assert got[:-1] == best[:-1]
    assert got[-1] == pytest.approx(best[-1], abs=1e-7)
    assert result.proof is not None and result.proof.proven


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"objective": "fewest_tears"}, "objective"),
        ({"objective": "fairness_floor"}, "floor"),
        ({"objective": "fairness_floor", "floor": float("nan")}, "floor"),
        ({"objective": "total_fit", "mode": "stable"}, "objective"),
    ],
)
def test_bad_objectives_are_refused_by_name(kwargs, field):
    with pytest.raises(InvalidInput) as caught:
        match(np.array([[0.5]]), [1], **kwargs)
    assert caught.value.code is EngineCode.BAD_OBJECTIVE
    assert caught.value.field == field


@pytest.mark.parametrize("seed", range(5))
def test_one_scorer_serves_every_objective_and_other_locks(seed):
    from tribe_engine import match_scorer

    mentees, mentors = _profiles(seed)
    scorer = Scorer(mentees, mentors)
    for objective in ("most_matched", "total_fit", "fairness_floor"):
        shared = match_scorer(scorer, objective=objective, floor=FLOOR)
        alone = match_profiles(mentees, mentors, objective=objective, floor=FLOOR)
        assert shared.mentor_of.tolist() == alone.mentor_of.tolist()
        assert shared.objective == pytest.approx(alone.objective)
    allowed = np.argwhere(np.isfinite(scorer.score_rows(np.arange(len(mentees)))))
    i, j = (int(x) for x in allowed[0])
    locked = match_scorer(scorer.with_locked([(mentees[i].id, mentors[j].id)]))
    assert locked.mentor_of[i] == j and locked.locked[i]
    assert scorer.rules.locked == ()  # the original scorer is unchanged
