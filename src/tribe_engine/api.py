"""The engine's entry points: :func:`match` and :func:`match_profiles`.

Validate everything first, normalise into a source (dense, sparse or
profiles), take locked pairs out, solve, then report: assignment, objective,
proof or stability, fairness and timings.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from ._arrays import BoolArray, FloatArray, IntArray, PairTable
from ._problem import DenseSource, Graph, ProfileSource, Progress, Source, SparseSource
from .errors import (
    MSG_BAD_PREFERENCE,
    MSG_CAPACITY_NEGATIVE,
    MSG_CAPACITY_NOT_INTEGER,
    MSG_DUPLICATE_ID,
    MSG_DUPLICATE_PAIR,
    MSG_LOCKED_CONFLICT,
    MSG_LOCKED_OVER_CAPACITY,
    MSG_LOCKED_WITHOUT_SCORE,
    MSG_NONFINITE_SCORE,
    MSG_SHAPE,
    MSG_UNKNOWN_ID,
    MSG_UNKNOWN_MODE,
    InvalidInput,
    InvalidPreference,
    InvalidRule,
    InvalidScore,
    UnknownId,
)
from .optimal import Proof, solve_optimal
from .rules import Reason, Rules
from .scoring import Explanation, Profile, Scorer, Weights
from .stable import solve_stable

__all__ = ["Fairness", "MatchResult", "Stability", "Unmatched", "match", "match_profiles"]

Mode = Literal["optimal", "stable"]


@dataclass(frozen=True)
class Unmatched:
    """A mentee left without a mentor and the rule that binds."""

    mentee: Hashable
    index: int
    reason: Reason


@dataclass(frozen=True)
class Fairness:
    """How evenly the run treats people.

    ``min_score`` is the lowest score any matched mentee received; the load
    figures describe mentors with capacity (``load_*`` in mentees,
    ``utilisation`` as assigned over offered seats).
    """

    matched: int
    unmatched: int
    min_score: float | None
    mean_score: float | None
    load_min: int
    load_max: int
    load_std: float
    utilisation: float
    unmatched_by_reason: dict[str, int]


@dataclass(frozen=True)
class Stability:
    """Stable-mode report: blocking pairs (zero) and what stability costs."""

    blocking_pairs: int
    rounds: int
    rows_extended: int
    optimal_objective: float | None
    optimal_matched: int | None
    cost: float | None
    optimal_proof: Proof | None = field(default=None, repr=False)


@dataclass(frozen=True)
class MatchResult:
    """The outcome of a matching run.

    Attributes
    ----------
    mode : {'optimal', 'stable'}
    mentor_of : ndarray of int
        Mentor index per mentee, ``-1`` when unmatched.
    scores : ndarray of float
        Score of each mentee's pair, ``nan`` when unmatched.
    locked : ndarray of bool
        Mentees whose pair was locked.
    objective : float
        Total score of all pairs, locked ones included.
    matched : int
    proof : Proof or None
        Optimal mode: the certificate (or the remaining gap).
    stability : Stability or None
        Stable mode.
    fairness : Fairness
    unmatched : tuple of Unmatched
    timings : dict
        Seconds per phase and ``total``.
    mentee_ids, mentor_ids : tuple
        Ids (the indices when none were given).
    """

    mode: str
    mentor_of: IntArray
    scores: FloatArray
    locked: BoolArray
    objective: float
    matched: int
    proof: Proof | None
    stability: Stability | None
    fairness: Fairness
    unmatched: tuple[Unmatched, ...]
    timings: dict[str, float]
    mentee_ids: tuple[Hashable, ...] = field(repr=False)
    mentor_ids: tuple[Hashable, ...] = field(repr=False)
    scorer: Scorer | None = field(default=None, repr=False, compare=False)

    def pairs(self) -> list[tuple[Hashable, Hashable, float, bool]]:
        """``(mentee id, mentor id, score, locked)`` for every matched mentee."""
        idx = np.flatnonzero(self.mentor_of >= 0)
        return [
            (
                self.mentee_ids[i],
                self.mentor_ids[int(self.mentor_of[i])],
                float(self.scores[i]),
                bool(self.locked[i]),
            )
            for i in idx.tolist()
        ]

    def explanations(self) -> list[Explanation]:
        """Explained scores of the matched pairs (profile runs only)."""
        if self.scorer is None:
            return []
        idx = np.flatnonzero(self.mentor_of >= 0)
        return self.scorer.explain_pairs(idx, self.mentor_of[idx])


# ---------------------------------------------------------------- validation
def _check_ids(ids: Sequence[Hashable] | None, size: int, kind: str) -> dict[Hashable, int]:
    if ids is None:
        return {i: i for i in range(size)}
    if len(ids) != size:
        raise InvalidInput(
            MSG_SHAPE.format(what=f"{kind}_ids", got=(len(ids),), expected=(size,)),
            field=f"{kind}_ids",
        )
    index: dict[Hashable, int] = {}
    for k, x in enumerate(ids):
        if x in index:
            raise InvalidInput(MSG_DUPLICATE_ID.format(kind=kind, id=x), field=str(x))
        index[x] = k
    return index


def _check_capacities(capacities: ArrayLike, m: int, mentor_ids: Sequence[Hashable]) -> IntArray:
    try:
        cap = np.asarray(capacities, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(
            MSG_SHAPE.format(what="capacities", got="non-numeric", expected=(m,)),
            field="capacities",
        ) from exc
    if cap.shape != (m,):
        raise InvalidInput(
            MSG_SHAPE.format(what="capacities", got=cap.shape, expected=(m,)), field="capacities"
        )
    bad = np.flatnonzero(~np.isfinite(cap) | (cap != np.round(cap)))
    if len(bad):
        j = int(bad[0])
        raise InvalidInput(
            MSG_CAPACITY_NOT_INTEGER.format(mentor=mentor_ids[j], value=cap[j]),
            field=str(mentor_ids[j]),
        )
    neg = np.flatnonzero(cap < 0)
    if len(neg):
        j = int(neg[0])
        raise InvalidInput(
            MSG_CAPACITY_NEGATIVE.format(mentor=mentor_ids[j], value=int(cap[j])),
            field=str(mentor_ids[j]),
        )
    return cap.astype(np.int64)


def _check_scores(
    scores: ArrayLike | sp.spmatrix | sp.sparray,
    mentee_ids: Sequence[Hashable] | None,
    mentor_ids: Sequence[Hashable] | None,
) -> FloatArray | sp.csr_matrix:
    def name(ids: Sequence[Hashable] | None, k: int) -> Hashable:
        return ids[k] if ids is not None and k < len(ids) else k

    if sp.issparse(scores):
        coo = sp.coo_matrix(scores)
        data = np.asarray(coo.data, dtype=np.float64)
        bad = np.flatnonzero(~np.isfinite(data))
        if len(bad):
            k = int(bad[0])
            i, j = int(coo.row[k]), int(coo.col[k])
            raise InvalidScore(
                MSG_NONFINITE_SCORE.format(
                    mentee=name(mentee_ids, i), mentor=name(mentor_ids, j), value=data[k]
                ),
                field=f"{name(mentee_ids, i)},{name(mentor_ids, j)}",
            )
        keys = coo.row.astype(np.int64) * coo.shape[1] + coo.col.astype(np.int64)
        order = np.argsort(keys, kind="stable")
        dup = np.flatnonzero(keys[order][1:] == keys[order][:-1])
        if len(dup):
            k = int(order[dup[0]])
            i, j = int(coo.row[k]), int(coo.col[k])
            raise InvalidScore(
                MSG_DUPLICATE_PAIR.format(
                    mentee=name(mentee_ids, i), mentor=name(mentor_ids, j), what="scores"
                ),
                field=f"{name(mentee_ids, i)},{name(mentor_ids, j)}",
            )
        return sp.csr_matrix((data, (coo.row, coo.col)), shape=coo.shape)
    try:
        dense = np.asarray(scores, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(
            MSG_SHAPE.format(what="scores", got="non-numeric", expected="(mentees, mentors)"),
            field="scores",
        ) from exc
    if dense.ndim != 2:
        raise InvalidInput(
            MSG_SHAPE.format(what="scores", got=dense.shape, expected="(mentees, mentors)"),
            field="scores",
        )
    bad_mask = ~np.isfinite(dense)
    if bad_mask.any():
        i, j = (int(x) for x in np.argwhere(bad_mask)[0])
        raise InvalidScore(
            MSG_NONFINITE_SCORE.format(
                mentee=name(mentee_ids, i), mentor=name(mentor_ids, j), value=dense[i, j]
            ),
            field=f"{name(mentee_ids, i)},{name(mentor_ids, j)}",
        )
    return dense


def _resolve_pairs(
    pairs: Sequence[tuple[Hashable, Hashable]],
    mentees: Mapping[Hashable, int],
    mentors: Mapping[Hashable, int],
    what: str,
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for a, b in pairs:
        if a not in mentees:
            raise UnknownId(MSG_UNKNOWN_ID.format(what=what, kind="mentee", id=a), field=str(a))
        if b not in mentors:
            raise UnknownId(MSG_UNKNOWN_ID.format(what=what, kind="mentor", id=b), field=str(b))
        p = (mentees[a], mentors[b])
        if p in seen:
            raise InvalidRule(
                MSG_DUPLICATE_PAIR.format(mentee=a, mentor=b, what=what), field=f"{a},{b}"
            )
        seen.add(p)
        out.append(p)
    return out


def _resolve_preferences(
    prefs: Mapping[Hashable, Sequence[Hashable]] | None,
    owners: Mapping[Hashable, int],
    targets: Mapping[Hashable, int],
    who: str,
    target_kind: str,
) -> dict[int, list[int]]:
    if not prefs:
        return {}
    out: dict[int, list[int]] = {}
    for owner, lst in prefs.items():
        if owner not in owners:
            raise InvalidPreference(
                MSG_BAD_PREFERENCE.format(who=who, id=owner, problem=f"belongs to no known {who}"),
                field=str(owner),
            )
        seen: set[int] = set()
        row: list[int] = []
        for x in lst:
            if x not in targets:
                raise InvalidPreference(
                    MSG_BAD_PREFERENCE.format(
                        who=who, id=owner, problem=f"names unknown {target_kind} {x!r}"
                    ),
                    field=str(owner),
                )
            t = targets[x]
            if t in seen:
                raise InvalidPreference(
                    MSG_BAD_PREFERENCE.format(
                        who=who, id=owner, problem=f"names {target_kind} {x!r} twice"
                    ),
                    field=str(owner),
                )
            seen.add(t)
            row.append(t)
        out[owners[owner]] = row
    return out


# -------------------------------------------------------------------- running
def _run(
    source: Source,
    capacity: IntArray,
    *,
    mode: str,
    locked: list[tuple[int, int]],
    mentee_ids: tuple[Hashable, ...],
    mentor_ids: tuple[Hashable, ...],
    mentee_lists: dict[int, list[int]],
    mentor_lists: dict[int, list[int]],
    k: int,
    compare: bool,
    progress: Progress | None,
    timings: dict[str, float],
    t_start: float,
    scorer: Scorer | None = None,
) -> MatchResult:
    n, m = source.n, source.m
    mentor_of = np.full(n, -1, dtype=np.int64)
    is_locked = np.zeros(n, dtype=bool)
    remaining = capacity.copy()
    if locked:
        li = np.array([a for a, _ in locked], dtype=np.int64)
        lj = np.array([b for _, b in locked], dtype=np.int64)
        mentor_of[li] = lj
        is_locked[li] = True
        remaining -= np.bincount(lj, minlength=m)
    active = ~is_locked

    t0 = time.perf_counter()
    graph: Graph = source.graph(k, progress)
    timings["candidates"] = time.perf_counter() - t0
    proof: Proof | None = None
    stability: Stability | None = None
    if mode == "optimal":
        out = solve_optimal(
            source, active=active, capacity=remaining, k=k, progress=progress, graph=graph
        )
        mentor_of[active] = out.mentor_of[active]
        timings.update({key: v for key, v in out.timings.items() if key != "candidates"})
        proof = out.proof
    else:
        t1 = time.perf_counter()
        st = solve_stable(
            source,
            active=active,
            capacity=remaining,
            k=k,
            mentee_lists=mentee_lists,
            mentor_lists=mentor_lists,
            progress=progress,
            graph=graph,
        )
        mentor_of[active] = st.mentor_of[active]
        timings["solve"] = time.perf_counter() - t1
        opt_obj: float | None = None
        opt_matched: int | None = None
        opt_proof: Proof | None = None
        if compare:
            t2 = time.perf_counter()
            ref = solve_optimal(source, active=active, capacity=remaining, k=k, graph=graph)
            timings["compare"] = time.perf_counter() - t2
            opt_proof = ref.proof
            opt_matched = int((ref.mentor_of[active] >= 0).sum())
            opt_obj = ref.proof.primal_objective
        stability = Stability(
            blocking_pairs=st.blocking,
            rounds=st.rounds,
            rows_extended=st.extended,
            optimal_objective=opt_obj,
            optimal_matched=opt_matched,
            cost=None,
            optimal_proof=opt_proof,
        )

    matched_idx = np.flatnonzero(mentor_of >= 0)
    pair_scores = np.full(n, np.nan)
    if len(matched_idx):
        s, _ = source.pair_scores(matched_idx, mentor_of[matched_idx])
        pair_scores[matched_idx] = s
    objective = float(np.nansum(pair_scores))
    if stability is not None and stability.optimal_objective is not None:
        free_obj = float(np.nansum(pair_scores[active]))
        stability = Stability(
            blocking_pairs=stability.blocking_pairs,
            rounds=stability.rounds,
            rows_extended=stability.rows_extended,
            optimal_objective=stability.optimal_objective + (objective - free_obj),
            optimal_matched=(stability.optimal_matched or 0) + int(is_locked.sum()),
            cost=stability.optimal_objective - free_obj,
            optimal_proof=stability.optimal_proof,
        )

    unmatched = _unmatched(
        source, graph, np.flatnonzero(active & (mentor_of < 0)), remaining, mentee_ids
    )
    fairness = _fairness(pair_scores, mentor_of, capacity, unmatched)
    timings["total"] = time.perf_counter() - t_start
    return MatchResult(
        mode=mode,
        mentor_of=mentor_of,
        scores=pair_scores,
        locked=is_locked,
        objective=objective,
        matched=len(matched_idx),
        proof=proof,
        stability=stability,
        fairness=fairness,
        unmatched=unmatched,
        timings=timings,
        mentee_ids=mentee_ids,
        mentor_ids=mentor_ids,
        scorer=scorer,
    )


def _unmatched(
    source: Source, graph: Graph, idx: IntArray, capacity: IntArray, ids: tuple[Hashable, ...]
) -> tuple[Unmatched, ...]:
    if len(idx) == 0:
        return ()
    has_edge = np.zeros(source.n, dtype=bool)
    has_edge[graph.rows] = True
    reasons: dict[int, Reason] = {int(i): Reason.CAPACITY for i in idx[has_edge[idx]]}
    look = idx[~has_edge[idx]]
    for chunk, block in source.exact_rows(look):
        any_allowed = np.asarray(np.isfinite(block).any(axis=1), dtype=bool)
        for i, ok in zip(chunk.tolist(), any_allowed.tolist(), strict=True):
            reasons[i] = Reason.CAPACITY if ok else source.binding_rule(i)
    return tuple(Unmatched(mentee=ids[i], index=i, reason=reasons[i]) for i in idx.tolist())


def _fairness(
    scores: FloatArray, mentor_of: IntArray, capacity: IntArray, unmatched: tuple[Unmatched, ...]
) -> Fairness:
    matched = mentor_of >= 0
    load = np.bincount(mentor_of[matched], minlength=len(capacity))
    seats = capacity > 0
    loads = load[seats] if seats.any() else np.zeros(1, dtype=np.int64)
    by_reason: dict[str, int] = {}
    for u in unmatched:
        by_reason[str(u.reason)] = by_reason.get(str(u.reason), 0) + 1
    return Fairness(
        matched=int(matched.sum()),
        unmatched=len(unmatched),
        min_score=float(np.min(scores[matched])) if matched.any() else None,
        mean_score=float(np.mean(scores[matched])) if matched.any() else None,
        load_min=int(loads.min()),
        load_max=int(loads.max()),
        load_std=float(loads.std()),
        utilisation=float(load.sum() / capacity.sum()) if capacity.sum() else 0.0,
        unmatched_by_reason=by_reason,
    )


def _check_mode(mode: str, k: int) -> None:
    if mode not in ("optimal", "stable"):
        raise InvalidInput(MSG_UNKNOWN_MODE.format(mode=mode), field="mode")
    if not isinstance(k, int) or k < 1:
        raise InvalidInput(MSG_SHAPE.format(what="k", got=k, expected="an integer >= 1"), field="k")


def _check_locked(
    locked: list[tuple[int, int]],
    forbidden: list[tuple[int, int]],
    capacity: IntArray,
    mentee_ids: tuple[Hashable, ...],
    mentor_ids: tuple[Hashable, ...],
) -> None:
    forbidden_set = set(forbidden)
    seen: dict[int, int] = {}
    for i, j in locked:
        if (i, j) in forbidden_set:
            raise InvalidRule(
                MSG_LOCKED_CONFLICT.format(
                    mentee=mentee_ids[i], mentor=mentor_ids[j], problem="is also forbidden"
                ),
                field=f"{mentee_ids[i]},{mentor_ids[j]}",
            )
        if i in seen:
            raise InvalidRule(
                MSG_LOCKED_CONFLICT.format(
                    mentee=mentee_ids[i],
                    mentor=mentor_ids[j],
                    problem=f"gives the mentee a second mentor ({mentor_ids[seen[i]]!r})",
                ),
                field=str(mentee_ids[i]),
            )
        seen[i] = j
    if locked:
        counts = np.bincount([j for _, j in locked], minlength=len(capacity))
        over = np.flatnonzero(counts > capacity)
        if len(over):
            j = int(over[0])
            raise InvalidRule(
                MSG_LOCKED_OVER_CAPACITY.format(
                    mentor=mentor_ids[j], count=int(counts[j]), capacity=int(capacity[j])
                ),
                field=str(mentor_ids[j]),
            )


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
        Profile-level rules need :func:`match_profiles`.
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
        where needed, so ``k`` changes speed, never the answer.
    compare : bool
        Stable mode: also solve the optimal mode to report the cost of
        stability.
    progress : callable(stage, fraction), optional
        Called during long phases.

    Returns
    -------
    MatchResult

    Raises
    ------
    tribe_engine.errors.EngineError
        For any bad input, before any work is done.

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
    t_start = time.perf_counter()
    rules = rules or Rules()
    _check_mode(mode, k)
    checked = _check_scores(scores, mentee_ids, mentor_ids)
    n, m = checked.shape
    mentees = _check_ids(mentee_ids, n, "mentee")
    mentors = _check_ids(mentor_ids, m, "mentor")
    e_ids = tuple(mentees)
    r_ids = tuple(mentors)
    capacity = _check_capacities(capacities, m, r_ids)
    if rules.needs_profiles:
        raise InvalidRule(
            "min_seniority_gap and min_tz_overlap_hours need profiles; use match_profiles",
            field="rules",
        )
    forbidden = _resolve_pairs(rules.forbidden, mentees, mentors, "forbidden pair")
    locked = _resolve_pairs(rules.locked, mentees, mentors, "locked pair")
    _check_locked(locked, forbidden, capacity, e_ids, r_ids)
    mentee_lists = _resolve_preferences(preferences, mentees, mentors, "mentee", "mentor")
    mentor_lists = _resolve_preferences(mentor_preferences, mentors, mentees, "mentor", "mentee")
    fb = PairTable(
        sp.coo_matrix(
            (
                np.ones(len(forbidden)),
                (
                    np.array([a for a, _ in forbidden], dtype=np.int64),
                    np.array([b for _, b in forbidden], dtype=np.int64),
                ),
            ),
            shape=(n, m),
        )
    )
    source: Source
    if isinstance(checked, np.ndarray):
        source = DenseSource(checked, fb)
    else:
        source = SparseSource(checked, fb)
        if locked:
            li = np.array([a for a, _ in locked], dtype=np.int64)
            lj = np.array([b for _, b in locked], dtype=np.int64)
            _, present = SparseSource(checked, PairTable(sp.coo_matrix((n, m)))).pair_scores(li, lj)
            if not present.all():
                a, b = locked[int(np.flatnonzero(~present)[0])]
                raise InvalidRule(
                    MSG_LOCKED_WITHOUT_SCORE.format(mentee=e_ids[a], mentor=r_ids[b]),
                    field=f"{e_ids[a]},{r_ids[b]}",
                )
    timings = {"validate": time.perf_counter() - t_start}
    return _run(
        source,
        capacity,
        mode=mode,
        locked=locked,
        mentee_ids=e_ids,
        mentor_ids=r_ids,
        mentee_lists=mentee_lists,
        mentor_lists=mentor_lists,
        k=k,
        compare=compare,
        progress=progress,
        timings=timings,
        t_start=t_start,
    )


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
) -> MatchResult:
    """Match mentees to mentors from their profiles, with explained scores.

    Scores come from :class:`~tribe_engine.scoring.Scorer` (TF-IDF text
    similarity, seniority gap, languages, time-zone overlap, the mentee's
    ranking) and every hard rule in ``rules`` applies.  Mentor capacity is
    ``Profile.capacity``.  With ``explicit_preferences`` the stable mode uses
    each mentee's ``ranking`` as their list instead of the score order.

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
    t_start = time.perf_counter()
    _check_mode(mode, k)
    rules = rules or Rules()
    scorer = Scorer(mentees, mentors, weights=weights, rules=rules)
    e_ids = tuple(p.id for p in scorer.mentees)
    r_ids = tuple(p.id for p in scorer.mentors)
    capacity = _check_capacities([p.capacity for p in scorer.mentors], len(r_ids), r_ids)
    by_mentee: dict[Hashable, int] = {key: v for key, v in scorer.mentee_index.items()}
    by_mentor: dict[Hashable, int] = {key: v for key, v in scorer.mentor_index.items()}
    forbidden = _resolve_pairs(rules.forbidden, by_mentee, by_mentor, "forbidden pair")
    locked = _resolve_pairs(rules.locked, by_mentee, by_mentor, "locked pair")
    _check_locked(locked, forbidden, capacity, e_ids, r_ids)
    mentee_lists: dict[int, list[int]] = {}
    if explicit_preferences and mode == "stable":
        mentee_lists = {
            i: [scorer.mentor_index[x] for x in dict.fromkeys(p.ranking)]
            for i, p in enumerate(scorer.mentees)
            if p.ranking
        }
    timings = {"validate": time.perf_counter() - t_start}
    return _run(
        ProfileSource(scorer),
        capacity,
        mode=mode,
        locked=locked,
        mentee_ids=e_ids,
        mentor_ids=r_ids,
        mentee_lists=mentee_lists,
        mentor_lists={},
        k=k,
        compare=compare,
        progress=progress,
        timings=timings,
        t_start=t_start,
        scorer=scorer,
    )
