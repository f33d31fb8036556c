"""Lookup tables for the non-text part of the score, for bulk scoring.

Seniority, languages and availability take few distinct values, so each
component (with its profile rule folded in as ``-inf``) is a table over
(mentee value, mentor value); a pair then costs a few gathers instead of a
dozen array operations.  Groups of identical (seniority, languages,
availability) let the optimality proof bound whole groups of mentors at once.

Costs use ``n`` mentees, ``m`` mentors, ``G`` mentee groups and ``H``
mentor groups (both at most the number of people, usually far fewer).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._arrays import FloatArray, IntArray, unique_rows
from ._features import Features, language_fit, overlap_of, popcount, seniority_fit, timezone_fit
from ._inputs import Weights
from .rules import Rules

__all__ = ["NontextTables"]

_BLOCK_CELLS = 4_000_000  # group-table cells computed at once (~32 MB)


@dataclass(frozen=True)
class NontextTables:
    """Per-value tables of the weighted non-text components, and groups."""

    se: IntArray  # value code of each mentee's seniority
    sr: IntArray
    le: IntArray  # ... languages
    lr: IntArray
    te: IntArray  # ... availability
    tr: IntArray
    sen_tab: FloatArray
    lang_tab: FloatArray
    tz_tab: FloatArray
    ge_rep: IntArray  # (se, le, te) codes of each mentee group
    ge: IntArray  # group of each mentee
    gr_rep: IntArray
    gr: IntArray

    @classmethod
    def build(cls, f: Features, w: Weights, r: Rules) -> NontextTables:
        """O((n + m) log(n + m) + S + Λ + T) time and space, where S, Λ and T
        are the sizes of the three tables (distinct mentee values times
        distinct mentor values)."""
        se_vals, se = np.unique(f.sen_e, return_inverse=True)
        sr_vals, sr = np.unique(f.sen_r, return_inverse=True)
        gap = sr_vals[None, :] - se_vals[:, None]
        sen_tab = w.seniority * seniority_fit(gap, w)
        if r.min_seniority_gap is not None:
            # An unknown gap (NaN) is not a reason to exclude: NaN < x is False.
            sen_tab = np.where(gap < r.min_seniority_gap, -np.inf, sen_tab)
        le_vals, le = np.unique(f.lang_e, axis=0, return_inverse=True)
        lr_vals, lr = np.unique(f.lang_r, axis=0, return_inverse=True)
        le, lr = le.ravel(), lr.ravel()
        shared = (
            np.stack([popcount(le_vals & lr_vals[b][None, :]) for b in range(len(lr_vals))], axis=1)
            if len(lr_vals) and len(le_vals)
            else np.zeros((len(le_vals), len(lr_vals)), np.int64)
        )
        n_e = popcount(le_vals) if len(le_vals) else np.zeros(0, np.int64)
        n_r = popcount(lr_vals) if len(lr_vals) else np.zeros(0, np.int64)
        lang_tab = w.language * language_fit(shared, n_e[:, None], n_r[None, :])
        if r.require_shared_language:
            known = (n_e[:, None] > 0) & (n_r[None, :] > 0)
            lang_tab = np.where(known & (shared == 0), -np.inf, lang_tab)
        te_vals, te = np.unique(f.tz_e, return_inverse=True)
        tr_vals, tr = np.unique(f.tz_r, return_inverse=True)
        overlap = overlap_of(te_vals[:, None], tr_vals[None, :])
        tz_tab = w.timezone * timezone_fit(overlap, w)
        if r.min_tz_overlap_hours > 0:
            with np.errstate(invalid="ignore"):  # unknown (NaN) is not excluded
                tz_tab = np.where(overlap < r.min_tz_overlap_hours, -np.inf, tz_tab)
        ge_rep, ge = unique_rows(np.stack([se, le, te], axis=1))
        gr_rep, gr = unique_rows(np.stack([sr, lr, tr], axis=1))
        return cls(
            se=se,
            sr=sr,
            le=le,
            lr=lr,
            te=te,
            tr=tr,
            sen_tab=sen_tab,
            lang_tab=lang_tab,
            tz_tab=tz_tab,
            ge_rep=ge_rep,
            ge=ge,
            gr_rep=gr_rep,
            gr=gr,
        )

    def nontext(self, ri: IntArray, rj: IntArray) -> FloatArray:
        """Non-text score of the pairs, ``-inf`` where a profile rule fails.  O(p)."""
        sen = self.sen_tab[self.se[ri], self.sr[rj]]
        lang = self.lang_tab[self.le[ri], self.lr[rj]]
        tz = self.tz_tab[self.te[ri], self.tr[rj]]
        return np.asarray(sen + lang + tz, dtype=np.float64)

    def group_table(self, ge: IntArray) -> FloatArray:
        """Non-text score of mentee groups ``ge`` against every mentor group.
        O(len(ge) H) time and space."""
        e = self.ge_rep[ge]
        g = self.gr_rep
        sen = self.sen_tab[e[:, 0][:, None], g[:, 0][None, :]]
        lang = self.lang_tab[e[:, 1][:, None], g[:, 1][None, :]]
        tz = self.tz_tab[e[:, 2][:, None], g[:, 2][None, :]]
        return np.asarray(sen + lang + tz, dtype=np.float64)

    def full_table(self, limit: int = 64_000_000) -> FloatArray | None:
        """:meth:`group_table` of every mentee group, flattened, or None when
        it would hold more than ``limit`` cells.  O(G H) time and space.

        A pair then costs one gather; the rows a block touches are a few
        contiguous table rows, so the gathers stay in cache.
        """
        n_ge, n_gr = len(self.ge_rep), len(self.gr_rep)
        if n_ge * n_gr > limit:
            return None
        out = np.empty((n_ge, n_gr))
        step = max(1, _BLOCK_CELLS // max(n_gr, 1))
        for s in range(0, n_ge, step):
            idx = np.arange(s, min(n_ge, s + step))
            out[idx] = self.group_table(idx)
        return out.ravel()

    def group_row(self, ge: int, full: FloatArray | None) -> FloatArray:
        """Non-text score of mentee group ``ge`` against every mentor group,
        read from ``full`` (:meth:`full_table`) when there is one.  O(H)."""
        if full is not None:
            n_gr = len(self.gr_rep)
            return np.asarray(full[ge * n_gr : (ge + 1) * n_gr], dtype=np.float64)
        row: FloatArray = self.group_table(np.array([ge]))[0]
        return row

    def best_per_mentee(self, full: FloatArray | None) -> FloatArray:
        """Per mentee, the best non-text score over mentor groups (``-inf``
        when every group fails a profile rule).  O(G H) time, O(n + H) space
        beyond ``full``."""
        if len(self.gr_rep) == 0:
            return np.full(len(self.ge), -np.inf)
        if full is not None:
            table = full.reshape(len(self.ge_rep), len(self.gr_rep))
            return np.asarray(table.max(axis=1)[self.ge], dtype=np.float64)
        best_group = np.full(len(self.ge_rep), -np.inf)
        step = max(1, _BLOCK_CELLS // max(1, len(self.gr_rep)))
        for s in range(0, len(self.ge_rep), step):
            ge = np.arange(s, min(s + step, len(self.ge_rep)))
            best_group[ge] = self.group_table(ge).max(axis=1)
        return np.asarray(best_group[self.ge], dtype=np.float64)
