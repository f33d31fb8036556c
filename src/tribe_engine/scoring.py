"""Explained compatibility scores from profiles.

A score is a weighted sum of components, each in ``[0, 1]``:

``text``
    TF-IDF cosine between what the mentee wants (goal text and tags) and what
    the mentor offers.  Both vectors are L2-normalised, so the cosine is the
    sum over shared terms of the products of their weights, and each matched
    term's share of the score is exact.
``seniority``
    How close the seniority gap is to the ideal gap (linear fall-off).
``language``
    Share of the mentee's languages the mentor speaks.
``timezone``
    Overlap of the two availability windows in UTC, in hours, relative to
    ``Weights.full_overlap_hours``.
``ranking``
    The mentee's own ranking of the mentor (first = 1, unranked = 0).

:class:`Explanation` lists every component's contribution and the matched
terms; the contributions add up to the score (to floating-point rounding).

Scoring is vectorised over arrays of pairs so the same code serves one person
ranking 5,000 mentors (:func:`rank_candidates`) and a cohort of 100,000
mentees (:meth:`Scorer.candidates`, which works block by block and keeps only
the best ``k`` allowed mentors per mentee plus an upper bound on the rest, for
the optimality proof).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]
    ENGLISH_STOP_WORDS,
    TfidfVectorizer,
)

from ._arrays import BoolArray, FloatArray, IntArray, PairTable, lookup, top_k_per_row
from .errors import (
    MSG_CYCLE_IN_MANAGERS,
    MSG_DUPLICATE_ID,
    MSG_UNKNOWN_ID,
    MSG_WEIGHT,
    InvalidInput,
    InvalidRule,
    UnknownId,
)
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

COMPONENTS = ("text", "seniority", "language", "timezone", "ranking")


_SLOTS_PER_DAY = 48  # half-hour slots: offsets such as +05:30 stay exact
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*(?:[.\-][a-z0-9+#]+)*")


@dataclass(frozen=True)
class Profile:
    """One participant as the engine sees them.

    Parameters
    ----------
    id : str
        Unique id on its side (mentee or mentor).  A person who is both
        appears once in each list with the same id; they are never matched
        with themselves.
    wants, wants_tags : str, tuple of str
        What the mentee wants to learn: free text and tags.
    offers, offers_tags : str, tuple of str
        What the mentor can offer.
    seniority : float
        Career level; the gap mentor minus mentee is scored and can be a rule.
    languages : tuple of str
        Languages spoken (case-insensitive).
    utc_offset_hours : float
        Offset of the person's time zone at the matching date.
    availability : tuple of (start, end)
        Local-time windows in hours, ``end`` may pass midnight (22, 2).
    capacity : int
        How many mentees a mentor takes (ignored for mentees).
    manager_id : str or None
        Direct manager, for the reporting-line rule.
    ranking : tuple of str
        Mentor ids the mentee ranked, best first.
    """

    id: str
    wants: str = ""
    wants_tags: tuple[str, ...] = ()
    offers: str = ""
    offers_tags: tuple[str, ...] = ()
    seniority: float = 0.0
    languages: tuple[str, ...] = ()
    utc_offset_hours: float = 0.0
    availability: tuple[tuple[float, float], ...] = ((9.0, 17.0),)
    capacity: int = 0
    manager_id: str | None = None
    ranking: tuple[str, ...] = ()


@dataclass(frozen=True)
class Weights:
    """Weights of the score components and the shape of the seniority fit.

    A programme sets these; the defaults favour what the mentee wants to
    learn and sum to 1 so that scores lie in ``[0, 1]``.
    """

    text: float = 0.5
    seniority: float = 0.15
    language: float = 0.1
    timezone: float = 0.15
    ranking: float = 0.1
    ideal_seniority_gap: float = 2.0
    seniority_tolerance: float = 3.0
    full_overlap_hours: float = 4.0

    def validate(self) -> None:
        """Raise :class:`~tribe_engine.errors.InvalidInput` for a bad weight."""
        for name in (*COMPONENTS, "seniority_tolerance", "full_overlap_hours"):
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise InvalidInput(MSG_WEIGHT.format(name=name, value=value), field=name)
        if self.seniority_tolerance == 0 or self.full_overlap_hours == 0:
            name = "seniority_tolerance" if self.seniority_tolerance == 0 else "full_overlap_hours"
            raise InvalidInput(MSG_WEIGHT.format(name=name, value=0.0), field=name)

    @property
    def max_score(self) -> float:
        """Highest score any pair can reach."""
        return float(sum(getattr(self, name) for name in COMPONENTS))


@dataclass(frozen=True)
class Explanation:
    """Why a pair scores what it does.

    ``contributions`` maps each component to weight times component value and
    ``terms`` lists the matched terms with their share of the text
    contribution, largest first.  ``sum(contributions.values()) == score``
    and ``sum(t[1] for t in terms) == contributions['text']`` (to rounding).
    """

    mentee: str
    mentor: str
    score: float
    allowed: bool
    contributions: dict[str, float]
    terms: tuple[tuple[str, float], ...]
    overlap_hours: float
    shared_languages: tuple[str, ...]
    broken_rules: tuple[Reason, ...] = ()

    def summary(self) -> str:
        """A one-line human explanation."""
        parts = [f"{name} {value:.3f}" for name, value in self.contributions.items() if value]
        text = ", ".join(parts) if parts else "no common ground"
        if self.terms:
            text += "; matched " + ", ".join(term for term, _ in self.terms[:5])
        if self.broken_rules:
            text += "; breaks " + ", ".join(str(r) for r in self.broken_rules)
        return text


@dataclass(frozen=True)
class Candidates:
    """The sparse candidate graph: the best ``k`` allowed mentors per mentee.

    ``bound[i]`` is an upper bound on the score of every allowed pair of
    mentee ``i`` left out of the graph (``-inf`` when none is left out); the
    optimality proof compares it with the mentee's dual price.
    """

    rows: IntArray
    cols: IntArray
    scores: FloatArray
    bound: FloatArray
    allowed_count: IntArray = field(repr=False)


def _popcount(x: NDArray[np.uint64]) -> NDArray[np.int64]:
    """Number of set bits, summed over the last axis when 2-D."""
    counts = np.bitwise_count(x).astype(np.int64)
    return counts.sum(axis=-1) if counts.ndim > 1 else counts


def _terms(text: str, tags: Sequence[str]) -> list[str]:
    # Words of the free text, minus stop words, plus each tag as one term (so
    # "machine learning" offered matches "machine learning" wanted as a
    # whole) and its words (so it also meets free text).
    out = [w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS and len(w) > 1]
    for tag in tags:
        norm = " ".join(tag.lower().split())
        if not norm:
            continue
        out.append(norm)
        if " " in norm:
            out.extend(w for w in norm.split() if w not in ENGLISH_STOP_WORDS)
    return out


def _slot_mask(offset: float, windows: Sequence[tuple[float, float]]) -> int:
    """Availability as a 48-bit mask of UTC half-hours."""
    mask = 0
    for start, end in windows:
        a = round((start - offset) * 2)
        b = round((end - offset) * 2)
        if b <= a:
            b += _SLOTS_PER_DAY
        for s in range(a, min(b, a + _SLOTS_PER_DAY)):
            mask |= 1 << (s % _SLOTS_PER_DAY)
    return mask


def _euler_tour(ids: Sequence[str], managers: dict[str, str | None]) -> tuple[IntArray, IntArray]:
    """Entry/exit times in the manager forest: ``a`` is an ancestor of ``b``
    iff ``tin[a] <= tin[b] < tout[a]``."""
    nodes: dict[str, int] = {}
    for pid in ids:
        nodes.setdefault(pid, len(nodes))
    for boss in managers.values():
        if boss is not None:
            nodes.setdefault(boss, len(nodes))
    parent = np.full(len(nodes), -1, dtype=np.int64)
    for pid, boss in managers.items():
        if boss is not None:
            parent[nodes[pid]] = nodes[boss]
    children: list[list[int]] = [[] for _ in nodes]
    for child, p in enumerate(parent.tolist()):
        if p >= 0:
            children[p].append(child)
    tin = np.full(len(nodes), -1, dtype=np.int64)
    tout = np.zeros(len(nodes), dtype=np.int64)
    clock = 0
    for root in np.flatnonzero(parent < 0).tolist():
        stack = [(root, 0)]
        tin[root] = clock
        clock += 1
        while stack:
            node, nxt = stack[-1]
            if nxt < len(children[node]):
                stack[-1] = (node, nxt + 1)
                child = children[node][nxt]
                tin[child] = clock
                clock += 1
                stack.append((child, 0))
            else:
                tout[node] = clock
                stack.pop()
    if (tin < 0).any():
        # Unvisited nodes hang off no root: they sit on a cycle.
        names = list(nodes)
        culprit = names[int(np.flatnonzero(tin < 0)[0])]
        raise InvalidRule(MSG_CYCLE_IN_MANAGERS.format(id=culprit), field=culprit)
    index = np.array([nodes[pid] for pid in ids], dtype=np.int64)
    return tin[index], tout[index]


def _check_ids(profiles: Sequence[Profile], kind: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for k, p in enumerate(profiles):
        if p.id in index:
            raise InvalidInput(MSG_DUPLICATE_ID.format(kind=kind, id=p.id), field=p.id)
        index[p.id] = k
    return index


class Scorer:
    """Scores and rules for one set of mentees and mentors.

    Build it once per run; it fits the TF-IDF model on everyone's texts and
    packs the profile fields into arrays so pairs can be scored in bulk.

    Parameters
    ----------
    mentees, mentors : sequence of Profile
    weights : Weights
    rules : Rules
        Profile-level rules and forbidden pairs (by id) shape the allowed set.

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
    ) -> None:
        self.weights = weights or Weights()
        self.weights.validate()
        self.rules = rules or Rules()
        self.mentees = list(mentees)
        self.mentors = list(mentors)
        self.mentee_index = _check_ids(self.mentees, "mentee")
        self.mentor_index = _check_ids(self.mentors, "mentor")
        n, m = len(self.mentees), len(self.mentors)
        self.shape = (n, m)

        docs = [_terms(p.wants, p.wants_tags) for p in self.mentees]
        docs += [_terms(p.offers, p.offers_tags) for p in self.mentors]
        # A callable analyzer keeps tags whole; sublinear tf stops a term
        # repeated in a long text from drowning the others.
        self.vectorizer = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, norm="l2")
        if any(docs):
            tfidf = sp.csr_matrix(self.vectorizer.fit_transform(docs))
            self.vocabulary: NDArray[np.str_] = np.asarray(self.vectorizer.get_feature_names_out())
        else:
            tfidf = sp.csr_matrix((n + m, 1))
            self.vocabulary = np.array(["<none>"])
        self.wants_vec = sp.csr_matrix(tfidf[:n])
        self.offers_vec = sp.csr_matrix(tfidf[n:])
        self._offers_t = sp.csc_matrix(self.offers_vec.T)

        self.sen_e = np.array([p.seniority for p in self.mentees], dtype=np.float64)
        self.sen_r = np.array([p.seniority for p in self.mentors], dtype=np.float64)
        languages = sorted(
            {lang.lower() for p in (*self.mentees, *self.mentors) for lang in p.languages}
        )
        self.languages = languages
        lang_bit = {lang: b for b, lang in enumerate(languages)}
        words = max(1, (len(languages) + 63) // 64)

        def lang_masks(profiles: Sequence[Profile]) -> NDArray[np.uint64]:
            out = np.zeros((len(profiles), words), dtype=np.uint64)
            for k, p in enumerate(profiles):
                for lang in p.languages:
                    b = lang_bit[lang.lower()]
                    out[k, b // 64] |= np.uint64(1 << (b % 64))
            return out

        self.lang_e = lang_masks(self.mentees)
        self.lang_r = lang_masks(self.mentors)
        self.nlang_e = _popcount(self.lang_e)
        self.nlang_r = _popcount(self.lang_r)
        self.tz_e = np.array(
            [_slot_mask(p.utc_offset_hours, p.availability) for p in self.mentees], dtype=np.uint64
        )
        self.tz_r = np.array(
            [_slot_mask(p.utc_offset_hours, p.availability) for p in self.mentors], dtype=np.uint64
        )
        self.capacities = np.array([p.capacity for p in self.mentors], dtype=np.int64)

        # Mentee rankings as a sparse matrix of the ranking component.
        r_rows: list[int] = []
        r_cols: list[int] = []
        r_vals: list[float] = []
        for i, p in enumerate(self.mentees):
            seen: set[str] = set()
            for pos, mid in enumerate(p.ranking):
                if mid not in self.mentor_index:
                    raise UnknownId(
                        MSG_UNKNOWN_ID.format(
                            what=f"ranking of mentee {p.id!r}", kind="mentor", id=mid
                        ),
                        field=p.id,
                    )
                if mid in seen:
                    continue
                seen.add(mid)
                r_rows.append(i)
                r_cols.append(self.mentor_index[mid])
                r_vals.append((len(p.ranking) - pos) / len(p.ranking))
        self.rank_matrix = sp.csr_matrix((r_vals, (r_rows, r_cols)), shape=(n, m))

        people = [p.id for p in self.mentees] + [p.id for p in self.mentors]
        managers: dict[str, str | None] = {}
        for p in (*self.mentees, *self.mentors):
            managers.setdefault(p.id, p.manager_id)
        tin, tout = _euler_tour(people, managers)
        self.tin_e, self.tout_e = tin[:n], tout[:n]
        self.tin_r, self.tout_r = tin[n:], tout[n:]

        # Forbidden pairs plus self-pairs (a person who is both never
        # mentors themselves) as one sparse boolean matrix.
        f_rows: list[int] = []
        f_cols: list[int] = []
        for a, b in self.rules.forbidden:
            if a not in self.mentee_index:
                raise UnknownId(
                    MSG_UNKNOWN_ID.format(what="forbidden pair", kind="mentee", id=a), field=str(a)
                )
            if b not in self.mentor_index:
                raise UnknownId(
                    MSG_UNKNOWN_ID.format(what="forbidden pair", kind="mentor", id=b), field=str(b)
                )
            f_rows.append(self.mentee_index[str(a)])
            f_cols.append(self.mentor_index[str(b)])
        for pid, i in self.mentee_index.items():
            j = self.mentor_index.get(pid)
            if j is not None:
                f_rows.append(i)
                f_cols.append(j)
        fm = sp.csr_matrix((np.ones(len(f_rows)), (f_rows, f_cols)), shape=(n, m))
        fm.sum_duplicates()
        self.forbidden_matrix = fm
        self._forbidden_table = PairTable(fm)
        self._rank_table = PairTable(self.rank_matrix)

    # ------------------------------------------------------------------ pairs
    def components(self, ri: IntArray, rj: IntArray, text: FloatArray) -> dict[str, FloatArray]:
        """Component values in ``[0, 1]`` for the pairs ``(ri[k], rj[k])``."""
        w = self.weights
        gap = self.sen_r[rj] - self.sen_e[ri]
        seniority = np.clip(1.0 - np.abs(gap - w.ideal_seniority_gap) / w.seniority_tolerance, 0, 1)
        shared = _popcount(self.lang_e[ri] & self.lang_r[rj])
        language = shared / np.maximum(self.nlang_e[ri], 1)
        overlap = _popcount(self.tz_e[ri] & self.tz_r[rj]) / 2.0
        timezone = np.minimum(overlap / w.full_overlap_hours, 1.0)
        ranking = lookup(self._rank_table, ri, rj)
        return {
            "text": text,
            "seniority": seniority,
            "language": language,
            "timezone": timezone,
            "ranking": ranking,
        }

    def score(self, comps: dict[str, FloatArray]) -> FloatArray:
        """Weighted sum of components."""
        w = self.weights
        total = np.zeros_like(comps["text"], dtype=np.float64)
        for name in COMPONENTS:
            weight = getattr(w, name)
            if weight:
                total = total + weight * comps[name]
        return total

    def rule_masks(self, ri: IntArray, rj: IntArray) -> dict[Reason, BoolArray]:
        """For each active rule, which pairs it forbids."""
        r = self.rules
        out: dict[Reason, BoolArray] = {}
        if r.min_seniority_gap is not None:
            out[Reason.SENIORITY_GAP] = (self.sen_r[rj] - self.sen_e[ri]) < r.min_seniority_gap
        if r.require_shared_language:
            shared = _popcount(self.lang_e[ri] & self.lang_r[rj])
            known = (self.nlang_e[ri] > 0) & (self.nlang_r[rj] > 0)
            out[Reason.LANGUAGE] = known & (shared == 0)
        if r.min_tz_overlap_hours > 0:
            overlap = _popcount(self.tz_e[ri] & self.tz_r[rj]) / 2.0
            out[Reason.TIMEZONE] = overlap < r.min_tz_overlap_hours
        if r.forbid_same_reporting_line:
            te, xe = self.tin_e[ri], self.tout_e[ri]
            tr, xr = self.tin_r[rj], self.tout_r[rj]
            line = ((te <= tr) & (tr < xe)) | ((tr <= te) & (te < xr))
            # Self-pairs share a node; they are reported as forbidden instead.
            out[Reason.REPORTING_LINE] = line & (te != tr)
        if self._forbidden_table.nnz:
            out[Reason.FORBIDDEN] = lookup(self._forbidden_table, ri, rj) > 0
        return out

    def allowed(self, ri: IntArray, rj: IntArray) -> BoolArray:
        """True where no rule forbids the pair."""
        ok = np.ones(len(ri), dtype=bool)
        for broken in self.rule_masks(ri, rj).values():
            ok &= ~broken
        return ok

    def text_pairs(self, ri: IntArray, rj: IntArray) -> FloatArray:
        """Exact TF-IDF cosine for arbitrary pairs (row-wise dot products)."""
        if len(ri) == 0:
            return np.zeros(0)
        prod = self.wants_vec[ri].multiply(self.offers_vec[rj])
        return np.asarray(prod.sum(axis=1), dtype=np.float64).ravel()

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        """Scores and allowed flags for arbitrary pairs."""
        ri = np.asarray(ri, dtype=np.int64)
        rj = np.asarray(rj, dtype=np.int64)
        comps = self.components(ri, rj, self.text_pairs(ri, rj))
        return self.score(comps), self.allowed(ri, rj)

    # ------------------------------------------------------------------ blocks
    def _block_pairs(self, start: int, stop: int) -> tuple[IntArray, IntArray, FloatArray]:
        """Pairs of mentees ``start:stop`` with any text in common or a ranking."""
        prod = sp.coo_matrix(self.wants_vec[start:stop] @ self._offers_t)
        ranked = sp.coo_matrix(self.rank_matrix[start:stop])
        if ranked.nnz:
            # Ranked pairs with no common term still belong in the graph:
            # add them with text 0 (an explicit zero survives the sum).
            extra = sp.coo_matrix(
                (np.zeros(ranked.nnz), (ranked.row, ranked.col)), shape=prod.shape
            )
            both = sp.coo_matrix(sp.csr_matrix(prod) + sp.csr_matrix(extra))
            rows, cols, text = both.row, both.col, both.data
        else:
            rows, cols, text = prod.row, prod.col, prod.data
        return rows.astype(np.int64) + start, cols.astype(np.int64), text.astype(np.float64)

    def score_rows(self, rows: IntArray) -> FloatArray:
        """Dense scores of the given mentees against every mentor, ``-inf``
        where a rule forbids the pair."""
        rows = np.asarray(rows, dtype=np.int64)
        n_rows, m = len(rows), self.shape[1]
        text = np.asarray((self.wants_vec[rows] @ self._offers_t).toarray(), dtype=np.float64)
        ri = np.repeat(rows, m)
        rj = np.tile(np.arange(m, dtype=np.int64), n_rows)
        comps = self.components(ri, rj, text.ravel())
        scores = self.score(comps)
        scores[~self.allowed(ri, rj)] = -np.inf
        return scores.reshape(n_rows, m)

    def iter_score_rows(
        self, rows: IntArray, block_pairs: int = 4_000_000
    ) -> Iterator[tuple[IntArray, FloatArray]]:
        """:meth:`score_rows` in blocks small enough to stay in memory."""
        step = max(1, block_pairs // max(1, self.shape[1]))
        for s in range(0, len(rows), step):
            chunk = rows[s : s + step]
            yield chunk, self.score_rows(chunk)

    def nontext_bound(self) -> FloatArray:
        """Per mentee, an upper bound on the score of any allowed pair with no
        text in common and no ranking.

        Each non-text component is maximised on its own over the mentors that
        pass that component's rule; the sum of maxima bounds the joint
        maximum.  Mentors are grouped by distinct attribute first, so the cost
        is tiny compared with scoring every pair.
        """
        w, r = self.weights, self.rules
        n, m = self.shape
        bound = np.zeros(n)
        if m == 0:
            return np.full(n, -np.inf)
        # seniority
        if w.seniority:
            vals = np.unique(self.sen_r)
            gap = vals[None, :] - self.sen_e[:, None]
            fit = np.clip(1 - np.abs(gap - w.ideal_seniority_gap) / w.seniority_tolerance, 0, 1)
            if r.min_seniority_gap is not None:
                fit = np.where(gap >= r.min_seniority_gap, fit, -np.inf)
            bound += w.seniority * fit.max(axis=1)
        if w.language:
            masks = np.unique(self.lang_r, axis=0)
            shared = np.stack([_popcount(self.lang_e & mk[None, :]) for mk in masks], axis=1)
            comp = shared / np.maximum(self.nlang_e, 1)[:, None]
            bound += w.language * comp.max(axis=1)
        if w.timezone:
            masks_tz = np.unique(self.tz_r)
            best = np.zeros(n)
            for s in range(0, len(masks_tz), 256):
                ov = np.bitwise_count(self.tz_e[:, None] & masks_tz[None, s : s + 256]) / 2.0
                comp = np.minimum(ov / w.full_overlap_hours, 1.0)
                if r.min_tz_overlap_hours > 0:
                    comp = np.where(ov >= r.min_tz_overlap_hours, comp, -np.inf)
                best = np.maximum(best, comp.max(axis=1))
            bound += w.timezone * best
        return bound

    def candidates(
        self,
        k: int,
        *,
        block: int = 2048,
        progress: Callable[[str, float], None] | None = None,
    ) -> Candidates:
        """The top-``k`` allowed mentors of every mentee, and a bound on the rest.

        Only pairs with a term in common (or a ranking) are scored in bulk;
        every other pair is covered by :meth:`nontext_bound`, which the proof
        uses and which is tightened row by row only where it matters.
        """
        n, m = self.shape
        keep_r: list[IntArray] = []
        keep_c: list[IntArray] = []
        keep_s: list[FloatArray] = []
        bound = self.nontext_bound()
        allowed_count = np.zeros(n, dtype=np.int64)
        for start in range(0, n, block):
            stop = min(n, start + block)
            ri, rj, text = self._block_pairs(start, stop)
            ok = self.allowed(ri, rj)
            ri, rj, text = ri[ok], rj[ok], text[ok]
            scores = self.score(self.components(ri, rj, text))
            allowed_count[start:stop] += np.bincount(ri - start, minlength=stop - start)
            sel, rest_best = top_k_per_row(ri, rj, scores, k, stop - start, offset=start)
            keep_r.append(ri[sel])
            keep_c.append(rj[sel])
            keep_s.append(scores[sel])
            bound[start:stop] = np.maximum(bound[start:stop], rest_best)
            if progress is not None:
                progress("scoring", stop / max(n, 1))
        return Candidates(
            rows=np.concatenate(keep_r) if keep_r else np.zeros(0, dtype=np.int64),
            cols=np.concatenate(keep_c) if keep_c else np.zeros(0, dtype=np.int64),
            scores=np.concatenate(keep_s) if keep_s else np.zeros(0),
            bound=bound if m else np.full(n, -np.inf),
            allowed_count=allowed_count,
        )

    # ------------------------------------------------------------ explanation
    def explain(self, i: int, j: int) -> Explanation:
        """The explained score of mentee ``i`` with mentor ``j`` (indices)."""
        return self.explain_pairs(np.array([i]), np.array([j]))[0]

    def explain_pairs(self, ri: IntArray, rj: IntArray) -> list[Explanation]:
        """Explanations for many pairs at once (components are vectorised;
        only the term lists are built pair by pair)."""
        ri = np.asarray(ri, dtype=np.int64)
        rj = np.asarray(rj, dtype=np.int64)
        a, b = self.wants_vec, self.offers_vec
        terms_all: list[tuple[tuple[str, float], ...]] = []
        text = np.zeros(len(ri))
        w_text = self.weights.text
        for k, (i, j) in enumerate(zip(ri.tolist(), rj.tolist(), strict=True)):
            ai = a.indices[a.indptr[i] : a.indptr[i + 1]]
            bj = b.indices[b.indptr[j] : b.indptr[j + 1]]
            common, ia, ib = np.intersect1d(ai, bj, assume_unique=True, return_indices=True)
            prods = a.data[a.indptr[i] + ia] * b.data[b.indptr[j] + ib]
            text[k] = float(prods.sum())
            order = np.argsort(-prods, kind="stable")
            terms_all.append(
                tuple((str(self.vocabulary[common[o]]), float(w_text * prods[o])) for o in order)
            )
        comps = self.components(ri, rj, text)
        contrib = {name: getattr(self.weights, name) * comps[name] for name in COMPONENTS}
        masks = self.rule_masks(ri, rj)
        shared_bits = self.lang_e[ri] & self.lang_r[rj]
        overlap = _popcount(self.tz_e[ri] & self.tz_r[rj]) / 2.0
        out: list[Explanation] = []
        for k in range(len(ri)):
            contributions = {name: float(contrib[name][k]) for name in COMPONENTS}
            broken = tuple(reason for reason, mask in masks.items() if mask[k])
            shared = tuple(
                lang
                for bit, lang in enumerate(self.languages)
                if (int(shared_bits[k, bit // 64]) >> (bit % 64)) & 1
            )
            out.append(
                Explanation(
                    mentee=self.mentees[int(ri[k])].id,
                    mentor=self.mentors[int(rj[k])].id,
                    score=float(sum(contributions.values())),
                    allowed=not broken,
                    contributions=contributions,
                    terms=terms_all[k],
                    overlap_hours=float(overlap[k]),
                    shared_languages=shared,
                    broken_rules=broken,
                )
            )
        return out

    def binding_rule(self, i: int) -> Reason:
        """The rule that leaves mentee ``i`` with no allowed mentor.

        The rule that alone excludes every mentor binds; otherwise the rule
        whose removal would give the mentee a mentor; otherwise several do.
        """
        m = self.shape[1]
        if m == 0:
            return Reason.NO_CANDIDATES
        ri = np.full(m, i, dtype=np.int64)
        rj = np.arange(m, dtype=np.int64)
        masks = self.rule_masks(ri, rj)
        if not masks:
            return Reason.NO_CANDIDATES
        for reason, broken in masks.items():
            if broken.all():
                return reason
        for reason in masks:
            others = np.zeros(m, dtype=bool)
            for other, broken in masks.items():
                if other is not reason:
                    others |= broken
            if not others.all():
                return reason
        return Reason.SEVERAL_RULES


def rank_candidates(
    seeker: Profile,
    candidates: Sequence[Profile],
    *,
    weights: Weights | None = None,
    rules: Rules | None = None,
    limit: int | None = None,
    include_disallowed: bool = False,
) -> list[Explanation]:
    """Rank candidate mentors for one person and one goal, explained.

    The seeker's ``wants`` / ``wants_tags`` carry the goal.  Candidates a
    hard rule excludes are dropped unless ``include_disallowed`` is set (then
    they come last, with the broken rules named).

    Parameters
    ----------
    seeker : Profile
    candidates : sequence of Profile
    weights : Weights, optional
    rules : Rules, optional
    limit : int, optional
        Return at most this many explanations (all are scored regardless).
    include_disallowed : bool

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
    scorer = Scorer([seeker], candidates, weights=weights, rules=rules)
    m = len(candidates)
    rj = np.arange(m, dtype=np.int64)
    ri = np.zeros(m, dtype=np.int64)
    text = np.asarray((scorer.wants_vec @ scorer._offers_t).toarray(), dtype=np.float64).ravel()
    scores = scorer.score(scorer.components(ri, rj, text))
    ok = scorer.allowed(ri, rj)
    order = np.lexsort((rj, -scores, ~ok))
    if not include_disallowed:
        order = order[ok[order]]
    if limit is not None:
        order = order[:limit]
    return scorer.explain_pairs(np.zeros(len(order), dtype=np.int64), rj[order])
