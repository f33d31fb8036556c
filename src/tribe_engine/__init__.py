"""Tribe's matching engine: explained scores, hard rules, and provably
optimal or stable assignment of mentees to mentors with capacities.

A pure library (numpy, scipy, scikit-learn and OR-Tools' min-cost flow); it
imports neither Django nor Tribe's apps.  Start with :func:`match` (score
matrices) or :func:`match_profiles` (profiles), or :func:`rank_candidates`
for one person choosing among mentors.

Every public function states its cost.  Throughout, ``n`` is the number of
mentees, ``m`` of mentors, ``s`` of stored scores (``n m`` for a dense
matrix), ``e`` of candidate edges (about ``n k`` for ``k`` candidates per
mentee), ``t`` the terms of one person's text and ``L`` the languages.

Layout: ``api`` (entry points and what a run is), ``_validate`` (input
checks), ``scoring`` with ``_text``, ``_features``, ``_constraints``,
``_tables`` and ``_candidates`` (profiles to scores and the candidate graph),
``_problem`` (the three sources the solvers read), ``optimal`` and
``stable`` (the solvers), ``_results`` (what comes back), ``rules``,
``errors`` and ``checks`` (public invariant checkers).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._features import overlap_with
    from ._skills import canonical as canonical_skill
    from .api import (
        Fairness,
        MatchResult,
        Stability,
        Unmatched,
        match,
        match_profiles,
        match_scorer,
    )
    from .checks import blocking_pairs, greedy_assignment, is_valid_assignment, rules_respected
    from .errors import (
        EngineCode,
        EngineError,
        InvalidInput,
        InvalidPreference,
        InvalidRule,
        InvalidScore,
        UnknownId,
    )
    from .optimal import Proof
    from .rules import Reason, Rules
    from .scoring import Explanation, Profile, Scorer, Weights, rank_candidates

#: The module each public name lives in.  The names load on first use (PEP
#: 562), so ``import tribe_engine`` stays cheap: numpy, scipy and
#: scikit-learn come in with the part that needs them, and a program that
#: never matches (``tribe --help``, ``tribe today``) never pays for them.
_MODULES: dict[str, tuple[str, ...]] = {
    "._features": ("overlap_with",),
    ".api": (
        "Fairness",
        "MatchResult",
        "Stability",
        "Unmatched",
        "match",
        "match_profiles",
        "match_scorer",
    ),
    ".checks": ("blocking_pairs", "greedy_assignment", "is_valid_assignment", "rules_respected"),
    ".errors": (
        "EngineCode",
        "EngineError",
        "InvalidInput",
        "InvalidPreference",
        "InvalidRule",
        "InvalidScore",
        "UnknownId",
    ),
    ".optimal": ("Proof",),
    ".rules": ("Reason", "Rules"),
    ".scoring": ("Explanation", "Profile", "Scorer", "Weights", "rank_candidates"),
}
#: Public name -> (module, attribute there).
_EXPORTS: dict[str, tuple[str, str]] = {
    name: (module, name) for module, names in _MODULES.items() for name in names
}
_EXPORTS["canonical_skill"] = ("._skills", "canonical")


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), attribute)
    globals()[name] = value  # once loaded, a plain attribute: no second look-up
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "EngineCode",
    "EngineError",
    "Explanation",
    "Fairness",
    "InvalidInput",
    "InvalidPreference",
    "InvalidRule",
    "InvalidScore",
    "MatchResult",
    "Profile",
    "Proof",
    "Reason",
    "Rules",
    "Scorer",
    "Stability",
    "UnknownId",
    "Unmatched",
    "Weights",
    "blocking_pairs",
    "canonical_skill",
    "greedy_assignment",
    "is_valid_assignment",
    "match",
    "match_profiles",
    "match_scorer",
    "overlap_with",
    "rank_candidates",
    "rules_respected",
]
