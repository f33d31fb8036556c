"""The engine's entry points: :func:`match`, :func:`match_profiles` and
:func:`match_scorer` (longer than most modules: their numpydoc docstrings
are the reference of the engine's whole run).

Validate everything first (``_validate``), normalise into a source (dense,
sparse or profiles: ``_problem``), take locked pairs out, solve (``optimal``
or ``stable``), then report (``_results``): assignment, objective, proof or
stability, fairness and timings.  A run is described by two values, a
:class:`Problem` (what is solved) and :class:`Options` (how).

Costs use ``n`` mentees, ``m`` mentors, ``s`` stored scores (``n m`` when
dense), ``e`` candidate edges (about ``n k``) and ``q`` preference entries.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from ._arrays import BoolArray, IntArray, PairTable
from ._objectives import FloorSource, NobodySource, Objective, check_objective
from ._problem import DenseSource, Graph, ProfileSource, Progress, Source, SparseSource
from ._results import Fairness, MatchResult, Stability, Unmatched, fairness_of, unmatched_of
from ._validate import (
    check_capacities,
    check_ids,
    check_locked,
    check_mode,
    check_scores,
    check_workers,
    locked_not_allowed,
    pair_arrays,
    resolve_pairs,
    resolve_preferences,
)
from .errors import MSG_LOCKED_WITHOUT_SCORE, EngineCode, InvalidRule
from .optimal import Proof, solve_optimal
from .rules import Reason, Rules
from .scoring import Profile, Scorer, Weights
from .stable import solve_stable

__all__ = [
    "Fairness",
    "MatchResult",
    "Stability",
    "Unmatched",
    "match",
    "match_profiles",
    "match_scorer",
]

Mode = Literal["optimal", "stable"]
Pairs = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Problem:
    """What a run solves, validated and in indices."""

    source: Source
    capacity: IntArray
    locked: Pairs
    mentee_ids: tuple[Hashable, ...]
    mentor_ids: tuple[Hashable, ...]
    mentee_lists: Mapping[int, Sequence[int]] = field(default_factory=dict)
    mentor_lists: Mapping[int, Sequence[int]] = field(default_factory=dict)
    scorer: Scorer | None = None  # profile runs: explains the result


@dataclass(frozen=True)
class Options:
    """How a run solves it (see :func:`match` for each)."""

    mode: Mode
    k: int
    compare: bool
    progress: Progress | None
    objective: Objective = "most_matched"
    floor: float | None = None


@dataclass(frozen=True)
class _Start:
    """The locked pairs taken out: who is already matched, the seats left."""

    mentor_of: IntArray
    locked: BoolArray
    remaining: IntArray

    @classmethod
    def of(cls, problem: Problem) -> _Start:
        n, m = problem.source.n, problem.source.m
        mentor_of = np.full(n, -1, dtype=np.int64)
        is_locked = np.zeros(n, dtype=bool)
        remaining = problem.capacity.copy()
        if problem.locked:
            li, lj = pair_arrays(problem.locked)
            mentor_of[li] = lj
            is_locked[li] = True
            remaining -= np.bincount(lj, minlength=m)
        return cls(mentor_of, is_locked, remaining)


def _run(problem: Problem, options: Options, started: float) -> MatchResult:
    timings = {"validate": time.perf_counter() - started}
    source = problem.source
    start = _Start.of(problem)
    active = ~start.locked
    t0 = time.perf_counter()
    graph: Graph = source.graph(options.k, options.progress)
    timings["candidates"] = time.perf_counter() - t0
    proof: Proof | None = None
    stability: Stability | None = None
    if options.mode == "optimal":
        found, proof = _optimal(problem, options, graph, start, timings)
    else:
        found, stability = _stable(problem, options, graph, start, timings)
    mentor_of = start.mentor_of.copy()
    mentor_of[active] = found[active]

    matched_idx = np.flatnonzero(mentor_of >= 0)
    pair_scores = np.full(source.n, np.nan)
    if len(matched_idx):
        s, _ = source.pair_scores(matched_idx, mentor_of[matched_idx])
        pair_scores[matched_idx] = s
    objective = float(np.nansum(pair_scores))
    if stability is not None and stability.optimal_objective is not None:
        # The reference solved the free mentees only: add the locked pairs.
        free_obj = float(np.nansum(pair_scores[active]))
        stability = dataclasses.replace(
            stability,
            optimal_objective=stability.optimal_objective + (objective - free_obj),
            optimal_matched=(stability.optimal_matched or 0) + int(start.locked.sum()),
            cost=stability.optimal_objective - free_obj,
        )

    unmatched = unmatched_of(
        source,
        graph,
        np.flatnonzero(active & (mentor_of < 0)),
        problem.mentee_ids,
        left_out=Reason.OBJECTIVE if options.objective == "total_fit" else Reason.CAPACITY,
    )
    fairness = fairness_of(pair_scores, mentor_of, problem.capacity, unmatched)
    timings["total"] = time.perf_counter() - started
    return MatchResult(
        mode=options.mode,
        mentor_of=mentor_of,
        scores=pair_scores,
        locked=start.locked,
        objective=objective,
        matched=len(matched_idx),
        proof=proof,
        stability=stability,
        fairness=fairness,
        unmatched=unmatched,
        timings=timings,
        mentee_ids=problem.mentee_ids,
        mentor_ids=problem.mentor_ids,
        scorer=problem.scorer,
    )


def _optimal(
    problem: Problem, options: Options, graph: Graph, start: _Start, timings: dict[str, float]
) -> tuple[IntArray, Proof]:
    """The optimal mode for the free mentees under the run's objective, and
    its proof (see :mod:`tribe_engine._objectives` for the transforms)."""
    active, capacity = ~start.locked, start.remaining
    source: Source = problem.source
    if options.objective == "total_fit":
        nobody = NobodySource(source)
        source, graph = nobody, nobody.graph_of(graph)
        capacity = np.append(capacity, int(active.sum()))
    elif options.objective == "fairness_floor":
        k_max = int(min(active.sum(), capacity.sum()))
        lifted = FloorSource(source, float(options.floor or 0.0), k_max)
        source, graph = lifted, lifted.graph_of(graph)
    out = solve_optimal(
        source,
        active=active,
        capacity=capacity,
        k=options.k,
        progress=options.progress,
        graph=graph,
    )
    timings.update({key: v for key, v in out.timings.items() if key != "candidates"})
    mentor_of, proof = out.mentor_of, out.proof
    m = problem.source.m
    if options.objective == "total_fit":
        mentor_of = np.where(mentor_of == m, -1, mentor_of)
        matched = int((mentor_of >= 0).sum())
        proof = dataclasses.replace(
            proof,
            # Only known when no assignment could match more (every seat or mentee used).
            max_cardinality=proof.proven
            and matched == int(min(active.sum(), start.remaining.sum())),
            mentor_prices=proof.mentor_prices[:m],
        )
    elif options.objective == "fairness_floor" and isinstance(source, FloorSource):
        used = np.flatnonzero(mentor_of >= 0)
        real, _ = problem.source.pair_scores(used, mentor_of[used])
        primal = float(real.sum())
        proof = dataclasses.replace(
            proof, primal_objective=primal, dual_objective=primal + proof.gap
        )
    return mentor_of, proof


def _stable(
    problem: Problem, options: Options, graph: Graph, start: _Start, timings: dict[str, float]
) -> tuple[IntArray, Stability]:
    """Deferred acceptance for the free mentees and, with ``compare``, the
    optimal mode on the same graph for the cost of stability."""
    source, k, active = problem.source, options.k, ~start.locked
    t1 = time.perf_counter()
    st = solve_stable(
        source,
        active=active,
        capacity=start.remaining,
        k=k,
        mentee_lists=problem.mentee_lists,
        mentor_lists=problem.mentor_lists,
        progress=options.progress,
        graph=graph,
    )
    timings["solve"] = time.perf_counter() - t1
    ref = None
    if options.compare:
        t2 = time.perf_counter()
        ref = solve_optimal(source, active=active, capacity=start.remaining, k=k, graph=graph)
        timings["compare"] = time.perf_counter() - t2
    return st.mentor_of, Stability(
        blocking_pairs=st.blocking,
        rounds=st.rounds,
        rows_extended=st.extended,
        optimal_objective=None if ref is None else ref.proof.primal_objective,
        optimal_matched=None if ref is None else int((ref.mentor_of[active] >= 0).sum()),
        cost=None,
        optimal_proof=None if ref is None else ref.proof,
    )


def _pair_rules(
    rules: Rules,
    mentees: Mapping[Any, int],
    mentors: Mapping[Any, int],
    capacity: IntArray,
    mentee_ids: tuple[Hashable, ...],
    mentor_ids: tuple[Hashable, ...],
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Forbidden and locked pairs in indices, checked against each other and
    the capacities.  O(f + l + m)."""
    forbidden = resolve_pairs(rules.forbidden, mentees, mentors, "forbidden pair")
    locked = resolve_pairs(rules.locked, mentees, mentors, "locked pair")
    check_locked(locked, forbidden, capacity, mentee_ids, mentor_ids)
    return forbidden, locked


