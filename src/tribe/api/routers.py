"""Every router of the API and the address it is mounted at, in the order the
document lists them."""

from __future__ import annotations

from ninja import Router

from tribe.api import goals

ROUTERS: list[tuple[str, Router]] = [
    ("/goals", goals.router),
]
