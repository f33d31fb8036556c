"""The command line of advocacy relationships: nothing yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers


def add_parsers(sub: SubParsers) -> None:
    """No commands yet."""
