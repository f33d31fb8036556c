"""The API of coaching relationships: nothing yet."""

from __future__ import annotations

from tribe.api.common import ApiRouter

router = ApiRouter(tags=["coaching"])
