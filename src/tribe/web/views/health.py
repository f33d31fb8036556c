"""The health check: a page a load balancer or a monitor can ask for.

It answers "ok" in plain text to anyone, signed in or not, through the whole
middleware stack, and touches neither the session nor the database, so it says
"the process serves requests" and nothing more. It is also the "bare view" the
page benchmark (bench/page_bench.py) compares every page against.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache  # a cached "ok" would hide a server that stopped answering
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
