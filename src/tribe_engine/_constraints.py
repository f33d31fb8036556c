"""The hard rules evaluated on profiles: which pairs each rule forbids.

Two views of the same rules.  Per pair (:meth:`Constraints.masks`), for
explanations and arbitrary pairs; and as the sorted keys ``i * m + j`` of
every pair a *pair-level* rule forbids (named pairs, self-pairs, the
reporting line), which the bulk scoring masks out after the profile-level
rules (seniority, language, time zone) were folded into its lookup tables.

The reporting line uses an Euler tour of the manager forest: ``a`` is an
ancestor of ``b`` iff ``tin[a] <= tin[b] < tout[a]``.

Costs use ``n`` mentees, ``m`` mentors, ``f`` named forbidden pairs, ``d``
the depth of the manager forest and ``p`` pairs asked about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ._arrays import BoolArray, FloatArray, IntArray, PairTable, lookup
from ._features import Features
from ._inputs import Profile
from ._validate import resolve_pairs
from .errors import MSG_CYCLE_IN_MANAGERS, EngineCode, InvalidRule
from .rules import Reason, Rules

__all__ = ["Constraints"]


def _euler_tour(
    ids: Sequence[str], managers: Mapping[str, str | None]
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Entry/exit times in the manager forest.  Returns per-id ``tin``,
    ``tout``, the node of each id, and the parent of every node."""
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
        raise InvalidRule(
            MSG_CYCLE_IN_MANAGERS.format(id=culprit),
            field=culprit,
            code=EngineCode.CYCLE_IN_MANAGERS,
        )
    index = np.array([nodes[pid] for pid in ids], dtype=np.int64)
    return tin[index], tout[index], index, parent


@dataclass(frozen=True)
class Constraints:
    """Everything needed to say which pairs the rules forbid."""

    rules: Rules
    features: Features
    tin_e: IntArray
    tout_e: IntArray
    tin_r: IntArray
    tout_r: IntArray
    forbidden_matrix: sp.csr_matrix  # named pairs and self-pairs
    forbidden_table: PairTable
    blocked: IntArray  # sorted keys of every pair a pair-level rule forbids

    @classmethod
    def build(
        cls,
        rules: Rules,
        features: Features,
        mentees: Sequence[Profile],
        mentors: Sequence[Profile],
        mentee_index: Mapping[str, int],
    ) -> Constraints:
        """O((n + m) d + f + b log b) time, O(n + m + b) space, for b blocked
        pairs; refuses a manager cycle, then a forbidden pair naming an
        unknown id."""
        n, m = len(mentees), len(mentors)
        people = [p.id for p in mentees] + [p.id for p in mentors]
        managers: dict[str, str | None] = {}
        for p in (*mentees, *mentors):
            managers.setdefault(p.id, p.manager_id)
        tin, tout, node, parent = _euler_tour(people, managers)
        # Named pairs plus self-pairs (a person who is both never mentors
        # themselves) as one sparse boolean matrix.
        mentor_index = {p.id: j for j, p in enumerate(mentors)}
        named = resolve_pairs(
            rules.forbidden, mentee_index, mentor_index, "forbidden pair", unique=False
        )
        f_rows = [i for i, _ in named]
        f_cols = [j for _, j in named]
        for pid, i in mentee_index.items():
            j = mentor_index.get(pid)
            if j is not None:
                f_rows.append(i)
                f_cols.append(j)
        fm = sp.csr_matrix((np.ones(len(f_rows)), (f_rows, f_cols)), shape=(n, m))
        fm.sum_duplicates()
        tin_e, tout_e, tin_r = tin[:n], tout[:n], tin[n:]
        keys = [_keys(fm, m)]
        if rules.forbid_same_reporting_line and n and m:
            keys += _line_keys(tin_e, tout_e, tin_r, node[:n], node[n:], parent)
        blocked = np.unique(np.concatenate(keys)).astype(np.int64)
        return cls(
            rules=rules,
            features=features,
            tin_e=tin_e,
            tout_e=tout_e,
            tin_r=tin_r,
            tout_r=tout[n:],
            forbidden_matrix=fm,
            forbidden_table=PairTable(fm),
            blocked=blocked,
        )

    def masks(self, ri: IntArray, rj: IntArray) -> dict[Reason, BoolArray]:
        """For each rule in force, which of the pairs it forbids.
        O(p (L/64 + log f)) for L languages."""
        r, f = self.rules, self.features
        out: dict[Reason, BoolArray] = {}
        if r.min_seniority_gap is not None:
            out[Reason.SENIORITY_GAP] = (f.sen_r[rj] - f.sen_e[ri]) < r.min_seniority_gap
        if r.require_shared_language:
            known = (f.nlang_e[ri] > 0) & (f.nlang_r[rj] > 0)
            out[Reason.LANGUAGE] = known & (f.shared_languages(ri, rj) == 0)
        if r.min_tz_overlap_hours > 0:
            with np.errstate(invalid="ignore"):  # an unknown zone (NaN) is not excluded
                out[Reason.TIMEZONE] = f.overlap_hours(ri, rj) < r.min_tz_overlap_hours
        if r.forbid_same_reporting_line:
            te, xe = self.tin_e[ri], self.tout_e[ri]
            tr, xr = self.tin_r[rj], self.tout_r[rj]
            line = ((te <= tr) & (tr < xe)) | ((tr <= te) & (te < xr))
            # Self-pairs share a node; they are reported as forbidden instead.
            out[Reason.REPORTING_LINE] = line & (te != tr)
        if self.forbidden_table.nnz:
            out[Reason.FORBIDDEN] = lookup(self.forbidden_table, ri, rj) > 0
        return out

    def allowed(self, ri: IntArray, rj: IntArray) -> BoolArray:
        """True where no rule forbids the pair.  O(p (L/64 + log f))."""
        ok = np.ones(len(ri), dtype=bool)
        for broken in self.masks(ri, rj).values():
            ok &= ~broken
        return ok

    def binding_rule(self, i: int, m: int) -> Reason:
        """The rule that leaves mentee ``i`` with no allowed mentor: the rule
        that alone excludes every mentor binds; otherwise the rule whose
        removal would give the mentee a mentor; otherwise several do.
        O(m (L/64 + log f + r^2)) for r rules in force and L languages."""
        if m == 0:
            return Reason.NO_CANDIDATES
        masks = self.masks(np.full(m, i, dtype=np.int64), np.arange(m, dtype=np.int64))
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

    def mask_blocked(self, keys: IntArray, scores: FloatArray) -> None:
        """Set ``scores`` to ``-inf`` where the sorted ``keys`` are blocked.
        O(b' log p) for the b' blocked keys in the range of ``keys``."""
        blocked = self.blocked
        if len(blocked) == 0 or len(keys) == 0:
            return
        lo = np.searchsorted(blocked, keys[0])
        hi = np.searchsorted(blocked, keys[-1], side="right")
        wanted = blocked[lo:hi]
        pos = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        hit = keys[pos] == wanted
        scores[pos[hit]] = -np.inf


