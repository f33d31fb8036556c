"""One exception hierarchy for everything the engine refuses.

Every check runs before any work is done, so a caller either gets a result or
one of these.  Each error carries a stable ``code`` and the message templates
are module constants, so tests and adapters match on them instead of on prose.
The engine cannot import :mod:`tribe.core.errors` (it is a pure library); the
Django adapter and the CLI map :class:`EngineError` onto that hierarchy.
"""

from __future__ import annotations

__all__ = [
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
    "MSG_SHAPE",
    "MSG_UNKNOWN_ID",
    "MSG_UNKNOWN_MODE",
    "MSG_WEIGHT",
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


class EngineError(ValueError):
    """Base of every error the engine raises on bad input.

    Subclasses :class:`ValueError` so callers that only know the standard
    library still catch it.  ``field`` names the offending place (a pair, a
    mentor, an id) when there is one.
    """

    code = "engine_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(EngineError):
    """Malformed arrays: wrong shape, wrong type, negative capacity."""

    code = "invalid_input"


class InvalidScore(InvalidInput):
    """A NaN or infinite score, or a duplicate pair."""

    code = "invalid_score"


class UnknownId(InvalidInput):
    """A pair, rule or preference that names someone who is not in the problem."""

    code = "unknown_id"


class InvalidPreference(InvalidInput):
    """A preference list that repeats or names an unknown or unacceptable mentor."""

    code = "invalid_preference"


class InvalidRule(InvalidInput):
    """Rules that contradict each other or the capacities (e.g. a locked pair that is forbidden)."""

    code = "invalid_rule"
