"""Hard rules: the constraints no assignment may break.

Rules are plain data.  Pair-level rules (forbidden and locked pairs) apply to
every problem; the profile-level ones (seniority gap, shared language,
time-zone overlap, reporting line) need profiles and are evaluated by
:class:`tribe_engine.scoring.Scorer`, which turns them into the set of allowed
pairs the solvers work on.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable
from dataclasses import dataclass

__all__ = ["Reason", "Rules"]


class Reason(enum.StrEnum):
    """Why a mentee is left unmatched: the rule that binds.

    ``CAPACITY`` means the mentee had allowed mentors but every one of them is
    full (the optimal mode proves no reshuffle could free a place); the other
    values name the rule that removed the mentee's last possible mentor.
    """

    CAPACITY = "capacity"
    NO_CANDIDATES = "no_candidates"
    FORBIDDEN = "forbidden"
    SENIORITY_GAP = "min_seniority_gap"
    LANGUAGE = "shared_language"
    TIMEZONE = "min_tz_overlap"
    REPORTING_LINE = "same_reporting_line"
    NOT_ACCEPTABLE = "not_acceptable"
    SEVERAL_RULES = "several_rules"


@dataclass(frozen=True)
class Rules:
    """The hard rules of a matching run.

    Parameters
    ----------
    forbidden : tuple of (mentee, mentor)
        Pairs that must never be matched (named by a person or an
        administrator).  Elements are ids (profiles, or the ``mentee_ids`` /
        ``mentor_ids`` given to :func:`tribe_engine.match`) or indices.
    locked : tuple of (mentee, mentor)
        Pairs kept exactly as they are; they use up mentor capacity.
    min_seniority_gap : float or None
        The mentor must be at least this much more senior (profiles only).
    require_shared_language : bool
        At least one shared language (profiles only).  A profile that lists no
        language is treated as unknown, not as speaking none.
    min_tz_overlap_hours : float
        Minimum overlap of the two availability windows, in hours (profiles
        only).  ``0`` disables the rule.
    forbid_same_reporting_line : bool
        Neither person may be in the other's manager chain (profiles only).
    """

    forbidden: tuple[tuple[Hashable, Hashable], ...] = ()
    locked: tuple[tuple[Hashable, Hashable], ...] = ()
    min_seniority_gap: float | None = None
    require_shared_language: bool = True
    min_tz_overlap_hours: float = 0.0
    forbid_same_reporting_line: bool = True

    @property
    def needs_profiles(self) -> bool:
        """True when a rule can only be checked from profiles."""
        return self.min_seniority_gap is not None or self.min_tz_overlap_hours > 0
