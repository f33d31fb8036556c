"""One exception hierarchy for every user-facing failure.

Services raise these; the web layer turns them into form errors, the CLI into a
one-line message and a non-zero exit, the API (later) into one error shape.
Each error carries a stable ``code`` so callers and tests can match on it
without parsing prose, and an optional ``field`` (or line) naming the place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class TribeError(Exception):
    """Base of every error Tribe shows to a person."""

    code: str = "error"
    #: Exit status used by the CLI for this family of errors.
    exit_code: int = 2

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        if self.field:
            return f"{self.field}: {self.message}"
        return self.message


class ValidationError(TribeError):
    """Input that breaks a rule: names the field and the problem."""

    code = "invalid"


class NotFound(TribeError):
    """The object does not exist *or the caller may not see it*.

    The two cases share one error on purpose: answering "forbidden" would
    confirm that the object exists.
    """

    code = "not_found"
    exit_code = 3


class Conflict(TribeError):
    """The request clashes with the current state (duplicate, capacity, transition)."""

    code = "conflict"


@dataclass(frozen=True)
class RowProblem:
    """One problem at one place in an uploaded file."""

    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}"
        if self.field:
            where += f", {self.field}"
        return f"{where}: {self.message}"


class ImportRejected(TribeError):
    """A file that cannot be imported; lists every problem found, by line."""

    code = "import_invalid"

    def __init__(self, problems: Sequence[RowProblem], *, source: str = "file"):
        self.problems = list(problems)
        self.source = source
        first = self.problems[0] if self.problems else None
        more = len(self.problems) - 1
        message = f"{source}: {first}" if first else f"{source}: cannot be imported"
        if more > 0:
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(message)

    def __str__(self) -> str:
        return self.message
