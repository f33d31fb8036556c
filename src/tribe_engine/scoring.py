"""Explained compatibility scores from profiles.

A score is a weighted sum of components, each in ``[0, 1]``:

``text``
    Similarity of what the mentee wants (goal text and tags) with what the
    mentor offers, from a :data:`~tribe_engine._text.TextBackend`: TF-IDF
    cosine over skill-aware terms for cohorts (each matched term's share is
    exact), and for one person's ranking the mix of those words with an
    embedding model's meaning (:mod:`~tribe_engine._semantic`).
``seniority``
    How well the seniority gap fits the ideal gap: falling to 0 below it,
    only to neutral above it (:func:`~tribe_engine._features.seniority_fit`).
``language``
    Share of the mentee's languages the mentor speaks.
``timezone``
    Overlap of the two availability windows in UTC, in hours, relative to
    ``Weights.full_overlap_hours``.

Seniority, languages or time zone a profile does not give score
:data:`~tribe_engine._features.NEUTRAL` (half the share), are named in the
explanation's ``unknown``, and never make a rule exclude the pair.
``ranking``
    The mentee's own ranking of the mentor (first = 1, last = 1 / length,
    unranked = 0).

:class:`Explanation` lists every component's contribution and the matched
terms; the contributions add up to the score (to floating-point rounding).

Scoring is vectorised over arrays of pairs so the same code serves one person
ranking 5,000 mentors (:func:`rank_candidates`) and a cohort of 100,000
mentees (:meth:`Scorer.candidates`, which works block by block and keeps only
the best ``k`` allowed mentors per mentee plus an upper bound on the rest, for
the optimality proof).  :class:`Scorer` only assembles the parts: text
(``_text``), packed features and the score (``_features``), the rules
(``_constraints``), bulk lookup tables (``_tables``) and the candidate graph
(``_candidates``).

Costs use ``n`` mentees, ``m`` mentors, ``p`` pairs asked about, ``t`` terms
per person, ``L`` languages, ``P`` pairs sharing a term and ``k``
candidates per mentee.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from . import _candidates
from ._arrays import BoolArray, FloatArray, IntArray, Screen
from ._candidates import Candidates, Widths, base_block
from ._constraints import Constraints
from ._features import Features, score
from ._inputs import COMPONENTS, Profile, Weights
from ._results import Explanation
from ._semantic import HybridText
from ._tables import NontextTables
from ._text import Meaning, TextBackend, TfidfText
from ._validate import check_workers, index_ids
from .rules import Reason, Rules

__all__ = [
    "COMPONENTS",
    "Candidates",
    "Explanation",
    "Profile",
    "Scorer",
    "Weights",
    "rank_candidates",
]


class Scorer:
    """Scores and rules for one set of mentees and mentors.

    Build it once per run; it fits the text model on everyone's texts and
    packs the profile fields into arrays so pairs can be scored in bulk.
    Building costs O((n + m)(t + L/64)) plus the text model's fit (for
    TF-IDF, a sort of the vocabulary) and the blocked pairs of the rules.

    Parameters
    ----------
    mentees, mentors : sequence of Profile
    weights : Weights
    rules : Rules
        Profile-level rules and forbidden pairs (by id) shape the allowed set.
    text : TextBackend
        Builds the text similarity (default: :class:`~tribe_engine._text.TfidfText`).

    Examples
    --------
    >>> from tribe_engine import Profile, Scorer
    >>> s = Scorer([Profile("a", wants_tags=("python",), languages=("en",))],
    ...            [Profile("m", offers_tags=("python",), languages=("en",),
    ...                     seniority=2, capacity=1)])
    >>> e = s.explain(0, 0)
    >>> round(sum(e.contributions.values()), 6) == round(e.score, 6)
    True
    >>> e.terms[0][0]
    'python'
    """

    def __init__(
        self,
        mentees: Sequence[Profile],
        mentors: Sequence[Profile],
        weights: Weights | None = None,
        rules: Rules | None = None,
        *,
        text: TextBackend = TfidfText,
    ) -> None:
        self.weights = weights or Weights()
        self.weights.validate()
        self.rules = rules or Rules()
        self.rules.validate(profiles=True)
        self.mentees = list(mentees)
        self.mentors = list(mentors)
        self.mentee_index = index_ids([p.id for p in self.mentees], "mentee")
        self.mentor_index = index_ids([p.id for p in self.mentors], "mentor")
        self.shape = (len(self.mentees), len(self.mentors))
        self.text = text(
            [(p.wants, p.wants_tags) for p in self.mentees],
            [(p.offers, p.offers_tags) for p in self.mentors],
        )
        self.features = Features.build(self.mentees, self.mentors, self.mentor_index)
        self.capacities = np.array([p.capacity for p in self.mentors], dtype=np.int64)
        self.constraints = Constraints.build(
            self.rules, self.features, self.mentees, self.mentors, self.mentee_index
        )
        self.tables = NontextTables.build(self.features, self.weights, self.rules)
        # Candidate graphs already built, by width: runs that differ only in
        # their objective or locked pairs (same profiles, weights and rules)
        # share one.  Read-only once built.
        self._graphs: dict[tuple[int, int, int, int], Candidates] = {}

    def with_locked(self, locked: Sequence[tuple[str, str]]) -> Scorer:
        """This scorer with other locked pairs (by id), sharing everything it
        built: locked pairs change no score and no rule, only what a run keeps.
        The pairs are checked when a run resolves them.  O(1)."""
        other = copy.copy(self)
        other.rules = dataclasses.replace(self.rules, locked=tuple(locked))
        return other

    # ------------------------------------------------------------------ pairs
    def components(self, ri: IntArray, rj: IntArray, text: FloatArray) -> dict[str, FloatArray]:
        """Component values in ``[0, 1]`` for the pairs ``(ri[k], rj[k])``.
        O(p (L/64 + log R)) for R ranked pairs."""
        return self.features.components(self.weights, ri, rj, text)

    def score(self, comps: dict[str, FloatArray]) -> FloatArray:
        """Weighted sum of components (in the bulk path's order, so both give
        the same floating-point score for a pair).  O(p)."""
        return score(self.weights, comps)

    def rule_masks(self, ri: IntArray, rj: IntArray) -> dict[Reason, BoolArray]:
        """For each rule in force, which pairs it forbids.  O(p (L/64 + log f))
        for f forbidden pairs."""
        return self.constraints.masks(ri, rj)

    def allowed(self, ri: IntArray, rj: IntArray) -> BoolArray:
        """True where no rule forbids the pair.  O(p (L/64 + log f))."""
        return self.constraints.allowed(ri, rj)

    def text_pairs(self, ri: IntArray, rj: IntArray) -> FloatArray:
        """Exact text similarity of arbitrary pairs (TF-IDF: a join on shared
        terms, O(p t log(m t)))."""
        return self.text.pairs(ri, rj)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        """Scores and allowed flags for arbitrary pairs: O(p (t log(m t) + L/64
        + log f)) time, O(p t) space."""
        ri = np.asarray(ri, dtype=np.int64)
        rj = np.asarray(rj, dtype=np.int64)
        comps = self.components(ri, rj, self.text_pairs(ri, rj))
        return self.score(comps), self.allowed(ri, rj)

    def score_rows(self, rows: IntArray) -> FloatArray:
        """Dense scores of the given r mentees against every mentor, ``-inf``
        where a rule forbids the pair.  O(r m log(r m)) time (a sort to mask
        the blocked pairs), O(r m) space."""
        rows = np.asarray(rows, dtype=np.int64)
        n_rows, m = len(rows), self.shape[1]
        base = base_block(self, rows).toarray()
        rj = np.tile(np.arange(m, dtype=np.int64), n_rows)
        ri = np.repeat(rows, m)
        scores = base.ravel() + self.tables.nontext(ri, rj)
        order = np.argsort(ri, kind="stable")  # rows may come unsorted
        keys = ri[order] * m + rj[order]
        masked = scores[order]
        self.constraints.mask_blocked(keys, masked)
        scores[order] = masked
        return scores.reshape(n_rows, m)

    def iter_score_rows(
        self, rows: IntArray, block_pairs: int = 4_000_000
    ) -> Iterator[tuple[IntArray, FloatArray]]:
        """:meth:`score_rows` in blocks of about ``block_pairs`` cells: the
        same total time, O(block_pairs + m) space per block."""
        step = max(1, block_pairs // max(1, self.shape[1]))
        for s in range(0, len(rows), step):
            chunk = rows[s : s + step]
            yield chunk, self.score_rows(chunk)

    def nontext_bound(self) -> FloatArray:
        """Per mentee, the best non-text score over mentors that pass the
        profile rules: an upper bound on every pair with no text in common
        and no ranking (pair-level rules can only lower it).  O(G H + n)
        time for G mentee and H mentor groups (identical non-text profiles)."""
        return self.tables.best_per_mentee(None)

    def candidates(
        self,
        k: int,
        *,
        reserve: int = 24,
        extra: int = 3,
        block: int = 4096,
        workers: int | None = None,
        progress: Callable[[str, float], None] | None = None,
    ) -> Candidates:
        """The top-``k`` allowed mentors of every mentee, and a bound on the rest.

        Only pairs with a term in common are scored in bulk; every other pair
        is covered by :meth:`nontext_bound`, and the proof looks closer only
        where that bound is not enough.  Three things make that rare: every
        ranked pair is in the graph, the next ``reserve`` text pairs of each
        mentee are kept aside for the proof, and mentees whose best mentor
        may share no term with them get ``extra`` such mentors up front.
        ``block`` mentees are scored at a time, in ``workers`` threads
        (default :func:`~tribe_engine._candidates.default_workers`: the
        cores, at most four); the result does not depend on either.

        The returned :class:`Candidates` carries what :meth:`suspects` needs
        later.  O(P (t + log P) + n (k + reserve) + G H) time for P pairs
        sharing a term and G x H groups of alike non-text profiles;
        O(workers block m + n (k + reserve) + G H) space.
        """
        check_workers(workers)
        key = (k, reserve, extra, block)  # the result does not depend on workers
        if key not in self._graphs:
            self._graphs[key] = _candidates.build(
                self, Widths(k, reserve, extra, block, workers), progress
            )
        return self._graphs[key]

    def suspects(
        self,
        candidates: Candidates,
        rows: IntArray,
        profit: FloatArray,
        prices: FloatArray,
        margin: float,
        *,
        per_row: int = 16,
    ) -> tuple[IntArray, IntArray, FloatArray]:
        """Allowed pairs of ``rows`` that might beat the mentee's dual profit:
        ``score - prices[j] > profit[i] - margin``, for a graph built by
        :meth:`candidates`.  Every other pair of these mentees provably
        satisfies the dual constraint.

        Pairs with text in common are re-scored row by row where the text
        bound is not enough; pairs without are checked against each mentor's
        group bound minus its seat's price, a block of mentees at a time, and
        only the mentors that fail are scored exactly (in blocks; the look is
        complete, so ``per_row`` no longer bounds it).  O(r m) array work for
        r rows, plus the text product of the rows whose text bound does not
        settle them and :meth:`pair_scores` of the mentors looked at.
        """
        screen = Screen(profit, prices, margin)
        return _candidates.suspects(self, candidates, rows, screen, per_row)

    # ------------------------------------------------------------ explanation
    def explain(self, i: int, j: int) -> Explanation:
        """The explained score of mentee ``i`` with mentor ``j`` (indices).
        O(t log t + L + log f)."""
        return self.explain_pairs(np.array([i]), np.array([j]))[0]

    def explain_pairs(self, ri: IntArray, rj: IntArray) -> list[Explanation]:
        """Explanations for many pairs at once (components are vectorised;
        only the term lists are built pair by pair).  O(p (t log t + L +
        log f)) time and space."""
        ri = np.asarray(ri, dtype=np.int64)
        rj = np.asarray(rj, dtype=np.int64)
        w_text = self.weights.text
        text = np.zeros(len(ri))
        terms_all: list[tuple[tuple[str, float], ...]] = []
        meanings_all: list[tuple[Meaning, ...]] = []
        for k, (i, j) in enumerate(zip(ri.tolist(), rj.tolist(), strict=True)):
            parts = self.text.explain(i, j)
            text[k] = parts.value
            terms_all.append(tuple((term, w_text * share) for term, share in parts.words))
            meanings_all.append(
                tuple(Meaning(m.want, m.offer, w_text * m.share) for m in parts.meanings)
            )
        comps = self.components(ri, rj, text)
        contrib = {name: getattr(self.weights, name) * comps[name] for name in COMPONENTS}
        masks = self.rule_masks(ri, rj)
        overlap = self.features.overlap_hours(ri, rj)
        shared = self.features.shared_language_names(ri, rj)
        unknown = self.features.unknown(ri, rj)
        out: list[Explanation] = []
        for k in range(len(ri)):
            contributions = {name: float(contrib[name][k]) for name in COMPONENTS}
            broken = tuple(reason for reason, mask in masks.items() if mask[k])
            out.append(
                Explanation(
                    mentee=self.mentees[int(ri[k])].id,
                    mentor=self.mentors[int(rj[k])].id,
                    score=float(sum(contributions.values())),
                    allowed=not broken,
                    contributions=contributions,
                    terms=terms_all[k],
                    overlap_hours=None if np.isnan(overlap[k]) else float(overlap[k]),
                    shared_languages=shared[k],
                    broken_rules=broken,
                    meanings=meanings_all[k],
                    unknown=tuple(name for name, mask in unknown.items() if mask[k]),
                )
            )
        return out

    def binding_rule(self, i: int) -> Reason:
        """The rule that leaves mentee ``i`` with no allowed mentor.

        The rule that alone excludes every mentor binds; otherwise the rule
        whose removal would give the mentee a mentor; otherwise several do.
        O(m (L/64 + log f + r^2)) for r rules in force.
        """
        return self.constraints.binding_rule(i, self.shape[1])


def rank_candidates(
    seeker: Profile,
    candidates: Sequence[Profile],
    *,
    weights: Weights | None = None,
    rules: Rules | None = None,
    limit: int | None = None,
    include_disallowed: bool = False,
    text: TextBackend = HybridText,
) -> list[Explanation]:
    """Rank candidate mentors for one person and one goal, explained.

    The seeker's ``wants`` / ``wants_tags`` carry the goal.  Candidates with
    a free place (``capacity`` > 0) come before full ones; within each,
    those whose offer meets the goal (by a shared word or by meaning) come
    first, by score, then the rest, by score: however well the rest fit
    otherwise, they do not answer the goal.  Candidates a hard rule excludes are
    dropped unless ``include_disallowed`` is set (then they come last, with
    the broken rules named).  Locked pairs do not apply to a ranking.

    O(m (t + L/64) + m log m) time for m candidates (building the scorer
    dominates; the sort is a lexsort), plus O(x (t log t + L)) to explain
    the x returned; O(m (t + L/64)) space.

    Parameters
    ----------
    seeker : Profile
    candidates : sequence of Profile
    weights : Weights, optional
    rules : Rules, optional
    limit : int, optional
        Return at most this many explanations (all are scored regardless).
    include_disallowed : bool
    text : TextBackend
        Text similarity (default: words and meaning, :class:`HybridText`).

    Returns
    -------
    list of Explanation
        Best first; ties keep the candidates' order.

    Examples
    --------
    >>> from tribe_engine import Profile, rank_candidates
    >>> me = Profile("me", wants="get better at public speaking", languages=("en",))
    >>> mentors = [
    ...     Profile("ana", offers="public speaking and storytelling", seniority=3,
    ...             languages=("en",), capacity=2),
    ...     Profile("bo", offers="kubernetes operations", seniority=3,
    ...             languages=("en",), capacity=2),
    ... ]
    >>> [e.mentor for e in rank_candidates(me, mentors)]
    ['ana', 'bo']
    """
    scorer = Scorer([seeker], candidates, weights=weights, rules=rules, text=text)
    m = len(candidates)
    rj = np.arange(m, dtype=np.int64)
    ri = np.zeros(m, dtype=np.int64)
    similarity = scorer.text.rows(np.zeros(1, dtype=np.int64))
    sim = np.asarray(similarity.toarray(), dtype=np.float64).ravel()
    scores = scorer.score(scorer.components(ri, rj, sim))
    ok = scorer.allowed(ri, rj)
    full = scorer.capacities == 0  # a mentor with no free place cannot be asked now
    order = np.lexsort((rj, -scores, sim <= 0, full, ~ok))
    if not include_disallowed:
        order = order[ok[order]]
    if limit is not None:
        order = order[:limit]
    return scorer.explain_pairs(np.zeros(len(order), dtype=np.int64), rj[order])
