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
import os
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.feature_extraction.text import (  # type: ignore[import-untyped, unused-ignore]
    ENGLISH_STOP_WORDS,
    TfidfVectorizer,
)

from ._arrays import (
    BoolArray,
    FloatArray,
    IntArray,
    PairTable,
    lookup,
    top_k_segmented,
)
from ._arrays import (
    unique_rows as _unique_rows,
)
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
    ``text_bound`` bounds the left-out pairs that share a term, and
    ``allowed_count`` counts the pairs scored in bulk per mentee.
    """

    rows: IntArray
    cols: IntArray
    scores: FloatArray
    bound: FloatArray
    allowed_count: IntArray = field(repr=False)
    text_bound: FloatArray = field(repr=False, default_factory=lambda: np.zeros(0))


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


def _euler_tour(
    ids: Sequence[str], managers: dict[str, str | None]
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Entry/exit times in the manager forest: ``a`` is an ancestor of ``b``
    iff ``tin[a] <= tin[b] < tout[a]``.  Returns per-id ``tin``, ``tout``,
    the node of each id, and the parent of every node."""
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
    return tin[index], tout[index], index, parent


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
        tin, tout, node, parent = _euler_tour(people, managers)
        self.tin_e, self.tout_e = tin[:n], tout[:n]
        self.tin_r, self.tout_r = tin[n:], tout[n:]
        self._node_e, self._node_r, self._parent = node[:n], node[n:], parent

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
        self._offers_t_csr = sp.csr_matrix(self.offers_vec.T)
        self._offers_table = PairTable(self.offers_vec)
        self._build_tables()
        self._blocked = self._blocked_keys()
        self.reserve: _Reserve | None = None
        self.reserve_bound = np.full(n, np.inf)
        self._nt_cache: FloatArray | None = None
        #: Threads for bulk scoring (the machine's cores, at most four).
        self.workers = min(4, os.cpu_count() or 1)

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
        """Weighted sum of components.

        Summed in the same order as the bulk path (:meth:`candidates`), so
        both give the same floating-point score for a pair.
        """
        w = self.weights
        base = w.text * comps["text"] + w.ranking * comps["ranking"]
        nontext = w.seniority * comps["seniority"] + w.language * comps["language"]
        return np.asarray(base + (nontext + w.timezone * comps["timezone"]), dtype=np.float64)

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

    # ------------------------------------------------------------ bulk tables
    def _build_tables(self) -> None:
        """Small lookup tables for the non-text part of the score.

        Seniority, languages and availability take few distinct values, so
        each component (with its rule folded in as ``-inf``) is a table over
        (mentee value, mentor value); a pair then costs a few gathers instead
        of a dozen array operations.  Groups of identical (seniority,
        languages, availability) let the proof bound whole groups of mentors.
        """
        w, r = self.weights, self.rules
        se_vals, self._se = np.unique(self.sen_e, return_inverse=True)
        sr_vals, self._sr = np.unique(self.sen_r, return_inverse=True)
        gap = sr_vals[None, :] - se_vals[:, None]
        fit = np.clip(1.0 - np.abs(gap - w.ideal_seniority_gap) / w.seniority_tolerance, 0, 1)
        sen_tab = w.seniority * fit
        if r.min_seniority_gap is not None:
            sen_tab = np.where(gap < r.min_seniority_gap, -np.inf, sen_tab)
        le_vals, le = np.unique(self.lang_e, axis=0, return_inverse=True)
        lr_vals, lr = np.unique(self.lang_r, axis=0, return_inverse=True)
        self._le, self._lr = le.ravel(), lr.ravel()
        shared = (
            np.stack(
                [_popcount(le_vals & lr_vals[b][None, :]) for b in range(len(lr_vals))], axis=1
            )
            if len(lr_vals) and len(le_vals)
            else np.zeros((len(le_vals), len(lr_vals)), np.int64)
        )
        n_e = _popcount(le_vals) if len(le_vals) else np.zeros(0, np.int64)
        n_r = _popcount(lr_vals) if len(lr_vals) else np.zeros(0, np.int64)
        lang_tab = w.language * (shared / np.maximum(n_e, 1)[:, None])
        if r.require_shared_language:
            known = (n_e[:, None] > 0) & (n_r[None, :] > 0)
            lang_tab = np.where(known & (shared == 0), -np.inf, lang_tab)
        te_vals, self._te = np.unique(self.tz_e, return_inverse=True)
        tr_vals, self._tr = np.unique(self.tz_r, return_inverse=True)
        overlap = np.bitwise_count(te_vals[:, None] & tr_vals[None, :]) / 2.0
        tz_tab = w.timezone * np.minimum(overlap / w.full_overlap_hours, 1.0)
        if r.min_tz_overlap_hours > 0:
            tz_tab = np.where(overlap < r.min_tz_overlap_hours, -np.inf, tz_tab)
        self._sen_tab, self._lang_tab, self._tz_tab = sen_tab, lang_tab, tz_tab
        # Groups: identical (seniority, languages, availability) codes.
        e_codes = np.stack([self._se, self._le, self._te], axis=1)
        r_codes = np.stack([self._sr, self._lr, self._tr], axis=1)
        self._ge_rep, self._ge = _unique_rows(e_codes)
        self._gr_rep, self._gr = _unique_rows(r_codes)

    def _group_row(self, ge: int) -> FloatArray:
        """Non-text score of mentee group ``ge`` against every mentor group."""
        cached = self._nt_cache
        if cached is not None:
            n_gr = len(self._gr_rep)
            return np.asarray(cached[ge * n_gr : (ge + 1) * n_gr], dtype=np.float64)
        row: FloatArray = self._group_table(np.array([ge]))[0]
        return row

    def _full_group_table(self, limit: int = 64_000_000) -> FloatArray | None:
        """Non-text score of every mentee group against every mentor group,
        flattened, or None when that table would be too large.

        A pair then costs one gather; the rows a block touches are a few
        contiguous table rows, so the gathers stay in cache.
        """
        ge, gr = len(self._ge_rep), len(self._gr_rep)
        if ge * gr > limit:
            return None
        out = np.empty((ge, gr))
        step = max(1, 4_000_000 // max(gr, 1))
        for s in range(0, ge, step):
            idx = np.arange(s, min(ge, s + step))
            out[idx] = self._group_table(idx)
        return out.ravel()

    def _nontext_codes(self, e: IntArray, rj: IntArray) -> FloatArray:
        """Non-text score for mentee codes ``e`` (rows of ``(se, le, te)``)
        against mentors ``rj``; ``-inf`` where a profile rule fails."""
        sen = self._sen_tab[e[:, 0], self._sr[rj]]
        lang = self._lang_tab[e[:, 1], self._lr[rj]]
        tz = self._tz_tab[e[:, 2], self._tr[rj]]
        return np.asarray(sen + lang + tz, dtype=np.float64)

    def _nontext(self, ri: IntArray, rj: IntArray) -> FloatArray:
        sen = self._sen_tab[self._se[ri], self._sr[rj]]
        lang = self._lang_tab[self._le[ri], self._lr[rj]]
        tz = self._tz_tab[self._te[ri], self._tr[rj]]
        return np.asarray(sen + lang + tz, dtype=np.float64)

    def _group_table(self, ge: IntArray) -> FloatArray:
        """Non-text score of mentee groups ``ge`` against every mentor group."""
        e = self._ge_rep[ge]
        g = self._gr_rep
        sen = self._sen_tab[e[:, 0][:, None], g[:, 0][None, :]]
        lang = self._lang_tab[e[:, 1][:, None], g[:, 1][None, :]]
        tz = self._tz_tab[e[:, 2][:, None], g[:, 2][None, :]]
        return np.asarray(sen + lang + tz, dtype=np.float64)

    def _blocked_keys(self) -> IntArray:
        """Sorted ``i * m + j`` keys of every pair a pair-level rule forbids:
        named pairs, self-pairs and, with the rule on, pairs in the same
        reporting line (a mentor above the mentee or below them)."""
        n, m = self.shape
        coo = sp.coo_matrix(self.forbidden_matrix)
        keys = [coo.row.astype(np.int64) * m + coo.col.astype(np.int64)]
        if self.rules.forbid_same_reporting_line and n and m:
            node_to_mentor = np.full(len(self._parent), -1, dtype=np.int64)
            node_to_mentor[self._node_r] = np.arange(m)
            # Mentors above each mentee: walk the chains up, all at once.
            rows = np.arange(n, dtype=np.int64)
            cur = self._parent[self._node_e]
            for _ in range(len(self._parent)):
                live = cur >= 0
                if not live.any():
                    break
                rows, cur = rows[live], cur[live]
                hit = node_to_mentor[cur]
                keys.append(rows[hit >= 0] * m + hit[hit >= 0])
                cur = self._parent[cur]
            # Mentors below each mentee: a contiguous range in entry order.
            order = np.argsort(self.tin_r, kind="stable")
            tin_sorted = self.tin_r[order]
            lo = np.searchsorted(tin_sorted, self.tin_e, side="right")
            hi = np.searchsorted(tin_sorted, self.tout_e, side="left")
            count = np.maximum(hi - lo, 0)
            if count.sum():
                r = np.repeat(np.arange(n, dtype=np.int64), count)
                pos = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
                keys.append(r * m + order[np.repeat(lo, count) + pos])
        out = np.unique(np.concatenate(keys))
        return out.astype(np.int64)

    def _mask_blocked(self, keys: IntArray, scores: FloatArray) -> None:
        """Set to ``-inf`` the scores of blocked pairs; ``keys`` sorted."""
        _mask_keys(self._blocked, keys, scores)

    def _base_block(
        self, rows: IntArray, *, with_rank: bool = True, sort: bool = True
    ) -> sp.csr_matrix:
        """Text plus ranking part of the score for ``rows``, as CSR (with
        sorted column indices unless ``sort`` is off)."""
        w = self.weights
        prod = sp.csr_matrix(self.wants_vec[rows] @ self._offers_t_csr)
        prod.data *= w.text
        if with_rank:
            ranked = self.rank_matrix[rows]
            if ranked.nnz:
                prod = sp.csr_matrix(prod + w.ranking * ranked)
        if sort:
            prod.sort_indices()
        return prod

    # ------------------------------------------------------------------ pairs
    def text_pairs(self, ri: IntArray, rj: IntArray) -> FloatArray:
        """Exact TF-IDF cosine for arbitrary pairs (a join on shared terms)."""
        if len(ri) == 0:
            return np.zeros(0)
        a = self.wants_vec
        cnt = np.diff(a.indptr)[ri]
        total = int(cnt.sum())
        pair = np.repeat(np.arange(len(ri)), cnt)
        pos = np.repeat(a.indptr[ri], cnt) + (
            np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        )
        terms = a.indices[pos].astype(np.int64)
        bvals = lookup(self._offers_table, rj[pair], terms)
        dots = np.bincount(pair, weights=a.data[pos] * bvals, minlength=len(ri))
        return np.asarray(dots, dtype=np.float64)

    def pair_scores(self, ri: IntArray, rj: IntArray) -> tuple[FloatArray, BoolArray]:
        """Scores and allowed flags for arbitrary pairs."""
        ri = np.asarray(ri, dtype=np.int64)
        rj = np.asarray(rj, dtype=np.int64)
        comps = self.components(ri, rj, self.text_pairs(ri, rj))
        return self.score(comps), self.allowed(ri, rj)

    def score_rows(self, rows: IntArray) -> FloatArray:
        """Dense scores of the given mentees against every mentor, ``-inf``
        where a rule forbids the pair."""
        rows = np.asarray(rows, dtype=np.int64)
        n_rows, m = len(rows), self.shape[1]
        base = self._base_block(rows).toarray()
        rj = np.tile(np.arange(m, dtype=np.int64), n_rows)
        ri = np.repeat(rows, m)
        scores = base.ravel() + self._nontext(ri, rj)
        order = np.argsort(ri, kind="stable")  # rows may come unsorted
        keys = ri[order] * m + rj[order]
        masked = scores[order]
        self._mask_blocked(keys, masked)
        scores[order] = masked
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
        """Per mentee, the best non-text score over mentors that pass the
        profile rules: an upper bound on every pair with no text in common
        and no ranking (pair-level rules can only lower it)."""
        n = self.shape[0]
        if self.shape[1] == 0:
            return np.full(n, -np.inf)
        cached = self._nt_cache
        if cached is not None:
            table = cached.reshape(len(self._ge_rep), len(self._gr_rep))
            return np.asarray(table.max(axis=1)[self._ge], dtype=np.float64)
        best_group = np.full(len(self._ge_rep), -np.inf)
        step = max(1, 4_000_000 // max(1, len(self._gr_rep)))
        for s in range(0, len(self._ge_rep), step):
            ge = np.arange(s, min(s + step, len(self._ge_rep)))
            best_group[ge] = self._group_table(ge).max(axis=1)
        return np.asarray(best_group[self._ge], dtype=np.float64)

    def candidates(
        self,
        k: int,
        *,
        reserve: int = 24,
        extra: int = 3,
        block: int = 4096,
        progress: Callable[[str, float], None] | None = None,
    ) -> Candidates:
        """The top-``k`` allowed mentors of every mentee, and a bound on the rest.

        Only pairs with a term in common are scored in bulk; every other pair
        is covered by :meth:`nontext_bound`, and the proof looks closer only
        where that bound is not enough.  Three things make that rare: every
        ranked pair is in the graph, the next ``reserve`` text pairs of each
        mentee are kept aside for the proof, and mentees whose best mentor
        may share no term with them get ``extra`` such mentors up front.
        """
        n, m = self.shape
        keep_r: list[IntArray] = []
        keep_c: list[IntArray] = []
        keep_s: list[FloatArray] = []
        res_r: list[IntArray] = []
        res_c: list[IntArray] = []
        res_s: list[FloatArray] = []
        text_rest = np.full(n, -np.inf)
        deep_rest = np.full(n, -np.inf)
        kth = np.full(n, -np.inf)
        allowed_count = np.zeros(n, dtype=np.int64)
        rk = sp.coo_matrix(self.rank_matrix)
        ranked_keys = np.sort(rk.row.astype(np.int64) * m + rk.col.astype(np.int64))
        skip = np.union1d(self._blocked, ranked_keys)
        nt_table = self._full_group_table()
        self._nt_cache = nt_table
        n_gr = len(self._gr_rep)

        def one_block(
            start: int,
        ) -> tuple[IntArray, IntArray, FloatArray, IntArray, IntArray, FloatArray]:
            stop = min(n, start + block)
            rows = np.arange(start, stop, dtype=np.int64)
            base = self._base_block(rows, with_rank=False, sort=False)
            counts = np.diff(base.indptr)
            rj = base.indices.astype(np.int64)
            local = np.repeat(np.arange(stop - start, dtype=np.int64), counts)
            if nt_table is not None:
                flat = np.repeat(self._ge[rows] * n_gr, counts) + self._gr[rj]
                scores = base.data + nt_table[flat]
            else:
                scores = base.data + self._nontext(local + start, rj)
            ok = np.isfinite(scores)
            local, rj, scores = local[ok], rj[ok], scores[ok]
            allowed_count[start:stop] = np.bincount(local, minlength=stop - start)
            # Pair-level rules and ranked pairs are few: select first, then
            # drop them from the (small) selection.  What is left out is
            # still bounded by `deep`, the best unselected score.
            sel, deep = top_k_segmented(local, rj, scores, k + reserve, stop - start)
            keys = (local[sel] + start) * m + rj[sel]
            sel = sel[~np.isin(keys, skip)]
            ri = local + start
            r_sel = local[sel]
            place = np.arange(len(sel)) - np.searchsorted(r_sel, r_sel, side="left")
            head, tail = sel[place < k], sel[place >= k]
            first_tail = tail[place[place >= k] == k]
            text_rest[rows] = deep
            text_rest[ri[first_tail]] = scores[first_tail]
            deep_rest[rows] = deep
            last_head = head[place[place < k] == k - 1]
            kth[ri[last_head]] = scores[last_head]
            return ri[head], rj[head], scores[head], ri[tail], rj[tail], scores[tail]

        # numpy and scipy's sparse kernels release the GIL, so blocks run in
        # threads side by side; each writes only its own rows.
        starts = list(range(0, n, block))
        workers = max(1, min(self.workers, len(starts)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for done, part in enumerate(pool.map(one_block, starts)):
                keep_r.append(part[0])
                keep_c.append(part[1])
                keep_s.append(part[2])
                res_r.append(part[3])
                res_c.append(part[4])
                res_s.append(part[5])
                if progress is not None:
                    progress("scoring", min(1.0, (done + 1) * block / max(n, 1)))
        nontext = self.nontext_bound()
        # Ranked pairs: all of them, scored exactly.
        if len(ranked_keys):
            rr, rc = ranked_keys // m, ranked_keys % m
            rs, ok = self.pair_scores(rr, rc)
            keep_r.append(rr[ok])
            keep_c.append(rc[ok])
            keep_s.append(rs[ok])
            allowed_count += np.bincount(rr[ok], minlength=n)
        # Mentees whose best mentor may share no term with them.
        weak = np.flatnonzero(nontext > kth)
        if extra and len(weak):
            er, ec, es = self._nontext_picks(weak, extra)
            keep_r.append(er)
            keep_c.append(ec)
            keep_s.append(es)
        bound = np.maximum(text_rest, nontext) if m else np.full(n, -np.inf)
        self.reserve = _Reserve.build(res_r, res_c, res_s, n)
        self.reserve_bound = deep_rest
        return Candidates(
            rows=np.concatenate(keep_r) if keep_r else np.zeros(0, dtype=np.int64),
            cols=np.concatenate(keep_c) if keep_c else np.zeros(0, dtype=np.int64),
            scores=np.concatenate(keep_s) if keep_s else np.zeros(0),
            bound=bound,
            allowed_count=allowed_count,
            text_bound=text_rest,
        )

    def _nontext_picks(self, rows: IntArray, extra: int) -> tuple[IntArray, IntArray, FloatArray]:
        """Up to ``extra`` allowed mentors per mentee from the mentor groups
        with the best non-text score, spread over each group's members so
        mentees of one group do not all start on the same mentor."""
        m = self.shape[1]
        n_groups = len(self._gr_rep)
        order = np.argsort(self._gr, kind="stable")
        g_start = np.searchsorted(self._gr[order], np.arange(n_groups))
        g_size = np.bincount(self._gr, minlength=n_groups)
        out_r: list[IntArray] = []
        out_c: list[IntArray] = []
        ge_rows = self._ge[rows]
        for ge in np.unique(ge_rows).tolist():
            members = rows[ge_rows == ge]
            table = self._group_row(ge)
            top = np.argsort(-table, kind="stable")[: extra * 2]
            top = top[np.isfinite(table[top]) & (g_size[top] > 0)]
            for t, g in enumerate(top.tolist()):
                pick = order[g_start[g] + (members * 7919 + t) % g_size[g]]
                out_r.append(members)
                out_c.append(pick)
        if not out_r:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        r = np.concatenate(out_r)
        c = np.concatenate(out_c)
        keys = np.unique(r * m + c)
        r, c = keys // m, keys % m
        sc, ok = self.pair_scores(r, c)
        return r[ok], c[ok], sc[ok]

    def suspects(
        self,
        rows: IntArray,
        profit: FloatArray,
        prices: FloatArray,
        margin: float,
        text_bound: FloatArray,
        *,
        per_row: int = 16,
    ) -> tuple[IntArray, IntArray, FloatArray]:
        """Allowed pairs of ``rows`` that might beat the mentee's dual profit:
        ``score - prices[j] > profit[i] - margin``.  Every other pair of these
        mentees provably satisfies the dual constraint.

        Pairs with text in common are re-scored row by row where the text
        bound is not enough; pairs without are checked per mentor group (the
        cheapest seat in each group decides), and only the mentors of groups
        that fail are looked at one by one.
        """
        m = self.shape[1]
        out_r: list[IntArray] = []
        out_c: list[IntArray] = []
        out_s: list[FloatArray] = []
        if len(rows) == 0 or m == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        # Text pairs: the kept-aside reserve first, the full product only
        # where even the reserve's bound is not enough.
        res = self.reserve
        text_rows = rows[text_bound[rows] > profit[rows] - margin]
        if len(text_rows) and res is not None:
            cnt = res.indptr[text_rows + 1] - res.indptr[text_rows]
            pos = np.repeat(res.indptr[text_rows], cnt) + (
                np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            )
            ri, rj, sc = res.rows[pos], res.cols[pos], res.scores[pos]
            hit = sc - prices[rj] > profit[ri] - margin
            out_r.append(ri[hit])
            out_c.append(rj[hit])
            out_s.append(sc[hit])
            deep = self.reserve_bound
            text_rows = text_rows[deep[text_rows] > profit[text_rows] - margin]
        for s in range(0, len(text_rows), 4096):
            chunk = np.sort(text_rows[s : s + 4096])
            base = self._base_block(chunk)
            counts = np.diff(base.indptr)
            ri = np.repeat(chunk, counts)
            rj = base.indices.astype(np.int64)
            sc = base.data + self._nontext(ri, rj)
            self._mask_blocked(ri * m + rj, sc)
            hit = np.isfinite(sc) & (sc - prices[rj] > profit[ri] - margin)
            out_r.append(ri[hit])
            out_c.append(rj[hit])
            out_s.append(sc[hit])
        # Everything else, by mentor group.
        n_groups = len(self._gr_rep)
        cheapest = np.full(n_groups, np.inf)
        np.minimum.at(cheapest, self._gr, prices)
        order = np.lexsort((prices, self._gr))  # mentors by group, cheapest first
        g_start = np.searchsorted(self._gr[order], np.arange(n_groups))
        g_end = np.searchsorted(self._gr[order], np.arange(n_groups), side="right")
        price_sorted = prices[order]
        ge_rows = self._ge[rows]
        for ge in np.unique(ge_rows).tolist():
            members = rows[ge_rows == ge]
            table = self._group_row(ge)  # non-text score per mentor group
            gain = table - cheapest
            need = members[gain.max() > profit[members] - margin]
            if len(need) == 0:
                continue
            groups = np.flatnonzero(np.isfinite(gain))
            groups = groups[np.argsort(-gain[groups], kind="stable")]
            for i in need.tolist():
                cut = profit[i] - margin
                bad = groups[gain[groups] > cut]
                found = 0
                # Best groups first; stop once enough certain violators are
                # found (the graph is widened and solved again, so the rest
                # are looked at next round) -- otherwise look at all.
                for g in bad.tolist():
                    seg = price_sorted[g_start[g] : g_end[g]]
                    end = int(np.searchsorted(seg, table[g] - cut, side="left"))
                    js = order[g_start[g] : g_start[g] + end]
                    for s0 in range(0, len(js), 512):
                        part = js[s0 : s0 + 512]
                        ri = np.full(len(part), i, dtype=np.int64)
                        sc, ok = self.pair_scores(ri, part)
                        gain_j = sc - prices[part]
                        hit = ok & (gain_j > cut)
                        out_r.append(ri[hit])
                        out_c.append(part[hit])
                        out_s.append(sc[hit])
                        found += int((ok & (gain_j > profit[i] + margin)).sum())
                        if found >= per_row:
                            break
                    if found >= per_row:
                        break
        if not out_r:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        r_all = np.concatenate(out_r)
        c_all = np.concatenate(out_c)
        s_all = np.concatenate(out_s)
        _, first = np.unique(r_all * m + c_all, return_index=True)
        return r_all[first], c_all[first], s_all[first]

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


def _mask_keys(blocked: IntArray, keys: IntArray, scores: FloatArray) -> None:
    """Set ``scores`` to ``-inf`` where ``keys`` (sorted) is in ``blocked`` (sorted)."""
    if len(blocked) == 0 or len(keys) == 0:
        return
    lo = np.searchsorted(blocked, keys[0])
    hi = np.searchsorted(blocked, keys[-1], side="right")
    wanted = blocked[lo:hi]
    pos = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    hit = keys[pos] == wanted
    scores[pos[hit]] = -np.inf


@dataclass(frozen=True)
class _Reserve:
    """Text pairs kept aside per mentee (grouped by mentee)."""

    indptr: IntArray
    rows: IntArray
    cols: IntArray
    scores: FloatArray

    @classmethod
    def build(
        cls, rows: list[IntArray], cols: list[IntArray], scores: list[FloatArray], n: int
    ) -> _Reserve:
        r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        s = np.concatenate(scores) if scores else np.zeros(0)
        order = np.argsort(r, kind="stable")
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
        return cls(indptr=indptr, rows=r[order], cols=c[order], scores=s[order])


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
