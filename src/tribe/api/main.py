"""The API itself: one NinjaAPI, its authentication, its error shape and its routers.

Each capability has its module (``tribe/api/<capability>.py``, mirrored by
``tests/api/test_<capability>.py``) holding its schemas and its router; this
module only puts them together. Operation ids are the view functions' names
(``goal_list``), unique across the API, so they are stable for clients.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from tribe.api import errors
from tribe.api.auth import SessionAuth, TokenAuth

__all__ = ["api", "build"]

DESCRIPTION = """\
Everything a person can do in Tribe, over HTTP, as that person.

**Authentication.** A personal API token (make one on the profile page or with
`tribe token create`), sent as `Authorization: Bearer tribe_…`; or the
browser's session, with the `X-CSRFToken` header on every request that changes
something.

**Errors** all have one body: `code` (stable, to match on), `message` (in the
request's language), `field` (the input it is about) and `errors` (every
problem, when there are several). Anything the caller may not see answers 404,
exactly as if it did not exist.

**Lists** take `limit` (1–200, default 50) and `offset`, and answer `items`,
`count` and `next_offset`.

**Moments** carry their offset (`2026-03-10T09:00:00+01:00`); answers are in UTC.
"""


class TribeAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return str(operation.view_func.__name__)


def build() -> NinjaAPI:
    from tribe.api import routers

    instance = TribeAPI(
        title="Tribe",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=[TokenAuth(), SessionAuth()],
        parser=errors.ObjectParser(),
    )
    errors.install(instance)
    for prefix, router in routers.ROUTERS:
        instance.add_router(prefix, router)
    names: dict[str, Any] = {}
    for _, router in routers.ROUTERS:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                name = operation.view_func.__name__
                if name in names:
                    raise RuntimeError(f"two API operations are both called {name}")
                names[name] = operation
    return instance


api = build()
