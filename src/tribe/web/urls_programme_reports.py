"""Programme addresses for reports; ``tribe.web.urls_programmes`` puts them under a programme."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

#: Each route sits under ``programmes/<slug:slug>/`` (the view gets ``slug``).
routes: list[URLPattern | URLResolver] = []
#: Each route sits under ``my-programmes/<slug:slug>/``: a participant's pages.
participant_routes: list[URLPattern | URLResolver] = []
