"""Optimal mode: most mentees matched, then most total score, with a proof.

The problem is a transportation LP (each mentee takes at most one mentor,
mentor ``j`` at most ``c_j`` mentees) whose constraint matrix is totally
unimodular, so its LP optimum is integral and LP duality certifies it.

Lexicographic objective.  Adding a bonus ``B`` to every pair's weight, with
``B`` larger than the largest total score a matching could lose by matching
one more mentee (``K * span``), makes "maximum weight" mean "maximum
cardinality, then maximum score".  The solver does not need ``B`` (OR-Tools'
``solve_max_flow_with_min_cost`` already maximises flow first) but the
certificate does.

Steps:

1. Solve on the sparse candidate graph with OR-Tools min-cost flow on integer
   weights (scores scaled to ``2**40`` steps over their range, fewer -- at
   most ``2**60 / (K + 2)`` -- when ``K`` is so large that the prices could
   otherwise leave int64).
2. Compute dual prices from the flow: the least fixed point of
   ``v_j = max(0, max_i (W'_ij - u_i))`` over pairs not in the flow,
   ``u_i = W'_{i,m(i)} - v_{m(i)}``.  It converges (Bellman-Ford style, in a
   few vectorised sweeps) exactly when the flow is optimal, and then
   satisfies complementary slackness in exact integer arithmetic.
3. Prove the graph was wide enough: a left-out pair ``(i, j)`` could only
   help if ``W'_ij > u_i + v_j``.  Prices are non-negative, so
   ``u_i >= B + bound_i`` settles all of mentee ``i``'s left-out pairs at
   once; for the other mentees the source screens every allowed left-out
   pair (exactly, or for profiles by groups of alike mentors first) and
   returns those that might violate it.  Pairs that do are added and the
   graph is solved again.
4. Turn the integer certificate into one for the real scores, absorbing the
   rounding into the mentee prices; the dual-minus-primal difference is the
   reported gap (an upper bound on the score any assignment could add).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from ._arrays import BoolArray, FloatArray, IntArray, Screen
from ._problem import Graph, Progress, Source

__all__ = ["Proof", "solve_optimal"]

_STEPS = 2**40  # integer resolution of the score range (capped below for huge cohorts)


@dataclass(frozen=True)
class Proof:
    """The optimality certificate of an optimal-mode run.

    Attributes
    ----------
    proven : bool
        Dual prices exist that certify the assignment on the *full* problem
        (every allowed pair, not only the candidate graph).
    max_cardinality : bool
        No assignment matches more mentees.
    gap : float
        Upper bound on the total score any assignment with as many mentees
        could add; it comes from the rounding of the integer scaling only
        (each score moves by at most half a step, ``span / 2**41`` at the
        usual ``2**40`` steps).
    dual_objective, primal_objective : float
        Scores of the certificate (with the cardinality bonus removed).
    rounds : int
        Times the graph was widened because a left-out pair could help.
    graph_edges : int
        Size of the final candidate graph.
    rows_by_bound, rows_checked : int
        Mentees whose left-out pairs one bound settled, and mentees whose
        left-out pairs were screened further (pair by pair, or by groups of
        alike mentors with the cheapest seat of each group).
    mentor_prices : ndarray
        Dual price of each mentor seat, in score units.  A price at or above
        ``bonus`` means a mentee would go unmatched without that seat.
    bonus : float
        The cardinality bonus ``B`` in score units.
    message : str
    """

    proven: bool
    max_cardinality: bool
    gap: float
    dual_objective: float
    primal_objective: float
    rounds: int
    graph_edges: int
    rows_by_bound: int
    rows_checked: int
    bonus: float
    message: str
    mentor_prices: FloatArray = field(repr=False)


def _flow(
    rows: IntArray, cols: IntArray, weights: IntArray, capacity: IntArray, n: int, m: int
) -> BoolArray:
    """Maximum flow of minimum cost on the bipartite graph; True per used edge."""
    e = len(rows)
    if e == 0:
        return np.zeros(0, dtype=bool)
    # Imported here so that scoring and ranking work where OR-Tools is absent.
    from ortools.graph.python import min_cost_flow  # type: ignore[import-untyped, unused-ignore]

    src, sink = n + m, n + m + 1
    mentees = np.unique(rows)
    mentors = np.flatnonzero(capacity > 0)
    tails = np.concatenate([np.full(len(mentees), src), rows, mentors + n]).astype(np.int32)
    heads = np.concatenate([mentees, cols + n, np.full(len(mentors), sink)]).astype(np.int32)
    caps = np.concatenate(
        [np.ones(len(mentees) + e, dtype=np.int64), capacity[mentors].astype(np.int64)]
    )
    costs = np.concatenate(
        [np.zeros(len(mentees), dtype=np.int64), -weights, np.zeros(len(mentors), dtype=np.int64)]
    )
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supply = int(min(len(mentees), capacity.sum()))
    solver.set_node_supply(src, supply)
    solver.set_node_supply(sink, -supply)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:  # pragma: no cover - OR-Tools contract
        raise RuntimeError(f"min-cost flow failed with status {status}")
    arcs = np.arange(len(mentees), len(mentees) + e, dtype=np.int32)
    return np.asarray(solver.flows(arcs)) > 0


def _duals(
    rows: IntArray,
    cols: IntArray,
    wprime: IntArray,
    used: BoolArray,
    capacity: IntArray,
    n: int,
    m: int,
    max_sweeps: int | None = None,
) -> tuple[IntArray, IntArray, bool, int]:
    """Least dual prices consistent with the flow, whether they certify it,
    and the number of sweeps it took."""
    mentor_of = np.full(n, -1, dtype=np.int64)
    mentor_of[rows[used]] = cols[used]
    own = np.zeros(n, dtype=np.int64)
    own[rows[used]] = wprime[used]
    matched = mentor_of >= 0
    order = np.argsort(cols, kind="stable")
    r_o, c_o, w_o, free_o = rows[order], cols[order], wprime[order], ~used[order]
    present = np.flatnonzero(np.bincount(c_o, minlength=m) > 0)
    starts = np.searchsorted(c_o, present)
    floor = np.iinfo(np.int64).min // 4
    v = np.zeros(m, dtype=np.int64)
    converged = False
    # Each sweep relaxes every edge once; a shortest-path tree of depth d
    # settles in d sweeps, and optimality rules out positive cycles, so more
    # than n + m sweeps means the flow was not optimal.
    limit = n + m + 2 if max_sweeps is None else min(max_sweeps, n + m + 2)
    sweeps = 0
    for sweeps in range(1, limit + 1):  # noqa: B007 - the count is returned
        u = np.where(matched, own - v[np.maximum(mentor_of, 0)], 0)
        cand = np.where(free_o, w_o - u[r_o], floor)
        new_v = np.zeros(m, dtype=np.int64)
        if len(present):
            new_v[present] = np.maximum(np.maximum.reduceat(cand, starts), 0)
        if np.array_equal(new_v, v):
            converged = True
            break
        v = new_v
    u = np.where(matched, own - v[np.maximum(mentor_of, 0)], 0)
    load = np.bincount(cols[used], minlength=m)
    ok = (
        converged
        and bool((u >= 0).all())
        and bool((v[load < capacity] == 0).all())
        and bool((u[rows] + v[cols] >= wprime).all())
    )
    return u, v, ok, sweeps


_CANCEL_MAX = 32  # new pairs up to which cycle cancelling beats a fresh solve


def _cancel(
    rows: IntArray,
    cols: IntArray,
    wprime: IntArray,
    used: BoolArray,
    u: IntArray,
    v: IntArray,
    capacity: IntArray,
    n: int,
    m: int,
    fresh: IntArray,
) -> BoolArray:
    """Make an optimal flow optimal again after a few pairs were added.

    Residual graph on mentees, mentors and one outside node ``s`` with
    reduced costs under potentials (mentee ``u``, mentor ``-v``, ``s`` 0):
    unused pair i->j, used pair j->i, s->i for a free mentee, i->s for a
    matched one, j->s for a mentor with room, s->j for one with mentees.  The
    old pairs' reduced costs are >= 0, so for a new pair i->j with reduced
    cost -L a cheaper way back from j to i (Dijkstra, cut off at L) closes an
    improving cycle, which is flipped.  Potentials then move by the capped
    distances, which keeps every reduced cost >= 0 (and makes the new pair's
    zero when no cycle exists).  The caller certifies the result.
    """
    pi = np.concatenate([u, -v, [0]]).astype(np.int64)
    s_node = n + m
    keys = rows * m + cols
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    for e in fresh[np.argsort(u[rows[fresh]] + v[cols[fresh]] - wprime[fresh])].tolist():
        i, j = int(rows[e]), int(cols[e])
        red = wprime[e] - pi[i] + pi[n + j]  # -(reduced cost of i->j)
        if red <= 0:
            continue
        mentee_matched = np.zeros(n, dtype=bool)
        mentee_matched[rows[used]] = True
        load = np.bincount(cols[used], minlength=m)
        a_from = np.concatenate(
            [
                np.where(used, n + cols, rows),
                np.where(mentee_matched, np.arange(n), s_node),
                np.where(load < capacity, n + np.arange(m), -1),
                np.where(load > 0, s_node, -1),
            ]
        )
        a_to = np.concatenate(
            [
                np.where(used, rows, n + cols),
                np.where(mentee_matched, s_node, np.arange(n)),
                np.where(load < capacity, s_node, -1),
                np.where(load > 0, n + np.arange(m), -1),
            ]
        )
        cost = np.concatenate(
            [np.where(used, wprime, -wprime), np.zeros(n, np.int64), np.zeros(2 * m, np.int64)]
        )
        keep = (a_from >= 0) & (a_to >= 0)
        keep[e] = False  # the pair being tried
        a_from, a_to, cost = a_from[keep], a_to[keep], cost[keep]
        reduced = cost + pi[a_from] - pi[a_to]
        ok = reduced >= 0  # other new pairs wait their turn
        graph = sp.csr_matrix(
            (reduced[ok].astype(np.float64), (a_from[ok], a_to[ok])), shape=(n + m + 1, n + m + 1)
        )
        dist2, pred2 = dijkstra(
            graph,
            directed=True,
            indices=np.array([n + j]),
            return_predecessors=True,
            limit=float(red),
        )
        dist, pred = dist2[0], pred2[0]
        reach = float(dist[i])
        cap_d = min(reach, float(red))
        step = np.minimum(np.where(np.isfinite(dist), dist, cap_d), cap_d)
        if reach < red:
            node = i
            while node != n + j:
                prev_node = int(pred[node])
                a, b = prev_node, node
                if a < n <= b < s_node or b < n <= a < s_node:
                    ii, jj = (a, b - n) if a < n else (b, a - n)
                    k = int(order[np.searchsorted(sorted_keys, ii * m + jj)])
                    used[k] = not used[k]
                node = prev_node
            used[e] = True
        pi = pi + np.rint(step).astype(np.int64)
    return used


@dataclass
class OptimalOutcome:
    mentor_of: IntArray
    proof: Proof
    timings: dict[str, float]


def solve_optimal(
    source: Source,
    *,
    active: BoolArray,
    capacity: IntArray,
    k: int = 8,
    widen: int = 16,
    progress: Progress | None = None,
    graph: Graph | None = None,
) -> OptimalOutcome:
    """Solve the optimal mode for the mentees flagged ``active``.

    ``capacity`` is what is left after locked pairs.  Returns mentor index per
    mentee (``-1`` unmatched; inactive mentees are ``-1`` too) and the proof.

    Each round costs one min-cost flow on the e edges of the current graph
    (OR-Tools' cost scaling: O(V^2 e log(V C)) in the worst case for V = n +
    m nodes and largest integer weight C, near-linear in practice), or cycle
    cancelling when few pairs were added (a Dijkstra, O((e + V) log V), per
    pair); then at most n + m price sweeps of O(e) each, and the source's
    screening of the mentees the bound does not settle.  A round adds at
    most ``widen`` pairs per mentee.  O(e + n + m) space beyond the source.
    """
    n, m = source.n, source.m
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    g = graph if graph is not None else source.graph(k, progress)
    keep = active[g.rows] & (capacity[g.cols] > 0)
    rows, cols, scores = g.rows[keep], g.cols[keep], g.scores[keep]
    bound = np.where(active, g.bound, -np.inf)
    timings["candidates"] = time.perf_counter() - t0

    lo, hi = source.score_range
    lo = min(lo, float(scores.min())) if len(scores) else lo
    # Scores closer together than this are ties for the solver (the gap
    # reports what rounding could hide); it also keeps the scale finite.
    span = max(hi - lo, 1e-9 * max(1.0, abs(hi), abs(lo)))
    k_max = int(min(active.sum(), capacity.sum()))
    # Prices reach about 2 * B = 2 * K * steps; keep them well inside int64.
    steps = min(_STEPS, 2**60 // (k_max + 2))
    scale = steps / span
    b_int = k_max * (steps + 1) + 1
    bonus = b_int / scale

    def to_int(s: FloatArray) -> IntArray:
        return np.asarray(np.rint((s - lo) * scale), dtype=np.int64)

    # Rows whose left-out pairs need an exact look: any left-out pair at all.
    bound_int = np.full(n, np.iinfo(np.int64).min // 4, dtype=np.int64)
    finite = np.isfinite(bound)
    bound_int[finite] = np.ceil((bound[finite] - lo) * scale).astype(np.int64)
    # Screening tolerance: far above float error of the prices (which reach
    # about the bonus), far below anything that could matter.
    margin = span * 1e-9 + bonus * 1e-14

    rounds = 0
    t_solve = t_prove = 0.0
    prev: tuple[IntArray, IntArray, BoolArray] | None = None
    sweeps_seen = 0
    while True:
        if progress is not None:
            progress(f"round {rounds + 1}: solving", 0.0)
        t1 = time.perf_counter()
        w = to_int(scores)
        wprime = w + b_int
        solved = False
        if prev is not None:
            pu, pv, pused = prev
            rc = pu[rows] + pv[cols] - wprime
            fresh = np.flatnonzero(rc < 0)
            if len(fresh) <= _CANCEL_MAX:
                # A few new pairs: cancel the improving cycles through them
                # one by one (shortest paths on reduced costs), then certify.
                used = _cancel(rows, cols, wprime, pused.copy(), pu, pv, capacity, n, m, fresh)
                u, v, ok, sweeps = _duals(
                    rows, cols, wprime, used, capacity, n, m, max_sweeps=max(100, 3 * sweeps_seen)
                )
                solved = ok
            else:
                # Many new pairs: re-solve on the pairs an exchange is likely
                # to use.  Under the previous prices every old pair has
                # reduced cost >= 0, and an exchange through a new pair uses
                # old pairs whose reduced costs add up to less than its
                # violation.  A heuristic cut (several new pairs can share
                # one exchange): the certificate decides, a full solve follows
                # if it fails.
                tau = int(-rc.min()) + 1
                sel = pused | (rc < tau)
                if sel.sum() < 0.5 * len(rows):
                    sub = _flow(rows[sel], cols[sel], w[sel], capacity, n, m)
                    used = np.zeros(len(rows), dtype=bool)
                    used[np.flatnonzero(sel)[sub]] = True
                    u, v, ok, sweeps = _duals(
                        rows,
                        cols,
                        wprime,
                        used,
                        capacity,
                        n,
                        m,
                        max_sweeps=max(100, 3 * sweeps_seen),
                    )
                    solved = ok
        if not solved:
            used = _flow(rows, cols, w, capacity, n, m)
            u, v, ok, sweeps = _duals(rows, cols, wprime, used, capacity, n, m)
        sweeps_seen = max(sweeps_seen, sweeps)
        t2 = time.perf_counter()
        t_solve += t2 - t1
        if progress is not None:
            progress(f"round {rounds + 1}: proving", 0.0)
        # delta_i: how much mentee i's real price must rise to cover the
        # rounding of its pairs' scores (see module docstring, step 4).
        resid = (scores - lo) - w / scale
        slack = u[rows] + v[cols] - wprime
        delta = np.zeros(n)
        np.maximum.at(delta, rows, resid - slack / scale)
        by_bound = finite & (u >= b_int + bound_int)
        check = np.flatnonzero(finite & ~by_bound)
        # Real-valued view of the duals for the source's screening: a pair
        # can only break dual feasibility if score - price > profit.
        profit = (u - b_int) / scale + lo
        prices = v / scale
        prices[capacity <= 0] = np.inf  # no seat: the constraint is void
        sr, sc, ss = source.suspects(g, check, Screen(profit, prices, margin), widen)
        in_graph = rows * m + cols
        in_graph.sort()
        keys = sr * m + sc
        if len(in_graph) and len(keys):
            pos = np.minimum(np.searchsorted(in_graph, keys), len(in_graph) - 1)
            fresh = in_graph[pos] != keys
            sr, sc, ss = sr[fresh], sc[fresh], ss[fresh]
        # Exact integer verdict on every suspect.
        ws = to_int(ss)
        sl = u[sr] + v[sc] - (ws + b_int)
        viol = sl < 0
        ok_pairs = ~viol
        np.maximum.at(delta, sr[ok_pairs], ((ss - lo) - ws / scale - sl / scale)[ok_pairs])
        add_r: list[IntArray] = []
        add_c: list[IntArray] = []
        add_s: list[FloatArray] = []
        if viol.any():
            vr, vc, vs, vsl = sr[viol], sc[viol], ss[viol], sl[viol]
            # Most violated first, at most `widen` per mentee per round.
            order = np.lexsort((vsl, vr))
            vr, vc, vs = vr[order], vc[order], vs[order]
            first = np.searchsorted(vr, vr, side="left")
            take = (np.arange(len(vr)) - first) < widen
            add_r.append(vr[take])
            add_c.append(vc[take])
            add_s.append(vs[take])
        t_prove += time.perf_counter() - t2
        if not add_r or not ok:
            break
        prev = (u, v, np.concatenate([used, np.zeros(sum(len(x) for x in add_r), dtype=bool)]))
        rows = np.concatenate([rows, *add_r])
        cols = np.concatenate([cols, *add_c])
        scores = np.concatenate([scores, *add_s])
        rounds += 1

    mentor_of = np.full(n, -1, dtype=np.int64)
    mentor_of[rows[used]] = cols[used]
    matched_resid = float(resid[used].sum())
    gap = max(0.0, float(delta.sum()) - matched_resid)
    primal = float(scores[used].sum())
    n_matched = int(used.sum())
    max_card = ok and (n_matched == k_max or gap < bonus - n_matched * span)
    if ok:
        message = (
            f"optimal: {n_matched} matched{' (maximum)' if max_card else ''}, "
            f"total score within {gap:.3g} of the "
            f"optimum over all allowed pairs; {int(by_bound.sum())} mentees settled by bound, "
            f"{len(check)} screened further, {rounds} widening round(s)"
        )
    else:
        message = (
            "no certificate: the dual prices did not converge; the assignment may be suboptimal"
        )
    timings["solve"] = t_solve
    timings["proof"] = t_prove
    proof = Proof(
        proven=bool(ok),
        max_cardinality=bool(max_card),
        gap=gap if ok else math.inf,
        dual_objective=primal + gap,
        primal_objective=primal,
        rounds=rounds,
        graph_edges=len(rows),
        rows_by_bound=int(by_bound.sum()),
        rows_checked=len(check),
        bonus=bonus,
        message=message,
        mentor_prices=v / scale,
    )
    return OptimalOutcome(mentor_of=mentor_of, proof=proof, timings=timings)
