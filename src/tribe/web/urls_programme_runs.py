"""Programme addresses for runs; ``tribe.web.urls_programmes`` puts them under a programme."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tribe.web.views import programme_runs as views

#: Each route sits under ``programmes/<slug:slug>/`` (the view gets ``slug``).
routes: list[URLPattern | URLResolver] = [
    path("runs/", views.programme_runs, name="programme_runs"),
    path("runs/<int:run_id>/", views.programme_run, name="programme_run"),
    path("runs/<int:run_id>/rule/", views.programme_run_rule, name="programme_run_rule"),
    path("runs/<int:run_id>/publish/", views.programme_run_publish, name="programme_run_publish"),
    path("runs/<int:run_id>/discard/", views.programme_run_discard, name="programme_run_discard"),
]
#: Each route sits under ``my-programmes/<slug:slug>/``: a participant's pages.
participant_routes: list[URLPattern | URLResolver] = [
    path("offers/", views.my_programme_offers, name="my_programme_offers"),
]
