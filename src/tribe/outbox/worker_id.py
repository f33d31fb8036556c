"""The name a process claims messages under: host, process and a random part."""

from __future__ import annotations

import os
import socket

from django.utils.crypto import get_random_string

_ID: str | None = None


def current_worker_id() -> str:
    global _ID
    if _ID is None or not _ID.startswith(f"{socket.gethostname()[:40]}:{os.getpid()}:"):
        _ID = f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"
    return _ID
