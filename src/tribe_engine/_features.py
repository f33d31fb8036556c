"""The non-text features of profiles, packed into arrays, and the score.

Seniority, languages (a bit mask per person), availability (a 48-bit mask
of UTC half-hours) and the mentees' rankings (a sparse matrix) are computed
once per run; a component is then a few gathers per pair.  The text
component comes from :mod:`tribe_engine._text`.

Costs use ``n`` mentees, ``m`` mentors, ``L`` distinct languages and ``p``
pairs asked about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ._arrays import BoolArray, FloatArray, IntArray, PairTable, lookup
from ._inputs import Profile, Weights
from .errors import MSG_UNKNOWN_ID, EngineCode, UnknownId

__all__ = [
    "NEUTRAL",
    "UNKNOWN_ZONE",
    "Features",
    "language_fit",
    "overlap_with",
    "popcount",
    "score",
    "seniority_fit",
    "timezone_fit",
]

_SLOTS_PER_DAY = 48  # half-hour slots: offsets such as +05:30 stay exact

#: What a component scores when a profile does not say: half of its share,
#: so an unknown neither wins a ranking nor sinks one.
NEUTRAL = 0.5

#: The availability mask of a person whose time zone or hours are unknown:
#: bit 63, which no real mask (48 half-hours) sets, so it is its own value in
#: tables.
UNKNOWN_ZONE = np.uint64(1 << 63)
_DAY_BITS = np.uint64((1 << _SLOTS_PER_DAY) - 1)

Masks = NDArray[np.uint64]


def popcount(x: Masks) -> IntArray:
    """Number of set bits, summed over the last axis when 2-D."""
    counts = np.bitwise_count(x).astype(np.int64)
    return counts.sum(axis=-1) if counts.ndim > 1 else counts


def _mask_of(p: Profile) -> int:
    # Tuples all the way down: callers may hand in lists, the cache needs keys.
    return _slot_mask(p.utc_offset_hours, tuple((a, b) for a, b in p.availability))


@lru_cache(maxsize=4096)  # people share a few dozen zones and a few office hours
def _slot_mask(offset: float | None, windows: tuple[tuple[float, float], ...]) -> int:
    """Availability as a 48-bit mask of UTC half-hours (:data:`UNKNOWN_ZONE`
    without a time zone or without any window: nobody said when they are free,
    which is not the same as never being free)."""
    if offset is None or not windows:
        return int(UNKNOWN_ZONE)
    mask = 0
    for start, end in windows:
        a = round((start - offset) * 2)
        b = round((end - offset) * 2)
        if b <= a:
            b += _SLOTS_PER_DAY
        for s in range(a, min(b, a + _SLOTS_PER_DAY)):
            mask |= 1 << (s % _SLOTS_PER_DAY)
    return mask


def _language_masks(profiles: Sequence[Profile], bit: Mapping[str, int], words: int) -> Masks:
    out = np.zeros((len(profiles), words), dtype=np.uint64)
    for k, p in enumerate(profiles):
        for lang in p.languages:
            b = bit[lang.lower()]
            out[k, b // 64] |= np.uint64(1 << (b % 64))
    return out


def overlap_with(person: Profile, others: Sequence[Profile]) -> FloatArray:
    """Hours a day ``person`` and each of ``others`` are both available (in
    UTC), NaN where either time zone is unknown.  O(len(others) w) for w
    windows per person.

    >>> from tribe_engine import Profile, overlap_with
    >>> london = Profile("a", utc_offset_hours=0, availability=((9, 17),))
    >>> berlin = Profile("b", utc_offset_hours=1, availability=((9, 17),))
    >>> overlap_with(london, [berlin]).tolist()
    [7.0]
    """
    mine = np.array([_mask_of(person)], dtype=np.uint64)
    theirs = np.array([_mask_of(p) for p in others], np.uint64)
    return overlap_of(mine, theirs) if len(others) else np.zeros(0)


def _seniorities(profiles: Sequence[Profile]) -> FloatArray:
    """Seniority per person, NaN where unknown."""
    values = [np.nan if p.seniority is None else p.seniority for p in profiles]
    return np.array(values, dtype=np.float64)


def seniority_fit(gap: FloatArray, w: Weights) -> FloatArray:
    """How well a seniority gap (mentor minus mentee) fits, in [0, 1].

    Below the ideal gap the fit falls to 0 over ``seniority_tolerance``
    years (a peer or a junior has less to pass on).  Above it, it falls
    only to :data:`NEUTRAL`, over ``seniority_tolerance_above`` years: a
    far more senior mentor is still a good one, just less close to the
    mentee's situation.  An unknown gap (NaN) is neutral.  O(len(gap)).
    """
    below = 1.0 - (w.ideal_seniority_gap - gap) / w.seniority_tolerance
    above = 1.0 - (1.0 - NEUTRAL) * (gap - w.ideal_seniority_gap) / w.seniority_tolerance_above
    with np.errstate(invalid="ignore"):
        fit = np.where(
            gap < w.ideal_seniority_gap, np.clip(below, 0, 1), np.clip(above, NEUTRAL, 1)
        )
    return np.asarray(np.where(np.isnan(gap), NEUTRAL, fit), dtype=np.float64)


def language_fit(shared: IntArray, n_mentee: IntArray, n_mentor: IntArray) -> FloatArray:
    """Share of the mentee's languages the mentor speaks; neutral when either
    side named none.  O(len)."""
    known = (n_mentee > 0) & (n_mentor > 0)
    return np.asarray(np.where(known, shared / np.maximum(n_mentee, 1), NEUTRAL), dtype=np.float64)


def zone_known(masks: Masks) -> BoolArray:
    """Which availability masks come with a time zone.  O(len)."""
    return np.asarray(masks != UNKNOWN_ZONE)


def overlap_of(a: Masks, b: Masks) -> FloatArray:
    """Hours two availability masks share, NaN where either zone is unknown.
    Broadcasts.  O(len)."""
    hours = np.bitwise_count(a & b & _DAY_BITS) / 2.0
    return np.asarray(np.where(zone_known(a) & zone_known(b), hours, np.nan), dtype=np.float64)


def timezone_fit(overlap: FloatArray, w: Weights) -> FloatArray:
    """Overlap relative to ``full_overlap_hours``, at most 1; an unknown
    overlap (NaN) is neutral.  O(len)."""
    fit = np.minimum(np.nan_to_num(overlap) / w.full_overlap_hours, 1.0)
    return np.asarray(np.where(np.isnan(overlap), NEUTRAL, fit), dtype=np.float64)


def _rank_matrix(
    mentees: Sequence[Profile], mentor_index: Mapping[str, int], m: int
) -> sp.csr_matrix:
    """The ranking component as a sparse matrix: first = 1, last = 1/len."""
    r_rows: list[int] = []
    r_cols: list[int] = []
    r_vals: list[float] = []
    for i, p in enumerate(mentees):
        seen: set[str] = set()
        for pos, mid in enumerate(p.ranking):
            if mid not in mentor_index:
                raise UnknownId(
                    MSG_UNKNOWN_ID.format(
                        what=f"ranking of mentee {p.id!r}", kind="mentor", id=mid
                    ),
                    field=p.id,
                    code=EngineCode.UNKNOWN_ID,
                )
            if mid in seen:
                continue
            seen.add(mid)
            r_rows.append(i)
            r_cols.append(mentor_index[mid])
            r_vals.append((len(p.ranking) - pos) / len(p.ranking))
    return sp.csr_matrix((r_vals, (r_rows, r_cols)), shape=(len(mentees), m))


@dataclass(frozen=True)
class Features:
    """Per-person arrays: ``*_e`` for mentees, ``*_r`` for mentors."""

    sen_e: FloatArray
    sen_r: FloatArray
    languages: tuple[str, ...]  # bit b of a mask is languages[b]
    lang_e: Masks
    lang_r: Masks
    nlang_e: IntArray
    nlang_r: IntArray
    tz_e: Masks
    tz_r: Masks
    rank_matrix: sp.csr_matrix
    rank_table: PairTable

    @classmethod
    def build(
        cls, mentees: Sequence[Profile], mentors: Sequence[Profile], mentor_index: Mapping[str, int]
    ) -> Features:
        """Pack the profiles: O((n + m)(L/64 + w) + R) time and space, for w
        availability windows per person and R ranked pairs."""
        languages = sorted({lang.lower() for p in (*mentees, *mentors) for lang in p.languages})
        bit = {lang: b for b, lang in enumerate(languages)}
        words = max(1, (len(languages) + 63) // 64)
        lang_e = _language_masks(mentees, bit, words)
        lang_r = _language_masks(mentors, bit, words)
        rank = _rank_matrix(mentees, mentor_index, len(mentors))

        def slots(profiles: Sequence[Profile]) -> Masks:
            masks = [_mask_of(p) for p in profiles]
            return np.array(masks, dtype=np.uint64)

        return cls(
            sen_e=_seniorities(mentees),
            sen_r=_seniorities(mentors),
            languages=tuple(languages),
            lang_e=lang_e,
            lang_r=lang_r,
            nlang_e=popcount(lang_e),
            nlang_r=popcount(lang_r),
            tz_e=slots(mentees),
            tz_r=slots(mentors),
            rank_matrix=rank,
            rank_table=PairTable(rank),
        )

    def shared_languages(self, ri: IntArray, rj: IntArray) -> IntArray:
        """Number of languages both speak, per pair.  O(p L/64)."""
        return popcount(self.lang_e[ri] & self.lang_r[rj])

    def overlap_hours(self, ri: IntArray, rj: IntArray) -> FloatArray:
        """Hours both are available, per pair; NaN where a zone is unknown.  O(p)."""
        return overlap_of(self.tz_e[ri], self.tz_r[rj])

    def unknown(self, ri: IntArray, rj: IntArray) -> dict[str, BoolArray]:
        """Per component, the pairs it scored neutrally for want of data.  O(p)."""
        return {
            "seniority": np.isnan(self.sen_r[rj] - self.sen_e[ri]),
            "language": (self.nlang_e[ri] == 0) | (self.nlang_r[rj] == 0),
            "timezone": ~(zone_known(self.tz_e[ri]) & zone_known(self.tz_r[rj])),
        }

    def shared_language_names(self, ri: IntArray, rj: IntArray) -> list[tuple[str, ...]]:
        """The languages both speak, per pair.  O(p L)."""
        shared_bits = self.lang_e[ri] & self.lang_r[rj]
        return [
            tuple(
                lang
                for bit, lang in enumerate(self.languages)
                if (int(shared_bits[k, bit // 64]) >> (bit % 64)) & 1
            )
            for k in range(len(ri))
        ]

    def components(
        self, weights: Weights, ri: IntArray, rj: IntArray, text: FloatArray
    ) -> dict[str, FloatArray]:
        """Component values in ``[0, 1]`` for the pairs ``(ri[k], rj[k])``,
        given their text similarity.  O(p (L/64 + log R)) time, O(p) space."""
        shared = self.shared_languages(ri, rj)
        return {
            "text": text,
            "seniority": seniority_fit(self.sen_r[rj] - self.sen_e[ri], weights),
            "language": language_fit(shared, self.nlang_e[ri], self.nlang_r[rj]),
            "timezone": timezone_fit(self.overlap_hours(ri, rj), weights),
            "ranking": lookup(self.rank_table, ri, rj),
        }


def score(weights: Weights, comps: Mapping[str, FloatArray]) -> FloatArray:
    """Weighted sum of components, O(p).

    Summed in the same order as the bulk path (text and ranking first, then
    the non-text tables), so both give the same floating-point score.
    """
    w = weights
    base = w.text * comps["text"] + w.ranking * comps["ranking"]
    nontext = w.seniority * comps["seniority"] + w.language * comps["language"]
    return np.asarray(base + (nontext + w.timezone * comps["timezone"]), dtype=np.float64)
