"""One known-answer table, run against every mode and every input form.

Each case gives the scores, capacities and rules, and what each mode must
return.  Every case runs with dense and sparse input (where the case is
dense) and with a starting graph of one candidate per mentee and of eight,
so the graph widening of the proof is exercised on every answer.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tribe_engine import Reason, Rules, greedy_assignment, match

from .conftest import check_invariants


def sparse(n, m, entries):
    r, c, v = zip(*entries, strict=True) if entries else ((), (), ())
    return sp.csr_matrix((np.array(v, float), (np.array(r), np.array(c))), shape=(n, m))


CASES = [
    dict(
        name="one pair",
        scores=[[1.0]],
        caps=[1],
        optimal=([0], 1.0),
        stable=[0],
    ),
    dict(
        name="swap beats greedy",
        scores=[[3.0, 2.0], [2.0, 0.0]],
        caps=[1, 1],
        optimal=([1, 0], 4.0),
        stable=[0, 1],
        greedy=[0, 1],
    ),
    dict(
        name="more mentees matched before more score",
        scores=sparse(3, 2, [(0, 0, 0.9), (0, 1, 0.5), (1, 0, 0.8), (1, 1, 0.1), (2, 0, 0.3)]),
        caps=[1, 2],
        optimal=([1, 1, 0], 0.9),
        stable=[0, 1, -1],
        reasons={2: Reason.CAPACITY},
    ),
    dict(
        name="capacity two, cheapest move",
        scores=[[1.0, 0.5], [1.0, 0.4], [1.0, 0.3]],
        caps=[2, 1],
        optimal=([1, 0, 0], 2.5),
        stable=[0, 0, 1],
    ),
    dict(
        name="mentor without seats",
        scores=[[1.0, 2.0]],
        caps=[1, 0],
        optimal=([0], 1.0),
        stable=[0],
    ),
    dict(
        name="no allowed mentor",
        scores=sparse(2, 1, [(0, 0, 1.0)]),
        caps=[2],
        optimal=([0, -1], 1.0),
        stable=[0, -1],
        reasons={1: Reason.NO_CANDIDATES},
    ),
    dict(
        name="forbidden pair",
        scores=[[5.0, 1.0]],
        caps=[1, 1],
        rules=Rules(forbidden=((0, 0),)),
        optimal=([1], 1.0),
        stable=[1],
    ),
    dict(
        name="everything forbidden",
        scores=[[5.0]],
        caps=[1],
        rules=Rules(forbidden=((0, 0),)),
        optimal=([-1], 0.0),
        stable=[-1],
        reasons={0: Reason.FORBIDDEN},
    ),
    dict(
        name="locked pair kept",
        scores=[[5.0, 1.0], [4.0, 3.0]],
        caps=[1, 1],
        rules=Rules(locked=((1, 0),)),
        optimal=([1, 0], 5.0),
        stable=[1, 0],
    ),
    dict(
        name="negative scores still match",
        scores=[[-1.0, -2.0]],
        caps=[1, 1],
        optimal=([0], -1.0),
        stable=[0],
    ),
    dict(
        name="ties break to the lower index",
        scores=[[1.0, 1.0], [1.0, 1.0]],
        caps=[1, 1],
        optimal=(None, 2.0),
        stable=[0, 1],
    ),
    dict(
        name="more mentees than seats",
        scores=[[0.2, 0.9], [0.3, 0.8], [0.4, 0.7], [0.5, 0.1]],
        caps=[1, 2],
        optimal=([1, 1, -1, 0], 2.2),
        stable=[1, 1, -1, 0],
        reasons={},
    ),
]


def forms(case):
    scores = case["scores"]
    if sp.issparse(scores):
        yield "sparse", scores
    else:
        dense = np.array(scores)
        yield "dense", dense
        # Every entry stored, explicit zeros included: all pairs allowed.
        r, c = np.indices(dense.shape)
        yield "sparse", sp.csr_matrix((dense.ravel(), (r.ravel(), c.ravel())), shape=dense.shape)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
@pytest.mark.parametrize("k", [1, 8])
def test_optimal(case, k):
    rules = case.get("rules", Rules())
    for _, scores in forms(case):
        r = match(scores, case["caps"], rules=rules, k=k)
        check_invariants(r, scores, case["caps"], rules.forbidden, rules.locked)
        expected, objective = case["optimal"]
        if expected is not None:
            assert r.mentor_of.tolist() == expected
        assert r.objective == pytest.approx(objective, abs=1e-12)
        for i, reason in case.get("reasons", {}).items():
            if r.mentor_of[i] < 0:
                assert {u.index: u.reason for u in r.unmatched}[i] is reason


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
@pytest.mark.parametrize("k", [1, 8])
def test_stable(case, k):
    rules = case.get("rules", Rules())
    for _, scores in forms(case):
        r = match(scores, case["caps"], rules=rules, mode="stable", k=k)
        check_invariants(r, scores, case["caps"], rules.forbidden, rules.locked)
        assert r.mentor_of.tolist() == case["stable"]
        opt = match(scores, case["caps"], rules=rules)
        assert r.stability.optimal_matched == opt.matched
        assert r.stability.optimal_objective == pytest.approx(opt.objective, abs=1e-12)
        assert r.stability.cost == pytest.approx(opt.objective - r.objective, abs=1e-12)


@pytest.mark.parametrize("case", [c for c in CASES if "greedy" in c], ids=lambda c: c["name"])
def test_greedy_baseline(case):
    assert greedy_assignment(case["scores"], case["caps"]).tolist() == case["greedy"]


def test_explicit_preferences_override_scores():
    scores = np.array([[0.9, 0.1], [0.8, 0.2]])
    r = match(scores, [1, 1], mode="stable", preferences={0: [1, 0]})
    assert r.mentor_of.tolist() == [1, 0]
    # A mentor's own list decides whom they accept.
    r2 = match(scores, [1, 1], mode="stable", mentor_preferences={0: [1]})
    assert r2.mentor_of.tolist() == [1, 0]
    # Unlisted mentors are not acceptable to a mentee with a list.
    r3 = match(scores, [1, 1], mode="stable", preferences={1: [0]})
    assert r3.mentor_of.tolist() == [0, -1]


def test_ids_name_everything():
    r = match(
        [[1.0, 0.0], [0.0, 1.0]],
        [1, 1],
        mentee_ids=["ann", "bob"],
        mentor_ids=["cy", "di"],
        rules=Rules(forbidden=(("ann", "di"),), locked=(("bob", "di"),)),
    )
    assert [(a, b) for a, b, _, _ in r.pairs()] == [("ann", "cy"), ("bob", "di")]
    assert r.pairs()[1][3] is True  # locked


def test_fairness_figures():
    r = match([[0.9, 0.5], [0.8, 0.1], [0.3, 0.2]], [1, 3])
    f = r.fairness
    assert f.matched == 3 and f.unmatched == 0
    assert f.min_score == pytest.approx(min(r.scores))
    assert (f.load_min, f.load_max) == (1, 2)
    assert f.utilisation == pytest.approx(3 / 4)
    assert r.timings["total"] >= r.timings["solve"] >= 0
