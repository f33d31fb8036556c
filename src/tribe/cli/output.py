"""Output helpers shared by the subcommands: data to stdout, messages to stderr."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def say(message: str) -> None:
    print(message, file=sys.stderr)
