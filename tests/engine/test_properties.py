"""Property-based tests: validation, and optimal >= greedy / stable, against
an independent exact solver (scipy's linear_sum_assignment on mentor seats)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import linear_sum_assignment

from tribe_engine import (
    InvalidInput,
    InvalidScore,
    blocking_pairs,
    greedy_assignment,
    is_valid_assignment,
    match,
)
from tribe_engine.errors import MSG_NONFINITE_SCORE

from .conftest import allowed_mask, check_invariants, lex_value, reference_stable


@st.composite
def problems(draw, max_n=7, max_m=4):
    n = draw(st.integers(1, max_n))
    m = draw(st.integers(1, max_m))
    # Scores on a coarse grid so ties happen; the grid also keeps the
    # comparison with the float reference exact.
    scores = draw(arrays(np.float64, (n, m), elements=st.integers(-4, 8).map(lambda x: x / 4)))
    caps = draw(arrays(np.int64, (m,), elements=st.integers(0, 3)))
    as_sparse = draw(st.booleans())
    if as_sparse:
        keep = draw(arrays(np.bool_, (n, m)))
        r, c = np.nonzero(keep)
        scores = sp.csr_matrix((scores[r, c], (r, c)), shape=(n, m))
    return scores, caps


def lex(result_or_mo, scores):
    dense, _ = allowed_mask(scores)
    mo = getattr(result_or_mo, "mentor_of", result_or_mo)
    return lex_value(np.asarray(mo), dense)


@settings(max_examples=150, deadline=None)
@given(problems(), st.integers(1, 4))
def test_optimal_beats_greedy_and_stable(problem, k):
    scores, caps = problem
    opt = match(scores, caps, k=k)
    check_invariants(opt, scores, caps)
    stable = match(scores, caps, mode="stable", k=k)
    check_invariants(stable, scores, caps)
    greedy = greedy_assignment(scores, caps)
    assert is_valid_assignment(greedy, caps)
    best = lex(opt, scores)
    for other in (lex(greedy, scores), lex(stable, scores)):
        assert best[0] > other[0] or (best[0] == other[0] and best[1] >= other[1] - 1e-9)
    # Greedy is at least maximal: nobody left out has an allowed mentor with room.
    _, mask = allowed_mask(scores)
    load = np.bincount(greedy[greedy >= 0], minlength=len(caps))
    for i in np.flatnonzero(greedy < 0):
        assert not (mask[i] & (load < caps)).any()
    assert len(blocking_pairs(stable.mentor_of, scores, caps)) == 0


@settings(max_examples=100, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=st.floats(0, 1)),
    st.data(),
)
def test_dense_optimum_equals_seat_assignment(scores, data):
    # Every pair allowed: the lexicographic optimum matches min(n, seats)
    # mentees, which is what linear_sum_assignment does on the seat matrix.
    m = scores.shape[1]
    caps = data.draw(arrays(np.int64, (m,), elements=st.integers(0, 3)))
    r = match(scores, caps)
    seats = np.repeat(np.arange(m), caps)
    if len(seats) == 0:
        assert r.matched == 0
        return
    rows, cols = linear_sum_assignment(scores[:, seats], maximize=True)
    assert r.matched == len(rows)
    assert abs(r.objective - scores[rows, seats[cols]].sum()) < 1e-9


@settings(max_examples=100, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 4)), elements=st.floats(-1, 1)),
    st.data(),
)
def test_any_nonfinite_score_is_refused_with_its_place(scores, data):
    i = data.draw(st.integers(0, scores.shape[0] - 1))
    j = data.draw(st.integers(0, scores.shape[1] - 1))
    value = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    bad = scores.copy()
    bad[i, j] = value
    first = tuple(int(x) for x in np.argwhere(~np.isfinite(bad))[0])
    try:
        match(bad, np.ones(scores.shape[1], dtype=int))
    except InvalidScore as exc:
        assert exc.message == MSG_NONFINITE_SCORE.format(
            mentee=first[0], mentor=first[1], value=bad[first]
        )
    else:  # pragma: no cover - the property is that this never happens
        raise AssertionError("non-finite score accepted")


@settings(max_examples=60, deadline=None)
@given(arrays(np.int64, st.integers(1, 5), elements=st.integers(-3, 3)))
def test_negative_capacities_are_refused(caps):
    scores = np.ones((2, len(caps)))
    if (caps < 0).any():
        try:
            match(scores, caps)
        except InvalidInput as exc:
            assert str(int(caps[np.flatnonzero(caps < 0)[0]])) in exc.message
        else:  # pragma: no cover
            raise AssertionError("negative capacity accepted")
    else:
        assert match(scores, caps).proof.proven


@st.composite
def mid_problems(draw):
    n = draw(st.integers(1, 40))
    m = draw(st.integers(1, 12))
    density = draw(st.floats(0.1, 1.0))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    keep = rng.random((n, m)) < density
    vals = rng.integers(0, 6, size=(n, m)) / 5  # many ties
    r, c = np.nonzero(keep)
    scores = sp.csr_matrix((vals[r, c], (r, c)), shape=(n, m))
    caps = rng.integers(0, 4, size=m)
    return scores, caps


@settings(max_examples=120, deadline=None)
@given(mid_problems(), st.integers(1, 3))
def test_stable_equals_textbook_deferred_acceptance(problem, k):
    # Short starting lists force many extensions past the candidate graph.
    scores, caps = problem
    r = match(scores, caps, mode="stable", k=k, compare=False)
    assert r.mentor_of.tolist() == reference_stable(scores, caps).tolist()
    assert r.stability.blocking_pairs == 0


@settings(max_examples=120, deadline=None)
@given(mid_problems(), st.integers(1, 3))
def test_optimal_equals_min_cost_flow_on_the_full_graph(problem, k):
    from ortools.graph.python import min_cost_flow

    scores, caps = problem
    n, m = scores.shape
    r = match(scores, caps, k=k)
    check_invariants(r, scores, caps)
    coo = sp.coo_matrix(scores)
    f = min_cost_flow.SimpleMinCostFlow()
    src, sink = n + m, n + m + 1
    for i in range(n):
        f.add_arc_with_capacity_and_unit_cost(src, i, 1, 0)
    for i, j, v in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True):
        f.add_arc_with_capacity_and_unit_cost(i, n + j, 1, -round(v * 5))
    for j in range(m):
        f.add_arc_with_capacity_and_unit_cost(n + j, sink, int(caps[j]), 0)
    f.set_node_supply(src, n)
    f.set_node_supply(sink, -n)
    assert f.solve_max_flow_with_min_cost() == f.OPTIMAL
    assert r.matched == f.maximum_flow()
    assert round(r.objective * 5) == -f.optimal_cost()
