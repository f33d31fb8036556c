"""One exception hierarchy for everything the engine refuses.

Every check runs before any work is done, so a caller either gets a result or
one of these.  Each error carries a stable machine ``code`` (an
:class:`EngineCode`: one per message template, so an API can say exactly what
was wrong without parsing prose) and the message templates are module
constants, so tests and adapters match on them instead of on prose.  The
engine cannot import :mod:`tribe.core.errors` (it is a pure library); the
Django adapter and the CLI map :class:`EngineError` onto that hierarchy.
"""

from __future__ import annotations

import enum

__all__ = [
    "MSG_BAD_OBJECTIVE",
    "MSG_BAD_PREFERENCE",
    "MSG_CAPACITY_NEGATIVE",
    "MSG_CAPACITY_NOT_INTEGER",
    "MSG_CYCLE_IN_MANAGERS",
    "MSG_DUPLICATE_ID",
    "MSG_DUPLICATE_PAIR",
    "MSG_LOCKED_CONFLICT",
    "MSG_LOCKED_OVER_CAPACITY",
    "MSG_LOCKED_WITHOUT_SCORE",
    "MSG_NONFINITE_SCORE",
    "MSG_RULE_NEEDS_PROFILES",
    "MSG_RULE_VALUE",
    "MSG_SHAPE",
    "MSG_UNKNOWN_ID",
    "MSG_UNKNOWN_MODE",
    "MSG_WEIGHT",
    "EngineCode",
    "EngineError",
    "InvalidInput",
    "InvalidPreference",
    "InvalidRule",
    "InvalidScore",
    "UnknownId",
]

#: Message templates; ``str.format`` fields are named so callers can rely on them.
MSG_NONFINITE_SCORE = "score for pair ({mentee}, {mentor}) is {value}; scores must be finite"
MSG_CAPACITY_NEGATIVE = "capacity of mentor {mentor} is {value}; capacity cannot be negative"
MSG_CAPACITY_NOT_INTEGER = "capacity of mentor {mentor} is {value}; capacity must be an integer"
MSG_SHAPE = "{what} has shape {got}; expected {expected}"
MSG_UNKNOWN_ID = "{what} names unknown {kind} {id!r}"
MSG_DUPLICATE_PAIR = "pair ({mentee}, {mentor}) appears more than once in {what}"
MSG_DUPLICATE_ID = "{kind} id {id!r} appears more than once"
MSG_BAD_PREFERENCE = "preference list of {who} {id!r} {problem}"
MSG_LOCKED_CONFLICT = "locked pair ({mentee}, {mentor}) {problem}"
MSG_LOCKED_OVER_CAPACITY = "mentor {mentor} has {count} locked mentees but capacity {capacity}"
MSG_LOCKED_WITHOUT_SCORE = "locked pair ({mentee}, {mentor}) has no score in the sparse matrix"
MSG_UNKNOWN_MODE = "mode {mode!r} is not one of 'optimal', 'stable'"
MSG_WEIGHT = "weight {name} is {value}; weights must be finite and non-negative"
MSG_CYCLE_IN_MANAGERS = "manager chain of {id!r} loops back on itself"
MSG_RULE_NEEDS_PROFILES = "rule {rule} needs profiles; use match_profiles"
MSG_RULE_VALUE = "rule {rule} is {value}; it must be {expected}"
MSG_BAD_OBJECTIVE = "objective {value!r} is not allowed; expected {expected}"


class EngineCode(enum.StrEnum):
    """Stable machine codes of the engine's errors.

    The first six are the classes' own codes (``EngineError.code`` and its
    subclasses); the rest name one message template each and are what an
    instance's ``code`` holds when it was raised for that reason.
    """

    ENGINE_ERROR = "engine_error"
    INVALID_INPUT = "invalid_input"
    INVALID_SCORE = "invalid_score"
    UNKNOWN_ID = "unknown_id"
    INVALID_PREFERENCE = "invalid_preference"
    INVALID_RULE = "invalid_rule"
    NONFINITE_SCORE = "nonfinite_score"
    DUPLICATE_SCORE = "duplicate_score"
    BAD_SHAPE = "bad_shape"
    CAPACITY_NEGATIVE = "capacity_negative"
    CAPACITY_NOT_INTEGER = "capacity_not_integer"
    DUPLICATE_ID = "duplicate_id"
    DUPLICATE_RULE_PAIR = "duplicate_rule_pair"
    UNKNOWN_MODE = "unknown_mode"
    BAD_WEIGHT = "bad_weight"
    LOCKED_CONFLICT = "locked_conflict"
    LOCKED_OVER_CAPACITY = "locked_over_capacity"
    LOCKED_WITHOUT_SCORE = "locked_without_score"
    LOCKED_NOT_ALLOWED = "locked_not_allowed"
    CYCLE_IN_MANAGERS = "cycle_in_managers"
    RULE_NEEDS_PROFILES = "rule_needs_profiles"
    BAD_RULE_VALUE = "bad_rule_value"
    BAD_OBJECTIVE = "bad_objective"


class EngineError(ValueError):
    """Base of every error the engine raises on bad input.

    Subclasses :class:`ValueError` so callers that only know the standard
    library still catch it.  ``field`` names the offending place (a pair, a
    mentor, an id, a rule) when there is one; ``code`` is the
    :class:`EngineCode` of the reason (the class's own code when the raise
    gave none).
    """

    code: EngineCode = EngineCode.ENGINE_ERROR

    def __init__(
        self, message: str, *, field: str | None = None, code: EngineCode | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class InvalidInput(EngineError):
    """Malformed arrays: wrong shape, wrong type, negative capacity."""

    code = EngineCode.INVALID_INPUT


class InvalidScore(InvalidInput):
    """A NaN or infinite score, or a duplicate pair."""

    code = EngineCode.INVALID_SCORE


class UnknownId(InvalidInput):
    """A pair, rule or preference that names someone who is not in the problem."""

    code = EngineCode.UNKNOWN_ID


class InvalidPreference(InvalidInput):
    """A preference list that repeats or names an unknown or unacceptable mentor."""

    code = EngineCode.INVALID_PREFERENCE


class InvalidRule(InvalidInput):
    """Rules that contradict each other or the capacities (e.g. a locked pair
    that is forbidden), have a value out of range, or need profiles the input
    does not have."""

    code = EngineCode.INVALID_RULE