def match(
    scores: ArrayLike | sp.spmatrix | sp.sparray,
    capacities: ArrayLike,
    *,
    mode: Mode = "optimal",
    rules: Rules | None = None,
    mentee_ids: Sequence[Hashable] | None = None,
    mentor_ids: Sequence[Hashable] | None = None,
    preferences: Mapping[Any, Sequence[Any]] | None = None,
    mentor_preferences: Mapping[Any, Sequence[Any]] | None = None,
    k: int = 8,
    compare: bool = True,
    progress: Progress | None = None,
    objective: Objective = "most_matched",
    floor: float | None = None,
) -> MatchResult:
    """Match mentees to mentors from a score matrix.

    Parameters
    ----------
    scores : array_like or scipy.sparse matrix, shape (n_mentees, n_mentors)
        Compatibility scores.  Dense: every pair is allowed.  Sparse: the
        stored entries (explicit zeros included) are the allowed pairs.
        Scores must be finite.
    capacities : array_like of int, shape (n_mentors,)
        Seats per mentor, ``>= 0``.
    mode : {'optimal', 'stable'}
        ``'optimal'`` matches as many mentees as possible, then maximises the
        total score, and proves it over all allowed pairs.  ``'stable'`` runs
        mentee-proposing deferred acceptance; preferences come from the scores
        unless given.
    rules : Rules, optional
        Forbidden and locked pairs (ids, or indices when no ids are given).
        A matrix carries no seniority or hours, so ``min_seniority_gap`` and
        a positive ``min_tz_overlap_hours`` are refused (they need
        :func:`match_profiles`); the language and reporting-line rules have
        nothing to forbid here (see :mod:`tribe_engine.rules`).
    mentee_ids, mentor_ids : sequence, optional
        Names for rows and columns; used in rules, preferences and the result.
    preferences : mapping mentee -> sequence of mentors, optional
        Explicit mentee rankings for the stable mode (best first; mentors not
        listed are not acceptable).  Ignored by the optimal mode, where
        rankings belong in the scores.
    mentor_preferences : mapping mentor -> sequence of mentees, optional
        Explicit mentor rankings for the stable mode.
    k : int
        Candidates per mentee in the starting graph; the proof widens it
        where needed, so ``k`` changes speed, never the objective (nor the
        stable matching; among equally good optimal assignments, which one
        is returned may depend on it).
    compare : bool
        Stable mode: also solve the optimal mode to report the cost of
        stability.
    progress : callable(stage, fraction), optional
        Called during long phases.
    objective : {'most_matched', 'total_fit', 'fairness_floor'}
        The optimal mode's trade-off.  ``'most_matched'`` (the default) is
        described under ``mode``; ``'total_fit'`` maximises the total score
        even if fewer mentees are matched (those it leaves out are reported
        with ``Reason.OBJECTIVE``); ``'fairness_floor'`` matches as many as
        possible, then as few as possible below ``floor``, then maximises the
        total.  Each is proven like the default (the proof's prices are in
        the transformed units; ``primal_objective`` is the real total).  The
        stable mode refuses all but the default: stability has one answer.
    floor : float, optional
        The lowest score wished for with ``'fairness_floor'``.

    Returns
    -------
    MatchResult

    Raises
    ------
    tribe_engine.errors.EngineError
        For any bad input, before any work is done.

    Notes
    -----
    Validation takes O(s log s) time for sparse input and O(n m) for dense,
    the candidate graph O(s) (a partition per row) plus a sort of the e
    kept edges; then the chosen mode (:func:`~tribe_engine.optimal.solve_optimal`,
    :func:`~tribe_engine.stable.solve_stable`), whose proof or list
    extensions read exact rows (O(m) each) only for the mentees their bounds
    do not settle.  Space O(s + e + n + m) (the scores are copied once).

    Examples
    --------
    >>> import numpy as np
    >>> from tribe_engine import match
    >>> scores = np.array([[0.9, 0.5], [0.8, 0.1], [0.3, 0.2]])
    >>> r = match(scores, capacities=[1, 2])
    >>> r.mentor_of.tolist(), round(r.objective, 2), r.proof.proven
    ([1, 0, 1], 1.5, True)
    >>> s = match(scores, capacities=[1, 2], mode="stable")
    >>> s.mentor_of.tolist(), s.stability.blocking_pairs
    ([0, 1, 1], 0)
    """
    started = time.perf_counter()
    rules = rules or Rules()
    check_mode(mode, k)
    check_objective(objective, floor, mode)
    checked = check_scores(scores, mentee_ids, mentor_ids)
    n, m = checked.shape
    mentees = check_ids(mentee_ids, n, "mentee")
    mentors = check_ids(mentor_ids, m, "mentor")
    e_ids, r_ids = tuple(mentees), tuple(mentors)
    capacity = check_capacities(capacities, m, r_ids)
    rules.validate(profiles=False)
    forbidden, locked = _pair_rules(rules, mentees, mentors, capacity, e_ids, r_ids)
    mentee_lists = resolve_preferences(preferences, mentees, mentors, "mentee", "mentor")
    mentor_lists = resolve_preferences(mentor_preferences, mentors, mentees, "mentor", "mentee")
    fi, fj = pair_arrays(forbidden)
    fb = PairTable(sp.coo_matrix((np.ones(len(forbidden)), (fi, fj)), shape=(n, m)))
    source: Source
    if isinstance(checked, np.ndarray):
        source = DenseSource(checked, fb)
    else:
        source = SparseSource(checked, fb)
        if locked:
            # No locked pair is forbidden (checked above), so the source,
            # which drops forbidden pairs, still holds every stored one.
            _, present = source.pair_scores(*pair_arrays(locked))
            if not present.all():
                a, b = locked[int(np.flatnonzero(~present)[0])]
                raise InvalidRule(
                    MSG_LOCKED_WITHOUT_SCORE.format(mentee=e_ids[a], mentor=r_ids[b]),
                    field=f"{e_ids[a]},{r_ids[b]}",
                    code=EngineCode.LOCKED_WITHOUT_SCORE,
                )
    problem = Problem(source, capacity, tuple(locked), e_ids, r_ids, mentee_lists, mentor_lists)
    return _run(problem, Options(mode, k, compare, progress, objective, floor), started)


