"""Tribe's matching engine: explained scores, hard rules, and provably
optimal or stable assignment of mentees to mentors with capacities.

A pure library (numpy, scipy, scikit-learn and OR-Tools' min-cost flow); it
imports neither Django nor Tribe's apps.  Start with :func:`match` (score
matrices) or :func:`match_profiles` (profiles), or :func:`rank_candidates`
for one person choosing among mentors.
"""

from .api import Fairness, MatchResult, Stability, Unmatched, match, match_profiles
from .checks import blocking_pairs, greedy_assignment, is_valid_assignment, rules_respected
from .errors import (
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

__all__ = [
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
    "greedy_assignment",
    "is_valid_assignment",
    "match",
    "match_profiles",
    "rank_candidates",
    "rules_respected",
]
