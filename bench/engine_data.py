"""Reproducible synthetic cohorts for the engine benchmarks.

A cohort looks like a large company's programme: people belong to fields
(each with its own skills), mentees want two to four skills mostly from their
field, mentors offer four to eight from one or two fields; seniority, a few
languages (most people speak English), time zones clustered on real offsets,
office-hours availability, a manager chain that puts some mentors above their
mentees, and a tenth of mentees ranking three mentors.  Everything derives
from the seed, so a run can be repeated exactly.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from tribe_engine import Profile, Rules

FIELDS = 60
SKILLS_PER_FIELD = 12
LANGUAGES = ["en", "es", "fr", "de", "pt", "hi", "ja", "zh"]
OFFSETS = np.array([-8.0, -5.0, -3.0, 0.0, 1.0, 2.0, 5.5, 8.0, 9.0, 10.0])
OFFSET_P = np.array([0.12, 0.2, 0.05, 0.12, 0.18, 0.08, 0.1, 0.07, 0.04, 0.04])

#: The hard rules the large benchmark applies.
RULES = Rules(
    min_seniority_gap=1,
    require_shared_language=True,
    min_tz_overlap_hours=2,
    forbid_same_reporting_line=True,
)


def _skill(field: int, k: int) -> str:
    return f"f{field:02d}skill{k:02d}"


def make_cohort(
    n_mentees: int, n_mentors: int, *, seed: int = 0, capacity: int = 4
) -> tuple[list[Profile], list[Profile]]:
    """Mentee and mentor profiles for a synthetic programme."""
    rng = np.random.default_rng(seed)
    field_pop = rng.dirichlet(np.full(FIELDS, 2.0))

    def langs() -> tuple[str, ...]:
        out = ["en"] if rng.random() < 0.85 else []
        extra = rng.choice(len(LANGUAGES) - 1, size=int(rng.integers(0, 3)), replace=False) + 1
        out += [LANGUAGES[int(e)] for e in extra]
        return tuple(out) or ("es",)

    def hours() -> tuple[tuple[float, float], ...]:
        return ((9.0, 17.0),) if rng.random() < 0.8 else ((17.0, 22.0),)

    mentor_fields = rng.choice(FIELDS, size=n_mentors, p=field_pop)
    mentors: list[Profile] = []
    for j in range(n_mentors):
        fields = [int(mentor_fields[j])]
        if rng.random() < 0.4:
            fields.append(int(rng.choice(FIELDS, p=field_pop)))
        skills = {
            _skill(f, int(s))
            for f in fields
            for s in rng.choice(SKILLS_PER_FIELD, size=int(rng.integers(3, 6)), replace=False)
        }
        boss = f"r{int(rng.integers(0, j))}" if j and rng.random() < 0.5 else None
        mentors.append(
            Profile(
                id=f"r{j}",
                offers=f"I can help with {' and '.join(sorted(skills)[:2])}",
                offers_tags=tuple(sorted(skills)),
                seniority=float(rng.integers(2, 11)),
                languages=langs(),
                utc_offset_hours=float(rng.choice(OFFSETS, p=OFFSET_P)),
                availability=hours(),
                capacity=capacity,
                manager_id=boss,
            )
        )
    by_field: dict[int, list[int]] = {}
    for j, f in enumerate(mentor_fields.tolist()):
        by_field.setdefault(int(f), []).append(j)
    mentees: list[Profile] = []
    for i in range(n_mentees):
        field = int(rng.choice(FIELDS, p=field_pop))
        wants = {
            _skill(field, int(s))
            for s in rng.choice(SKILLS_PER_FIELD, size=int(rng.integers(2, 5)), replace=False)
        }
        if rng.random() < 0.3:
            other = int(rng.choice(FIELDS, p=field_pop))
            wants.add(_skill(other, int(rng.integers(SKILLS_PER_FIELD))))
        ranking: tuple[str, ...] = ()
        pool = by_field.get(field, [])
        if pool and rng.random() < 0.1:
            picks = rng.choice(pool, size=min(3, len(pool)), replace=False)
            ranking = tuple(f"r{int(p)}" for p in picks)
        boss = f"r{int(rng.integers(0, n_mentors))}" if n_mentors and rng.random() < 0.3 else None
        mentees.append(
            Profile(
                id=f"e{i}",
                wants=f"I want to get better at {sorted(wants)[0]}",
                wants_tags=tuple(sorted(wants)),
                seniority=float(rng.integers(0, 7)),
                languages=langs(),
                utc_offset_hours=float(rng.choice(OFFSETS, p=OFFSET_P)),
                availability=hours(),
                manager_id=boss,
                ranking=ranking,
            )
        )
    return mentees, mentors


def make_pairs(
    n_mentees: int, n_mentors: int, *, k: int = 10, seed: int = 0, capacity: int = 4
) -> tuple[sp.csr_matrix, np.ndarray]:
    """A sparse score matrix (``k`` allowed mentors per mentee, a quarter of
    them among popular mentors so seats are contested) and capacities."""
    rng = np.random.default_rng(seed)
    cols = rng.integers(0, n_mentors, size=(n_mentees, k))
    popular = rng.random((n_mentees, k)) < 0.25
    cols[popular] = rng.integers(0, max(1, n_mentors // 20), size=int(popular.sum()))
    rows = np.repeat(np.arange(n_mentees), k)
    keys = np.unique(rows * n_mentors + cols.ravel())
    r, c = keys // n_mentors, keys % n_mentors
    scores = np.round(rng.random(len(keys)), 6)
    matrix = sp.csr_matrix((scores, (r, c)), shape=(n_mentees, n_mentors))
    return matrix, np.full(n_mentors, capacity, dtype=np.int64)