def match_profiles(
    mentees: Sequence[Profile],
    mentors: Sequence[Profile],
    *,
    weights: Weights | None = None,
    rules: Rules | None = None,
    mode: Mode = "optimal",
    explicit_preferences: bool = False,
    k: int = 8,
    compare: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    objective: Objective = "most_matched",
    floor: float | None = None,
) -> MatchResult:
    """Match mentees to mentors from their profiles, with explained scores.

    Scores come from :class:`~tribe_engine.scoring.Scorer` (text similarity,
    seniority gap, languages, time-zone overlap, the mentee's ranking) and
    every hard rule in ``rules`` applies; a locked pair that one of them
    forbids is refused.  Mentor capacity is ``Profile.capacity``.  With
    ``explicit_preferences`` the stable mode uses each mentee's ``ranking``
    as their list instead of the score order.  ``workers`` threads score
    the candidate graph (default: the machine's cores, at most four); the
    result does not depend on it.  The other arguments (``objective`` and
    ``floor`` among them) are those of :func:`match`.

    Building the scorer costs O((n + m)(t + L/64)) for t terms per person
    and L languages, plus the blocked pairs of the rules; the candidate
    graph O(P (t + log P) + G H) for P pairs that share a term and G x H
    groups of alike profiles (see :meth:`~tribe_engine.scoring.Scorer.candidates`);
    then the mode as in :func:`match`, with an exact row costing O(m) plus
    its text product.  Space O(workers 4096 m + n k + e + G H + n + m).

    Examples
    --------
    >>> from tribe_engine import Profile, match_profiles
    >>> mentees = [Profile("ann", wants_tags=("python",), languages=("en",)),
    ...            Profile("bob", wants_tags=("design",), languages=("en",))]
    >>> mentors = [Profile("cy", offers_tags=("python",), languages=("en",), capacity=1),
    ...            Profile("di", offers_tags=("design",), languages=("en",), capacity=1)]
    >>> r = match_profiles(mentees, mentors)
    >>> [(a, b) for a, b, _, _ in r.pairs()]
    [('ann', 'cy'), ('bob', 'di')]
    >>> r.explanations()[0].terms[0][0]
    'python'
    """
    started = time.perf_counter()
    check_mode(mode, k)
    check_objective(objective, floor, mode)
    check_workers(workers)
    scorer = Scorer(mentees, mentors, weights=weights, rules=rules or Rules())
    return _match_scorer(
        scorer,
        Options(mode, k, compare, progress, objective, floor),
        explicit_preferences=explicit_preferences,
        workers=workers,
        started=started,
    )


