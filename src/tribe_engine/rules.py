"""Hard rules: the constraints no assignment may break.

Rules are plain data, honoured alike by :func:`tribe_engine.match` (a score
matrix) and :func:`tribe_engine.match_profiles` (profiles), or refused with an
:class:`~tribe_engine.errors.InvalidRule` that names the rule:

- ``forbidden``: honoured on both.
- ``locked``: kept on both; refused when the pair is not allowed.
- ``min_seniority_gap``: profiles honour it; a matrix run refuses it (a
  matrix has no seniority).
- ``min_tz_overlap_hours``: profiles honour it; a matrix run refuses it when
  above 0 (a matrix has no hours).
- ``require_shared_language``, ``forbid_same_reporting_line``: profiles
  honour them; on a matrix they hold trivially (see below).

The language and reporting-line rules forbid only what they can see (a
profile that lists no language, or no manager, is unknown, not a conflict), so
on a score matrix, which carries neither, they forbid nothing, exactly as for
profiles without those fields.  The seniority and time-zone rules would have
to invent data, so a matrix run refuses them.  "Not allowed" for a locked
pair means forbidden, not stored in a sparse matrix, or broken by a profile
rule.  Values are checked on both paths (:meth:`Rules.validate`).
"""

from __future__ import annotations

import enum
import math
import numbers
from collections.abc import Hashable
from dataclasses import dataclass

from .errors import MSG_RULE_NEEDS_PROFILES, MSG_RULE_VALUE, EngineCode, InvalidRule

__all__ = ["Reason", "Rules"]


class Reason(enum.StrEnum):
    """Why a mentee is left unmatched: the rule that binds.

    ``CAPACITY`` means the mentee had allowed mentors but every one of them is
    full (the optimal mode proves no reshuffle could free a place); the other
    values name the rule that removed the mentee's last possible mentor
    (``FORBIDDEN`` also covers a person who is both mentee and mentor: they
    are never paired with themselves).  ``NOT_ACCEPTABLE`` is reserved for
    explicit preference lists; no run reports it yet (a stable run with lists
    reports a mentee the lists leave out as ``CAPACITY`` when the mentee has
    allowed mentors).  ``OBJECTIVE``: the ``total_fit`` objective left out a
    mentee who had an allowed mentor, because the total is higher without
    them (or no seat was left for them).
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
    OBJECTIVE = "objective"

    @property
    def rule(self) -> str | None:
        """The :class:`Rules` field behind this reason, if one is.  O(1)."""
        return _RULE_OF.get(self)


_RULE_OF = {
    Reason.FORBIDDEN: "forbidden",
    Reason.SENIORITY_GAP: "min_seniority_gap",
    Reason.LANGUAGE: "require_shared_language",
    Reason.TIMEZONE: "min_tz_overlap_hours",
    Reason.REPORTING_LINE: "forbid_same_reporting_line",
}


def _bad_value(rule: str, value: object, expected: str) -> InvalidRule:
    return InvalidRule(
        MSG_RULE_VALUE.format(rule=rule, value=value, expected=expected),
        field=rule,
        code=EngineCode.BAD_RULE_VALUE,
    )


@dataclass(frozen=True)
class Rules:
    """The hard rules of a matching run (see the module docstring for how
    each applies to matrix and to profile input).

    Parameters
    ----------
    forbidden : tuple of (mentee, mentor)
        Pairs that must never be matched (named by a person or an
        administrator).  Elements are ids (profiles, or the ``mentee_ids`` /
        ``mentor_ids`` given to :func:`tribe_engine.match`) or indices.
    locked : tuple of (mentee, mentor)
        Pairs kept exactly as they are; they use up mentor capacity.  A locked
        pair must be allowed by every other rule.
    min_seniority_gap : float or None
        The mentor must be at least this much more senior (profiles only).
    require_shared_language : bool
        At least one shared language.  A profile that lists no language is
        treated as unknown, not as speaking none.
    min_tz_overlap_hours : float
        Minimum overlap of the two availability windows, in hours, from 0 to
        24 (profiles only).  ``0`` disables the rule.
    forbid_same_reporting_line : bool
        Neither person may be in the other's manager chain.
    """

    forbidden: tuple[tuple[Hashable, Hashable], ...] = ()
    locked: tuple[tuple[Hashable, Hashable], ...] = ()
    min_seniority_gap: float | None = None
    require_shared_language: bool = True
    min_tz_overlap_hours: float = 0.0
    forbid_same_reporting_line: bool = True

    @property
    def needs_profiles(self) -> bool:
        """True when a rule can only be checked from profiles.  O(1)."""
        return bool(self._profile_only())

    def _profile_only(self) -> tuple[str, ...]:
        on = (self.min_seniority_gap is not None, self.min_tz_overlap_hours > 0)
        names = ("min_seniority_gap", "min_tz_overlap_hours")
        return tuple(name for name, active in zip(names, on, strict=True) if active)

    def validate(self, *, profiles: bool) -> None:
        """Raise :class:`~tribe_engine.errors.InvalidRule` naming the first
        rule whose value is out of range or, when ``profiles`` is false, the
        first rule in force that needs profiles.

        O(1) time and space: the pair lists are checked where they are
        resolved against the ids (O(f + l) for f forbidden, l locked pairs).
        """
        gap = self.min_seniority_gap
        if gap is not None and not (isinstance(gap, numbers.Real) and math.isfinite(gap)):
            raise _bad_value("min_seniority_gap", gap, "a finite number or None")
        hours = self.min_tz_overlap_hours
        if not (isinstance(hours, numbers.Real) and math.isfinite(hours) and 0 <= hours <= 24):
            raise _bad_value("min_tz_overlap_hours", hours, "a number of hours from 0 to 24")
        needed = self._profile_only()
        if needed and not profiles:
            raise InvalidRule(
                MSG_RULE_NEEDS_PROFILES.format(rule=needed[0]),
                field=needed[0],
                code=EngineCode.RULE_NEEDS_PROFILES,
            )
