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

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ._arrays import FloatArray, IntArray, PairTable, lookup
from ._inputs import Profile, Weights
from .errors import MSG_UNKNOWN_ID, EngineCode, UnknownId

__all__ = ["Features", "popcount", "score"]

_SLOTS_PER_DAY = 48  # half-hour slots: offsets such as +05:30 stay exact

Masks = NDArray[np.uint64]


def popcount(x: Masks) -> IntArray:
    """Number of set bits, summed over the last axis when 2-D."""
    counts = np.bitwise_count(x).astype(np.int64)
    return counts.sum(axis=-1) if counts.ndim > 1 else counts


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


def _language_masks(profiles: Sequence[Profile], bit: Mapping[str, int], words: int) -> Masks:
    out = np.zeros((len(profiles), words), dtype=np.uint64)
    for k, p in enumerate(profiles):
        for lang in p.languages:
            b = bit[lang.lower()]
            out[k, b // 64] |= np.uint64(1 << (b % 64))
    return out


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
            masks = [_slot_mask(p.utc_offset_hours, p.availability) for p in profiles]
            return np.array(masks, dtype=np.uint64)

        return cls(
            sen_e=np.array([p.seniority for p in mentees], dtype=np.float64),
            sen_r=np.array([p.seniority for p in mentors], dtype=np.float64),
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
        """Hours both are available, per pair.  O(p)."""
        return np.asarray(popcount(self.tz_e[ri] & self.tz_r[rj]) / 2.0, dtype=np.float64)

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
        w = weights
        gap = self.sen_r[rj] - self.sen_e[ri]
        seniority = np.clip(1.0 - np.abs(gap - w.ideal_seniority_gap) / w.seniority_tolerance, 0, 1)
        language = self.shared_languages(ri, rj) / np.maximum(self.nlang_e[ri], 1)
        timezone = np.minimum(self.overlap_hours(ri, rj) / w.full_overlap_hours, 1.0)
        return {
            "text": text,
            "seniority": seniority,
            "language": language,
            "timezone": timezone,
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