def match_scorer(
    scorer: Scorer,
    *,
    mode: Mode = "optimal",
    explicit_preferences: bool = False,
    k: int = 8,
    compare: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    objective: Objective = "most_matched",
    floor: float | None = None,
) -> MatchResult:
    """:func:`match_profiles` on a :class:`~tribe_engine.scoring.Scorer`
    already built (its profiles, weights and rules, locked pairs included).

    For several runs over the same people, such as the three objectives side
    by side or the same run with other locked pairs
    (:meth:`~tribe_engine.scoring.Scorer.with_locked`): the scorer and its
    candidate graph are built once.  Costs what :func:`match_profiles` costs
    after building the scorer, and its candidate graph only the first time.

    Examples
    --------
    >>> from tribe_engine import Profile, Scorer, match_scorer
    >>> s = Scorer([Profile("ann", wants_tags=("python",), languages=("en",))],
    ...            [Profile("cy", offers_tags=("python",), languages=("en",), capacity=1)])
    >>> [match_scorer(s, objective=o).matched for o in ("most_matched", "total_fit")]
    [1, 1]
    """
    started = time.perf_counter()
    check_mode(mode, k)
    check_objective(objective, floor, mode)
    check_workers(workers)
    return _match_scorer(
        scorer,
        Options(mode, k, compare, progress, objective, floor),
        explicit_preferences=explicit_preferences,
        workers=workers,
        started=started,
    )


