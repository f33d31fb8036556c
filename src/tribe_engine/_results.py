"""What the engine gives back: explained scores and the outcome of a run.

Costs use ``n`` mentees, ``m`` mentors and ``a`` matched mentees.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ._arrays import BoolArray, FloatArray, IntArray
from ._text import Meaning
from .optimal import Proof
from .rules import Reason

if TYPE_CHECKING:
    from ._problem import Graph, Source
    from .scoring import Scorer

__all__ = ["Explanation", "Fairness", "MatchResult", "Stability", "Unmatched"]


@dataclass(frozen=True)
class Explanation:
    """Why a pair scores what it does.

    ``contributions`` maps each component to weight times component value;
    ``terms`` lists the words both texts share and ``meanings`` the pieces
    that met by meaning, each with its share of the text contribution,
    largest first.  ``sum(contributions.values()) == score`` and the shares
    of terms and meanings add up to ``contributions['text']`` (to rounding).
    ``unknown`` names the components scored neutrally because a profile did
    not say (seniority, language, timezone); ``overlap_hours`` is None when
    either side's time zone or hours are unknown.
    """

    mentee: str
    mentor: str
    score: float
    allowed: bool
    contributions: dict[str, float]
    terms: tuple[tuple[str, float], ...]
    overlap_hours: float | None
    shared_languages: tuple[str, ...]
    broken_rules: tuple[Reason, ...] = ()
    meanings: tuple[Meaning, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def matched(self) -> bool:
        """Whether anything of what the mentee wants met what the mentor offers."""
        return bool(self.terms or self.meanings)

    def summary(self) -> str:
        """A one-line human explanation.  O(components + terms + rules)."""
        parts = [f"{name} {value:.3f}" for name, value in self.contributions.items() if value]
        text = ", ".join(parts) if parts else "no common ground"
        if self.terms:
            text += "; matched " + ", ".join(term for term, _ in self.terms[:5])
        if self.meanings:
            text += "; close in meaning " + ", ".join(
                f"{m.want!r} ~ {m.offer!r}" for m in self.meanings[:3] if m.want
            )
        if self.unknown:
            text += "; unknown " + ", ".join(self.unknown)
        if self.broken_rules:
            text += "; breaks " + ", ".join(str(r) for r in self.broken_rules)
        return text


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
        """``(mentee id, mentor id, score, locked)`` for every matched mentee,
        in mentee order.  O(n) time, O(a) space."""
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
        """Explained scores of the matched pairs, in :meth:`pairs` order
        (profile runs only; empty otherwise).  Costs what
        :meth:`~tribe_engine.scoring.Scorer.explain_pairs` does for ``a`` pairs."""
        if self.scorer is None:
            return []
        idx = np.flatnonzero(self.mentor_of >= 0)
        return self.scorer.explain_pairs(idx, self.mentor_of[idx])


def unmatched_of(
    source: Source,
    graph: Graph,
    idx: IntArray,
    ids: tuple[Hashable, ...],
    *,
    left_out: Reason = Reason.CAPACITY,
) -> tuple[Unmatched, ...]:
    """Why each of the mentees ``idx`` is unmatched: ``left_out`` (capacity,
    or the objective) when they have an allowed mentor, else the rule that
    binds (read from exact rows, only for mentees with no candidate edge)."""
    if len(idx) == 0:
        return ()
    has_edge = np.zeros(source.n, dtype=bool)
    has_edge[graph.rows] = True
    reasons: dict[int, Reason] = {int(i): left_out for i in idx[has_edge[idx]]}
    look = idx[~has_edge[idx]]
    for chunk, block in source.exact_rows(look):
        any_allowed = np.asarray(np.isfinite(block).any(axis=1), dtype=bool)
        for i, ok in zip(chunk.tolist(), any_allowed.tolist(), strict=True):
            reasons[i] = left_out if ok else source.binding_rule(i)
    return tuple(Unmatched(mentee=ids[i], index=i, reason=reasons[i]) for i in idx.tolist())


def fairness_of(
    scores: FloatArray, mentor_of: IntArray, capacity: IntArray, unmatched: tuple[Unmatched, ...]
) -> Fairness:
    """The fairness figures of an assignment.  O(n + m)."""
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
