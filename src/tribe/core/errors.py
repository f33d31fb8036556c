"""One exception hierarchy for every user-facing failure.

Services raise these; the web layer turns them into form errors, the CLI into a
one-line message and a non-zero exit, the API (later) into one error shape.
Each error carries a stable ``code`` so callers and tests can match on it
without parsing prose, and an optional ``field`` (or line) naming the place.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Self

from django.utils.translation import gettext, ngettext


class ErrorCode(enum.StrEnum):
    """Base of each app's error codes: a stable value and the message a person reads.

    An app declares each code once, with its message:
    ``class MeetingCode(ErrorCode): NOT_MUTUAL = "not_mutual", gettext_noop("…{name}…")``,
    and raises ``Conflict(MeetingCode.NOT_MUTUAL, name=…)``. The value is what the API
    returns and tests match. The message, ``MeetingCode.NOT_MUTUAL.template``, stays
    plain English in the source (so it can be compared and reused; ``gettext_noop``
    only marks it for extraction) and is translated when the error is raised, into
    the language active then (the request's, or the CLI's); its ``{named}``
    placeholders are filled after translation, so a translator may reorder them.
    One table per app keeps codes and words together, so a page, the CLI and the
    API cannot drift apart.
    """

    template: str

    def __new__(cls, value: str, template: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.template = template
        return member

    def message(self, **params: Any) -> str:
        """The message in the active language, placeholders filled (``str.format`` names)."""
        return gettext(str(self.template)).format(**params)


class TribeError(Exception):
    """Base of every error Tribe shows to a person."""

    code: str = "error"
    #: Exit status used by the CLI for this family of errors.
    exit_code: int = 2

    def __init__(
        self,
        message: str | ErrorCode,
        *,
        field: str | None = None,
        code: str | None = None,
        **params: Any,
    ):
        if isinstance(message, ErrorCode):
            code = message if code is None else code
            message = message.message(**params)
        elif params:
            raise TypeError("placeholders are only filled for an ErrorCode message")
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
        if self.field:
            where = gettext("line {line}, {field}").format(line=self.line, field=self.field)
        else:
            where = gettext("line {line}").format(line=self.line)
        return f"{where}: {self.message}"


class ImportRejected(TribeError):
    """A file that cannot be imported; lists every problem found, by line."""

    code = "import_invalid"

    def __init__(
        self, problems: Sequence[RowProblem], *, source: str = "file", code: str | None = None
    ):
        self.problems = list(problems)
        self.source = source
        first = self.problems[0] if self.problems else None
        more = len(self.problems) - 1
        if first:
            message = f"{source}: {first}"
        else:
            message = gettext("{source}: cannot be imported").format(source=source)
        if more > 0:
            message += " " + ngettext(
                "(and {count} more problem)", "(and {count} more problems)", more
            ).format(count=more)
        super().__init__(message, code=code)

    def __str__(self) -> str:
        return self.message