def _match_scorer(
    scorer: Scorer,
    options: Options,
    *,
    explicit_preferences: bool,
    workers: int | None,
    started: float,
) -> MatchResult:
    rules = scorer.rules
    e_ids = tuple(p.id for p in scorer.mentees)
    r_ids = tuple(p.id for p in scorer.mentors)
    capacity = check_capacities([p.capacity for p in scorer.mentors], len(r_ids), r_ids)
    _, locked = _pair_rules(rules, scorer.mentee_index, scorer.mentor_index, capacity, e_ids, r_ids)
    if locked:
        broken = scorer.rule_masks(*pair_arrays(locked))
        by_rule = {reason.rule or str(reason): mask for reason, mask in broken.items()}
        error = locked_not_allowed(locked, by_rule, e_ids, r_ids)
        if error is not None:
            raise error
    mentee_lists: dict[int, list[int]] = {}
    if explicit_preferences and options.mode == "stable":
        mentee_lists = {
            i: [scorer.mentor_index[x] for x in dict.fromkeys(p.ranking)]
            for i, p in enumerate(scorer.mentees)
            if p.ranking
        }
    source = ProfileSource(scorer, workers)
    problem = Problem(source, capacity, tuple(locked), e_ids, r_ids, mentee_lists, scorer=scorer)
    return _run(problem, options, started)
