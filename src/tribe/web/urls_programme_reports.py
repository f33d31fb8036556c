"""Programme addresses for reports; ``tribe.web.urls_programmes`` puts them under a programme."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tribe.web.views import programme_reports as views

#: Each route sits under ``programmes/<slug:slug>/`` (the view gets ``slug``).
routes: list[URLPattern | URLResolver] = [
    path("dashboard/", views.programme_dashboard, name="programme_dashboard"),
    path("report.csv", views.programme_report_csv, name="programme_report_csv"),
    path("report.json", views.programme_report_json, name="programme_report_json"),
    path("surveys/", views.programme_surveys, name="programme_surveys"),
    path("surveys/<int:survey_id>/", views.programme_survey_edit, name="programme_survey_edit"),
    path(
        "surveys/<int:survey_id>/delete/",
        views.programme_survey_delete,
        name="programme_survey_delete",
    ),
    path(
        "surveys/<int:survey_id>/results/",
        views.programme_survey_results,
        name="programme_survey_results",
    ),
]
#: Each route sits under ``my-programmes/<slug:slug>/``: a participant's pages.
participant_routes: list[URLPattern | URLResolver] = [
    path("surveys/", views.my_programme_surveys, name="my_programme_surveys"),
    path(
        "surveys/<int:survey_id>/<int:offer_id>/",
        views.my_programme_survey_answer,
        name="my_programme_survey_answer",
    ),
]
