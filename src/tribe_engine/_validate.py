"""Input checks: everything is refused before any work is done.

Each check raises one :class:`~tribe_engine.errors.EngineError` with its
message template and :class:`~tribe_engine.errors.EngineCode`, naming the
offending place in ``field``.  Costs use ``n`` mentees, ``m`` mentors, ``s``
stored scores (``n m`` for a dense matrix), ``q`` preference entries and
``l`` locked pairs.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from ._arrays import BoolArray, FloatArray, IntArray
from .errors import (
    MSG_BAD_PREFERENCE,
    MSG_CAPACITY_NEGATIVE,
    MSG_CAPACITY_NOT_INTEGER,
    MSG_DUPLICATE_ID,
    MSG_DUPLICATE_PAIR,
    MSG_LOCKED_CONFLICT,
    MSG_LOCKED_OVER_CAPACITY,
    MSG_NONFINITE_SCORE,
    MSG_SHAPE,
    MSG_UNKNOWN_ID,
    MSG_UNKNOWN_MODE,
    EngineCode,
    InvalidInput,
    InvalidPreference,
    InvalidRule,
    InvalidScore,
    UnknownId,
)

__all__ = [
    "check_capacities",
    "check_ids",
    "check_locked",
    "check_mode",
    "check_scores",
    "check_workers",
    "index_ids",
    "locked_not_allowed",
    "pair_arrays",
    "resolve_pairs",
    "resolve_preferences",
]

K = TypeVar("K", bound=Hashable)
Pairs = Sequence[tuple[int, int]]


def _shape_error(what: str, got: object, expected: object) -> InvalidInput:
    return InvalidInput(
        MSG_SHAPE.format(what=what, got=got, expected=expected),
        field=what,
        code=EngineCode.BAD_SHAPE,
    )


def index_ids(ids: Sequence[K], kind: str) -> dict[K, int]:
    """Position of each id; refuses a repeated id.  O(len(ids))."""
    index: dict[K, int] = {}
    for k, x in enumerate(ids):
        if x in index:
            raise InvalidInput(
                MSG_DUPLICATE_ID.format(kind=kind, id=x), field=str(x), code=EngineCode.DUPLICATE_ID
            )
        index[x] = k
    return index


def check_ids(ids: Sequence[Hashable] | None, size: int, kind: str) -> dict[Hashable, int]:
    """:func:`index_ids`, the indices themselves when no ids are given."""
    if ids is None:
        return {i: i for i in range(size)}
    if len(ids) != size:
        raise _shape_error(f"{kind}_ids", (len(ids),), (size,))
    return dict(index_ids(ids, kind))


def check_capacities(capacities: ArrayLike, m: int, mentor_ids: Sequence[Hashable]) -> IntArray:
    """Capacities as integers: shape ``(m,)``, whole, not negative.  O(m)."""
    try:
        cap = np.asarray(capacities, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise _shape_error("capacities", "non-numeric", (m,)) from exc
    if cap.shape != (m,):
        raise _shape_error("capacities", cap.shape, (m,))
    bad = np.flatnonzero(~np.isfinite(cap) | (cap != np.round(cap)))
    if len(bad):
        j = int(bad[0])
        raise InvalidInput(
            MSG_CAPACITY_NOT_INTEGER.format(mentor=mentor_ids[j], value=cap[j]),
            field=str(mentor_ids[j]),
            code=EngineCode.CAPACITY_NOT_INTEGER,
        )
    neg = np.flatnonzero(cap < 0)
    if len(neg):
        j = int(neg[0])
        raise InvalidInput(
            MSG_CAPACITY_NEGATIVE.format(mentor=mentor_ids[j], value=int(cap[j])),
            field=str(mentor_ids[j]),
            code=EngineCode.CAPACITY_NEGATIVE,
        )
    return cap.astype(np.int64)


Names = tuple[Sequence[Hashable] | None, Sequence[Hashable] | None]


def _score_error(
    template: str, code: EngineCode, i: int, j: int, names: Names, **extra: object
) -> InvalidScore:
    def name(ids: Sequence[Hashable] | None, k: int) -> Hashable:
        return ids[k] if ids is not None and k < len(ids) else k

    a, b = name(names[0], i), name(names[1], j)
    return InvalidScore(template.format(mentee=a, mentor=b, **extra), field=f"{a},{b}", code=code)


def _nonfinite(i: int, j: int, value: float, names: Names) -> InvalidScore:
    return _score_error(MSG_NONFINITE_SCORE, EngineCode.NONFINITE_SCORE, i, j, names, value=value)


def check_scores(
    scores: ArrayLike | sp.spmatrix | sp.sparray,
    mentee_ids: Sequence[Hashable] | None,
    mentor_ids: Sequence[Hashable] | None,
) -> FloatArray | sp.csr_matrix:
    """A dense 2-D float array, or CSR for sparse input; every score finite
    and, for sparse input, no pair stored twice.  O(s log s) for sparse
    input (a sort finds duplicates), O(n m) for dense; a copy of the scores."""
    names: Names = (mentee_ids, mentor_ids)
    if sp.issparse(scores):
        coo = sp.coo_matrix(scores)
        data = np.asarray(coo.data, dtype=np.float64)
        bad = np.flatnonzero(~np.isfinite(data))
        if len(bad):
            k = int(bad[0])
            raise _nonfinite(int(coo.row[k]), int(coo.col[k]), data[k], names)
        keys = coo.row.astype(np.int64) * coo.shape[1] + coo.col.astype(np.int64)
        order = np.argsort(keys, kind="stable")
        dup = np.flatnonzero(keys[order][1:] == keys[order][:-1])
        if len(dup):
            k = int(order[dup[0]])
            i, j = int(coo.row[k]), int(coo.col[k])
            raise _score_error(
                MSG_DUPLICATE_PAIR, EngineCode.DUPLICATE_SCORE, i, j, names, what="scores"
            )
        return sp.csr_matrix((data, (coo.row, coo.col)), shape=coo.shape)
    try:
        dense = np.asarray(scores, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise _shape_error("scores", "non-numeric", "(mentees, mentors)") from exc
    if dense.ndim != 2:
        raise _shape_error("scores", dense.shape, "(mentees, mentors)")
    bad_mask = ~np.isfinite(dense)
    if bad_mask.any():
        i, j = (int(x) for x in np.argwhere(bad_mask)[0])
        raise _nonfinite(i, j, dense[i, j], names)
    return dense


def resolve_pairs(
    pairs: Sequence[tuple[Hashable, Hashable]],
    mentees: Mapping[Any, int],
    mentors: Mapping[Any, int],
    what: str,
    *,
    unique: bool = True,
) -> list[tuple[int, int]]:
    """Pairs of ids as pairs of indices; refuses unknown ids and (when
    ``unique``) a pair named twice.  O(len(pairs))."""
    out: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for a, b in pairs:
        if a not in mentees:
            raise UnknownId(MSG_UNKNOWN_ID.format(what=what, kind="mentee", id=a), field=str(a))
        if b not in mentors:
            raise UnknownId(MSG_UNKNOWN_ID.format(what=what, kind="mentor", id=b), field=str(b))
        p = (mentees[a], mentors[b])
        if unique and p in seen:
            raise InvalidRule(
                MSG_DUPLICATE_PAIR.format(mentee=a, mentor=b, what=what),
                field=f"{a},{b}",
                code=EngineCode.DUPLICATE_RULE_PAIR,
            )
        seen.add(p)
        out.append(p)
    return out


def resolve_preferences(
    prefs: Mapping[Hashable, Sequence[Hashable]] | None,
    owners: Mapping[Hashable, int],
    targets: Mapping[Hashable, int],
    who: str,
    target_kind: str,
) -> dict[int, list[int]]:
    """Preference lists of ids as lists of indices; refuses an unknown owner,
    an unknown target and a target named twice.  O(q)."""
    if not prefs:
        return {}

    def refuse(owner: Hashable, problem: str) -> InvalidPreference:
        return InvalidPreference(
            MSG_BAD_PREFERENCE.format(who=who, id=owner, problem=problem), field=str(owner)
        )

    out: dict[int, list[int]] = {}
    for owner, lst in prefs.items():
        if owner not in owners:
            raise refuse(owner, f"belongs to no known {who}")
        seen: set[int] = set()
        row: list[int] = []
        for x in lst:
            if x not in targets:
                raise refuse(owner, f"names unknown {target_kind} {x!r}")
            t = targets[x]
            if t in seen:
                raise refuse(owner, f"names {target_kind} {x!r} twice")
            seen.add(t)
            row.append(t)
        out[owners[owner]] = row
    return out


def check_mode(mode: str, k: int) -> None:
    """The mode is known and ``k`` a positive integer.  O(1)."""
    if mode not in ("optimal", "stable"):
        raise InvalidInput(
            MSG_UNKNOWN_MODE.format(mode=mode), field="mode", code=EngineCode.UNKNOWN_MODE
        )
    if not isinstance(k, int) or k < 1:
        raise _shape_error("k", k, "an integer >= 1")


def check_workers(workers: int | None) -> None:
    """``workers`` is None (the default) or a positive integer.  O(1)."""
    if workers is not None and (
        not isinstance(workers, int) or isinstance(workers, bool) or workers < 1
    ):
        raise _shape_error("workers", workers, "an integer >= 1 or None")


def pair_arrays(pairs: Pairs) -> tuple[IntArray, IntArray]:
    """Mentee and mentor indices of ``pairs`` as two arrays.  O(len(pairs))."""
    return (
        np.array([a for a, _ in pairs], dtype=np.int64),
        np.array([b for _, b in pairs], dtype=np.int64),
    )


def _locked_error(
    problem: str, field: str, code: EngineCode = EngineCode.LOCKED_CONFLICT, **names: Hashable
) -> InvalidRule:
    return InvalidRule(MSG_LOCKED_CONFLICT.format(problem=problem, **names), field=field, code=code)


def check_locked(
    locked: Pairs,
    forbidden: Pairs,
    capacity: IntArray,
    mentee_ids: Sequence[Hashable],
    mentor_ids: Sequence[Hashable],
) -> None:
    """Locked pairs are not forbidden, give no mentee two mentors and fit the
    capacities.  O(l + f + m) for f forbidden pairs."""
    forbidden_set = set(forbidden)
    seen: dict[int, int] = {}
    for i, j in locked:
        a, b = mentee_ids[i], mentor_ids[j]
        if (i, j) in forbidden_set:
            raise _locked_error("is also forbidden", f"{a},{b}", mentee=a, mentor=b)
        if i in seen:
            other = mentor_ids[seen[i]]
            raise _locked_error(
                f"gives the mentee a second mentor ({other!r})", str(a), mentee=a, mentor=b
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
                code=EngineCode.LOCKED_OVER_CAPACITY,
            )


def locked_not_allowed(
    locked: Pairs,
    broken: Mapping[str, BoolArray],
    mentee_ids: Sequence[Hashable],
    mentor_ids: Sequence[Hashable],
) -> InvalidRule | None:
    """The error for the first locked pair a rule forbids (``broken[rule][k]``
    says whether ``rule`` forbids ``locked[k]``), naming the rules, or None.
    O(l r) for r rules."""
    for k, (i, j) in enumerate(locked):
        names = [rule for rule, mask in broken.items() if mask[k]]
        if names:
            a, b = mentee_ids[i], mentor_ids[j]
            problem = f"is not allowed by rule {', '.join(names)}"
            return _locked_error(
                problem, f"{a},{b}", EngineCode.LOCKED_NOT_ALLOWED, mentee=a, mentor=b
            )
    return None