def _keys(matrix: sp.csr_matrix, m: int) -> IntArray:
    coo = sp.coo_matrix(matrix)
    return np.asarray(coo.row.astype(np.int64) * m + coo.col.astype(np.int64), dtype=np.int64)


def _line_keys(
    tin_e: IntArray,
    tout_e: IntArray,
    tin_r: IntArray,
    node_e: IntArray,
    node_r: IntArray,
    parent: IntArray,
) -> list[IntArray]:
    """Keys of the pairs in one reporting line: a mentor above the mentee or
    below them."""
    n, m = len(tin_e), len(tin_r)
    keys: list[IntArray] = []
    node_to_mentor = np.full(len(parent), -1, dtype=np.int64)
    node_to_mentor[node_r] = np.arange(m)
    # Mentors above each mentee: walk the chains up, all at once.
    rows = np.arange(n, dtype=np.int64)
    cur = parent[node_e]
    for _ in range(len(parent)):
        live = cur >= 0
        if not live.any():
            break
        rows, cur = rows[live], cur[live]
        hit = node_to_mentor[cur]
        keys.append(rows[hit >= 0] * m + hit[hit >= 0])
        cur = parent[cur]
    # Mentors below each mentee: a contiguous range in entry order.
    order = np.argsort(tin_r, kind="stable")
    tin_sorted = tin_r[order]
    lo = np.searchsorted(tin_sorted, tin_e, side="right")
    hi = np.searchsorted(tin_sorted, tout_e, side="left")
    count = np.maximum(hi - lo, 0)
    if count.sum():
        r = np.repeat(np.arange(n, dtype=np.int64), count)
        pos = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        keys.append(r * m + order[np.repeat(lo, count) + pos])
    return keys
