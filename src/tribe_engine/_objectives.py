"""The trade-off an optimal run makes: its objective.

The optimal solver (:mod:`~tribe_engine.optimal`) always maximises the number
of matched mentees first and the total score second, and proves it with
integer dual prices.  Each objective is that same problem on transformed
edges, so the same solver and the same certificate serve all three:

``most_matched`` (the default, and the engine's behaviour before objectives)
    As many mentees as possible, then the highest total score.
``total_fit``
    The highest total score, even when fewer mentees are matched: a mentee is
    matched only where that adds to the total.  Every mentee gets one more
    edge, to a "nobody" column of score 0 with a seat for everyone, so that
    "everyone is placed" holds trivially and maximum weight is all that is
    left to maximise; a mentee placed with nobody is unmatched.
``fairness_floor``
    As many mentees as possible, then as few pairs below ``floor`` as
    possible, then the highest total score.  A pair at or above the floor
    earns a bonus ``P`` larger than any total score two assignments can
    differ by (``(K + 2) span`` for ``K`` matched at most), so one more pair
    above the floor outweighs any loss in total score.  The transform
    ``s + P [s >= floor]`` is strictly increasing, so each mentee's order of
    mentors, the candidate graph and the bounds carry over unchanged.

The proof's screening of left-out pairs is done by the underlying source in
its own units: a transformed score is at most ``s + P``, so asking it for
``s - price > profit - P`` (without the per-mentee cut-off) finds every pair
that might break the transformed screen, and the transformed test is then
applied to each of them exactly.

The stable mode has one answer, mentee-optimal deferred acceptance, whatever
the objective: it refuses any objective but the default instead of pretending
to follow one.

Costs: ``total_fit`` adds ``n`` edges; ``fairness_floor`` a second screening
per proof round for the mentees the bound does not settle.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator
from typing import Literal

import numpy as np

from ._arrays import BoolArray, FloatArray, IntArray, Screen
from ._problem import Graph, Progress, Source, Triple
from .errors import MSG_BAD_OBJECTIVE, EngineCode, InvalidInput
from .rules import Reason

__all__ = ["OBJECTIVES", "Objective", "check_objective"]

Objective = Literal["most_matched", "total_fit", "fairness_floor"]
OBJECTIVES: tuple[str, ...] = ("most_matched", "total_fit", "fairness_floor")


def check_objective(objective: str, floor: float | None, mode: str) -> None:
    """The objective is known, has the floor it needs, and fits the mode.  O(1)."""
    if objective not in OBJECTIVES:
        raise InvalidInput(
            MSG_BAD_OBJECTIVE.format(
                value=objective, expected="one of " + ", ".join(map(repr, OBJECTIVES))
            ),
            field="objective",
            code=EngineCode.BAD_OBJECTIVE,
        )
    if objective == "fairness_floor" and not (
        isinstance(floor, numbers.Real) and not isinstance(floor, bool) and math.isfinite(floor)
    ):
        raise InvalidInput(
            MSG_BAD_OBJECTIVE.format(value=floor, expected="a finite floor score"),
            field="floor",
            code=EngineCode.BAD_OBJECTIVE,
        )
    if mode == "stable" and objective != "most_matched":
        raise InvalidInput(
            MSG_BAD_OBJECTIVE.format(
                value=objective, expected="'most_matched' in stable mode (it has one answer)"
            ),
            field="objective",
            code=EngineCode.BAD_OBJECTIVE,
        )


class NobodySource:
    """``total_fit``: the source with one more column, "nobody", of score 0."""

    def __init__(self, inner: Source) -> None:
        self.inner = inner
        self.n, self.m = inner.n, inner.m + 1
        lo, hi = inner.score_range
        self.score_range = (min(lo, 0.0), max(hi, 0.0))

    def graph_of(self, g: Graph) -> Graph:
        everyone = np.arange(self.n, dtype=np.int64)
        return Graph(
            rows=np.concatenate([g.rows, everyone]),
            cols=np.concatenate([g.cols, np.full(self.n, self.inner.m, dtype=np.int64)]),
            scores=np.concatenate([g.scores, np.zeros(self.n)]),
            bound=g.bound,
            candidates=g.candidates,
        )

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        return self.graph_of(self.inner.graph(k, progress))

    def suspects(self, graph: Graph, rows: IntArray, screen: Screen, widen: int) -> Triple:
        # Every "nobody" edge is in the graph: only real pairs can be left out.
        inner = Screen(screen.profit, screen.prices[: self.inner.m], screen.margin)
        return self.inner.suspects(graph, rows, inner, widen)

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        for chunk, block in self.inner.exact_rows(rows):
            yield chunk, np.hstack([block, np.zeros((len(chunk), 1))])

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        nobody = rj == self.inner.m
        s, ok = self.inner.pair_scores(ri[~nobody], rj[~nobody])
        scores, allowed = np.zeros(len(ri)), np.ones(len(ri), dtype=bool)
        scores[~nobody], allowed[~nobody] = s, ok
        return scores, allowed

    def binding_rule(self, i: int) -> Reason:
        return self.inner.binding_rule(i)


class FloorSource:
    """``fairness_floor``: every score at or above ``floor`` raised by ``bonus``."""

    def __init__(self, inner: Source, floor: float, k_max: int) -> None:
        self.inner = inner
        self.n, self.m = inner.n, inner.m
        self.floor = float(floor)
        lo, hi = inner.score_range
        span = max(hi - lo, 1e-9 * max(1.0, abs(hi), abs(lo)))
        self.bonus = (k_max + 2) * span
        self.score_range = (lo, hi + self.bonus)

    def lift(self, s: FloatArray) -> FloatArray:
        return np.where(s >= self.floor, s + self.bonus, s)

    def graph_of(self, g: Graph) -> Graph:
        return Graph(
            rows=g.rows,
            cols=g.cols,
            scores=self.lift(g.scores),
            bound=self.lift(g.bound),
            candidates=g.candidates,
        )

    def graph(self, k: int, progress: Progress | None = None) -> Graph:
        return self.graph_of(self.inner.graph(k, progress))

    def suspects(self, graph: Graph, rows: IntArray, screen: Screen, widen: int) -> Triple:
        # One look with the cut lowered by the bonus finds every pair that
        # might break the lifted screen (T(s) <= s + bonus); the exact lifted
        # test then keeps the pairs under the floor only where they break it
        # unlifted.  Asked without a per-mentee cut-off (max(m, widen)): the
        # pairs under the floor it returns may all be harmless.
        lowered = Screen(screen.profit - self.bonus, screen.prices, screen.margin)
        r, c, s = self.inner.suspects(graph, rows, lowered, max(self.m, widen))
        lifted = self.lift(s)
        keep = lifted - screen.prices[c] > screen.profit[r] - screen.margin
        return r[keep], c[keep], lifted[keep]

    def exact_rows(self, rows: IntArray) -> Iterator[tuple[IntArray, FloatArray]]:
        for chunk, block in self.inner.exact_rows(rows):
            yield chunk, self.lift(block)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        s, ok = self.inner.pair_scores(ri, rj)
        return self.lift(s), ok

    def binding_rule(self, i: int) -> Reason:
        return self.inner.binding_rule(i)
